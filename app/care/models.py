"""Care: consented links between members and therapists, access records, feedback, flag reviews, the therapist's
program templates and the client list's stored rows."""
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models_base import utcnow


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


class ProgramTemplate(db.Model):
    """A program a therapist saved to apply to other clients (her own; no member data in it)."""
    __tablename__ = "program_template"
    __table_args__ = (Index("uq_program_template_name", "therapist_id", "name", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    therapist_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    items: Mapped[list["ProgramTemplateItem"]] = relationship(cascade="all, delete-orphan", lazy="raise_on_sql",
                                                              order_by="ProgramTemplateItem.position")


class ProgramTemplateItem(db.Model):
    """One exercise of a template, with the dose a program item carries."""
    __tablename__ = "program_template_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[int] = mapped_column(ForeignKey("program_template.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    exercise_id: Mapped[int] = mapped_column(ForeignKey("exercise.id"))
    sets: Mapped[int] = mapped_column(Integer)
    reps: Mapped[int | None] = mapped_column(Integer)
    hold_seconds: Mapped[int | None] = mapped_column(Integer)
    minutes: Mapped[int | None] = mapped_column(Integer)
    each_side: Mapped[bool] = mapped_column(Boolean, default=False)
    rest_seconds: Mapped[int | None] = mapped_column(Integer)
    band_colour: Mapped[str | None] = mapped_column(String(10))
    days_per_week: Mapped[int] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(Text)


class FlagReview(db.Model):
    """A therapist saw or handled one of her flags: which event (kind and key), who, when, and a note.

    A flag is one event (a pain report, a fall, a quiet spell since a day): a new event is a new key, so a
    handled flag returns only when something new happens. Shown to her ("Priya has seen your pain report")."""
    __tablename__ = "flag_review"
    __table_args__ = (
        CheckConstraint("state IN ('seen', 'handled')", name="state"),
        Index("ix_flag_review_member_flag", "member_id", "kind", "event_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    event_key: Mapped[str] = mapped_column(String(40))
    state: Mapped[str] = mapped_column(String(10))
    note: Mapped[str | None] = mapped_column(Text)
    by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    by_name: Mapped[str] = mapped_column(String(80))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ClientStatus(db.Model):
    """The client list's row for one member, stored so the list reads one row per client.

    Kept current on write: any flush that changes data the row is built from bumps `version`
    (app/workspace/caseload.py); the list rebuilds, in one batch, rows whose `computed_version` is behind or that were
    built for another of her days (her week and "quiet for 7 days" move with her calendar)."""
    __tablename__ = "client_status"

    member_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    computed_version: Mapped[int] = mapped_column(Integer)
    row_format: Mapped[int] = mapped_column(Integer)      # caseload.ROW_FORMAT when built: a new layout rebuilds
    computed_for: Mapped[date] = mapped_column(Date)      # her local date when built
    week_start: Mapped[date] = mapped_column(Date)
    last_logged: Mapped[date | None] = mapped_column(Date)
    targets: Mapped[list] = mapped_column(JSON)          # [{key, label, status, text}] for this week
    target_ranks: Mapped[dict] = mapped_column(JSON)     # {target key: how far short this week} to sort by a column
    short_count: Mapped[int] = mapped_column(Integer)    # targets not met / behind pace this week
    adherence: Mapped[int | None] = mapped_column(Integer)  # % of prescribed program days done this week
    flags: Mapped[list] = mapped_column(JSON)            # [{kind, key, severity, text, ...}] with their review
    attention: Mapped[int] = mapped_column(Integer)      # highest severity among flags nobody has seen (0: none)
    open_flags: Mapped[int] = mapped_column(Integer)     # flags not handled
    # Falls and function: how many of her tests' latest results are at risk (None: no test yet), of how many tests.
    fall_risk: Mapped[int | None] = mapped_column(Integer)
    fall_tests: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
