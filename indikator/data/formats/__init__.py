"""One reader per data file format (raw columns → DataTable); the registry from extension to
format is indikator/formats.py, from format to reader ``READERS`` in indikator/data/readers.py."""
