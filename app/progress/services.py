"""Aggregates for the weekly summary and trends: grouped by day in SQL, a constant number of queries."""
from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import Result, Select, bindparam, case, distinct, func, select

from app.auth.models import User
from app.exercises.models import Exercise, ExerciseSession, SessionEntry
from app.extensions import db
from app.guidance.summary import DayExercise, DayNutrition, WeekSummary, summarize_week
from app.guidance.weeks import week_end, week_start
from app.memo import once_per_request
from app.nutrition.models import AlcoholLog, FoodLog, SupplementLog
from app.targets.services import member_history

# The three by-day aggregates are built once, with the members and dates as bound parameters: building
# a statement of this size costs more per request than SQLAlchemy's compiled-statement cache saves.
_MEMBERS = bindparam("member_ids", expanding=True)
_FIRST, _LAST = bindparam("first"), bindparam("last")
_kind, _impact = Exercise.kind, Exercise.impact
EXERCISE_BY_MEMBER_DAY = (
    select(
        ExerciseSession.member_id, ExerciseSession.session_date,
        func.count(distinct(case((_kind == "resistance_band", ExerciseSession.id)))),
        func.coalesce(func.sum(case((_impact.in_(("moderate", "high")), SessionEntry.impacts))), 0),
        func.coalesce(func.sum(case((Exercise.slug == "brisk_walking", SessionEntry.minutes))), 0),
        func.coalesce(func.sum(case((Exercise.moderate_aerobic.is_(True), SessionEntry.minutes))), 0),
        func.count(case((_kind == "balance", 1))),
        func.count(case((_kind == "posture", 1))),
        func.max(case((ExerciseSession.pain.is_(True), 1), else_=0)),
    )
    .join(SessionEntry, SessionEntry.session_id == ExerciseSession.id)
    .join(Exercise, Exercise.id == SessionEntry.exercise_id)
    .where(ExerciseSession.member_id.in_(_MEMBERS), ExerciseSession.session_date.between(_FIRST, _LAST))
    .group_by(ExerciseSession.member_id, ExerciseSession.session_date))
FOOD_BY_MEMBER_DAY = (
    select(FoodLog.member_id, FoodLog.log_date, func.coalesce(func.sum(FoodLog.calcium_mg), 0),
           func.sum(func.coalesce(FoodLog.vitamin_d_iu, 0)), func.sum(FoodLog.protein_g),
           func.count(case((FoodLog.vitamin_d_iu.is_(None), 1))), func.count())
    .where(FoodLog.member_id.in_(_MEMBERS), FoodLog.log_date.between(_FIRST, _LAST))
    .group_by(FoodLog.member_id, FoodLog.log_date))
SUPPLEMENTS_BY_MEMBER_DAY = (
    select(SupplementLog.member_id, SupplementLog.log_date, func.sum(SupplementLog.calcium_mg),
           func.sum(SupplementLog.vitamin_d_iu), func.sum(SupplementLog.protein_g))
    .where(SupplementLog.member_id.in_(_MEMBERS), SupplementLog.log_date.between(_FIRST, _LAST))
    .group_by(SupplementLog.member_id, SupplementLog.log_date))
ALCOHOL_BY_MEMBER_DAY = (
    select(AlcoholLog.member_id, AlcoholLog.log_date, func.sum(AlcoholLog.ethanol_g))
    .where(AlcoholLog.member_id.in_(_MEMBERS), AlcoholLog.log_date.between(_FIRST, _LAST))
    .group_by(AlcoholLog.member_id, AlcoholLog.log_date))


def _by_member_day(statement: Select, member_ids: list[int], first: date, last: date) -> Result:
    return db.session.execute(statement, {"member_ids": list(member_ids), "first": first, "last": last})


def exercise_by_member_day(member_ids: list[int], first: date, last: date) -> dict[int, dict[date, DayExercise]]:
    """One grouped query over sessions × entries × exercises, by member and day."""
    result: dict[int, dict[date, DayExercise]] = defaultdict(dict)
    for member_id, day, res, imp, brisk, mod, bal, post, pain in _by_member_day(
            EXERCISE_BY_MEMBER_DAY, member_ids, first, last):
        result[member_id][day] = DayExercise(int(res), int(imp), int(brisk), int(mod), int(bal), int(post), bool(pain))
    return result


def food_by_member_day(member_ids: list[int], first: date, last: date) -> dict[int, dict[date, DayNutrition]]:
    result: dict[int, dict[date, DayNutrition]] = defaultdict(dict)
    for member_id, day, ca, d, p, unknown, n in _by_member_day(FOOD_BY_MEMBER_DAY, member_ids, first, last):
        result[member_id][day] = DayNutrition(float(ca), float(d), float(p), int(unknown), int(n))
    return result


def supplements_by_member_day(member_ids: list[int], first: date, last: date) -> dict[int, dict[date, DayNutrition]]:
    result: dict[int, dict[date, DayNutrition]] = defaultdict(dict)
    for member_id, day, ca, d, p in _by_member_day(SUPPLEMENTS_BY_MEMBER_DAY, member_ids, first, last):
        result[member_id][day] = DayNutrition(float(ca), float(d), float(p))
    return result


def alcohol_by_day(member_id: int, first: date, last: date) -> dict[date, float]:
    """Grams of ethanol on each day she logged drinks."""
    return {day: float(grams) for _, day, grams in _by_member_day(ALCOHOL_BY_MEMBER_DAY, [member_id], first, last)}


def exercise_by_day(member_id: int, first: date, last: date) -> dict[date, DayExercise]:
    return exercise_by_member_day([member_id], first, last).get(member_id, {})


@once_per_request
def food_by_day(member_id: int, first: date, last: date) -> dict[date, DayNutrition]:
    """Her food by day (read once per page view: the trends' summaries and charts cover the same days)."""
    return food_by_member_day([member_id], first, last).get(member_id, {})


@once_per_request
def supplements_by_day(member_id: int, first: date, last: date) -> dict[date, DayNutrition]:
    return supplements_by_member_day([member_id], first, last).get(member_id, {})


def weeks_summary(member_id: int, last_monday: date, weeks: int, today: date) -> list[WeekSummary]:
    """`weeks` consecutive weeks ending with the one starting `last_monday`, oldest first.

    Four aggregate queries (exercise, food, supplements, drinks) cover the whole range, plus her history
    (`app.targets.services`); each day is judged with that day's targets.
    """
    first = last_monday - timedelta(weeks=weeks - 1)
    last = week_end(last_monday)
    exercise = exercise_by_day(member_id, first, last)
    food = food_by_day(member_id, first, last)
    supplements = supplements_by_day(member_id, first, last)
    alcohol = alcohol_by_day(member_id, first, last)
    targets_on = member_history(member_id).targets_on
    member = db.session.get(User, member_id)  # the signed-in member or the client just checked: no statement
    since = member.member_since if member else None
    return [summarize_week(first + timedelta(weeks=i), today, targets_on, exercise, food, supplements, alcohol,
                           member_since=since)
            for i in range(weeks)]


def weekly_summary(member_id: int, monday: date, today: date) -> WeekSummary:
    return weeks_summary(member_id, week_start(monday), 1, today)[0]


def daily_nutrients(member_id: int, first: date, last: date) -> dict[date, DayNutrition]:
    """Food and supplements together for each day in the range (two queries)."""
    food = food_by_day(member_id, first, last)
    supplements = supplements_by_day(member_id, first, last)
    return {d: food.get(d, DayNutrition()) + supplements.get(d, DayNutrition())
            for d in sorted(set(food) | set(supplements))}
