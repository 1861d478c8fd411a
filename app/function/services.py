"""Her test results and her therapist's requests to repeat a test: queries and writes for one member (the caller
commits). Judging is app/guidance/function.py's; a result is judged for her age and sex on the day it was taken."""
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import bindparam, select

from app.auth.models import User
from app.extensions import db
from app.function.models import FunctionRequest, FunctionResult
from app.guidance.function import (
    TESTS,
    FunctionTest,
    HeightLoss,
    Judgement,
    better,
    format_value,
    height_loss,
    judge,
)
from app.models_base import as_utc, utcnow
from app.profile.models import Height, MemberProfile
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


RESULTS_OF = (select(FunctionResult)  # built once, bound per request
              .where(FunctionResult.member_id.in_(bindparam("member_ids", expanding=True)))
              .order_by(FunctionResult.member_id, FunctionResult.taken_on, FunctionResult.id))
PROFILES_OF = (select(MemberProfile.user_id, MemberProfile.date_of_birth, MemberProfile.sex,
                      MemberProfile.young_adult_height_cm)
               .where(MemberProfile.user_id.in_(bindparam("member_ids", expanding=True))))
HEIGHTS_OF = (select(Height.member_id, Height.measured_on, Height.height_cm)
              .where(Height.member_id.in_(bindparam("member_ids", expanding=True))))


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


def _judged(rows: list[FunctionResult], birth: date | None, sex: str | None) -> dict[FunctionTest, list[Result]]:
    out: dict[FunctionTest, list[Result]] = {test: [] for test in FunctionTest}
    for row in rows:
        test = FunctionTest(row.test)
        earlier = out[test][-1].row if out[test] else None
        out[test].append(Result(
            row, test, judge(test, row.value, birth=birth, sex=sex, on=row.taken_on), format_value(test, row.value),
            None if earlier is None else _change(test, row.value, earlier.value, earlier.taken_on),
            None if earlier is None else better(test, row.value, earlier.value)))
    return out


def histories(member_ids: list[int]) -> dict[int, dict[FunctionTest, list[Result]]]:
    """For each member, every result of each test, oldest first, judged for her age and sex on its day; and her
    height loss past a threshold. Three statements, whatever the number of members (the client list's rows)."""
    ids = list(member_ids)
    profiles = {p.user_id: p for p in db.session.execute(PROFILES_OF, {"member_ids": ids})}
    rows: dict[int, list[FunctionResult]] = {member_id: [] for member_id in ids}
    for row in db.session.scalars(RESULTS_OF, {"member_ids": ids}):
        rows[row.member_id].append(row)
    return {member_id: _judged(rows[member_id], *((profiles[member_id].date_of_birth, profiles[member_id].sex)
                                                  if member_id in profiles else (None, None)))
            for member_id in ids}


def height_losses(member_ids: list[int]) -> dict[int, HeightLoss | None]:
    """Each member's height loss past a threshold (docs/clinical-rules.md, "Height"), or None."""
    ids = list(member_ids)
    young = {p.user_id: p.young_adult_height_cm for p in db.session.execute(PROFILES_OF, {"member_ids": ids})}
    measured: dict[int, list[tuple[date, float]]] = {member_id: [] for member_id in ids}
    for member_id, day, cm in db.session.execute(HEIGHTS_OF, {"member_ids": ids}):
        measured[member_id].append((day, cm))
    return {member_id: height_loss(measured[member_id], young.get(member_id)) for member_id in ids}


def history(member_id: int) -> dict[FunctionTest, list[Result]]:
    """Every result of each test, oldest first, judged (one statement, and her profile as stored)."""
    profile = stored_profile(member_id)
    birth, sex = (profile.date_of_birth, profile.sex) if profile else (None, None)
    return _judged(list(db.session.scalars(RESULTS_OF, {"member_ids": [member_id]})), birth, sex)


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
