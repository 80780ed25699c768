from __future__ import annotations

import unicodedata
from datetime import date
from decimal import Decimal

import pytest

from motcua_desktop.domain.catalogue import Procedure
from motcua_desktop.domain.duration import Duration, DurationUnit
from motcua_desktop.domain.errors import ValidationErrors
from motcua_desktop.domain.registration import DocumentInput, PersonInput, RegistrationRequest, validate_registration

TODAY = date(2026, 11, 16)
BIRTH = Procedure(
    "1.001193",
    "1.001193",
    "Đăng ký khai sinh",
    "Hộ tịch",
    duration=Duration(DurationUnit.SAME_DAY),
    documents=("Tờ khai đăng ký khai sinh", "Giấy chứng sinh"),
)
UNKNOWN_TIME = Procedure("1.012818", "1.012818", "Thu hồi, cấp lại Giấy chứng nhận", "Đất đai")


def request(**overrides: object) -> RegistrationRequest:
    values: dict[str, object] = dict(
        procedure="1.001193",
        applicant=PersonInput(
            full_name=unicodedata.normalize("NFD", "nguyễn  thị  đào"),
            id_number="038187042028",
            birth_date="15/03/1987",
            sex="Nữ",
            phone="0912345678",
            province="38",
            commune="15724",
        ),
        documents=[DocumentInput("Tờ khai đăng ký khai sinh")],
    )
    values.update(overrides)
    return RegistrationRequest(**values)  # type: ignore[arg-type]


def test_valid_form_is_normalised() -> None:
    valid = validate_registration(request(), BIRTH, today=TODAY)
    assert valid.applicant.full_name == "Nguyễn Thị Đào"
    assert unicodedata.is_normalized("NFC", valid.applicant.full_name)
    assert (
        valid.applicant.address.commune_name == "Xã Đồng Tiến" and valid.applicant.address.province_name == "Thanh Hóa"
    )
    assert valid.summary == "Đăng ký khai sinh"
    assert valid.warnings == ()


def test_all_problems_are_reported_together_with_field_names() -> None:
    bad = request(
        applicant=PersonInput(full_name="", id_number="12345", phone="999", birth_date="31/02/2020"),
        documents=[],
        sets_count="abc",
    )
    with pytest.raises(ValidationErrors) as caught:
        validate_registration(bad, BIRTH, today=TODAY)
    keys = caught.value.keys
    for expected in (
        "applicant.full_name",
        "applicant.id_number",
        "applicant.phone",
        "applicant.birth_date",
        "documents",
        "sets_count",
    ):
        assert expected in keys
    labels = [e.label for e in caught.value.errors]
    assert "Người nộp – Họ và tên" in labels and "Số lượng hồ sơ (bộ)" in labels


def test_commune_must_belong_to_the_province() -> None:
    with pytest.raises(ValidationErrors) as caught:
        validate_registration(
            request(
                applicant=PersonInput(
                    full_name="An", id_number="038087042028", province="Hà Nội", commune="Xã Đông Tiến"
                )
            ),
            BIRTH,
            today=TODAY,
        )
    assert caught.value.keys == ["applicant.commune"]
    assert caught.value.errors[0].label == "Người nộp – Xã/phường"


def test_unknown_catalogue_duration_must_be_entered() -> None:
    with pytest.raises(ValidationErrors) as caught:
        validate_registration(request(procedure="1.012818"), UNKNOWN_TIME, today=TODAY)
    assert caught.value.keys == ["duration_amount"]
    valid = validate_registration(
        request(duration_unit="working-days", duration_amount="2,5"), UNKNOWN_TIME, today=TODAY
    )
    assert valid.duration == Duration(DurationUnit.WORKING_DAYS, Decimal("2.5"))


def test_id_number_mismatch_is_only_a_warning() -> None:
    valid = validate_registration(
        request(applicant=PersonInput(full_name="An", id_number="038087042028", sex="nữ")), BIRTH, today=TODAY
    )
    assert any("giới tính" in w for w in valid.warnings)


def test_a_look_alike_commune_is_named_never_chosen() -> None:
    """«Xã Đông Tiến» is not a unit of Thanh Hóa: Phường Đông Tiến and Xã Đồng Tiến are; both offered."""
    applicant = PersonInput(full_name="An", id_number="038087042028", province="Thanh Hóa", commune="Xã Đông Tiến")
    with pytest.raises(ValidationErrors) as caught:
        validate_registration(request(applicant=applicant), BIRTH, today=TODAY)
    assert caught.value.keys == ["applicant.commune"]
    assert caught.value.errors[0].label == "Người nộp – Xã/phường"
    assert "Phường Đông Tiến (mã 15853)" in caught.value.message and "Xã Đồng Tiến (mã 15724)" in caught.value.message
    typed_bare = PersonInput(full_name="An", id_number="038087042028", province="thanh hoa", commune="dong tien")
    with pytest.raises(ValidationErrors) as caught:
        validate_registration(request(applicant=typed_bare), BIRTH, today=TODAY)
    assert (
        caught.value.keys == ["applicant.province"]
        and "Tỉnh/thành phố" in caught.value.errors[0].label
        and "Thanh Hóa (mã 38)" in caught.value.message
    )


def test_an_old_card_address_is_printed_whole_and_the_new_unit_only_as_nay_thuoc() -> None:
    card = "Thôn Phú Lâm, Xã Đông Tiến, Huyện Triệu Sơn, Thanh Hóa"
    person = PersonInput(full_name="An", id_number="038087042028", card_address=card)
    alone = validate_registration(request(applicant=person), BIRTH, today=TODAY)
    assert alone.applicant.address.one_line() == card and alone.applicant.address.commune_code == ""
    chosen = PersonInput(full_name="An", id_number="038087042028", card_address=card, province="38", commune="15724")
    valid = validate_registration(request(applicant=chosen), BIRTH, today=TODAY)
    assert valid.applicant.address.card_address == card
    assert valid.applicant.address.one_line() == f"{card} (nay thuộc Xã Đồng Tiến, Thanh Hóa)"


def test_errors_carry_stable_keys_beside_their_labels() -> None:
    bad = request(
        representative=PersonInput(full_name="Bình", phone="12"),
        documents=[DocumentInput("Giấy chứng sinh", "ban_chinh", "0")],
        fee_amount="năm nghìn",
    )
    with pytest.raises(ValidationErrors) as caught:
        validate_registration(bad, BIRTH, today=TODAY)
    found = {e.key: e.label for e in caught.value.errors}
    assert found["representative.phone"] == "Người được ủy quyền – Số điện thoại"
    assert found["documents.1.count"] == "Thành phần hồ sơ 1 – Số bản"
    assert found["fee"] == "Phí, lệ phí"
    assert [e.within("representative") for e in caught.value.errors if e.key.startswith("repr")] == [
        "id_number",
        "phone",
    ]


def test_papers_are_required_only_when_the_procedure_lists_some() -> None:
    """Issue 15.9: a procedure without a checklist has nothing to tick; one with a checklist needs a paper."""
    with pytest.raises(ValidationErrors) as caught:
        validate_registration(request(documents=[]), BIRTH, today=TODAY)
    assert "documents" in caught.value.keys
    no_list = Procedure(
        "1.014028", "1.014028", "Hỗ trợ chi phí mai táng", "Bảo trợ xã hội", duration=Duration(DurationUnit.SAME_DAY)
    )
    valid = validate_registration(request(procedure="1.014028", documents=[]), no_list, today=TODAY)
    assert valid.documents == ()


def test_a_representative_given_but_empty_is_refused_naming_the_field() -> None:
    """Issue 15.9: "Có người được ủy quyền" ticked and left empty would print "(Trực tiếp)"."""
    with pytest.raises(ValidationErrors) as caught:
        validate_registration(request(representative=PersonInput()), BIRTH, today=TODAY)
    named = {e.key: e.label for e in caught.value.errors}
    assert named["representative.full_name"] == "Người được ủy quyền – Họ và tên"
    assert validate_registration(request(representative=None), BIRTH, today=TODAY).representative is None
