"""Session, quick-walk, custom-exercise and history-filter forms."""
import re
from typing import Any

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from app.exercises.models import KINDS, MEASURES, NAME_MAX, NOTE_MAX
from app.exercises.rules import (
    AMOUNT_FIELDS,
    CHOOSE_EXERCISE,
    CONFIRM_CAUTIONS,
    EFFORT_MAX,
    EFFORT_RANGE,
    FIELDS_FOR,
    HOLD_RANGE,
    HOLD_SECONDS_MAX,
    IMPACTS_MAX,
    IMPACTS_RANGE,
    MINUTES_MAX,
    MINUTES_RANGE,
    REPS_MAX,
    SETS_MAX,
    SETS_RANGE,
    EntryValues,
    entry_problems,
    pain_problem,
    reps_for_sets,
)
from app.exercises.services import ExerciseChoice
from app.forms import (
    ChoiceRadioField,
    ChoiceSelectField,
    DatedForm,
    IsoDateField,
    NoteField,
    SubmissionIdField,
    TimeOfDayField,
    WholeNumberField,
    plain_text,
    strip_whitespace,
)
from app.guidance.bands import BANDS, OTHER_BAND
from app.guidance.safety import IMPACT_LABELS

YES_NO = [("no", "No"), ("yes", "Yes")]
MAX_ENTRIES = 30
BAND_CHOICES = [("", "No band")] + [(b.key, f"{b.name} ({b.thickness})") for b in BANDS] + \
    [(OTHER_BAND, "Other brand or resistance")]


def minutes_field(label: str = "Minutes", required: bool = False, **kwargs: Any) -> WholeNumberField:
    first = InputRequired("Enter how many minutes.") if required else Optional()
    in_range = NumberRange(1, MINUTES_MAX, MINUTES_RANGE)
    return WholeNumberField(label, invalid_message="Enter whole minutes, like 30.", validators=[first, in_range],
                            **kwargs)


def effort_field() -> WholeNumberField:
    return WholeNumberField(
        "Overall effort (0–10)", invalid_message="Enter a whole number from 0 to 10.",
        validators=[Optional(), NumberRange(0, EFFORT_MAX, EFFORT_RANGE)],
        description="Borg CR10 scale: 0 = rest, 3 = moderate, 5 = hard, 7 = very hard, 10 = maximal.")


def parse_reps(text: str, sets: int | None) -> list[int]:
    """'10' → [10] × sets; '10, 10, 8' → one number per set. Raises ValueError with the message to show."""
    parts = [p for p in re.split(r"[\s,;]+", text.strip()) if p]
    if not parts or not all(p.isdigit() and len(p) <= 4 for p in parts):
        raise ValueError("Enter reps as a number, like 10, or one number per set, like 10, 10, 8.")
    return reps_for_sets([int(p) for p in parts], sets)


class EntryForm(Form):
    """One exercise in a session (no CSRF of its own: the session form carries it)."""
    exercise = SelectField("Exercise", validate_choice=False)
    sets = WholeNumberField("Sets", invalid_message="Enter the number of sets, like 3.",
                            validators=[Optional(), NumberRange(1, SETS_MAX, SETS_RANGE)])
    reps = StringField("Reps per set", filters=[strip_whitespace], render_kw={"inputmode": "numeric"},
                       description="One number (same for every set) or one per set: 10, 10, 8.")
    band_colour = SelectField("Band", choices=[SelectChoice(v, label) for v, label in BAND_CHOICES],
                              validate_choice=False)
    band_note = StringField("Band brand or resistance", filters=[strip_whitespace],
                            validators=[Optional(), plain_text,
                                        Length(max=NAME_MAX, message=f"Use at most {NAME_MAX} characters.")])
    minutes = minutes_field()
    hold_seconds = WholeNumberField(
        "Hold (seconds)", invalid_message="Enter whole seconds, like 20.",
        validators=[Optional(), NumberRange(1, HOLD_SECONDS_MAX, HOLD_RANGE)])
    impacts = WholeNumberField(
        "Impacts", invalid_message="Enter the number of impacts, like 50.",
        validators=[Optional(), NumberRange(0, IMPACTS_MAX, IMPACTS_RANGE)],
        description="Landings or stamps you counted. Left empty, Ossify counts one impact per rep where that fits.")

    reps_per_set: list[int] | None = None
    chosen: ExerciseChoice | None = None


def exercise_choices(choices: list[ExerciseChoice]) -> list[SelectChoice]:
    """Options grouped by kind; data attributes let static JS show only the fields that apply."""
    options = [SelectChoice("", "Choose an exercise…")]
    for choice in choices:
        e = choice.exercise
        label = e.name + (" (yours)" if e.is_custom else "") + (" ⚠" if choice.cautions else "")
        options.append(SelectChoice(str(e.id), label, optgroup=KINDS[e.kind], render_kw={
            "data-measure": e.measure, "data-band": "yes" if e.uses_band else "no",
            "data-impacts": "yes" if e.counts_impacts else "no"}))
    return options


class PainQuestion:
    """"Did anything hurt?" and where: asked by the session form and by today's program alike."""
    pain = ChoiceRadioField("Did anything hurt during the session?", choices=YES_NO, default="no")
    # No Optional(): it would stop the chain before validate_pain_where can ask for it.
    pain_where = StringField("Where did it hurt?", filters=[strip_whitespace],
                             validators=[plain_text,
                                         Length(max=NAME_MAX, message=f"Use at most {NAME_MAX} characters.")])

    def validate_pain_where(self, field: Any) -> None:
        problem = pain_problem(self.pain.data == "yes", field.data)  # type: ignore[attr-defined]
        if problem:
            raise ValidationError(problem)


class SessionForm(PainQuestion, DatedForm):
    session_date = IsoDateField("Date", validators=[InputRequired("Enter the date of the session.")])
    start_time = TimeOfDayField("Start time", validators=[Optional()])
    total_minutes = minutes_field("Total minutes", description="Left empty, the minutes of the exercises are added up.")
    effort = effort_field()
    pain_note = NoteField("About the pain", filters=[strip_whitespace],
                              validators=[Optional(), Length(max=NOTE_MAX,
                                                             message=f"Use at most {NOTE_MAX} characters.")])
    notes = NoteField("Notes", filters=[strip_whitespace],
                          validators=[Optional(), Length(max=NOTE_MAX, message=f"Use at most {NOTE_MAX} characters.")])
    entries = FieldList(FormField(EntryForm), min_entries=1, max_entries=MAX_ENTRIES)
    submission_id = SubmissionIdField()
    confirm_cautions = BooleanField("I have read the cautions and want to log these exercises anyway")

    def __init__(self, *args: Any, choices: list[ExerciseChoice], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.by_id = {str(c.exercise.id): c for c in choices}
        options = exercise_choices(choices)
        for row in self.entries:
            row.form.exercise.choices = options
            row.form.chosen = self.by_id.get(row.form.exercise.data or "")

    def validate_session_date(self, field: Any) -> None:
        self.check_past_date(field.data, "session date")

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        for row in self.entries:
            valid = self._validate_entry(row.form) and valid
        if valid and self.cautions and not self.confirm_cautions.data:
            self.confirm_cautions.errors = [CONFIRM_CAUTIONS]
            valid = False
        return valid

    @property
    def cautions(self) -> list[tuple[int, ExerciseChoice]]:
        """(row number, choice) for every chosen exercise that has a caution for her."""
        return [(i + 1, row.form.chosen) for i, row in enumerate(self.entries)
                if row.form.chosen is not None and row.form.chosen.cautions]

    def _validate_entry(self, row: EntryForm) -> bool:
        choice = row.chosen
        if choice is None:
            row.exercise.errors = list(row.exercise.errors) + [CHOOSE_EXERCISE]
            return False
        exercise = choice.exercise
        # Fields the exercise doesn't use (hidden on the page; a new row carries the row above's) count for nothing.
        for name in AMOUNT_FIELDS - FIELDS_FOR[exercise.measure]:
            getattr(row, name).data, getattr(row, name).errors = None, []
        if not exercise.uses_band:
            row.band_colour.data, row.band_note.data = "", None
            row.band_colour.errors, row.band_note.errors = [], []
        row.band_colour.data = row.band_colour.data or ""  # not posted at all means no band
        if row.band_colour.data not in {v for v, _ in BAND_CHOICES}:
            row.band_colour.errors = list(row.band_colour.errors) + ["Choose a band from the list."]
        reps = None
        if row.reps.data and not row.reps.errors:
            try:
                reps = row.reps_per_set = parse_reps(row.reps.data, row.sets.data)
            except ValueError as error:
                row.reps.errors = list(row.reps.errors) + [str(error)]
        problems = entry_problems(EntryValues(
            exercise.measure, exercise.uses_band, sets=row.sets.data, reps=reps,
            band_colour=row.band_colour.data or None, band_note=row.band_note.data, minutes=row.minutes.data,
            hold_seconds=row.hold_seconds.data))
        for name, message in problems.items():
            field = getattr(row, name)
            if not field.errors:  # a field that could not be read says that first
                field.errors = list(field.errors) + [message]
        return not any(f.errors for f in row)


class WalkForm(DatedForm):
    """The one short form for a walk (or another timed weight-bearing activity), with the stamps or heel
    drops she did on the way (ROS 2022 pairs walking with impacts)."""
    exercise = ChoiceRadioField("Activity", choices=[("", "")])
    minutes = minutes_field(required=True)
    impacts = WholeNumberField(
        "Stamps or heel drops", invalid_message="Enter how many you did, like 50.",
        validators=[Optional(), NumberRange(1, REPS_MAX, f"Enter between 1 and {REPS_MAX}.")],
        description="How many you counted on the way, if you did some.")
    impact_exercise = ChoiceSelectField("Which", choices=[("", "")], validators=[Optional()])
    session_date = IsoDateField("Date", validators=[InputRequired("Enter the date of the walk.")])
    effort = effort_field()
    submission_id = SubmissionIdField()

    def __init__(self, *args: Any, choices: list[ExerciseChoice], impact_choices: list[ExerciseChoice],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.by_id = {str(c.exercise.id): c for c in choices + impact_choices}
        self.exercise.choices = [SelectChoice(str(c.exercise.id), c.exercise.name) for c in choices]
        self.impact_exercise.choices = [SelectChoice(str(c.exercise.id), c.exercise.name) for c in impact_choices]
        self.has_impacts = bool(impact_choices)

    def validate_impacts(self, field: Any) -> None:
        if field.data and self.has_impacts and not self.impact_exercise.data:
            raise ValidationError("Choose stamps or heel drops.")

    def validate_session_date(self, field: Any) -> None:
        self.check_past_date(field.data, "date")


class TodayForm(PainQuestion, DatedForm):
    """Today's program: she ticks each exercise as she does it and saves them as one session, as prescribed."""
    done = SelectMultipleField("Done", coerce=str, validate_choice=False)
    effort = effort_field()
    confirm_cautions = BooleanField("I have read the cautions and want to log these exercises anyway")
    submission_id = SubmissionIdField()

    def __init__(self, *args: Any, item_ids: list[str], cautioned: set[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.item_ids, self.cautioned = item_ids, cautioned

    @property
    def ticked(self) -> list[str]:
        return [i for i in self.item_ids if i in set(self.done.data or [])]

    def validate_done(self, field: Any) -> None:
        if not self.ticked:
            raise ValidationError("Tick at least one exercise you did.")

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        if valid and self.cautioned & set(self.ticked) and not self.confirm_cautions.data:
            self.confirm_cautions.errors = [CONFIRM_CAUTIONS]
            valid = False
        return valid


class CustomExerciseForm(FlaskForm):
    name = StringField("Name", filters=[strip_whitespace],
                       validators=[DataRequired("Give the exercise a name."), plain_text,
                                   Length(max=NAME_MAX, message=f"Use at most {NAME_MAX} characters.")])
    kind = ChoiceSelectField("Kind", choices=list(KINDS.items()))
    measure = ChoiceRadioField("What do you count?", choices=list(MEASURES.items()), default="reps")
    impact = ChoiceSelectField("Impact", choices=[(k.value, v) for k, v in IMPACT_LABELS.items()], default="none",
                               description="Walking is low impact; jogging, skipping and low jumps are moderate; "
                                           "star jumps and high jumps are high (ROS impact ladder).")
    uses_band = BooleanField("I use a resistance band for it")
    reps_are_impacts = BooleanField("Each rep is one landing or stamp (an impact)")
    spinal_flexion = BooleanField("It bends the spine forward, especially with a load (like a sit-up)")
    spinal_rotation = BooleanField("It twists the spine as far as it goes (like a golf swing)")
    target_muscles = StringField("Muscles it works", filters=[strip_whitespace],
                                 validators=[Optional(), plain_text,
                                             Length(max=200, message="Use at most 200 characters.")])
    instructions = NoteField("How you do it", filters=[strip_whitespace],
                                 validators=[Optional(), Length(max=NOTE_MAX,
                                                                message=f"Use at most {NOTE_MAX} characters.")])


class HistoryFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET filter changes nothing

    kind = ChoiceSelectField("Kind", choices=[("", "All kinds")] + list(KINDS.items()), default="")
    date_from = IsoDateField("From", validators=[Optional()])
    date_to = IsoDateField("To", validators=[Optional()])

    def validate_date_to(self, field: Any) -> None:
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError("The end date can't be before the start date.")
