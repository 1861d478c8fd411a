"""Column helpers shared by Ossify's models."""
from datetime import UTC, datetime


def utcnow() -> datetime:
    """When a row was written: always UTC (members' dates are stored as plain calendar dates)."""
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """A stored moment as an aware UTC datetime (SQLite hands back naive UTC)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
