"""The test forms: one result of a STEADI test (typed, or filled in by the page's timer), and a height."""
from typing import Any

from wtforms import BooleanField
from wtforms.validators import InputRequired, NumberRange, Optional, ValidationError

from app.forms import ChoiceRadioField, DatedForm, IsoDateField, NumberField, SubmissionIdField, WholeNumberField
from app.guidance.function import (
    BALANCE_STAGES,
    CHAIR_STAND_MAX,
    CM_PER_INCH,
    HEIGHT_MAX_CM,
    HEIGHT_MIN_CM,
    STAY_INDEPENDENT_ITEMS,
    TUG_MAX_SECONDS,
    FunctionTest,
    stay_independent_score,
)


class ResultForm(DatedForm):
    """The day of the test; each test's own fields are added by `result_form`."""
    taken_on = IsoDateField("Date of the test", validators=[InputRequired("Enter the day you did the test.")])
    submission_id = SubmissionIdField()

    def validate_taken_on(self, field: Any) -> None:
        self.check_past_date(field.data, "test date")

    def value(self) -> float:
        raise NotImplementedError

    def answers(self) -> list[str] | None:
        return None


class ChairStandForm(ResultForm):
    stands = WholeNumberField(
        "Full stands in 30 seconds", invalid_message="Enter the number of stands as a whole number, like 11.",
        validators=[InputRequired("Enter how many full stands you did."),
                    NumberRange(0, CHAIR_STAND_MAX, f"Enter a number from 0 to {CHAIR_STAND_MAX}.")],
        description="Count a stand that is over halfway up when the 30 seconds end.")
    used_arms = BooleanField("I had to use my arms to stand", description="Then the test scores 0, as the form says.")

    def value(self) -> float:
        return 0 if self.used_arms.data else float(self.stands.data)


class TimedUpAndGoForm(ResultForm):
    seconds = NumberField(
        "Seconds, from “go” to sitting down again", invalid_message="Enter the seconds as a number, like 11.5.",
        validators=[InputRequired("Enter how many seconds it took."),
                    NumberRange(0.1, TUG_MAX_SECONDS, f"Enter a time from 0.1 to {TUG_MAX_SECONDS:g} seconds.")])

    def value(self) -> float:
        return round(float(self.seconds.data), 1)


class BalanceForm(ResultForm):
    stage = ChoiceRadioField(
        "Stances held for the full 10 seconds",
        choices=[("0", "None: I could not hold feet side by side for 10 seconds")]
        + [(str(i), f"{i}: up to {name.lower()}") for i, (name, _) in enumerate(BALANCE_STAGES, 1)],
        validators=[InputRequired("Choose how many stances you held.")],
        description="The test stops at the first stance not held for 10 seconds.")

    def value(self) -> float:
        return float(self.stage.data)


class StayIndependentForm(ResultForm):
    def value(self) -> float:
        return float(stay_independent_score({key: True for key in self.answers()}))

    def answers(self) -> list[str]:
        return [key for key, _, _ in STAY_INDEPENDENT_ITEMS if getattr(self, key).data]

    @property
    def items(self) -> list[Any]:
        return [getattr(self, key) for key, _, _ in STAY_INDEPENDENT_ITEMS]


for _key, _text, _points in STAY_INDEPENDENT_ITEMS:
    setattr(StayIndependentForm, _key, BooleanField(_text, description=f"Yes scores {_points}."))

FORMS: dict[FunctionTest, type[ResultForm]] = {
    FunctionTest.CHAIR_STAND: ChairStandForm,
    FunctionTest.TIMED_UP_AND_GO: TimedUpAndGoForm,
    FunctionTest.BALANCE: BalanceForm,
    FunctionTest.STAY_INDEPENDENT: StayIndependentForm,
}


class HeightForm(DatedForm):
    """A measured height in her units, and (once) the tallest height she remembers as a young adult."""
    measured_on = IsoDateField("Date measured", validators=[Optional()])
    height = NumberField("Height today", invalid_message="Enter your height as a number, like 162.5.",
                         validators=[Optional()])
    young_adult = NumberField("Tallest height you remember as a young adult",
                              invalid_message="Enter the height as a number, like 165.", validators=[Optional()],
                              description="About age 20 to 25: a driving licence or passport may say it.")
    submission_id = SubmissionIdField()

    def __init__(self, *args: Any, unit: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.unit = unit

    def validate_measured_on(self, field: Any) -> None:
        if field.data is not None:
            self.check_past_date(field.data, "date measured")
        elif self.height.data is not None:
            raise ValidationError("Enter the day it was measured.")

    def validate_height(self, field: Any) -> None:
        if field.data is None and self.young_adult.data is None:
            raise ValidationError("Enter a height, or the tallest height you remember.")
        self._in_range(field)

    def validate_young_adult(self, field: Any) -> None:
        self._in_range(field)

    def _in_range(self, field: Any) -> None:
        if field.data is None:
            return
        cm = self.to_cm(float(field.data))
        if not HEIGHT_MIN_CM <= cm <= HEIGHT_MAX_CM:
            low, high = ((HEIGHT_MIN_CM / CM_PER_INCH, HEIGHT_MAX_CM / CM_PER_INCH) if self.unit == "in"
                         else (HEIGHT_MIN_CM, HEIGHT_MAX_CM))
            raise ValidationError(f"Enter a height from {low:.0f} to {high:.0f} {self.unit}.")

    def to_cm(self, value: float) -> float:
        return round(value * CM_PER_INCH, 1) if self.unit == "in" else round(value, 1)

    def from_cm(self, cm: float) -> float:
        return round(cm / CM_PER_INCH, 1) if self.unit == "in" else cm
