"""Amounts of food in the units she thinks in: grams, ounces, cups and spoons, and a food's own measures.

A volume unit is derived from a volume measure USDA lists for the food (its grams for that volume):
1 cup = 16 tbsp = 48 tsp = 8 fl oz = 236.6 ml (US customary cup, as SR28's household measures use).
Every unit says how many grams one of it weighs, so an amount is never a silent multiple of a serving
she didn't pick. Plain Python.
"""
import re
import unicodedata
from dataclasses import dataclass

GRAMS_PER_OZ = 28.349523125          # avoirdupois ounce
ML_PER_CUP = 236.6                   # US customary cup (236.588 ml), to one decimal
ML_PER_UNIT = {"cup": ML_PER_CUP, "tbsp": ML_PER_CUP / 16, "tsp": ML_PER_CUP / 48, "fl oz": ML_PER_CUP / 8,
               "ml": 1.0}
# How SR28's household measures name volumes (WEIGHT.txt Msre_Desc), in ml each.
MEASURE_VOLUMES = {"cup": ML_PER_CUP, "cups": ML_PER_CUP, "tbsp": ML_PER_CUP / 16, "tsp": ML_PER_CUP / 48,
                   "fl oz": ML_PER_CUP / 8, "ml": 1.0, "pint": ML_PER_CUP * 2, "quart": ML_PER_CUP * 4,
                   "gallon": ML_PER_CUP * 16, "liter": 1000.0, "l": 1000.0}
VOLUME_UNITS = ("cup", "tbsp", "tsp", "fl oz", "ml")
MEASURE_NAME = re.compile(r"^(?P<amount>\d+(?:\.\d+)?|\d+/\d+|\d+ \d+/\d+)\s+(?P<description>[^\d].*)$")


@dataclass(frozen=True)
class Unit:
    key: str        # "g", "oz", "cup", … or "m:<measure name>" for one of the food's own measures
    label: str      # what the unit list shows
    grams: float    # what one of it weighs

    @property
    def is_measure(self) -> bool:
        return self.key.startswith("m:")


GRAM = Unit("g", "g", 1.0)


def split_measure(name: str) -> tuple[float, str] | None:
    """"0.5 cup, chopped" → (0.5, "cup, chopped"); "1/2 cup" → (0.5, "cup"); None without a leading amount."""
    match = MEASURE_NAME.match(name.strip())
    if not match:
        return None
    amount = parse_amount(match["amount"])
    return (amount, match["description"].strip()) if amount else None


def measure_volume_ml(name: str) -> float | None:
    """The volume of a measure named like "1 cup", "0.5 cup, chopped", "2 tbsp" or "1 fl oz"; None if not one."""
    parts = split_measure(name)
    if not parts:
        return None
    amount, description = parts[0], parts[1].lower()
    for word, ml in sorted(MEASURE_VOLUMES.items(), key=lambda item: -len(item[0])):
        if description == word or description.startswith((word + ",", word + " (", word + " ")):
            return amount * ml
    return None


def grams_per_ml(measures: list[tuple[str, float]]) -> float | None:
    """The food's density from the first volume measure USDA lists for it (in USDA's order); None without one."""
    for name, grams in measures:
        ml = measure_volume_ml(name)
        if ml:
            return grams / ml
    return None


def units_for(measures: list[tuple[str, float]]) -> list[Unit]:
    """Every unit she can log this food in: g and oz; cup, tbsp, tsp, fl oz and ml when USDA gives a volume
    measure; then the food's own measures (slice, medium, container, "cup, chopped"…).

    A volume unit USDA weighed for the food itself ("1 tbsp = 15 g") uses that weight; the others are derived
    from the first volume measure USDA lists. A measure that is exactly one of those volumes ("0.5 cup") is
    not listed twice."""
    units = [GRAM, Unit("oz", "oz", GRAMS_PER_OZ)]
    density = grams_per_ml(measures)
    own: dict[str, float] = {}
    for name, grams in measures:
        parts = split_measure(name)
        if parts and parts[1] in VOLUME_UNITS:
            own.setdefault(parts[1], grams / parts[0])
    if density:
        units += [Unit(u, u, own.get(u, ML_PER_UNIT[u] * density)) for u in VOLUME_UNITS]
    for name, grams in measures:
        parts = split_measure(name)
        if density and parts and parts[1] in VOLUME_UNITS:
            continue
        units.append(Unit(f"m:{name}", f"{name} ({grams:g} g)", grams))
    return units


def unit_for_measure(units: list[Unit], name: str) -> tuple[Unit, float] | None:
    """The unit a measure named `name` is said in, and how many of it the measure is: "1 cup" → (cup, 1),
    "0.5 cup" → (cup, 0.5), "1 medium" → (its own unit, 1); None when the food has no such unit."""
    by_key = {u.key: u for u in units}
    if f"m:{name}" in by_key:
        return by_key[f"m:{name}"], 1.0
    parts = split_measure(name)
    if parts and parts[1] in by_key:
        return by_key[parts[1]], parts[0]
    return None


# What a drink or a pourable food is called in USDA's descriptions: it opens in ml (or cups with US units).
LIQUID_WORDS = frozenset({
    "milk", "soymilk", "juice", "kefir", "buttermilk", "beverage", "beverages", "drink", "water", "tea", "coffee",
    "soup", "broth", "smoothie", "shake", "nectar", "lemonade", "cider", "wine", "beer", "oil", "cream", "eggnog",
    "cocoa", "whiskey", "vodka", "gin", "rum", "liqueur", "soda", "cola", "syrup", "chowder", "bisque"})
# Words that make one of those a solid: milk powder, a soup mix, a cream cheese, instant coffee granules.
SOLID_WORDS = frozenset({"dry", "powder", "powdered", "dehydrated", "mix", "granules", "cheese",
                         "crystals", "bar", "pudding", "frozen", "solids"})
# A measure that is a weight, not a thing she counts: "1 oz", "3 oz", "100 g".
WEIGHT_MEASURE = re.compile(r"^\s*[\d./ ]+\s*(oz|g|gram|grams|lb)\b", re.I)


def is_liquid(description: str | None, food_group: str | None = None) -> bool:
    """Whether a food is a drink or pours (milk, juice, soup, oil): by USDA's first words and food group."""
    words = set(description.lower().replace(",", " ").replace("(", " ").split()) if description else set()
    if SOLID_WORDS & words:
        return False
    # The food itself is USDA's first part: "Milk, …", "Soup, tomato", "Orange juice, raw", "Cream of mushroom soup";
    # "Yogurt, plain, whole milk" and "Pancakes, buttermilk" are not drinks.
    head = set((description or "").lower().split(",")[0].split())
    return food_group == "Beverages" or bool(LIQUID_WORDS & head)


# Foods she counts (bread in slices, fruit, biscuits, crackers, bars) even when USDA lists a weight or a cup first.
COUNTED_GROUPS = frozenset({"Baked Products", "Fruits and Fruit Juices", "Snacks", "Sweets"})
COUNT_WORDS = ("slice", "fruit", "medium", "large", "small", "cracker", "cookie", "biscuit", "piece", "bar",
               "muffin", "bagel", "roll", "bun", "tortilla", "pita", "scone", "cake", "container", "pot", "each")


def _counted(name: str) -> bool:
    parts = split_measure(name)
    return bool(parts) and parts[0] == 1 and parts[1].lower().startswith(COUNT_WORDS)


def natural_measure(units: list[Unit], usual: str | None, counted: bool = False) -> Unit | None:
    """The food's own countable unit she thinks in (1 fruit, 1 slice, 1 large egg, 1 container, 1 cookie): its
    usual serving, when that is neither a volume nor a weight; for a food she counts (`counted`: bread, fruit,
    biscuits) whose usual serving is a weight or a cup, its first "1 slice", "1 medium", "1 cracker"."""
    if usual and measure_volume_ml(usual) is None and not WEIGHT_MEASURE.match(usual):
        return next((u for u in units if u.key == f"m:{usual}"), None)
    if counted:
        own = [u for u in units if u.is_measure and _counted(u.key[2:])]
        return next((u for u in own if "medium" in u.key), None) or (own[0] if own else None)
    return None


def default_unit(units: list[Unit], last_used: str | None, unit_system: str, usual: str | None = None,
                 liquid: bool = False, counted: bool = False) -> Unit:
    """The one she used for this food last, else the one she thinks in: a drink in ml (cups with US units); a
    food she counts in its own unit (1 fruit, 1 slice, 1 egg, 1 pot, 1 biscuit); else a weight (g, or oz with US
    units), though USDA gives a cup of oats, a tablespoon of butter or half a cup of broccoli. With US units, a
    solid whose usual serving is a cup (a cup of cereal, of broccoli) keeps the cup, as US labels say it."""
    by_key = {u.key: u for u in units}
    if last_used in by_key:
        return by_key[last_used]
    if liquid and "cup" in by_key:
        return by_key["cup" if unit_system == "us" else "ml"]
    natural = natural_measure(units, usual, counted)
    if natural is not None:
        return natural
    if unit_system == "us":
        by_volume = "cup" in by_key and usual is not None and measure_volume_ml(usual) is not None
        return by_key["cup" if by_volume else "oz"]
    return by_key["g"]


def usual_amount(unit: Unit, usual_grams: float | None) -> float:
    """The food's usual serving said in `unit`: 1 cup of milk as 237 ml, 3 oz of salmon as 85 g (grams and ml
    whole, other units to a quarter); 1 of a measure, 100 g without a usual serving."""
    if unit.is_measure or not usual_grams:
        return 1.0 if unit.is_measure or unit.key not in ("g", "ml") else 100.0
    quantity = usual_grams / unit.grams
    if unit.key in ("g", "ml"):
        return float(max(1, round(quantity)))
    return max(0.25, round(quantity * 4) / 4)


VULGAR = {ch: unicodedata.numeric(ch) for ch in "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞"}
AMOUNT = re.compile(r"^(?:(?P<whole>\d{1,6})(?:[.,](?P<decimals>\d{1,4}))?)?\s*"
                    r"(?:(?P<num>\d{1,3})\s*/\s*(?P<den>\d{1,3}))?$")


def parse_amount(text: str) -> float | None:
    """"2", "0.5", "1,5", "1/2", "1 1/2", "½" and "1½" as a number; None when it isn't one of those."""
    raw = (text or "").strip()
    if not raw or len(raw) > 20:
        return None
    if raw[0] in "-\u2212":  # a minus sign: a number, though not an amount (the rules say so)
        rest = parse_amount(raw[1:])
        return None if rest is None else -rest
    value = 0.0
    if raw[-1] in VULGAR:
        value, raw = VULGAR[raw[-1]], raw[:-1].strip()
        if not raw:
            return value
        if not raw.isdigit() or len(raw) > 6:
            return None
        return int(raw) + value
    match = AMOUNT.match(raw)
    if not match or not (match["whole"] or match["num"]):
        return None
    if match["decimals"] and match["num"]:
        return None  # "1.5 1/2" is not an amount
    if match["whole"]:
        value = float(f"{match['whole']}.{match['decimals'] or 0}")
    if match["num"]:
        if int(match["den"]) == 0:
            return None
        if match["whole"] and " " not in raw and "/" in raw and not match["decimals"]:
            # "11/2" is eleven halves to a parser but "1 1/2" to no one: only with a space is it mixed.
            return int(raw.split("/")[0]) / int(match["den"])
        value += int(match["num"]) / int(match["den"])
    return value


def amount_label(quantity: float, unit: Unit) -> str:
    """"2 tbsp", "4 oz", "1 × 1 medium"."""
    if unit.is_measure:
        return f"{quantity:g} × {unit.key[2:]}"
    return f"{quantity:g} {unit.label}"
