"""The one home of a member's targets: her facts as of a day, read from the database, and their changes.

Every target anywhere (her pages, the API, her therapist's views, the client list, the report, the risk
checklist) comes from `member_history(...).targets_on(day)` or `histories(...)`: the pure rules in
`app.guidance.facts` judge each day with what was true on it. Writes here record a change from a day on
and keep what was in force before (the caller commits).
"""
from collections import defaultdict
from datetime import date

from sqlalchemy import (
    BindParameter,
    Boolean,
    CompoundSelect,
    Float,
    String,
    bindparam,
    cast,
    exists,
    literal,
    null,
    select,
    union_all,
)

from app.auth.models import User
from app.extensions import db
from app.guidance.diagnosis import Diagnosis, Site, TScoreReading
from app.guidance.facts import DayTargets, FractureEntry, MemberHistory, OverridePeriod, WeightEntry
from app.guidance.targets import DailyNutritionTargets, FractureHistory, Override
from app.memo import once_per_request
from app.profile.models import BodyWeight, DxaScan, Fall, Fracture, MemberProfile
from app.profile.services import stored_profile
from app.targets.models import TargetOverride

FORMER_THERAPIST = "a former therapist"  # who set an override, once that therapist's account is gone


# The histories' two statements are built once, with the members as a bound parameter (as the by-day aggregates in
# app/progress/services.py): building a four-part union costs more per request than the compiled cache saves.
_IDS = bindparam("member_ids", expanding=True)


def _dated_facts(ids: BindParameter) -> CompoundSelect:
    """Her weights, scan sites and fractures, each with its date, as one statement (kind, member, day, …)."""
    no_text, no_number, no_flag = cast(null(), String(20)), cast(null(), Float), cast(null(), Boolean)
    return union_all(
        select(literal("weight").label("kind"), BodyWeight.member_id.label("member_id"),
               BodyWeight.measured_on.label("day"), BodyWeight.weight_kg.label("number"), no_text.label("site"),
               no_flag.label("vertebral"), no_flag.label("low_trauma"))
        .where(BodyWeight.member_id.in_(ids)),
        select(literal("scan"), DxaScan.member_id, DxaScan.scan_date, cast(DxaScan.t_score, Float), DxaScan.site,
               no_flag, no_flag)
        .where(DxaScan.member_id.in_(ids)),
        select(literal("fracture"), Fracture.member_id, Fracture.fracture_date, no_number, no_text,
               Fracture.vertebral, Fracture.low_trauma)
        .where(Fracture.member_id.in_(ids)),
        # A fall she marked "a bone broke", until she records a fracture dated that day or later: a low-trauma
        # fracture of unknown site (docs/clinical-rules.md, "One safety rule").
        select(literal("fall_fracture"), Fall.member_id, Fall.fall_date, no_number, no_text, no_flag, no_flag)
        .where(Fall.member_id.in_(ids), Fall.fracture.is_(True),
               ~exists().where(Fracture.member_id == Fall.member_id, Fracture.fracture_date >= Fall.fall_date)))


DATED_FACTS = _dated_facts(_IDS)
OVERRIDES_WITH_SETTER = (select(TargetOverride, User.display_name)
                         .outerjoin(User, User.id == TargetOverride.set_by_id)
                         .where(TargetOverride.member_id.in_(_IDS)).order_by(TargetOverride.starts_on))


def histories(member_ids: list[int]) -> dict[int, MemberHistory]:
    """The histories of several members in three statements, whatever their number (the client list):
    profiles, dated facts (weights, scans, fractures, a fall's unrecorded broken bone) and overrides with who set
    them."""
    ids = list(member_ids)
    if not ids:
        return {}
    if len(ids) == 1:  # a page that read her profile already (get_profile) doesn't read it again
        profile = stored_profile(ids[0])
        profiles = {ids[0]: profile} if profile else {}
    else:
        profiles = {p.user_id: p for p in db.session.scalars(select(MemberProfile)
                                                            .where(MemberProfile.user_id.in_(ids)))}
    weights: dict[int, list[WeightEntry]] = defaultdict(list)
    readings: dict[int, list[TScoreReading]] = defaultdict(list)
    fractures: dict[int, list[FractureEntry]] = defaultdict(list)
    facts = db.session.execute(DATED_FACTS, {"member_ids": ids})
    for kind, member_id, day, number, site, vertebral, low_trauma in facts:
        if kind == "weight":
            weights[member_id].append(WeightEntry(day, number))
        elif kind == "scan":
            readings[member_id].append(TScoreReading(day, Site(site), round(number, 1)))
        elif kind == "fall_fracture":
            fractures[member_id].append(FractureEntry(day, vertebral=False, low_trauma=True, unknown_site=True))
        else:
            fractures[member_id].append(FractureEntry(day, bool(vertebral), bool(low_trauma)))
    overrides: dict[int, list[OverridePeriod]] = defaultdict(list)
    for o, name in db.session.execute(OVERRIDES_WITH_SETTER, {"member_ids": ids}):
        override = Override(o.value, o.reason, name or FORMER_THERAPIST)
        overrides[o.member_id].append(OverridePeriod(o.target_key, override, o.starts_on, o.ends_on))
    result = {}
    for member_id in ids:
        profile = profiles.get(member_id)
        result[member_id] = MemberHistory(
            profile.date_of_birth if profile else None, profile.sex if profile else None,
            tuple(weights[member_id]), tuple(readings[member_id]),
            tuple(fractures[member_id]), tuple(overrides[member_id]))
    return result


@once_per_request
def member_history(member_id: int) -> MemberHistory:
    """Her history, read once per page view (every card, summary and target on the page shares it)."""
    return histories([member_id])[member_id]


def targets_on(member_id: int, day: date) -> DayTargets:
    return member_history(member_id).targets_on(day)


def daily_targets(member_id: int, day: date) -> DailyNutritionTargets:
    """Her calcium, vitamin D and protein targets on `day`, with her therapist's overrides then in force."""
    return member_history(member_id).daily_targets_on(day)


def diagnosis_on(member_id: int, day: date) -> Diagnosis | None:
    return member_history(member_id).diagnosis_on(day)


def current_diagnosis(member_id: int) -> Diagnosis | None:
    """Her WHO category from everything on record (her latest scan date)."""
    return diagnosis_on(member_id, date.max)


def fracture_history(member_id: int) -> FractureHistory:
    """Every fracture on record, counted."""
    return member_history(member_id).fractures_on(date.max)


def current_weight(member_id: int, today: date) -> float | None:
    return member_history(member_id).weight_on(today)


def record_weight(member_id: int, weight_kg: float, on: date) -> None:
    """Her weight from `on`: a new entry, or the day's entry corrected when she changes it the same day."""
    entry = db.session.scalar(select(BodyWeight).where(BodyWeight.member_id == member_id,
                                                       BodyWeight.measured_on == on))
    if entry is None:
        db.session.add(BodyWeight(member_id=member_id, measured_on=on, weight_kg=weight_kg))
    else:
        entry.weight_kg = weight_kg


def overrides_in_force(member_id: int) -> list[TargetOverride]:
    """Her therapist-set targets in force now (open rows), oldest first: what her therapist can change."""
    return list(db.session.scalars(select(TargetOverride).where(TargetOverride.member_id == member_id,
                                                                TargetOverride.ends_on.is_(None))
                                   .order_by(TargetOverride.starts_on, TargetOverride.id)))


def set_override(member_id: int, key: str, value: float, reason: str, set_by_id: int, on: date) -> None:
    """Her target `key` is `value` from her day `on`; the value before stays in force on the days before."""
    current = db.session.scalar(select(TargetOverride).where(TargetOverride.member_id == member_id,
                                                             TargetOverride.target_key == key,
                                                             TargetOverride.ends_on.is_(None)))
    if current is not None and current.starts_on >= on:
        current.value, current.reason, current.set_by_id = value, reason, set_by_id
        return
    if current is not None:
        current.ends_on = on
        db.session.flush()  # the open row is closed before the new one opens (one open row per target)
    db.session.add(TargetOverride(member_id=member_id, target_key=key, value=value, reason=reason,
                                  set_by_id=set_by_id, starts_on=on))


def end_override(override: TargetOverride, on: date) -> None:
    """Back to the default from her day `on`; an override set that same day never was."""
    if override.starts_on >= on:
        db.session.delete(override)
    else:
        override.ends_on = on
