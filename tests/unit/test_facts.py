"""A member's facts as of a day, and each day of a week judged with its own targets: pure rules, no database."""
from datetime import date, timedelta

from app.guidance.diagnosis import Category, Site, TScoreReading
from app.guidance.facts import FractureEntry, MemberHistory, OverridePeriod, WeightEntry
from app.guidance.summary import DayNutrition, summarize_week
from app.guidance.targets import Override

JANUARY_MONDAY = date(2026, 1, 5)
MAY = date(2026, 5, 12)


def _history(**changes: object) -> MemberHistory:
    base = dict(date_of_birth=date(1970, 3, 1), sex="female", weights=(WeightEntry(date(2025, 11, 1), 60.0),))
    return MemberHistory(**(base | changes))


def _summary(history: MemberHistory, monday: date, today: date, food: dict | None = None):
    return summarize_week(monday, today, history.targets_on, {}, food or {}, {})


def test_a_january_week_keeps_its_targets_after_a_may_scan_fracture_and_weight() -> None:
    before = _history()
    after = _history(
        weights=(WeightEntry(date(2025, 11, 1), 60.0), WeightEntry(MAY, 80.0)),
        readings=(TScoreReading(MAY, Site.LUMBAR_SPINE, -2.7),),
        fractures=(FractureEntry(MAY, vertebral=True, low_trauma=True),),
    )
    week_over = JANUARY_MONDAY + timedelta(days=7)  # the Monday after: Sunday is still part of the week
    food = {JANUARY_MONDAY: DayNutrition(1000, 600, 40, 0, 3)}
    january = _summary(before, JANUARY_MONDAY, week_over, food)
    january_later = _summary(after, JANUARY_MONDAY, MAY, food)
    assert january == january_later
    assert [m.key for m in january_later.exercise] == ["resistance_sessions", "impact_days", "moderate_minutes",
                                                       "balance_days"]
    protein = next(n for n in january_later.nutrition if n.key == "protein_g")
    assert protein.target.value == 48  # 0.8 g × 60 kg at 55, no low bone density on record yet
    # In May the same member is judged with what is true then: 1.0 g × 80 kg, brisk walking instead of impact.
    may = after.targets_on(MAY)
    assert may.daily.protein_g.value == 80
    assert "brisk_walk_days" in [t.key for t in may.weekly]
    assert after.diagnosis_on(MAY).category is Category.OSTEOPOROSIS and after.diagnosis_on(MAY).severe
    assert after.diagnosis_on(MAY - timedelta(days=1)) is None


def test_a_birthday_week_judges_each_day_at_the_age_she_was() -> None:
    # She turns 51 on Wednesday 11 March 2026: Monday and Tuesday at 50, from Wednesday at 51.
    history = _history(date_of_birth=date(1975, 3, 11))
    monday = date(2026, 3, 9)
    thursday = monday + timedelta(days=3)
    assert history.daily_targets_on(monday).calcium_ul_mg.value == 2500
    assert history.daily_targets_on(thursday).calcium_ul_mg.value == 2000
    food = {monday: DayNutrition(2200, 800, 60, 0, 4), thursday: DayNutrition(2200, 800, 60, 0, 4)}
    calcium = next(n for n in _summary(history, monday, monday + timedelta(days=6), food).nutrition
                   if n.key == "calcium_mg")
    assert calcium.above_limit_days == [thursday]  # 2,200 mg is under her limit on Monday, over it on Thursday
    assert calcium.target.value == 1200 and calcium.target_changed  # Sunday's target shown, the change said
    # Judged against each food day's own target: (1,000 + 1,200) / 2 = 1,100 mg, which 2,200 mg a day would meet;
    # but Thursday is above her upper limit, and a week with a day above it is "above the limit", never "met".
    assert calcium.status == "above_limit"


def test_the_average_is_judged_against_the_average_of_the_food_days_targets() -> None:
    history = _history(date_of_birth=date(1975, 3, 11))  # 1,000 mg on Monday (50), 1,200 mg on Friday (51)
    monday = date(2026, 3, 9)
    food = {monday: DayNutrition(850, 0, 0, 0, 1), monday + timedelta(days=4): DayNutrition(850, 0, 0, 0, 1)}
    calcium = next(n for n in _summary(history, monday, monday + timedelta(days=6), food).nutrition
                   if n.key == "calcium_mg")
    assert calcium.average == 850 and calcium.status == "close"  # 77 % of 1,100 mg, not 71 % of 1,200 mg


def test_weight_in_force_and_before_her_first_entry() -> None:
    history = _history(weights=(WeightEntry(date(2026, 2, 1), 70.0), WeightEntry(date(2026, 4, 1), 65.0)))
    assert history.weight_on(date(2026, 1, 15)) == 70.0  # before her first entry, the first she gave
    assert history.weight_on(date(2026, 3, 31)) == 70.0
    assert history.weight_on(date(2026, 4, 1)) == 65.0
    assert _history(weights=()).weight_on(date(2026, 4, 1)) is None


def test_an_override_is_in_force_only_in_its_period() -> None:
    override = Override(1, "Starting gently after surgery", "Priya, PT")
    history = _history(overrides=(OverridePeriod("resistance_sessions", override, date(2026, 3, 4), date(2026, 4, 1)),))
    resistance = {day: history.weekly_targets_on(day)[0].value
                  for day in (date(2026, 3, 3), date(2026, 3, 4), date(2026, 3, 31), date(2026, 4, 1))}
    assert resistance == {date(2026, 3, 3): 2, date(2026, 3, 4): 1, date(2026, 3, 31): 1, date(2026, 4, 1): 2}


def test_the_checklists_previous_fracture_is_low_trauma_and_from_her_18th_birthday() -> None:
    born = date(1970, 3, 1)
    history = _history(date_of_birth=born, fractures=(
        FractureEntry(date(1988, 2, 28), vertebral=False, low_trauma=True),   # the day before she turned 18
        FractureEntry(date(1988, 3, 1), vertebral=False, low_trauma=True),    # her 18th birthday
        FractureEntry(date(2020, 5, 1), vertebral=False, low_trauma=False)))  # a car crash
    assert history.fractures_on(date(2026, 1, 1)).adult_low_trauma == 1
    unknown_birth = _history(date_of_birth=None, fractures=history.fractures)
    assert unknown_birth.fractures_on(date(2026, 1, 1)).adult_low_trauma == 2


def test_a_fracture_counts_from_its_date() -> None:
    history = _history(fractures=(FractureEntry(date(2026, 3, 4), vertebral=False, low_trauma=True),
                                  FractureEntry(date(2026, 6, 1), vertebral=False, low_trauma=True)))
    assert history.fractures_on(date(2026, 3, 3)).adult_low_trauma == 0
    assert history.fractures_on(date(2026, 3, 4)).low_trauma == 1
    assert not history.fractures_on(date(2026, 5, 31)).impact_limited
    assert history.fractures_on(date(2026, 6, 1)).impact_limited
