"""Landing, dashboard and account pages."""

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import text
from werkzeug import Response

from app.care.services import mark_feedback_read
from app.extensions import db, limiter
from app.main.pages import has_unread_feedback, home_page
from app.shared_limits import RedisOrProcessStorage
from app.transactions import begin_writing

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
    page = render_template("main/dashboard.html", **home_page(current_user.id, current_user.today()))
    if has_unread_feedback(current_user.id):
        begin_writing()
        mark_feedback_read(current_user.id)
        db.session.commit()
    return page
