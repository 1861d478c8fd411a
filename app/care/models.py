"""Care: consented links between members and therapists, access records, feedback, programs, overrides."""
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models_base import utcnow

# Targets a therapist may override: the weekly exercise targets and the daily nutrients.
OVERRIDABLE_TARGETS = ("resistance_sessions", "impact_days", "brisk_walk_days", "moderate_minutes", "balance_days",
                       "calcium_mg", "vitamin_d_iu", "protein_g")


class TargetOverride(db.Model):
    """A therapist's value for one of her targets, in force on her days from `starts_on` until `ends_on`.

    Changing or clearing it ends the row and keeps it, so past weeks stay judged as they were. At most one
    row per target is open (no `ends_on`)."""
    __tablename__ = "target_override"
    __table_args__ = (
        Index("uq_target_override_open", "member_id", "target_key", unique=True,
              sqlite_where=text("ends_on IS NULL"), postgresql_where=text("ends_on IS NULL")),
        CheckConstraint("ends_on IS NULL OR ends_on > starts_on", name="period_ordered"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    target_key: Mapped[str] = mapped_column(String(30))
    value: Mapped[float] = mapped_column(Float)
    reason: Mapped[str] = mapped_column(Text)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    # Who set it; kept (as NULL) if that therapist's account is later removed.
    set_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class LinkStatus(StrEnum):
    INVITED = "invited"    # she invited a therapist by email; the therapist has not accepted yet
    ACTIVE = "active"      # the grant: the therapist may see and work with her data
    REVOKED = "revoked"    # she withdrew access
    ENDED = "ended"        # the therapist ended the link


class CareLink(db.Model):
    """A member's grant to one physical therapist. Only an ACTIVE link opens her data."""
    __tablename__ = "care_link"
    __table_args__ = (
        CheckConstraint("status IN ('invited', 'active', 'revoked', 'ended')", name="status"),
        Index("ix_care_link_therapist_status", "therapist_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    # Empty while an invitation by email waits for a therapist account with that address (so inviting an address
    # tells her nothing about who has an account); filled when one signs up, and always once accepted.
    therapist_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    invited_email: Mapped[str | None] = mapped_column(String(254))
    status: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class InviteCode(db.Model):
    """A one-time code a member gives her therapist; stored hashed, single use, expiring."""
    __tablename__ = "invite_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AccessRecord(db.Model):
    """Every time a therapist opens a member's data: who, what, when (shown to the member)."""
    __tablename__ = "access_record"
    __table_args__ = (Index("ix_access_record_member_at", "member_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    therapist_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    therapist_name: Mapped[str] = mapped_column(String(80))
    what: Mapped[str] = mapped_column(String(120))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Comment(db.Model):
    """Feedback between a therapist and a member, on a session or a week; replies point to their parent."""
    __tablename__ = "comment"
    __table_args__ = (Index("ix_comment_member_at", "member_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    author_name: Mapped[str] = mapped_column(String(80))
    session_id: Mapped[int | None] = mapped_column(ForeignKey("exercise_session.id", ondelete="CASCADE"))
    week_start: Mapped[date | None] = mapped_column(Date)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("comment.id", ondelete="CASCADE"))
    body: Mapped[str] = mapped_column(Text)
    read_by_member: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ProgramItem(db.Model):
    """One exercise of the program a therapist prescribes for a member."""
    __tablename__ = "program_item"
    __table_args__ = (
        CheckConstraint("sets >= 1 AND sets <= 20", name="sets_range"),
        CheckConstraint("reps >= 1 AND reps <= 500", name="reps_range"),
        CheckConstraint("days_per_week >= 1 AND days_per_week <= 7", name="days_range"),
        CheckConstraint("hold_seconds IS NULL OR (hold_seconds >= 1 AND hold_seconds <= 600)",
                        name="hold_seconds_range"),
        CheckConstraint("minutes IS NULL OR (minutes >= 1 AND minutes <= 600)", name="minutes_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    therapist_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    exercise_id: Mapped[int] = mapped_column(ForeignKey("exercise.id"))
    # The dose, as the exercise is measured: sets × reps, sets × a hold of hold_seconds, or minutes.
    sets: Mapped[int] = mapped_column(Integer)
    reps: Mapped[int | None] = mapped_column(Integer)
    hold_seconds: Mapped[int | None] = mapped_column(Integer)
    minutes: Mapped[int | None] = mapped_column(Integer)
    band_colour: Mapped[str | None] = mapped_column(String(10))
    days_per_week: Mapped[int] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
