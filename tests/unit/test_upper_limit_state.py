"""Above an upper limit is its own state (guidance README, third build, "Food suggestions and upper limits"):
never "met", never green, wherever a day or week is shown. Plain rules: no app, no database."""
from datetime import date, timedelta

from app.guidance.facts import DayTargets
from app.guidance.summary import DayExercise, DayNutrition, summarize_week
from app.guidance.targets import (
    STATUS_LABELS,
    FractureHistory,
    MemberFacts,
    Status,
    daily_nutrition_targets,
    weekly_exercise_targets,
)

MONDAY = date(2026, 3, 2)
DAILY = daily_nutrition_targets(MemberFacts(date(1958, 1, 1), "female", 60.0), MONDAY)
TARGETS = weekly_exercise_targets(FractureHistory())


def _week(calcium_by_day: dict[date, float]):  # noqa: ANN202
    food = {d: DayNutrition(calcium_mg=mg, vitamin_d_iu=800, protein_g=60, food_items=3)
            for d, mg in calcium_by_day.items()}
    return summarize_week(MONDAY, MONDAY + timedelta(days=7), lambda _d: DayTargets(DAILY, TARGETS),
                          {MONDAY: DayExercise()}, food, {})


def test_a_week_with_a_day_above_the_calcium_limit_is_above_the_limit_not_met() -> None:
    limit = DAILY.calcium_ul_mg.value
    week = _week({MONDAY: 2410, MONDAY + timedelta(days=1): 1300})
    calcium = next(n for n in week.nutrition if n.key == "calcium_mg")
    assert 2410 > limit and calcium.above_limit_days == [MONDAY]
    assert calcium.status == Status.ABOVE_LIMIT != Status.MET
    assert STATUS_LABELS[calcium.status] == "Above the upper limit"
    at_the_limit = next(n for n in _week({MONDAY: limit}).nutrition if n.key == "calcium_mg")
    assert at_the_limit.status == Status.MET  # at the limit is not above it
