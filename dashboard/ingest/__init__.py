"""Readers that turn input files into Articles. One module per format, registered by file suffix."""

from dashboard.ingest.errors import IngestError, IngestWarning
from dashboard.ingest.readers import READERS, iter_input_files, read_file

__all__ = ["READERS", "IngestError", "IngestWarning", "iter_input_files", "read_file"]
