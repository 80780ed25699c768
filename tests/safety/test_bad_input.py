"""Bad input to every parser on this branch: catalogue files (CSV in UTF-8, UTF-8 with BOM, UTF-16,
Windows-1258; XLSX; legacy TCVN3/VNI), calendar files, command-line arguments.

Whatever the bytes, the result is the parsed data or a known error naming the file (and the row
and column when a row is at fault) — never another exception — and a refused import writes
nothing."""

from __future__ import annotations

import io
import os
import unicodedata
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motcua_desktop.cli import main
from motcua_desktop.domain.accounts import Role
from motcua_desktop.domain.calendar import DayOrigin, parse_calendar_csv
from motcua_desktop.domain.errors import FileProblem, FileProblems, KnownError
from motcua_desktop.importers.catalogue_file import parse_catalogue
from motcua_desktop.resource_files import resource_path
from motcua_desktop.services.office.calendar_notice import apply_calendar_import, preview_calendar_import
from motcua_desktop.services.office.catalogue import import_catalogue
from motcua_desktop.storage import open_store
from tests.factories import ADMIN_PASSWORD, CLERK_PASSWORD, set_up_office
from tests.helpers.safety import signed_in

CATALOGUE = resource_path("data", "catalogue.csv").read_bytes()
CALENDAR = resource_path("calendar", "holidays-2025-2027.csv").read_bytes()
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "cp1258"]
# Vietnamese typed with the legacy fonts, as the bytes read back (TCVN3/ABC ".VnTime", VNI-Times).
LEGACY_HEADER = "ma_tthc,ten_thu_tuc,linh_vuc\n"
TCVN3 = (
    LEGACY_HEADER + "1.001193,§¨ng ký khai sinh,Hé tÞch\n" * 3 + "1.000001,Chøng thùc b¶n sao,Chøng thùc\n" * 3
).encode("cp1252")
VNI = (
    LEGACY_HEADER + "1.001193,Ñaêng kyù khai sinh,Hoä tòch\n" * 3 + "1.000001,Chöùng thöïc baûn sao,Chöùng thöïc\n"
).encode("cp1252")
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _xlsx(data: bytes) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for line in data.decode("utf-8").splitlines()[:20]:
        sheet.append(line.split(",")[:15])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


XLSX = _xlsx(CATALOGUE)


def mutated(source: bytes) -> st.SearchStrategy[bytes]:
    """Truncated, byte-flipped and spliced variants of a valid file."""

    @st.composite
    def build(draw: st.DrawFn) -> bytes:
        data = bytearray(source)
        for _ in range(draw(st.integers(0, 4))):
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
        if draw(st.booleans()):
            data = data[: draw(st.integers(0, len(data)))]
        if draw(st.booleans()):
            at = draw(st.integers(0, len(data)))
            data[at:at] = draw(st.binary(max_size=40))
        return bytes(data)

    return build()


def encoded_catalogue() -> st.SearchStrategy[bytes]:
    text = CATALOGUE.decode("utf-8")
    return st.sampled_from(ENCODINGS).flatmap(lambda e: mutated(text.encode(e, errors="replace")))


def assert_named(error: KnownError, file_name: str) -> None:
    """Every problem names the file; row-level problems name the row (and the column)."""
    problems = error.problems if isinstance(error, FileProblems) else [error]
    assert problems
    for problem in problems:
        assert isinstance(problem, FileProblem)
        assert problem.message.startswith(f"Tệp «{file_name}»")
        if problem.row is not None:
            assert f"dòng {problem.row}" in problem.message
        if problem.column:
            assert f"cột «{problem.column}»" in problem.message


def parse_or_refuse(parse, data: bytes, file_name: str) -> object | None:  # type: ignore[no-untyped-def]
    try:
        return parse(data, file_name)
    except (FileProblem, FileProblems) as exc:
        assert_named(exc, file_name)
        return None


def whole_procedures(parsed: object) -> bool:
    """Accepted input gives whole procedures with NFC text, never a half-read row."""
    procedures = parsed.procedures  # type: ignore[attr-defined]
    return bool(procedures) and all(
        p.name and p.field and unicodedata.normalize("NFC", p.name) == p.name for p in procedures
    )


def parse_calendar(data: bytes, name: str):  # type: ignore[no-untyped-def]
    return parse_calendar_csv(data, name, origin=DayOrigin.IMPORTED)


@FUZZ
@given(st.one_of(st.binary(max_size=3000), encoded_catalogue(), st.just(TCVN3), st.just(VNI)))
def test_catalogue_csv(data: bytes) -> None:
    parsed = parse_or_refuse(parse_catalogue, data, "danh_muc.csv")
    assert parsed is None or whole_procedures(parsed)


@FUZZ
@given(st.one_of(mutated(XLSX), st.binary(max_size=2000).map(lambda b: b"PK\x03\x04" + b)))
def test_catalogue_xlsx(data: bytes) -> None:
    parsed = parse_or_refuse(parse_catalogue, data, "danh_muc.xlsx")
    assert parsed is None or whole_procedures(parsed)


@FUZZ
@given(st.one_of(st.binary(max_size=3000), mutated(CALENDAR)))
def test_calendar_csv(data: bytes) -> None:
    days = parse_or_refuse(parse_calendar, data, "lich_nghi.csv")
    assert days is None or all(2000 <= d.day.year <= 2100 and d.name for d in days)  # type: ignore[attr-defined]


@pytest.mark.parametrize("data", [TCVN3, VNI], ids=["tcvn3", "vni"])
def test_legacy_encodings_are_converted(data: bytes) -> None:
    parsed = parse_catalogue(data, "cu.csv")
    assert {(p.name, p.field) for p in parsed.procedures} == {
        ("Đăng ký khai sinh", "Hộ tịch"),
        ("Chứng thực bản sao", "Chứng thực"),
    }


GOOD_ROW = {"ma_tthc": "1.001193", "ten_thu_tuc": "Đăng ký khai sinh", "linh_vuc": "Hộ tịch"}
BAD_CELLS = {
    "ma_tthc": "1.23E+5",  # a code Excel turned into a number
    "ten_thu_tuc": "",
    "linh_vuc": "",
    "loai_thoi_han": "NĂM",
    "thoi_han": "năm ngày",
}


@given(st.integers(1, 30), st.integers(0, 29), st.sampled_from(sorted(BAD_CELLS)))
@settings(max_examples=60, deadline=None)
def test_a_bad_row_is_named_by_row_and_column(rows: int, bad: int, column: str) -> None:
    bad %= rows
    header = ["ma_tthc", "ten_thu_tuc", "linh_vuc", "loai_thoi_han", "thoi_han"]
    lines = [",".join(header)]
    for i in range(rows):
        cells = {**GOOD_ROW, "ma_tthc": f"1.{i + 1:06d}", "loai_thoi_han": "NGAY_LAM_VIEC", "thoi_han": "5"}
        if i == bad:
            cells[column] = BAD_CELLS[column]
        lines.append(",".join(cells[c] for c in header))
    line = bad + 2  # the header is line 1
    with pytest.raises(FileProblems) as refused:
        parse_catalogue("\n".join(lines).encode("utf-8"), "danh_muc.csv")
    assert [(p.row, p.column) for p in refused.value.problems] == [(line, column)]
    assert f"Tệp «danh_muc.csv», dòng {line}, cột «{column}»" in str(refused.value)
    assert "Không có dữ liệu nào được ghi" in str(refused.value)


def snapshot(store) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    db = store.db
    return (
        db.execute("SELECT count(*) FROM procedures").fetchone()[0],
        db.execute("SELECT count(*) FROM calendar_days").fetchone()[0],
        store.events.count(),
    )


@FUZZ
@given(st.one_of(encoded_catalogue(), mutated(XLSX)), st.booleans())
def test_a_refused_catalogue_import_writes_nothing(office_store, clock, tmp_path, data, xlsx) -> None:  # type: ignore[no-untyped-def]
    admin = signed_in(office_store, clock, Role.ADMIN)
    path = tmp_path / ("danh_muc.xlsx" if xlsx else "danh_muc.csv")
    path.write_bytes(data)
    before = snapshot(office_store)
    try:
        import_catalogue(admin, path)
    except KnownError as exc:
        assert_named(exc, path.name)
        assert snapshot(office_store) == before


@FUZZ
@given(mutated(CALENDAR))
def test_a_refused_calendar_import_writes_nothing(office_store, clock, tmp_path, data) -> None:  # type: ignore[no-untyped-def]
    admin = signed_in(office_store, clock, Role.ADMIN)
    path = tmp_path / "lich_nghi.csv"
    path.write_bytes(data)
    before = snapshot(office_store)
    try:
        preview = preview_calendar_import(admin, path)
        apply_calendar_import(admin, path, digest=preview.digest)
    except KnownError as exc:
        assert_named(exc, path.name)
        assert snapshot(office_store) == before


# --- command-line arguments ---------------------------------------------------------------------

COMMANDS = [
    ["register", "--procedure"],
    ["register", "--procedure", "1.001193", "--name"],
    ["register", "--procedure", "1.001193", "--name", "Nguyễn Văn An", "--id-number"],
    ["register", "--procedure", "1.001193", "--name", "Nguyễn Văn An", "--birth-date"],
    ["register", "--procedure", "1.001193", "--name", "Nguyễn Văn An", "--phone"],
    ["register", "--procedure", "1.001193", "--name", "Nguyễn Văn An", "--sets"],
    ["search"],
    ["show"],
    ["transition", "000.00.12.H56-261116-0001"],
    ["transition"],
    ["locate"],
    ["audit", "list", "--from"],
    ["audit", "list", "--dossier"],
    ["audit", "list", "--kind"],
    ["clock", "confirm"],
    ["user", "add"],
    ["user", "lock"],
    ["calendar", "due"],
    ["catalogue", "import"],
    ["restore"],
    ["check", "--full"],
    ["backup", "list"],
]
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


@pytest.fixture
def cli_folder(data_dir, clock, monkeypatch):  # type: ignore[no-untyped-def]
    store = open_store(data_dir / "motcua.db")
    set_up_office(store, clock)
    signed_in(store, clock, Role.CLERK)
    store.close()
    monkeypatch.setenv("MOTCUA_USER", "lan.nguyen")
    monkeypatch.setenv("MOTCUA_PASSWORD", CLERK_PASSWORD)
    monkeypatch.setenv("MOTCUA_NEW_PASSWORD", "mat-khau-moi-dai")
    monkeypatch.chdir(data_dir)  # any file a command would write lands in the test folder
    return data_dir


def dossier_count(folder: Path) -> int:
    store = open_store(folder / "motcua.db")
    try:
        return store.dossiers.count()
    finally:
        store.close()


@settings(FUZZ, max_examples=80)
@given(st.sampled_from(COMMANDS), st.lists(TEXT, min_size=1, max_size=3), st.booleans())
def test_command_line_arguments(cli_folder, capsys, command, values, as_json) -> None:  # type: ignore[no-untyped-def]
    argv = [*command, *values] + (["--json"] if as_json else [])
    before = dossier_count(cli_folder)
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse: usage error (2) or help (0)
        code = int(exc.code or 0)
    out = capsys.readouterr()
    assert code in (0, 2, 3), out.err  # 1 would be an unexpected error
    assert "Traceback" not in out.err
    if code == 2:
        assert out.err.strip()  # the refusal is explained
        assert dossier_count(cli_folder) == before  # and nothing was written
    assert os.environ["MOTCUA_PASSWORD"] == CLERK_PASSWORD
    assert ADMIN_PASSWORD not in out.out
