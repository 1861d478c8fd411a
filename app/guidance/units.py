"""Unit conversions at the edges; Ossify stores kg, mg, IU, g and minutes."""

# Exact international avoirdupois pound (docs/clinical-rules.md, "Units").
KG_PER_LB = 0.45359237
# Vitamin D: 1 µg = 40 IU (docs/clinical-rules.md, "Units"; NIH_ODS_VITAMIN_D).
IU_PER_UG_VITAMIN_D = 40.0


def lb_to_kg(pounds: float) -> float:
    return pounds * KG_PER_LB


def kg_to_lb(kilograms: float) -> float:
    return kilograms / KG_PER_LB


def vitamin_d_ug_to_iu(micrograms: float) -> float:
    return micrograms * IU_PER_UG_VITAMIN_D


def vitamin_d_iu_to_ug(iu: float) -> float:
    return iu / IU_PER_UG_VITAMIN_D


def weight_to_kg(value: float, unit: str) -> float:
    """Convert a weight entered in 'kg' or 'lb' to kilograms."""
    if unit == "kg":
        return value
    if unit == "lb":
        return lb_to_kg(value)
    raise ValueError(f"unknown weight unit {unit!r}")


def weight_from_kg(kilograms: float, unit: str) -> float:
    """Express a stored weight in the member's unit ('kg' or 'lb')."""
    if unit == "kg":
        return kilograms
    if unit == "lb":
        return kg_to_lb(kilograms)
    raise ValueError(f"unknown weight unit {unit!r}")
