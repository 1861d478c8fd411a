"""Unit conversions and the member's calendar: no app, no database."""
from datetime import UTC, date, datetime

import pytest

from app.guidance.calendar import age_on, is_valid_timezone, today_in
from app.guidance.units import kg_to_lb, lb_to_kg, vitamin_d_iu_to_ug, vitamin_d_ug_to_iu, weight_from_kg, weight_to_kg


def test_pound_is_exactly_0_45359237_kg() -> None:
    assert lb_to_kg(1) == 0.45359237
    assert lb_to_kg(150) == pytest.approx(68.0388555)
    assert kg_to_lb(lb_to_kg(137.5)) == pytest.approx(137.5)


@pytest.mark.parametrize("value, unit, kg", [(60, "kg", 60), (132.277, "lb", 60.0)])
def test_weight_to_kg(value: float, unit: str, kg: float) -> None:
    assert weight_to_kg(value, unit) == pytest.approx(kg, abs=1e-3)
    assert weight_from_kg(kg, unit) == pytest.approx(value, abs=1e-3)


def test_weight_unit_must_be_known() -> None:
    with pytest.raises(ValueError):
        weight_to_kg(60, "stone")


@pytest.mark.parametrize("ug, iu", [(15, 600), (20, 800), (100, 4000), (0.5, 20)])
def test_vitamin_d_40_iu_per_microgram(ug: float, iu: float) -> None:
    assert vitamin_d_ug_to_iu(ug) == iu
    assert vitamin_d_iu_to_ug(iu) == ug


@pytest.mark.parametrize("name, valid", [
    ("Europe/London", True), ("America/New_York", True), ("UTC", True), ("Pacific/Kiritimati", True),
    ("Mars/Olympus_Mons", False), ("", False), ("europe/london", False), ("../etc/passwd", False),
])
def test_is_valid_timezone(name: str, valid: bool) -> None:
    assert is_valid_timezone(name) is valid


def test_today_follows_the_members_timezone() -> None:
    instant = datetime(2026, 3, 1, 2, 30, tzinfo=UTC)  # 1 March 02:30 UTC
    assert today_in("UTC", instant) == date(2026, 3, 1)
    assert today_in("America/Los_Angeles", instant) == date(2026, 2, 28)   # UTC−8: still 28 Feb
    assert today_in("Pacific/Kiritimati", instant) == date(2026, 3, 1)      # UTC+14


@pytest.mark.parametrize("born, on, age", [
    (date(1960, 6, 15), date(2026, 6, 14), 65),
    (date(1960, 6, 15), date(2026, 6, 15), 66),
    (date(1960, 2, 29), date(2026, 2, 28), 65),   # leap-day birthday: birthday counted from 1 March
    (date(1960, 2, 29), date(2026, 3, 1), 66),
])
def test_age_on_a_date(born: date, on: date, age: int) -> None:
    assert age_on(born, on) == age
