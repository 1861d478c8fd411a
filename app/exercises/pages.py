"""Her exercise history, one session, her program, and Home's next step, as she and her therapist both see
them (each service returns the template's context)."""
from datetime import date
from typing import Any

from sqlalchemy import bindparam, select
from werkzeug.datastructures import MultiDict

from app.care.services import comments_on
from app.exercises.forms import HistoryFilterForm
from app.exercises.models import KINDS, Exercise, ProgramItem
from app.exercises.program import program_for
from app.exercises.services import (
    PAGE_SIZE,
    exercises_for,
    history_query,
    load_session,
    safety_profile,
)
from app.extensions import db
from app.forms import small_number
from app.guidance.bands import band_label
from app.guidance.next_step import Choice, NextStep, next_step
from app.guidance.safety import FLAG_INFO, IMPACT_LABELS, Impact, cautions_for
from app.guidance.sources import SOURCES
from app.guidance.summary import WeekSummary


def exercise_labels() -> dict[str, Any]:
    """What every exercise template names: kinds, bands, impact levels, safety flags and their sources."""
    return {"kinds": KINDS, "band_label": band_label, "impact_labels": IMPACT_LABELS, "flag_info": FLAG_INFO,
            "sources": SOURCES}


def sessions_page(member_id: int, args: MultiDict) -> tuple[dict[str, Any], int]:
    """Her exercise history, filtered by the query string, 20 a page; 400 with the filter's messages."""
    form = HistoryFilterForm(args)
    valid = form.validate() if args else True
    query = history_query(member_id, form.kind.data or None, form.date_from.data, form.date_to.data) \
        if valid else history_query(member_id)
    # Read here, bounded: paginate's own int() would send ?page=99999999999999999999 to the database as OFFSET.
    page_number = small_number(args.get("page"), digits=6) or 1
    page = db.paginate(query, page=page_number, per_page=PAGE_SIZE, max_per_page=PAGE_SIZE, error_out=False)
    filter_args = {k: v for k, v in args.items() if k != "page" and v}
    return {"form": form, "page": page, "filter_args": filter_args, **exercise_labels()}, (200 if valid else 400)


def session_page(member_id: int, session_id: int) -> dict[str, Any] | None:
    """One of her sessions with its comment thread; None when she has no such session."""
    session = load_session(member_id, session_id)
    if session is None:
        return None
    return {"session": session, "comments": comments_on(member_id, session_id=session.id), **exercise_labels()}


def program_page(member_id: int, today: date) -> dict[str, Any]:
    """Her program with adherence and suggestions."""
    return {"program": program_for(member_id, today), "band_label": band_label}


HER_PROGRAM = (select(ProgramItem, Exercise).join(Exercise)  # built once, bound per request
               .where(ProgramItem.member_id == bindparam("member_id")).order_by(ProgramItem.id))


def next_step_for(member_id: int, week: WeekSummary) -> tuple[NextStep | None, bool]:
    """Home's "Next step" and whether she has a program: from her program first, then the catalog, and only what
    has no caution for her today (the one safety rule, app/guidance/safety.py)."""
    profile = safety_profile(member_id)
    rows = db.session.execute(HER_PROGRAM, {"member_id": member_id}).all()
    program = [Choice(e.id, e.slug, e.name, e.kind, e.measure, e.impact in (Impact.MODERATE, Impact.HIGH),
                      e.reps_are_impacts, i.sets, i.reps, i.hold_seconds, i.minutes, i.band_colour, prescribed=True,
                      impact=e.impact, landing=e.landing)
               for i, e in rows if not e.retired and not cautions_for(e.risk, profile)]
    if not week.short_metrics:
        return None, bool(rows)
    catalog = [Choice(c.exercise.id, c.exercise.slug, c.exercise.name, c.exercise.kind, c.exercise.measure,
                      c.exercise.impact in (Impact.MODERATE, Impact.HIGH), c.exercise.reps_are_impacts,
                      impact=c.exercise.impact, landing=c.exercise.landing)
               for c in exercises_for(member_id, profile) if c.suggested and not c.exercise.is_custom]
    return next_step(week, program, catalog, paused_after_fall=profile.paused), bool(rows)
