"""The STEADI tests and height loss judged as the guidance says (docs/clinical-rules.md, "Falls and function",
"Height"): every row of the chair-stand norms, and every boundary."""
from datetime import date

import pytest

from app.guidance.function import (
    CHAIR_STAND_BELOW_AVERAGE,
    STAY_INDEPENDENT_ITEMS,
    TESTS,
    Band,
    FunctionTest,
    better,
    chair_stand_cutoff,
    height_loss,
    height_text,
    judge,
    stay_independent_score,
)

ON = date(2026, 6, 1)
# The guidance's table, written out again here (women, then men, ages 60-64 … 90-94).
TABLE = {"female": [12, 11, 10, 10, 9, 8, 4], "male": [14, 12, 12, 11, 10, 8, 7]}
BANDS = [(60, 64), (65, 69), (70, 74), (75, 79), (80, 84), (85, 89), (90, 94)]


def born(age: int) -> date:
    """A birthday giving exactly `age` on ON (her birthday is today)."""
    return date(ON.year - age, ON.month, ON.day)


@pytest.mark.parametrize("sex", ["female", "male"])
@pytest.mark.parametrize("row", range(7))
def test_every_row_of_the_chair_stand_norms_at_both_ends_of_its_ages(sex: str, row: int) -> None:
    first, last = BANDS[row]
    under = TABLE[sex][row]
    assert CHAIR_STAND_BELOW_AVERAGE[sex][row] == (first, last, under)
    for age in (first, last):
        assert chair_stand_cutoff(age, sex) == (first, last, under)
        below = judge(FunctionTest.CHAIR_STAND, under - 1, birth=born(age), sex=sex, on=ON)
        at = judge(FunctionTest.CHAIR_STAND, under, birth=born(age), sex=sex, on=ON)
        assert below.band == Band.AT_RISK and f"fewer than {under} stands" in below.text
        assert at.band == Band.NOT_AT_RISK


@pytest.mark.parametrize("age, judged", [(59, False), (60, True), (94, True), (95, False)])
def test_ages_59_and_95_have_no_norm_and_60_and_94_do(age: int, judged: bool) -> None:
    result = judge(FunctionTest.CHAIR_STAND, 5, birth=born(age), sex="female", on=ON)
    assert (result.band != Band.NOT_JUDGED) is judged
    if not judged:
        assert f"you were {age}" in result.text


def test_age_is_taken_on_the_day_of_the_test_not_today() -> None:
    birth = date(1961, 6, 2)   # 64 on 1 June 2026, 65 the next day
    assert judge(FunctionTest.CHAIR_STAND, 11, birth=birth, sex="female", on=date(2026, 6, 1)).band == Band.AT_RISK
    assert judge(FunctionTest.CHAIR_STAND, 11, birth=birth, sex="female", on=date(2026, 6, 2)).band == Band.NOT_AT_RISK


def test_no_date_of_birth_or_sex_is_recorded_not_judged() -> None:
    assert judge(FunctionTest.CHAIR_STAND, 3, birth=None, sex="female", on=ON).band == Band.NOT_JUDGED
    assert judge(FunctionTest.CHAIR_STAND, 3, birth=born(70), sex=None, on=ON).band == Band.NOT_JUDGED


@pytest.mark.parametrize("seconds, band", [(11.9, Band.NOT_AT_RISK), (12.0, Band.AT_RISK), (12.1, Band.AT_RISK)])
def test_timed_up_and_go_is_at_risk_from_exactly_12_seconds(seconds: float, band: Band) -> None:
    assert judge(FunctionTest.TIMED_UP_AND_GO, seconds).band == band


@pytest.mark.parametrize("stages, band", [(0, Band.AT_RISK), (1, Band.AT_RISK), (2, Band.AT_RISK),
                                          (3, Band.NOT_AT_RISK), (4, Band.NOT_AT_RISK)])
def test_balance_is_at_risk_when_the_tandem_stance_is_not_held_10_seconds(stages: int, band: Band) -> None:
    # Stage 3 is the tandem stance: "3 held" means it was held the full 10 s.
    assert judge(FunctionTest.BALANCE, stages).band == band


def test_stay_independent_scores_two_items_at_2_and_ten_at_1_and_is_at_risk_from_4() -> None:
    assert len(STAY_INDEPENDENT_ITEMS) == 12
    assert [points for _, _, points in STAY_INDEPENDENT_ITEMS].count(2) == 2
    assert stay_independent_score({"fallen": True, "cane": True}) == 4
    assert stay_independent_score({key: True for key, _, _ in STAY_INDEPENDENT_ITEMS}) == 14
    assert judge(FunctionTest.STAY_INDEPENDENT, 3).band == Band.NOT_AT_RISK
    assert judge(FunctionTest.STAY_INDEPENDENT, 4).band == Band.AT_RISK
    assert stay_independent_score({"fallen": True, "unsteady": True}) == 3


def test_each_test_carries_the_guidance_loinc_codes() -> None:
    assert TESTS[FunctionTest.CHAIR_STAND].loinc == "66247-8"
    assert (TESTS[FunctionTest.TIMED_UP_AND_GO].loinc, TESTS[FunctionTest.TIMED_UP_AND_GO].panel) == \
        ("89423-8", "89422-0")
    assert TESTS[FunctionTest.BALANCE].loinc is None
    assert (TESTS[FunctionTest.STAY_INDEPENDENT].loinc, TESTS[FunctionTest.STAY_INDEPENDENT].panel) == \
        ("97885-8", "97874-2")


def test_better_knows_which_way_each_test_improves() -> None:
    assert better(FunctionTest.CHAIR_STAND, 12, 10) is True
    assert better(FunctionTest.TIMED_UP_AND_GO, 10.5, 12.0) is True
    assert better(FunctionTest.STAY_INDEPENDENT, 5, 3) is False
    assert better(FunctionTest.BALANCE, 3, 3) is None


@pytest.mark.parametrize("young, measured, kind", [
    (165.0, [(date(2026, 1, 1), 161.0)], "historical"),        # exactly 4 cm
    (165.0, [(date(2026, 1, 1), 161.1)], None),                # 3.9 cm
    (None, [(date(2025, 1, 1), 163.0), (date(2026, 1, 1), 161.0)], "measured"),   # exactly 2 cm
    (None, [(date(2025, 1, 1), 163.0), (date(2026, 1, 1), 161.1)], None),         # 1.9 cm
    (None, [(date(2024, 1, 1), 163.0), (date(2025, 1, 1), 162.0), (date(2026, 1, 1), 161.0)], "measured"),
    (None, [(date(2026, 1, 1), 161.0)], None),
])
def test_height_loss_at_4_cm_recalled_or_2_cm_measured(young, measured, kind) -> None:
    found = height_loss(measured, young)
    assert (found.kind if found else None) == kind


def test_a_height_reads_in_her_units() -> None:
    assert height_text(165.1, "metric") == "165.1 cm"
    assert height_text(165.1, "us") == "5 ft 5 in"


def test_the_checklist_reads_her_tests_and_her_stay_independent_fall() -> None:
    from app.guidance.risk import KnownFacts, known_answer
    facts = KnownFacts(function_tests=(("chair stand 8 stands on 1 Jun 2026", True),
                                       ("up and go 10.0 s on 1 Jun 2026", False)))
    answer, how = known_answer("fall_risk_tests", facts)
    assert answer == "yes" and "chair stand 8 stands" in how and "1 at risk" in how
    assert known_answer("fall_risk_tests", KnownFacts()) is None   # no test: she is asked
    answer, how = known_answer("low_trauma_fracture_or_fall", KnownFacts(said_fallen_on=date(2026, 5, 2)))
    assert answer == "yes" and "Stay Independent check of 2 May 2026" in how
