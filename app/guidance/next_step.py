""""Next step": one concrete thing to do for the weekly target most in need, from her own exercises.

Plain Python. Only exercises with no caution for her today are offered (the one safety rule, app/guidance/safety.py:
the caller leaves the others out). Her program's items come first (the dose her physical therapist prescribed);
otherwise a catalog exercise of the right kind, with the dose the guidance gives (impacts: 50 on an impact day;
brisk walking: 20 minutes; strength: 8–12 reps, up to 3 sets) or, where the guidance gives none (balance holds), no
dose at all. Guidance README, third build:
- after a fall, until it is reviewed, only strength or balance is offered (ROS 2022 "Steady");
- impacts climb the ladder: the lowest level that counts (vigorous heel drops or stamping, the feet staying down)
  before two-footed jumps, and single-leg landings never first (ROS 2022: build up gradually);
- a day's moderate minutes are at most 60 (product bound; PAG 2018 spreads activity over the week).
"""
from dataclasses import dataclass
from math import ceil

from app.guidance.doses import dose_text
from app.guidance.summary import Metric, WeekSummary, to_go_text
from app.guidance.targets import (
    BRISK_WALK_MINUTES_PER_DAY,
    IMPACTS_PER_IMPACT_DAY,
    STRENGTH_REPS_HIGH,
    STRENGTH_REPS_LOW,
    STRENGTH_SETS_MAX,
)

BRISK_WALKING = "brisk_walking"
MINUTES_STEP = 5  # a walk suggested for the minutes target is rounded up to 5 minutes
MODERATE_MINUTES_MAX_PER_DAY = 60  # docs/clinical-rules.md, "One safety rule, everywhere" (product bound)
AFTER_A_FALL = ("resistance_sessions", "balance_days")  # strength or balance while impact is paused
# The impact ladder (ROS 2022, build up gradually): the feet staying down before two-footed landings before one.
LANDING_ORDER = {"grounded": 0, "none": 0, "two_feet": 1, "one_foot": 2}
IMPACT_ORDER = {"low": 0, "moderate": 1, "high": 2}


@dataclass(frozen=True)
class Choice:
    """An exercise she may do: a program item (with its dose) or a catalog exercise with no caution for her."""
    exercise_id: int
    slug: str | None
    name: str
    kind: str
    measure: str
    moderate_impact: bool = False   # counts toward the impact target (moderate or high impact)
    counts_impacts: bool = False    # one rep is one landing or stamp
    sets: int | None = None
    reps: int | None = None
    hold_seconds: int | None = None
    minutes: int | None = None
    band_colour: str | None = None
    prescribed: bool = False
    impact: str = "none"            # the ROS impact level: none, low, moderate, high
    landing: str = "none"           # grounded, two_feet, one_foot: the ladder's rungs within a level

    @property
    def ladder(self) -> tuple[int, int]:
        return IMPACT_ORDER.get(self.impact, 0), LANDING_ORDER.get(self.landing, 0)


@dataclass(frozen=True)
class NextStep:
    heading: str          # "Balance"
    exercise: Choice
    dose: str             # "3 × 30 s", "" when there is none to give
    why: str              # "0 of 3 balance days, 5 days left"
    sets: int | None = None
    reps: int | None = None
    hold_seconds: int | None = None
    minutes: int | None = None
    band_colour: str | None = None

    @property
    def text(self) -> str:
        """"Balance: tandem stance, 3 × 30 s"."""
        name = self.exercise.name[0].lower() + self.exercise.name[1:]
        return f"{self.heading}: {name}" + (f", {self.dose}" if self.dose else "")

    @property
    def is_walk(self) -> bool:
        return self.exercise.kind == "weight_bearing" and self.exercise.measure == "minutes"


HEADINGS = {"resistance_sessions": "Band session", "impact_days": "Impacts", "brisk_walk_days": "Brisk walk",
            "moderate_minutes": "Moderate activity", "balance_days": "Balance"}


def _wanted(key: str, choice: Choice) -> bool:
    if key == "resistance_sessions":
        return choice.kind == "resistance_band"
    if key == "impact_days":
        return choice.moderate_impact and choice.counts_impacts
    if key in ("brisk_walk_days", "moderate_minutes"):
        return choice.slug == BRISK_WALKING
    if key == "balance_days":
        return choice.kind == "balance"
    return False


def next_step(week: WeekSummary, program: list[Choice], catalog: list[Choice],
              paused_after_fall: bool = False) -> NextStep | None:
    """The step for the target most in need that one of her exercises serves, or None when every target is
    met or none of her exercises fits. `program` and `catalog` hold only what has no caution for her."""
    for metric in week.short_metrics:
        if paused_after_fall and metric.key not in AFTER_A_FALL:
            continue
        offered = [c for c in catalog if _wanted(metric.key, c)]
        if metric.key == "impact_days":
            offered.sort(key=lambda c: c.ladder)  # stable: the catalog's order within a rung
        for choice in [c for c in program if _wanted(metric.key, c)] + offered:
            return _step(metric, choice, week.days_left)
    return None


def _step(metric: Metric, choice: Choice, days_left: int) -> NextStep:
    why = f"{metric.actual:,.0f} of {metric.target:,.0f} so far; {to_go_text(metric, days_left)}"
    heading = HEADINGS[metric.key]
    if choice.prescribed and not (choice.measure == "minutes" and not choice.minutes):
        return NextStep(heading, choice, dose_text(choice.measure, choice.sets, choice.reps, choice.hold_seconds,
                                                   choice.minutes), why, choice.sets, choice.reps,
                        choice.hold_seconds, choice.minutes, choice.band_colour)
    if metric.key == "impact_days":
        return NextStep(heading, choice, f"{IMPACTS_PER_IMPACT_DAY} impacts", why, sets=1, reps=IMPACTS_PER_IMPACT_DAY)
    if metric.key == "brisk_walk_days":
        return NextStep(heading, choice, dose_text("minutes", minutes=BRISK_WALK_MINUTES_PER_DAY), why,
                        minutes=BRISK_WALK_MINUTES_PER_DAY)
    if metric.key == "moderate_minutes":
        minutes = min(ceil(metric.to_go / max(days_left, 1) / MINUTES_STEP) * MINUTES_STEP,
                      MODERATE_MINUTES_MAX_PER_DAY)
        return NextStep(heading, choice, dose_text("minutes", minutes=minutes), why, minutes=minutes)
    if metric.key == "resistance_sessions":
        dose = f"{STRENGTH_REPS_LOW}–{STRENGTH_REPS_HIGH} reps, up to {STRENGTH_SETS_MAX} sets"
        return NextStep(heading, choice, dose, why)
    return NextStep(heading, choice, "", why)
