"""Home's next step and the dose words, as plain rules: no app, no database."""
from datetime import date

from app.guidance.doses import dose_text
from app.guidance.facts import DayTargets
from app.guidance.next_step import Choice, next_step
from app.guidance.summary import DayExercise, summarize_week
from app.guidance.targets import FractureHistory, MemberFacts, daily_nutrition_targets, weekly_exercise_targets

MONDAY = date(2026, 3, 2)
DAILY = daily_nutrition_targets(MemberFacts(date(1958, 1, 1), "female", 60.0), MONDAY)


def week(exercise: dict, today: date, fractures: FractureHistory | None = None):
    targets = weekly_exercise_targets(fractures or FractureHistory())
    return summarize_week(MONDAY, today, lambda _d: DayTargets(DAILY, targets), exercise, {}, {})


CATALOG = [
    Choice(1, "brisk_walking", "Brisk walking", "weight_bearing", "minutes"),
    Choice(2, "stamping", "Stamping", "weight_bearing", "reps", moderate_impact=True, counts_impacts=True),
    Choice(3, "band_row", "Seated band row", "resistance_band", "reps"),
    Choice(4, "tandem_stance", "Tandem stance", "balance", "hold"),
]
TANDEM = Choice(4, "tandem_stance", "Tandem stance", "balance", "hold", sets=3, hold_seconds=30, prescribed=True)


def test_dose_words() -> None:
    assert dose_text("reps", 3, 10) == "3 × 10"
    assert dose_text("hold", 3, hold_seconds=30) == "3 × 30 s"
    assert dose_text("minutes", minutes=20) == "20 minutes" and dose_text("minutes", minutes=1) == "1 minute"


def test_balance_behind_pace_is_the_step_with_her_prescribed_dose() -> None:
    # Friday: everything but balance is met; balance 0 of 3 with 3 days left.
    done = {MONDAY: DayExercise(resistance_sessions=1, moderate_impacts=60, moderate_minutes=60),
            date(2026, 3, 3): DayExercise(moderate_impacts=60, moderate_minutes=60),
            date(2026, 3, 4): DayExercise(resistance_sessions=1, moderate_impacts=60, moderate_minutes=60),
            date(2026, 3, 5): DayExercise(moderate_impacts=60)}
    w = week(done, date(2026, 3, 6))
    step = next_step(w, [TANDEM], CATALOG)
    assert step.text == "Balance: tandem stance, 3 × 30 s"
    assert step.why == "0 of 3 so far; 3 balance days to go, 3 days left"
    assert (step.sets, step.hold_seconds) == (3, 30) and not step.is_walk


def test_without_a_program_the_catalog_gives_the_step_and_only_guidance_doses() -> None:
    w = week({}, date(2026, 3, 7))  # Saturday, nothing done: every target equally behind, the first one first
    step = next_step(w, [], CATALOG)
    assert step.text == "Band session: seated band row, 8–12 reps, up to 3 sets" and step.reps is None
    # Nothing of hers for the first target: the next one she can do.
    impacts = next_step(w, [], [c for c in CATALOG if c.kind == "weight_bearing" and c.moderate_impact])
    assert impacts.text == "Impacts: stamping, 50 impacts" and (impacts.sets, impacts.reps) == (1, 50)
    balance_only = next_step(w, [], [c for c in CATALOG if c.kind == "balance"])
    assert balance_only is None or balance_only.dose == ""  # no hold figure in the guidance: none invented


def test_after_a_spine_fracture_the_step_is_a_brisk_walk_of_20_minutes() -> None:
    w = week({MONDAY: DayExercise(resistance_sessions=1, balance_entries=1)}, date(2026, 3, 3),
             FractureHistory(vertebral=True))
    step = next_step(w, [], [c for c in CATALOG if not c.moderate_impact])
    assert step.is_walk and step.minutes in (20, 25, 30)
    assert step.exercise.slug == "brisk_walking"


def test_nothing_to_suggest_when_every_target_is_met() -> None:
    done = {date(2026, 3, d): DayExercise(resistance_sessions=1, moderate_impacts=60, moderate_minutes=40,
                                          balance_entries=1) for d in range(2, 7)}
    assert next_step(week(done, date(2026, 3, 6)), [TANDEM], CATALOG) is None


# Guidance README, third build: after a fall, the impact ladder, moderate minutes in a day.
LADDER = [
    Choice(10, "hopping", "Hopping", "weight_bearing", "reps", moderate_impact=True, counts_impacts=True,
           impact="moderate", landing="one_foot"),
    Choice(11, "low_jumps", "Low jumps", "weight_bearing", "reps", moderate_impact=True, counts_impacts=True,
           impact="moderate", landing="two_feet"),
    Choice(12, "star_jumps", "Star jumps", "weight_bearing", "reps", moderate_impact=True, counts_impacts=True,
           impact="high", landing="two_feet"),
    Choice(13, "vigorous_heel_drops", "Vigorous heel drops", "weight_bearing", "reps", moderate_impact=True,
           counts_impacts=True, impact="moderate", landing="grounded"),
]


def _impacts_first_week():
    # Everything met but impacts: the impact step is the one asked for.
    done = {MONDAY: DayExercise(resistance_sessions=1, balance_entries=1, moderate_minutes=60),
            date(2026, 3, 3): DayExercise(resistance_sessions=1, balance_entries=1, moderate_minutes=60),
            date(2026, 3, 4): DayExercise(balance_entries=1, moderate_minutes=60)}
    return week(done, date(2026, 3, 4))


def test_the_impact_step_climbs_the_ladder_and_never_starts_on_one_leg() -> None:
    step = next_step(_impacts_first_week(), [], LADDER)
    assert step.text == "Impacts: vigorous heel drops, 50 impacts"
    without_grounded = next_step(_impacts_first_week(), [], LADDER[:3])
    assert without_grounded.exercise.slug == "low_jumps"  # two feet before one, moderate before high


def test_after_a_fall_the_step_is_strength_or_balance() -> None:
    w = week({}, date(2026, 3, 7))
    step = next_step(w, [], CATALOG + LADDER, paused_after_fall=True)
    assert step.heading in ("Band session", "Balance")
    only_impacts = week({MONDAY: DayExercise(resistance_sessions=2, balance_entries=1, moderate_minutes=60),
                         date(2026, 3, 3): DayExercise(balance_entries=1, moderate_minutes=60),
                         date(2026, 3, 4): DayExercise(balance_entries=1, moderate_minutes=60)}, date(2026, 3, 4))
    assert next_step(only_impacts, [], CATALOG + LADDER, paused_after_fall=True) is None  # nothing else to offer
    assert next_step(only_impacts, [], CATALOG + LADDER).heading == "Impacts"


def test_a_days_moderate_minutes_are_at_most_60() -> None:
    from app.guidance.next_step import MODERATE_MINUTES_MAX_PER_DAY
    # Sunday with nothing done: 150 minutes to go in one day would be the whole week's.
    done = {MONDAY: DayExercise(resistance_sessions=2, balance_entries=1, moderate_impacts=60),
            date(2026, 3, 3): DayExercise(balance_entries=1, moderate_impacts=60),
            date(2026, 3, 4): DayExercise(balance_entries=1, moderate_impacts=60),
            date(2026, 3, 5): DayExercise(moderate_impacts=60)}
    w = week(done, date(2026, 3, 8))
    step = next_step(w, [], CATALOG)
    assert step.heading in ("Moderate activity", "Brisk walk")
    assert step.minutes is not None and step.minutes <= MODERATE_MINUTES_MAX_PER_DAY == 60
