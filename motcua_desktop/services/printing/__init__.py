"""Printing dossiers' forms 01–07 and the tracking book, and the printer choices of this PC."""
