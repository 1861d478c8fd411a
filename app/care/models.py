"""Therapist-set values for a member's targets (set from the therapist workspace)."""
from datetime import datetime

from sqlalchemy import DateTime, Float, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models_base import utcnow

# Targets a therapist may override: the weekly exercise targets and the daily nutrients.
OVERRIDABLE_TARGETS = ("resistance_sessions", "impact_days", "brisk_walk_days", "moderate_minutes", "balance_days",
                       "calcium_mg", "vitamin_d_iu", "protein_g")


class TargetOverride(db.Model):
    __tablename__ = "target_override"
    __table_args__ = (UniqueConstraint("member_id", "target_key", name="uq_target_override_member_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    target_key: Mapped[str] = mapped_column(String(30))
    value: Mapped[float] = mapped_column(Float)
    reason: Mapped[str] = mapped_column(Text)
    # Who set it; kept (as NULL) if that therapist's account is later removed.
    set_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
