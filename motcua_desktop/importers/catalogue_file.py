"""A procedure list file → the procedures it gives, and which fields each row carries.

Three layouts are read (``docs/catalogue.md``):

- the program's own (the starter catalogue ``resources/data/catalogue.csv`` and what ``motcua
  catalogue export`` writes): snake_case headings, one column per field, sources included;
- the national procedure database's export (XLSX or CSV): title rows above the header, headings
  such as "Mã thủ tục", "Tên thủ tục", "Lĩnh vực", "Cơ quan thực hiện", merged cells;
- a province's published list: numbered sector rows ("I. LĨNH VỰC HỘ TỊCH") above their
  procedures, time limits and fees in words.

The whole file is checked before anything is written; every problem names the row and column. A
time limit or fee written in words is read only when it states one plain value (``catalogue_cells``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from motcua_desktop.domain.catalogue import Procedure, column_problems, procedure_key
from motcua_desktop.domain.catalogue_merge import IncomingProcedure
from motcua_desktop.domain.errors import FileProblem, FileProblems
from motcua_desktop.domain.text import fold
from motcua_desktop.importers import catalogue_cells as cells
from motcua_desktop.importers.tabular import read_rows

# Canonical column → accepted headings (folded, punctuation removed). A heading also matches the
# longest alias it starts with ("Thời hạn giải quyết (ngày làm việc)" → thoi_han).
COLUMNS: dict[str, tuple[str, ...]] = {
    "stt": ("stt", "tt", "so thu tu"),
    "ma_tthc": ("ma_tthc", "ma tthc", "ma thu tuc", "ma thu tuc hanh chinh", "ma so", "ma so tthc", "ma so thu tuc"),
    "ma_tthc_khac": ("ma_tthc_khac", "ma khac"),
    "ten_thu_tuc": ("ten_thu_tuc", "ten thu tuc", "ten thu tuc hanh chinh", "ten tthc"),
    "linh_vuc": ("linh_vuc", "linh vuc", "ten linh vuc", "linh vuc thuc hien"),
    "noi_tiep_nhan": ("noi_tiep_nhan", "noi tiep nhan", "dia diem thuc hien", "dia diem tiep nhan"),
    "co_quan_giai_quyet": (
        "co_quan_giai_quyet",
        "co quan giai quyet",
        "co quan thuc hien",
        "co quan co tham quyen",
        "co quan co tham quyen giai quyet",
    ),
    "loai_thoi_han": ("loai_thoi_han", "loai thoi han", "don vi thoi han"),
    "thoi_han": ("thoi_han", "thoi han", "thoi han giai quyet", "so ngay"),
    "gio_cat": ("gio_cat", "gio cat"),
    "thoi_han_ghi_chu": ("thoi_han_ghi_chu", "ghi chu thoi han"),
    "le_phi": ("le_phi", "le phi", "phi le phi", "phi", "muc phi", "phi le phi neu co"),
    "le_phi_ghi_chu": ("le_phi_ghi_chu", "ghi chu phi le phi", "ghi chu le phi"),
    "thanh_phan_ho_so": ("thanh_phan_ho_so", "thanh phan ho so", "thanh phan so luong ho so", "ho so gom"),
    "can_cu_phap_ly": ("can_cu_phap_ly", "can cu phap ly", "can cu phap ly cua thu tuc hanh chinh"),
    "nguon": ("nguon",),
    "nguon_ma": ("nguon_ma",),
    "nguon_thoi_han": ("nguon_thoi_han",),
    "nguon_le_phi": ("nguon_le_phi",),
    "nguon_thanh_phan": ("nguon_thanh_phan",),
    "ghi_chu": ("ghi_chu", "ghi chu"),
    "loai_thoi_han_dia_phuong": ("loai_thoi_han_dia_phuong",),
    "thoi_han_dia_phuong": ("thoi_han_dia_phuong",),
    "gio_cat_dia_phuong": ("gio_cat_dia_phuong",),
    "le_phi_dia_phuong": ("le_phi_dia_phuong",),
    "thanh_phan_dia_phuong": ("thanh_phan_dia_phuong",),
    "can_cu_dia_phuong": ("can_cu_dia_phuong",),
}
_ALIASES = sorted(
    ((alias, column) for column, aliases in COLUMNS.items() for alias in aliases), key=lambda a: -len(a[0])
)
HEADER_SEARCH_ROWS = 30

LAYOUT_LABELS = {
    "ours": "danh mục của chương trình",
    "national": "danh sách xuất từ Cơ sở dữ liệu quốc gia về TTHC",
    "provincial": "danh mục TTHC do tỉnh công bố",
}
# Canonical columns whose cell gives each procedure field (a field is carried when its cell is filled).
_TEXT_FIELDS = {
    "ma_tthc_khac": "alt_code",
    "noi_tiep_nhan": "receiving_place",
    "co_quan_giai_quyet": "deciding_agency",
    "thoi_han_ghi_chu": "duration_note",
    "le_phi_ghi_chu": "fee_text",
    "can_cu_phap_ly": "legal_basis",
    "nguon": "source",
    "nguon_ma": "code_source",
    "nguon_thoi_han": "duration_source",
    "nguon_le_phi": "fee_source",
    "nguon_thanh_phan": "documents_source",
    "ghi_chu": "note",
    "can_cu_dia_phuong": "local_basis",
}
_SOURCE_OF = {
    "code": "code_source",
    "duration": "duration_source",
    "fee_amount": "fee_source",
    "documents": "documents_source",
}


@dataclass(frozen=True)
class CatalogueFile:
    incoming: list[IncomingProcedure]
    warnings: list[str]
    layout: str  # "ours" | "national" | "provincial"

    @property
    def procedures(self) -> list[Procedure]:
        return [row.procedure for row in self.incoming]

    @property
    def layout_label(self) -> str:
        return LAYOUT_LABELS[self.layout]


def _heading_key(text: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z_ ]", " ", fold(text)).split())


def column_for(heading: str) -> str | None:
    key = _heading_key(heading)
    if not key:
        return None
    for alias, column in _ALIASES:
        if key == alias:
            return column
    for alias, column in _ALIASES:
        if len(alias) > 3 and key.startswith(alias + " "):
            return column
    return None


def _positions(header: list[str]) -> dict[str, int]:
    positions: dict[str, int] = {}
    for index, heading in enumerate(header):
        column = column_for(heading)
        if column and column not in positions:
            positions[column] = index
    return positions


def _find_header(lines: list[tuple[int, list[str]]], file_name: str) -> int:
    for index, (_, row) in enumerate(lines[:HEADER_SEARCH_ROWS]):
        if "ten_thu_tuc" in _positions(row):
            return index
    raise FileProblem(
        file_name,
        "không tìm thấy dòng tiêu đề có cột «Tên thủ tục» (hoặc ten_thu_tuc).",
        fix="Dùng tệp xuất từ Cơ sở dữ liệu quốc gia về TTHC, danh mục TTHC của tỉnh, hoặc tệp danh mục mẫu.",
    )


def _is_numbering(row: list[str]) -> bool:
    filled = [c for c in row if c]
    return len(filled) >= 3 and all(re.fullmatch(r"\(?\d{1,2}\)?", c) for c in filled)


def _is_subheader(row: list[str], header: list[str], name_at: int) -> bool:
    """A second heading row under merged headings ("Trong đó: Trực tuyến | Trực tiếp"): the name
    column carries the merged heading or nothing, and no cell is a number or a procedure code."""
    cells_ = row + [""] * len(header)
    if cells_[name_at] not in ("", header[name_at]) or _is_numbering(row):
        return False
    for cell in row:
        if re.fullmatch(r"[\d.,]+", cell):
            return False
    return any(c and c != h for c, h in zip(cells_, header, strict=False))


def parse_catalogue(data: bytes, file_name: str) -> CatalogueFile:
    """All procedures of the file, or FileProblems listing every bad row (nothing partial)."""
    lines = read_rows(data, file_name).lines
    at = _find_header(lines, file_name)
    header = list(lines[at][1])
    positions = _positions(header)
    body = lines[at + 1 :]
    ours = any(h.strip() == "ten_thu_tuc" for h in header)
    if body and not ours and _is_subheader(body[0][1], header, positions["ten_thu_tuc"]):
        below = body[0][1] + [""] * len(header)
        header = [h if not b or b == h else f"{h} {b}" for h, b in zip(header, below, strict=False)]
        positions = {**_positions(header), "ten_thu_tuc": positions["ten_thu_tuc"]}
        body = body[1:]
    body = [(line, row) for line, row in body if not _is_numbering(row)]
    reader = _Reader(file_name, header, positions, ours)
    for line, row in body:
        reader.read(line, row)
    if reader.problems:
        raise FileProblems(file_name, reader.problems)
    if not reader.incoming:
        raise FileProblem(file_name, "tệp chỉ có dòng tiêu đề, không có dòng dữ liệu nào.")
    layout = "ours" if ours else "provincial" if reader.sections else "national"
    return CatalogueFile(reader.incoming, reader.warnings, layout)


class _Reader:
    """Reads the data rows one by one, keeping the sector a heading row opened."""

    def __init__(self, file_name: str, header: list[str], positions: dict[str, int], ours: bool) -> None:
        self.file_name = file_name
        self.header = header
        self.positions = positions
        self.ours = ours
        self.sector = ""
        self.sections = 0
        self.problems: list[FileProblem] = []
        self.warnings: list[str] = []
        self.incoming: list[IncomingProcedure] = []
        self.seen: dict[str, tuple[int, Procedure]] = {}

    def read(self, line: int, row: list[str]) -> None:
        def cell(column: str) -> str:
            index = self.positions.get(column)
            return row[index].strip() if index is not None and index < len(row) else ""

        def problem(column: str, text: str, fix: str = "") -> None:
            self.problems.append(FileProblem(self.file_name, text, row=line, column=column, fix=fix))

        if len({c for c in row if c}) == 1:  # a heading row: a sector, a level, a total
            sector = cells.sector_heading(row)
            if sector is not None and not self.ours:
                self.sector, self.sections = sector, self.sections + 1
                return
            if not self.ours:
                self.warnings.append(f"Dòng {line}: «{next(c for c in row if c)[:60]}» không phải thủ tục; bỏ qua.")
                return
        if not cell("ten_thu_tuc") and not self.ours and not cell("ma_tthc"):
            return
        self._procedure(line, cell, problem)

    def _procedure(self, line: int, cell, problem) -> None:  # type: ignore[no-untyped-def]
        problems_before = len(self.problems)
        for column, text in column_problems(cell):
            problem(column, text)
        name, field = cell("ten_thu_tuc"), cell("linh_vuc") or ("" if self.ours else self.sector)
        if not name:
            problem("ten_thu_tuc", "tên thủ tục trống.")
        elif len(name) > 500:
            problem("ten_thu_tuc", "tên thủ tục quá dài (trên 500 ký tự).")
        if not field:
            problem("linh_vuc", "lĩnh vực trống.", "Ví dụ: Hộ tịch, Chứng thực.")
        try:
            code, full = cells.national_code(cell("ma_tthc"))
        except ValueError as exc:
            problem("ma_tthc", f"mã «{exc}» không đúng dạng.", cells.code_fix(str(exc)))
            code, full = "", ""
        values: dict[str, Any] = {}
        for column, name_of in _TEXT_FIELDS.items():
            if cell(column):
                values[name_of] = cell(column)
        if full and "alt_code" not in values:
            values["alt_code"] = full
        duration = self._duration(line, name, cell, problem, values)
        if duration is not None:
            values["duration"] = duration
        fee_cell = cell("le_phi")
        if fee_cell:
            amount = cells.fee_amount(fee_cell)
            if amount is not None:
                values["fee_amount"] = amount
            if amount is None or not self.ours:
                values.setdefault("fee_text", fee_cell)
        if cell("thanh_phan_ho_so"):
            values["documents"] = cells.documents(cell("thanh_phan_ho_so"))
        self._local(cell, problem, values)
        if code:
            values["code"] = code
        for field_name, source in _SOURCE_OF.items():
            if field_name in values and source not in values and not self.ours:
                values[source] = f"Tệp «{self.file_name}»"
        if len(self.problems) > problems_before or not name or not field:
            return
        procedure = replace(Procedure(key=procedure_key(code, name), code=code, name=name, field=field), **values)
        carried = frozenset({"name", "field", *values})
        self._add(line, IncomingProcedure(procedure, carried, line), problem)

    def _duration(self, line: int, name: str, cell, problem, values: dict[str, Any]):  # type: ignore[no-untyped-def]
        if "loai_thoi_han" in self.positions:
            found = cells.duration_from_columns(cell("loai_thoi_han"), cell("thoi_han"), cell("gio_cat"), problem)
            if found is None and cell("loai_thoi_han") and cell("loai_thoi_han").upper() != "TRONG_NGAY":
                self.warnings.append(
                    f"Dòng {line}: thủ tục «{name[:60]}» chưa có số thời hạn; cán bộ sẽ nhập thời hạn khi tiếp nhận."
                )
            return found
        text = cell("thoi_han")
        if not text:
            return None
        found = cells.duration_from_text(text, cells.unit_of_heading(self.header[self.positions["thoi_han"]]))
        if found is None:
            values.setdefault("duration_note", text)
            self.warnings.append(
                f"Dòng {line}: thời hạn «{text[:80]}» của thủ tục «{name[:60]}» không đọc được thành một thời hạn "
                "duy nhất; cán bộ nhập thời hạn khi tiếp nhận."
            )
        return found

    def _local(self, cell, problem, values: dict[str, Any]) -> None:  # type: ignore[no-untyped-def]
        def local_problem(column: str, text: str, fix: str = "") -> None:
            problem(
                {"loai_thoi_han": "loai_thoi_han_dia_phuong", "gio_cat": "gio_cat_dia_phuong"}.get(
                    column, "thoi_han_dia_phuong"
                ),
                text,
                fix,
            )

        if cell("loai_thoi_han_dia_phuong"):
            local = cells.duration_from_columns(
                cell("loai_thoi_han_dia_phuong"), cell("thoi_han_dia_phuong"), cell("gio_cat_dia_phuong"), local_problem
            )
            if local is not None:
                values["local_duration"] = local
        if cell("le_phi_dia_phuong"):
            amount = cells.fee_amount(cell("le_phi_dia_phuong"))
            if amount is None:
                problem(
                    "le_phi_dia_phuong",
                    f"«{cell('le_phi_dia_phuong')}» không phải số tiền.",
                    "Ghi số đồng, 0 nếu không thu.",
                )
            else:
                values["local_fee_amount"] = amount
        if cell("thanh_phan_dia_phuong"):
            values["local_documents"] = cells.documents(cell("thanh_phan_dia_phuong"))

    def _add(self, line: int, row: IncomingProcedure, problem) -> None:  # type: ignore[no-untyped-def]
        procedure = row.procedure
        if procedure.key in self.seen:
            first_line, first = self.seen[procedure.key]
            if first.content_dict() == procedure.content_dict():
                self.warnings.append(f"Dòng {line} trùng hoàn toàn dòng {first_line}; bỏ qua.")
                return
            problem(
                "ma_tthc",
                f"trùng mã/tên thủ tục với dòng {first_line} nhưng khác nội dung.",
                "Mỗi thủ tục chỉ được xuất hiện một lần.",
            )
            return
        self.seen[procedure.key] = (line, procedure)
        self.incoming.append(row)
