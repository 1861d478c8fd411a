"""Nutrient arithmetic: label Daily Values, per-serving ↔ per-100 g, supplement dose advice."""
from dataclasses import dataclass

from app.guidance.sources import FDA_DAILY_VALUES, NIH_ODS_CALCIUM
from app.guidance.units import vitamin_d_ug_to_iu

# US Nutrition Facts label Daily Values (FDA_DAILY_VALUES; docs/clinical-rules.md, "Label Daily Values"):
# calcium 1,300 mg, vitamin D 20 µg (800 IU), protein 50 g.
DV_CALCIUM_MG = 1300
DV_VITAMIN_D_UG = 20
DV_PROTEIN_G = 50
DV_SOURCE = FDA_DAILY_VALUES

# Absorption is highest at ≤ 500 mg elemental calcium a dose: advise splitting a larger single dose
# (docs/clinical-rules.md, "A supplement dose"; NIH_ODS_CALCIUM).
CALCIUM_MAX_SINGLE_DOSE_MG = 500
SPLIT_DOSE_SOURCE = NIH_ODS_CALCIUM

# Per-serving entry bounds (product limits that catch typing errors; prescription vitamin D doses of
# 50,000 IU weekly or 100,000 IU monthly exist, so the vitamin D bound is wide on purpose).
MAX_CALCIUM_MG_PER_SERVING = 5000
MAX_VITAMIN_D_IU_PER_SERVING = 100_000
MAX_PROTEIN_G_PER_SERVING = 200


def calcium_mg_from_dv(percent: float) -> float:
    return percent * DV_CALCIUM_MG / 100


def vitamin_d_iu_from_dv(percent: float) -> float:
    return vitamin_d_ug_to_iu(percent * DV_VITAMIN_D_UG / 100)


def protein_g_from_dv(percent: float) -> float:
    return percent * DV_PROTEIN_G / 100


def per_100g(value_per_serving: float, serving_g: float) -> float:
    return value_per_serving * 100 / serving_g


@dataclass(frozen=True)
class Nutrients:
    calcium_mg: float | None    # None: not reported for this food, not zero
    vitamin_d_iu: float | None  # None: not reported for this food, not zero
    protein_g: float
    # Shown, not scored (the guidance gives them no target).
    magnesium_mg: float | None = None
    potassium_mg: float | None = None
    energy_kcal: float | None = None


def for_grams(calcium_mg_per_100g: float | None, vitamin_d_iu_per_100g: float | None, protein_g_per_100g: float,
              grams: float, magnesium_mg_per_100g: float | None = None, potassium_mg_per_100g: float | None = None,
              energy_kcal_per_100g: float | None = None) -> Nutrients:
    """What `grams` of a food holds; a value the food doesn't report stays unknown (None), never zero."""
    factor = grams / 100

    def part(per_100g: float | None) -> float | None:
        return None if per_100g is None else per_100g * factor

    return Nutrients(calcium_mg=part(calcium_mg_per_100g), vitamin_d_iu=part(vitamin_d_iu_per_100g),
                     protein_g=protein_g_per_100g * factor, magnesium_mg=part(magnesium_mg_per_100g),
                     potassium_mg=part(potassium_mg_per_100g), energy_kcal=part(energy_kcal_per_100g))


def should_split_calcium_dose(elemental_calcium_mg: float) -> bool:
    return elemental_calcium_mg > CALCIUM_MAX_SINGLE_DOSE_MG


def doses_a_day(per_day: float, per_dose: float) -> list[float]:
    """Her day's supplement as the doses she takes (docs/clinical-rules.md, "A supplement dose": what she takes
    at one time). 2 a day, 1 at a time → [1, 1]; 3 a day, 2 at a time → [2, 1]; half a tablet a day → [0.5]."""
    per_dose = min(per_dose, per_day) if per_dose > 0 else per_day
    whole = int(per_day // per_dose + 1e-9)
    rest = round(per_day - whole * per_dose, 6)
    return [per_dose] * whole + ([rest] if rest > 1e-6 else [])


def dose_advice(calcium_mg_per_unit: float, units: float) -> str | None:
    """What to say about one dose's calcium: nothing at 500 mg or less; above it, split a dose of several units
    over the day, and for one unit say what absorbs best without telling her to cut a tablet (NIH ODS)."""
    dose = calcium_mg_per_unit * units
    if not should_split_calcium_dose(dose):
        return None
    if units > 1:
        return (f"{dose:,.0f} mg of calcium at one time is more than the body absorbs best "
                f"({CALCIUM_MAX_SINGLE_DOSE_MG} mg a dose or less): take them at different times of the day.")
    return (f"This dose has {dose:,.0f} mg of calcium; the body absorbs calcium best in doses of "
            f"{CALCIUM_MAX_SINGLE_DOSE_MG} mg or less. Ask your pharmacist whether a smaller dose suits you.")
