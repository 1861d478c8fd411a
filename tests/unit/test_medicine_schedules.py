"""When a medicine's dose is due, on every schedule US labels give (guidance README, third build, "Medicines"): the due
date never moves forward by itself; a missed dose is reminded once a week until recorded; month ends, leap days and
time zones. Plain rules: no app, no database."""
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.guidance.reminders import (
    Every,
    MedicineSchedule,
    ReminderPlan,
    due_between,
    due_date,
    due_since,
    medicine_due_days,
)

NINE = time(9, 0)


@pytest.mark.parametrize("schedule, today, due", [
    # Interval schedules count from the last dose, or from the start date before any dose.
    (MedicineSchedule(Every.SIX_MONTHS, NINE, last_dose=date(2026, 5, 18)), date(2026, 12, 7), date(2026, 11, 18)),
    (MedicineSchedule(Every.SIX_MONTHS, NINE, start_date=date(2026, 6, 1)), date(2026, 5, 1), date(2026, 6, 1)),
    (MedicineSchedule(Every.SIX_MONTHS, NINE), date(2026, 5, 1), None),  # nothing says when
    (MedicineSchedule(Every.THREE_MONTHS, NINE, last_dose=date(2026, 11, 30)), date(2026, 12, 7), date(2027, 2, 28)),
    (MedicineSchedule(Every.YEARLY, NINE, last_dose=date(2024, 2, 29)), date(2024, 3, 1), date(2025, 2, 28)),
    (MedicineSchedule(Every.TWO_YEARS, NINE, last_dose=date(2024, 2, 29)), date(2024, 3, 1), date(2026, 2, 28)),
    (MedicineSchedule(Every.TWO_YEARS, NINE, last_dose=date(2026, 2, 28)), date(2027, 1, 1), date(2028, 2, 28)),
    # Calendar schedules: the next day on her calendar after the last dose, or from the start date.
    (MedicineSchedule(Every.MONTHLY, NINE, day_of_month=31, last_dose=date(2026, 1, 31)), date(2026, 2, 1),
     date(2026, 2, 28)),
    (MedicineSchedule(Every.MONTHLY, NINE, day_of_month=31, last_dose=date(2028, 1, 31)), date(2028, 2, 1),
     date(2028, 2, 29)),  # a leap year's February
    (MedicineSchedule(Every.WEEKLY, NINE, weekday=0, start_date=date(2026, 12, 2)), date(2026, 11, 1),
     date(2026, 12, 7)),
    # Two days in a row each month (risedronate): the pair's second day after its first; day 31 runs into the next
    # month, whose 28th-31st is its first day.
    (MedicineSchedule(Every.TWO_DAYS_MONTHLY, NINE, day_of_month=15, last_dose=date(2026, 3, 15)), date(2026, 3, 16),
     date(2026, 3, 16)),
    (MedicineSchedule(Every.TWO_DAYS_MONTHLY, NINE, day_of_month=15, last_dose=date(2026, 3, 16)), date(2026, 3, 17),
     date(2026, 4, 15)),
    (MedicineSchedule(Every.TWO_DAYS_MONTHLY, NINE, day_of_month=31, last_dose=date(2026, 1, 31)), date(2026, 2, 1),
     date(2026, 2, 1)),
    (MedicineSchedule(Every.TWO_DAYS_MONTHLY, NINE, day_of_month=31, last_dose=date(2026, 2, 1)), date(2026, 2, 2),
     date(2026, 2, 28)),
    (MedicineSchedule(Every.TWO_DAYS_MONTHLY, NINE, day_of_month=31, last_dose=date(2026, 2, 28)), date(2026, 3, 1),
     date(2026, 3, 1)),
    (MedicineSchedule(Every.DAILY, NINE, start_date=date(2026, 12, 10)), date(2026, 12, 7), date(2026, 12, 10)),
    (MedicineSchedule(Every.DAILY, NINE, last_dose=date(2026, 1, 1)), date(2026, 12, 7), date(2026, 12, 7)),
])
def test_when_the_next_dose_is_due(schedule: MedicineSchedule, today: date, due: date | None) -> None:
    assert due_date(schedule, today) == due


def test_a_late_denosumab_dose_stays_due_since_its_day_and_never_moves_a_year_ahead() -> None:
    prolia = MedicineSchedule(Every.SIX_MONTHS, NINE, last_dose=date(2026, 5, 18))
    for days_late in (0, 1, 19, 28, 120):
        today = date(2026, 11, 18) + timedelta(days=days_late)
        assert due_date(prolia, today) == date(2026, 11, 18)
        assert due_since(prolia, today) == (date(2026, 11, 18) if days_late else None)
    # Recorded on 7 December (19 days late): the next is 6 months from that dose.
    recorded = MedicineSchedule(Every.SIX_MONTHS, NINE, last_dose=date(2026, 12, 7))
    assert due_date(recorded, date(2026, 12, 8)) == date(2027, 6, 7) and due_since(recorded, date(2026, 12, 8)) is None


def test_a_daily_medicine_is_never_overdue_and_reminds_each_day_from_its_start() -> None:
    daily = MedicineSchedule(Every.DAILY, NINE, start_date=date(2026, 12, 5))
    assert due_since(daily, date(2026, 12, 20)) is None
    assert medicine_due_days(daily, date(2026, 12, 3), date(2026, 12, 7)) == [
        date(2026, 12, 5), date(2026, 12, 6), date(2026, 12, 7)]


def test_a_missed_dose_is_reminded_once_a_week_until_it_is_recorded() -> None:
    prolia = MedicineSchedule(Every.SIX_MONTHS, NINE, last_dose=date(2026, 5, 18))
    assert medicine_due_days(prolia, date(2026, 11, 1), date(2026, 12, 20)) == [
        date(2026, 11, 18), date(2026, 11, 25), date(2026, 12, 2), date(2026, 12, 9), date(2026, 12, 16)]
    monthly = MedicineSchedule(Every.MONTHLY, NINE, day_of_month=1, last_dose=date(2026, 10, 1))
    # Not recorded on 1 November: weekly from then, and 1 December is not a second due date.
    assert medicine_due_days(monthly, date(2026, 11, 1), date(2026, 12, 6)) == [
        date(2026, 11, 1), date(2026, 11, 8), date(2026, 11, 15), date(2026, 11, 22), date(2026, 11, 29),
        date(2026, 12, 6)]


@pytest.mark.parametrize("zone", ["America/New_York", "Pacific/Auckland", "Europe/London"])
def test_the_weekly_missed_dose_reminders_come_at_her_time_in_her_zone_across_clock_changes(zone: str) -> None:
    # New York's clocks go back on 1 November 2026; Auckland's forward on 27 September; London's back on 25 October.
    prolia = MedicineSchedule(Every.SIX_MONTHS, NINE, last_dose=date(2026, 3, 20))
    plan = ReminderPlan(zone=zone, medicines=(("7", prolia),))
    found = due_between(plan, datetime(2026, 9, 15, tzinfo=UTC), datetime(2026, 11, 20, tzinfo=UTC), None,
                        date(2026, 1, 1))
    local = [d.due_at.astimezone(ZoneInfo(zone)) for d in found]
    assert {moment.time() for moment in local} == {NINE}  # 09:00 her time, before and after the change
    assert [moment.date() for moment in local][:3] == [date(2026, 9, 20), date(2026, 9, 27), date(2026, 10, 4)]
    assert all(b - a == timedelta(days=7) for a, b in zip([m.date() for m in local], [m.date() for m in local][1:],
                                                            strict=False))
    assert {d.kind for d in found} == {"medicine:7"}
