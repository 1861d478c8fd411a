"""Risk factors for bone loss and broken bones, and when a bone density (DXA) test is due.

The checklist follows the two groups people are taught (ones she can change, ones she can't), built from
the clinical risk factors of the FRAX tool (age, sex, body weight, previous fracture, a parent's broken hip,
smoking, glucocorticoids, rheumatoid arthritis and other causes of bone loss, 3 or more units of alcohol a
day) and the BHOF clinician's guide (LeBoff 2022: conditions and medicines linked to bone loss, falls, low
calcium and vitamin D, inactivity). Where Ossify already knows the answer from her profile or her logs it
fills it in and says how; the rest are her own answers.

The screening reminder is docs/clinical-rules.md, "Screening reminder": DXA for women 65 and over (USPSTF
2018, reaffirmed 2025), men 70 and over (BHOF), and younger people with risk factors (USPSTF: postmenopausal
women under 65 at increased risk; BHOF: 50-69 by risk profile, a fracture after 50, and adults of any age
with conditions or medicines linked to bone loss).
"""
from dataclasses import dataclass
from datetime import date

from app.guidance.alcohol import FLAG_G_PER_DAY, is_flagged
from app.guidance.sources import CDC_STEADI, FRAX, LEBOFF_2022, NAM_2011, PAG_2018, USPSTF_2025, Source
from app.guidance.targets import MODERATE_MINUTES_PER_WEEK, RESISTANCE_SESSIONS_PER_WEEK

# Screening ages (docs/clinical-rules.md, "Screening reminder").
SCREENING_AGE_WOMEN = 65   # USPSTF 2018, reaffirmed 2025 (grade B)
SCREENING_AGE_MEN = 70     # BHOF clinician's guide (LeBoff 2022)
RISK_PROFILE_FROM_AGE = 50  # BHOF: women after menopause and men 50-69 "according to risk profile"
# "Age over 50" in the checklist (the wording; FRAX uses age itself).
OLDER_AGE = 50

# How much of her own logging Ossify needs before it answers for her. Product rules, not clinical ones:
# 4 weeks back, and food logged on at least 7 of those days before an average says anything.
WINDOW_DAYS = 28
FALL_WINDOW_DAYS = 365  # the checklist asks about "a fall in the last year"
MIN_FOOD_DAYS = 7

ANSWERS = ("yes", "no", "unsure")
ANSWER_LABELS = {"yes": "Yes", "no": "No", "unsure": "Not sure"}


class Group:
    CHANGEABLE = "changeable"
    FIXED = "fixed"


GROUP_LABELS = {Group.CHANGEABLE: "Risk factors that can change", Group.FIXED: "Risk factors that can't change"}


@dataclass(frozen=True)
class Voice:
    """Who the checklist speaks to: the member herself, or her therapist about her."""
    your: str
    you_are: str


TO_HER = Voice("your", "you are")
ABOUT_HER = Voice("her", "she is")


@dataclass(frozen=True)
class Factor:
    key: str
    group: str
    label: str
    question: str          # how she is asked when Ossify can't tell
    sources: tuple[Source, ...]
    early_testing: bool    # counts toward testing before the usual screening age


FACTORS = (
    Factor("low_calcium", Group.CHANGEABLE, "Low calcium intake",
           "Do you usually get less calcium than your target from food and supplements?",
           (NAM_2011, LEBOFF_2022), False),
    Factor("low_vitamin_d", Group.CHANGEABLE, "Low vitamin D intake",
           "Do you usually get less vitamin D than your target from food and supplements?",
           (NAM_2011, LEBOFF_2022), False),
    Factor("inactivity", Group.CHANGEABLE, "Not much physical activity",
           f"Do you get less than {MODERATE_MINUTES_PER_WEEK} minutes of moderate activity a week, and fewer than "
           f"{RESISTANCE_SESSIONS_PER_WEEK} strength sessions?",
           (PAG_2018, LEBOFF_2022), False),
    Factor("alcohol", Group.CHANGEABLE, "3 or more units of alcohol a day",
           "Do you often drink 3 or more units (about 2 US drinks) of alcohol a day?", (FRAX,), True),
    Factor("smoking", Group.CHANGEABLE, "Smoking", "Do you smoke now?", (FRAX,), True),
    # FRAX counts a low body mass index only; a high one is not a risk factor here
    # (docs/clinical-rules.md, "Risk checklist").
    Factor("low_body_weight", Group.CHANGEABLE, "Low body weight",
           "Has a doctor told you your weight is low for your height?", (FRAX, LEBOFF_2022), True),
    # A STEADI test at risk is a risk factor for falls, and most fractures follow a fall (docs/clinical-rules.md,
    # "Falls and function"); strength and balance training changes it.
    Factor("fall_risk_tests", Group.CHANGEABLE, "At risk of falling on a strength or balance test",
           "Has a strength or balance test (standing up from a chair, walking and turning, standing heel to toe) "
           "shown you at risk of falling?", (CDC_STEADI, LEBOFF_2022), False),
    Factor("older_age", Group.FIXED, "Age over 50", "Are you over 50?", (FRAX,), False),
    Factor("female", Group.FIXED, "Female sex", "Are you female?", (FRAX,), False),
    Factor("menopause", Group.FIXED, "Menopause", "Have you been through the menopause?", (LEBOFF_2022,), False),
    # FRAX's family history is a parent's broken hip, not a parent's diagnosis.
    Factor("parent_hip_fracture", Group.FIXED, "A parent broke a hip",
           "Did either of your parents break a hip?", (FRAX,), True),
    # FRAX's previous fracture: one in adult life from a fall from standing height or less, or no fall at all
    # (low trauma); a car crash or a fall from a ladder doesn't count.
    Factor("low_trauma_fracture_or_fall", Group.FIXED, "A previous low-trauma broken bone or a fall",
           "As an adult, have you broken a bone in a fall from standing height or less (or with no fall at all), "
           "or have you had a fall in the last year?", (FRAX, LEBOFF_2022), True),
    Factor("conditions", Group.FIXED, "Conditions linked to bone loss",
           "Do you have rheumatoid arthritis, diabetes, coeliac disease or another condition linked to bone loss?",
           (FRAX, LEBOFF_2022), True),
    Factor("medicines", Group.FIXED, "Medicines linked to bone loss",
           "Do you take, or have you taken, steroid tablets (glucocorticoids such as prednisolone), "
           "anti-seizure medicines, some cancer treatments (such as aromatase inhibitors) or some "
           "antidepressants?", (FRAX, LEBOFF_2022), True),
)
FACTORS_BY_KEY = {f.key: f for f in FACTORS}
# Every source behind the checklist, once, in the order the factors cite them (shown under it).
CHECKLIST_SOURCES = tuple(dict.fromkeys(source for factor in FACTORS for source in factor.sources))


@dataclass(frozen=True)
class IntakeAverage:
    """Her daily average over the days with food logged in the window, against her target."""
    average: float
    target: float
    food_days: int


@dataclass(frozen=True)
class ActivityAverage:
    """Her weekly averages over the window (only when she logged any exercise in it)."""
    moderate_minutes: float
    resistance_sessions: float


@dataclass(frozen=True)
class KnownFacts:
    """What Ossify already knows about her, from her profile, bone-health record and logs."""
    age: int | None = None
    sex: str | None = None
    low_trauma_fractures: int = 0   # low-trauma fractures in adult life on record
    falls_last_year: int = 0     # falls she recorded in the last 365 days
    calcium: IntakeAverage | None = None
    vitamin_d: IntakeAverage | None = None
    activity: ActivityAverage | None = None
    # The latest result of each strength and balance test she did: (what it was, at risk).
    function_tests: tuple[tuple[str, bool], ...] = ()
    said_fallen_on: date | None = None   # a Stay Independent check in the last year answered "I have fallen"
    alcohol_days_logged: int = 0
    alcohol_flagged_days: int = 0
    alcohol_g_per_day: float = 0.0   # over the whole window, a day with nothing logged counting as none


@dataclass(frozen=True)
class FactorState:
    factor: Factor
    answer: str | None     # "yes", "no", "unsure", or None when nobody has answered
    known: bool            # Ossify filled it in from what it knows; she doesn't need to answer
    how: str = ""          # where a known answer comes from, in words

    @property
    def present(self) -> bool:
        return self.answer == "yes"


def _intake(name: str, unit: str, intake: IntakeAverage | None, v: Voice) -> tuple[str, str] | None:
    if intake is None or intake.food_days < MIN_FOOD_DAYS:
        return None
    low = intake.average < intake.target
    return ("yes" if low else "no",
            f"From {v.your} food and supplement logs: {intake.average:,.0f} {unit} a day on average over the "
            f"{intake.food_days} days with food logged in the last 4 weeks; {v.your} target is "
            f"{intake.target:,.0f} {unit}{' (below it)' if low else ''}.")


def known_answer(key: str, facts: KnownFacts, v: Voice = TO_HER) -> tuple[str, str] | None:
    """(answer, how Ossify knows) for a factor it can fill in, or None when she has to say."""
    if key == "older_age" and facts.age is not None:
        return ("yes" if facts.age > OLDER_AGE else "no", f"From {v.your} date of birth: {v.you_are} {facts.age}.")
    if key == "female" and facts.sex is not None:
        return ("yes" if facts.sex == "female" else "no", f"From {v.your} profile.")
    if key == "low_trauma_fracture_or_fall" and (facts.low_trauma_fractures or facts.falls_last_year):
        n, falls = facts.low_trauma_fractures, facts.falls_last_year
        parts = ([f"{n} low-trauma fracture{'s' if n != 1 else ''} as an adult recorded"] if n else []) + \
                ([f"{falls} fall{'s' if falls != 1 else ''} in the last year"] if falls else [])
        return "yes", f"From {v.your} bone-health record: {' and '.join(parts)}."
    if key == "low_trauma_fracture_or_fall" and facts.said_fallen_on is not None:
        return "yes", (f"From {v.your} Stay Independent check of {facts.said_fallen_on:%-d %b %Y}: "
                       "“I have fallen in the past year”.")
    if key == "fall_risk_tests" and facts.function_tests:
        at_risk = [what for what, risky in facts.function_tests if risky]
        said = "; ".join(what for what, _ in facts.function_tests)
        return ("yes" if at_risk else "no",
                f"From {v.your} strength and balance tests ({said}): "
                + (f"{len(at_risk)} at risk." if at_risk else "none at risk."))
    if key == "low_calcium":
        return _intake("calcium", "mg", facts.calcium, v)
    if key == "low_vitamin_d":
        return _intake("vitamin D", "IU", facts.vitamin_d, v)
    if key == "inactivity" and facts.activity is not None:
        a = facts.activity
        inactive = (a.moderate_minutes < MODERATE_MINUTES_PER_WEEK
                    and a.resistance_sessions < RESISTANCE_SESSIONS_PER_WEEK)
        return ("yes" if inactive else "no",
                f"From {v.your} exercise log over the last 4 weeks: {a.moderate_minutes:,.0f} minutes of moderate "
                f"activity and {a.resistance_sessions:,.1f} strength sessions a week on average "
                f"(guidelines: {MODERATE_MINUTES_PER_WEEK} minutes and {RESISTANCE_SESSIONS_PER_WEEK} sessions).")
    if key == "alcohol" and facts.alcohol_days_logged:
        # FRAX's factor is a habit (3 or more units every day), so one party doesn't make it a yes: the
        # average over the 4 weeks is judged; the days at or above the threshold are said beside it.
        n = facts.alcohol_flagged_days
        return ("yes" if is_flagged(facts.alcohol_g_per_day) else "no",
                f"From {v.your} drinks log: {facts.alcohol_g_per_day:.1f} g of alcohol a day on average over the last "
                f"4 weeks (3 units is {FLAG_G_PER_DAY:g} g); {n} day{'s' if n != 1 else ''} at 3 units or more.")
    return None


def checklist(facts: KnownFacts, answers: dict[str, str], v: Voice = TO_HER) -> list[FactorState]:
    """Every factor, in checklist order: filled in from what Ossify knows, else her own answer."""
    states = []
    for factor in FACTORS:
        known = known_answer(factor.key, facts, v)
        if known is not None:
            states.append(FactorState(factor, known[0], True, known[1]))
        else:
            answer = answers.get(factor.key)
            states.append(FactorState(factor, answer if answer in ANSWERS else None, False))
    return states


@dataclass(frozen=True)
class ScreeningReminder:
    reason: str
    sources: tuple[Source, ...]
    factors: tuple[str, ...] = ()   # labels of the risk factors behind an early-testing reminder


def screening_reminder(age: int | None, sex: str | None, has_dxa: bool,
                       states: list[FactorState]) -> ScreeningReminder | None:
    """The "no DXA on record" note, or None when she has a scan or no rule applies."""
    if has_dxa or age is None:
        return None
    if sex == "female" and age >= SCREENING_AGE_WOMEN:
        return ScreeningReminder(
            f"Women aged {SCREENING_AGE_WOMEN} and over are advised to have a bone density (DXA) test.",
            (USPSTF_2025,))
    if sex == "male" and age >= SCREENING_AGE_MEN:
        return ScreeningReminder(
            f"Men aged {SCREENING_AGE_MEN} and over are advised to have a bone density (DXA) test.", (LEBOFF_2022,))
    present = {s.factor.key: s.factor.label for s in states if s.present and s.factor.early_testing}
    # Conditions and medicines linked to bone loss call for testing at any adult age (BHOF).
    any_age = tuple(label for key, label in present.items() if key in ("conditions", "medicines"))
    if any_age:
        return ScreeningReminder(_early_reason(any_age), (LEBOFF_2022,), any_age)
    after_menopause = any(s.factor.key == "menopause" and s.present for s in states)
    if present and (age >= RISK_PROFILE_FROM_AGE or (sex == "female" and after_menopause)):
        labels = tuple(present.values())
        return ScreeningReminder(_early_reason(labels), (USPSTF_2025, LEBOFF_2022), labels)
    return None


def _early_reason(labels: tuple[str, ...]) -> str:
    return ("Guidelines suggest a bone density (DXA) test before the usual age for people with risk factors. "
            f"You noted: {', '.join(label.lower() for label in labels)}. Your doctor can check your risk "
            "(for example with the FRAX tool) and decide whether a test is right for you.")

