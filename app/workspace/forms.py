"""The therapist's forms: a client's code, comments, flag reviews, program items, templates and target overrides."""
from typing import Any

from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, SelectChoice, StringField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from app.care.forms import COMMENT_MAX
from app.exercises.forms import BAND_CHOICES
from app.exercises.rules import (
    AMOUNT_FIELDS,
    FIELDS_FOR,
    HOLD_RANGE,
    HOLD_SECONDS_MAX,
    MINUTES_MAX,
    MINUTES_RANGE,
    REPS_MAX,
    SETS_MAX,
    SETS_RANGE,
)
from app.forms import ChoiceSelectField, NoteField, NumberField, WholeNumberField, plain_text, strip_whitespace
from app.targets.models import OVERRIDABLE_TARGETS

REST_SECONDS_MAX = 600   # the program_item check constraint
TEMPLATE_NAME_MAX = 80
TARGET_LABELS = {
    "resistance_sessions": "Resistance-band sessions a week", "impact_days": "Impact days a week",
    "brisk_walk_days": "Brisk-walking days a week", "moderate_minutes": "Minutes of moderate activity a week",
    "balance_days": "Balance days a week", "calcium_mg": "Calcium a day (mg)", "vitamin_d_iu": "Vitamin D a day (IU)",
    "protein_g": "Protein a day (g)",
}
assert set(TARGET_LABELS) == set(OVERRIDABLE_TARGETS)


class CodeForm(FlaskForm):
    code = StringField("Code from your client", filters=[strip_whitespace],
                       validators=[DataRequired("Enter the code your client gave you."),
                                   Length(max=20, message="A code has 8 letters and numbers, like K7P4-Q2XM.")],
                       render_kw={"autocomplete": "off", "autocapitalize": "characters"})


class CommentForm(FlaskForm):
    body = NoteField("Comment", filters=[strip_whitespace],
                         validators=[DataRequired("Write your comment first."),
                                     Length(max=COMMENT_MAX, message=f"Use at most {COMMENT_MAX:,} characters.")])
    session_id = HiddenField()
    week_start = HiddenField()


FLAG_NOTE_MAX = 500


class FlagReviewForm(FlaskForm):
    """Seen or handled, with an optional note; the flag is named by its kind and event key."""
    kind = HiddenField(validators=[DataRequired()])
    key = HiddenField(validators=[DataRequired(), Length(max=40)])
    note = NoteField("Note (optional, shown to her)", filters=[strip_whitespace],
                     validators=[Optional(), Length(max=FLAG_NOTE_MAX,
                                                    message=f"Use at most {FLAG_NOTE_MAX} characters.")])
    state = HiddenField()


class ProgramItemForm(FlaskForm):
    """One prescribed exercise: its dose as the exercise is measured (sets × reps, sets × a hold, or minutes)."""
    exercise = ChoiceSelectField("Exercise", choices=[("", "")])
    sets = WholeNumberField("Sets", invalid_message="Enter the number of sets, like 3.",
                            validators=[Optional(), NumberRange(1, SETS_MAX, SETS_RANGE)])
    reps = WholeNumberField("Reps per set", invalid_message="Enter the reps, like 10.",
                            validators=[Optional(), NumberRange(1, REPS_MAX, f"Enter between 1 and {REPS_MAX} reps.")])
    hold_seconds = WholeNumberField("Hold (seconds)", invalid_message="Enter whole seconds, like 30.",
                                    validators=[Optional(), NumberRange(1, HOLD_SECONDS_MAX, HOLD_RANGE)])
    minutes = WholeNumberField("Minutes", invalid_message="Enter whole minutes, like 20.",
                               validators=[Optional(), NumberRange(1, MINUTES_MAX, MINUTES_RANGE)])
    each_side = BooleanField("Each side (the dose is for the left and again for the right)")
    rest_seconds = WholeNumberField("Rest between sets (s)", invalid_message="Enter whole seconds, like 60.",
                                    validators=[Optional(), NumberRange(0, REST_SECONDS_MAX,
                                                                        f"Enter between 0 and {REST_SECONDS_MAX} "
                                                                        "seconds.")])
    band_colour = ChoiceSelectField("Band", choices=BAND_CHOICES[:-1], default="")
    days_per_week = WholeNumberField("Days a week", invalid_message="Enter a whole number of days.",
                                     validators=[InputRequired("Enter how many days a week."),
                                                 NumberRange(1, 7, "Enter between 1 and 7 days.")])
    notes = NoteField("Notes for her", filters=[strip_whitespace],
                          validators=[Optional(), Length(max=COMMENT_MAX,
                                                         message=f"Use at most {COMMENT_MAX:,} characters.")])

    confirm_cautions = BooleanField("I have read the cautions for her and prescribe it anyway")

    def __init__(self, *args: Any, exercise_choices: list[tuple[str, str, str]],
                 cautions: dict[str, list[str]] | None = None, **kwargs: Any) -> None:
        """`exercise_choices`: (id, name, measure) of every exercise she can be prescribed; `cautions`: for each
        exercise with a caution for her, what it says (the one safety rule, app/guidance/safety.py)."""
        super().__init__(*args, **kwargs)
        self.measures = {value: measure for value, _, measure in exercise_choices}
        self.cautions = cautions or {}
        self.exercise.choices = [SelectChoice("", "Choose an exercise…")] + [
            SelectChoice(value, label + (" (caution for her)" if value in self.cautions else ""),
                         render_kw={"data-measure": measure})
            for value, label, measure in exercise_choices]

    def validate_exercise(self, field: Any) -> None:
        if not field.data:
            raise ValidationError("Choose an exercise from the list.")

    def validate_confirm_cautions(self, field: Any) -> None:
        said = self.cautions.get(self.exercise.data or "")
        if said and not field.data:
            raise ValidationError(" ".join(said) + " Tick the box to prescribe it anyway.")

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        measure = self.measures.get(self.exercise.data or "")
        if measure is None:
            return valid
        # What the measure uses is needed; what it doesn't is not kept (a hold has no reps, a walk no sets).
        needed = FIELDS_FOR[measure]
        for name in sorted(AMOUNT_FIELDS):
            field = getattr(self, name)
            if name not in needed:
                field.data, field.errors = None, []
            elif field.data is None and not field.errors:
                field.errors = [PROGRAM_NEEDS[name]]
                valid = False
        return valid and not any(getattr(self, n).errors for n in needed)

    def dose(self) -> dict[str, Any]:
        """The validated prescription as ProgramItem columns (sets is 1 and there is no rest for minutes)."""
        timed = self.measures.get(self.exercise.data or "") == "minutes"
        return {"sets": self.sets.data or 1, "reps": self.reps.data, "hold_seconds": self.hold_seconds.data,
                "minutes": self.minutes.data, "each_side": bool(self.each_side.data),
                "rest_seconds": None if timed else self.rest_seconds.data,
                "band_colour": self.band_colour.data or None, "days_per_week": self.days_per_week.data,
                "notes": self.notes.data or None}


class TemplateForm(FlaskForm):
    """Save her program as a template of the therapist's own."""
    name = StringField("Template name", filters=[strip_whitespace],
                       validators=[DataRequired("Name the template, like “Balance starter”."), plain_text,
                                   Length(max=TEMPLATE_NAME_MAX,
                                          message=f"Use at most {TEMPLATE_NAME_MAX} characters.")],
                       render_kw={"autocomplete": "off"})


class ApplyTemplateForm(FlaskForm):
    template = ChoiceSelectField("Template", choices=[("", "")])
    confirm_cautions = BooleanField("I have read the cautions for her and apply it anyway")

    def __init__(self, *args: Any, templates: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.template.choices = [SelectChoice("", "Choose a template…")] + [SelectChoice(v, n) for v, n in templates]

    def validate_template(self, field: Any) -> None:
        if not field.data:
            raise ValidationError("Choose one of your templates.")


PROGRAM_NEEDS = {"sets": "Enter the number of sets.", "reps": "Enter the reps per set.",
                 "hold_seconds": "Enter how many seconds to hold it.", "minutes": "Enter how many minutes."}


class OverrideForm(FlaskForm):
    target_key = ChoiceSelectField("Target", choices=list(TARGET_LABELS.items()))
    value = NumberField("New value", invalid_message="Enter a number.", places=None,
                        validators=[InputRequired("Enter the new value."),
                                    NumberRange(0, 100_000, "Enter a value between 0 and 100,000.")])
    reason = NoteField("Why (she will see this)", filters=[strip_whitespace],
                           validators=[DataRequired("Say why, in words she will understand."), plain_text,
                                       Length(max=500, message="Use at most 500 characters.")])

