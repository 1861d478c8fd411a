"""Alcohol: drinks to grams of ethanol, and the days worth flagging (docs/clinical-rules.md, "Alcohol").

Drink sizes: a US "standard drink" holds 14 g of ethanol, a UK "unit" 8 g.
Grams are what is stored and judged, so the two ways of counting can't be mixed up.

The bone-health flag is FRAX's risk factor, "3 or more units of alcohol a day", taken at the lower
bound of a FRAX unit (8 g), so 24 g or more on one day. The sources also offer
"> 28 g" (BHOF's "more than 2 drinks a day", to verify); Ossify uses the FRAX figure because it is the
verified one and the more cautious. The general-health limit for women (Dietary Guidelines for
Americans 2020-2025: no more than 1 drink, 14 g, a day) is shown separately and is not a bone flag.
"""
from dataclasses import dataclass
from datetime import date

from app.guidance.sources import DGA_2020, FRAX, Source


@dataclass(frozen=True)
class DrinkSize:
    key: str
    label: str
    grams: float


DRINK_SIZES = {
    "us": DrinkSize("us", "US standard drink (14 g of alcohol)", 14.0),
    "uk": DrinkSize("uk", "UK unit (8 g of alcohol)", 8.0),
}
FRAX_UNITS_PER_DAY = 3
FRAX_UNIT_G = 8.0                                        # lower bound of FRAX's 8-10 g unit
FLAG_G_PER_DAY = FRAX_UNITS_PER_DAY * FRAX_UNIT_G        # 24 g
FLAG_SOURCE: Source = FRAX
FLAG_RULE = ("3 or more units of alcohol a day is a risk factor for broken bones in the FRAX fracture-risk tool. "
             "A FRAX unit is 8 to 10 g of alcohol; Ossify flags a day at 24 g or more (3 UK units, or about "
             "2 US drinks).")
GENERAL_LIMIT_WOMEN_G = 14.0                             # 1 US drink
GENERAL_SOURCE: Source = DGA_2020
GENERAL_RULE = "For general health, women who drink are advised to have no more than 1 drink (14 g of alcohol) a day."
MAX_DRINKS_PER_ENTRY = 40                                 # a typing-error guard, not a clinical figure


def ethanol_g(drinks: float, size: str) -> float:
    """Grams of ethanol in `drinks` drinks of the given size ("us" or "uk")."""
    if drinks <= 0:
        raise ValueError("drinks must be more than 0")
    return round(drinks * DRINK_SIZES[size].grams, 1)


def is_flagged(grams: float) -> bool:
    return grams >= FLAG_G_PER_DAY


def flagged_days(grams_by_day: dict[date, float]) -> list[date]:
    """Days at or above the FRAX threshold, in date order."""
    return sorted(d for d, g in grams_by_day.items() if is_flagged(g))


def in_drinks(grams: float) -> dict[str, float]:
    """The same grams said both ways, for showing next to a total."""
    return {key: round(grams / size.grams, 1) for key, size in DRINK_SIZES.items()}
