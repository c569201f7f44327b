"""Event-coding lexicons derived from public dictionaries (see LICENSES.md for their terms)."""
