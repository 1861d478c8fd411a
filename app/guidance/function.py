"""Falls and function: the CDC STEADI screening tests, judged for her age and sex on the test's day, and height
loss (plain Python, no Flask). docs/clinical-rules.md, "Falls and function" and "Height".

Screening, not diagnosis: every test page tells her to have someone stand next to her (the STEADI forms do).

- 30-second chair stand (LOINC 66247-8): full stands in 30 s, arms crossed; over halfway up at 30 s counts; using
  the arms scores 0. At risk: below average for her age and sex (Rikli & Jones 1999, as on the STEADI form),
  `CHAIR_STAND_BELOW_AVERAGE`.
- Timed Up and Go (LOINC 89423-8, panel 89422-0): rise, walk 10 ft (3 m), turn, walk back, sit. At risk: 12 s or
  more (STEADI). It should not be used alone to judge fall risk (Barry 2014), and the page says so.
- 4-Stage Balance (no LOINC code; the stage reached is stored): feet side by side, semi-tandem, tandem, one foot,
  10 s each, stopping at the first not held. At risk: the tandem stance not held for 10 s.
- Stay Independent (LOINC panel 97874-2, total 97885-8): 12 yes/no items; "I have fallen in the past year" and
  the cane or walker item score 2, the other ten 1. At risk: a total of 4 or more.

Where the guidance is silent (Ossify's choices, said on the page): a chair stand before 60 or after 94 has no norm
row, so it is recorded and charted but not judged ("no norm for your age"); a member with no date of birth or sex
on record likewise. Stay Independent's items and cut-off are the same for men and women (the brochure has one).
"""
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from app.guidance.calendar import age_on
from app.guidance.sources import CDC_STEADI, LEBOFF_2022, RIKLI_JONES_1999, Source


class FunctionTest(StrEnum):
    CHAIR_STAND = "chair_stand"
    TIMED_UP_AND_GO = "timed_up_and_go"
    BALANCE = "balance"
    STAY_INDEPENDENT = "stay_independent"


@dataclass(frozen=True)
class TestDetails:
    test: FunctionTest
    name: str
    short: str          # for a table column: "Chair stand"
    unit: str           # what the number counts: "stands", "s", "stages", "points"
    loinc: str | None   # the result's code (none for 4-Stage Balance: the stage reached is stored)
    panel: str | None   # the panel it belongs to, where LOINC has one
    source: Source


_T = FunctionTest
TESTS: dict[FunctionTest, TestDetails] = {
    _T.CHAIR_STAND: TestDetails(_T.CHAIR_STAND, "30-second chair stand", "Chair stand", "stands", "66247-8", None,
                                RIKLI_JONES_1999),
    _T.TIMED_UP_AND_GO: TestDetails(_T.TIMED_UP_AND_GO, "Timed Up and Go", "Up and Go", "s", "89423-8", "89422-0",
                                    CDC_STEADI),
    _T.BALANCE: TestDetails(_T.BALANCE, "4-Stage Balance test", "Balance", "stages", None, None, CDC_STEADI),
    _T.STAY_INDEPENDENT: TestDetails(_T.STAY_INDEPENDENT, "Stay Independent check", "Stay Independent", "points",
                                     "97885-8", "97874-2", CDC_STEADI),
}

CHAIR_STAND_SECONDS = 30
CHAIR_STAND_MAX = 60           # stands in 30 s a person can record (product bound: one every half second)
TUG_AT_RISK_SECONDS = 12.0     # "≥ 12 s" (STEADI)
TUG_MAX_SECONDS = 600.0        # product bound: ten minutes
BALANCE_HOLD_SECONDS = 10
BALANCE_STAGES = (
    ("Feet side by side", "Stand with your feet side by side."),
    ("Semi-tandem", "Place the instep of one foot so it is touching the big toe of the other foot."),
    ("Tandem", "Place one foot in front of the other, heel touching toe."),
    ("One foot", "Stand on one foot."),
)
BALANCE_AT_RISK_BELOW = 3      # stages held: fewer than 3 means the tandem stance (the third) was not held 10 s
STAY_INDEPENDENT_AT_RISK = 4   # "total ≥ 4"

# (first age, last age, fewer stands than this is below average), by sex: Rikli & Jones 1999 on the STEADI form.
CHAIR_STAND_BELOW_AVERAGE = {
    "female": ((60, 64, 12), (65, 69, 11), (70, 74, 10), (75, 79, 10), (80, 84, 9), (85, 89, 8), (90, 94, 4)),
    "male": ((60, 64, 14), (65, 69, 12), (70, 74, 12), (75, 79, 11), (80, 84, 10), (85, 89, 8), (90, 94, 7)),
}

# The brochure's 12 items in its order, with their points (CDC STEADI "Stay Independent"; Rubenstein 2011).
STAY_INDEPENDENT_ITEMS = (
    ("fallen", "I have fallen in the past year.", 2),
    ("cane", "I use or have been advised to use a cane or walker to get around safely.", 2),
    ("unsteady", "Sometimes I feel unsteady when I am walking.", 1),
    ("furniture", "I steady myself by holding onto furniture when walking at home.", 1),
    ("worried", "I am worried about falling.", 1),
    ("push_up", "I need to push with my hands to stand up from a chair.", 1),
    ("curb", "I have some trouble stepping up onto a curb.", 1),
    ("toilet", "I often have to rush to the toilet.", 1),
    ("feet", "I have lost some feeling in my feet.", 1),
    ("light_headed", "I take medicine that sometimes makes me feel light-headed or more tired than usual.", 1),
    ("sleep_mood", "I take medicine to help me sleep or improve my mood.", 1),
    ("sad", "I often feel sad or depressed.", 1),
)
STAY_INDEPENDENT_KEYS = tuple(key for key, _, _ in STAY_INDEPENDENT_ITEMS)


class Band(StrEnum):
    AT_RISK = "at_risk"
    NOT_AT_RISK = "not_at_risk"
    NOT_JUDGED = "not_judged"   # no norm for her age, or no date of birth or sex on record


BAND_LABELS = {Band.AT_RISK: "At risk", Band.NOT_AT_RISK: "Not at risk", Band.NOT_JUDGED: "Not judged"}


@dataclass(frozen=True)
class Judgement:
    band: Band
    text: str            # what she reads: "Below average for women 70–74 (fewer than 10 stands)"
    source: Source

    @property
    def at_risk(self) -> bool:
        return self.band == Band.AT_RISK


def chair_stand_cutoff(age: int | None, sex: str | None) -> tuple[int, int, int] | None:
    """The norm row for her age and sex: (first age, last age, below average under this many), or None."""
    if age is None or sex not in CHAIR_STAND_BELOW_AVERAGE:
        return None
    return next((row for row in CHAIR_STAND_BELOW_AVERAGE[sex] if row[0] <= age <= row[1]), None)


def stay_independent_score(answers: dict[str, bool]) -> int:
    """Points for the items answered yes."""
    return sum(points for key, _, points in STAY_INDEPENDENT_ITEMS if answers.get(key))


def balance_stage_name(stages_held: int) -> str:
    return "none held" if stages_held == 0 else BALANCE_STAGES[stages_held - 1][0].lower()


def judge(test: FunctionTest, value: float, *, birth: date | None = None, sex: str | None = None,
          on: date | None = None) -> Judgement:
    """A result judged by the guidance's cut-off, for her age and sex on the test's day `on` (the chair stand)."""
    info = TESTS[test]
    if test == FunctionTest.CHAIR_STAND:
        age = age_on(birth, on) if birth and on else None
        row = chair_stand_cutoff(age, sex)
        if row is None:
            why = ("no date of birth or sex on record" if age is None or sex not in CHAIR_STAND_BELOW_AVERAGE
                   else f"the norms cover ages 60 to 94; you were {age}")
            return Judgement(Band.NOT_JUDGED, f"Recorded, not judged: {why}", info.source)
        first, last, under = row
        who = f"{'women' if sex == 'female' else 'men'} {first}\u2013{last}"
        if value < under:
            return Judgement(Band.AT_RISK, f"Below average for {who} (fewer than {under} stands)", info.source)
        return Judgement(Band.NOT_AT_RISK, f"Average or better for {who} ({under} stands or more)", info.source)
    if test == FunctionTest.TIMED_UP_AND_GO:
        if value >= TUG_AT_RISK_SECONDS:
            return Judgement(Band.AT_RISK, f"{TUG_AT_RISK_SECONDS:g} seconds or more: at risk of falling",
                             info.source)
        return Judgement(Band.NOT_AT_RISK, f"Under {TUG_AT_RISK_SECONDS:g} seconds", info.source)
    if test == FunctionTest.BALANCE:
        if value < BALANCE_AT_RISK_BELOW:
            return Judgement(Band.AT_RISK, f"The tandem stance was not held for {BALANCE_HOLD_SECONDS} seconds",
                             info.source)
        return Judgement(Band.NOT_AT_RISK, f"The tandem stance was held for {BALANCE_HOLD_SECONDS} seconds",
                         info.source)
    if value >= STAY_INDEPENDENT_AT_RISK:
        return Judgement(Band.AT_RISK, f"{value:g} points: {STAY_INDEPENDENT_AT_RISK} or more means you may be at "
                                       "risk of falling", info.source)
    return Judgement(Band.NOT_AT_RISK, f"{value:g} points (under {STAY_INDEPENDENT_AT_RISK})", info.source)


TUG_NOT_ALONE = ("Timed Up and Go should not be used alone to judge fall risk (Barry 2014): it is read with the "
                 "other tests and your history.")
SOMEONE_NEXT_TO_YOU = "Have someone stand next to you while you do this test."


def format_value(test: FunctionTest, value: float) -> str:
    """"12 stands", "13.4 s", "tandem", "5 points"."""
    if test == FunctionTest.CHAIR_STAND:
        return f"{value:g} stand{'s' if value != 1 else ''}"
    if test == FunctionTest.TIMED_UP_AND_GO:
        return f"{value:.1f} s"
    if test == FunctionTest.BALANCE:
        return f"{int(value)} of 4 ({balance_stage_name(int(value))})"
    return f"{value:g} point{'s' if value != 1 else ''}"


def better(test: FunctionTest, new: float, old: float) -> bool | None:
    """Whether `new` is better than `old` (None: the same). Fewer seconds and fewer points are better."""
    if new == old:
        return None
    lower_is_better = test in (FunctionTest.TIMED_UP_AND_GO, FunctionTest.STAY_INDEPENDENT)
    return (new < old) if lower_is_better else (new > old)


# Height (BHOF Clinician's Guide, LeBoff 2022): vertebral imaging is indicated for a historical height loss of
# 4 cm (1.5 in) or more from her recalled young-adult height, or a prospective loss of 2 cm (0.8 in) or more
# between measured heights.
HISTORICAL_LOSS_CM = 4.0
MEASURED_LOSS_CM = 2.0
HEIGHT_MIN_CM, HEIGHT_MAX_CM = 100.0, 230.0   # product bounds for an adult's height
HEIGHT_LOINC = "8302-2"
SPINE_XRAY = "Ask your doctor whether you need a spine X-ray (vertebral fracture assessment)."
HEIGHT_SOURCE = LEBOFF_2022


@dataclass(frozen=True)
class HeightLoss:
    kind: str           # "historical" (from her young-adult height) or "measured" (between measured heights)
    loss_cm: float
    since: date | None  # the earlier measurement, for a measured loss
    on: date            # the measurement that shows it

    @property
    def key(self) -> str:
        """One event for her therapist's flag: a later crossing is a new one."""
        return f"{self.kind}:{self.on.isoformat()}"


def height_loss(measured: list[tuple[date, float]], young_adult_cm: float | None) -> HeightLoss | None:
    """Past either threshold, the loss that shows it (the historical one first): her latest measured height
    against her recalled young-adult height, or against her tallest earlier measured height."""
    if not measured:
        return None
    ordered = sorted(measured)
    latest_day, latest = ordered[-1]
    if young_adult_cm is not None and young_adult_cm - latest >= HISTORICAL_LOSS_CM - 1e-9:
        return HeightLoss("historical", round(young_adult_cm - latest, 1), None, latest_day)
    earlier = ordered[:-1]
    if earlier:
        tallest_day, tallest = max(earlier, key=lambda m: (m[1], m[0]))
        if tallest - latest >= MEASURED_LOSS_CM - 1e-9:
            return HeightLoss("measured", round(tallest - latest, 1), tallest_day, latest_day)
    return None


CM_PER_INCH = 2.54


def height_text(cm: float, unit_system: str) -> str:
    """"165.0 cm" or "5 ft 5 in" (to the half inch)."""
    if unit_system == "us":
        inches = round(cm / CM_PER_INCH * 2) / 2
        feet, rest = divmod(inches, 12)
        return f"{int(feet)} ft {rest:g} in"
    return f"{cm:.1f} cm"
