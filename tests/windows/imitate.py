"""Windows behaviours imitated on Linux, so that CI keeps the Windows fixes fixed.

Each helper reproduces one documented Windows behaviour closely enough for the code under test to
take the same path it takes on a counter PC:

- ``text_mode_descriptors``: ``os.open`` without ``O_BINARY`` gives a text-mode descriptor whose
  ``os.write`` turns every LF into CR LF (the C runtime's ``_write``).
- ``held_for``: ``os.replace`` / ``os.unlink`` refused a few times with ``PermissionError``
  (WinError 32, a sharing violation: an antivirus or the indexer has the file open).
- ``windows_error``: an ``OSError`` carrying a ``winerror`` as Windows raises it.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from motcua_desktop import fileio

WINDOWS_O_BINARY = 0x8000  # _O_BINARY in the Microsoft C runtime


def windows_error(winerror: int, text: str = "The process cannot access the file", path: str = "") -> OSError:
    """An error as Windows raises it: ``errno`` from the C runtime's mapping, ``winerror`` set."""
    mapped = {5: errno.EACCES, 32: errno.EACCES, 33: errno.EACCES, 2: errno.ENOENT, 112: errno.ENOSPC}
    exc: OSError = (PermissionError if mapped.get(winerror) == errno.EACCES else OSError)(
        mapped.get(winerror, errno.EIO), text, path
    )
    exc.winerror = winerror  # type: ignore[attr-defined]
    return exc


@pytest.fixture
def no_waiting(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The back-off of ``fileio`` without sleeping; returns the delays it asked for."""
    waited: list[float] = []
    monkeypatch.setattr(fileio, "_sleep", waited.append)
    return waited


class TextModeDescriptors:
    """Records which descriptors were opened in (imitated) text mode and what they wrote."""

    def __init__(self) -> None:
        self.text_fds: set[int] = set()
        self.translated: list[str] = []


@contextmanager
def text_mode_descriptors(monkeypatch: pytest.MonkeyPatch) -> Iterator[TextModeDescriptors]:
    state = TextModeDescriptors()
    real_open, real_write, real_close = os.open, os.write, os.close
    monkeypatch.setattr(fileio, "O_BINARY", WINDOWS_O_BINARY)

    def fake_open(path: Any, flags: int, mode: int = 0o777, *, dir_fd: int | None = None) -> int:
        binary = bool(flags & WINDOWS_O_BINARY)
        fd = real_open(path, flags & ~WINDOWS_O_BINARY, mode, dir_fd=dir_fd)
        if not binary and flags & (os.O_WRONLY | os.O_RDWR) and not os.path.isdir(path):
            state.text_fds.add(fd)
            state.translated.append(os.fspath(path))
        return fd

    def fake_write(fd: int, data: Any) -> int:
        if fd in state.text_fds:
            raw = bytes(data)
            real_write(fd, raw.replace(b"\n", b"\r\n"))
            return len(raw)
        return real_write(fd, data)

    def fake_close(fd: int) -> None:
        state.text_fds.discard(fd)
        real_close(fd)

    monkeypatch.setattr(os, "open", fake_open)
    monkeypatch.setattr(os, "write", fake_write)
    monkeypatch.setattr(os, "close", fake_close)
    yield state


class Held:
    """How many times a held file refused the operation, and on which paths."""

    def __init__(self, times: int) -> None:
        self.remaining = times
        self.refused: list[str] = []


def held_for(
    monkeypatch: pytest.MonkeyPatch,
    times: int,
    *,
    call: str = "replace",
    winerror: int = 32,
    match: Callable[[str], bool] = lambda _path: True,
) -> Held:
    """``os.<call>`` (``replace`` or ``unlink``) refuses ``times`` times with a sharing violation
    for paths ``match`` accepts (the target of a rename), then works. ``times=-1``: for ever."""
    held = Held(times)
    real = getattr(os, call)

    def refusing(*args: Any, **kwargs: Any) -> Any:
        path = os.fspath(args[-1])
        if match(path) and held.remaining != 0:
            held.remaining -= 1
            held.refused.append(path)
            raise windows_error(winerror, path=path)
        return real(*args, **kwargs)

    monkeypatch.setattr(os, call, refusing)
    return held


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())
