"""Profile and bone-health record forms: input shape only."""
from decimal import Decimal
from typing import Any

from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from app.auth.models import DISPLAY_NAME_MAX
from app.forms import (
    ChoiceRadioField,
    ChoiceSelectField,
    DatedForm,
    IsoDateField,
    NumberField,
    plain_text,
    strip_whitespace,
)
from app.guidance.calendar import is_valid_timezone, resolve_timezone
from app.guidance.diagnosis import SITE_LABELS, T_SCORE_MAX, T_SCORE_MIN
from app.guidance.regions import countries
from app.guidance.risk import ANSWER_LABELS, ANSWERS, FactorState
from app.guidance.units import kg_to_lb, weight_to_kg
from app.profile.services import FRACTURE_SITES, MEDICATION_NAME_MAX, WEIGHT_KG_MAX, WEIGHT_KG_MIN

YES_NO = [("yes", "Yes"), ("no", "No")]
WEIGHT_RANGE_MESSAGE = (f"Enter a weight between {WEIGHT_KG_MIN:g} and {WEIGHT_KG_MAX:g} kg "
                        f"({kg_to_lb(WEIGHT_KG_MIN):.0f} and {kg_to_lb(WEIGHT_KG_MAX):.0f} lb).")


def display_name_field() -> StringField:
    return StringField(
        "Your name",
        validators=[DataRequired("Enter the name we should call you."), plain_text,
                    Length(max=DISPLAY_NAME_MAX, message=f"Use at most {DISPLAY_NAME_MAX} characters.")],
        filters=[strip_whitespace],
        render_kw={"autocomplete": "name"},
    )


def _as_zone(value: str | None) -> str | None:
    """A city or a zone name in any case becomes the zone's own name; anything else is kept to be refused."""
    return (resolve_timezone(value) or value) if value else value


def timezone_field() -> StringField:
    return StringField(
        "Time zone",
        validators=[DataRequired("Enter your time zone: a city such as Chicago or London.")],
        filters=[strip_whitespace, _as_zone],
        description="Decides what \"today\" is and where your weeks start. Start typing your city (or the "
                    "nearest big one in your time zone) and pick it from the list.",
        render_kw={"list": "timezones", "autocomplete": "off", "spellcheck": "false"},
    )


def validate_timezone_name(form: Any, field: Any) -> None:
    if field.data and not is_valid_timezone(field.data.strip()):
        raise ValidationError("We don't know that place as a time zone. Type a nearby big city, like Chicago, "
                              "Denver or London, and pick it from the list.")


class AccountForm(FlaskForm):
    """Name and time zone: what every account has."""
    display_name = display_name_field()
    timezone = timezone_field()

    def validate_timezone(self, field: Any) -> None:
        validate_timezone_name(self, field)


class ProfileForm(DatedForm):
    display_name = display_name_field()
    date_of_birth = IsoDateField("Date of birth", validators=[InputRequired("Enter your date of birth.")],
                                 render_kw={"autocomplete": "bday"})
    sex = ChoiceRadioField("Sex", choices=[("female", "Female"), ("male", "Male")],
                           validators=[InputRequired("Choose female or male.")],
                           description="Used only to pick your calcium target (NAM 2011).")
    weight = NumberField("Body weight", invalid_message="Enter your weight as a number, like 62.5.",
                         validators=[InputRequired("Enter your body weight.")],
                         description="In kg with metric units, in lb with US units. Used for your protein target "
                                     "(grams per kg of body weight). A new weight counts from today; the days "
                                     "before keep the weight they were judged with.")
    unit_system = ChoiceRadioField("Units", choices=[("metric", "Metric (kg, g)"), ("us", "US (lb, oz)")],
                                   default="metric", description="Your weight below is in these units too.")
    vitamin_d_unit = ChoiceRadioField("Vitamin D unit", choices=[("IU", "IU"), ("ug", "µg (micrograms)")],
                                      default="IU", description="1 µg of vitamin D = 40 IU.")
    timezone = timezone_field()
    country = ChoiceSelectField(
        "Country", choices=[("", "Not set (US food values)")] + list(countries().items()), validators=[Optional()],
        description="Picks the milk, yoghurt and cheese you find first: outside the US and Canada, milk is "
                    "usually not fortified with vitamin D. Set from your time zone; change it if it's wrong.")

    @property
    def weight_unit(self) -> str:
        """Her weight is in the units she chose (asked once): pounds with US units, else kilograms."""
        return "lb" if self.unit_system.data == "us" else "kg"

    def validate_date_of_birth(self, field: Any) -> None:
        self.check_past_date(field.data, "date of birth")

    def validate_timezone(self, field: Any) -> None:
        validate_timezone_name(self, field)

    def validate_weight(self, field: Any) -> None:
        if field.data is None:
            return
        kg = weight_to_kg(float(field.data), self.weight_unit)
        if not WEIGHT_KG_MIN <= kg <= WEIGHT_KG_MAX:
            raise ValidationError(WEIGHT_RANGE_MESSAGE)


class DxaForm(DatedForm):
    scan_date = IsoDateField("Scan date", validators=[InputRequired("Enter the date of the scan.")])
    site = ChoiceSelectField("Site", choices=[(s.value, label) for s, label in SITE_LABELS.items()])
    t_score = NumberField(
        "T-score",
        invalid_message="Enter the T-score as a number, like -1.8.",
        inputmode=None,  # the full keyboard: iOS's decimal pad has no minus sign
        validators=[InputRequired("Enter the T-score from your DXA report."),
                    NumberRange(T_SCORE_MIN, T_SCORE_MAX,
                                f"Enter a T-score between {T_SCORE_MIN:+.1f} and {T_SCORE_MAX:+.1f}.")],
        description="As printed on your DXA report, e.g. -2.1. Use one decimal place.",
    )

    def validate_scan_date(self, field: Any) -> None:
        self.check_past_date(field.data, "scan date")

    def validate_t_score(self, field: Any) -> None:
        if field.data is not None and field.data != field.data.quantize(Decimal("0.1")):
            raise ValidationError("Use at most one decimal place, like -1.8.")


def t_score_field(label: str, required: bool) -> NumberField:
    first = InputRequired("Enter the T-score from your DXA report.") if required else Optional()
    return NumberField(
        label, invalid_message="Enter the T-score as a number, like -1.8.",
        inputmode=None,  # the full keyboard: iOS's decimal pad has no minus sign
        validators=[first, NumberRange(T_SCORE_MIN, T_SCORE_MAX,
                                       f"Enter a T-score between {T_SCORE_MIN:+.1f} and {T_SCORE_MAX:+.1f}.")])


def one_decimal(field: Any) -> None:
    if field.data is not None and field.data != field.data.quantize(Decimal("0.1")):
        raise ValidationError("Use at most one decimal place, like -1.8.")


class DxaScanForm(DatedForm):
    """One scan report: its date and the T-score of each site it lists (up to four), on one form."""
    scan_date = IsoDateField("Scan date", validators=[InputRequired("Enter the date of the scan.")])
    lumbar_spine = t_score_field("Lumbar spine T-score", required=False)
    total_hip = t_score_field("Total hip T-score", required=False)
    femoral_neck = t_score_field("Femoral neck T-score", required=False)
    radius_33 = t_score_field("One-third radius T-score", required=False)
    SITE_FIELDS = tuple(s.value for s in SITE_LABELS)

    def validate_scan_date(self, field: Any) -> None:
        self.check_past_date(field.data, "scan date")

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        for name in self.SITE_FIELDS:
            field = getattr(self, name)
            if not field.errors:
                try:
                    one_decimal(field)
                except ValidationError as error:
                    field.errors = [str(error)]
                    valid = False
        if not any(getattr(self, n).data is not None or getattr(self, n).errors for n in self.SITE_FIELDS):
            self.lumbar_spine.errors = ["Enter at least one T-score from the report."]
            valid = False
        return valid

    @property
    def readings(self) -> list[tuple[str, Decimal]]:
        return [(n, getattr(self, n).data) for n in self.SITE_FIELDS if getattr(self, n).data is not None]


class FractureForm(DatedForm):
    fracture_date = IsoDateField("Date of the fracture", validators=[InputRequired("Enter when it happened.")],
                                 description="If you only know the year, use 1 January of that year.")
    site = ChoiceSelectField("Where", choices=list(FRACTURE_SITES.items()))
    vertebral = ChoiceRadioField("Was it a vertebral (spine) fracture?", choices=YES_NO,
                                 validators=[InputRequired("Choose yes or no.")])
    low_trauma = ChoiceRadioField(
        "Was it a low-trauma fracture?", choices=YES_NO, validators=[InputRequired("Choose yes or no.")],
        description="Low trauma: a fall from standing height or less, or a break with no fall at all.",
    )

    def validate_fracture_date(self, field: Any) -> None:
        self.check_past_date(field.data, "fracture date")

    def validate_vertebral(self, field: Any) -> None:
        if self.site.data == "spine" and field.data == "no":
            raise ValidationError("A spine fracture is a vertebral fracture: choose yes, or pick another site.")
        if self.site.data not in ("spine", None) and field.data == "yes":
            raise ValidationError("Only a spine fracture is vertebral: choose no, or pick Spine as the site.")


FALL_WHAT_MAX = 200


class FallForm(DatedForm):
    """A fall: when, what happened in a few words, whether she was hurt and whether a bone broke."""
    fall_date = IsoDateField("Date of the fall", validators=[InputRequired("Enter when it happened.")])
    what_happened = StringField(
        "What happened, in a few words",
        validators=[DataRequired("Say in a few words what happened, like “tripped on the kerb”."), plain_text,
                    Length(max=FALL_WHAT_MAX, message=f"Use at most {FALL_WHAT_MAX} characters.")],
        filters=[strip_whitespace], render_kw={"autocomplete": "off"})
    injured = ChoiceRadioField("Were you hurt?", choices=YES_NO, validators=[InputRequired("Choose yes or no.")])
    fracture = ChoiceRadioField("Did a bone break?", choices=YES_NO, validators=[InputRequired("Choose yes or no.")],
                                description="If yes, the fracture form opens next, so it counts in your record.")

    def validate_fall_date(self, field: Any) -> None:
        self.check_past_date(field.data, "fall date")


class MedicationForm(DatedForm):
    name = StringField(
        "Medicine",
        validators=[DataRequired("Enter the medicine's name."), plain_text,
                    Length(max=MEDICATION_NAME_MAX, message=f"Use at most {MEDICATION_NAME_MAX} characters.")],
        filters=[strip_whitespace],
        description="Pick from the list or type the name on the box.",
        render_kw={"list": "medication-names", "autocomplete": "off"},
    )
    start_date = IsoDateField("Started", validators=[Optional()])
    stop_date = IsoDateField("Stopped", validators=[Optional()], description="Leave empty if you still take it.")

    def validate_start_date(self, field: Any) -> None:
        self.check_past_date(field.data, "start date")

    def validate_stop_date(self, field: Any) -> None:
        self.check_past_date(field.data, "stop date")
        if field.data and self.start_date.data and field.data < self.start_date.data:
            raise ValidationError("The stop date can't be before the start date.")


class AnswerRadioField(ChoiceRadioField):
    """Yes / No / Not sure, or left unanswered (not every question fits everyone)."""

    def process_data(self, value: Any) -> None:
        self.data = value if value in ANSWERS else None

    def pre_validate(self, form: Any) -> None:
        if self.data in (None, ""):
            self.data = None
            return
        super().pre_validate(form)


def risk_factor_form(states: list[FactorState], answers: dict[str, str], **kwargs: Any) -> FlaskForm:
    """One question for each risk factor Ossify can't fill in for her, with her saved answer."""

    class RiskFactorForm(FlaskForm):
        pass

    for state in states:
        if not state.known:
            setattr(RiskFactorForm, state.factor.key, AnswerRadioField(
                state.factor.question, choices=list(ANSWER_LABELS.items())))
    return RiskFactorForm(data={k: v for k, v in answers.items()}, **kwargs)
