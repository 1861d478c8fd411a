"""Risk-factor checklist, alcohol grams and flag, and the screening reminder: pure rules, every boundary."""
from datetime import date

import pytest

from app.guidance import alcohol
from app.guidance.facts import DayTargets
from app.guidance.risk import (
    FACTORS,
    MIN_FOOD_DAYS,
    ActivityAverage,
    FactorState,
    Group,
    IntakeAverage,
    KnownFacts,
    checklist,
    screening_reminder,
)
from app.guidance.sources import FRAX, LEBOFF_2022, USPSTF_2025
from app.guidance.summary import summarize_week
from app.guidance.targets import DailyNutritionTargets, FractureHistory, Target, weekly_exercise_targets

MONDAY = date(2026, 3, 2)


# --- Alcohol: drinks to grams, the FRAX flag, the general-health limit -----------------------------------------

@pytest.mark.parametrize("drinks, size, grams", [
    (1, "us", 14.0), (2, "us", 28.0), (1, "uk", 8.0), (3, "uk", 24.0), (1.5, "us", 21.0), (0.5, "uk", 4.0),
])
def test_ethanol_grams_from_drinks_and_size(drinks: float, size: str, grams: float) -> None:
    assert alcohol.ethanol_g(drinks, size) == grams


@pytest.mark.parametrize("drinks, size", [(0, "us"), (-1, "uk")])
def test_ethanol_grams_refuses_no_drinks(drinks: float, size: str) -> None:
    with pytest.raises(ValueError):
        alcohol.ethanol_g(drinks, size)


@pytest.mark.parametrize("grams, flagged", [(23.9, False), (24.0, True), (28.0, True), (16.0, False), (0.0, False)])
def test_flag_at_three_frax_units_of_8_g(grams: float, flagged: bool) -> None:
    assert alcohol.FLAG_G_PER_DAY == 24.0 and alcohol.FLAG_SOURCE is FRAX
    assert alcohol.is_flagged(grams) is flagged


def test_three_uk_units_and_two_us_drinks_are_flagged_but_one_us_drink_and_a_half_is_not() -> None:
    assert alcohol.is_flagged(alcohol.ethanol_g(3, "uk")) and alcohol.is_flagged(alcohol.ethanol_g(2, "us"))
    assert not alcohol.is_flagged(alcohol.ethanol_g(1.5, "us")) and not alcohol.is_flagged(alcohol.ethanol_g(2, "uk"))


def test_flagged_days_in_date_order() -> None:
    days = {date(2026, 3, 5): 30.0, date(2026, 3, 3): 24.0, date(2026, 3, 4): 14.0, date(2026, 3, 6): 14.1}
    assert alcohol.flagged_days(days) == [date(2026, 3, 3), date(2026, 3, 5)]


def test_grams_said_both_ways() -> None:
    assert alcohol.in_drinks(28.0) == {"us": 2.0, "uk": 3.5}


def _summary(alcohol_by_day: dict[date, float] | None, today: date = date(2026, 3, 8)):
    daily = DailyNutritionTargets(None, None, None, Target(4000, "", ()), None, None)
    weekly = weekly_exercise_targets(FractureHistory())
    return summarize_week(MONDAY, today, lambda _day: DayTargets(daily, weekly), {}, {}, {}, alcohol_by_day)


def test_weekly_summary_flags_days_at_or_above_the_threshold_within_the_week() -> None:
    s = _summary({date(2026, 3, 1): 40.0, date(2026, 3, 3): 24.0, date(2026, 3, 4): 8.0, date(2026, 3, 7): 32.0,
                  date(2026, 3, 9): 50.0})
    assert s.alcohol_flagged_days == [date(2026, 3, 3), date(2026, 3, 7)]  # Sunday before and Monday after: not hers
    assert sorted(s.alcohol_g_by_day) == [date(2026, 3, 3), date(2026, 3, 4), date(2026, 3, 7)]


def test_weekly_summary_so_far_ignores_days_after_today_and_no_drinks_means_no_flag() -> None:
    assert _summary({date(2026, 3, 7): 40.0}, today=date(2026, 3, 4)).alcohol_flagged_days == []
    assert _summary(None).alcohol_flagged_days == [] and _summary(None).alcohol_g_by_day == {}


# --- The checklist: what Ossify fills in, and what she answers -----------------------------------------------------

def _state(states: list[FactorState], key: str) -> FactorState:
    return next(s for s in states if s.factor.key == key)


def test_checklist_has_both_groups_with_the_issue_factors() -> None:
    changeable = {f.key for f in FACTORS if f.group == Group.CHANGEABLE}
    fixed = {f.key for f in FACTORS if f.group == Group.FIXED}
    assert changeable == {"low_calcium", "low_vitamin_d", "inactivity", "alcohol", "smoking", "low_body_weight",
                          "fall_risk_tests"}
    assert fixed == {"older_age", "female", "menopause", "parent_hip_fracture", "low_trauma_fracture_or_fall",
                     "conditions", "medicines"}
    assert all(f.sources for f in FACTORS)


@pytest.mark.parametrize("age, answer", [(50, "no"), (51, "yes"), (68, "yes"), (35, "no")])
def test_age_over_50_comes_from_her_date_of_birth(age: int, answer: str) -> None:
    state = _state(checklist(KnownFacts(age=age), {"older_age": "no" if answer == "yes" else "yes"}), "older_age")
    assert (state.answer, state.known) == (answer, True) and str(age) in state.how


def test_nothing_known_means_her_own_answers_and_unknown_answers_are_ignored() -> None:
    states = checklist(KnownFacts(), {"smoking": "yes", "older_age": "unsure", "menopause": "perhaps"})
    assert _state(states, "smoking").answer == "yes" and not _state(states, "smoking").known
    assert _state(states, "older_age").answer == "unsure" and not _state(states, "older_age").known
    assert _state(states, "menopause").answer is None
    assert not any(s.known for s in states)


def test_sex_and_a_recorded_fracture_are_filled_in() -> None:
    states = checklist(KnownFacts(sex="female", low_trauma_fractures=2), {"low_trauma_fracture_or_fall": "no"})
    assert _state(states, "female").answer == "yes" and _state(states, "female").known
    fracture = _state(states, "low_trauma_fracture_or_fall")
    assert fracture.answer == "yes" and fracture.known and "2 low-trauma fractures as an adult recorded" in fracture.how
    # No fracture on record: a fall is still possible, so she answers.
    assert not _state(checklist(KnownFacts(sex="male"), {}), "low_trauma_fracture_or_fall").known
    assert _state(checklist(KnownFacts(sex="male"), {}), "female").answer == "no"


@pytest.mark.parametrize("average, days, answer", [
    (900, MIN_FOOD_DAYS, "yes"), (1199.9, 20, "yes"), (1200, 20, "no"), (1500, 10, "no"),
    (500, MIN_FOOD_DAYS - 1, None),  # too few days logged to say: she answers
])
def test_low_calcium_from_her_logs_needs_enough_days(average: float, days: int, answer: str | None) -> None:
    states = checklist(KnownFacts(calcium=IntakeAverage(average, 1200, days)), {"low_calcium": "unsure"})
    state = _state(states, "low_calcium")
    if answer is None:
        assert (state.answer, state.known) == ("unsure", False)
    else:
        assert (state.answer, state.known) == (answer, True) and f"{days} days" in state.how


def test_low_vitamin_d_from_her_logs() -> None:
    state = _state(checklist(KnownFacts(vitamin_d=IntakeAverage(300, 800, 14)), {}), "low_vitamin_d")
    assert (state.answer, state.known) == ("yes", True) and "800 IU" in state.how


@pytest.mark.parametrize("minutes, sessions, answer", [
    (0, 0, "yes"), (149, 1.75, "yes"), (150, 0, "no"), (0, 2, "no"), (200, 2.5, "no"),
])
def test_inactivity_from_her_exercise_log(minutes: float, sessions: float, answer: str) -> None:
    state = _state(checklist(KnownFacts(activity=ActivityAverage(minutes, sessions)), {}), "inactivity")
    assert (state.answer, state.known) == (answer, True)


def test_inactivity_is_hers_to_answer_when_nothing_is_logged() -> None:
    assert not _state(checklist(KnownFacts(activity=None), {"inactivity": "no"}), "inactivity").known


@pytest.mark.parametrize("logged, flagged, per_day, answer", [
    (0, 0, 0.0, None), (5, 0, 3.0, "no"),
    (1, 1, 35 / 28, "no"),        # one party in four weeks is not a daily habit
    (28, 28, 24.0, "yes"), (28, 20, 23.9, "no"),
])
def test_alcohol_from_her_drinks_log_is_judged_as_a_daily_habit(logged: int, flagged: int, per_day: float,
                                                                 answer: str | None) -> None:
    facts = KnownFacts(alcohol_days_logged=logged, alcohol_flagged_days=flagged, alcohol_g_per_day=per_day)
    state = _state(checklist(facts, {}), "alcohol")
    assert state.answer == answer and state.known is (answer is not None)


@pytest.mark.parametrize("key", ["smoking", "low_body_weight", "menopause", "parent_hip_fracture", "conditions",
                                 "medicines"])
def test_factors_ossify_cannot_know_are_always_hers(key: str) -> None:
    full = KnownFacts(age=70, sex="female", low_trauma_fractures=1, calcium=IntakeAverage(1, 1200, 28),
                      vitamin_d=IntakeAverage(1, 800, 28), activity=ActivityAverage(0, 0), alcohol_days_logged=3)
    assert not _state(checklist(full, {}), key).known


# --- The screening reminder ---------------------------------------------------------------------------------------

def _answered(**answers: str) -> list[FactorState]:
    return checklist(KnownFacts(), answers)


@pytest.mark.parametrize("age, sex, due, source", [
    (64, "female", False, None), (65, "female", True, USPSTF_2025), (80, "female", True, USPSTF_2025),
    (69, "male", False, None), (70, "male", True, LEBOFF_2022),
])
def test_reminder_by_screening_age(age: int, sex: str, due: bool, source) -> None:
    reminder = screening_reminder(age, sex, False, _answered())
    assert (reminder is not None) is due
    if due:
        assert reminder.sources == (source,) and str(age if age in (65, 70) else 65) in reminder.reason


def test_no_reminder_with_a_scan_on_record_or_without_an_age() -> None:
    assert screening_reminder(75, "female", True, _answered()) is None
    assert screening_reminder(None, "female", False, _answered(medicines="yes")) is None


@pytest.mark.parametrize("age, answers, due", [
    (55, {"smoking": "yes"}, True),                         # 50-69 with a risk factor (BHOF; USPSTF)
    (49, {"smoking": "yes"}, False),                        # under 50, not after the menopause
    (48, {"smoking": "yes", "menopause": "yes"}, True),     # postmenopausal under 65 at increased risk (USPSTF)
    (55, {"smoking": "no", "parent_hip_fracture": "unsure"}, False),
    (55, {"menopause": "yes"}, False),                      # menopause alone is not "increased risk"
    (40, {"medicines": "yes"}, True),                       # medicines linked to bone loss: any adult (BHOF)
    (40, {"conditions": "yes"}, True),
    (60, {"low_trauma_fracture_or_fall": "yes"}, True),
])
def test_reminder_before_screening_age_needs_risk_factors(age: int, answers: dict, due: bool) -> None:
    reminder = screening_reminder(age, "female", False, _answered(**answers))
    assert (reminder is not None) is due
    if due:
        assert reminder.factors and "FRAX" in reminder.reason and LEBOFF_2022 in reminder.sources


def test_low_calcium_alone_does_not_bring_testing_forward() -> None:
    states = checklist(KnownFacts(age=55, calcium=IntakeAverage(400, 1200, 28)), {})
    assert _state(states, "low_calcium").present
    assert screening_reminder(55, "female", False, states) is None


def test_heavy_drinking_logged_brings_testing_forward() -> None:
    states = checklist(KnownFacts(age=55, alcohol_days_logged=28, alcohol_flagged_days=28, alcohol_g_per_day=28), {})
    reminder = screening_reminder(55, "female", False, states)
    assert reminder is not None and "3 or more units of alcohol a day" in reminder.reason
