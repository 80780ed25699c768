"""Known errors: situations a clerk can understand and fix, each with a Vietnamese message.

Anything that is not a ``KnownError`` is a bug: the UI logs it and shows a generic apology.
"""

from __future__ import annotations


class KnownError(Exception):
    """An expected failure with a message meant for the user (Vietnamese, says what to do)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ValidationError(KnownError):
    """Bad input in one field; ``field`` is the Vietnamese field label shown next to the input."""

    def __init__(self, field: str, problem: str, fix: str = "") -> None:
        message = f"{field}: {problem}"
        if fix:
            message += f" {fix}"
        super().__init__(message)
        self.field = field
        self.problem = problem
        self.fix = fix


class ValidationErrors(KnownError):
    """Several field errors found at once, so the clerk can fix them all in one go."""

    def __init__(self, errors: list[ValidationError]) -> None:
        super().__init__("\n".join(e.message for e in errors))
        self.errors = errors

    @property
    def fields(self) -> list[str]:
        return [e.field for e in self.errors]


class FileProblem(KnownError):
    """An input file cannot be used; names the file and, when known, the row and column."""

    def __init__(
        self, file_name: str, problem: str, *, row: int | None = None, column: str | None = None, fix: str = ""
    ) -> None:
        where = f"Tệp «{file_name}»"
        if row is not None:
            where += f", dòng {row}"
        if column:
            where += f", cột «{column}»"
        message = f"{where}: {problem}"
        if fix:
            message += f" {fix}"
        super().__init__(message)
        self.file_name = file_name
        self.row = row
        self.column = column
        self.problem = problem


class FileProblems(KnownError):
    """All problems found in one file; nothing from the file was written."""

    def __init__(self, file_name: str, problems: list[FileProblem], limit: int = 30) -> None:
        shown = [p.message for p in problems[:limit]]
        if len(problems) > limit:
            shown.append(f"… và {len(problems) - limit} lỗi khác.")
        shown.append("Không có dữ liệu nào được ghi; hãy sửa tệp rồi nhập lại.")
        super().__init__("\n".join(shown))
        self.file_name = file_name
        self.problems = problems


class TransitionError(KnownError):
    """An action that the dossier's current status does not allow."""


class NotFound(KnownError):
    """The requested dossier, procedure, user… does not exist."""


class PermissionDenied(KnownError):
    """The signed-in user's role does not allow the action."""


class ConflictError(KnownError):
    """The data changed underneath (another counter, another window) or would duplicate something."""
