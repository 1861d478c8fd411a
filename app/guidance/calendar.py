"""Dates as the member lives them: her timezone decides what "today" is."""
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

EARLIEST_DATE = date(1900, 1, 1)
# The last day Ossify reasons about: far enough for any plan, near enough that a week, a trend or a year of age
# computed from it stays a real date (date.max + 1 day overflows).
LATEST_DATE = date(2999, 12, 31)


def is_reasonable_date(day: date) -> bool:
    """A date Ossify can compute weeks, trends and ages around (1900 to 2999)."""
    return EARLIEST_DATE <= day <= LATEST_DATE


def is_valid_timezone(name: str) -> bool:
    """True for an IANA zone name such as 'Europe/London'."""
    if not name or name not in _known_timezones():
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


_ZONES: frozenset[str] | None = None


def _known_timezones() -> frozenset[str]:
    global _ZONES
    if _ZONES is None:
        _ZONES = frozenset(available_timezones())
    return _ZONES


def timezone_names() -> list[str]:
    return sorted(_known_timezones())


def timezone_label(name: str) -> str:
    """"America/Argentina/Buenos_Aires" → "Buenos Aires (America, Argentina)": the city first, as people say it."""
    *region, city = name.split("/")
    return city.replace("_", " ") + (f" ({', '.join(region).replace('_', ' ')})" if region else "")


def resolve_timezone(text: str) -> str | None:
    """The IANA zone she meant: the exact name in any case, or a city ("chicago", "New York", "buenos aires")
    that names one place. None when it names none, or places on different continents."""
    wanted = " ".join(text.replace("_", " ").split()).casefold()
    if not wanted or len(wanted) > 64:
        return None
    by_name = {z.casefold().replace("_", " "): z for z in _known_timezones()}
    if wanted in by_name:
        return by_name[wanted]
    cities = [z for z in _known_timezones() if "/" in z and z.rsplit("/", 1)[1].replace("_", " ").casefold() == wanted
              and not z.startswith(("Etc/", "SystemV/", "US/"))]
    # An old alias and its new name ("America/Buenos_Aires", "America/Argentina/Buenos_Aires") are one place.
    return sorted(cities)[0] if cities and len({c.split("/")[0] for c in cities}) == 1 else None


def today_in(tz_name: str, now: datetime | None = None) -> date:
    """The calendar date in tz_name at the instant `now` (default: the current time)."""
    instant = now or datetime.now(UTC)
    return instant.astimezone(ZoneInfo(tz_name)).date()


def local_date(moment: datetime, tz_name: str) -> date:
    """The calendar date in tz_name at a stored instant (SQLite gives it back without a zone: it is UTC)."""
    return today_in(tz_name, moment if moment.tzinfo else moment.replace(tzinfo=UTC))


def age_on(date_of_birth: date, on: date) -> int:
    """Completed years of age on a given date (docs/clinical-rules.md, "Daily nutrition": age on the day judged)."""
    before_birthday = (on.month, on.day) < (date_of_birth.month, date_of_birth.day)
    return on.year - date_of_birth.year - int(before_birthday)


def past_date_problem(day: date, today: date, what: str) -> str | None:
    """A logged day must have happened, and not before 1900: what to say when it breaks that, or None."""
    if day > today:
        return f"The {what} can't be in the future."
    if day < EARLIEST_DATE:
        return f"The {what} can't be before {EARLIEST_DATE.year}."
    return None
