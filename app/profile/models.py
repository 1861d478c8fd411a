"""A member's profile and bone-health record: DXA results, fractures, bone medications."""
from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, DateTime, Float, ForeignKey, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models_base import utcnow


class MemberProfile(db.Model):
    __tablename__ = "member_profile"
    __table_args__ = (
        CheckConstraint("sex IN ('female', 'male')", name="sex"),
        CheckConstraint("unit_system IN ('metric', 'us')", name="unit_system"),
        CheckConstraint("vitamin_d_unit IN ('IU', 'ug')", name="vitamin_d_unit"),
    )

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    sex: Mapped[str | None] = mapped_column(String(6))
    unit_system: Mapped[str] = mapped_column(String(6), default="metric")
    vitamin_d_unit: Mapped[str] = mapped_column(String(2), default="IU")
    # She hid the "no DXA on record" reminder (app.guidance.risk.screening_reminder) at this time.
    screening_note_hidden_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The tallest height she remembers as a young adult (docs/clinical-rules.md, "Height"), in cm.
    young_adult_height_cm: Mapped[float | None] = mapped_column(Float)
    # The height loss whose spine X-ray note she has read (app.guidance.function.HeightLoss.key): shown once.
    spine_note_seen: Mapped[str | None] = mapped_column(String(40))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    @property
    def weight_unit(self) -> str:
        return "lb" if self.unit_system == "us" else "kg"


class BodyWeight(db.Model):
    """Her body weight from a day on (protein targets use the weight in force on the day judged)."""
    __tablename__ = "body_weight"
    __table_args__ = (
        UniqueConstraint("member_id", "measured_on", name="uq_body_weight_member_day"),
        CheckConstraint("weight_kg > 0", name="weight_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    measured_on: Mapped[date] = mapped_column(Date)
    weight_kg: Mapped[float] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Height(db.Model):
    """Her measured height on a day (docs/clinical-rules.md, "Height"): a loss between measurements counts."""
    __tablename__ = "height"
    __table_args__ = (
        UniqueConstraint("member_id", "measured_on", name="uq_height_member_day"),
        CheckConstraint("height_cm >= 100 AND height_cm <= 230", name="height_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    measured_on: Mapped[date] = mapped_column(Date)
    height_cm: Mapped[float] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class DxaScan(db.Model):
    __tablename__ = "dxa_scan"
    __table_args__ = (
        UniqueConstraint("member_id", "scan_date", "site", name="uq_dxa_scan_member_date_site"),
        CheckConstraint("t_score >= -6.0 AND t_score <= 4.0", name="t_score_range"),
        CheckConstraint("site IN ('lumbar_spine', 'total_hip', 'femoral_neck', 'radius_33')", name="site"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    scan_date: Mapped[date] = mapped_column(Date)
    site: Mapped[str] = mapped_column(String(20))
    # One decimal, as DXA reports print it; read back as float for the pure rules.
    t_score: Mapped[float] = mapped_column(Numeric(3, 1, asdecimal=False))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Fracture(db.Model):
    __tablename__ = "fracture"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    fracture_date: Mapped[date] = mapped_column(Date)
    site: Mapped[str] = mapped_column(String(20))
    vertebral: Mapped[bool] = mapped_column(Boolean)
    low_trauma: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Fall(db.Model):
    """A fall she recorded: it raises a high flag, and pauses her moderate- and high-impact exercise until it is
    reviewed (by her therapist, or with none, by her confirming a clinician has checked her)."""
    __tablename__ = "fall"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    fall_date: Mapped[date] = mapped_column(Date)
    what_happened: Mapped[str] = mapped_column(String(200))
    injured: Mapped[bool] = mapped_column(Boolean)
    fracture: Mapped[bool] = mapped_column(Boolean)
    # With no therapist to review it, she confirms a clinician has checked her since: the day she said so. It lifts
    # the pause after a fall as her therapist's review would.
    cleared_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Medication(db.Model):
    __tablename__ = "medication"
    __table_args__ = (
        CheckConstraint("stop_date IS NULL OR start_date IS NULL OR stop_date >= start_date", name="dates_ordered"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    start_date: Mapped[date | None] = mapped_column(Date)
    stop_date: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class RiskFactorAnswer(db.Model):
    """Her own answer to one question of the risk-factor checklist (keys in app.guidance.risk.FACTORS)."""
    __tablename__ = "risk_factor_answer"
    __table_args__ = (CheckConstraint("answer IN ('yes', 'no', 'unsure')", name="answer"),)

    member_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    factor: Mapped[str] = mapped_column(String(30), primary_key=True)
    answer: Mapped[str] = mapped_column(String(6))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)
