"""Her risk-factor checklist and the screening reminder: what Ossify knows, her answers (the caller commits)."""
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from sqlalchemy import bindparam, delete, exists, func, select

from app.extensions import db
from app.function.services import history, latest
from app.guidance.alcohol import flagged_days
from app.guidance.calendar import age_on
from app.guidance.function import TESTS, FunctionTest
from app.guidance.risk import (
    ANSWER_LABELS,
    ANSWERS,
    CHECKLIST_SOURCES,
    FACTORS_BY_KEY,
    FALL_WINDOW_DAYS,
    GROUP_LABELS,
    TO_HER,
    WINDOW_DAYS,
    ActivityAverage,
    FactorState,
    Group,
    IntakeAverage,
    KnownFacts,
    ScreeningReminder,
    Voice,
    checklist,
    screening_reminder,
)
from app.profile.models import DxaScan, Fall, RiskFactorAnswer
from app.profile.services import get_profile
from app.progress.services import alcohol_by_day, daily_nutrients, exercise_by_day
from app.targets.services import daily_targets, fracture_history

# Built once, bound per request (see app/progress/services.py).
FALLS_BETWEEN = select(func.count()).select_from(Fall).where(
    Fall.member_id == bindparam("member_id"), Fall.fall_date.between(bindparam("first"), bindparam("last")))
HER_ANSWERS = select(RiskFactorAnswer.factor, RiskFactorAnswer.answer).where(
    RiskFactorAnswer.member_id == bindparam("member_id"))


def known_facts(member_id: int, today: date, from_intake: bool = True) -> KnownFacts:
    """What her profile, bone-health record and last 4 weeks of logs say about the checklist.

    `from_intake=False` skips the food and exercise aggregates: the screening reminder doesn't use them. Her
    latest Stay Independent check counts as "a fall in the last year" when she answered "I have fallen".
    """
    profile = get_profile(member_id)
    first = today - timedelta(days=WINDOW_DAYS - 1)
    tests = latest(history(member_id))
    independent = tests.get(FunctionTest.STAY_INDEPENDENT)
    said_fallen = (independent.row.taken_on if independent and "fallen" in (independent.row.answers or [])
                   and independent.row.taken_on > today - timedelta(days=FALL_WINDOW_DAYS) else None)
    alcohol = alcohol_by_day(member_id, first, today)
    facts = KnownFacts(
        age=age_on(profile.date_of_birth, today) if profile.date_of_birth else None, sex=profile.sex,
        low_trauma_fractures=fracture_history(member_id).adult_low_trauma,
        falls_last_year=db.session.scalar(FALLS_BETWEEN, {"member_id": member_id, "first": today - timedelta(
            days=FALL_WINDOW_DAYS - 1), "last": today}),
        alcohol_days_logged=len(alcohol), alcohol_flagged_days=len(flagged_days(alcohol)),
        alcohol_g_per_day=sum(alcohol.values()) / WINDOW_DAYS, said_fallen_on=said_fallen)
    if not from_intake:
        return facts
    totals = [day for day in daily_nutrients(member_id, first, today).values() if day.food_items]
    targets = daily_targets(member_id, today)

    def intake(key: str) -> IntakeAverage | None:
        target = getattr(targets, key)
        if not totals or target is None:
            return None
        return IntakeAverage(sum(getattr(t, key) for t in totals) / len(totals), target.value, len(totals))

    exercise = exercise_by_day(member_id, first, today)
    weeks = WINDOW_DAYS / 7
    activity = ActivityAverage(sum(d.moderate_minutes for d in exercise.values()) / weeks,
                               sum(d.resistance_sessions for d in exercise.values()) / weeks) if exercise else None
    said = tuple((f"{TESTS[test].short.lower()} {r.value_text} on {r.row.taken_on:%-d %b %Y}", r.at_risk)
                 for test, r in tests.items())
    return replace(facts, calcium=intake("calcium_mg"), vitamin_d=intake("vitamin_d_iu"), activity=activity,
                   function_tests=said)


def saved_answers(member_id: int) -> dict[str, str]:
    return dict(db.session.execute(HER_ANSWERS, {"member_id": member_id}).all())


def risk_checklist(member_id: int, today: date, voice: Voice = TO_HER) -> list[FactorState]:
    return checklist(known_facts(member_id, today), saved_answers(member_id), voice)


def checklist_context(member_id: int, today: date, voice: Voice = TO_HER) -> dict[str, Any]:
    """The checklist as the bone-health page shows it (her page, or her therapist's view speaking of her)."""
    return {"risk_states": risk_checklist(member_id, today, voice), "risk_groups": GROUP_LABELS,
            "answer_labels": ANSWER_LABELS, "risk_group_order": (Group.CHANGEABLE, Group.FIXED),
            "risk_sources": CHECKLIST_SOURCES}


def save_answers(member_id: int, answers: dict[str, str | None]) -> None:
    """Store her answers; an empty one removes what she said before."""
    existing = {a.factor: a for a in db.session.scalars(
        select(RiskFactorAnswer).where(RiskFactorAnswer.member_id == member_id))}
    for key, answer in answers.items():
        if key not in FACTORS_BY_KEY:
            raise ValueError(f"unknown risk factor {key!r}")
        if answer in ANSWERS:
            row = existing.get(key) or RiskFactorAnswer(member_id=member_id, factor=key)
            row.answer = answer
            db.session.add(row)
        elif key in existing:
            db.session.execute(delete(RiskFactorAnswer).where(RiskFactorAnswer.member_id == member_id,
                                                              RiskFactorAnswer.factor == key))


def has_dxa(member_id: int) -> bool:
    return bool(db.session.scalar(select(exists().where(DxaScan.member_id == member_id))))


def screening_note(member_id: int, today: date, dxa_on_record: bool | None = None,
                   states: list[FactorState] | None = None) -> ScreeningReminder | None:
    """The "no DXA on record" note for her (or her therapist), or None.

    Pass `dxa_on_record` and the checklist `states` when the page already has them: nothing is read twice.
    """
    if dxa_on_record is None:
        dxa_on_record = has_dxa(member_id)
    if dxa_on_record:
        return None
    profile = get_profile(member_id)
    age = age_on(profile.date_of_birth, today) if profile.date_of_birth else None
    if states is None:
        states = checklist(known_facts(member_id, today, from_intake=False), saved_answers(member_id))
    return screening_reminder(age, profile.sex, False, states)
