"""Landing, dashboard and account pages."""
from datetime import UTC, datetime, timedelta

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import text
from werkzeug import Response

from app.care.caseload import reviews_for_member
from app.care.flags import EVENT_NOUNS
from app.care.services import latest_feedback, mark_feedback_read, replies_to
from app.extensions import db, limiter
from app.forms import EmptyForm
from app.guidance.bands import band_label
from app.guidance.calendar import age_on, today_in
from app.guidance.diagnosis import CATEGORY_MIN_AGE, SITE_LABELS
from app.nutrition.services import day_view
from app.pages import next_step_for
from app.profile.risk import screening_note
from app.profile.services import get_profile
from app.progress.services import weekly_summary
from app.reminders.medicines import medicines_due
from app.reminders.services import reminders_to_offer
from app.shared_limits import RedisOrProcessStorage
from app.targets import current_diagnosis, current_weight
from app.transactions import begin_writing

REVIEWS_SHOWN_FOR = timedelta(days=30)  # "Priya has seen your pain report" stays on her Home for a month

bp = Blueprint("main", __name__)


@bp.route("/healthz")
def healthz() -> tuple[dict, int]:
    """For a load balancer: the process answers (nothing else is said)."""
    return {"status": "ok"}, 200


@bp.route("/readyz")
def readyz() -> tuple[dict, int]:
    """For a load balancer: 503 only when *this instance* can't serve pages (it can't reach the database).

    Redis is shared by every instance and Ossify serves without it (limits count per process meanwhile,
    app/shared_limits.py): its outage is no reason to take an instance out, since every instance would go at once.
    It is said as "degraded", with a 200, for monitoring to see (README "Health checks")."""
    try:
        db.session.execute(text("SELECT 1"))
        db.session.rollback()
    except Exception:  # noqa: BLE001  (any failure means: not ready; the reason stays in the logs)
        db.session.rollback()
        current_app.logger.warning("readyz: the database does not answer", exc_info=True)
        return {"status": "unavailable"}, 503
    storage = limiter.storage if current_app.config.get("RATELIMIT_ENABLED") else None  # none when limits are off
    if isinstance(storage, RedisOrProcessStorage) and not storage.check():
        return {"status": "degraded"}, 200
    return {"status": "ok"}, 200


@bp.route("/")
def index() -> Response | str:
    if current_user.is_authenticated:
        return redirect(url_for("main.dashboard"))
    return render_template("main/index.html")


@bp.route("/login")
@bp.route("/signin")
@bp.route("/sign-in")
def login_elsewhere() -> Response:
    """The sign-in page lives at /auth/login; the addresses people type find it too (the query kept: ?next=)."""
    return redirect(url_for("auth.login", **request.args.to_dict()), 301)


@bp.route("/favicon.ico")
def favicon() -> Response:
    """Browsers that ask for /favicon.ico without reading the page's <link rel=icon>."""
    return redirect(url_for("static", filename="img/favicon.svg"), 301)


@bp.route("/dashboard")
@login_required
def dashboard() -> Response | str:
    if not current_user.is_member:
        return redirect(url_for("workspace.dashboard"))  # a therapist's home is her caseload
    profile = get_profile(current_user.id)
    diagnosis = current_diagnosis(current_user.id)
    today = today_in(current_user.timezone)
    age = age_on(profile.date_of_birth, today) if profile.date_of_birth else None
    feedback = latest_feedback(current_user.id)
    # Said once: until she hides it, and only while no scan is on record (a category means one is).
    screening = None
    if diagnosis is None and profile.screening_note_hidden_at is None:
        screening = screening_note(current_user.id, today, dxa_on_record=False)
    week = weekly_summary(current_user.id, today, today)
    step, has_program = next_step_for(current_user.id, week)
    profile_complete = None not in (profile.date_of_birth, profile.sex, current_weight(current_user.id, today))
    page = render_template("main/dashboard.html", profile=profile, diagnosis=diagnosis, today=today, age=age,
                           profile_complete=profile_complete,
                           screening=screening, hide_form=EmptyForm(),
                           category_min_age=CATEGORY_MIN_AGE, site_labels=SITE_LABELS,
                           day=day_view(current_user.id, today), week=week, step=step, band_label=band_label,
                           has_program=has_program,
                           vitamin_d_unit=profile.vitamin_d_unit, feedback=feedback,
                           replies=replies_to(current_user.id, feedback),
                           reviews=reviews_for_member(current_user.id, datetime.now(UTC) - REVIEWS_SHOWN_FOR),
                           event_nouns=EVENT_NOUNS, offer_reminders=reminders_to_offer(current_user.id),
                           overdue=[d for d in medicines_due(current_user.id, today) if d.since])
    if any(not c.read_by_member for c in feedback):
        begin_writing()
        mark_feedback_read(current_user.id)
        db.session.commit()
    return page
