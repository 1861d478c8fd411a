"""What the API accepts and answers (marshmallow); the limits are the web forms' limits."""

from marshmallow import Schema, ValidationError, fields, validate

from app.exercises.forms import MAX_ENTRIES
from app.exercises.models import NAME_MAX, NOTE_MAX
from app.exercises.rules import (
    EFFORT_MAX,
    EFFORT_RANGE,
    HOLD_RANGE,
    HOLD_SECONDS_MAX,
    IMPACTS_MAX,
    IMPACTS_RANGE,
    MINUTES_MAX,
    MINUTES_RANGE,
    REPS_MAX,
    REPS_RANGE,
    SETS_MAX,
    SETS_RANGE,
)
from app.forms import ROW_ID_MAX, UNUSUAL_CHARACTERS, has_unusual_characters
from app.guidance.bands import BANDS, OTHER_BAND
from app.guidance.calendar import EARLIEST_DATE, LATEST_DATE
from app.guidance.function import STAY_INDEPENDENT_KEYS
from app.nutrition.models import MEALS
from app.submissions import normalize_submission_id

ROW_ID = validate.Range(min=1, max=ROW_ID_MAX)


def plain_text(value: str) -> None:
    """The web forms' rule for text (app/forms.py); notes may hold line breaks."""
    if has_unusual_characters(value, multiline=True):
        raise ValidationError(UNUSUAL_CHARACTERS)


class SubmissionId(fields.String):
    """A UUID in any of its spellings, loaded as one (32 hex digits): the web forms' rule."""

    def _deserialize(self, value: object, attr: str | None, data: object, **kwargs: object) -> str:
        normalized = normalize_submission_id(value) if isinstance(value, str) else None
        if normalized is None:
            raise ValidationError("Send a UUID, or leave submission_id out.")
        return normalized


DAY = validate.Range(min=EARLIEST_DATE, max=LATEST_DATE,
                     error=f"Use a date from {EARLIEST_DATE.year} to {LATEST_DATE.year}.")


class ErrorSchema(Schema):
    """Every error answer (app/errors): what went wrong, what to do, and for 422 the fields' messages."""
    error = fields.String(required=True)
    detail = fields.String(required=True)
    status = fields.Integer(required=True)
    errors = fields.Dict()


class SourceSchema(Schema):
    short = fields.String()
    full = fields.String()


class OverrideSchema(Schema):
    value = fields.Float()
    reason = fields.String()
    set_by = fields.String()


class TargetSchema(Schema):
    value = fields.Float()
    rule = fields.String()
    sources = fields.List(fields.Nested(SourceSchema))
    override = fields.Nested(OverrideSchema, allow_none=True)


class WeeklyTargetSchema(TargetSchema):
    key = fields.String()
    label = fields.String()
    unit = fields.String()


class DailyTargetsSchema(Schema):
    calcium_mg = fields.Nested(TargetSchema, allow_none=True)
    calcium_ul_mg = fields.Nested(TargetSchema, allow_none=True)
    vitamin_d_iu = fields.Nested(TargetSchema, allow_none=True)
    vitamin_d_ul_iu = fields.Nested(TargetSchema)
    protein_g = fields.Nested(TargetSchema, allow_none=True)
    protein_upper_g = fields.Nested(TargetSchema, allow_none=True)


class TargetsSchema(Schema):
    on = fields.Date()
    weekly = fields.List(fields.Nested(WeeklyTargetSchema))
    daily = fields.Nested(DailyTargetsSchema)


class EntrySchema(Schema):
    exercise_id = fields.Integer(required=True, validate=ROW_ID)
    exercise_name = fields.String(dump_only=True, attribute="exercise.name")
    sets = fields.Integer(allow_none=True, validate=validate.Range(1, SETS_MAX, error=SETS_RANGE))
    reps_per_set = fields.List(fields.Integer(validate=validate.Range(1, REPS_MAX, error=REPS_RANGE)),
                               allow_none=True, validate=validate.Length(1, SETS_MAX))
    band_colour = fields.String(allow_none=True, validate=validate.OneOf([b.key for b in BANDS] + [OTHER_BAND]))
    band_note = fields.String(allow_none=True, validate=[validate.Length(max=NAME_MAX), plain_text])
    minutes = fields.Integer(allow_none=True, validate=validate.Range(1, MINUTES_MAX, error=MINUTES_RANGE))
    hold_seconds = fields.Integer(allow_none=True, validate=validate.Range(1, HOLD_SECONDS_MAX, error=HOLD_RANGE))
    impacts = fields.Integer(allow_none=True, validate=validate.Range(0, IMPACTS_MAX, error=IMPACTS_RANGE))
    caution_confirmed = fields.Boolean(load_default=False)


class SessionSchema(Schema):
    id = fields.Integer(dump_only=True)
    session_date = fields.Date(required=True, validate=DAY)
    total_minutes = fields.Integer(allow_none=True, validate=validate.Range(1, MINUTES_MAX, error=MINUTES_RANGE))
    effort = fields.Integer(allow_none=True, validate=validate.Range(0, EFFORT_MAX, error=EFFORT_RANGE),
                            metadata={"description": "Borg CR10, 0–10"})
    pain = fields.Boolean(load_default=False)
    pain_where = fields.String(allow_none=True, validate=[validate.Length(max=NAME_MAX), plain_text])
    pain_note = fields.String(allow_none=True, validate=[validate.Length(max=NOTE_MAX), plain_text])
    notes = fields.String(allow_none=True, validate=[validate.Length(max=NOTE_MAX), plain_text])
    entries = fields.List(fields.Nested(EntrySchema), required=True, validate=validate.Length(1, MAX_ENTRIES))
    submission_id = SubmissionId(load_only=True, metadata={
        "description": "A UUID chosen by the client: sending the same one again returns the session saved the "
                       "first time instead of saving it twice."})


class FoodLogSchema(Schema):
    id = fields.Integer(dump_only=True)
    log_date = fields.Date(required=True, validate=DAY)
    meal = fields.String(required=True, validate=validate.OneOf(list(MEALS)))
    food_id = fields.Integer(required=True, validate=ROW_ID)
    food_name = fields.String(dump_only=True)
    serving_id = fields.Integer(load_only=True, allow_none=True, validate=ROW_ID, metadata={
        "description": "One of the food's servings; leave out to give the amount in grams."})
    amount = fields.Float(load_only=True, required=True, metadata={
        "description": "How many of the unit (or of the serving), grams when neither is sent; above zero and at "
                       "most 5,000 g in all (app.nutrition.rules)."})
    unit = fields.String(load_only=True, allow_none=True, validate=validate.Length(max=122), metadata={
        "description": "g, oz, and for foods USDA gives a volume for: cup, tbsp, tsp, fl oz, ml."})
    servings = fields.Float(dump_only=True, allow_none=True)
    serving_name = fields.String(dump_only=True, allow_none=True)
    grams = fields.Float(dump_only=True)
    calcium_mg = fields.Float(dump_only=True, allow_none=True)
    vitamin_d_iu = fields.Float(dump_only=True, allow_none=True)
    protein_g = fields.Float(dump_only=True)
    submission_id = SubmissionId(load_only=True)


class RangeArgs(Schema):
    date_from = fields.Date(data_key="from", validate=DAY,
                            metadata={"description": "First day (default: 27 days before `to`)"})
    date_to = fields.Date(data_key="to", validate=DAY,
                          metadata={"description": "Last day (default: today in her time zone)"})


class MetricSchema(Schema):
    key = fields.String()
    label = fields.String()
    actual = fields.Float()
    target = fields.Float()
    unit = fields.String()
    status = fields.String(allow_none=True, metadata={
        "description": "met, close or below for a week that is over; on_track or behind for one still going "
                       "(or the week she joined); null for a week before her account existed"})
    days = fields.List(fields.Date())


class NutrientSchema(Schema):
    key = fields.String()
    label = fields.String()
    average = fields.Float(allow_none=True)
    target = fields.Float(allow_none=True, attribute="target.value")
    status = fields.String(allow_none=True, metadata={
        "description": "above_limit when any day of the week was above the nutrient's upper limit (never met); "
                       "otherwise met, close or below against the target; null when nothing was logged"})
    above_limit_days = fields.List(fields.Date())


class WeekSchema(Schema):
    monday = fields.Date()
    so_far = fields.Boolean()
    days_left = fields.Integer()
    judged = fields.String(metadata={"description": "full, pace or not_member"})
    counted_days = fields.List(fields.Date())
    exercise = fields.List(fields.Nested(MetricSchema))
    nutrition = fields.List(fields.Nested(NutrientSchema))
    food_days = fields.List(fields.Date())
    pain_days = fields.List(fields.Date())


class ExerciseSchema(Schema):
    id = fields.Integer()
    name = fields.String()
    kind = fields.String(metadata={"description": "weight_bearing, resistance_band, balance or posture"})
    impact = fields.String(metadata={"description": "none, low, moderate or high"})
    measure = fields.String(metadata={"description": "minutes, reps or hold: what an entry must send"})
    uses_band = fields.Boolean()
    yours = fields.Boolean(metadata={"description": "One of her own exercises, not the catalog's"})
    cautions = fields.List(fields.String(), metadata={
        "description": "Why this exercise has a caution for her; logging it needs caution_confirmed"})


class ServingSchema(Schema):
    id = fields.Integer()
    name = fields.String()
    grams = fields.Float()


class FoodSchema(Schema):
    id = fields.Integer()
    name = fields.String()
    food_group = fields.String(allow_none=True)
    calcium_mg_per_100g = fields.Float(allow_none=True)
    vitamin_d_iu_per_100g = fields.Float(allow_none=True)
    protein_g_per_100g = fields.Float()
    magnesium_mg_per_100g = fields.Float(allow_none=True)
    potassium_mg_per_100g = fields.Float(allow_none=True)
    energy_kcal_per_100g = fields.Float(allow_none=True)
    servings = fields.List(fields.Nested(ServingSchema))


class FoodSearchArgs(Schema):
    q = fields.String(load_default="", validate=validate.Length(max=100), metadata={
        "description": "Words of the food's name; empty lists her favourites and recent foods"})


class JudgementSchema(Schema):
    band = fields.String(metadata={"description": "at_risk, not_at_risk or not_judged (no norm for her age)"})
    text = fields.String()
    source = fields.Nested(SourceSchema)


class FunctionResultSchema(Schema):
    """A CDC STEADI test result (docs/clinical-rules.md, "Falls and function")."""
    id = fields.Integer(dump_only=True)
    test = fields.String(required=True, validate=validate.OneOf(
        ["chair_stand", "timed_up_and_go", "balance", "stay_independent"]))
    taken_on = fields.Date(required=True, validate=DAY)
    value = fields.Float(allow_none=True, metadata={
        "description": "Full stands in 30 s (0-60); seconds (0.1-600); stances held 10 s (0-4). For "
                       "stay_independent it is the points, worked out from `answers` (leave it out)."})
    used_arms = fields.Boolean(load_only=True, load_default=False, metadata={
        "description": "Chair stand: she had to use her arms (the score is then 0)."})
    answers = fields.List(fields.String(validate=validate.OneOf(list(STAY_INDEPENDENT_KEYS))), load_default=list,
                          validate=validate.Length(max=len(STAY_INDEPENDENT_KEYS)), metadata={
                              "description": "Stay Independent: the items answered yes (their keys)."})
    loinc = fields.String(dump_only=True, allow_none=True)
    measured_by = fields.String(dump_only=True, allow_none=True)
    judged = fields.Nested(JudgementSchema, dump_only=True)
    submission_id = SubmissionId(load_only=True)
