"""The weekly summary and the 12-week trends: the signed-in member's own."""
from datetime import date, timedelta

from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug import Response

from app.access import require_member
from app.care.services import comments_on
from app.guidance import alcohol as alcohol_rules
from app.guidance.calendar import today_in
from app.guidance.diagnosis import SITE_LABELS
from app.guidance.weeks import week_start
from app.profile.services import get_profile
from app.progress.charts import bar_chart, line_chart
from app.progress.report import build_report, weeks_param
from app.progress.services import daily_nutrients, weeks_summary

bp = Blueprint("progress", __name__, url_prefix="/progress")
bp.before_request(require_member)


TREND_WEEKS = 12


def _today() -> date:
    return today_in(current_user.timezone)


@bp.route("/")
def this_week() -> Response:
    return redirect(url_for("progress.week", monday=week_start(_today())))


@bp.route("/week/<isodate:monday>")
def week(monday: date) -> Response | str:
    today = _today()
    if monday != week_start(monday) or monday > today:
        return redirect(url_for("progress.week", monday=min(week_start(monday), week_start(today))))
    (summary,) = weeks_summary(current_user.id, monday, 1, today)
    return render_template(
        "progress/week.html", summary=summary, today=today, previous=monday - timedelta(weeks=1),
        next=monday + timedelta(weeks=1) if monday < week_start(today) else None,
        vitamin_d_unit=get_profile(current_user.id).vitamin_d_unit,
        comments=comments_on(current_user.id, week=monday), alcohol=alcohol_rules)


@bp.route("/trends")
def trends() -> str:
    unit = get_profile(current_user.id).vitamin_d_unit
    return render_template("progress/trends.html", weeks=TREND_WEEKS, vitamin_d_unit=unit,
                           **trend_context(current_user.id, _today()))


def trend_context(member_id: int, today: date) -> dict:
    """The 12-week charts and their tables for one member (shared with the therapist's view)."""
    this_monday = week_start(today)
    summaries = weeks_summary(member_id, this_monday, TREND_WEEKS, today)
    labels = [s.monday.strftime("%-d %b") for s in summaries]
    weekly_charts = []
    for i, metric in enumerate(summaries[-1].exercise):
        values = [s.exercise[i].actual for s in summaries]
        weekly_charts.append((metric, bar_chart(labels, values, metric.target),
                              list(zip(summaries, values, strict=True))))
    first_day = summaries[0].monday
    days = [first_day + timedelta(days=i) for i in range((today - first_day).days + 1)]
    by_day = daily_nutrients(member_id, first_day, today)
    nutrient_charts = []
    for nutrient in summaries[-1].nutrition:
        values = [getattr(by_day[d], nutrient.key) if d in by_day else None for d in days]
        target = nutrient.target.value if nutrient.target else None
        nutrient_charts.append((nutrient, line_chart([d.strftime("%-d %b") for d in days], values, target),
                                [(d, v) for d, v in zip(days, values, strict=True) if v is not None]))
    return {"weekly_charts": weekly_charts, "nutrient_charts": nutrient_charts}


@bp.route("/report")
def report() -> str:
    """A printable report of the last week or four (?weeks=1|4) for a doctor or therapist visit."""
    weeks = weeks_param(request.args.get("weeks"))
    return render_template("progress/report.html", report=build_report(current_user._get_current_object(), weeks,
                                                                       _today()),
                           weeks=weeks, site_labels=SITE_LABELS,
                           vitamin_d_unit=get_profile(current_user.id).vitamin_d_unit)
