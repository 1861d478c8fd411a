"""Consent, comment, program and target forms."""
from typing import Any

from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, SelectChoice, StringField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from app.auth.forms import EMAIL_VALIDATORS
from app.care.models import OVERRIDABLE_TARGETS
from app.exercises.forms import BAND_CHOICES
from app.forms import ChoiceSelectField, NoteField, NumberField, WholeNumberField, plain_text, strip_whitespace

COMMENT_MAX = 2000
TARGET_LABELS = {
    "resistance_sessions": "Resistance-band sessions a week", "impact_days": "Impact days a week",
    "brisk_walk_days": "Brisk-walking days a week", "moderate_minutes": "Minutes of moderate activity a week",
    "balance_days": "Balance days a week", "calcium_mg": "Calcium a day (mg)", "vitamin_d_iu": "Vitamin D a day (IU)",
    "protein_g": "Protein a day (g)",
}
assert set(TARGET_LABELS) == set(OVERRIDABLE_TARGETS)


class InviteForm(FlaskForm):
    email = EmailField("Your physical therapist's email", validators=EMAIL_VALIDATORS, filters=[strip_whitespace])


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


class ReplyForm(FlaskForm):
    body = NoteField("Your reply", filters=[strip_whitespace],
                         validators=[DataRequired("Write your reply first."),
                                     Length(max=COMMENT_MAX, message=f"Use at most {COMMENT_MAX:,} characters.")])


class ProgramItemForm(FlaskForm):
    exercise = ChoiceSelectField("Exercise", choices=[("", "")])
    sets = WholeNumberField("Sets", invalid_message="Enter the number of sets, like 3.",
                            validators=[InputRequired("Enter the number of sets."),
                                        NumberRange(1, 20, "Enter between 1 and 20 sets.")])
    reps = WholeNumberField("Reps per set", invalid_message="Enter the reps, like 10.",
                            validators=[InputRequired("Enter the reps per set."),
                                        NumberRange(1, 500, "Enter between 1 and 500 reps.")])
    band_colour = ChoiceSelectField("Band", choices=BAND_CHOICES[:-1], default="")
    days_per_week = WholeNumberField("Days a week", invalid_message="Enter a whole number of days.",
                                     validators=[InputRequired("Enter how many days a week."),
                                                 NumberRange(1, 7, "Enter between 1 and 7 days.")])
    notes = NoteField("Notes for her", filters=[strip_whitespace],
                          validators=[Optional(), Length(max=COMMENT_MAX,
                                                         message=f"Use at most {COMMENT_MAX:,} characters.")])

    def __init__(self, *args: Any, exercise_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.exercise.choices = [SelectChoice("", "Choose an exercise…")] + \
            [SelectChoice(value, label) for value, label in exercise_choices]

    def validate_exercise(self, field: Any) -> None:
        if not field.data:
            raise ValidationError("Choose an exercise from the list.")


class OverrideForm(FlaskForm):
    target_key = ChoiceSelectField("Target", choices=list(TARGET_LABELS.items()))
    value = NumberField("New value", invalid_message="Enter a number.", places=None,
                        validators=[InputRequired("Enter the new value."),
                                    NumberRange(0, 100_000, "Enter a value between 0 and 100,000.")])
    reason = NoteField("Why (she will see this)", filters=[strip_whitespace],
                           validators=[DataRequired("Say why, in words she will understand."), plain_text,
                                       Length(max=500, message="Use at most 500 characters.")])

