"""End-of-day sync by files: signed, encrypted event packages, acknowledgements, key cards, the
office's masked dossier lists, and the conversion to the national portal's fields.

Pure functions from data to bytes and back, plus ``media`` (every file operation, injectable so
tests can fail any write/fsync/rename/read). The format is described in ``docs/export-format.md``.
"""
