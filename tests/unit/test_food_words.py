"""How what she types becomes a search: cooking words as a preference, variants only when typed (no database)."""
import pytest

from app.guidance.regions import about_dairy, country_of, fortifies_milk, is_fortified
from app.nutrition.words import FORM_RULES, main_parts, parse_query


def test_a_cooking_word_chooses_the_method_instead_of_being_a_required_word() -> None:
    query = parse_query("baked salmon")
    assert [[w.starts[0] for w in alt] for term in query.terms for alt in term.alternatives] == [["salmon"]]
    assert query.methods[:2] == ("baked", "dry heat")
    assert parse_query("grilled chicken breast").methods[0] == "grilled"
    # A name that holds a cooking word stays a name: baked beans are not beans baked some way.
    assert parse_query("baked beans").methods == () and parse_query("fried egg").methods == ()
    # A cooking word alone is what she is looking for.
    assert parse_query("fried").methods == ()


@pytest.mark.parametrize("typed, rule_words, counts", [
    ("digestive biscuits", {"chocolate"}, True),         # the chocolate-coated one ranks after the plain one
    ("chocolate digestive", {"chocolate"}, False),       # unless she asks for it
    ("boiled potatoes", {"skin"}, True),
    ("potato skins", {"skin"}, False),
    ("salmon", {"canned"}, True),
    ("tinned salmon", {"canned"}, False),                 # "tinned" is "canned" in USDA's words
])
def test_a_variant_counts_against_a_food_only_when_she_did_not_type_it(typed: str, rule_words: set[str],
                                                                      counts: bool) -> None:
    rules = [rule for rule in FORM_RULES if rule_words <= rule.words]
    assert rules and all((rule in parse_query(typed).form_rules()) is counts for rule in rules)


def test_cured_meat_is_named_by_what_it_is() -> None:
    assert main_parts("Pork, cured, bacon, cooked, baked")[0] == "bacon"
    assert main_parts("Pork, cured, ham, boneless, regular, roasted")[0] == "ham"
    assert main_parts("Pork, fresh, loin, whole, separable lean only, cooked, broiled")[0] == "pork"


@pytest.mark.parametrize("timezone, country, fortified", [
    ("Europe/London", "GB", False), ("Europe/Dublin", "IE", False), ("Australia/Sydney", "AU", False),
    ("America/New_York", "US", True), ("America/Toronto", "CA", True), ("UTC", None, True),
])
def test_her_country_from_her_time_zone_picks_the_milk(timezone: str, country: str | None, fortified: bool) -> None:
    assert country_of(timezone) == country and fortifies_milk(country) is fortified


@pytest.mark.parametrize("description, fortified", [
    ("Milk, reduced fat, fluid, 2% milkfat, with added vitamin A and vitamin D", True),
    ("Milk, reduced fat, fluid, 2% milkfat, without added vitamin A and vitamin D", False),
    ("Yogurt, fruit, low fat, 9 grams protein per 8 ounce, fortified with vitamin D", True),
    ("Milk, canned, evaporated, with added vitamin D and without added vitamin A", True),
    ("Milk, dry, whole, without added vitamin D", False),
    ("Milk, lowfat, fluid, 1% milkfat, with added nonfat milk solids, vitamin A and vitamin D", True),
    ("Milk, reduced fat, fluid, 2% milkfat, with added nonfat milk solids, without added vitamin A", False),
    ("Milk, fluid, nonfat, calcium fortified (fat free or skim)", True),
    ("Cheese, cheddar", False),
])
def test_which_usda_rows_have_vitamin_d_added(description: str, fortified: bool) -> None:
    assert is_fortified(description) is fortified


def test_milk_yoghurt_and_cheese_words_are_dairy() -> None:
    assert about_dairy(("milk",)) and about_dairy(("yogurt", "greek")) and not about_dairy(("salmon",))
