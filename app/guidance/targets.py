"""Daily nutrition targets from the member's profile (docs/clinical-rules.md, "Daily nutrition").

Age is computed at the date being judged. Every number is a constant naming its source.
"""
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.guidance.calendar import age_on
from app.guidance.diagnosis import Category
from app.guidance.sources import (
    ESCEO_2014,
    IOF_2010_VITAMIN_D,
    IOM_2005_MACRONUTRIENTS,
    LEBOFF_2022,
    NAM_2011,
    PAG_2018,
    PROT_AGE_2013,
    ROS_2022,
    TOO_FIT_TO_FRACTURE,
    Source,
)

# Calcium RDA (NAM 2011 via NIH ODS; BHOF agrees): age ≤ 50: 1,000 mg; women 51+: 1,200 mg;
# men 51–70: 1,000 mg; men 71+: 1,200 mg.
CALCIUM_MG_AGE_50_AND_UNDER = 1000
CALCIUM_MG_WOMEN_51_PLUS = 1200
CALCIUM_MG_MEN_51_TO_70 = 1000
CALCIUM_MG_MEN_71_PLUS = 1200
# Calcium UL, total intake (NAM 2011): age ≤ 50: 2,500 mg; 51+: 2,000 mg.
CALCIUM_UL_MG_AGE_50_AND_UNDER = 2500
CALCIUM_UL_MG_51_PLUS = 2000
# Vitamin D: under 50, 600 IU (15 µg), the NAM 2011 RDA; 50+, 800 IU (20 µg), the lower end of BHOF's and IOF's
# 800–1,000 IU (NAM's RDA is 600 IU to 70 and 800 IU from 71, so the 800 IU at 50–70 is cited to BHOF and IOF).
VITAMIN_D_IU_UNDER_50 = 600
VITAMIN_D_IU_50_PLUS = 800
# Vitamin D UL (NAM 2011): 4,000 IU (100 µg).
VITAMIN_D_UL_IU = 4000
# Protein (PROT-AGE 2013, ESCEO 2014: 1.0–1.2 g/kg; NAM RDA 0.8 g/kg): 1.0 g/kg at 65+ or with
# osteopenia/osteoporosis, else 0.8 g/kg; 1.2 g/kg shown as the upper end of the range.
PROTEIN_G_PER_KG_BASE = 0.8
PROTEIN_G_PER_KG_OLDER_OR_LOW_BONE = 1.0
PROTEIN_G_PER_KG_UPPER = 1.2
PROTEIN_HIGHER_FROM_AGE = 65
# Protein at each main meal (ESCEO 2014: 20–25 g per main meal) — a tip, not a target.
PROTEIN_G_PER_MAIN_MEAL = 20


@dataclass(frozen=True)
class MemberFacts:
    date_of_birth: date | None
    sex: str | None
    weight_kg: float | None
    category: Category | None = None


@dataclass(frozen=True)
class Override:
    """A therapist's value for one target, with who set it and why."""
    value: float
    reason: str
    set_by: str


@dataclass(frozen=True)
class Target:
    value: float
    rule: str
    sources: tuple[Source, ...]
    override: Override | None = None


@dataclass(frozen=True)
class DailyNutritionTargets:
    calcium_mg: Target | None
    calcium_ul_mg: Target | None
    vitamin_d_iu: Target | None
    vitamin_d_ul_iu: Target
    protein_g: Target | None
    protein_upper_g: Target | None

    @property
    def complete(self) -> bool:
        return None not in (self.calcium_mg, self.vitamin_d_iu, self.protein_g)


DAILY_TARGET_KEYS = ("calcium_mg", "vitamin_d_iu", "protein_g")


class DayAboveLimits:
    """For a day of her food and supplements together (`total`: calcium_mg, vitamin_d_iu) against that day's
    `targets`: whether it is above the calcium or the vitamin D upper limit (a day with no calcium limit known, no
    date of birth, is never above it). One rule for every page that shows a day (the food day, Home)."""
    total: Any
    targets: "DailyNutritionTargets"

    @property
    def calcium_above_limit(self) -> bool:
        cap = self.targets.calcium_ul_mg
        return cap is not None and self.total.calcium_mg > cap.value

    @property
    def vitamin_d_above_limit(self) -> bool:
        return self.total.vitamin_d_iu > self.targets.vitamin_d_ul_iu.value


def override_past_limit(key: str, value: float, targets: DailyNutritionTargets) -> str | None:
    """Why a therapist's target of `value` for `key` is refused: above the upper limit that applies to her (guidance
    README, "Food suggestions and upper limits": a therapist's override above the upper limit is refused with the
    limit named). None when it is allowed. A target at the limit itself is allowed."""
    # Without her age, calcium's highest adult limit (2,500 mg, to 50) still bounds it.
    calcium = targets.calcium_ul_mg or _calcium_ul(0)
    limit = {"calcium_mg": (calcium, "mg", "calcium"),
             "vitamin_d_iu": (targets.vitamin_d_ul_iu, "IU", "vitamin D")}.get(key)
    if limit is None or limit[0] is None or value <= limit[0].value:
        return None
    upper, unit, name = limit
    return (f"That is above the upper limit for {name} of {upper.value:,.0f} {unit} a day "
            f"({', '.join(s.short for s in upper.sources)}), food and supplements together. "
            f"Set {upper.value:,.0f} {unit} or less.")


def daily_nutrition_targets(facts: MemberFacts, on: date,
                            overrides: dict[str, Override] | None = None) -> DailyNutritionTargets:
    """Targets for the day `on`; a target that needs a missing profile field is None.

    A therapist's override (keys in DAILY_TARGET_KEYS) replaces the default and carries who and why.
    """
    age = age_on(facts.date_of_birth, on) if facts.date_of_birth else None
    targets = {"calcium_mg": _calcium(age, facts.sex), "vitamin_d_iu": _vitamin_d(age),
               "protein_g": _protein(age, facts)}
    for key, override in (overrides or {}).items():
        if key in targets:
            default = targets[key]
            targets[key] = Target(override.value, default.rule if default else "Set by your physical therapist.",
                                  default.sources if default else (), override)
    return DailyNutritionTargets(
        calcium_ul_mg=_calcium_ul(age),
        vitamin_d_ul_iu=Target(VITAMIN_D_UL_IU, "Upper limit for adults: 4,000 IU (100 µg) a day.", (NAM_2011,)),
        protein_upper_g=_protein_upper(facts),
        **targets,
    )


def _calcium(age: int | None, sex: str | None) -> Target | None:
    if age is None:
        return None
    if age <= 50:
        return Target(CALCIUM_MG_AGE_50_AND_UNDER, "Adults 50 and under: 1,000 mg a day.", (NAM_2011,))
    if sex == "female":
        return Target(CALCIUM_MG_WOMEN_51_PLUS, "Women 51 and over: 1,200 mg a day.", (NAM_2011,))
    if sex == "male":
        if age <= 70:
            return Target(CALCIUM_MG_MEN_51_TO_70, "Men 51 to 70: 1,000 mg a day.", (NAM_2011,))
        return Target(CALCIUM_MG_MEN_71_PLUS, "Men 71 and over: 1,200 mg a day.", (NAM_2011,))
    return None


def _calcium_ul(age: int | None) -> Target | None:
    if age is None:
        return None
    if age <= 50:
        return Target(CALCIUM_UL_MG_AGE_50_AND_UNDER, "Upper limit at 50 and under: 2,500 mg a day, food and "
                      "supplements together.", (NAM_2011,))
    return Target(CALCIUM_UL_MG_51_PLUS, "Upper limit from 51: 2,000 mg a day, food and supplements together.",
                  (NAM_2011,))


def _vitamin_d(age: int | None) -> Target | None:
    if age is None:
        return None
    if age < 50:
        return Target(VITAMIN_D_IU_UNDER_50, "Under 50: 600 IU (15 µg) a day.", (NAM_2011,))
    return Target(VITAMIN_D_IU_50_PLUS, "50 and over: 800 IU (20 µg) a day, the lower end of the 800–1,000 IU bone "
                  "groups advise from 50.", (LEBOFF_2022, IOF_2010_VITAMIN_D))


def _protein_per_kg(age: int | None, category: Category | None) -> float | None:
    low_bone = category in (Category.OSTEOPENIA, Category.OSTEOPOROSIS)
    if low_bone or (age is not None and age >= PROTEIN_HIGHER_FROM_AGE):
        return PROTEIN_G_PER_KG_OLDER_OR_LOW_BONE
    if age is None:
        return None
    return PROTEIN_G_PER_KG_BASE


def _protein(age: int | None, facts: MemberFacts) -> Target | None:
    per_kg = _protein_per_kg(age, facts.category)
    if per_kg is None or not facts.weight_kg:
        return None
    grams = round(per_kg * facts.weight_kg)
    if per_kg == PROTEIN_G_PER_KG_OLDER_OR_LOW_BONE:
        why = "at 65 and over" if age is not None and age >= PROTEIN_HIGHER_FROM_AGE else "with low bone density"
        return Target(grams, f"1.0 g per kg of body weight {why}.", (PROT_AGE_2013, ESCEO_2014))
    return Target(grams, "0.8 g per kg of body weight (the RDA).", (IOM_2005_MACRONUTRIENTS,))


def _protein_upper(facts: MemberFacts) -> Target | None:
    if not facts.weight_kg:
        return None
    return Target(round(PROTEIN_G_PER_KG_UPPER * facts.weight_kg),
                  "1.2 g per kg: the upper end of the recommended range.", (PROT_AGE_2013, ESCEO_2014))


# --- Weekly exercise targets (docs/clinical-rules.md, "Weekly exercise") ---------------------------

# ≥ 2 resistance sessions a week (ROS 2022, "Strong, Steady and Straight"; PAG 2018 ≥ 2 days).
RESISTANCE_SESSIONS_PER_WEEK = 2
# Each session: a load she can lift only about 8–12 times, up to 3 sets (ROS 2022).
STRENGTH_REPS_LOW = 8
STRENGTH_REPS_HIGH = 12
STRENGTH_SETS_MAX = 3
# ≥ 50 moderate impacts on at least 4 days a week, "most days" (ROS 2022).
IMPACTS_PER_IMPACT_DAY = 50
IMPACT_DAYS_PER_WEEK = 4
# After a vertebral fracture or 2+ low-trauma fractures: no impact target; brisk walking
# ≥ 20 minutes on at least 4 days (ROS 2022).
BRISK_WALK_MINUTES_PER_DAY = 20
BRISK_WALK_DAYS_PER_WEEK = 4
# ≥ 150 minutes a week of moderate activity (PAG 2018, 150–300 min).
MODERATE_MINUTES_PER_WEEK = 150
# Balance exercise on ≥ 3 days a week (PAG older adults; Too Fit To Fracture says daily; README: to verify).
BALANCE_DAYS_PER_WEEK = 3
# Fractures at which impact gives way to brisk walking (docs/clinical-rules.md, "Weekly exercise").
LOW_TRAUMA_FRACTURES_FOR_NO_IMPACT = 2

# Status of a week's metric (docs/clinical-rules.md, "Status of a week's metric": a product rule).
MET_FRACTION = 1.0
CLOSE_FRACTION = 0.75


class Status:
    MET = "met"
    CLOSE = "close"
    BELOW = "below"
    # A week still going (or the week she joined part-way) is judged by pace, never "below".
    ON_TRACK = "on_track"
    BEHIND = "behind"
    # A nutrient above its tolerable upper intake level on a day (NAM 2011): its own state wherever a day or week
    # is shown, never "met", never green (docs/clinical-rules.md, "Food suggestions and upper limits").
    ABOVE_LIMIT = "above_limit"


STATUS_LABELS = {Status.MET: "Met", Status.CLOSE: "Close", Status.BELOW: "Below", Status.ON_TRACK: "On track",
                 Status.BEHIND: "Behind pace", Status.ABOVE_LIMIT: "Above the upper limit"}


# Short names of the weekly targets, for a table with a column per target (a therapist's caseload).
SHORT_LABELS = {"resistance_sessions": "Bands", "impact_days": "Impact", "brisk_walk_days": "Brisk walk",
                "moderate_minutes": "Active min", "balance_days": "Balance", "calcium_mg": "Calcium",
                "vitamin_d_iu": "Vit D", "protein_g": "Protein"}


def status(actual: float, target: float) -> str:
    """met ≥ 100 % of target; close ≥ 75 %; below < 75 %."""
    if target <= 0 or actual >= target * MET_FRACTION:
        return Status.MET
    if actual >= target * CLOSE_FRACTION:
        return Status.CLOSE
    return Status.BELOW


def pace_status(actual: float, target: float, days_gone: int, days_left: int, one_a_day: bool) -> str:
    """A week not yet over, judged by pace (Ossify's product rule, like the statuses above).

    Met once the target is reached. Otherwise on track while what is done is at least 75 % (the "close"
    fraction) of the target spread evenly over the 7 days up to yesterday (`days_gone`; today is still
    hers; for the week she joined, her days in it), rounded down to whole units, and, for a target counted
    at most once a day (`one_a_day`: days, sessions), what is left still fits in the days left including
    today. Else behind pace.
    """
    if target <= 0 or actual >= target * MET_FRACTION:
        return Status.MET
    expected = int(target * days_gone / 7 * CLOSE_FRACTION)
    # A week she joined part-way that is over (no days left) is judged on pace alone.
    fits = not one_a_day or days_left == 0 or target - actual <= days_left
    return Status.ON_TRACK if actual >= expected and fits else Status.BEHIND


@dataclass(frozen=True)
class WeeklyTarget:
    key: str
    label: str
    value: float
    unit: str
    rule: str
    sources: tuple[Source, ...]
    override: Override | None = None


@dataclass(frozen=True)
class FractureHistory:
    vertebral: bool = False
    low_trauma: int = 0
    # Low-trauma fractures from her 18th birthday on (every low-trauma one when her birth date is unknown): the risk
    # checklist's "previous fracture", FRAX's fracture in adult life (docs/clinical-rules.md, "Risk checklist").
    adult_low_trauma: int = 0
    # A fall she marked "a bone broke" and no fracture recorded since: a low-trauma fracture of unknown site, so
    # impact no more than brisk walking until she records it (docs/clinical-rules.md, "One safety rule, everywhere").
    unknown_site: bool = False

    @property
    def impact_limited(self) -> bool:
        return self.vertebral or self.unknown_site or self.low_trauma >= LOW_TRAUMA_FRACTURES_FOR_NO_IMPACT


def weekly_exercise_targets(fractures: FractureHistory,
                            overrides: dict[str, Override] | None = None) -> list[WeeklyTarget]:
    """The scored weekly targets; a therapist's override replaces a default and says so."""
    targets = [WeeklyTarget(
        "resistance_sessions", "Resistance-band sessions", RESISTANCE_SESSIONS_PER_WEEK, "sessions",
        "At least 2 muscle-strengthening sessions a week (2–3 recommended), about 8–12 reps a set, up to 3 sets.",
        (ROS_2022, PAG_2018))]
    if fractures.impact_limited:
        targets.append(WeeklyTarget(
            "brisk_walk_days", "Brisk-walking days", BRISK_WALK_DAYS_PER_WEEK, "days",
            "After a spine fracture, several low-trauma fractures or a fall that broke a bone, keep impact no "
            "greater than brisk walking: "
            "brisk walking for at least 20 minutes on at least 4 days a week.", (ROS_2022,)))
    else:
        targets.append(WeeklyTarget(
            "impact_days", "Impact days (50+ impacts)", IMPACT_DAYS_PER_WEEK, "days",
            "About 50 moderate impacts (jogging, stamping, skipping, low jumps) on most days: at least 4 days a "
            "week. Walking counts as minutes, not impacts.", (ROS_2022,)))
    targets += [
        WeeklyTarget("moderate_minutes", "Minutes of moderate activity", MODERATE_MINUTES_PER_WEEK, "minutes",
                     "At least 150 minutes a week of moderate activity such as brisk walking, stairs or dancing.",
                     (PAG_2018,)),
        WeeklyTarget("balance_days", "Balance days", BALANCE_DAYS_PER_WEEK, "days",
                     "Balance exercise on at least 3 days a week; daily is encouraged.",
                     (PAG_2018, TOO_FIT_TO_FRACTURE)),
    ]
    overrides = overrides or {}
    return [WeeklyTarget(t.key, t.label, overrides[t.key].value, t.unit, t.rule, t.sources, overrides[t.key])
            if t.key in overrides else t for t in targets]
