"""The standard streams as a Windows program meets them.

- **Redirected output is in the ANSI code page.** ``motcua register … > ketqua.txt`` or a pipe gets
  cp1252/cp1258 (strict) from Python on Windows, which cannot encode "Đã ghi…": the command would
  crash *after* its work was committed. Every stream is switched to UTF-8 at start-up (the console
  itself already is, PEP 528). PowerShell 5 reads a program's output in the console's code page:
  ``docs/windows.md`` says how to make it read UTF-8.
- **A windowed ``motcua.exe`` has no streams at all** (``sys.stdout is None``), e.g. when a
  scheduled task runs it: they are replaced by the null device, so a password prompt says what to
  do instead of crashing, and output goes nowhere rather than raising.
- **The reader may go away** (``motcua search … | more`` closed early, ``| head -1``): writing
  then fails with ``BrokenPipeError`` (POSIX) or ``OSError`` EINVAL / ``ERROR_NO_DATA`` 232
  (Windows). ``write_out`` swallows that once the work is done and points the stream at the null
  device, so neither the command nor the interpreter's final flush reports a failure for work
  that was committed.
"""

from __future__ import annotations

import contextlib
import errno
import io
import logging
import os
import sys
from typing import TextIO

log = logging.getLogger("motcua.streams")

_READER_GONE_ERRNOS = {errno.EPIPE, errno.EINVAL, errno.ESHUTDOWN}
_READER_GONE_WINERRORS = {109, 232}  # ERROR_BROKEN_PIPE, ERROR_NO_DATA


def prepare_streams() -> None:
    """UTF-8 on every standard stream; the null device where the process has none."""
    for name in ("stdin", "stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:
            setattr(sys, name, open(os.devnull, "r" if name == "stdin" else "w", encoding="utf-8"))  # noqa: SIM115
            continue
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        reconfigure = getattr(stream, "reconfigure", None)
        if encoding in ("utf8", "utf8sig") or reconfigure is None:
            continue
        with contextlib.suppress(ValueError, OSError, io.UnsupportedOperation):  # already read from: leave it
            reconfigure(encoding="utf-8", errors="replace" if name == "stdin" else "backslashreplace")


def reader_gone(exc: BaseException) -> bool:
    """The other end of a pipe closed (``| head``, ``| more`` quit early)."""
    if isinstance(exc, BrokenPipeError):
        return True
    if not isinstance(exc, OSError):
        return False
    winerror = getattr(exc, "winerror", None)
    return (winerror in _READER_GONE_WINERRORS) or (winerror is None and exc.errno in _READER_GONE_ERRNOS)


def write_out(text: str, *, stream: TextIO | None = None, end: str = "\n") -> bool:
    """Writes ``text`` and flushes; False (and nothing raised) when the reader has gone away or the
    stream cannot take it. Used for results of work already committed."""
    target = stream if stream is not None else sys.stdout
    try:
        target.write(text + end)
        target.flush()
    except (OSError, ValueError, UnicodeError) as exc:
        if isinstance(exc, OSError) and not reader_gone(exc):
            log.warning("could not write the command's output: %s", exc)
        _silence(target)
        return False
    return True


def _silence(stream: TextIO) -> None:
    """Points the stream at the null device, so that the interpreter's last flush does not fail
    again (and print "Exception ignored …") with what is still buffered."""
    with (
        contextlib.suppress(OSError, ValueError, AttributeError, io.UnsupportedOperation),
        open(os.devnull, "wb") as null,
    ):
        os.dup2(null.fileno(), stream.fileno())
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is stream:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
