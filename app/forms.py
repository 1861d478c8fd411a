"""Form pieces shared by every feature: fields whose error messages say what to do."""
import re
import unicodedata
import uuid
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    DecimalField,
    HiddenField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import ValidationError
from wtforms.widgets import TextInput

from app.guidance.calendar import past_date_problem
from app.submissions import normalize_submission_id


def strip_whitespace(value: Any) -> Any:
    """Phones add a trailing space after autocomplete; never let it fail validation."""
    return value.strip() if isinstance(value, str) else value


# Explicit bidirectional controls: "Dr \u202eenoJ" shows as "Dr Jone". Arabic and Hebrew text needs none of them.
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Invisible characters: a zero-width space, word joiner or byte-order mark makes "Margaret" and "Marg\u200baret" two
# names that look the same. The joiners (ZWNJ, ZWJ) shape some scripts and emoji, so a note may keep them; a name,
# a title or an address shown to someone else may not.
INVISIBLE = frozenset("\u180e\u200b\u2060\u2061\u2062\u2063\u2064\ufeff")
JOINERS = frozenset("\u200c\u200d")
UNUSUAL_CHARACTERS = "Remove the unusual characters (such as control characters) from this text."


def has_unusual_characters(text: str, multiline: bool = False) -> bool:
    """Control characters (NUL, which PostgreSQL refuses, among them), lone surrogates, bidi controls and invisible
    characters; a multi-line text may hold line breaks, tabs and the joiners. The rule of every text field, in forms
    and in the API."""
    allowed = "\n\r\t" if multiline else ""
    refused = BIDI_CONTROLS | INVISIBLE if multiline else BIDI_CONTROLS | INVISIBLE | JOINERS
    return any((unicodedata.category(ch) in ("Cc", "Cs") and ch not in allowed) or ch in refused for ch in text)


def plain_text(form: Any, field: Any) -> None:
    """Refuse what can't be shown, or would show as something else."""
    if isinstance(field.data, str) and has_unusual_characters(field.data):
        raise ValidationError(UNUSUAL_CHARACTERS)


class NoteField(TextAreaField):
    """Free text over several lines: line breaks are fine, other control characters and bidi controls are not."""

    def pre_validate(self, form: Any) -> None:
        if isinstance(self.data, str) and has_unusual_characters(self.data, multiline=True):
            raise ValidationError(UNUSUAL_CHARACTERS)


ROW_ID_MAX = 2**31 - 1  # the largest primary key both databases' INTEGER holds (as the <id:> URL converter)


def row_id(value: str | None) -> int | None:
    """A primary key typed into a form or query string, or None when it can't be one."""
    value = (value or "").strip()
    if not (value.isascii() and value.isdigit()) or len(value) > 10 or not 1 <= int(value) <= ROW_ID_MAX:
        return None
    return int(value)


def small_number(value: str | None, digits: int = 4) -> int | None:
    """A non-negative whole number of at most `digits` ASCII digits (a row index, a page), or None."""
    value = (value or "").strip()
    if not (value.isascii() and value.isdigit()) or len(value) > digits:
        return None
    return int(value)


class SubmissionIdField(HiddenField):
    """A fresh id in every new-entry form, so that a double tap or a resent POST saves the entry once.

    The id is kept across re-renders with errors; anything that isn't a UUID is treated as absent.
    """

    def _value(self) -> str:
        if not self.data:
            self.data = uuid.uuid4().hex
        return self.data

    def process_formdata(self, valuelist: list[Any]) -> None:
        self.data = normalize_submission_id(valuelist[0] if valuelist else None)


class EmptyForm(FlaskForm):
    """A one-button POST (log out, delete): carries the CSRF token and nothing else."""


# A number as people type it: digits, one decimal point or comma, an optional sign (the minus sign DXA reports
# print, U+2212, and the dashes a phone or a copied report puts in its place: en dash, figure dash, small and
# full-width hyphen-minus), a space after the sign allowed. No exponents: "1e9999999" is short to send but 10
# million digits to convert.
MINUS_SIGNS = "\u2212\u2013\u2012\ufe63\uff0d"
_NUMBER = re.compile(r"(?:[+\-" + MINUS_SIGNS + r"] ?)?(?:\d{1,12}(?:[.,]\d{0,6})?|[.,]\d{1,6})", re.ASCII)


_AS_HYPHEN = str.maketrans(dict.fromkeys(MINUS_SIGNS, "-"))


def parse_number(raw: str) -> Decimal | None:
    """A finite decimal of at most 12 whole and 6 decimal digits, or None; checked before any conversion."""
    raw = raw.strip()
    if len(raw) > 20 or not _NUMBER.fullmatch(raw):
        return None
    return Decimal(raw.replace(",", ".").replace(" ", "").translate(_AS_HYPHEN))


class NumberField(DecimalField):
    """A decimal that must be a finite number; 'NaN', 'inf' and words get `invalid_message`.

    Rendered as a text input: type=number drops what the browser can't parse (so the server
    can't say what was wrong) and changes value under a scrolling finger.
    """

    widget = TextInput()

    def __init__(self, *args: Any, invalid_message: str = "Enter a number.", inputmode: str | None = "decimal",
                 **kwargs: Any) -> None:
        self.invalid_message = invalid_message
        if inputmode:
            kwargs.setdefault("render_kw", {}).setdefault("inputmode", inputmode)
        kwargs.setdefault("places", 1)
        super().__init__(*args, **kwargs)

    def process_formdata(self, valuelist: list[Any]) -> None:
        if not valuelist or valuelist[0] in ("", None):
            self.data = None
            return
        self.data = parse_number(str(valuelist[0]))
        if self.data is None:
            raise ValueError(self.invalid_message)


class WholeNumberField(NumberField):
    """A whole number (sets, reps, minutes): '2.5' gets `invalid_message` too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("inputmode", "numeric")
        kwargs.setdefault("places", 0)
        super().__init__(*args, **kwargs)

    def process_formdata(self, valuelist: list[Any]) -> None:
        super().process_formdata(valuelist)
        if self.data is not None:
            if self.data != self.data.to_integral_value():
                self.data = None
                raise ValueError(self.invalid_message)
            self.data = int(self.data)

    def _value(self) -> str:
        if self.raw_data:
            return str(self.raw_data[0])
        return "" if self.data is None else str(self.data)


class IsoDateField(DateField):
    """An <input type=date>; anything that is not a real calendar date gets a clear message."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        if not valuelist or not valuelist[0]:
            self.data = None
            return
        raw = str(valuelist[0]).strip()
        try:
            self.data = datetime.strptime(raw, "%Y-%m-%d").date()
        except ValueError:
            self.data = None
            raise ValueError("Enter a real date, like 2024-03-31.") from None


def _as_choices(choices: list[tuple[str, str]]) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in choices]


class _ChoiceMixin:
    """Choices given as (value, label) pairs; a value outside them gets one plain message."""

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, choices=_as_choices(choices), **kwargs)  # type: ignore[call-arg]

    def pre_validate(self, form: Any) -> None:
        flags = [v.field_flags for v in self.validators if hasattr(v, "field_flags")]  # type: ignore[attr-defined]
        if self.data in (None, "") and any(f.get("required") or f.get("optional") for f in flags):
            return  # left empty: the field's own "required" message says it better, or empty is allowed
        if self.data not in {choice.value for choice in self.choices}:  # type: ignore[attr-defined]
            raise ValidationError("Choose one of the options.")


class ChoiceRadioField(_ChoiceMixin, RadioField):
    pass


class ChoiceSelectField(_ChoiceMixin, SelectField):
    pass


class DatedForm(FlaskForm):
    """A form that judges dates against the member's own "today" (her timezone)."""

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today

    def check_past_date(self, value: date | None, what: str) -> None:
        problem = past_date_problem(value, self.today, what) if value is not None else None
        if problem:
            raise ValidationError(problem)


class TimeOfDayField(StringField):
    """An optional <input type=time>; HH:MM."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("render_kw", {})["type"] = "time"
        super().__init__(*args, **kwargs)

    @staticmethod
    def parse(raw: str) -> time:
        """"7:30" or "07:30" → 07:30; ValueError with the message to show."""
        match = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)(:[0-5]\d)?", raw.strip())
        if not match:
            raise ValueError("Enter a time like 07:30.")
        return time(int(match.group(1)), int(match.group(2)))

    def process_formdata(self, valuelist: list[Any]) -> None:
        raw = (valuelist[0] or "").strip() if valuelist else ""
        self.data = None
        if raw:
            self.data = self.parse(raw)

    def _value(self) -> str:
        if self.raw_data:
            return str(self.raw_data[0])
        return self.data.strftime("%H:%M") if self.data else ""
