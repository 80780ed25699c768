"""Office-hour settings: defaults, validation and storage round-trip."""

from __future__ import annotations

import json
from datetime import date, time
from decimal import Decimal

import pytest

from motcua_desktop.domain.calendar import CalendarConfig, CalendarDay, DayKind, Session, admin_day
from motcua_desktop.domain.errors import ValidationError
from motcua_desktop.domain.serde import load, to_plain


def test_defaults() -> None:
    config = CalendarConfig()
    assert (config.morning, config.afternoon) == (Session(time(7), time(11, 30)), Session(time(13, 30), time(17)))
    assert config.working_weekdays == (0, 1, 2, 3, 4)
    assert config.hours_per_day == Decimal(8)
    assert config.default_cutoff == time(15)
    assert config.makeup_saturdays_work is True
    assert config.saturday_morning_reception is False
    assert config.describe() == "07:00–11:30 và 13:30–17:00 (8 giờ/ngày)"


def test_shorter_day() -> None:
    config = CalendarConfig(morning=Session(time(7, 30), time(11, 30)))
    assert config.hours_per_day == Decimal("7.5")
    assert config.describe() == "07:30–11:30 và 13:30–17:00 (7,5 giờ/ngày)"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"morning": Session(time(11, 30), time(7))}, "Giờ làm việc buổi sáng"),
        ({"afternoon": Session(time(17), time(13, 30))}, "Giờ làm việc buổi chiều"),
        ({"afternoon": Session(time(11), time(17))}, "Giờ làm việc"),
        ({"working_weekdays": ()}, "Ngày làm việc trong tuần"),
        ({"working_weekdays": (0, 7)}, "Ngày làm việc trong tuần"),
        ({"working_weekdays": (0, 0, 1)}, "Ngày làm việc trong tuần"),
    ],
)
def test_invalid_settings_name_the_field(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        CalendarConfig(**kwargs)  # type: ignore[arg-type]
    assert caught.value.label == field


def test_config_and_day_rows_round_trip_through_serde() -> None:
    config = CalendarConfig(morning=Session(time(7, 30), time(11, 30)), saturday_morning_reception=True)
    assert load(CalendarConfig, json.loads(json.dumps(to_plain(config)))) == config
    row = admin_day(date(2026, 3, 3), DayKind.CLOSURE, "Nghỉ do bão", "Bão số 1", source="QĐ 5/QĐ-UBND")
    assert load(CalendarDay, json.loads(json.dumps(to_plain(row)))) == row


def test_day_row_needs_a_name() -> None:
    with pytest.raises(ValidationError, match="Tên ngày"):
        CalendarDay(date(2026, 3, 3), DayKind.HOLIDAY, " ")
