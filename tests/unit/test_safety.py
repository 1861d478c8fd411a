"""Exercise safety flags per member (guidance README, "Exercise safety flags"): no app, no database."""
import pytest

from app.exercises.forms import parse_reps
from app.guidance.bands import BANDS, band_label
from app.guidance.safety import ExerciseRisk, Flag, Impact, SafetyProfile, cautions_for

FLEXION = ExerciseRisk(Impact.NONE, spinal_flexion=True)
ROTATION = ExerciseRisk(Impact.NONE, spinal_rotation=True)
LOW = ExerciseRisk(Impact.LOW)
MODERATE = ExerciseRisk(Impact.MODERATE)
HIGH = ExerciseRisk(Impact.HIGH)

NOTHING = SafetyProfile()
OSTEOPENIA_NO_FRACTURE = SafetyProfile(osteoporosis=False)
OSTEOPOROSIS = SafetyProfile(osteoporosis=True)
ONE_LOW_TRAUMA = SafetyProfile(low_trauma_fractures=1)
TWO_LOW_TRAUMA = SafetyProfile(low_trauma_fractures=2)
VERTEBRAL = SafetyProfile(vertebral_fracture=True)  # e.g. from a car accident: not low-trauma
FALL_FRACTURE = SafetyProfile(low_trauma_fractures=1, fall_fracture_unrecorded=True)


def flags(risk: ExerciseRisk, profile: SafetyProfile) -> set[Flag]:
    return {c.flag for c in cautions_for(risk, profile)}


@pytest.mark.parametrize("profile, flexion, rotation, moderate, high", [
    (NOTHING, set(), set(), set(), set()),
    (OSTEOPENIA_NO_FRACTURE, set(), set(), set(), set()),
    (OSTEOPOROSIS, {Flag.SPINAL_FLEXION}, {Flag.SPINAL_ROTATION}, set(), {Flag.HIGH_IMPACT}),
    (ONE_LOW_TRAUMA, {Flag.SPINAL_FLEXION}, {Flag.SPINAL_ROTATION}, set(), set()),
    (TWO_LOW_TRAUMA, {Flag.SPINAL_FLEXION}, {Flag.SPINAL_ROTATION}, {Flag.MODERATE_OR_HIGH_IMPACT},
     {Flag.MODERATE_OR_HIGH_IMPACT}),
    # Guidance README, "Exercise safety flags": any vertebral fracture, whatever the trauma, gets the spine cautions.
    (VERTEBRAL, {Flag.SPINAL_FLEXION}, {Flag.SPINAL_ROTATION}, {Flag.MODERATE_OR_HIGH_IMPACT},
     {Flag.MODERATE_OR_HIGH_IMPACT}),
    # A fall she marked "a bone broke", not yet recorded: a low-trauma fracture of unknown site, impact no more than
    # brisk walking (the history counts it as one low-trauma fracture).
    (FALL_FRACTURE, {Flag.SPINAL_FLEXION}, {Flag.SPINAL_ROTATION}, {Flag.MODERATE_OR_HIGH_IMPACT},
     {Flag.MODERATE_OR_HIGH_IMPACT}),
    (SafetyProfile(True, 2, True), {Flag.SPINAL_FLEXION}, {Flag.SPINAL_ROTATION}, {Flag.MODERATE_OR_HIGH_IMPACT},
     {Flag.MODERATE_OR_HIGH_IMPACT, Flag.HIGH_IMPACT}),
])
def test_cautions_by_category_and_fracture_history(profile, flexion, rotation, moderate, high) -> None:
    assert flags(FLEXION, profile) == flexion
    assert flags(ROTATION, profile) == rotation
    assert flags(MODERATE, profile) == moderate
    assert flags(HIGH, profile) == high
    assert flags(LOW, profile) == set()  # brisk walking level never gets an impact caution


def test_caution_reason_names_her_own_record() -> None:
    (caution,) = cautions_for(MODERATE, SafetyProfile(low_trauma_fractures=3))
    assert caution.reason == "Because you have had 3 low-trauma fractures."
    (caution,) = cautions_for(FLEXION, OSTEOPOROSIS)
    assert "osteoporosis range" in caution.reason
    assert [s.short for s in caution.info.sources] == ["ROS 2022", "Too Fit To Fracture", 'NOF "moving safely"']


@pytest.mark.parametrize("therapist", [True, False])
def test_a_fall_pauses_moderate_and_high_impact_with_or_without_a_therapist(therapist: bool) -> None:
    from datetime import date
    profile = SafetyProfile(fall_under_review=date(2026, 12, 7), has_therapist=therapist)
    assert profile.paused
    assert flags(MODERATE, profile) == {Flag.PAUSED_AFTER_FALL} and flags(HIGH, profile) == {Flag.PAUSED_AFTER_FALL}
    assert flags(LOW, profile) == set() and flags(ExerciseRisk(Impact.NONE), profile) == set()
    (caution,) = cautions_for(MODERATE, profile)
    assert "7 December 2026" in caution.reason
    assert ("physical therapist has not reviewed" in caution.reason) is therapist
    assert ("clinician has checked you" in caution.reason) is not therapist
    assert caution.her_reason.startswith("She recorded a fall on 7 December 2026")
    assert [s.short for s in caution.info.sources] == ["ROS 2022"]


def test_risk_flags_follow_the_impact_ladder() -> None:
    assert ExerciseRisk(Impact.HIGH).flags() == [Flag.MODERATE_OR_HIGH_IMPACT, Flag.HIGH_IMPACT]
    assert ExerciseRisk(Impact.MODERATE).flags() == [Flag.MODERATE_OR_HIGH_IMPACT]
    assert ExerciseRisk(Impact.LOW).flags() == []


def test_band_sequence_is_theraband_light_to_heavy() -> None:
    assert [b.key for b in BANDS] == ["tan", "yellow", "red", "green", "blue", "black", "silver", "gold"]
    assert [b.rank for b in BANDS] == list(range(1, 9))
    assert band_label("red") == "Red (medium)"
    assert band_label("other", "CanDo purple") == "CanDo purple"


@pytest.mark.parametrize("text, sets, reps", [
    ("10", 3, [10, 10, 10]), ("10, 10, 8", 3, [10, 10, 8]), ("12 10", 2, [12, 10]), ("8", None, [8]),
    ("500", 1, [500]),
])
def test_parse_reps(text: str, sets: int | None, reps: list[int]) -> None:
    assert parse_reps(text, sets) == reps


@pytest.mark.parametrize("text, sets, message", [
    ("0", 2, "Each set needs between 1 and 500 reps."),
    ("501", 2, "Each set needs between 1 and 500 reps."),
    ("ten", 2, "Enter reps as a number"),
    ("10, 8", 3, "You entered 2 numbers for 3 sets"),
    ("-5", 1, "Enter reps as a number"),
    ("99999", 1, "Enter reps as a number"),
])
def test_parse_reps_refuses(text: str, sets: int | None, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_reps(text, sets)
