"""Calendar weeks, Monday to Sunday, as the member lives them (her dates, her timezone's today)."""
from datetime import date, timedelta

DAYS_IN_WEEK = 7


def week_start(day: date) -> date:
    """The Monday of the week that holds `day`."""
    return day - timedelta(days=day.weekday())


def week_days(monday: date) -> list[date]:
    return [monday + timedelta(days=i) for i in range(DAYS_IN_WEEK)]


def week_end(monday: date) -> date:
    return monday + timedelta(days=DAYS_IN_WEEK - 1)


def consecutive_pairs(days: list[date]) -> list[tuple[date, date]]:
    """Pairs of days that follow each other, e.g. two band sessions on Monday and Tuesday."""
    ordered = sorted(set(days))
    return [(a, b) for a, b in zip(ordered, ordered[1:], strict=False) if b - a == timedelta(days=1)]


def weeks_since(today: date, joined: date | None, most: int) -> int:
    """How many weeks a chart ending this week shows: `most`, or fewer when she joined later (her first week drawn
    is the later of `most` weeks ago and the week she joined; at least this week)."""
    if joined is None:
        return most
    return max(1, min(most, (week_start(today) - week_start(joined)).days // DAYS_IN_WEEK + 1))
