"""Landing, dashboard and account pages."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug import Response

from app.auth.forms import ApiTokenForm
from app.auth.limits import verify_password
from app.auth.services import api_tokens, create_api_token, revoke_api_token
from app.care.services import access_log, latest_feedback, mark_feedback_read
from app.extensions import db
from app.forms import EmptyForm
from app.guidance.calendar import age_on, timezone_names, today_in
from app.guidance.diagnosis import CATEGORY_MIN_AGE, SITE_LABELS
from app.nutrition.services import day_view
from app.profile.forms import AccountForm
from app.profile.risk import screening_note
from app.profile.services import get_profile
from app.progress.services import weekly_summary
from app.submissions import handle_replacing, submitted_id
from app.targets import current_diagnosis, current_weight
from app.transactions import begin_writing

bp = Blueprint("main", __name__)



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
    # Said once: until she hides it, and only while no scan is on record (a category means one is).
    screening = None
    if diagnosis is None and profile.screening_note_hidden_at is None:
        screening = screening_note(current_user.id, today, dxa_on_record=False)
    profile_complete = None not in (profile.date_of_birth, profile.sex, current_weight(current_user.id, today))
    page = render_template("main/dashboard.html", profile=profile, diagnosis=diagnosis, today=today, age=age,
                           profile_complete=profile_complete,
                           screening=screening, hide_form=EmptyForm(),
                           category_min_age=CATEGORY_MIN_AGE, site_labels=SITE_LABELS,
                           day=day_view(current_user.id, today), week=weekly_summary(current_user.id, today, today),
                           vitamin_d_unit=profile.vitamin_d_unit, feedback=feedback)
    if any(not c.read_by_member for c in feedback):
        begin_writing()
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
    return _account_page(form, ApiTokenForm(formdata=None), 400 if form.is_submitted() else 200)


def _account_page(form: AccountForm, token_form: ApiTokenForm, status: int, new_token: str | None = None
                  ) -> tuple[str, int]:
    viewers = access_log(current_user.id) if current_user.is_member else []
    return render_template("main/account.html", form=form, timezones=timezone_names(), viewers=viewers,
                           token_form=token_form, tokens=api_tokens(current_user.id), new_token=new_token,
                           action_form=EmptyForm()), status


def _account_form() -> AccountForm:
    return AccountForm(formdata=None, data={"display_name": current_user.display_name,
                                            "timezone": current_user.timezone})



@bp.route("/account/tokens", methods=["POST"])
@login_required
def create_token() -> tuple[str, int]:
    """A personal API token, shown once on the page that answers this POST (never stored in the session)."""
    token_form = ApiTokenForm()
    if not token_form.validate_on_submit():
        return _account_page(_account_form(), token_form, 400)
    user = current_user._get_current_object()
    refusal = verify_password(user, token_form.password.data)
    if refusal:
        token_form.password.errors.append(refusal)
        return _account_page(_account_form(), token_form, 400)
    def make(earlier_id: int | None) -> tuple[int, str]:
        if earlier_id is not None:  # a resend: the token the first answer showed was never seen, so it stops working
            revoke_api_token(user.id, earlier_id)
        token, secret = create_api_token(user, token_form.name.data)
        return token.id, secret

    secret = handle_replacing(user.id, submitted_id(), request.path, make)
    return _account_page(_account_form(), ApiTokenForm(formdata=None), 201, new_token=secret)


@bp.route("/account/tokens/<id:token_id>/revoke", methods=["POST"])
@login_required
def revoke_token(token_id: int) -> Response:
    if not EmptyForm().validate_on_submit():
        abort(400)
    token = revoke_api_token(current_user.id, token_id) or abort(404)
    db.session.commit()
    flash(f"The token “{token.name}” no longer works.", "success")
    return redirect(url_for("main.account") + "#api-tokens")
