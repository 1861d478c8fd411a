"""What the Strength and balance page shows: each test's latest result, judged, its change and its trend; her
heights and, past a threshold, the spine X-ray note (docs/clinical-rules.md, "Falls and function", "Height")."""
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import bindparam, select

from app.extensions import db
from app.function.services import OpenRequest, Result, history, latest, open_requests
from app.guidance.calendar import age_on
from app.guidance.function import (
    BALANCE_AT_RISK_BELOW,
    SPINE_XRAY,
    STAY_INDEPENDENT_AT_RISK,
    TESTS,
    TUG_AT_RISK_SECONDS,
    TUG_NOT_ALONE,
    FunctionTest,
    HeightLoss,
    chair_stand_cutoff,
    height_loss,
    height_text,
)
from app.profile.models import Height
from app.profile.services import stored_profile
from app.progress.charts import Chart, line_chart

HER_HEIGHTS = (select(Height.measured_on, Height.height_cm)  # built once, bound per request
               .where(Height.member_id == bindparam("member_id")).order_by(Height.measured_on))


@dataclass(frozen=True)
class TestPanel:
    test: FunctionTest
    name: str
    results: list[Result]
    chart: Chart | None
    line_label: str | None   # what the line across the chart is: "at risk below 10 stands"

    @property
    def latest(self) -> Result | None:
        return self.results[-1] if self.results else None


def _line(test: FunctionTest, birth: date | None, sex: str | None, on: date) -> tuple[float | None, str | None]:
    if test == FunctionTest.CHAIR_STAND:
        row = chair_stand_cutoff(age_on(birth, on) if birth else None, sex)
        return (row[2], f"at risk below {row[2]} stands") if row else (None, None)
    if test == FunctionTest.TIMED_UP_AND_GO:
        return TUG_AT_RISK_SECONDS, f"at risk from {TUG_AT_RISK_SECONDS:g} s"
    if test == FunctionTest.BALANCE:
        return BALANCE_AT_RISK_BELOW, f"at risk below {BALANCE_AT_RISK_BELOW} stages"
    return STAY_INDEPENDENT_AT_RISK, f"at risk from {STAY_INDEPENDENT_AT_RISK} points"


def panels(member_id: int, today: date, results: dict[FunctionTest, list[Result]] | None = None) -> list[TestPanel]:
    results = history(member_id) if results is None else results
    profile = stored_profile(member_id)
    birth, sex = (profile.date_of_birth, profile.sex) if profile else (None, None)
    out = []
    for test in FunctionTest:
        rows = results[test]
        chart, label = None, None
        if len(rows) >= 2:
            line, label = _line(test, birth, sex, rows[-1].row.taken_on)
            chart = line_chart([f"{r.row.taken_on:%-d %b %y}" for r in rows], [r.row.value for r in rows], line)
        out.append(TestPanel(test, TESTS[test].name, rows, chart, label))
    return out


@dataclass(frozen=True)
class Heights:
    measured: list[tuple[date, float]]
    young_adult_cm: float | None
    loss: HeightLoss | None
    note_unread: bool        # the spine X-ray note, until she has read it once

    def text(self, cm: float, unit_system: str) -> str:
        return height_text(cm, unit_system)


def heights(member_id: int) -> Heights:
    measured = [(d, cm) for d, cm in db.session.execute(HER_HEIGHTS, {"member_id": member_id})]
    profile = stored_profile(member_id)
    young = profile.young_adult_height_cm if profile else None
    loss = height_loss(measured, young)
    return Heights(measured, young, loss, loss is not None and (profile is None or profile.spine_note_seen != loss.key))


def strength_and_balance_page(member_id: int, today: date) -> dict[str, Any]:
    results = history(member_id)
    profile = stored_profile(member_id)
    return {"panels": panels(member_id, today, results), "requests": open_requests(member_id, results),
            "heights": heights(member_id), "spine_xray": SPINE_XRAY, "tug_not_alone": TUG_NOT_ALONE,
            "unit_system": profile.unit_system if profile else "metric", "latest": latest(results)}


def requests_for_home(member_id: int) -> list[OpenRequest]:
    """Her therapist's open requests to repeat a test (Home and Today's program)."""
    return open_requests(member_id)
