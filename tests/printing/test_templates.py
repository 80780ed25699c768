"""A province changes wording, order and columns in the TOML templates, without code changes."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from motcua_desktop.printing import BookLine, PrintOptions, TemplateError, render_book, render_form
from motcua_desktop.printing.markup import BOLD, ITALIC, parse_markup
from motcua_desktop.printing.template import load_template, template_file
from motcua_desktop.resource_files import resource_path
from tests.printing import pdfcheck as pc
from tests.printing import samples as s


@pytest.fixture
def province(tmp_path: Path) -> Path:
    """A province folder holding copies of the shipped templates."""
    folder = tmp_path / "mau_in_tinh"
    shutil.copytree(resource_path("templates"), folder)
    return folder


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    stat = path.stat()  # a new mtime even on coarse file systems
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def test_every_shipped_template_loads() -> None:
    for form_id in ("01", "02", "03", "04", "05", "06", "07"):
        template = load_template(form_id)
        assert template.form_id == form_id
        assert template.default_layout in template.layouts


def test_changed_wording_changes_the_output(province: Path) -> None:
    options = PrintOptions(template_dir=province)
    before = render_form("01", s.dossier(), s.context(), options)
    edit(province / "form01.toml", "6. Đăng ký nhận kết quả tại:", "6. Nơi nhận kết quả:")
    after = render_form("01", s.dossier(), s.context(), options)
    assert before != after
    assert "6. Nơi nhận kết quả: Bộ phận tiếp nhận và trả kết quả" in pc.flat_text(after)
    assert "Đăng ký nhận kết quả tại" not in pc.flat_text(after)
    assert "Đăng ký nhận kết quả tại" in pc.flat_text(render_form("01", s.dossier(), s.context()))  # shipped one


def test_reordered_blocks_print_in_the_new_order(province: Path) -> None:
    path = province / "form01.toml"
    text = path.read_text(encoding="utf-8")
    fee = '[[block]]\ntype = "text"\ntext = "7. Phí, lệ phí: {fee}"\nwhen = "fee"\n\n'
    assert fee in text
    text = text.replace(fee, "")
    anchor = '[[block]]\ntype = "text"\ntext = "Bộ phận tiếp nhận và trả kết quả'
    path.write_text(text.replace(anchor, fee + anchor), encoding="utf-8")
    flat = pc.flat_text(render_form("01", s.dossier(), s.context(), PrintOptions(template_dir=province)))
    assert flat.index("7. Phí, lệ phí") < flat.index("Bộ phận tiếp nhận và trả kết quả:")


def test_book_columns_can_be_removed_and_added(province: Path) -> None:
    path = province / "form07.toml"
    edit(
        path,
        'header = "Cơ quan chủ trì giải quyết"\nvalue = "{deciding_unit}"',
        'header = "Người nhận kết quả"\nvalue = "{collector_name}"',
    )
    pdf = render_book(
        [BookLine.from_dossier(s.returned_dossier(1))],
        s.context(),
        date(2026, 1, 1),
        date(2026, 1, 31),
        PrintOptions(template_dir=province),
    )
    text = pc.flat_text(pdf)
    assert "Người nhận kết quả" in text
    assert "Cơ quan chủ trì giải quyết" not in text


def test_layout_settings_come_from_the_template(province: Path) -> None:
    edit(province / "form02.toml", 'default_layout = "a5"', 'default_layout = "a4"')
    pdf = render_form("02", s.supplement_dossier(), s.context(), PrintOptions(template_dir=province))
    assert pc.page_sizes(pdf)[0] == pytest.approx((595.27, 841.89), abs=0.1)


def test_province_folder_without_a_form_falls_back_to_the_shipped_one(tmp_path: Path) -> None:
    assert template_file("03", tmp_path) == resource_path("templates", "form03.toml")


def test_unknown_field_is_named_with_the_file(province: Path) -> None:
    edit(province / "form03.toml", "Tiếp nhận hồ sơ của: **{applicant_name}**", "Tiếp nhận hồ sơ của: {ho_ten_sai}")
    with pytest.raises(TemplateError, match=r"form03\.toml.*ho_ten_sai.*applicant_name"):
        render_form("03", s.refused_dossier(), s.context(), PrintOptions(template_dir=province))


def test_misspelt_key_is_refused(province: Path) -> None:
    edit(province / "form05.toml", "indent_mm = 8", "indnet_mm = 8")
    with pytest.raises(TemplateError, match="indnet_mm"):
        render_form("05", s.stopped_dossier(), s.context(), PrintOptions(template_dir=province))


def test_broken_toml_is_reported(province: Path) -> None:
    (province / "form04.toml").write_text("[form\nid = 04", encoding="utf-8")
    with pytest.raises(TemplateError, match="không đọc được mẫu in"):
        render_form("04", s.extended_dossier(), s.context(), PrintOptions(template_dir=province))


def test_bad_values_are_refused(province: Path) -> None:
    edit(province / "form06.toml", 'page = "A5"', 'page = "B5"')
    with pytest.raises(TemplateError, match="B5"):
        load_template("06", province)


def test_extra_fields_reach_province_templates(province: Path) -> None:
    edit(province / "form02.toml", "Lý do: {reason|…}", "Lý do: {reason|…} – Zalo: {extra.zalo}")
    pdf = render_form(
        "02", s.supplement_dossier(), s.context(extra={"zalo": "0912 000 111"}), PrintOptions(template_dir=province)
    )
    assert "Zalo: 0912 000 111" in pc.flat_text(pdf)


def test_markup_is_parsed_before_values_so_data_cannot_switch_fonts() -> None:
    markup = parse_markup("Địa chỉ: **{address}** *({note|không có})* \\*")
    runs = markup.render(lambda name: {"address": "Số *12*", "note": ""}[name])
    assert runs == ((0, "Địa chỉ: "), (BOLD, "Số *12*"), (0, " "), (ITALIC, "(không có)"), (0, " *"))
    assert markup.names == ("address", "note")
    with pytest.raises(TemplateError):
        parse_markup("{Tên có dấu}")


def test_condition_on_an_unknown_field_is_refused(province: Path) -> None:
    edit(province / "form01.toml", 'when = "reprint"', 'when = "ban_in_lai"')
    with pytest.raises(TemplateError, match="ban_in_lai"):
        render_form("01", s.dossier(), s.context(), PrintOptions(template_dir=province))
