"""The pages a member and her therapist both see, each built in one place.

A member's route calls a page service for herself; her therapist's route is the access rule
(`app.access.client_or_404`), the same service for her, and read-only links (`app.care.viewing.ClientUrls`).
Each service returns the template's context: the member's template renders it, and the therapist's
template extends the member's. What a page adds for one of them only (her forms, his comment box) its
route adds.
"""
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from app.auth.models import User
from app.care.models import ProgramItem
from app.care.program import program_for
from app.care.services import comments_on
from app.exercises.forms import HistoryFilterForm
from app.exercises.models import KINDS, Exercise
from app.exercises.services import (
    PAGE_SIZE,
    exercises_for,
    history_query,
    impact_note,
    load_session,
    low_impact_logged,
    safety_profile,
)
from app.extensions import db
from app.forms import EmptyForm, small_number
from app.guidance import alcohol as alcohol_rules
from app.guidance.bands import band_label
from app.guidance.diagnosis import SITE_LABELS, Site, TScoreReading
from app.guidance.next_step import Choice, NextStep, next_step
from app.guidance.nutrition import SPLIT_DOSE_SOURCE, dose_advice, doses_a_day
from app.guidance.risk import TO_HER, Voice
from app.guidance.safety import FLAG_INFO, IMPACT_LABELS, Impact, cautions_for
from app.guidance.sources import NAM_2011, SOURCES
from app.guidance.summary import WeekSummary, to_go_text
from app.guidance.targets import PROTEIN_G_PER_MAIN_MEAL
from app.guidance.weeks import week_start, weeks_since
from app.nutrition.models import MEALS, SUPPLEMENT_KINDS
from app.nutrition.services import day_view, drinks_on, gap_suggestions
from app.profile.charts import tscore_chart
from app.profile.medications import GROUP_LABELS, group_of
from app.profile.medications import SOURCE as MEDICATION_SOURCE
from app.profile.risk import checklist_context
from app.profile.services import (
    FRACTURE_SITES,
    bone_health_record,
    get_profile,
    has_active_therapist,
    reviewed_falls,
)
from app.progress.charts import bar_chart, line_chart
from app.progress.report import build_report
from app.progress.services import daily_nutrients, weeks_summary

TREND_WEEKS = 12


def _units(member_id: int) -> dict[str, Any]:
    profile = get_profile(member_id)  # read once per page, not once per number
    return {"vitamin_d_unit": profile.vitamin_d_unit}


def next_step_for(member_id: int, week: WeekSummary) -> tuple[NextStep | None, bool]:
    """Home's "Next step" and whether she has a program: from her program first, then the catalog, and only what
    has no caution for her today (the one safety rule, app/guidance/safety.py)."""
    profile = safety_profile(member_id)
    rows = db.session.execute(select(ProgramItem, Exercise).join(Exercise)
                              .where(ProgramItem.member_id == member_id).order_by(ProgramItem.id)).all()
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


def week_page(member_id: int, monday: date, today: date) -> dict[str, Any]:
    """Her weekly summary for the week starting `monday` (a Monday no later than this week's)."""
    (summary,) = weeks_summary(member_id, monday, 1, today)
    return {"summary": summary, "today": today, "previous": monday - timedelta(weeks=1),
            "next": monday + timedelta(weeks=1) if monday < week_start(today) else None,
            "comments": comments_on(member_id, week=monday), "alcohol": alcohol_rules, "to_go_text": to_go_text,
            "impact_note": impact_note(member_id, low_impact_logged(member_id, monday, monday + timedelta(days=6))),
            **_units(member_id)}


def trends_page(member_id: int, today: date) -> dict[str, Any]:
    """The 12-week charts and their tables: from the later of 12 weeks ago and the week she joined."""
    member = db.session.get(User, member_id)
    weeks = weeks_since(today, member.member_since if member else None, TREND_WEEKS)
    summaries = weeks_summary(member_id, week_start(today), weeks, today)
    labels = [s.monday.strftime("%-d %b") for s in summaries]
    weekly_charts = []
    for metric in summaries[-1].exercise:
        # By key: a week before a fracture scored impact days where this week scores brisk-walking days.
        values = [next((m.actual for m in s.exercise if m.key == metric.key), 0) for s in summaries]
        weekly_charts.append((metric, bar_chart(labels, values, metric.target),
                              list(zip(summaries, values, strict=True))))
    first_day = summaries[0].monday
    days = [first_day + timedelta(days=i) for i in range((today - first_day).days + 1)]
    by_day = daily_nutrients(member_id, first_day, today)
    nutrient_charts = []
    for nutrient in summaries[-1].nutrition:
        values = [getattr(by_day[d], nutrient.key) if d in by_day else None for d in days]
        target = nutrient.target.value if nutrient.target else None
        # Days above the upper limit, each judged with its own day's limit (the weeks' summaries say which).
        above = {d for s in summaries for m in s.nutrition if m.key == nutrient.key for d in m.above_limit_days}
        flags = [d in above for d in days]
        nutrient_charts.append((nutrient, line_chart([d.strftime("%-d %b") for d in days], values, target, flags),
                                [(d, v, d in above) for d, v in zip(days, values, strict=True) if v is not None]))
    return {"weeks": weeks, "weekly_charts": weekly_charts, "nutrient_charts": nutrient_charts,
            **_units(member_id)}


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


def food_day_page(member_id: int, day: date, today: date, suggest: bool = True) -> dict[str, Any]:
    """What she ate, took and drank on `day` (no later than her today), against that day's targets; with
    `suggest`, her own foods that would close a gap (her page only: they link to her log form)."""
    view = day_view(member_id, day)
    gaps = gap_suggestions(member_id, view, get_profile(member_id).unit_system) if suggest else {}
    return {"view": view, "gaps": gaps,
            "today": today, "previous": day - timedelta(days=1),
            "next": day + timedelta(days=1) if day < today else None,
            "split_source": SPLIT_DOSE_SOURCE, "nam": NAM_2011, "meal_protein": PROTEIN_G_PER_MAIN_MEAL,
            "drinks": drinks_on(member_id, day), "alcohol": alcohol_rules, "meals": MEALS,
            "supplement_kinds": SUPPLEMENT_KINDS, "dose_advice": dose_advice, "doses_a_day": doses_a_day,
            **_units(member_id)}


def bone_health_page(member_id: int, today: date, voice: Voice = TO_HER) -> dict[str, Any]:
    """Her scans (with their chart and WHO category), fractures, falls, medicines and the risk-factor checklist
    (spoken to her, or to her therapist about her)."""
    record = bone_health_record(member_id)
    readings = [TScoreReading(s.scan_date, Site(s.site), float(s.t_score)) for s in record.scans]
    return {"record": record, "chart": tscore_chart(readings), "site_labels": SITE_LABELS,
            "fracture_sites": FRACTURE_SITES, "group_of": group_of, "group_labels": GROUP_LABELS,
            "medication_source": MEDICATION_SOURCE,
            "reviewed_falls": reviewed_falls(member_id) if record.falls else set(),
            "has_therapist": has_active_therapist(member_id) if record.falls else False,
            "fall_form": EmptyForm(), **checklist_context(member_id, today, voice)}


def program_page(member_id: int, today: date) -> dict[str, Any]:
    """Her program with adherence and suggestions."""
    return {"program": program_for(member_id, today), "band_label": band_label}


def report_page(member: User, weeks: int, today: date) -> dict[str, Any]:
    """The printable report of her last `weeks` weeks."""
    return {"report": build_report(member, weeks, today), "weeks": weeks, "site_labels": SITE_LABELS,
            **_units(member.id)}
