"""Close the gap: her own foods that bring a day up to target, never past an upper limit (no Flask)."""
from app.guidance.amounts import Unit
from app.guidance.gaps import Candidate, close_the_gap

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
    cod_liver_oil = food("Cod liver oil", 0, vitamin_d=450, quantity=1)
    salmon = food("Salmon", 10, vitamin_d=600, unit=OZ, quantity=3)
    found = close_the_gap("vitamin_d_iu", totals(vitamin_d=3500), 4200, {**UPPER, "vitamin_d_iu": 4000},
                          [cod_liver_oil, salmon])
    # Two helpings of cod liver oil, or one of salmon, would take the day over 4,000 IU: one of the oil is offered.
    assert [(s.candidate.name, s.helpings) for s in found] == [("Cod liver oil", 1)]
    assert close_the_gap("calcium_mg", totals(), 1200, UPPER, [food("Mystery", None)]) == []


def test_nothing_to_close_when_the_target_is_met() -> None:
    assert close_the_gap("protein_g", totals(protein=70), 64, UPPER, [food("Egg", 25, protein=6)]) == []
