"""Close the gap: her own foods that bring a day up to target, never past an upper limit (no Flask)."""
import pytest

from app.guidance.amounts import Unit
from app.guidance.gaps import Candidate, close_the_gap, never_suggested

CUP = Unit("cup", "cup", 245)
OZ = Unit("oz", "oz", 28.35)
UPPER = {"calcium_mg": 2000, "vitamin_d_iu": 4000, "protein_g": None}


def food(name: str, calcium: float | None, vitamin_d: float | None = 0, protein: float = 0, unit: Unit = CUP,
         quantity: float = 1) -> Candidate:
    return Candidate(hash(name) % 1000, name, unit, quantity,
                     {"calcium_mg": calcium, "vitamin_d_iu": vitamin_d, "protein_g": protein})


def totals(calcium: float = 0, vitamin_d: float = 0, protein: float = 0) -> dict[str, float]:
    return {"calcium_mg": calcium, "vitamin_d_iu": vitamin_d, "protein_g": protein}


def test_one_cup_of_milk_closes_a_299_mg_gap_and_reads_as_she_would_say_it() -> None:
    milk = food("Milk", 299)
    (suggestion,) = close_the_gap("calcium_mg", totals(calcium=901), 1200, UPPER, [milk])
    assert (suggestion.helpings, suggestion.adds, suggestion.amount) == (1, 299, "1 cup")


def test_fewest_helpings_first_then_the_closest_fit_and_at_most_three() -> None:
    foods = [food("Yogurt", 311, quantity=6, unit=OZ), food("Milk", 299), food("Cheddar", 201, unit=OZ),
             food("Sardines", 351), food("Broccoli", 62)]
    found = close_the_gap("calcium_mg", totals(calcium=900), 1200, UPPER, foods)
    assert [s.candidate.name for s in found] == ["Yogurt", "Sardines", "Cheddar"]  # 311 and 351 in one; 2 × 201
    assert found[2].helpings == 2 and found[2].amount == "2 oz"
    assert "Broccoli" not in [s.candidate.name for s in found]  # it would take five helpings


def test_a_gap_wider_than_any_food_gets_the_foods_that_close_most_of_it() -> None:
    found = close_the_gap("calcium_mg", totals(calcium=299), 1200, UPPER,
                          [food("Broccoli", 62), food("Milk", 299), food("Cheddar", 201, unit=OZ)])
    assert [(s.candidate.name, s.helpings, s.adds) for s in found] == [
        ("Milk", 2, 598), ("Cheddar", 2, 402), ("Broccoli", 2, 124)]


def test_no_suggestion_past_an_upper_limit_nor_from_an_unknown_value() -> None:
    herring = food("Herring", 20, vitamin_d=450, unit=OZ, quantity=2)
    salmon = food("Salmon", 10, vitamin_d=600, unit=OZ, quantity=3)
    found = close_the_gap("vitamin_d_iu", totals(vitamin_d=3500), 4200, {**UPPER, "vitamin_d_iu": 4000},
                          [herring, salmon])
    # Two helpings of herring, or one of salmon, would take the day over 4,000 IU: one of herring is offered.
    assert [(s.candidate.name, s.helpings) for s in found] == [("Herring", 1)]
    assert close_the_gap("calcium_mg", totals(), 1200, UPPER, [food("Mystery", None)]) == []


def test_nothing_to_close_when_the_target_is_met() -> None:
    assert close_the_gap("protein_g", totals(protein=70), 64, UPPER, [food("Egg", 25, protein=6)]) == []


def test_an_unknown_value_of_a_limited_nutrient_is_not_taken_as_none() -> None:
    # Its calcium is known, its vitamin D isn't: the day might pass 4,000 IU with it, so it isn't suggested.
    assert close_the_gap("calcium_mg", totals(calcium=900), 1200, UPPER, [food("Kale", 180, vitamin_d=None)]) == []
    # With no upper limit on that nutrient (none is set), nothing is assumed either way.
    assert close_the_gap("calcium_mg", totals(calcium=900), 1200, {**UPPER, "vitamin_d_iu": None},
                         [food("Kale", 180, vitamin_d=None)])[0].helpings == 2


def test_a_suggestion_adds_a_tenth_of_the_gap_in_at_most_500_g() -> None:
    gram = Unit("g", "g", 1.0)
    tiny = food("Egg", 10, vitamin_d=44, unit=gram, quantity=50)            # 2 eggs add 20 mg of a 300 mg gap
    big_pot = food("Yoghurt", 200, vitamin_d=0, unit=gram, quantity=500)    # her usual 500 g pot, once only
    found = close_the_gap("calcium_mg", totals(calcium=900), 1200, UPPER, [tiny, big_pot])
    assert [(s.candidate.name, s.helpings, s.quantity) for s in found] == [("Yoghurt", 1, 500)]
    assert close_the_gap("vitamin_d_iu", totals(vitamin_d=0), 800, UPPER,
                         [food("Egg", 10, vitamin_d=39, unit=gram, quantity=50)]) == []   # 78 IU of an 800 IU gap
    assert close_the_gap("vitamin_d_iu", totals(vitamin_d=0), 800, UPPER,
                         [food("Egg", 10, vitamin_d=40, unit=gram, quantity=50)])[0].adds == 80   # a tenth


@pytest.mark.parametrize("name, never", [
    ("Cod liver oil", True), ("Fish oil, cod liver", True), ("Fish oil, salmon", True),
    ("Chicken, liver, all classes, cooked, simmered", True), ("Liverwurst spread", True),
    ("Beef, variety meats and by-products, liver, cooked, pan-fried", True),
    ("Milk, whole", False), ("Salmon, Atlantic, farmed, cooked", False), ("Sardines, canned in oil", False),
    ("Oliver's oat bread", False)])
def test_fish_liver_oils_and_liver_are_never_suggested(name: str, never: bool) -> None:
    assert never_suggested(name) is never
