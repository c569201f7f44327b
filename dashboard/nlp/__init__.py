"""Text processing: sentences, datelines, place names (geoparsing); actors and events slot in here."""
