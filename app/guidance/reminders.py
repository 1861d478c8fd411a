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
    """How often a medicine is taken, as her prescription says (docs/clinical-rules.md, "Medicines": the
    schedules US labels give: alendronate daily or weekly; risedronate daily, weekly, monthly or two consecutive
    days a month; ibandronate monthly or every 3 months; denosumab every 6 months; zoledronic acid yearly or every
    2 years; teriparatide and abaloparatide daily; romosozumab monthly)."""
    DAILY = "daily"
    WEEKLY = "weekly"                      # on one weekday
    MONTHLY = "monthly"                    # on one day of the month
    TWO_DAYS_MONTHLY = "two_days_monthly"  # on one day of the month and the day after
    THREE_MONTHS = "three_months"          # from the last dose she recorded (or her start date)
    SIX_MONTHS = "six_months"
    YEARLY = "yearly"
    TWO_YEARS = "two_years"


EVERY_LABELS = {Every.DAILY: "Every day", Every.WEEKLY: "Once a week", Every.MONTHLY: "Once a month",
                Every.TWO_DAYS_MONTHLY: "Two days in a row, once a month", Every.THREE_MONTHS: "Every 3 months",
                Every.SIX_MONTHS: "Every 6 months", Every.YEARLY: "Once a year", Every.TWO_YEARS: "Every 2 years"}
# Counted from the last dose (or the start date): a dose late by a week moves the next one a week later.
INTERVAL_MONTHS = {Every.THREE_MONTHS: 3, Every.SIX_MONTHS: 6, Every.YEARLY: 12, Every.TWO_YEARS: 24}
MISSED_DOSE_REPEAT = timedelta(days=7)  # product rule: a missed dose is reminded once a week until it is recorded
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
    day_of_month: int | None = None  # MONTHLY, TWO_DAYS_MONTHLY: 1–31; in a shorter month, its last day
    last_dose: date | None = None    # the last dose she recorded
    start_date: date | None = None   # when the schedule starts: the first dose is due then, before any is recorded


def _month_day(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _on_calendar(schedule: MedicineSchedule, day: date) -> bool:
    """Whether the schedule's calendar names this day (daily, weekly and monthly schedules)."""
    if schedule.every is Every.DAILY:
        return True
    if schedule.every is Every.WEEKLY:
        return day.weekday() == schedule.weekday
    if schedule.day_of_month is None:
        return False
    first = _month_day(day.year, day.month, schedule.day_of_month)
    if schedule.every is Every.MONTHLY:
        return day == first
    previous = add_months(day, -1)  # the second day of a pair that began on the last day of last month
    return day in (first, first + timedelta(days=1),
                   _month_day(previous.year, previous.month, schedule.day_of_month) + timedelta(days=1))


def due_date(schedule: MedicineSchedule, today: date) -> date | None:
    """The day her next dose is due (docs/clinical-rules.md, "Medicines": a dose is due): the schedule's date after the
    last dose she recorded, or from her start date before any. It never moves forward by itself: a day in the past
    means the dose is due since then. A daily medicine is due each day; None when nothing says when."""
    if schedule.every is Every.DAILY:
        return max(today, schedule.start_date) if schedule.start_date else today
    if schedule.every in INTERVAL_MONTHS:
        if schedule.last_dose is not None:
            return add_months(schedule.last_dose, INTERVAL_MONTHS[schedule.every])
        return schedule.start_date
    if schedule.last_dose is not None:
        after = schedule.last_dose + timedelta(days=1)
    elif schedule.start_date is not None:
        after = schedule.start_date
    else:
        after = today  # nothing recorded and no start date: the next day on her calendar
    for offset in range(800):
        if _on_calendar(schedule, day := after + timedelta(days=offset)):
            return day
    return None


def due_since(schedule: MedicineSchedule, today: date) -> date | None:
    """The day a dose fell due that she hasn't recorded yet (None: nothing overdue). A daily medicine isn't."""
    if schedule.every is Every.DAILY:
        return None
    due = due_date(schedule, today)
    return due if due is not None and due < today else None


def medicine_due_days(schedule: MedicineSchedule, first: date, last: date) -> list[date]:
    """The days from `first` to `last` a reminder goes: a daily medicine each day (from its start date); any other on
    the day its dose is due and, while it isn't recorded, once a week after (MISSED_DOSE_REPEAT)."""
    if schedule.every is Every.DAILY:
        start = max(first, schedule.start_date) if schedule.start_date else first
        return [start + timedelta(days=n) for n in range((last - start).days + 1)]
    due = due_date(schedule, first)
    days = []
    while due is not None and due <= last:
        if due >= first:
            days.append(due)
        due += MISSED_DOSE_REPEAT
    return days


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
