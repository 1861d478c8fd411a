"""When reminders are due: daylight saving, quiet hours, month ends, medicine schedules, the nudge."""
from datetime import UTC, date, datetime, time

import pytest

from app.guidance.reminders import (
    Every,
    MedicineSchedule,
    QuietHours,
    ReminderPlan,
    add_months,
    due_between,
    due_date,
    local_moment,
    medicine_due_days,
    time_exists,
)

NY = "America/New_York"


@pytest.mark.parametrize("day, at, expected", [
    (date(2026, 3, 7), time(2, 30), datetime(2026, 3, 7, 7, 30, tzinfo=UTC)),   # EST, the day before
    (date(2026, 3, 8), time(2, 30), datetime(2026, 3, 8, 7, 30, tzinfo=UTC)),   # skipped: 03:30 EDT
    (date(2026, 3, 8), time(3, 30), datetime(2026, 3, 8, 7, 30, tzinfo=UTC)),   # the same moment
    (date(2026, 11, 1), time(1, 30), datetime(2026, 11, 1, 5, 30, tzinfo=UTC)),  # twice: the first (EDT)
    (date(2026, 11, 1), time(2, 30), datetime(2026, 11, 1, 7, 30, tzinfo=UTC)),  # after: EST
])
def test_local_times_across_daylight_saving(day: date, at: time, expected: datetime) -> None:
    assert local_moment(day, at, NY) == expected


def test_a_skipped_time_is_known() -> None:
    assert not time_exists(date(2026, 3, 8), time(2, 30), NY)
    assert time_exists(date(2026, 3, 9), time(2, 30), NY)
    assert time_exists(date(2026, 11, 1), time(1, 30), NY)


@pytest.mark.parametrize("start, end, at, day_after, expected", [
    (time(21), time(8), time(22), True, time(8)),    # late evening: tomorrow at 08:00
    (time(21), time(8), time(6), False, time(8)),    # early morning: today at 08:00
    (time(21), time(8), time(8), False, time(8)),    # the end itself is not quiet
    (time(21), time(8), time(12), False, time(12)),
    (time(13), time(15), time(14), False, time(15)),  # an afternoon nap
    (time(9), time(9), time(9), False, time(9)),     # start = end: no quiet hours
])
def test_quiet_hours_move_a_message_to_their_end(start: time, end: time, at: time, day_after: bool,
                                                  expected: time) -> None:
    day = date(2026, 6, 10)
    moved = QuietHours(start, end).shift(day, at)
    assert moved == (date(2026, 6, 11) if day_after else day, expected)


@pytest.mark.parametrize("day, months, expected", [
    (date(2026, 1, 31), 1, date(2026, 2, 28)), (date(2028, 1, 31), 1, date(2028, 2, 29)),
    (date(2026, 8, 31), 6, date(2027, 2, 28)), (date(2026, 3, 15), 12, date(2027, 3, 15)),
    (date(2026, 12, 1), 1, date(2027, 1, 1)),
])
def test_months_end_on_the_last_day_of_a_shorter_month(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


def test_medicine_schedules() -> None:
    feb = (date(2027, 2, 1), date(2027, 2, 28))
    assert medicine_due_days(MedicineSchedule(Every.MONTHLY, time(8), day_of_month=31), *feb) == [date(2027, 2, 28)]
    assert medicine_due_days(MedicineSchedule(Every.WEEKLY, time(8), weekday=6), *feb) == [
        date(2027, 2, 7), date(2027, 2, 14), date(2027, 2, 21), date(2027, 2, 28)]
    assert len(medicine_due_days(MedicineSchedule(Every.DAILY, time(8)), *feb)) == 28
    six = MedicineSchedule(Every.SIX_MONTHS, time(9), last_dose=date(2026, 8, 31))
    assert due_date(six, date(2026, 12, 5)) == date(2027, 2, 28)
    yearly = MedicineSchedule(Every.YEARLY, time(9), last_dose=date(2026, 5, 20))
    assert due_date(yearly, date(2026, 12, 5)) == date(2027, 5, 20)
    assert due_date(MedicineSchedule(Every.YEARLY, time(9)), date(2026, 12, 5)) is None  # no dose yet


def test_each_message_is_due_once_in_her_time_zone() -> None:
    plan = ReminderPlan(zone=NY, exercise_days=(0, 2), exercise_at=time(9), supplement_times=(time(8), time(20)),
                        weekly_summary=True, nudge=True, quiet=QuietHours(time(21), time(8, 30)))
    # Monday 7 December 2026 in New York (EST, UTC-5), the whole day.
    due = due_between(plan, datetime(2026, 12, 7, 5, 0, tzinfo=UTC), datetime(2026, 12, 8, 5, 0, tzinfo=UTC),
                      last_logged=date(2026, 12, 4), member_since=date(2026, 1, 1))
    # Quiet until 08:30: the 08:00 summary and supplements wait until then; the 20:00 supplements are before 21:00.
    assert [(d.kind, d.due_at.strftime("%d %H:%M")) for d in due] == [
        ("supplements", "07 13:30"), ("weekly_summary", "07 13:30"), ("exercise", "07 14:00"), ("nudge", "07 15:00"),
        ("supplements", "08 01:00")]


def test_the_nudge_comes_once_per_quiet_spell() -> None:
    plan = ReminderPlan(zone="UTC", nudge=True)
    week = due_between(plan, datetime(2026, 12, 1, tzinfo=UTC), datetime(2026, 12, 10, tzinfo=UTC),
                       last_logged=date(2026, 12, 2), member_since=date(2026, 1, 1))
    assert [(d.kind, d.due_at) for d in week] == [("nudge", datetime(2026, 12, 5, 10, 0, tzinfo=UTC))]
