"""The procedure catalogue: the shipped starter list, imports from the province, look-ups."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from motcua_desktop.domain import events as ev
from motcua_desktop.domain.accounts import Permission
from motcua_desktop.domain.catalogue import Procedure
from motcua_desktop.domain.errors import FileProblem, NotFound
from motcua_desktop.domain.text import clean_text, fold
from motcua_desktop.resource_files import resource_path
from motcua_desktop.services.core.context import AppContext, Clock
from motcua_desktop.storage import Store
from motcua_desktop.storage.catalogue_table import CatalogueChange

STARTER_FILE = ("data", "catalogue.csv")


@dataclass(frozen=True)
class ImportResult:
    file_name: str
    change: CatalogueChange
    warnings: list[str]

    def summary(self) -> str:
        c = self.change
        return (
            f"Đã nhập «{self.file_name}»: {c.added} thủ tục mới, {c.updated} thủ tục cập nhật (phiên bản mới), "
            f"{c.unchanged} không đổi" + (f", {c.retired} thôi áp dụng" if c.retired else "") + "."
        )


def load_starter_catalogue(store: Store, clock: Clock, actor: str = "system") -> ImportResult:
    """Loads the shipped starter catalogue (first run)."""
    path = resource_path(*STARTER_FILE)
    return _apply(store, clock, actor, path.read_bytes(), path.name, retire_missing=False)


def import_catalogue(ctx: AppContext, path: Path, *, retire_missing: bool = False) -> ImportResult:
    """Imports a CSV/XLSX catalogue; all or nothing. Changed procedures get a new version, so
    dossiers already received keep the procedure data they were received under."""
    ctx.require(Permission.CATALOGUE)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise FileProblem(Path(path).name, f"không đọc được tệp ({exc.strerror}).") from None
    return _apply(ctx.store, ctx.clock, ctx.actor, data, Path(path).name, retire_missing=retire_missing)


def _apply(
    store: Store, clock: Clock, actor: str, data: bytes, file_name: str, *, retire_missing: bool
) -> ImportResult:
    from motcua_desktop.importers.catalogue_file import parse_catalogue  # the file readers, when importing

    parsed = parse_catalogue(data, file_name)
    now = clock.now()
    with store.transaction():
        change = store.catalogue.apply_import(
            parsed.procedures, source_file=file_name, at=now, retire_missing=retire_missing
        )
        store.events.append(
            kind=ev.CATALOGUE_IMPORTED,
            actor=actor,
            occurred_at=now,
            payload={
                "file": file_name,
                "added": change.added,
                "updated": change.updated,
                "unchanged": change.unchanged,
                "retired": change.retired,
            },
        )
    return ImportResult(file_name, change, parsed.warnings)


def list_procedures(ctx: AppContext) -> list[Procedure]:
    return ctx.store.catalogue.current()


def search_procedures(ctx: AppContext, text: str, limit: int = 20) -> list[Procedure]:
    return ctx.store.catalogue.search(text, limit)


def get_procedure(ctx: AppContext, key_or_code: str) -> Procedure:
    procedure = ctx.store.catalogue.get_current(key_or_code.strip())
    if procedure is None:
        raise NotFound(
            f"Không có thủ tục «{key_or_code}» trong danh mục đang áp dụng. Tra cứu bằng «motcua catalogue list»."
        )
    return procedure


RECENT_WINDOW = 1000  # frequency is taken from the last thousand dossiers of this counter


def frequent_procedures(ctx: AppContext, limit: int = 8) -> list[Procedure]:
    """The procedures this counter received most often lately, most frequent first."""
    counts = ctx.store.dossiers.recent_procedure_counts(RECENT_WINDOW)
    found = []
    for key, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        procedure = ctx.store.catalogue.get_current(key)
        if procedure is not None:
            found.append(procedure)
        if len(found) >= limit:
            break
    return found


def initials(name: str) -> str:
    """First letters of the words of a name, folded: «Đăng ký khai sinh» → ``dkks``."""
    return "".join(word[0] for word in fold(name).split() if word[0].isalnum())


def find_procedures(ctx: AppContext, text: str, limit: int = 20) -> list[Procedure]:
    """Procedures for the reception picker: by words typed without diacritics, by (part of) the
    national code, or by the initials of the name (``dkks``, also ``ks``); the counter's frequent
    ones first, then the shortest (most specific) names. With no text, the whole catalogue with
    the frequent procedures on top."""
    counts = ctx.store.dossiers.recent_procedure_counts(RECENT_WINDOW)
    query = clean_text(text)
    words = fold(query).split()
    letters = words[0] if len(words) == 1 and words[0].isalpha() and len(words[0]) >= 2 else ""
    if not words:
        candidates = list_procedures(ctx)
    else:
        by_key = {p.key: p for p in ctx.store.catalogue.search(query, 1000)}
        if letters:
            for procedure in list_procedures(ctx):
                if letters in initials(procedure.name):
                    by_key.setdefault(procedure.key, procedure)
        candidates = list(by_key.values())

    def rank(p: Procedure) -> tuple[int, int, int, int, str]:
        exact_code = bool(query) and (p.code == query or p.code.startswith(query))
        by_initials = bool(letters) and initials(p.name).startswith(letters)
        return (0 if exact_code else 1, -counts.get(p.key, 0), 0 if by_initials else 1, len(p.name), fold(p.name))

    return sorted(candidates, key=rank)[:limit]
