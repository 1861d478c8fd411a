"""Column helpers shared by Ossify's models."""
from datetime import datetime, timezone


def utcnow() -> datetime:
    """When a row was written: always UTC (members' dates are stored as plain calendar dates)."""
    return datetime.now(timezone.utc)
