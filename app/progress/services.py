"""Aggregates for the weekly summary and trends: grouped by day in SQL, a constant number of queries."""
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from flask import g, has_request_context, request
from sqlalchemy import Float, Select, bindparam, case, cast, distinct, func, literal, null, select, union_all

from app.auth.models import User
from app.exercises.models import Exercise, ExerciseSession, SessionEntry
from app.extensions import db
from app.guidance.summary import DayExercise, DayNutrition, WeekSummary, summarize_week
from app.guidance.targets import DailyNutritionTargets, DayAboveLimits
from app.guidance.weeks import week_end, week_start
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


_NO = cast(null(), Float)


def _padded(kind: str, statement: Select, values: int) -> Select:
    """One aggregate as a part of DAY_TOTALS: its kind, member, day and values as floats, padded to seven."""
    columns = list(statement.selected_columns)
    return statement.with_only_columns(
        literal(kind), columns[0], columns[1], *(cast(c, Float) for c in columns[2:]), *([_NO] * (7 - values)),
        maintain_column_froms=True)


# The four aggregates as one statement, told apart by their first column: one round trip instead of four on every
# page that judges a week (PostgreSQL answers each statement over the network).
DAY_TOTALS = union_all(_padded("exercise", EXERCISE_BY_MEMBER_DAY, 7), _padded("food", FOOD_BY_MEMBER_DAY, 5),
                       _padded("supplements", SUPPLEMENTS_BY_MEMBER_DAY, 3),
                       _padded("alcohol", ALCOHOL_BY_MEMBER_DAY, 1))


@dataclass(frozen=True)
class DayTotals:
    """Her (or several members') logs summed by day, by member: exercise, food, supplements, drinks (grams)."""
    exercise: dict[int, dict[date, DayExercise]]
    food: dict[int, dict[date, DayNutrition]]
    supplements: dict[int, dict[date, DayNutrition]]
    alcohol: dict[int, dict[date, float]]


def day_totals(member_ids: tuple[int, ...], first: date, last: date) -> DayTotals:
    """Every by-day aggregate for the members and days, in one statement, kept for the rest of a page view: a range
    inside one already read is cut from it, so a page that reads its widest range first (Home: the checklist's four
    weeks and this week) reads once."""
    if not has_request_context() or request.method not in ("GET", "HEAD"):
        return _read_day_totals(member_ids, first, last)
    read = g.setdefault("_day_totals", [])
    for ids, start, end, totals in read:
        if ids == member_ids and start <= first and last <= end:
            return totals if (start, end) == (first, last) else _within(totals, first, last)
    totals = _read_day_totals(member_ids, first, last)
    read.append((member_ids, first, last, totals))
    return totals


def _within(totals: DayTotals, first: date, last: date) -> DayTotals:
    def cut(by_member: dict) -> dict:
        return defaultdict(dict, {m: {d: v for d, v in days.items() if first <= d <= last}
                                  for m, days in by_member.items()})
    return DayTotals(cut(totals.exercise), cut(totals.food), cut(totals.supplements), cut(totals.alcohol))


def _read_day_totals(member_ids: tuple[int, ...], first: date, last: date) -> DayTotals:
    found: DayTotals = DayTotals(defaultdict(dict), defaultdict(dict), defaultdict(dict), defaultdict(dict))
    rows = db.session.execute(DAY_TOTALS, {"member_ids": list(member_ids), "first": first, "last": last})
    for kind, member_id, day, *v in rows:
        if kind == "exercise":
            found.exercise[member_id][day] = DayExercise(int(v[0]), int(v[1]), int(v[2]), int(v[3]), int(v[4]),
                                                         int(v[5]), bool(v[6]))
        elif kind == "food":
            found.food[member_id][day] = DayNutrition(float(v[0]), float(v[1]), float(v[2]), int(v[3]), int(v[4]))
        elif kind == "supplements":
            found.supplements[member_id][day] = DayNutrition(float(v[0]), float(v[1]), float(v[2]))
        else:
            found.alcohol[member_id][day] = float(v[0])
    return found


def alcohol_by_day(member_id: int, first: date, last: date) -> dict[date, float]:
    """Grams of ethanol on each day she logged drinks."""
    return day_totals((member_id,), first, last).alcohol.get(member_id, {})


def exercise_by_day(member_id: int, first: date, last: date) -> dict[date, DayExercise]:
    return day_totals((member_id,), first, last).exercise.get(member_id, {})


def weeks_summary(member_id: int, last_monday: date, weeks: int, today: date) -> list[WeekSummary]:
    """`weeks` consecutive weeks ending with the one starting `last_monday`, oldest first.

    One statement of the four by-day aggregates (exercise, food, supplements, drinks: `day_totals`) covers the
    whole range, plus her history (`app.targets.services`); each day is judged with that day's targets.
    """
    first = last_monday - timedelta(weeks=weeks - 1)
    last = week_end(last_monday)
    totals = day_totals((member_id,), first, last)
    exercise, food = totals.exercise.get(member_id, {}), totals.food.get(member_id, {})
    supplements, alcohol = totals.supplements.get(member_id, {}), totals.alcohol.get(member_id, {})
    targets_on = member_history(member_id).targets_on
    member = db.session.get(User, member_id)  # the signed-in member or the client just checked: no statement
    since = member.member_since if member else None
    return [summarize_week(first + timedelta(weeks=i), today, targets_on, exercise, food, supplements, alcohol,
                           member_since=since)
            for i in range(weeks)]


def weekly_summary(member_id: int, monday: date, today: date) -> WeekSummary:
    return weeks_summary(member_id, week_start(monday), 1, today)[0]


@dataclass(frozen=True)
class DayAtAGlance(DayAboveLimits):
    """Her day's calcium, vitamin D and protein (food and supplements together) against that day's targets, as Home
    shows it: the same sums as her food day, read from the week's by-day totals her weekly summary already read."""
    day: date
    targets: DailyNutritionTargets
    total: DayNutrition


def day_at_a_glance(member_id: int, day: date) -> DayAtAGlance:
    """No statement of its own when her week was summarized in this request (`day_totals` is read once per range)."""
    monday = week_start(day)
    totals = daily_nutrients(member_id, monday, week_end(monday))
    return DayAtAGlance(day, member_history(member_id).daily_targets_on(day), totals.get(day, DayNutrition()))


def daily_nutrients(member_id: int, first: date, last: date) -> dict[date, DayNutrition]:
    """Food and supplements together for each day in the range (`day_totals`: one statement, shared in a page view)."""
    totals = day_totals((member_id,), first, last)
    food, supplements = totals.food.get(member_id, {}), totals.supplements.get(member_id, {})
    return {d: food.get(d, DayNutrition()) + supplements.get(d, DayNutrition())
            for d in sorted(set(food) | set(supplements))}
