"""Fixtures of the Windows imitations (``imitate.py``)."""

from tests.windows.imitate import no_waiting

__all__ = ["no_waiting"]
