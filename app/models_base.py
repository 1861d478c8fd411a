"""Column helpers shared by Ossify's models."""
from datetime import UTC, datetime


def utcnow() -> datetime:
    """When a row was written: always UTC (members' dates are stored as plain calendar dates)."""
    return datetime.now(UTC)
