"""A person's account in one place: the account page (name, time zone, who viewed her data), personal API
tokens, downloading all her data, and deleting the account."""
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, logout_user
from werkzeug import Response

from app.access import require_member
from app.account.deletion import delete_account as delete_everything
from app.account.export import member_zip, zip_response
from app.auth import sessions
from app.auth.forms import ApiTokenForm, DeleteAccountForm
from app.auth.limits import verify_password
from app.auth.mail import forget_outbox
from app.auth.services import api_tokens, create_api_token, revoke_api_token
from app.care.services import access_log
from app.extensions import db
from app.forms import EmptyForm
from app.guidance.calendar import timezone_names
from app.profile.forms import AccountForm
from app.submissions import handle_replacing, submitted_id

bp = Blueprint("account", __name__)


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account() -> Response | str | tuple[str, int]:
    form = AccountForm(data={"display_name": current_user.display_name, "timezone": current_user.timezone})
    if current_user.is_therapist and form.validate_on_submit():
        current_user.display_name = form.display_name.data.strip()
        current_user.timezone = form.timezone.data.strip()
        db.session.commit()
        flash("Your account is saved.", "success")
        return redirect(url_for("account.account"))
    return _account_page(form, ApiTokenForm(formdata=None), 400 if form.is_submitted() else 200)


def _account_page(form: AccountForm, token_form: ApiTokenForm, status: int, new_token: str | None = None
                  ) -> tuple[str, int]:
    viewers = access_log(current_user.id) if current_user.is_member else []
    return render_template("account/account.html", form=form, timezones=timezone_names(), viewers=viewers,
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
    return redirect(url_for("account.account") + "#api-tokens")


@bp.route("/account/delete", methods=["GET", "POST"])
@login_required
def delete_account() -> Response | str | tuple[str, int]:
    """Delete the account and (for a member) all her data, after she types her password again."""
    form = DeleteAccountForm()
    if form.validate_on_submit():
        refusal = verify_password(current_user, form.password.data)
        if refusal:
            form.password.errors.append(f"{refusal} Nothing has been deleted.")
        else:
            user = current_user._get_current_object()
            sessions.end(user)  # this device's sign-in, then the browser's cookie
            logout_user()
            email = user.email
            delete_everything(user)
            db.session.commit()
            forget_outbox(email, current_app.config)
            flash("Your account and everything in it are deleted. Thank you for using Ossify.", "success")
            return redirect(url_for("main.index"))
    status = 400 if form.is_submitted() else 200
    return render_template("account/delete.html", form=form), status


@bp.route("/account/export.zip")
@login_required
def export() -> Response:
    """All her data as CSV files in a zip, with a README of the columns (a member's: a therapist's account holds
    no health data)."""
    require_member()
    today = current_user.today()
    return zip_response(member_zip(current_user.id, today), f"ossify-my-data-{today.isoformat()}.zip")
