"""A result of one of the STEADI tests, and a therapist's request that she repeat one."""
from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, Date, DateTime, Float, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models_base import utcnow

TESTS_SQL = "('chair_stand', 'timed_up_and_go', 'balance', 'stay_independent')"
NAME_MAX = 120


class FunctionResult(db.Model):
    """One test on one day: stands, seconds, stages held or points (`value`), with the Stay Independent items she
    answered yes (`answers`), the LOINC code it is stored with, and who measured it when not herself."""
    __tablename__ = "function_result"
    __table_args__ = (
        CheckConstraint(f"test IN {TESTS_SQL}", name="test"),
        CheckConstraint("value >= 0", name="value_positive"),
        # One row per form sent: a resent POST finds the row it already made.
        UniqueConstraint("member_id", "submission_id", name="uq_function_result_submission"),
        Index("ix_function_result_member_test_day", "member_id", "test", "taken_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    test: Mapped[str] = mapped_column(String(20))
    taken_on: Mapped[date] = mapped_column(Date)
    value: Mapped[float] = mapped_column(Float)
    answers: Mapped[list | None] = mapped_column(JSON)   # Stay Independent: the keys of the items answered yes
    loinc: Mapped[str | None] = mapped_column(String(10))
    # Measured in clinic by her therapist ("measured by Priya Shah"); the name stays if the account goes.
    measured_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    measured_by_name: Mapped[str | None] = mapped_column(String(NAME_MAX))
    submission_id: Mapped[str | None] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class FunctionRequest(db.Model):
    """Her therapist asked her to repeat a test: shown on her Home and in Today's program until a result of that
    test is recorded after `asked_at`. Asking again moves `asked_at`."""
    __tablename__ = "function_request"
    __table_args__ = (CheckConstraint(f"test IN {TESTS_SQL}", name="test"),)

    member_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    test: Mapped[str] = mapped_column(String(20), primary_key=True)
    therapist_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    therapist_name: Mapped[str] = mapped_column(String(NAME_MAX))
    asked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
