"""A member's prescribed program: this week's adherence and band progression.

Progression rule (Ossify's product rule, not a guideline): when she completes every prescribed set
and rep of an exercise at an overall session effort of 3 or less on the Borg CR10 scale ("moderate"
or easier) in two sessions running, the band is suggested one colour heavier. ROS 2022 asks for a
load she can lift only about 8–12 times, so an easy band is too light. Progress goes by colour rank
(docs/clinical-rules.md, "Resistance bands").
"""
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from app.exercises.models import Exercise, ExerciseSession, ProgramItem, SessionEntry
from app.exercises.services import safety_profile
from app.extensions import db
from app.guidance.bands import BANDS, BY_KEY, Band
from app.guidance.doses import dose_text
from app.guidance.safety import Caution, cautions_for, is_paused
from app.guidance.weeks import week_end, week_start

LOW_EFFORT_MAX = 3          # Borg CR10: 3 = moderate
SESSIONS_RUNNING = 2
LOOKBACK_DAYS = 90


@dataclass(frozen=True)
class ProgramRow:
    item: ProgramItem
    exercise: Exercise
    done_days: int               # days this week with this exercise logged
    next_band: Band | None       # suggested heavier band, when the progression rule holds
    cautions: tuple[Caution, ...] = ()  # what the one safety rule says of it for her today (the pause included)

    @property
    def paused(self) -> bool:
        """Moderate or high impact, and a fall of hers awaits review."""
        return is_paused(list(self.cautions))

    @property
    def retired(self) -> bool:
        """An exercise taken out of the catalog: her therapist should replace it."""
        return self.exercise.retired

    @property
    def dose(self) -> str:
        """"3 × 10", "3 × 30 s" or "20 minutes", as the exercise is measured."""
        item = self.item
        return dose_text(self.exercise.measure, item.sets, item.reps, item.hold_seconds, item.minutes,
                         item.each_side, item.rest_seconds)

    @property
    def adherence(self) -> str:
        return f"{self.done_days} of {self.item.days_per_week} days this week"


def completed_as_prescribed(entry: SessionEntry, item: ProgramItem) -> bool:
    """Every prescribed set done in full: the reps of each set, the hold, or the minutes."""
    if item.minutes is not None:
        return (entry.minutes or 0) >= item.minutes
    if (entry.sets or 0) < item.sets:
        return False
    if item.hold_seconds is not None:
        return (entry.hold_seconds or 0) >= item.hold_seconds
    reps = entry.reps_per_set or []
    return item.reps is not None and len(reps) >= item.sets and all(r >= item.reps for r in reps[:item.sets])


def next_band(current: str | None) -> Band | None:
    band = BY_KEY.get(current or "")
    return BANDS[band.rank] if band and band.rank < len(BANDS) else None


def program_for(member_id: int, today: date) -> list[ProgramRow]:
    """Her program with adherence and suggestions, in four queries."""
    items = db.session.execute(select(ProgramItem, Exercise).join(Exercise, Exercise.id == ProgramItem.exercise_id)
                               .where(ProgramItem.member_id == member_id).order_by(ProgramItem.id)).all()
    if not items:
        return []
    exercise_ids = {item.exercise_id for item, _ in items}
    monday = week_start(today)
    recent = db.session.execute(
        select(SessionEntry, ExerciseSession.session_date, ExerciseSession.effort)
        .join(ExerciseSession, ExerciseSession.id == SessionEntry.session_id)
        .where(ExerciseSession.member_id == member_id, SessionEntry.exercise_id.in_(exercise_ids),
               ExerciseSession.session_date.between(today - timedelta(days=LOOKBACK_DAYS), week_end(monday)))
        .order_by(ExerciseSession.session_date.desc(), ExerciseSession.id.desc())).all()
    profile = safety_profile(member_id)
    rows = []
    for item, exercise in items:
        mine = [(entry, day, effort) for entry, day, effort in recent if entry.exercise_id == item.exercise_id]
        done_days = len({day for _, day, _ in mine if monday <= day <= today})
        last = mine[:SESSIONS_RUNNING]
        easy = len(last) == SESSIONS_RUNNING and all(
            effort is not None and effort <= LOW_EFFORT_MAX and completed_as_prescribed(entry, item)
            for entry, _, effort in last)
        suggestion = next_band(last[0][0].band_colour or item.band_colour) if easy and exercise.uses_band else None
        rows.append(ProgramRow(item, exercise, done_days, suggestion, tuple(cautions_for(exercise.risk, profile))))
    return rows


def handout_for(member_id: int) -> list[ProgramRow]:
    """Her program for the printable handout: each exercise with its instructions and dose (no adherence)."""
    profile = safety_profile(member_id)
    return [ProgramRow(item, exercise, 0, None, tuple(cautions_for(exercise.risk, profile)))
            for item, exercise in db.session.execute(
        select(ProgramItem, Exercise).join(Exercise, Exercise.id == ProgramItem.exercise_id)
        .where(ProgramItem.member_id == member_id).order_by(ProgramItem.id))]


def program_items(member_id: int) -> list[ProgramItem]:
    return list(db.session.scalars(select(ProgramItem).where(ProgramItem.member_id == member_id)
                                   .order_by(ProgramItem.id)))
