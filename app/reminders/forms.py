"""Reminder settings, a medicine's schedule and a dose taken: input shape only."""
from typing import Any

from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectChoice, SelectMultipleField, StringField
from wtforms.validators import InputRequired, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from app.forms import ChoiceSelectField, DatedForm, IsoDateField, TimeOfDayField, WholeNumberField
from app.guidance.calendar import is_reasonable_date
from app.guidance.reminders import EVERY_LABELS, INTERVAL_MONTHS, WEEKDAY_NAMES, Every

MAX_SUPPLEMENT_TIMES = 4
WEEKDAY_CHOICES = [(str(n), name) for n, name in enumerate(WEEKDAY_NAMES)]


class WeekdaysField(SelectMultipleField):
    """Ticks for the days of the week."""
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def pre_validate(self, form: Any) -> None:
        if any(value not in dict(WEEKDAY_CHOICES) for value in self.data or []):
            raise ValidationError("Tick days from the list.")


def _times(text: str) -> list[str]:
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


class ReminderForm(FlaskForm):
    exercise_on = BooleanField("Remind me to exercise")
    exercise_days = WeekdaysField("On these days", choices=[SelectChoice(v, n) for v, n in WEEKDAY_CHOICES],
                                  render_kw={"class": "weekday-ticks"})
    exercise_at = TimeOfDayField("At")
    supplements_on = BooleanField("Remind me to take my supplements")
    supplement_times = StringField("At these times", description="One or more, like 08:00, 20:00.",
                                   render_kw={"inputmode": "numeric", "autocomplete": "off"})
    nudge_on = BooleanField("Nudge me when nothing has been logged for 3 days")
    weekly_email_on = BooleanField(
        "Email me last week's summary on Monday morning",
        description="It lists each target and how the week went against it, nothing more about your health.")
    quiet_start = TimeOfDayField("Quiet from")
    quiet_end = TimeOfDayField("Until")

    def validate_exercise_days(self, field: Any) -> None:
        if self.exercise_on.data and not field.data:
            raise ValidationError("Tick at least one day, or turn exercise reminders off.")

    def validate_exercise_at(self, field: Any) -> None:
        if self.exercise_on.data and field.data is None and not field.errors:
            raise ValidationError("Enter the time, like 09:00.")

    def validate_supplement_times(self, field: Any) -> None:
        parts = _times(field.data or "")
        for part in parts:
            try:
                TimeOfDayField.parse(part)
            except ValueError:
                raise ValidationError(f"“{part[:10]}” is not a time: write times like 08:00, 20:00.") from None
        if len(parts) > MAX_SUPPLEMENT_TIMES:
            raise ValidationError(f"Up to {MAX_SUPPLEMENT_TIMES} times a day.")
        if self.supplements_on.data and not parts:
            raise ValidationError("Enter at least one time, like 08:00, or turn supplement reminders off.")

    def validate_quiet_end(self, field: Any) -> None:
        if (self.quiet_start.data is None) != (field.data is None) and not (self.quiet_start.errors or field.errors):
            raise ValidationError("Give both ends of the quiet hours, like 21:00 until 08:00, or neither.")
        if self.quiet_start.data is not None and self.quiet_start.data == field.data:
            raise ValidationError("The quiet hours start and end at the same time: change one.")

    def supplement_time_text(self) -> str:
        return ",".join(sorted({TimeOfDayField.parse(p).strftime("%H:%M") for p in _times(self.supplement_times.data
                                                                                          or "")}))


class TherapistNotificationForm(FlaskForm):
    digest_on = BooleanField("Email me a daily digest of my clients' new flags")
    immediate_on = BooleanField("Email me at once when a client reports pain or a fall")
    quiet_start = TimeOfDayField("Quiet from")
    quiet_end = TimeOfDayField("Until")
    validate_quiet_end = ReminderForm.validate_quiet_end


class MedicineReminderForm(FlaskForm):
    """A medicine's schedule, copied from her prescription, and when it starts."""
    every = ChoiceSelectField("How often, as your prescription says", choices=list(EVERY_LABELS.items()))
    at = TimeOfDayField("At", validators=[InputRequired("Enter the time, like 08:00.")])
    weekday = ChoiceSelectField("On", choices=[("", "Choose a day…")] + WEEKDAY_CHOICES, default="")
    day_of_month = WholeNumberField("Day of the month", invalid_message="Enter a day from 1 to 31.",
                                    description="In a shorter month, the reminder comes on its last day.")
    start_date = IsoDateField("Starting on", description="The day of the first dose on this schedule. Until you "
                              "record a dose, the first is due that day.")

    def __init__(self, *args: Any, has_dose: bool = False, **kwargs: Any) -> None:
        """`has_dose`: she recorded a dose of it already (then the next is counted from that)."""
        super().__init__(*args, **kwargs)
        self.has_dose = has_dose

    def validate_weekday(self, field: Any) -> None:
        if self.every.data == Every.WEEKLY and not field.data:
            raise ValidationError("Choose the day of the week.")

    def validate_day_of_month(self, field: Any) -> None:
        if field.data is not None and not 1 <= field.data <= 31:
            raise ValidationError("Enter a day from 1 to 31.")
        if self.every.data in (Every.MONTHLY, Every.TWO_DAYS_MONTHLY) and field.data is None and not field.errors:
            raise ValidationError("Enter the day of the month, like 1.")

    def validate_start_date(self, field: Any) -> None:
        if field.data is not None and not is_reasonable_date(field.data):
            raise ValidationError("Enter a date between 1900 and 2999.")
        if self.every.data in INTERVAL_MONTHS and field.data is None and not self.has_dose and not field.errors:
            raise ValidationError("Enter the day of your first dose (or of your last one), so Ossify knows when "
                                  "the next is due.")


class DoseForm(DatedForm):
    taken_on = IsoDateField("Taken on", validators=[InputRequired("Enter the day you took it.")])

    def validate_taken_on(self, field: Any) -> None:
        self.check_past_date(field.data, "dose date")
