"""Reminders she chose, medicine schedules and the doses she recorded, and the log of every message sent."""
from datetime import date, datetime, time

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models_base import utcnow


class ReminderSetting(db.Model):
    """One person's reminders and notifications: everything off until she turns it on."""
    __tablename__ = "reminder_setting"

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    exercise_on: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    exercise_days: Mapped[str] = mapped_column(String(20), default="", server_default="")  # "0,2,4": Mon, Wed, Fri
    exercise_at: Mapped[time | None] = mapped_column(Time)
    supplements_on: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    supplement_times: Mapped[str] = mapped_column(String(60), default="", server_default="")  # "08:00,20:00"
    nudge_on: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    weekly_email_on: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    quiet_start: Mapped[time | None] = mapped_column(Time)
    quiet_end: Mapped[time | None] = mapped_column(Time)
    # A therapist's notifications: a daily digest of her clients' new flags, and a message at once for pain or a
    # fall.
    digest_on: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    immediate_on: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    # The calendar feed: only a hash of its secret is kept; a new secret revokes the old address.
    calendar_secret_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    calendar_details: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    # The random key her unsubscribe links carry (never her id); a new one when she saves her settings.
    unsubscribe_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    offered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))  # onboarding offered them once
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class MedicineReminder(db.Model):
    """The schedule of one of her medicines as her prescription says, to be reminded on it."""
    __tablename__ = "medicine_reminder"
    __table_args__ = (
        CheckConstraint("every IN ('daily', 'weekly', 'monthly', 'two_days_monthly', 'three_months', 'six_months', "
                        "'yearly', 'two_years')", name="every"),
        CheckConstraint("weekday IS NULL OR (weekday >= 0 AND weekday <= 6)", name="weekday_range"),
        CheckConstraint("day_of_month IS NULL OR (day_of_month >= 1 AND day_of_month <= 31)", name="day_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    medication_id: Mapped[int] = mapped_column(ForeignKey("medication.id", ondelete="CASCADE"), unique=True)
    every: Mapped[str] = mapped_column(String(20))
    at: Mapped[time] = mapped_column(Time)
    weekday: Mapped[int | None] = mapped_column(Integer)
    day_of_month: Mapped[int | None] = mapped_column(Integer)
    # When the schedule starts: before she records a dose, the first is due that day (a 6-monthly injection given
    # on 1 June is due again on 1 December once she records it).
    start_date: Mapped[date | None] = mapped_column(Date)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("true"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class MedicineDose(db.Model):
    """A dose she recorded taking (the reminder then knows when the next is due)."""
    __tablename__ = "medicine_dose"
    __table_args__ = (UniqueConstraint("medication_id", "taken_on", name="uq_medicine_dose_day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    medication_id: Mapped[int] = mapped_column(ForeignKey("medication.id", ondelete="CASCADE"))
    taken_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SentMessage(db.Model):
    """Every reminder or notification due, claimed once: the unique key (person, kind, due time) is what makes
    two workers, a retry or a second scan send it at most once."""
    __tablename__ = "sent_message"
    __table_args__ = (
        UniqueConstraint("user_id", "kind", "due_at", name="uq_sent_message_due"),
        CheckConstraint("status IN ('sending', 'sent', 'failed', 'skipped')", name="status"),
        Index("ix_sent_message_status", "status", "claimed_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(10), default="sending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    claimed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
