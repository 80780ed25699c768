"""Files the program writes for the user (printed forms, reports, key cards): checked before any
work is recorded, written beside their final name and renamed into place, private on POSIX.

Opening the temporary file first proves that the folder exists and is writable, so a command
that will fail to save refuses *before* it records anything (a print, an export): exit code 2
then really means that nothing changed. The file is fsynced and renamed (``fileio``: retried while
an antivirus or a PDF viewer holds the old file, then a true message), so a crash never leaves a
torn file under the final name, and it is created readable by its owner only (0600): these files
carry citizens' personal data.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from motcua_desktop import fileio
from motcua_desktop.domain.errors import FileProblem

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700


class OutputFile:
    """One output file: ``write(data)`` puts it in place; ``discard()`` removes what is left."""

    def __init__(self, path: Path | str, *, default_name: str = "") -> None:
        target = Path(path)
        if str(path).endswith(("/", os.sep)) or target.is_dir():
            if not default_name:
                raise FileProblem(target.name or str(target), "là một thư mục.", fix="Ghi cả tên tệp, ví dụ phieu.pdf.")
            target = target / default_name
        self.path = target
        folder = target.parent
        if not folder.is_dir():
            raise FileProblem(
                target.name, f"thư mục «{folder}» không có.", fix="Chọn thư mục đã có, hoặc tạo thư mục trước."
            )
        try:
            handle, name = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".partial")
        except OSError as exc:
            raise FileProblem(
                target.name,
                f"không ghi được vào thư mục «{folder}» ({exc.strerror}).",
                fix="Chọn thư mục khác (có quyền ghi, còn chỗ trống).",
            ) from None
        os.close(handle)
        self._temporary: Path | None = Path(name)

    def write(self, data: bytes) -> None:
        """Writes, fsyncs and renames into place; a failure is a FileProblem naming the file."""
        temporary = self._temporary
        if temporary is None:
            raise RuntimeError("output file already written")
        try:
            with open(temporary, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temporary, PRIVATE_FILE)
            fileio.replace_file(temporary, self.path)
        except OSError as exc:
            self.discard()
            raise FileProblem(
                self.path.name,
                f"không ghi được ({fileio.reason(exc)}).",
                fix="Chọn thư mục khác hoặc đóng tệp đang mở.",
            ) from None
        self._temporary = None
        with contextlib.suppress(OSError):
            fileio.fsync_dir(self.path.parent)

    def discard(self) -> None:
        if self._temporary is not None:
            with contextlib.suppress(OSError):
                self._temporary.unlink()
            self._temporary = None

    def __enter__(self) -> OutputFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.discard()


def write_file(path: Path | str, data: bytes, *, default_name: str = "") -> Path:
    """Checks, writes and renames in one go (when nothing needs recording in between)."""
    with OutputFile(path, default_name=default_name) as out:
        out.write(data)
    return out.path
