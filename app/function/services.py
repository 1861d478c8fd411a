"""Her test results and her therapist's requests to repeat a test: queries and writes for one member (the caller
commits). Judging is app/guidance/function.py's; a result is judged for her age and sex on the day it was taken."""
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import bindparam, select

from app.auth.models import User
from app.extensions import db
from app.function.models import FunctionRequest, FunctionResult
from app.guidance.function import TESTS, FunctionTest, Judgement, better, format_value, judge
from app.models_base import as_utc, utcnow
from app.profile.services import stored_profile


@dataclass(frozen=True)
class Result:
    """A stored result with its judgement and how it compares with the one before it of the same test."""
    row: FunctionResult
    test: FunctionTest
    judgement: Judgement
    value_text: str
    change: str | None          # "2 more stands than on 3 Mar", None for the first
    improved: bool | None       # None: the same, or the first

    @property
    def at_risk(self) -> bool:
        return self.judgement.at_risk


HER_RESULTS = (select(FunctionResult)  # built once, bound per request
               .where(FunctionResult.member_id == bindparam("member_id"))
               .order_by(FunctionResult.taken_on, FunctionResult.id))


def _change(test: FunctionTest, new: float, old: float, since: date) -> str:
    unit = TESTS[test].unit
    difference = abs(new - old)
    if difference == 0:
        return f"the same as on {since:%-d %b %Y}"
    if test == FunctionTest.TIMED_UP_AND_GO:
        words = f"{difference:.1f} s {'faster' if new < old else 'slower'}"
    elif test == FunctionTest.BALANCE:
        words = f"{difference:g} stage{'s' if difference != 1 else ''} {'more' if new > old else 'fewer'}"
    else:
        words = f"{difference:g} {unit if difference != 1 else unit.rstrip('s')} {'more' if new > old else 'fewer'}"
    return f"{words} than on {since:%-d %b %Y}"


def history(member_id: int) -> dict[FunctionTest, list[Result]]:
    """Every result of each test, oldest first, judged (one statement, and her profile as stored)."""
    profile = stored_profile(member_id)
    birth, sex = (profile.date_of_birth, profile.sex) if profile else (None, None)
    out: dict[FunctionTest, list[Result]] = {test: [] for test in FunctionTest}
    for row in db.session.scalars(HER_RESULTS, {"member_id": member_id}):
        test = FunctionTest(row.test)
        earlier = out[test][-1].row if out[test] else None
        out[test].append(Result(
            row, test, judge(test, row.value, birth=birth, sex=sex, on=row.taken_on), format_value(test, row.value),
            None if earlier is None else _change(test, row.value, earlier.value, earlier.taken_on),
            None if earlier is None else better(test, row.value, earlier.value)))
    return out


def latest(results: dict[FunctionTest, list[Result]]) -> dict[FunctionTest, Result]:
    return {test: rows[-1] for test, rows in results.items() if rows}


def newly_at_risk(rows: list[Result]) -> bool:
    """The latest result is at risk and the one before it was not at risk."""
    return len(rows) >= 2 and rows[-1].at_risk and rows[-2].judgement.band.value == "not_at_risk"


def record_result(member_id: int, test: FunctionTest, taken_on: date, value: float, *,
                  answers: list[str] | None = None, measured_by: User | None = None,
                  submission_id: str | None = None) -> FunctionResult:
    """Add a result (stored with its LOINC code); `measured_by`: her therapist, for a result measured in clinic."""
    row = FunctionResult(member_id=member_id, test=test.value, taken_on=taken_on, value=value,
                         answers=answers if test == FunctionTest.STAY_INDEPENDENT else None,
                         loinc=TESTS[test].loinc, submission_id=submission_id,
                         measured_by_id=measured_by.id if measured_by else None,
                         measured_by_name=measured_by.display_name if measured_by else None)
    db.session.add(row)
    return row


HER_REQUESTS = (select(FunctionRequest)  # built once, bound per request
                .where(FunctionRequest.member_id == bindparam("member_id")).order_by(FunctionRequest.test))


@dataclass(frozen=True)
class OpenRequest:
    test: FunctionTest
    therapist_name: str
    asked_at: datetime

    @property
    def name(self) -> str:
        return TESTS[self.test].name


def open_requests(member_id: int, results: dict[FunctionTest, list[Result]] | None = None) -> list[OpenRequest]:
    """Her therapist's requests not yet answered by a result recorded after them (in the tests' order)."""
    requests = list(db.session.scalars(HER_REQUESTS, {"member_id": member_id}))
    if not requests:
        return []
    results = history(member_id) if results is None else results
    out = []
    for request in requests:
        test = FunctionTest(request.test)
        done = any(as_utc(r.row.created_at) >= as_utc(request.asked_at) for r in results[test])
        if not done:
            out.append(OpenRequest(test, request.therapist_name, request.asked_at))
    order = list(FunctionTest)
    return sorted(out, key=lambda r: order.index(r.test))


def ask_to_repeat(member_id: int, test: FunctionTest, therapist: User) -> FunctionRequest:
    """Ask her to repeat a test: a new request, or the old one asked again from now."""
    request = db.session.get(FunctionRequest, (member_id, test.value))
    if request is None:
        request = FunctionRequest(member_id=member_id, test=test.value)
        db.session.add(request)
    request.therapist_id, request.therapist_name, request.asked_at = therapist.id, therapist.display_name, utcnow()
    return request
