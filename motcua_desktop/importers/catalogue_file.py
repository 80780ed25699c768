"""The procedure catalogue as exported from the national/provincial procedure database.

Columns follow the starter catalogue (``resources/data/catalogue.csv``, described in
``shared/domain/catalogue.md``); common Vietnamese headings are accepted too. The whole file is
validated before anything is written; every problem names the row and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from motcua_desktop.domain.catalogue import Procedure, column_problems, procedure_key
from motcua_desktop.domain.duration import Duration, DurationUnit, make_duration
from motcua_desktop.domain.errors import FileProblem, FileProblems, ValidationError
from motcua_desktop.domain.text import fold
from motcua_desktop.importers.tabular import read_table

# Canonical column → accepted headings (folded).
COLUMNS: dict[str, tuple[str, ...]] = {
    "ma_tthc": ("ma_tthc", "ma tthc", "ma thu tuc", "ma thu tuc hanh chinh", "ma so"),
    "ma_tthc_khac": ("ma_tthc_khac", "ma khac"),
    "ten_thu_tuc": ("ten_thu_tuc", "ten thu tuc", "ten thu tuc hanh chinh", "ten tthc"),
    "linh_vuc": ("linh_vuc", "linh vuc"),
    "noi_tiep_nhan": ("noi_tiep_nhan", "noi tiep nhan"),
    "co_quan_giai_quyet": ("co_quan_giai_quyet", "co quan giai quyet", "co quan thuc hien"),
    "loai_thoi_han": ("loai_thoi_han", "loai thoi han", "don vi thoi han"),
    "thoi_han": ("thoi_han", "thoi han", "thoi han giai quyet", "so ngay"),
    "gio_cat": ("gio_cat", "gio cat"),
    "thoi_han_ghi_chu": ("thoi_han_ghi_chu", "ghi chu thoi han"),
    "le_phi": ("le_phi", "le phi", "phi le phi", "phi, le phi"),
    "thanh_phan_ho_so": ("thanh_phan_ho_so", "thanh phan ho so"),
    "nguon": ("nguon",),
    "ghi_chu": ("ghi_chu", "ghi chu"),
    "stt": ("stt", "tt"),
}
REQUIRED = ("ten_thu_tuc", "linh_vuc")
LABELS = {"ten_thu_tuc": "ten_thu_tuc (tên thủ tục)", "linh_vuc": "linh_vuc (lĩnh vực)"}

_CODE = re.compile(r"^\d\.\d{6}(\.[0-9A-Z]{1,3})*$")
_FREE = {"mien", "mien phi", "khong", "khong thu"}


@dataclass(frozen=True)
class CatalogueFile:
    procedures: list[Procedure]
    warnings: list[str]


def _map_header(header: list[str], file_name: str) -> dict[str, int]:
    lookup = {alias: column for column, aliases in COLUMNS.items() for alias in aliases}
    positions: dict[str, int] = {}
    for index, heading in enumerate(header):
        column = lookup.get(fold(heading).replace("_", " ").strip()) or lookup.get(heading.strip().lower())
        if column and column not in positions:
            positions[column] = index
    missing = [LABELS[c] for c in REQUIRED if c not in positions]
    if missing:
        raise FileProblem(
            file_name,
            f"thiếu cột {', '.join(missing)}.",
            fix="Dòng đầu tiên phải là tên cột như tệp danh mục mẫu (ma_tthc, ten_thu_tuc, linh_vuc, loai_thoi_han, thoi_han…).",
        )
    return positions


def parse_catalogue(data: bytes, file_name: str) -> CatalogueFile:
    """All procedures of the file, or FileProblems listing every bad row (nothing partial)."""
    table = read_table(data, file_name)
    positions = _map_header(table.header, file_name)
    problems: list[FileProblem] = []
    warnings: list[str] = []
    procedures: list[Procedure] = []
    seen: dict[str, tuple[int, Procedure]] = {}
    for row, line in zip(table.rows, table.row_numbers, strict=True):

        def cell(column: str, row: list[str] = row) -> str:
            index = positions.get(column)
            return row[index] if index is not None and index < len(row) else ""

        def problem(column: str, text: str, fix: str = "", line: int = line) -> None:
            problems.append(FileProblem(file_name, text, row=line, column=column, fix=fix))

        for column, text in column_problems(cell):
            problem(column, text)
        name, field = cell("ten_thu_tuc"), cell("linh_vuc")
        if not name:
            problem("ten_thu_tuc", "tên thủ tục trống.")
        elif len(name) > 500:
            problem("ten_thu_tuc", "tên thủ tục quá dài (trên 500 ký tự).")
        if not field:
            problem("linh_vuc", "lĩnh vực trống.", "Ví dụ: Hộ tịch, Chứng thực.")
        code = cell("ma_tthc").upper()
        if code and not _CODE.match(code):
            fix = "Mã thủ tục có dạng 1.001193."
            if re.fullmatch(r"\d\.\d{1,5}", code):
                fix += " Có thể Excel đã đổi mã thành số và bỏ chữ số 0 ở cuối; hãy định dạng cột là Văn bản."
            problem("ma_tthc", f"mã «{code}» không đúng dạng.", fix)
        duration = _duration(cell("loai_thoi_han"), cell("thoi_han"), cell("gio_cat"), problem)
        if (
            duration is None
            and cell("loai_thoi_han")
            and not cell("thoi_han")
            and cell("loai_thoi_han").upper() != "TRONG_NGAY"
        ):
            warnings.append(
                f"Dòng {line}: thủ tục «{name[:60]}» chưa có số thời hạn; cán bộ sẽ nhập thời hạn khi tiếp nhận."
            )
        fee_text = cell("le_phi")
        fee_amount = _fee_amount(fee_text)
        documents = tuple(part.strip() for part in cell("thanh_phan_ho_so").split("|") if part.strip())
        if not name or not field:
            continue
        procedure = Procedure(
            key=procedure_key(code, name),
            code=code,
            alt_code=cell("ma_tthc_khac"),
            name=name,
            field=field,
            receiving_place=cell("noi_tiep_nhan"),
            deciding_agency=cell("co_quan_giai_quyet"),
            duration=duration,
            duration_note=cell("thoi_han_ghi_chu"),
            fee_text=fee_text,
            fee_amount=fee_amount,
            documents=documents,
            source=cell("nguon"),
            note=cell("ghi_chu"),
        )
        if procedure.key in seen:
            first_line, first = seen[procedure.key]
            if first.content_dict() == procedure.content_dict():
                warnings.append(f"Dòng {line} trùng hoàn toàn dòng {first_line}; bỏ qua.")
                continue
            problem(
                "ma_tthc",
                f"trùng mã/tên thủ tục với dòng {first_line} nhưng khác nội dung.",
                "Mỗi thủ tục chỉ được xuất hiện một lần.",
            )
            continue
        seen[procedure.key] = (line, procedure)
        procedures.append(procedure)
    if problems:
        raise FileProblems(file_name, problems)
    return CatalogueFile(procedures, warnings)


def _duration(unit_text: str, amount_text: str, cutoff_text: str, problem) -> Duration | None:  # type: ignore[no-untyped-def]
    if not unit_text:
        if amount_text:
            problem(
                "loai_thoi_han",
                "có số thời hạn nhưng thiếu loại thời hạn.",
                "Ghi NGAY_LAM_VIEC, NGAY, GIO hoặc TRONG_NGAY.",
            )
        return None
    try:
        unit = DurationUnit(unit_text.strip().upper())
    except ValueError:
        problem(
            "loai_thoi_han", f"«{unit_text}» không phải loại thời hạn.", "Ghi NGAY_LAM_VIEC, NGAY, GIO hoặc TRONG_NGAY."
        )
        return None
    if unit is not DurationUnit.SAME_DAY and not amount_text:
        return None  # known unit, amount depends on the case: entered at reception (a warning)
    try:
        return make_duration(unit.value, amount_text, cutoff_text)
    except ValidationError as exc:
        column = "gio_cat" if exc.key == "duration_cutoff" else "thoi_han"
        problem(column, exc.problem, exc.fix)
        return None


def _fee_amount(text: str) -> int | None:
    folded = fold(text)
    if folded in _FREE:
        return 0
    digits = text.replace(".", "").replace(",", "").replace(" ", "").removesuffix("đ")
    return int(digits) if digits.isdigit() else None
