"""The API's strength and balance tests (on the API blueprint): her results, judged, and a result she sends."""
from typing import Any

from app.api.routes import _invalid, _member, _refusals, bp
from app.api.schemas import FunctionResultSchema
from app.extensions import db
from app.function.models import FunctionResult
from app.function.services import Result, history, record_result
from app.guidance.calendar import past_date_problem
from app.guidance.function import CHAIR_STAND_MAX, TUG_MAX_SECONDS, FunctionTest, stay_independent_score
from app.submissions import save_once


def _dump(result: Result) -> dict[str, Any]:
    row = result.row
    return {"id": row.id, "test": row.test, "taken_on": row.taken_on, "value": row.value,
            "answers": row.answers or [], "loinc": row.loinc, "measured_by": row.measured_by_name,
            "judged": {"band": result.judgement.band.value, "text": result.judgement.text,
                       "source": result.judgement.source}}


def _results(member_id: int) -> list[dict[str, Any]]:
    found = [r for rows in history(member_id).values() for r in rows]
    return [_dump(r) for r in sorted(found, key=lambda r: (r.row.taken_on, r.row.id), reverse=True)]


@bp.route("/me/function-tests", methods=["GET"])
@bp.response(200, FunctionResultSchema(many=True))
@_refusals(401, 403)
def my_function_tests() -> list[dict[str, Any]]:
    """Her strength and balance test results (newest first), each judged for her age and sex on its day."""
    return _results(_member(None, "strength and balance tests").id)


@bp.route("/clients/<id:member_id>/function-tests", methods=["GET"])
@bp.response(200, FunctionResultSchema(many=True))
@_refusals(401, 403, 404)
def client_function_tests(member_id: int) -> list[dict[str, Any]]:
    """A client's strength and balance test results (newest first)."""
    return _results(_member(member_id, "strength and balance tests").id)


def _value(test: FunctionTest, data: dict) -> float:
    """The web form's rules (app/function/forms.py) for the value of each test."""
    if test == FunctionTest.STAY_INDEPENDENT:
        return float(stay_independent_score({key: True for key in data["answers"]}))
    value = data.get("value")
    if value is None:
        _invalid("value", "Send the result's value.")
    if test == FunctionTest.CHAIR_STAND:
        if value != int(value) or not 0 <= value <= CHAIR_STAND_MAX:
            _invalid("value", f"Send the stands as a whole number from 0 to {CHAIR_STAND_MAX}.")
        return 0.0 if data.get("used_arms") else float(value)
    if test == FunctionTest.TIMED_UP_AND_GO:
        if not 0.1 <= value <= TUG_MAX_SECONDS:
            _invalid("value", f"Send the seconds, from 0.1 to {TUG_MAX_SECONDS:g}.")
        return round(float(value), 1)
    if value not in (0, 1, 2, 3, 4):
        _invalid("value", "Send the stances held for 10 seconds, 0 to 4.")
    return float(value)


@bp.route("/me/function-tests", methods=["POST"])
@bp.arguments(FunctionResultSchema)
@bp.response(201, FunctionResultSchema)
@bp.alt_response(200, schema=FunctionResultSchema, description="Already saved: the result the same submission_id made")
@_refusals(401, 403, 422)
def create_function_test(data: dict) -> tuple[dict[str, Any], int]:
    """Record a strength or balance test result she did (the same rules as the test pages)."""
    member = _member(None, "record a strength or balance test")
    problem = past_date_problem(data["taken_on"], member.today(), "test date")
    if problem:
        _invalid("taken_on", problem)
    test = FunctionTest(data["test"])
    value = _value(test, data)
    submission = data.get("submission_id")
    saved, new = save_once(FunctionResult, member.id, submission, lambda: record_result(
        member.id, test, data["taken_on"], value, answers=sorted(set(data["answers"])), submission_id=submission))
    db.session.expire_all()
    result = next(r for rows in history(member.id).values() for r in rows if r.row.id == saved.id)
    return _dump(result), (201 if new else 200)
