"""The weekly summary and the 12-week trends: the signed-in member's own."""
from datetime import date

from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug import Response

from app.access import require_member
from app.guidance.weeks import week_start
from app.progress.pages import report_page, trends_page, week_page
from app.progress.report import weeks_param

bp = Blueprint("progress", __name__, url_prefix="/progress")
bp.before_request(require_member)



@bp.route("/")
def this_week() -> Response:
    return redirect(url_for("progress.week", monday=week_start(current_user.today())))


@bp.route("/week/<isodate:monday>")
def week(monday: date) -> Response | str:
    today = current_user.today()
    if monday != week_start(monday) or monday > today:
        return redirect(url_for("progress.week", monday=min(week_start(monday), week_start(today))))
    return render_template("progress/week.html", **week_page(current_user.id, monday, today))


@bp.route("/trends")
def trends() -> str:
    return render_template("progress/trends.html", **trends_page(current_user.id, current_user.today()))


@bp.route("/report")
def report() -> str:
    """A printable report of the last week or four (?weeks=1|4) for a doctor or therapist visit."""
    weeks = weeks_param(request.args.get("weeks"))
    return render_template("progress/report.html",
                           **report_page(current_user._get_current_object(), weeks, current_user.today()))
