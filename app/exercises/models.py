"""Exercise catalog (shared rows plus each member's private ones) and logged sessions."""
from datetime import date, datetime, time

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
    Time,
    UniqueConstraint,
)
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.guidance.safety import ExerciseRisk, Impact
from app.models_base import utcnow

KINDS = {
    "weight_bearing": "Weight-bearing and impact",
    "resistance_band": "Resistance band",
    "balance": "Balance",
    "posture": "Posture and back extensors",
}
MEASURES = {"minutes": "Minutes", "reps": "Sets and reps", "hold": "Hold time"}

NAME_MAX = 80
NOTE_MAX = 2000
SUBMISSION_ID_LENGTH = 32  # a UUID's hex digits (app.forms.SubmissionIdField)


class Exercise(db.Model):
    __tablename__ = "exercise"
    __table_args__ = (
        CheckConstraint("kind IN ('weight_bearing', 'resistance_band', 'balance', 'posture')", name="kind"),
        CheckConstraint("impact IN ('none', 'low', 'moderate', 'high')", name="impact"),
        CheckConstraint("measure IN ('minutes', 'reps', 'hold')", name="measure"),
        CheckConstraint("landing IN ('none', 'grounded', 'two_feet', 'one_foot')", name="landing"),
        # Catalog rows have a slug and no owner; a member's private rows have an owner and no slug.
        CheckConstraint("(slug IS NULL) <> (member_id IS NULL)", name="catalog_or_private"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str | None] = mapped_column(String(40), unique=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(NAME_MAX))
    kind: Mapped[str] = mapped_column(String(20))
    impact: Mapped[str] = mapped_column(String(10))
    measure: Mapped[str] = mapped_column(String(10))
    reps_are_impacts: Mapped[bool] = mapped_column(Boolean, default=False)
    moderate_aerobic: Mapped[bool] = mapped_column(Boolean, default=False)
    uses_band: Mapped[bool] = mapped_column(Boolean, default=False)
    spinal_flexion: Mapped[bool] = mapped_column(Boolean, default=False)
    spinal_rotation: Mapped[bool] = mapped_column(Boolean, default=False)
    target_muscles: Mapped[str] = mapped_column(String(200), default="")
    instructions: Mapped[str] = mapped_column(Text, default="")
    source_key: Mapped[str | None] = mapped_column(String(40))
    # How it lands, for the impact ladder of suggestions (ROS 2022: build up gradually): "grounded" (the feet stay
    # down: heel drops, stamping), "two_feet" (jumps, skipping), "one_foot" (hops); "none" for no landing.
    landing: Mapped[str] = mapped_column(String(10), default="none", server_default="none")
    # Taken out of Ossify's catalog (its main movement goes against the guidance): never offered, suggested or
    # prescribed again; the sessions and program items that used it keep it.
    retired: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sql_text("false"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    @property
    def risk(self) -> ExerciseRisk:
        return ExerciseRisk(Impact(self.impact), self.spinal_flexion, self.spinal_rotation)

    @property
    def is_custom(self) -> bool:
        return self.member_id is not None

    @property
    def counts_impacts(self) -> bool:
        """Impacts are recorded for exercises that land with at least some impact."""
        return self.reps_are_impacts or self.impact in (Impact.MODERATE, Impact.HIGH)


class ExerciseSession(db.Model):
    __tablename__ = "exercise_session"
    __table_args__ = (
        Index("ix_exercise_session_member_date", "member_id", "session_date"),
        # One row per submitted form: a resent POST finds the row it already made.
        UniqueConstraint("member_id", "submission_id", name="uq_exercise_session_submission"),
        CheckConstraint("effort IS NULL OR (effort >= 0 AND effort <= 10)", name="effort_range"),
        CheckConstraint("total_minutes IS NULL OR (total_minutes >= 1 AND total_minutes <= 600)",
                        name="total_minutes_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    session_date: Mapped[date] = mapped_column(Date)
    start_time: Mapped[time | None] = mapped_column(Time)
    total_minutes: Mapped[int | None] = mapped_column(Integer)
    effort: Mapped[int | None] = mapped_column(Integer)
    pain: Mapped[bool] = mapped_column(Boolean, default=False)
    pain_where: Mapped[str | None] = mapped_column(String(NAME_MAX))
    pain_note: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    submission_id: Mapped[str | None] = mapped_column(String(SUBMISSION_ID_LENGTH))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    entries: Mapped[list["SessionEntry"]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="SessionEntry.position",
        lazy="raise_on_sql")


class SessionEntry(db.Model):
    __tablename__ = "session_entry"
    __table_args__ = (
        CheckConstraint("sets IS NULL OR (sets >= 1 AND sets <= 20)", name="sets_range"),
        CheckConstraint("minutes IS NULL OR (minutes >= 1 AND minutes <= 600)", name="minutes_range"),
        CheckConstraint("impacts IS NULL OR (impacts >= 0 AND impacts <= 5000)", name="impacts_range"),
        CheckConstraint("hold_seconds IS NULL OR (hold_seconds >= 1 AND hold_seconds <= 600)",
                        name="hold_seconds_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("exercise_session.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    # NO ACTION (checked at statement end) so deleting an account can cascade to both sides.
    exercise_id: Mapped[int] = mapped_column(ForeignKey("exercise.id"), index=True)
    sets: Mapped[int | None] = mapped_column(Integer)
    # Reps of each set, in order, e.g. [10, 10, 8].
    reps_per_set: Mapped[list[int] | None] = mapped_column(JSON)
    band_colour: Mapped[str | None] = mapped_column(String(10))
    band_note: Mapped[str | None] = mapped_column(String(NAME_MAX))
    minutes: Mapped[int | None] = mapped_column(Integer)
    hold_seconds: Mapped[int | None] = mapped_column(Integer)
    # Entered, or derived from the reps when one rep is one impact; stored for weekly sums.
    impacts: Mapped[int | None] = mapped_column(Integer)
    # She saw the caution that applied to her and chose to log it anyway.
    caution_confirmed: Mapped[bool] = mapped_column(Boolean, default=False)

    session: Mapped[ExerciseSession] = relationship(back_populates="entries")
    exercise: Mapped[Exercise] = relationship(lazy="raise_on_sql")


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
        CheckConstraint("rest_seconds IS NULL OR (rest_seconds >= 0 AND rest_seconds <= 600)", name="rest_range"),
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
    each_side: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sql_text("false"))
    rest_seconds: Mapped[int | None] = mapped_column(Integer)  # between sets
    band_colour: Mapped[str | None] = mapped_column(String(10))
    days_per_week: Mapped[int] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
