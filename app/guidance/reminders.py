"""When a reminder is due: pure rules on her calendar, in her time zone (standard library only).

Everything here is a product rule of Ossify's, not a clinical one. Ossify reminds only on the schedule she
entered; it never suggests a dose, a medicine or how often to take one.

Local times and daylight saving: a time she picked that does not exist on the night clocks go forward (02:30 in
New York on the second Sunday of March) is sent at the same distance after the change (03:30); a time that
happens twice on the night clocks go back (01:30 in November) is sent the first time only.
"""
import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

NUDGE_AFTER_DAYS = 3          # "nothing logged for 3 days"
NUDGE_TIME = time(10, 0)      # when the nudge goes, unless quiet hours say later
WEEKLY_EMAIL_WEEKDAY = 0      # Monday
WEEKLY_EMAIL_TIME = time(8, 0)
LOOKBACK = timedelta(hours=6)  # a reminder missed for longer (the queue was down) is not sent late


class Every(StrEnum):
    """How often a medicine is taken, as her prescription says."""
    DAILY = "daily"
    WEEKLY = "weekly"          # on one weekday
    MONTHLY = "monthly"        # on one day of the month
    SIX_MONTHS = "six_months"  # from the last dose she recorded
    YEARLY = "yearly"          # from the last dose she recorded


EVERY_LABELS = {Every.DAILY: "Every day", Every.WEEKLY: "Once a week", Every.MONTHLY: "Once a month",
                Every.SIX_MONTHS: "Every 6 months", Every.YEARLY: "Once a year"}
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Her program's days a week, spread over the week when she has not picked days herself.
SPREAD_DAYS = {1: (0,), 2: (0, 3), 3: (0, 2, 4), 4: (0, 1, 3, 4), 5: (0, 1, 2, 3, 4), 6: (0, 1, 2, 3, 4, 5),
               7: (0, 1, 2, 3, 4, 5, 6)}


def local_moment(day: date, at: time, zone: str) -> datetime:
    """The UTC instant of `at` on `day` in `zone` (see the module's note on daylight saving)."""
    # fold=0: a repeated time is its first occurrence; a skipped one takes the offset from before the change,
    # which lands the same distance after it.
    return datetime.combine(day, at).replace(tzinfo=ZoneInfo(zone), fold=0).astimezone(UTC)


def time_exists(day: date, at: time, zone: str) -> bool:
    """False for a local time the clocks skip on that day."""
    moment = local_moment(day, at, zone).astimezone(ZoneInfo(zone))
    return (moment.date(), moment.time().replace(tzinfo=None)) == (day, at)


@dataclass(frozen=True)
class QuietHours:
    """No message between `start` and `end` (local); one due then goes at `end`. start > end spans midnight."""
    start: time
    end: time

    def contains(self, at: time) -> bool:
        if self.start == self.end:
            return False
        if self.start < self.end:
            return self.start <= at < self.end
        return at >= self.start or at < self.end

    def shift(self, day: date, at: time) -> tuple[date, time]:
        """Where a message due at `at` on `day` goes: the same, or the end of the quiet hours."""
        if not self.contains(at):
            return day, at
        if self.start > self.end and at >= self.start:  # late evening: the end is tomorrow morning
            return day + timedelta(days=1), self.end
        return day, self.end


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the 31st in a shorter month is its last day (31 January + 1 = 28 February)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class MedicineSchedule:
    """A medicine's schedule as her prescription says (see `Every`)."""
    every: Every
    at: time
    weekday: int | None = None       # WEEKLY: 0 = Monday
    day_of_month: int | None = None  # MONTHLY: 1–31; in a shorter month, its last day
    last_dose: date | None = None    # SIX_MONTHS and YEARLY count from it


def medicine_due_days(schedule: MedicineSchedule, first: date, last: date) -> list[date]:
    """The days from `first` to `last` on which a dose is due."""
    days = []
    if schedule.every in (Every.SIX_MONTHS, Every.YEARLY):
        if schedule.last_dose is None:
            return []
        step = 6 if schedule.every is Every.SIX_MONTHS else 12
        n = 1
        while (due := add_months(schedule.last_dose, step * n)) <= last:
            if due >= first:
                days.append(due)
            n += 1
        return days
    day = first
    while day <= last:
        if schedule.every is Every.DAILY:
            days.append(day)
        elif schedule.every is Every.WEEKLY and day.weekday() == schedule.weekday:
            days.append(day)
        elif schedule.every is Every.MONTHLY and schedule.day_of_month is not None:
            month_end = calendar.monthrange(day.year, day.month)[1]
            if day.day == min(schedule.day_of_month, month_end):
                days.append(day)
        day += timedelta(days=1)
    return days


def next_medicine_due(schedule: MedicineSchedule, today: date) -> date | None:
    """The next day (today or later) a dose is due, within two years."""
    found = medicine_due_days(schedule, today, add_months(today, 25))
    return found[0] if found else None


@dataclass(frozen=True)
class Due:
    """One message due: a key unique per person (`kind`, the UTC moment it was due) and what it is about."""
    kind: str            # "exercise", "supplements", "medicine:<id>", "nudge", "weekly_summary"
    due_at: datetime     # UTC
    about: str = ""      # the medicine's name, the week: filled in by the caller's wording


@dataclass(frozen=True)
class ReminderPlan:
    """What she turned on, in her time zone."""
    zone: str
    quiet: QuietHours | None = None
    exercise_days: tuple[int, ...] = ()          # weekdays, 0 = Monday; empty: off
    exercise_at: time | None = None
    supplement_times: tuple[time, ...] = ()      # empty: off
    medicines: tuple[tuple[str, MedicineSchedule], ...] = ()   # (key, schedule) of each medicine reminded
    nudge: bool = False
    weekly_summary: bool = False


def _moments(plan: ReminderPlan, day: date, at: time) -> datetime:
    if plan.quiet is not None:
        day, at = plan.quiet.shift(day, at)
    return local_moment(day, at, plan.zone)


def due_between(plan: ReminderPlan, start: datetime, end: datetime, last_logged: date | None,
                member_since: date) -> list[Due]:
    """Every message due in (start, end] (UTC), each once. `last_logged`: her last day with a log (the nudge)."""
    zone = ZoneInfo(plan.zone)
    first = start.astimezone(zone).date() - timedelta(days=1)  # quiet hours may carry yesterday's to today
    last = end.astimezone(zone).date()
    found: list[Due] = []
    day = first
    while day <= last:
        if plan.exercise_at is not None and day.weekday() in plan.exercise_days:
            found.append(Due("exercise", _moments(plan, day, plan.exercise_at)))
        for at in plan.supplement_times:
            found.append(Due("supplements", _moments(plan, day, at)))
        if plan.weekly_summary and day.weekday() == WEEKLY_EMAIL_WEEKDAY:
            found.append(Due("weekly_summary", _moments(plan, day, WEEKLY_EMAIL_TIME)))
        day += timedelta(days=1)
    for key, schedule in plan.medicines:
        for due_day in medicine_due_days(schedule, first, last):
            found.append(Due(f"medicine:{key}", _moments(plan, due_day, schedule.at)))
    if plan.nudge:
        quiet_since = last_logged or member_since
        nudge_day = quiet_since + timedelta(days=NUDGE_AFTER_DAYS)
        if first <= nudge_day <= last:  # once per quiet spell: the key is the day it fell due
            found.append(Due("nudge", _moments(plan, nudge_day, NUDGE_TIME)))
    return sorted({d for d in found if start < d.due_at <= end}, key=lambda d: (d.due_at, d.kind))
