"""Daily nutrition targets from the member's profile (guidance README, "Daily nutrition").

Age is computed at the date being judged. Every number is a constant naming its source.
"""
from dataclasses import dataclass
from datetime import date

from app.guidance.calendar import age_on
from app.guidance.diagnosis import Category
from app.guidance.sources import ESCEO_2014, IOM_2005_MACRONUTRIENTS, NAM_2011, PROT_AGE_2013, Source

# Calcium RDA (NAM 2011 via NIH ODS; BHOF agrees): age ≤ 50: 1,000 mg; women 51+: 1,200 mg;
# men 51–70: 1,000 mg; men 71+: 1,200 mg.
CALCIUM_MG_AGE_50_AND_UNDER = 1000
CALCIUM_MG_WOMEN_51_PLUS = 1200
CALCIUM_MG_MEN_51_TO_70 = 1000
CALCIUM_MG_MEN_71_PLUS = 1200
# Calcium UL, total intake (NAM 2011): age ≤ 50: 2,500 mg; 51+: 2,000 mg.
CALCIUM_UL_MG_AGE_50_AND_UNDER = 2500
CALCIUM_UL_MG_51_PLUS = 2000
# Vitamin D (NAM 2011 RDA; BHOF/IOF 800–1,000 IU for 50+): age < 50: 600 IU (15 µg); 50+: 800 IU (20 µg).
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
class Target:
    value: float
    rule: str
    sources: tuple[Source, ...]


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


def daily_nutrition_targets(facts: MemberFacts, on: date) -> DailyNutritionTargets:
    """Targets for the day `on`; a target that needs a missing profile field is None."""
    age = age_on(facts.date_of_birth, on) if facts.date_of_birth else None
    return DailyNutritionTargets(
        calcium_mg=_calcium(age, facts.sex),
        calcium_ul_mg=_calcium_ul(age),
        vitamin_d_iu=_vitamin_d(age),
        vitamin_d_ul_iu=Target(VITAMIN_D_UL_IU, "Upper limit for adults: 4,000 IU (100 µg) a day.", (NAM_2011,)),
        protein_g=_protein(age, facts),
        protein_upper_g=_protein_upper(facts),
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
    return Target(VITAMIN_D_IU_50_PLUS, "50 and over: 800 IU (20 µg) a day.", (NAM_2011,))


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
