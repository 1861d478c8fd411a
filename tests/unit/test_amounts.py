"""Amounts and units as pure rules: what each unit of a food weighs, amounts as people write them."""
import pytest

from app.guidance.amounts import (
    GRAMS_PER_OZ,
    ML_PER_CUP,
    default_unit,
    is_liquid,
    measure_volume_ml,
    parse_amount,
    units_for,
)

MILK = [("1 cup", 245.0), ("1 fl oz", 30.6), ("1 quart", 980.0)]            # SR28 01085: no tbsp measure
WHOLE_MILK = [("1 cup", 244.0), ("1 fl oz", 30.5), ("1 tbsp", 15.0), ("1 quart", 976.0)]
BROCCOLI = [("1 cup chopped", 91.0), ("1 bunch", 608.0), ("1 spear (about 5\" long)", 31.0), ("0.5 cup", 44.0)]
SALMON = [("3 oz", 85.0), ("0.5 fillet", 124.0)]                            # no volume: weight and measures only


def grams(measures: list[tuple[str, float]]) -> dict[str, float]:
    return {u.key: round(u.grams, 2) for u in units_for(measures)}


@pytest.mark.parametrize("unit, expected", [
    ("g", 1.0), ("oz", 28.35),
    ("cup", 245.0), ("tbsp", 15.31), ("tsp", 5.1), ("fl oz", 30.6), ("ml", 1.04),  # derived: 245 g per 236.6 ml
])
def test_volume_units_derive_from_the_foods_volume_measure(unit: str, expected: float) -> None:
    assert grams(MILK)[unit] == expected


def test_a_volume_usda_weighed_for_the_food_is_used_as_weighed() -> None:
    units = grams(WHOLE_MILK)
    assert units["tbsp"] == 15.0 and units["fl oz"] == 30.5 and units["cup"] == 244.0
    assert units["tsp"] == round(244 / 48, 2)                        # not weighed: derived from the cup
    assert "m:1 quart" in units and "m:1 cup" not in units           # the cup is listed once


def test_a_food_without_a_volume_measure_has_weight_and_its_own_measures_only() -> None:
    assert list(grams(SALMON)) == ["g", "oz", "m:3 oz", "m:0.5 fillet"]


def test_household_measures_stay_and_a_half_cup_is_the_cup() -> None:
    units = grams(BROCCOLI)
    assert units["cup"] == 88.0                 # "0.5 cup" = 44 g: USDA weighed a (half) cup
    assert "m:1 cup chopped" in units and "m:1 bunch" in units and "m:0.5 cup" not in units


@pytest.mark.parametrize("name, ml", [
    ("1 cup", ML_PER_CUP), ("0.5 cup, chopped", ML_PER_CUP / 2), ("2 tbsp", ML_PER_CUP / 8),
    ("1 fl oz", ML_PER_CUP / 8),
    ("1 quart", ML_PER_CUP * 4), ("1 cup (8 fl oz)", ML_PER_CUP), ("1 medium", None), ("1 cupcake", None),
    ("1 slice", None),
])
def test_which_measures_are_volumes(name: str, ml: float | None) -> None:
    assert measure_volume_ml(name) == (pytest.approx(ml) if ml else None)


@pytest.mark.parametrize("text, value", [
    ("2", 2), ("0.5", 0.5), ("1,5", 1.5), ("1/2", 0.5), ("1 1/2", 1.5), ("½", 0.5), ("1½", 1.5), ("2 ¼", 2.25),
    (" 3 ", 3), ("¾", 0.75), ("-1", -1), ("0", 0),
    ("abc", None), ("", None), ("1/0", None), ("1e3", None), ("NaN", None), ("inf", None), ("1.5 1/2", None),
    ("2½½", None), ("9" * 30, None),
])
def test_amounts_as_people_write_them(text: str, value: float | None) -> None:
    assert parse_amount(text) == value


def test_the_default_unit_is_hers_else_the_natural_one_for_her_units() -> None:
    milk, salmon = units_for(MILK), units_for(SALMON)
    assert default_unit(milk, "tbsp", "us", liquid=True).key == "tbsp"       # what she used last
    assert default_unit(milk, None, "us", "1 cup", liquid=True).key == "cup"
    assert default_unit(milk, None, "metric", "1 cup", liquid=True).key == "ml"
    assert default_unit(salmon, None, "us").key == "oz"
    assert default_unit(salmon, None, "metric").key == "g"
    assert default_unit(salmon, "cup", "us").key == "oz"        # a unit the food doesn't have is not offered
    assert round(units_for(SALMON)[1].grams, 6) == round(GRAMS_PER_OZ, 6)
    banana = units_for([("1 medium (7\" to 7-7/8\" long)", 118.0), ("1 cup, mashed", 225.0)])
    # A banana is counted: one of them, not a cup of mash, in either units.
    one = "1 medium (7\" to 7-7/8\" long)"
    assert default_unit(banana, None, "us", one).key == default_unit(banana, None, "metric", one).key == f"m:{one}"
    assert default_unit(units_for(BROCCOLI), None, "us", "1 cup chopped").key == "cup"   # as US labels say it
    assert default_unit(units_for(BROCCOLI), None, "metric", "1 cup chopped").key == "g"  # never 91 ml of broccoli


@pytest.mark.parametrize("description, group, liquid", [
    ("Milk, reduced fat, fluid, 2% milkfat, without added vitamin A and vitamin D", "Dairy and Egg Products", True),
    ("Orange juice, raw", "Fruits and Fruit Juices", True), ("Soup, tomato, canned, prepared", "Soups", True),
    ("Beverages, tea, black, brewed", "Beverages", True), ("Oil, olive, salad or cooking", "Fats and Oils", True),
    ("Yogurt, plain, whole milk", "Dairy and Egg Products", False),
    ("Milk, dry, nonfat, regular, without added vitamin A and vitamin D", "Dairy and Egg Products", False),
    ("Cereals, oats, regular and quick, not fortified, dry", "Breakfast Cereals", False),
    ("Butter, salted", "Dairy and Egg Products", False), ("Pancakes, buttermilk", "Baked Products", False),
    ("Beverages, coffee, instant, powder", "Beverages", False),
])
def test_what_pours(description: str, group: str, liquid: bool) -> None:
    assert is_liquid(description, group) is liquid


@pytest.mark.parametrize("measures, unit_system, expected", [
    ([("1 fruit (2-5/8\" dia)", 131.0), ("1 cup sections", 180.0)], "metric", "m:1 fruit (2-5/8\" dia)"),   # orange
    ([("1 cup", 81.0), ("1 tbsp", 5.0)], "metric", "g"),                                                     # oats
    ([("1 tbsp", 14.2), ("1 pat (1\" sq, 1/3\" high)", 5.0), ("1 cup", 227.0)], "metric", "g"),            # butter
    ([("1 container (6 oz)", 170.0), ("1 cup (8 fl oz)", 245.0)], "metric", "m:1 container (6 oz)"),       # yoghurt pot
    ([("1 large", 50.0), ("1 cup (4.86 large eggs)", 243.0)], "us", "m:1 large"),                            # an egg
    ([("3 oz", 85.0), ("1 fillet", 154.0)], "metric", "g"),                                                  # a weight
])
def test_a_solid_opens_in_grams_or_the_unit_she_counts(measures, unit_system, expected) -> None:
    assert default_unit(units_for(measures), None, unit_system, measures[0][0]).key == expected


@pytest.mark.parametrize("measures, expected", [
    ([("1 oz", 28.0), ("1 slice", 32.0)], "m:1 slice"),                                   # toast: a slice
    ([("1 oz", 28.35), ("1 cracker", 7.0), ("1 cup, crushed", 84.0)], "m:1 cracker"),     # a digestive biscuit
    ([("1 cup, quartered or chopped", 125.0), ("1 large (3-1/4\" dia)", 223.0), ("1 medium (3\" dia)", 182.0)],
     "m:1 medium (3\" dia)"),                                                            # an apple
    ([("1 oz", 28.35), ("10 twists", 60.0)], "g"),                                        # pretzels: no one of them
])
def test_bread_fruit_and_biscuits_open_in_the_one_she_counts(measures, expected) -> None:
    assert default_unit(units_for(measures), None, "metric", measures[0][0], counted=True).key == expected
