"""Realistic synthetic Vietnamese people for demo data (names by real surname frequency,
consistent 12-digit ID numbers, phones, addresses)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from motcua_desktop.domain import admin_units
from motcua_desktop.domain.dossier import Address, Person
from motcua_desktop.domain.identity import PROVINCE_ID_CODES, IdType, Sex

SURNAMES = (
    ("Nguyễn", 380),
    ("Trần", 110),
    ("Lê", 95),
    ("Phạm", 70),
    ("Hoàng", 30),
    ("Huỳnh", 20),
    ("Phan", 45),
    ("Vũ", 25),
    ("Võ", 14),
    ("Đặng", 21),
    ("Bùi", 20),
    ("Đỗ", 14),
    ("Hồ", 13),
    ("Ngô", 13),
    ("Dương", 10),
    ("Lý", 5),
    ("Đào", 6),
    ("Đinh", 6),
    ("Trịnh", 5),
    ("Mai", 4),
)
MIDDLE = {
    Sex.MALE: ("Văn", "Văn", "Văn", "Hữu", "Đức", "Minh", "Quang", "Công", "Thành", "Xuân", "Quốc", "Đình", "Tiến"),
    Sex.FEMALE: ("Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Thùy", "Minh", "Phương", "Hồng", "Mai"),
}
GIVEN = {
    Sex.MALE: (
        "An",
        "Bình",
        "Cường",
        "Dũng",
        "Đạt",
        "Đức",
        "Hải",
        "Hùng",
        "Huy",
        "Khoa",
        "Khôi",
        "Long",
        "Minh",
        "Nam",
        "Phong",
        "Phúc",
        "Quân",
        "Quang",
        "Sơn",
        "Tài",
        "Thắng",
        "Thịnh",
        "Trung",
        "Tuấn",
        "Tùng",
        "Việt",
        "Vinh",
        "Hiếu",
        "Hoàng",
        "Kiên",
    ),
    Sex.FEMALE: (
        "Anh",
        "Chi",
        "Dung",
        "Giang",
        "Hà",
        "Hạnh",
        "Hằng",
        "Hoa",
        "Hồng",
        "Hương",
        "Lan",
        "Liên",
        "Linh",
        "Loan",
        "Mai",
        "My",
        "Nga",
        "Ngân",
        "Ngọc",
        "Nhung",
        "Oanh",
        "Phương",
        "Quỳnh",
        "Thảo",
        "Trang",
        "Tuyết",
        "Vân",
        "Yến",
        "Huyền",
        "Thủy",
    ),
}
HAMLETS = (
    "Thôn Phú Lâm",
    "Thôn Đông",
    "Thôn Tây",
    "Thôn Trung",
    "Xóm Mới",
    "Thôn Hòa Bình",
    "Thôn Yên Lập",
    "Thôn Tân Phong",
    "Xóm Chùa",
    "Thôn Đồng Tâm",
    "Thôn Quyết Thắng",
    "Thôn Bắc Sơn",
)
_SURNAME_WEIGHTS = [w for _, w in SURNAMES]
_SURNAME_NAMES = [n for n, _ in SURNAMES]


@dataclass
class PeopleFactory:
    rng: random.Random
    province_code: str
    commune_code: str
    today: date

    def __post_init__(self) -> None:
        self._communes = admin_units.communes(self.province_code) or ()
        code = self.province_code.zfill(3)
        self._id_province = code if code in PROVINCE_ID_CODES else "038"
        self._province = admin_units.province(self.province_code)

    def person(self, *, adult: bool = True) -> Person:
        rng = self.rng
        sex = Sex.MALE if rng.random() < 0.5 else Sex.FEMALE
        name = rng.choices(_SURNAME_NAMES, _SURNAME_WEIGHTS)[0] + " " + rng.choice(MIDDLE[sex])
        if rng.random() < 0.12:
            name += " " + rng.choice(MIDDLE[sex][3:])
        name += " " + rng.choice(GIVEN[sex])
        age_days = rng.randint(18 * 365, 80 * 365) if adult else rng.randint(0, 17 * 365)
        birth = self.today - timedelta(days=age_days)
        return Person(
            full_name=name,
            birth_date=birth,
            sex=sex,
            id_type=IdType.CCCD,
            id_number=self.id_number(birth, sex),
            phone=self.phone() if rng.random() < 0.9 else "",
            address=self.address(),
        )

    def id_number(self, birth: date, sex: Sex) -> str:
        province = self._id_province if self.rng.random() < 0.85 else self.rng.choice(sorted(PROVINCE_ID_CODES))
        century = (birth.year // 100 - 19) * 2 + (1 if sex is Sex.FEMALE else 0)
        return f"{province}{century}{birth.year % 100:02d}{self.rng.randint(0, 999_999):06d}"

    def phone(self) -> str:
        prefix = self.rng.choice(
            (
                "090",
                "091",
                "094",
                "096",
                "097",
                "098",
                "086",
                "088",
                "032",
                "033",
                "035",
                "037",
                "039",
                "070",
                "076",
                "077",
                "081",
                "083",
                "085",
            )
        )
        return prefix + f"{self.rng.randint(0, 9_999_999):07d}"

    def address(self) -> Address:
        if self._province is None:
            return Address(detail=self.rng.choice(HAMLETS))
        commune = admin_units.commune(self.commune_code) if self.rng.random() < 0.8 or not self._communes else None
        if commune is None and self._communes:
            commune = self.rng.choice(self._communes)
        return Address(
            self.rng.choice(HAMLETS),
            commune.code if commune else "",
            commune.name if commune else "",
            self._province.code,
            self._province.name,
        )
