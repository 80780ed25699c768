"""The office's dossier lists: any text comes out as text, never as a formula."""

from __future__ import annotations

import csv
import io

import openpyxl
from hypothesis import given, settings
from hypothesis import strategies as st

from motcua_desktop.sync.office_files import FORMULA_TRIGGERS, HEADERS, csv_bytes, initials, neutralise, xlsx_bytes

texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)


@given(st.lists(st.lists(texts, min_size=len(HEADERS), max_size=len(HEADERS)), min_size=1, max_size=5))
def test_no_csv_cell_starts_a_formula(rows: list[list[str]]) -> None:
    data = csv_bytes(rows)  # type: ignore[arg-type]
    assert data.startswith("\ufeff".encode())
    parsed = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert parsed[0] == list(HEADERS)
    for row in parsed[1:]:
        assert not any(cell.startswith(FORMULA_TRIGGERS) for cell in row)


@settings(max_examples=20, deadline=None)
@given(st.lists(texts, min_size=len(HEADERS), max_size=len(HEADERS)))
def test_no_xlsx_cell_starts_a_formula(row: list[str]) -> None:
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes("=tiêu đề", [row])))  # type: ignore[list-item]
    cells = [c.value for r in book.active.iter_rows() for c in r if isinstance(c.value, str)]
    assert all(c.data_type != "f" for r in book.active.iter_rows() for c in r)
    assert not any(value.startswith(FORMULA_TRIGGERS) for value in cells)


@given(texts)
def test_neutralised_text_keeps_its_content(text: str) -> None:
    assert neutralise(text).removeprefix("'") == text or neutralise(text) == text


def test_initials_are_a_pseudonym() -> None:
    assert initials("Nguyễn Văn  An") == "N.V.A."
    assert initials("đặng thị ánh") == "Đ.T.Á."
