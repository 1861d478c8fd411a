"""Landing, dashboard and account pages."""
from flask import flash, redirect, render_template, url_for
from flask_login import current_user, login_required
from werkzeug import Response

from app.care.services import access_log, latest_feedback, mark_feedback_read
from app.extensions import db
from app.guidance.calendar import age_on, timezone_names, today_in
from app.guidance.diagnosis import CATEGORY_MIN_AGE, SITE_LABELS
from app.main import bp
from app.profile.forms import AccountForm
from app.nutrition.routes import vitamin_d_formatter
from app.nutrition.services import day_view
from app.profile.services import current_diagnosis, get_profile
from app.progress.services import weekly_summary


@bp.route("/")
def index() -> Response | str:
    if current_user.is_authenticated:
        return redirect(url_for("main.dashboard"))
    return render_template("main/index.html")


@bp.route("/dashboard")
@login_required
def dashboard() -> str:
    if not current_user.is_member:
        return render_template("main/therapist_dashboard.html")
    profile = get_profile(current_user.id)
    diagnosis = current_diagnosis(current_user.id)
    today = today_in(current_user.timezone)
    age = age_on(profile.date_of_birth, today) if profile.date_of_birth else None
    feedback = latest_feedback(current_user.id)
    page = render_template("main/dashboard.html", profile=profile, diagnosis=diagnosis, today=today, age=age,
                           category_min_age=CATEGORY_MIN_AGE, site_labels=SITE_LABELS,
                           day=day_view(current_user.id, today), week=weekly_summary(current_user.id, today, today),
                           vitamin_d=vitamin_d_formatter(profile.vitamin_d_unit), feedback=feedback)
    if any(not c.read_by_member for c in feedback):
        mark_feedback_read(current_user.id)
        db.session.commit()
    return page


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account() -> Response | str | tuple[str, int]:
    form = AccountForm(data={"display_name": current_user.display_name, "timezone": current_user.timezone})
    if current_user.is_therapist and form.validate_on_submit():
        current_user.display_name = form.display_name.data.strip()
        current_user.timezone = form.timezone.data.strip()
        db.session.commit()
        flash("Your account is saved.", "success")
        return redirect(url_for("main.account"))
    status = 400 if form.is_submitted() else 200
    viewers = access_log(current_user.id) if current_user.is_member else []
    return render_template("main/account.html", form=form, timezones=timezone_names(), viewers=viewers), status
