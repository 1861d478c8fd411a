"""The target overrides' table: a therapist's value for one of a member's targets, for a period."""
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, Float, ForeignKey, Index, String, Text, text
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
