"""Food log, custom food, supplement and copy-meal forms."""
from decimal import Decimal
from typing import Any

from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from app.forms import (
    ChoiceRadioField,
    ChoiceSelectField,
    DatedForm,
    IsoDateField,
    NumberField,
    SubmissionIdField,
    plain_text,
    strip_whitespace,
)
from app.guidance.alcohol import DRINK_SIZES, MAX_DRINKS_PER_ENTRY
from app.guidance.amounts import Unit, parse_amount
from app.guidance.nutrition import (
    MAX_CALCIUM_MG_PER_SERVING,
    MAX_PROTEIN_G_PER_SERVING,
    MAX_VITAMIN_D_IU_PER_SERVING,
    calcium_mg_from_dv,
    protein_g_from_dv,
    vitamin_d_iu_from_dv,
)
from app.guidance.units import vitamin_d_ug_to_iu
from app.nutrition.models import MEALS, OWN_NAME_MAX, SUPPLEMENT_KINDS, Food
from app.nutrition.rules import AMOUNT_NUMBER, CHOOSE_SERVING, MAX_GRAMS, amount_problem


class FoodLogForm(DatedForm):
    food_id = HiddenField()
    submission_id = SubmissionIdField()
    log_date = IsoDateField("Date", validators=[InputRequired("Enter the date.")])
    meal = ChoiceSelectField("Meal", choices=list(MEALS.items()), default="breakfast")
    amount = StringField("Amount", filters=[strip_whitespace], validators=[InputRequired("Enter how much you had.")],
                         render_kw={"inputmode": "decimal", "autocomplete": "off"})
    unit = SelectField("Unit", validate_choice=False)

    def __init__(self, *args: Any, food: Food, units: list[Unit], default: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.food = food
        self.units = {u.key: u for u in units}
        self.unit.choices = [SelectChoice(u.key, u.label, render_kw={"data-grams": f"{u.grams:.4f}"}) for u in units]
        if not self.unit.data:
            self.unit.data = default.key

    def validate_log_date(self, field: Any) -> None:
        self.check_past_date(field.data, "date")

    def validate_unit(self, field: Any) -> None:
        if field.data not in self.units:
            raise ValidationError(CHOOSE_SERVING)

    def validate_amount(self, field: Any) -> None:
        quantity = parse_amount(field.data or "")
        if quantity is None:
            raise ValidationError(AMOUNT_NUMBER)
        unit = self.units.get(self.unit.data)
        problem = amount_problem(quantity, quantity * (unit.grams if unit else 1))
        if problem:
            raise ValidationError(problem)

    @property
    def quantity(self) -> float:
        return parse_amount(self.amount.data or "") or 0.0

    @property
    def chosen_unit(self) -> Unit:
        return self.units[self.unit.data]


# Typing-error guards for one serving (product bounds, not dietary figures).
MAX_MINERAL_MG_PER_SERVING = 10_000
MAX_KCAL_PER_SERVING = 10_000


def nutrient_value(label: str, invalid: str) -> NumberField:
    return NumberField(label, invalid_message=invalid, places=None,
                       validators=[Optional(), NumberRange(min=0, message="Enter zero or more.")])


class _NutrientsForm(FlaskForm):
    """Amounts per serving, each in real units or as % Daily Value from a US Nutrition Facts label."""
    calcium = nutrient_value("Calcium", "Enter calcium as a number, like 300.")
    calcium_unit = ChoiceSelectField("Calcium unit", choices=[("mg", "mg"), ("dv", "% Daily Value")], default="mg")
    vitamin_d = nutrient_value("Vitamin D", "Enter vitamin D as a number, like 100.")
    vitamin_d_unit = ChoiceSelectField("Vitamin D unit", choices=[("IU", "IU"), ("ug", "µg"), ("dv", "% Daily Value")],
                                       default="IU")
    protein = nutrient_value("Protein", "Enter protein as a number, like 8.")
    protein_unit = ChoiceSelectField("Protein unit", choices=[("g", "g"), ("dv", "% Daily Value")], default="g")

    def calcium_mg(self) -> float:
        value = float(self.calcium.data or 0)
        return calcium_mg_from_dv(value) if self.calcium_unit.data == "dv" else value

    def vitamin_d_iu(self) -> float | None:
        if self.vitamin_d.data is None:
            return None
        value = float(self.vitamin_d.data)
        return {"dv": vitamin_d_iu_from_dv, "ug": vitamin_d_ug_to_iu}.get(self.vitamin_d_unit.data, float)(value)

    def protein_g(self) -> float:
        value = float(self.protein.data or 0)
        return protein_g_from_dv(value) if self.protein_unit.data == "dv" else value

    def check_bounds(self) -> bool:
        ok = True
        for field, value, limit, unit in (
                (self.calcium, self.calcium_mg(), MAX_CALCIUM_MG_PER_SERVING, "mg of calcium"),
                (self.vitamin_d, self.vitamin_d_iu(), MAX_VITAMIN_D_IU_PER_SERVING, "IU of vitamin D"),
                (self.protein, self.protein_g(), MAX_PROTEIN_G_PER_SERVING, "g of protein")):
            if value is not None and value > limit and not field.errors:
                field.errors = list(field.errors) + [f"That is more than {limit:,} {unit}: check the label."]
                ok = False
        return ok


class CustomFoodForm(_NutrientsForm):
    name = StringField("Food name", filters=[strip_whitespace],
                       validators=[DataRequired("Give the food a name."), plain_text,
                                   Length(max=OWN_NAME_MAX, message=f"Use at most {OWN_NAME_MAX} characters.")])
    serving_name = StringField("Serving", filters=[strip_whitespace], default="1 serving",
                               validators=[DataRequired("Describe the serving, like 1 cup."), plain_text,
                                           Length(max=80, message="Use at most 80 characters.")],
                               description="As the label says, e.g. “1 cup” or “2 biscuits”.")
    serving_g = NumberField("Serving weight (g)", invalid_message="Enter the weight in grams, like 240.", places=None,
                            validators=[InputRequired("Enter the serving weight in grams from the label."),
                                        NumberRange(min=Decimal("0.1"), max=MAX_GRAMS,
                                                    message=f"Enter between 0.1 and {MAX_GRAMS:,} g.")])

    # Also on many labels; optional, shown and not scored (the guidance sets no target for them).
    magnesium = nutrient_value("Magnesium (mg)", "Enter magnesium in mg, like 40.")
    potassium = nutrient_value("Potassium (mg)", "Enter potassium in mg, like 350.")
    energy = nutrient_value("Energy (kcal)", "Enter energy in kcal (Calories), like 150.")

    def validate(self, extra_validators: Any = None) -> bool:
        ok = super().validate(extra_validators) and self.check_bounds()
        for field, limit, unit in ((self.magnesium, MAX_MINERAL_MG_PER_SERVING, "mg"),
                                   (self.potassium, MAX_MINERAL_MG_PER_SERVING, "mg"),
                                   (self.energy, MAX_KCAL_PER_SERVING, "kcal")):
            if field.data is not None and field.data > limit and not field.errors:
                field.errors = list(field.errors) + [f"That is more than {limit:,} {unit}: check the label."]
                ok = False
        return ok


class SupplementForm(_NutrientsForm):
    kind = ChoiceSelectField("Kind", choices=list(SUPPLEMENT_KINDS.items()))
    name = StringField("Name", filters=[strip_whitespace],
                       validators=[DataRequired("Give it a name, like the one on the bottle."), plain_text,
                                   Length(max=OWN_NAME_MAX, message=f"Use at most {OWN_NAME_MAX} characters.")])
    unit_name = StringField("Unit", filters=[strip_whitespace], default="tablet",
                            validators=[DataRequired("Say what one unit is: tablet, capsule, scoop…"), plain_text,
                                        Length(max=30, message="Use at most 30 characters.")])
    usual_quantity = NumberField("Usual number a day", invalid_message="Enter a number, like 1.", places=None,
                                 default=Decimal("1"),
                                 validators=[InputRequired("Enter how many you usually take."),
                                             NumberRange(min=Decimal("0.25"), max=20,
                                                         message="Enter between 0.25 and 20.")])
    per_dose = NumberField("How many at one time", invalid_message="Enter a number, like 1.", places=None,
                           default=Decimal("1"),
                           description="A dose is what you take at one time: 2 a day, 1 at a time, is two doses.",
                           validators=[InputRequired("Enter how many you take at one time."),
                                       NumberRange(min=Decimal("0.25"), max=20, message="Enter between 0.25 and 20.")])

    def validate(self, extra_validators: Any = None) -> bool:
        ok = super().validate(extra_validators) and self.check_bounds()
        if ok and self.per_dose.data > self.usual_quantity.data:
            self.per_dose.errors = [*self.per_dose.errors, "That is more than you take in a day: "
                                    "enter no more than the number a day."]
            return False
        return ok


class TakeForm(DatedForm):
    """One tap: her next dose on this day (from 1900 to her today), or each dose she has still to log ("all")."""
    log_date = IsoDateField("Date", validators=[InputRequired("Enter the date.")])
    doses = ChoiceSelectField("Doses", choices=[("next", "next"), ("all", "all")], default="next",
                              validators=[Optional()])

    def validate_log_date(self, field: Any) -> None:
        self.check_past_date(field.data, "day")


class CopyMealForm(DatedForm):
    from_date = IsoDateField("From the day", validators=[InputRequired("Choose the day to copy from.")])
    meal = ChoiceSelectField("Meal", choices=list(MEALS.items()))

    def validate_from_date(self, field: Any) -> None:
        self.check_past_date(field.data, "day to copy from")


class AlcoholForm(FlaskForm):
    """Drinks on the day page's date: how many, and which size she counts in."""
    submission_id = SubmissionIdField()
    drinks = NumberField("How many drinks", invalid_message="Enter the number of drinks, like 1 or 1.5.",
                         validators=[InputRequired("Enter how many drinks you had.")])
    drink_size = ChoiceRadioField("Counted as", choices=[(s.key, s.label) for s in DRINK_SIZES.values()],
                                  default="us")

    def validate_drinks(self, field: Any) -> None:
        if field.data is not None and not Decimal("0.1") <= field.data <= MAX_DRINKS_PER_ENTRY:
            raise ValidationError(f"Enter a number from 0.1 to {MAX_DRINKS_PER_ENTRY}.")


class SaveMealForm(FlaskForm):
    """Save what she logged for one meal of a day under a name ("my usual breakfast")."""
    name = StringField("Name", filters=[strip_whitespace],
                       validators=[InputRequired("Give the meal a name, like “my usual breakfast”."), plain_text,
                                   Length(max=OWN_NAME_MAX, message=f"Keep the name to {OWN_NAME_MAX} characters.")])
    meal = ChoiceSelectField("Meal", choices=list(MEALS.items()))
    submission_id = SubmissionIdField()


class LogSavedMealForm(DatedForm):
    log_date = IsoDateField("Date", validators=[InputRequired("Enter the date.")])
    meal = ChoiceSelectField("Meal", choices=list(MEALS.items()))

    def validate_log_date(self, field: Any) -> None:
        self.check_past_date(field.data, "date")


class SavedMealForm(FlaskForm):
    """A saved meal's name, usual meal, and whether it is a recipe (logged as one item) with its servings."""
    name = StringField("Name", filters=[strip_whitespace],
                       validators=[InputRequired("Give it a name, like “porridge made with milk”."), plain_text,
                                   Length(max=OWN_NAME_MAX, message=f"Keep the name to {OWN_NAME_MAX} characters.")])
    meal = ChoiceSelectField("Usually at", choices=list(MEALS.items()))
    recipe = ChoiceRadioField("Log it as", choices=[("meal", "each of its foods"),
                                                    ("recipe", "one item, a recipe with servings")], default="meal")
    servings = NumberField("Servings it makes", invalid_message="Enter the number of servings, like 1 or 4.",
                           validators=[Optional(), NumberRange(min=Decimal("0.5"), max=100,
                                                               message="Enter between 0.5 and 100 servings.")])

    def validate_servings(self, field: Any) -> None:
        if self.recipe.data == "recipe" and field.data is None:
            raise ValidationError("Enter how many servings the recipe makes.")
