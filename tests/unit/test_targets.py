"""Daily nutrition targets at every boundary of the guidance README's table: no app, no database."""
from datetime import date

import pytest

from app.guidance.diagnosis import Category
from app.guidance.nutrition import (
    calcium_mg_from_dv,
    dose_advice,
    doses_a_day,
    for_grams,
    per_100g,
    protein_g_from_dv,
    should_split_calcium_dose,
    vitamin_d_iu_from_dv,
)
from app.guidance.targets import MemberFacts, daily_nutrition_targets
from app.guidance.units import lb_to_kg
from app.nutrition.foods import search_text
from app.nutrition.words import plain_words

ON = date(2026, 6, 1)


def born_aged(age: int) -> date:
    """A birthday that makes her exactly `age` on ON."""
    return date(ON.year - age, ON.month, ON.day)


def targets(age: int | None, sex: str | None = "female", weight_kg: float | None = 60.0,
            category: Category | None = None):
    return daily_nutrition_targets(MemberFacts(born_aged(age) if age is not None else None, sex, weight_kg,
                                               category), ON)


@pytest.mark.parametrize("age, sex, calcium, limit", [
    (50, "female", 1000, 2500), (51, "female", 1200, 2000), (80, "female", 1200, 2000),
    (50, "male", 1000, 2500), (51, "male", 1000, 2000), (70, "male", 1000, 2000), (71, "male", 1200, 2000),
])
def test_calcium_and_its_upper_limit(age: int, sex: str, calcium: int, limit: int) -> None:
    t = targets(age, sex)
    assert (t.calcium_mg.value, t.calcium_ul_mg.value) == (calcium, limit)
    assert t.calcium_mg.sources[0].short == "NAM 2011"


def test_age_is_counted_at_the_day_judged() -> None:
    facts = MemberFacts(date(1975, 6, 2), "female", 60.0)
    assert daily_nutrition_targets(facts, date(2026, 6, 1)).calcium_mg.value == 1000  # 50, birthday tomorrow
    assert daily_nutrition_targets(facts, date(2026, 6, 2)).calcium_mg.value == 1200  # 51 today


@pytest.mark.parametrize("age, vitamin_d", [(49, 600), (50, 800), (71, 800)])
def test_vitamin_d_and_upper_limit(age: int, vitamin_d: int) -> None:
    t = targets(age)
    assert t.vitamin_d_iu.value == vitamin_d and t.vitamin_d_ul_iu.value == 4000


@pytest.mark.parametrize("age, category, per_kg", [
    (64, None, 0.8), (64, Category.NORMAL, 0.8), (65, None, 1.0), (64, Category.OSTEOPENIA, 1.0),
    (40, Category.OSTEOPOROSIS, 1.0),
])
def test_protein_per_kg(age: int, category: Category | None, per_kg: float) -> None:
    t = targets(age, weight_kg=70.0, category=category)
    assert t.protein_g.value == round(70 * per_kg)
    assert t.protein_upper_g.value == 84  # 1.2 g/kg, the upper end of the range


def test_protein_from_weight_entered_in_pounds() -> None:
    assert targets(70, weight_kg=lb_to_kg(150)).protein_g.value == 68  # 150 lb = 68.04 kg × 1.0


def test_missing_profile_fields_leave_targets_open() -> None:
    t = daily_nutrition_targets(MemberFacts(None, None, None), ON)
    assert (t.calcium_mg, t.vitamin_d_iu, t.protein_g) == (None, None, None) and not t.complete
    assert t.vitamin_d_ul_iu.value == 4000
    assert targets(60, sex=None).calcium_mg is None  # 51+ needs her sex


@pytest.mark.parametrize("convert, percent, value", [
    (calcium_mg_from_dv, 25, 325), (calcium_mg_from_dv, 100, 1300),
    (vitamin_d_iu_from_dv, 10, 80), (vitamin_d_iu_from_dv, 100, 800),
    (protein_g_from_dv, 16, 8), (protein_g_from_dv, 100, 50),
])
def test_percent_daily_value_to_real_units(convert, percent: float, value: float) -> None:
    assert convert(percent) == pytest.approx(value)


def test_per_serving_and_per_100g() -> None:
    assert per_100g(300, 240) == pytest.approx(125)
    milk = for_grams(122, 47, 3.37, 245)  # SR28 01085, 1 cup: NIH ODS lists 299 mg
    assert round(milk.calcium_mg) == 299 and milk.vitamin_d_iu == pytest.approx(115.15)
    assert for_grams(631, None, 16.54, 28.35).vitamin_d_iu is None  # not reported stays unknown


@pytest.mark.parametrize("mg, split", [(500, False), (501, True), (1200, True)])
def test_calcium_single_dose_split_advice(mg: float, split: bool) -> None:
    assert should_split_calcium_dose(mg) is split


def test_plain_words_fold_case_accents_and_punctuation() -> None:
    assert plain_words("Crème fraîche, 2% — Milk") == ["creme", "fraiche", "2", "milk"]
    assert search_text("Milk, whole (3.25%)") == " milk whole 3 25"


@pytest.mark.parametrize("per_day, per_dose, doses", [
    (2, 1, [1, 1]), (1, 1, [1]), (3, 2, [2, 1]), (0.5, 1, [0.5]), (2.5, 1, [1, 1, 0.5]), (2, 2, [2]), (4, 0, [4]),
])
def test_usually_2_a_day_is_two_doses(per_day, per_dose, doses) -> None:
    assert doses_a_day(per_day, per_dose) == doses


def test_the_split_advice_is_for_a_single_dose_above_500_mg() -> None:
    assert dose_advice(600, 1) is not None and "take them at different times" not in dose_advice(600, 1)
    assert "take them at different times" in dose_advice(300, 2)   # 600 mg at one time, two tablets
    assert dose_advice(250, 2) is None and dose_advice(500, 1) is None   # 500 mg at once: fine
