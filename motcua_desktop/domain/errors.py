"""Known errors: situations a clerk can understand and fix, each with a Vietnamese message.

Anything that is not a ``KnownError`` is a bug: the UI logs it and shows a generic apology.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    """Where a bad input belongs: ``key`` is stable and names it for code (the form that shows the message
    under the right box, the command line, tests): ``applicant.id_number``, ``fee``; ``label`` is the
    Vietnamese name the user reads (``Người nộp – Số giấy tờ``) and may be reworded freely."""

    key: str
    label: str

    def part(self, key: str, label: str) -> Field:
        """A field inside this one: ``Field("applicant", "Người nộp").part("phone", "Số điện thoại")`` is
        ``applicant.phone`` labelled ``Người nộp – Số điện thoại``."""
        return Field(f"{self.key}.{key}", f"{self.label} – {label}")


class KnownError(Exception):
    """An expected failure with a message meant for the user (Vietnamese, says what to do)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ValidationError(KnownError):
    """Bad input in one field: the message is ``<label>: <problem> <fix>``; ``key`` says which field."""

    def __init__(self, field: Field, problem: str, fix: str = "") -> None:
        message = f"{field.label}: {problem}"
        if fix:
            message += f" {fix}"
        super().__init__(message)
        self.field = field
        self.problem = problem
        self.fix = fix

    @property
    def key(self) -> str:
        return self.field.key

    @property
    def label(self) -> str:
        return self.field.label

    def within(self, prefix: str) -> str | None:
        """The rest of the key under ``prefix`` (``within("applicant")`` of ``applicant.phone`` is
        ``phone``), None for a field elsewhere."""
        head = prefix + "."
        return self.key[len(head) :] if self.key.startswith(head) else None


class ValidationErrors(KnownError):
    """Several field errors found at once, so the clerk can fix them all in one go."""

    def __init__(self, errors: list[ValidationError]) -> None:
        super().__init__("\n".join(e.message for e in errors))
        self.errors = errors

    @property
    def keys(self) -> list[str]:
        return [e.key for e in self.errors]


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
