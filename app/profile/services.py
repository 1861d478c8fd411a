"""Profile and bone-health record: queries and writes for one member (the caller commits)."""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import String, bindparam, cast, exists, func, select, update

from app.care.models import CareLink, FlagReview, LinkStatus
from app.extensions import db
from app.guidance.diagnosis import Diagnosis, Site, TScoreReading, who_category
from app.memo import once_per_request
from app.profile.models import DxaScan, Fall, Fracture, Medication, MemberProfile

# Plausible adult body weight for data entry (a typing-error guard, not a clinical figure).
WEIGHT_KG_MIN = 20.0
WEIGHT_KG_MAX = 350.0
MEDICATION_NAME_MAX = 120

FRACTURE_SITES = {
    "spine": "Spine (vertebra)",
    "hip": "Hip",
    "wrist": "Wrist or forearm",
    "upper_arm": "Upper arm or shoulder",
    "pelvis": "Pelvis",
    "rib": "Rib",
    "ankle_leg": "Ankle or lower leg",
    "other": "Somewhere else",
}


@once_per_request
def stored_profile(member_id: int) -> MemberProfile | None:
    """Her profile row as stored (None before she has one), kept for the rest of a GET request: her history and her
    page's units both read it, and the session's identity map holds rows weakly (a row read for one and dropped was
    read again for the other)."""
    return db.session.get(MemberProfile, member_id)


@once_per_request
def get_profile(member_id: int) -> MemberProfile:
    """The member's profile row, created empty the first time it is asked for.

    Kept for the rest of a GET request: the session's identity map holds rows weakly, so a profile read for
    her targets and dropped was read again for her vitamin D unit."""
    profile = stored_profile(member_id)
    if profile is None:
        profile = MemberProfile(user_id=member_id, unit_system="metric", vitamin_d_unit="IU")
        db.session.add(profile)
        db.session.flush()
    return profile


def page_units(member_id: int) -> dict[str, str]:
    """The units a page shows her numbers in (her profile, read once per request)."""
    return {"vitamin_d_unit": get_profile(member_id).vitamin_d_unit}


@dataclass(frozen=True)
class BoneHealthRecord:
    scans: list[DxaScan]
    fractures: list[Fracture]
    medications: list[Medication]
    diagnosis: Diagnosis | None
    falls: list[Fall]


_MEMBER = bindparam("member_id")
# Built once, bound per request (see app/progress/services.py).
HER_SCANS = select(DxaScan).where(DxaScan.member_id == _MEMBER).order_by(DxaScan.scan_date.desc(), DxaScan.site)
HER_FRACTURES = select(Fracture).where(Fracture.member_id == _MEMBER).order_by(Fracture.fracture_date.desc())
HER_MEDICATIONS = (select(Medication).where(Medication.member_id == _MEMBER)
                   .order_by(Medication.stop_date.is_not(None), Medication.start_date.desc(), Medication.name))
HER_FALLS = select(Fall).where(Fall.member_id == _MEMBER).order_by(Fall.fall_date.desc(), Fall.id.desc())
_REVIEWED = exists().where(FlagReview.member_id == _MEMBER, FlagReview.kind == "fall",
                           FlagReview.event_key == cast(Fall.id, String))
FALL_REVIEW = select(
    select(func.max(Fall.fall_date)).where(Fall.member_id == _MEMBER, ~_REVIEWED, Fall.cleared_on.is_(None))
    .scalar_subquery(),
    exists().where(CareLink.member_id == _MEMBER, CareLink.status == LinkStatus.ACTIVE))


def bone_health_record(member_id: int) -> BoneHealthRecord:
    """Everything on the bone-health page, newest first, in three queries."""
    member = {"member_id": member_id}
    scans = list(db.session.scalars(HER_SCANS, member))
    fractures = list(db.session.scalars(HER_FRACTURES, member))
    medications = list(db.session.scalars(HER_MEDICATIONS, member))
    diagnosis = who_category(_readings(scans), any(f.low_trauma for f in fractures))
    return BoneHealthRecord(scans, fractures, medications, diagnosis, falls_of(member_id))


def falls_of(member_id: int) -> list[Fall]:
    """Her falls, newest first."""
    return list(db.session.scalars(HER_FALLS, {"member_id": member_id}))


@once_per_request
def fall_review(member_id: int) -> tuple[date | None, bool]:
    """(the day of her newest fall not yet reviewed, whether a therapist has access now), in one statement.

    A fall is reviewed when her physical therapist has seen or handled its flag, or when she confirmed that a
    clinician has checked her (`Fall.cleared_on`, offered when she has no therapist): docs/clinical-rules.md,
    "One safety rule, everywhere". Until then her moderate- and high-impact exercises are paused
    (app/guidance/safety.py), with or without a therapist; a therapist link that ends leaves the pause as it is."""
    day, has_therapist = db.session.execute(FALL_REVIEW, {"member_id": member_id}).one()
    return day, bool(has_therapist)


def fall_awaiting_review(member_id: int) -> date | None:
    """The day of her newest fall not yet reviewed (see `fall_review`)."""
    return fall_review(member_id)[0]


def has_active_therapist(member_id: int) -> bool:
    """Whether a therapist has access now: she reviews a fall; without one, the member confirms a clinician did."""
    return fall_review(member_id)[1]


def reviewed_falls(member_id: int) -> set[int]:
    """Her falls whose flag her therapist has seen or handled."""
    return {int(key) for key in db.session.scalars(select(FlagReview.event_key).where(
        FlagReview.member_id == member_id, FlagReview.kind == "fall")) if key.isdigit()}


def clear_fall(member_id: int, fall_id: int, on: date) -> Fall | None:
    """She confirms a clinician has checked her since this fall: it, and any earlier fall not yet reviewed, are
    cleared on the day she said so (kept); None when it isn't hers."""
    fall = db.session.scalar(select(Fall).where(Fall.id == fall_id, Fall.member_id == member_id))
    if fall is not None:
        db.session.execute(update(Fall).where(Fall.member_id == member_id, Fall.cleared_on.is_(None),
                                              Fall.fall_date <= fall.fall_date).values(cleared_on=on))
    return fall


def current_medications(member_id: int) -> list[Medication]:
    """The bone medicines she takes now (no stop date), by name."""
    return list(db.session.scalars(select(Medication).where(Medication.member_id == member_id,
                                                            Medication.stop_date.is_(None))
                                   .order_by(Medication.name)))


def _readings(scans: list[DxaScan]) -> list[TScoreReading]:
    return [TScoreReading(s.scan_date, Site(s.site), float(s.t_score)) for s in scans]


def dxa_exists(member_id: int, scan_date: date, site: str, exclude_id: int | None = None) -> bool:
    query = select(DxaScan.id).where(DxaScan.member_id == member_id, DxaScan.scan_date == scan_date,
                                     DxaScan.site == site)
    if exclude_id is not None:
        query = query.where(DxaScan.id != exclude_id)
    return db.session.scalar(select(exists(query))) or False
