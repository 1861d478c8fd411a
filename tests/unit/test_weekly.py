"""Weekly targets, week boundaries and the weekly summary as pure rules: no app, no database."""
from datetime import UTC, date, datetime

import pytest

from app.guidance.calendar import today_in
from app.guidance.facts import DayTargets
from app.guidance.summary import DayExercise, DayNutrition, summarize_week
from app.guidance.targets import (
    FractureHistory,
    MemberFacts,
    Override,
    daily_nutrition_targets,
    status,
    weekly_exercise_targets,
)
from app.guidance.weeks import consecutive_pairs, week_start

MONDAY = date(2026, 3, 2)
TARGETS = weekly_exercise_targets(FractureHistory())
DAILY = daily_nutrition_targets(MemberFacts(date(1958, 1, 1), "female", 60.0), MONDAY)  # 68: 1,200 mg, UL 2,000


def day(n: int) -> date:
    return date(2026, 3, 2 + n)


@pytest.mark.parametrize("fractures, keys", [
    (FractureHistory(), ["resistance_sessions", "impact_days", "moderate_minutes", "balance_days"]),
    (FractureHistory(low_trauma=1), ["resistance_sessions", "impact_days", "moderate_minutes", "balance_days"]),
    (FractureHistory(low_trauma=2), ["resistance_sessions", "brisk_walk_days", "moderate_minutes", "balance_days"]),
    (FractureHistory(vertebral=True), ["resistance_sessions", "brisk_walk_days", "moderate_minutes", "balance_days"]),
])
def test_weekly_targets_by_fracture_history(fractures: FractureHistory, keys: list[str]) -> None:
    targets = weekly_exercise_targets(fractures)
    assert [t.key for t in targets] == keys
    assert [t.value for t in targets] == [2, 4, 150, 3]
    assert targets[0].sources[0].short == "ROS 2022"


def test_override_replaces_the_default_and_says_who_and_why() -> None:
    override = Override(1, "Starting gently after surgery", "Priya, PT")
    (resistance, *_rest) = weekly_exercise_targets(FractureHistory(), {"resistance_sessions": override})
    assert resistance.value == 1 and resistance.override.set_by == "Priya, PT"


@pytest.mark.parametrize("actual, target, expected", [
    (2, 2, "met"), (3, 2, "met"), (75, 100, "close"), (74.9, 100, "below"), (0, 4, "below"), (1.5, 2, "close"),
    (0, 0, "met"),
])
def test_status_thresholds(actual: float, target: float, expected: str) -> None:
    assert status(actual, target) == expected


@pytest.mark.parametrize("instant, zone, monday", [
    # America/New_York springs forward on Sunday 8 March 2026 at 02:00.
    (datetime(2026, 3, 9, 3, 59, tzinfo=UTC), "America/New_York", date(2026, 3, 2)),  # Sun 23:59 EDT
    (datetime(2026, 3, 9, 4, 0, tzinfo=UTC), "America/New_York", date(2026, 3, 9)),   # Mon 00:00 EDT
    # Europe/London falls back on Sunday 25 October 2026.
    (datetime(2026, 10, 25, 23, 30, tzinfo=UTC), "Europe/London", date(2026, 10, 19)),  # Sun 23:30 GMT
    (datetime(2026, 10, 26, 0, 0, tzinfo=UTC), "Europe/London", date(2026, 10, 26)),
    # Far east and far west of UTC at the same instant: Monday 05:00 UTC.
    (datetime(2026, 3, 9, 5, 0, tzinfo=UTC), "Pacific/Kiritimati", date(2026, 3, 9)),  # Mon 19:00
    (datetime(2026, 3, 9, 5, 0, tzinfo=UTC), "Pacific/Niue", date(2026, 3, 2)),        # Sun 18:00
])
def test_week_boundaries_follow_her_timezone(instant: datetime, zone: str, monday: date) -> None:
    assert week_start(today_in(zone, instant)) == monday


def test_consecutive_days() -> None:
    assert consecutive_pairs([day(0), day(1), day(3), day(5), day(6)]) == [(day(0), day(1)), (day(5), day(6))]


SUNDAY = day(6)
WEEK_OVER = day(7)  # the Monday after: the week is judged in full


def summarize(exercise=None, food=None, supplements=None, today: date = WEEK_OVER, targets=TARGETS,
              member_since: date | None = None):
    return summarize_week(MONDAY, today, lambda _day: DayTargets(DAILY, targets), exercise or {}, food or {},
                          supplements or {}, member_since=member_since)


def metric(summary, key: str):
    return next(m for m in summary.exercise if m.key == key)


def test_impact_day_needs_50_moderate_impacts() -> None:
    s = summarize({day(0): DayExercise(moderate_impacts=49), day(1): DayExercise(moderate_impacts=50),
                   day(2): DayExercise(moderate_impacts=120)})
    impact = metric(s, "impact_days")
    assert (impact.actual, impact.days, impact.status) == (2, [day(1), day(2)], "below")


def test_brisk_walking_days_need_20_minutes() -> None:
    targets = weekly_exercise_targets(FractureHistory(vertebral=True))
    s = summarize({day(i): DayExercise(brisk_walk_minutes=20) for i in range(3)} |
                  {day(4): DayExercise(brisk_walk_minutes=19)}, targets=targets)
    walk = metric(s, "brisk_walk_days")
    assert (walk.actual, walk.status) == (3, "close")


def test_sessions_minutes_and_balance() -> None:
    s = summarize({day(0): DayExercise(resistance_sessions=1, moderate_minutes=40, balance_entries=2),
                   day(1): DayExercise(resistance_sessions=1, moderate_minutes=35),
                   day(3): DayExercise(moderate_minutes=40, balance_entries=1, posture_entries=1, pain=True)})
    assert metric(s, "resistance_sessions").status == "met"
    assert (metric(s, "moderate_minutes").actual, metric(s, "moderate_minutes").status) == (115, "close")
    assert metric(s, "balance_days").days == [day(0), day(3)]
    assert s.back_to_back_resistance == [(day(0), day(1))]
    assert s.posture_days == [day(3)] and s.pain_days == [day(3)]
    assert s.next_action == "4 impact days short"


def test_next_action_counts_down_in_words_with_the_days_left() -> None:
    tuesday = day(1)
    assert summarize({day(0): DayExercise(moderate_impacts=60, balance_entries=1, moderate_minutes=30)},
                     today=tuesday).next_action == "2 band sessions to go, 6 days left"
    assert summarize(today=SUNDAY).next_action == "2 band sessions to go, today is the last day"
    assert summarize().next_action == "2 band sessions short"


@pytest.mark.parametrize("today, done, expected", [
    # Tuesday, nothing yet: 2 sessions still fit in 6 days, and a day's shortfall isn't judged before it ends.
    (day(1), {}, "on_track"),
    # Saturday with none: pace wants 1 of 2 by Friday's end (75 % of 2 × 5/7, rounded down).
    (day(5), {}, "behind"),
    (day(5), {day(2): DayExercise(resistance_sessions=1)}, "on_track"),
    # Sunday with none: 2 sessions no longer fit in the one day left.
    (day(6), {day(2): DayExercise(resistance_sessions=0)}, "behind"),
    (day(6), {day(2): DayExercise(resistance_sessions=1), day(4): DayExercise(resistance_sessions=1)}, "met"),
])
def test_a_week_still_going_is_judged_by_pace_never_below(today: date, done: dict, expected: str) -> None:
    s = summarize(done, today=today)
    assert metric(s, "resistance_sessions").status == expected
    assert s.judged == "pace" and s.so_far
    assert all(m.status in ("met", "on_track", "behind") for m in s.exercise)


def test_impact_days_left_must_still_fit() -> None:
    # Thursday: Thursday to Sunday still holds 4 impact days, but pace wants 1 done by Wednesday's end.
    assert metric(summarize(today=day(3)), "impact_days").status == "behind"  # pace wants 1 by Wednesday's end
    one = {day(0): DayExercise(moderate_impacts=50)}
    assert metric(summarize(one, today=day(3)), "impact_days").status == "on_track"
    assert metric(summarize(one, today=day(5)), "impact_days").status == "behind"  # 3 to go in 2 days


def test_weeks_before_she_joined_are_not_judged() -> None:
    s = summarize({day(0): DayExercise(resistance_sessions=1)}, member_since=WEEK_OVER)
    assert s.judged == "not_member" and s.counted_days == []
    assert all(m.status is None for m in s.exercise) and s.next_action is None
    assert all(n.status is None for n in s.nutrition)


def test_the_week_she_joined_is_judged_by_pace_over_her_days() -> None:
    thursday = day(3)
    s = summarize({day(4): DayExercise(resistance_sessions=1, balance_entries=1)}, member_since=thursday)
    assert s.judged == "pace" and s.counted_days == [day(3), day(4), day(5), day(6)] and not s.so_far
    # 4 of her days: pace wants int(2 × 4/7 × 0.75) = 1 session; she did 1.
    assert metric(s, "resistance_sessions").status == "on_track"
    assert all(m.status != "below" for m in s.exercise)
    # Logged before she joined (a backdated walk): not counted.
    assert metric(summarize({day(0): DayExercise(resistance_sessions=2)}, member_since=thursday),
                  "resistance_sessions").actual == 0


def test_nutrition_is_averaged_over_days_with_food_only() -> None:
    food = {day(0): DayNutrition(1000, 400, 50, food_items=3), day(2): DayNutrition(1200, 600, 60, food_items=2),
            day(4): DayNutrition(800, 200, 55, 1, food_items=4)}
    supplements = {day(4): DayNutrition(600, 800, 0), day(5): DayNutrition(600, 800, 0)}  # day 5: no food
    s = summarize(food=food, supplements=supplements)
    calcium, vitamin_d, protein = s.nutrition
    assert len(s.food_days) == 3                                      # "based on 3 of 7 days"
    assert calcium.average == pytest.approx((1000 + 1200 + 1400) / 3) and calcium.status == "met"
    assert vitamin_d.average == pytest.approx((400 + 600 + 1000) / 3) and vitamin_d.status == "close"
    assert protein.average == pytest.approx(55) and protein.target.value == 60 and protein.status == "close"
    assert s.unknown_vitamin_d_items == 1


def test_days_above_an_upper_limit_are_called_out() -> None:
    food = {day(1): DayNutrition(1500, 0, 0, food_items=1), day(2): DayNutrition(1400, 0, 0, food_items=1)}
    supplements = {day(1): DayNutrition(600, 4500, 0), day(2): DayNutrition(600, 0, 0)}
    calcium, vitamin_d, _ = summarize(food=food, supplements=supplements).nutrition
    assert calcium.above_limit_days == [day(1)]       # 2,100 mg > 2,000; exactly 2,000 is not above
    assert vitamin_d.above_limit_days == [day(1)]     # 4,500 IU > 4,000


def test_current_week_counts_only_days_so_far() -> None:
    s = summarize({day(0): DayExercise(resistance_sessions=1), day(5): DayExercise(resistance_sessions=1)},
                  food={day(2): DayNutrition(900, 0, 0, food_items=1)}, today=day(2))
    assert s.so_far and s.counted_days == [day(0), day(1), day(2)]
    assert metric(s, "resistance_sessions").actual == 1
    assert s.nutrition[0].average == 900


def test_week_without_food_has_no_average() -> None:
    calcium = summarize().nutrition[0]
    assert (calcium.average, calcium.status) == (None, None)
