"""API endpoints. `/me/...` is the member's own data; `/clients/{member_id}/...` is a client's, for her therapist.

Who may read whose data is decided where the web pages decide it (app/care/access.py): a member only
ever reaches her own rows; a therapist reaches a client only through an active link, and every such
read writes an access record she sees on her account page. Therapists read; only the member writes.
"""
import typing
from datetime import date, timedelta
from typing import Any

import flask
from flask import abort, request
from flask_login import current_user
from flask_smorest import Api, Blueprint
from flask_smorest import abort as api_abort
from marshmallow import RAISE
from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import selectinload
from webargs import core
from webargs.flaskparser import FlaskParser, is_json_request

from app.access import client_or_404, visible_or_404
from app.api.schemas import (
    ErrorSchema,
    ExerciseSchema,
    FoodLogSchema,
    FoodSchema,
    FoodSearchArgs,
    RangeArgs,
    SessionSchema,
    TargetsSchema,
    WeekSchema,
)
from app.auth.models import User
from app.auth.services import user_for_api_token
from app.bounded_json import loads
from app.exercises.models import ExerciseSession, SessionEntry
from app.exercises.rules import (
    CHOOSE_EXERCISE,
    CONFIRM_CAUTIONS,
    EntryValues,
    entry_problems,
    pain_problem,
    reps_for_sets,
)
from app.exercises.services import EntryData, SessionData, exercises_for, load_session, safety_profile, save_session
from app.extensions import db, login_manager
from app.guidance.amounts import GRAM, Unit
from app.guidance.calendar import EARLIEST_DATE, past_date_problem
from app.guidance.weeks import week_start
from app.nutrition.models import Food, FoodLog
from app.nutrition.rules import CHOOSE_FOOD, CHOOSE_SERVING, amount_problem
from app.nutrition.services import Amount, apply_food_log, search_foods, units_of
from app.progress.services import weeks_summary
from app.submissions import save_once
from app.targets.services import targets_on
from app.transactions import blueprint_writes_on_get


class BoundedParser(FlaskParser):
    """webargs reads bodies with the standard json.loads; this reads them with Ossify's bounds (400 when beyond)."""

    def _raw_load_json(self, req: flask.Request) -> typing.Any:
        if not is_json_request(req):
            return core.missing
        return loads(req.get_data(cache=True))


class OssifyApi(Api):
    @property
    def ERROR_SCHEMA(self):  # noqa: ANN201, N802  (flask-smorest's name)
        return ErrorSchema

    def _register_error_handlers(self) -> None:
        """app/errors already answers every error; under /api/ it answers JSON."""


class OssifyBlueprint(Blueprint):
    ARGUMENTS_PARSER = BoundedParser()


api = OssifyApi()
# Every call may note its token's last use, and client reads record the visit: on SQLite, the write lock first.
bp = blueprint_writes_on_get(OssifyBlueprint(
    "api", __name__, url_prefix="/api/v1",
    description="Sessions, food logs, weekly summaries and targets, for a member and her therapists."))

API_CONFIG = {
    "API_TITLE": "Ossify",
    "API_VERSION": "v1",
    "OPENAPI_VERSION": "3.0.3",
    "OPENAPI_URL_PREFIX": "/api/v1",
    "OPENAPI_JSON_PATH": "openapi.json",
}


MAX_RANGE_DAYS = 366
API_NAMES = {"reps": "reps_per_set"}  # the rules' field names that the API spells otherwise


def _refusals(*codes: int):  # noqa: ANN202
    """Document the error answers an operation can give (401 no token, 403 wrong role, 404 not hers, 422)."""
    descriptions = {401: "No valid token", 403: "Not for this kind of account",
                    404: "No such client of yours (or no such week)", 422: "Some values can't be used"}

    def decorate(view):  # noqa: ANN001, ANN202
        for code in codes:
            view = bp.alt_response(code, schema=ErrorSchema, description=descriptions[code])(view)
        return view

    return decorate


# --- Authentication: personal tokens only ----------------------------------------------------------------------

@bp.before_request
def _require_token() -> None:
    """Only a token opens the API; a browser's session cookie is not read at all (the API takes no CSRF token).

    The token's user becomes `current_user` for this request only (nothing is written to the session), so
    the access rule in app/care/access.py applies unchanged.
    """
    scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
    user = user_for_api_token(secret.strip()) if scheme.lower() == "bearer" else None
    if user is None:
        abort(401)
    login_manager._update_request_context_with_user(user)  # Flask-Login's own step in login_user()
    if db.session.dirty:  # the token's last use, noted at most every few minutes
        try:
            db.session.commit()
        except OperationalError:  # another writer holds SQLite's lock: the last-used time can wait
            db.session.rollback()


def _member(member_id: int | None, what: str) -> User:
    """The member whose data this request reads: herself, or a client through an active link (recorded)."""
    if member_id is None:
        if not current_user.is_member:
            abort(403)
        return current_user._get_current_object()
    if not current_user.is_therapist:
        abort(403)
    return client_or_404(member_id, f"{what} (API)")


def _invalid(field: str, message: str, location: str = "json") -> None:
    api_abort(422, messages={location: {field: [message]}})


def _range(args: dict, member: User) -> tuple[date, date]:
    today = member.today()
    last = args.get("date_to") or today
    first = args.get("date_from") or last - timedelta(days=27)
    for key, day in (("from", first), ("to", last)):
        if day < EARLIEST_DATE:
            _invalid(key, f"Use a date from {EARLIEST_DATE.year} on.", "query")
    if first > last:
        _invalid("from", "`from` must not be after `to`.", "query")
    if (last - first).days >= MAX_RANGE_DAYS:
        _invalid("from", f"Ask for at most {MAX_RANGE_DAYS} days at a time.", "query")
    return first, last


# --- Sessions --------------------------------------------------------------------------------------------------

def _sessions(member: User, first: date, last: date) -> list[ExerciseSession]:
    return list(db.session.scalars(
        select(ExerciseSession).where(ExerciseSession.member_id == member.id,
                                      ExerciseSession.session_date.between(first, last))
        .order_by(ExerciseSession.session_date.desc(), ExerciseSession.id.desc())
        .options(selectinload(ExerciseSession.entries).selectinload(SessionEntry.exercise))))


@bp.route("/me/sessions", methods=["GET"])
@bp.arguments(RangeArgs, location="query", unknown=RAISE)
@bp.response(200, SessionSchema(many=True))
@_refusals(401, 403, 422)
def my_sessions(args: dict) -> list[ExerciseSession]:
    """Her exercise sessions between two dates (newest first)."""
    member = _member(None, "exercise sessions")
    return _sessions(member, *_range(args, member))


@bp.route("/clients/<id:member_id>/sessions", methods=["GET"])
@bp.arguments(RangeArgs, location="query", unknown=RAISE)
@bp.response(200, SessionSchema(many=True))
@_refusals(401, 403, 404, 422)
def client_sessions(args: dict, member_id: int) -> list[ExerciseSession]:
    """A client's exercise sessions between two dates (newest first)."""
    member = _member(member_id, "exercise sessions")
    return _sessions(member, *_range(args, member))


@bp.route("/me/sessions", methods=["POST"])
@bp.arguments(SessionSchema)
@bp.response(201, SessionSchema)
@bp.alt_response(200, schema=SessionSchema, description="Already saved: the session the same submission_id made")
@_refusals(401, 403, 422)
def create_session(data: dict) -> tuple[ExerciseSession, int]:
    """Log a session (the same rules as the session form)."""
    member = _member(None, "log a session")
    problem = past_date_problem(data["session_date"], member.today(), "session date")
    if problem:
        _invalid("session_date", problem)
    problem = pain_problem(data["pain"], data.get("pain_where"))
    if problem:
        _invalid("pain_where", problem)
    choices = {c.exercise.id: c for c in exercises_for(member.id, safety_profile(member.id))}
    entries = [_entry(i, raw, choices) for i, raw in enumerate(data["entries"])]
    session_data = SessionData(
        session_date=data["session_date"], entries=entries, total_minutes=data.get("total_minutes"),
        effort=data.get("effort"), pain=data["pain"], pain_where=data.get("pain_where") if data["pain"] else None,
        pain_note=data.get("pain_note") if data["pain"] else None, notes=data.get("notes"))
    exercises = {exercise_id: choice.exercise for exercise_id, choice in choices.items()}
    submission = data.get("submission_id")
    submission = submission.replace("-", "").lower() if submission else None
    saved, new = save_once(ExerciseSession, member.id, submission, lambda: save_session(
        ExerciseSession(member_id=member.id, submission_id=submission), session_data, exercises))
    return load_session(member.id, saved.id), (201 if new else 200)


def _entry(index: int, raw: dict, choices: dict) -> EntryData:
    where = f"entries.{index}"
    choice = choices.get(raw["exercise_id"])
    if choice is None:
        _invalid(f"{where}.exercise_id", CHOOSE_EXERCISE)
    exercise = choice.exercise
    reps = raw.get("reps_per_set")
    problems = entry_problems(EntryValues(
        exercise.measure, exercise.uses_band, sets=raw.get("sets"), reps=reps, band_colour=raw.get("band_colour"),
        band_note=raw.get("band_note"), minutes=raw.get("minutes"), hold_seconds=raw.get("hold_seconds")))
    if problems:
        api_abort(422, messages={"json": {f"{where}.{API_NAMES.get(name, name)}": [message]
                                          for name, message in problems.items()}})
    if choice.cautions and not raw["caution_confirmed"]:
        _invalid(f"{where}.caution_confirmed", " ".join([*(c.reason for c in choice.cautions), CONFIRM_CAUTIONS]))
    if reps is not None:
        reps = reps_for_sets(reps, raw.get("sets"))  # one number: the same reps in every set, as on the form
    return EntryData(exercise_id=exercise.id, sets=raw.get("sets"), reps_per_set=reps,
                     band_colour=raw.get("band_colour") or None, band_note=raw.get("band_note"),
                     minutes=raw.get("minutes"), hold_seconds=raw.get("hold_seconds"), impacts=raw.get("impacts"),
                     caution_confirmed=raw["caution_confirmed"])


@bp.route("/me/exercises", methods=["GET"])
@bp.response(200, ExerciseSchema(many=True))
@_refusals(401, 403)
def my_exercises() -> list[dict]:
    """The catalog and her own exercises, with the cautions that apply to her (ids for logging sessions)."""
    member = _member(None, "exercises")
    return [{"id": c.exercise.id, "name": c.exercise.name, "kind": c.exercise.kind, "impact": c.exercise.impact,
             "measure": c.exercise.measure, "uses_band": c.exercise.uses_band, "yours": c.exercise.is_custom,
             "cautions": [caution.reason for caution in c.cautions]}
            for c in exercises_for(member.id, safety_profile(member.id))]


@bp.route("/me/foods", methods=["GET"])
@bp.arguments(FoodSearchArgs, location="query", unknown=RAISE)
@bp.response(200, FoodSchema(many=True))
@_refusals(401, 403, 422)
def search_my_foods(args: dict) -> list[Food]:
    """Search the food table and her own foods, as the food search page does (ids for logging food)."""
    member = _member(None, "food search")
    hits = search_foods(member.id, args["q"], country=member.country)
    ids = [h.food.id for h in hits]
    with_servings = {f.id: f for f in db.session.scalars(
        select(Food).where(Food.id.in_(ids)).options(selectinload(Food.servings)))}
    return [with_servings[i] for i in ids]


# --- Food logs -------------------------------------------------------------------------------------------------

def _food_logs(member: User, first: date, last: date) -> list[FoodLog]:
    return list(db.session.scalars(
        select(FoodLog).where(FoodLog.member_id == member.id, FoodLog.log_date.between(first, last))
        .order_by(FoodLog.log_date.desc(), FoodLog.id)))


@bp.route("/me/food-logs", methods=["GET"])
@bp.arguments(RangeArgs, location="query", unknown=RAISE)
@bp.response(200, FoodLogSchema(many=True))
@_refusals(401, 403, 422)
def my_food_logs(args: dict) -> list[FoodLog]:
    """Her food logs between two dates (newest day first)."""
    member = _member(None, "food logs")
    return _food_logs(member, *_range(args, member))


@bp.route("/clients/<id:member_id>/food-logs", methods=["GET"])
@bp.arguments(RangeArgs, location="query", unknown=RAISE)
@bp.response(200, FoodLogSchema(many=True))
@_refusals(401, 403, 404, 422)
def client_food_logs(args: dict, member_id: int) -> list[FoodLog]:
    """A client's food logs between two dates (newest day first)."""
    member = _member(member_id, "food logs")
    return _food_logs(member, *_range(args, member))


@bp.route("/me/food-logs", methods=["POST"])
@bp.arguments(FoodLogSchema)
@bp.response(201, FoodLogSchema)
@bp.alt_response(200, schema=FoodLogSchema, description="Already saved: the log the same submission_id made")
@_refusals(401, 403, 422)
def create_food_log(data: dict) -> tuple[FoodLog, int]:
    """Log a food from the table (or one of hers): an amount of one of its servings, or grams."""
    member = _member(None, "log a food")
    problem = past_date_problem(data["log_date"], member.today(), "date")
    if problem:
        _invalid("log_date", problem)
    food = db.session.scalar(select(Food).where(Food.id == data["food_id"]).options(selectinload(Food.servings)))
    if food is None or (food.member_id is not None and food.member_id != member.id):
        _invalid("food_id", CHOOSE_FOOD)
    visible_or_404(Food, food.id, member.id)
    unit = GRAM
    if data.get("serving_id") is not None and data.get("unit") is not None:
        _invalid("unit", "Send a unit or a serving_id, not both.")
    if data.get("serving_id") is not None:
        serving = next((s for s in food.servings if s.id == data["serving_id"]), None)
        if serving is None:
            _invalid("serving_id", CHOOSE_SERVING)
        unit = Unit(f"m:{serving.name}", serving.name, serving.grams)
    elif data.get("unit") is not None:
        unit = next((u for u in units_of(food) if u.key == data["unit"]), None)
        if unit is None:
            _invalid("unit", CHOOSE_SERVING)
    problem = amount_problem(data["amount"], data["amount"] * unit.grams)
    if problem:
        _invalid("amount", problem)
    submission = data.get("submission_id")
    submission = submission.replace("-", "").lower() if submission else None
    saved, new = save_once(FoodLog, member.id, submission, lambda: apply_food_log(
        FoodLog(member_id=member.id, submission_id=submission), food, data["log_date"], data["meal"],
        Amount(data["amount"], unit)))
    return saved, (201 if new else 200)


# --- Weekly summary and targets --------------------------------------------------------------------------------

def _week(member: User, monday: date) -> Any:
    today = member.today()
    if monday < EARLIEST_DATE or monday > today:
        abort(404)
    (summary,) = weeks_summary(member.id, week_start(monday), 1, today)
    return summary


@bp.route("/me/weeks/<isodate:monday>", methods=["GET"])
@bp.response(200, WeekSchema)
@_refusals(401, 403, 404)
def my_week(monday: date) -> Any:
    """Her weekly summary for the week containing this day, judged against her targets."""
    return _week(_member(None, "weekly summary"), monday)


@bp.route("/clients/<id:member_id>/weeks/<isodate:monday>", methods=["GET"])
@bp.response(200, WeekSchema)
@_refusals(401, 403, 404)
def client_week(member_id: int, monday: date) -> Any:
    """A client's weekly summary for the week containing this day."""
    return _week(_member(member_id, f"weekly summary, week of {monday.isoformat()}"), monday)


def _targets(member: User) -> dict:
    today = member.today()
    targets = targets_on(member.id, today)
    return {"on": today, "weekly": targets.weekly, "daily": targets.daily}


@bp.route("/me/targets", methods=["GET"])
@bp.response(200, TargetsSchema)
@_refusals(401, 403)
def my_targets() -> dict:
    """Her targets today, each with its rule and sources (and who set it, when a therapist did)."""
    return _targets(_member(None, "targets"))


@bp.route("/clients/<id:member_id>/targets", methods=["GET"])
@bp.response(200, TargetsSchema)
@_refusals(401, 403, 404)
def client_targets(member_id: int) -> dict:
    """A client's targets today."""
    return _targets(_member(member_id, "targets"))
