"""Exercise sessions for one member: queries and writes (the caller commits)."""
from dataclasses import dataclass, field
from datetime import date, time

from sqlalchemy import Select, bindparam, exists, or_, select
from sqlalchemy.orm import selectinload

from app.exercises.models import Exercise, ExerciseSession, SessionEntry
from app.exercises.rules import low_impact_note
from app.extensions import db
from app.guidance.diagnosis import Category
from app.guidance.next_step import LANDING_ORDER
from app.guidance.safety import Caution, SafetyProfile, cautions_for
from app.profile.services import fall_awaiting_review, has_active_therapist
from app.targets.services import current_diagnosis, fracture_history

PAGE_SIZE = 20


def safety_profile(member_id: int) -> SafetyProfile:
    """What the one safety rule (app/guidance/safety.py) needs from her record: WHO category, fracture history, a
    fall awaiting review and who reviews it."""
    diagnosis = current_diagnosis(member_id)
    fractures = fracture_history(member_id)
    return SafetyProfile(
        osteoporosis=diagnosis is not None and diagnosis.category is Category.OSTEOPOROSIS,
        low_trauma_fractures=fractures.low_trauma,
        vertebral_fracture=fractures.vertebral,
        fall_under_review=fall_awaiting_review(member_id),
        has_therapist=has_active_therapist(member_id),
        fall_fracture_unrecorded=fractures.unknown_site,
    )


@dataclass(frozen=True)
class ExerciseChoice:
    exercise: Exercise
    cautions: list[Caution] = field(default_factory=list)

    @property
    def suggested(self) -> bool:
        return not self.cautions


HER_EXERCISES = (  # built once, bound per request (see app/progress/services.py)
    select(Exercise).where(or_(Exercise.member_id.is_(None), Exercise.member_id == bindparam("member_id")),
                           Exercise.retired.is_(False))
    .order_by(Exercise.kind, Exercise.member_id.is_not(None), Exercise.name))


def exercises_for(member_id: int, profile: SafetyProfile) -> list[ExerciseChoice]:
    """The catalog (less what was retired from it) plus her private exercises, each with the cautions that apply to
    her today: what every surface offers, marks and asks to confirm."""
    rows = db.session.scalars(HER_EXERCISES, {"member_id": member_id})
    return [ExerciseChoice(e, cautions_for(e.risk, profile)) for e in rows]


@dataclass(frozen=True)
class EntryData:
    exercise_id: int
    sets: int | None = None
    reps_per_set: list[int] | None = None
    band_colour: str | None = None
    band_note: str | None = None
    minutes: int | None = None
    hold_seconds: int | None = None
    impacts: int | None = None
    caution_confirmed: bool = False


@dataclass(frozen=True)
class SessionData:
    session_date: date
    entries: list[EntryData]
    start_time: time | None = None
    total_minutes: int | None = None
    effort: int | None = None
    pain: bool = False
    pain_where: str | None = None
    pain_note: str | None = None
    notes: str | None = None


def derived_impacts(exercise: Exercise, entry: EntryData) -> int | None:
    """Impacts as entered; otherwise the reps, when one rep is one impact."""
    if entry.impacts is not None:
        return entry.impacts
    if exercise.reps_are_impacts and entry.reps_per_set:
        return sum(entry.reps_per_set)
    return None


def save_session(session: ExerciseSession, data: SessionData, exercises: dict[int, Exercise]) -> ExerciseSession:
    """Write the session's fields and replace its entries (new or existing session)."""
    for name in ("session_date", "start_time", "effort", "pain", "notes"):
        setattr(session, name, getattr(data, name))
    session.pain_where = data.pain_where if data.pain else None
    session.pain_note = data.pain_note if data.pain else None
    entry_minutes = sum(e.minutes or 0 for e in data.entries)
    session.total_minutes = data.total_minutes or (min(entry_minutes, 600) if entry_minutes else None)
    if session.id is not None:
        session.entries.clear()
        db.session.flush()
    else:
        session.entries = []
    for position, entry in enumerate(data.entries):
        session.entries.append(SessionEntry(
            position=position, exercise_id=entry.exercise_id, sets=entry.sets, reps_per_set=entry.reps_per_set,
            band_colour=entry.band_colour, band_note=entry.band_note, minutes=entry.minutes,
            hold_seconds=entry.hold_seconds, impacts=derived_impacts(exercises[entry.exercise_id], entry),
            caution_confirmed=entry.caution_confirmed))
    db.session.add(session)
    db.session.flush()
    return session


def load_session(member_id: int, session_id: int) -> ExerciseSession | None:
    """Her session with its entries and their exercises, or None (someone else's is None too)."""
    return db.session.scalar(
        select(ExerciseSession).where(ExerciseSession.id == session_id, ExerciseSession.member_id == member_id)
        .options(selectinload(ExerciseSession.entries).selectinload(SessionEntry.exercise)))


def last_session(member_id: int) -> ExerciseSession | None:
    return db.session.scalar(
        select(ExerciseSession).where(ExerciseSession.member_id == member_id)
        .order_by(ExerciseSession.session_date.desc(), ExerciseSession.start_time.desc(), ExerciseSession.id.desc())
        .limit(1)
        .options(selectinload(ExerciseSession.entries).selectinload(SessionEntry.exercise)))


def history_query(member_id: int, kind: str | None = None, date_from: date | None = None,
                  date_to: date | None = None) -> Select:
    """Her sessions newest first, optionally only those with an exercise of one kind, in a date range."""
    query = select(ExerciseSession).where(ExerciseSession.member_id == member_id)
    if kind:
        query = query.where(exists().where(
            SessionEntry.session_id == ExerciseSession.id, SessionEntry.exercise_id == Exercise.id,
            Exercise.kind == kind))
    if date_from:
        query = query.where(ExerciseSession.session_date >= date_from)
    if date_to:
        query = query.where(ExerciseSession.session_date <= date_to)
    return query.order_by(ExerciseSession.session_date.desc(), ExerciseSession.start_time.desc().nulls_last(),
                          ExerciseSession.id.desc()) \
        .options(selectinload(ExerciseSession.entries).selectinload(SessionEntry.exercise))


def custom_exercise_in_use(exercise_id: int) -> bool:
    return bool(db.session.scalar(select(exists().where(SessionEntry.exercise_id == exercise_id))))


def impact_note(member_id: int, logged: list[Exercise]) -> str | None:
    """The note for low-impact landings she just logged (or logged this week), naming an impact that would count for
    her: the lowest rung of the ladder with no caution for her today."""
    low = [e.name for e in logged if e.reps_are_impacts and e.impact == "low"]
    if not low:
        return None
    profile = safety_profile(member_id)
    counting = sorted((c.exercise for c in exercises_for(member_id, profile)
                       if c.suggested and c.exercise.reps_are_impacts and c.exercise.impact in ("moderate", "high")
                       and not c.exercise.is_custom),
                      key=lambda e: (e.impact != "moderate", LANDING_ORDER.get(e.landing, 0), e.id))
    limited = fracture_history(member_id).impact_limited
    return low_impact_note(low, counting[0].name if counting else None, impact_limited=limited)


LOW_IMPACT_LOGGED = (  # built once, bound per request (see app/progress/services.py)
    select(Exercise).join(SessionEntry, SessionEntry.exercise_id == Exercise.id)
    .join(ExerciseSession, ExerciseSession.id == SessionEntry.session_id)
    .where(ExerciseSession.member_id == bindparam("member_id"),
           ExerciseSession.session_date.between(bindparam("first"), bindparam("last")),
           Exercise.reps_are_impacts.is_(True), Exercise.impact == "low").distinct())


def low_impact_logged(member_id: int, first: date, last: date) -> list[Exercise]:
    """The low-impact landing exercises she logged between two days (for the week's note)."""
    return list(db.session.scalars(LOW_IMPACT_LOGGED, {"member_id": member_id, "first": first, "last": last}))
