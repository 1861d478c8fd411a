"""Her weekly summary, 12-week trends and printable report, as she and her therapist both see them (each
service returns the template's context; her route and her therapist's call it with her id)."""
from datetime import date, timedelta
from typing import Any

from app.auth.models import User
from app.care.services import comments_on
from app.exercises.services import (
    impact_note,
    low_impact_logged,
)
from app.extensions import db
from app.function.pages import heights
from app.function.services import history as function_history
from app.function.services import latest
from app.guidance import alcohol as alcohol_rules
from app.guidance.diagnosis import SITE_LABELS
from app.guidance.function import SPINE_XRAY, TESTS
from app.guidance.summary import to_go_text
from app.guidance.weeks import week_start, weeks_since
from app.profile.services import get_profile, page_units
from app.progress.charts import bar_chart, line_chart
from app.progress.report import build_report
from app.progress.services import daily_nutrients, weeks_summary

TREND_WEEKS = 12


def week_page(member_id: int, monday: date, today: date) -> dict[str, Any]:
    """Her weekly summary for the week starting `monday` (a Monday no later than this week's)."""
    (summary,) = weeks_summary(member_id, monday, 1, today)
    return {"summary": summary, "today": today, "previous": monday - timedelta(weeks=1),
            "next": monday + timedelta(weeks=1) if monday < week_start(today) else None,
            "comments": comments_on(member_id, week=monday), "alcohol": alcohol_rules, "to_go_text": to_go_text,
            "impact_note": impact_note(member_id, low_impact_logged(member_id, monday, monday + timedelta(days=6))),
            **page_units(member_id)}


def trends_page(member_id: int, today: date) -> dict[str, Any]:
    """The 12-week charts and their tables: from the later of 12 weeks ago and the week she joined."""
    member = db.session.get(User, member_id)
    weeks = weeks_since(today, member.member_since if member else None, TREND_WEEKS)
    summaries = weeks_summary(member_id, week_start(today), weeks, today)
    labels = [s.monday.strftime("%-d %b") for s in summaries]
    weekly_charts = []
    for metric in summaries[-1].exercise:
        # By key: a week before a fracture scored impact days where this week scores brisk-walking days.
        values = [next((m.actual for m in s.exercise if m.key == metric.key), 0) for s in summaries]
        weekly_charts.append((metric, bar_chart(labels, values, metric.target),
                              list(zip(summaries, values, strict=True))))
    first_day = summaries[0].monday
    days = [first_day + timedelta(days=i) for i in range((today - first_day).days + 1)]
    # The same days the summaries read (to the end of this week): one read of her food and supplements, not two.
    by_day = daily_nutrients(member_id, first_day, summaries[-1].monday + timedelta(days=6))
    nutrient_charts = []
    for nutrient in summaries[-1].nutrition:
        values = [getattr(by_day[d], nutrient.key) if d in by_day else None for d in days]
        target = nutrient.target.value if nutrient.target else None
        # Days above the upper limit, each judged with its own day's limit (the weeks' summaries say which).
        above = {d for s in summaries for m in s.nutrition if m.key == nutrient.key for d in m.above_limit_days}
        flags = [d in above for d in days]
        nutrient_charts.append((nutrient, line_chart([d.strftime("%-d %b") for d in days], values, target, flags),
                                [(d, v, d in above) for d, v in zip(days, values, strict=True) if v is not None]))
    return {"weeks": weeks, "weekly_charts": weekly_charts, "nutrient_charts": nutrient_charts,
            **page_units(member_id)}


def report_page(member: User, weeks: int, today: date) -> dict[str, Any]:
    """The printable report of her last `weeks` weeks."""
    results = function_history(member.id)
    return {"report": build_report(member, weeks, today), "weeks": weeks, "site_labels": SITE_LABELS,
            "function_latest": latest(results), "function_tests": TESTS, "height": heights(member.id),
            "spine_xray": SPINE_XRAY, "unit_system": get_profile(member.id).unit_system, **page_units(member.id)}
