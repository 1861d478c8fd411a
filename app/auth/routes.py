"""Account pages."""
from datetime import timedelta

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy.exc import IntegrityError
from werkzeug import Response

from app.auth import limits, services, sessions
from app.auth.forms import (
    ChangePasswordForm,
    FinishRegistrationForm,
    LoginForm,
    RegisterForm,
    ResetPasswordForm,
    ResetRequestForm,
)
from app.auth.mail import send_mail_after_response
from app.auth.mailbox import RESET_MAILS_PER_MAILBOX, SIGNUP_MAILS_PER_MAILBOX, mailbox_key
from app.auth.messages import signup_mail, signup_mail_for_account
from app.auth.models import Role, User
from app.auth.services import EmailTaken, authenticate, find_user_by_email, normalize_email, set_password
from app.auth.tokens import make_reset_token, user_for_reset_token
from app.care.services import claim_invitations
from app.extensions import db, limiter, login_manager
from app.forms import EmptyForm
from app.guidance.calendar import is_valid_timezone
from app.security import local_path

bp = Blueprint("auth", __name__, url_prefix="/auth")


LOGIN_FAILED = "Email or password is incorrect."
ACCOUNT_DEACTIVATED = "This account has been deactivated. Write to the Ossify team if you think that is a mistake."
RESET_SENT = ("If an account exists for that email, we've sent a link to reset the password. "
              "It works once, for one hour.")


@login_manager.user_loader
def load_user(secret: str) -> User | None:
    return sessions.load(secret, timedelta(seconds=current_app.config["REMEMBER_COOKIE_DURATION"]))


def _sign_in(user: User, remember: bool = False) -> None:
    """A new server-side sign-in for this device, with a fresh CSRF secret (a token planted before signing in is
    worthless after); the caller commits."""
    session.pop(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"), None)
    g.pop("csrf_token", None)
    sessions.start(user)
    login_user(user, remember=remember)


def _sign_out() -> None:
    """End this device's sign-in on the server, then in the browser; the caller commits."""
    if current_user.is_authenticated:
        sessions.end(current_user._get_current_object())
    logout_user()


def _hash_method() -> str:
    return current_app.config["PASSWORD_HASH_METHOD"]


def _safe_next(default: str) -> str:
    return local_path(request.args.get("next"), default)


def _failed_login(response: Response) -> bool:
    return response.status_code == 401


def _reset_account_key() -> str:
    return "reset-mailbox:" + mailbox_key(request.form.get("email", ""))


def _register_email_key() -> str:
    return "register-mailbox:" + mailbox_key(request.form.get("email", ""))


def _role_asked(value: str | None) -> Role:
    return Role.THERAPIST if value == Role.THERAPIST.value else Role.MEMBER


def _timezone_or_utc(value: str | None) -> str:
    return value if value and is_valid_timezone(value) else "UTC"


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit("20 per hour", methods=["POST"], error_message="Too many new accounts from here. Try again later.")
@limiter.limit(SIGNUP_MAILS_PER_MAILBOX, methods=["POST"], key_func=_register_email_key,
               error_message="We have sent several messages to this address already. Check your inbox.")
def register() -> Response | str | tuple[str, int]:
    """Step 1: the address alone. Its answer is "check your inbox" whoever the address belongs to; the name and
    password are chosen on the page the mailed link opens (OWASP Authentication Cheat Sheet: the same response
    whether or not it exists; a sign-up started by someone else can't choose her password)."""
    if current_user.is_authenticated:
        return redirect(url_for("main.dashboard"))
    form = RegisterForm()
    if request.method == "GET":  # an invitation mail's link fills in the address it was sent to, as a therapist
        form.email.data = request.args.get("email", "")[:254] or form.email.data
        form.role.data = _role_asked(request.args.get("role")).value
    if form.validate_on_submit():
        email = normalize_email(form.email.data)
        secret = services.start_registration(email, _role_asked(form.role.data), _timezone_or_utc(form.timezone.data))
        taken = services.email_taken(email)
        db.session.commit()
        send_mail_after_response(email, *(signup_mail_for_account() if taken else signup_mail(secret)))
        hint = current_app.config.get("SHOW_OUTBOX_HINT") and not current_app.config.get("MAIL_SERVER")
        return render_template("auth/check_inbox.html", email=email,
                               outbox=current_app.config["MAIL_OUTBOX_DIR"] if hint else None)
    status = 400 if form.is_submitted() else 200
    return render_template("auth/register.html", form=form), status


@bp.route("/register/<secret>", methods=["GET", "POST"])
def confirm_registration(secret: str) -> Response | str | tuple[str, int]:
    """Step 2: the mailed link proved the address; here she chooses her name and password. A GET only shows the form
    (mail programs open links to preview them); the account is made by the form."""
    pending = services.pending_registration(secret)
    if pending is None:
        return render_template("auth/register_invalid.html"), 400
    form = FinishRegistrationForm()
    if request.method == "GET":
        form.role.data = pending.role
        form.timezone.data = pending.timezone
    if form.validate_on_submit():
        try:
            user = services.finish_registration(pending, form.display_name.data, form.password.data,
                                                Role(form.role.data), _timezone_or_utc(form.timezone.data),
                                                _hash_method())
            if user.is_therapist:
                claim_invitations(user)
            _sign_in(user)
            db.session.commit()
        except (EmailTaken, IntegrityError):  # made meanwhile, from another link or another tab
            db.session.rollback()
            flash("This address has an account already. Log in, or reset the password.", "info")
            return redirect(url_for("auth.login"))
        flash("Welcome to Ossify! Your account is ready.", "success")
        response = redirect(url_for("main.dashboard"))
        if user.is_member:
            flash("Start by filling in your profile: your targets depend on it.", "info")
            response = redirect(url_for("profile.edit_profile"))
        return limits.remember_device(response, user)
    status = 400 if form.is_submitted() else 200
    return render_template("auth/confirm_registration.html", form=form, pending=pending), status


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_LIMIT_PER_IP"], methods=["POST"], deduct_when=_failed_login,
               error_message="Too many sign-in attempts from here. Wait 15 minutes, or reset your password.")
def login() -> Response | str | tuple[str, int]:
    """Sign-in; the per-account limit and the device cookie are app/auth/limits.py."""
    if current_user.is_authenticated:
        return redirect(url_for("main.dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        email = normalize_email(form.email.data)
        account = find_user_by_email(email)
        key = limits.login_key(email, account)
        if not limits.login_attempt_allowed(key):
            return render_template("auth/login.html", form=form, login_error=limits.LOGIN_LOCKED), 429
        user = authenticate(account, form.password.data, _hash_method())
        if user is not None and not user.active:
            return render_template("auth/login.html", form=form, login_error=ACCOUNT_DEACTIVATED), 403
        if user is not None:
            limits.refund_login_attempt(key)
            _sign_in(user, remember=form.remember.data)
            db.session.commit()
            return limits.remember_device(redirect(_safe_next(url_for("main.dashboard"))), user)
        return render_template("auth/login.html", form=form, login_error=LOGIN_FAILED), 401
    status = 400 if form.is_submitted() else 200
    return render_template("auth/login.html", form=form), status


@bp.route("/logout", methods=["POST"])
def logout() -> Response:
    form = EmptyForm()
    if not form.validate_on_submit():
        abort(400)
    _sign_out()
    db.session.commit()
    flash("You are signed out.", "info")
    return redirect(url_for("auth.login"))


@bp.route("/sign-out-everywhere", methods=["POST"])
@login_required
def sign_out_everywhere() -> Response:
    form = EmptyForm()
    if not form.validate_on_submit():
        abort(400)
    services.sign_out_everywhere(current_user._get_current_object())
    logout_user()
    db.session.commit()
    flash("You are signed out on every device, this one included.", "info")
    return redirect(url_for("auth.login"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
def change_password() -> Response | str | tuple[str, int]:
    form = ChangePasswordForm()
    if form.validate_on_submit():
        refusal = limits.verify_password(current_user, form.current_password.data,
                                         wrong="That is not your current password.")
        if refusal:
            form.current_password.errors.append(refusal)
        else:
            user = current_user._get_current_object()
            set_password(user, form.password.data, _hash_method())
            _sign_in(user)  # every sign-in ended with the old password; this device gets a new one
            db.session.commit()
            flash("Your password is changed. Other devices have been signed out and your API tokens revoked.",
                  "success")
            return redirect(url_for("account.account"))
    status = 400 if form.is_submitted() else 200
    return render_template("auth/change_password.html", form=form), status


@bp.route("/reset", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"], error_message="Too many reset requests from here. Try again later.")
@limiter.limit(RESET_MAILS_PER_MAILBOX, methods=["POST"], key_func=_reset_account_key,
               error_message="Too many reset requests for this email. Check your inbox, or try again later.")
def request_reset() -> Response | str | tuple[str, int]:
    form = ResetRequestForm()
    if form.validate_on_submit():
        user = find_user_by_email(form.email.data)
        if user is not None and user.active:
            token = make_reset_token(user, current_app.config["SECRET_KEY"])
            path = url_for("auth.reset_password", token=token)
            link = current_app.config["PUBLIC_URL"] + path  # never the Host header, which the asker chose
            minutes = current_app.config["PASSWORD_RESET_MAX_AGE"] // 60
            send_mail_after_response(
                user.email,
                "Reset your Ossify password",
                f"Hello {user.display_name},\n\nSomeone (hopefully you) asked to reset the password of your "
                f"Ossify account. Open this link to choose a new one:\n\n{link}\n\n"
                f"The link works once and expires in {minutes} minutes. If you didn't ask, ignore this "
                f"message: your password stays as it is.\n",
            )
        flash(RESET_SENT, "info")
        return redirect(url_for("auth.login"))
    status = 400 if form.is_submitted() else 200
    return render_template("auth/request_reset.html", form=form), status


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str) -> Response | str | tuple[str, int]:
    user = user_for_reset_token(token, current_app.config["SECRET_KEY"], current_app.config["PASSWORD_RESET_MAX_AGE"])
    if user is None:
        return render_template("auth/reset_invalid.html"), 400
    form = ResetPasswordForm()
    if form.validate_on_submit():
        set_password(user, form.password.data, _hash_method())
        logout_user()
        db.session.commit()
        flash("Your password is changed. Log in with the new one.", "success")
        # The link reached her inbox: this browser is hers, so new-device limits don't hold her up.
        return limits.remember_device(redirect(url_for("auth.login")), user)
    status = 400 if form.is_submitted() else 200
    return render_template("auth/reset_password.html", form=form, token=token), status
