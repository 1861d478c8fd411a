"""Accounts: register, log in and out, change and reset the password."""
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from app.auth.models import PendingRegistration, Role, User
from app.auth.services import set_password
from app.extensions import db
from app.profile.models import MemberProfile
from tests.support.accounts import PASSWORD, outbox_messages, register, registration_link_from, reset_link_from

REGISTRATION = {"email": "june@example.com", "display_name": "June", "password": "a long enough password",
                "confirm": "a long enough password", "role": "member", "timezone": "Europe/London"}


def test_register_member_creates_account_profile_and_signs_in(client: FlaskClient, app: Flask) -> None:
    asked = client.post("/auth/register", data={"email": "june@example.com", "timezone": "Europe/London"})
    assert asked.status_code == 200 and "Check your inbox" in asked.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == 0  # made when the link is opened
    mail = outbox_messages(app)[-1]
    assert "To: june@example.com" in mail and "Finish making your Ossify account" in mail
    link = registration_link_from(mail)
    page = client.get(link).get_data(as_text=True)  # a GET (a mail preview) makes nothing
    assert "Make my account" in page and 'name="password"' in page and "june@example.com" in page
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == 0
    response = client.post(link, data={k: REGISTRATION[k] for k in ("display_name", "password", "confirm", "role",
                                                                    "timezone")})
    assert response.status_code == 302 and response.location == "/me/profile"
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "june@example.com"))
        assert user.role == "member" and user.timezone == "Europe/London" and user.display_name == "June"
        assert user.password_hash.startswith("pbkdf2:sha256") and PASSWORD not in user.password_hash
        assert db.session.get(MemberProfile, user.id) is not None
    assert client.get("/dashboard").status_code == 200
    again = app.test_client().post(link, data=REGISTRATION)
    assert again.status_code == 400 and "This link doesn" in again.get_data(as_text=True)  # used once


def test_a_signup_started_by_someone_else_cannot_choose_her_password(app: Flask) -> None:
    """The takeover: someone types her address and a password of theirs; she opens the mail and presses the button.
    The password is chosen on the page the link opens, so theirs was never kept and can't sign in."""
    attacker = app.test_client()
    started = attacker.post("/auth/register", data={**REGISTRATION, "password": "attackers password 1",
                                                    "confirm": "attackers password 1", "display_name": "URGENT"})
    assert started.status_code == 200
    with app.app_context():
        pending = db.session.scalar(select(PendingRegistration))
        assert not hasattr(pending, "password_hash") and not hasattr(pending, "display_name")
    mail = outbox_messages(app)[-1]
    assert "URGENT" not in mail and "attackers" not in mail
    assert "Hello,\n" in mail and "someone asked on Ossify's sign-up page" in mail
    assert "If you didn't expect this message" in mail and "no-reply@ossify.local" in mail
    her = app.test_client()
    link = registration_link_from(mail)
    refused = her.post(link)  # pressing the button alone makes nothing: she must choose her own password
    assert refused.status_code == 400 and "Choose a password." in refused.get_data(as_text=True)
    her.post(link, data={"display_name": "June", "password": "her own long password", "confirm":
                         "her own long password", "role": "member", "timezone": "UTC"})
    assert her.get("/dashboard").status_code == 200
    guessed = attacker.post("/auth/login", data={"email": "june@example.com", "password": "attackers password 1"})
    assert guessed.status_code == 401
    with app.app_context():
        assert db.session.scalar(select(User.display_name)) == "June"


@pytest.mark.parametrize("field, value, message", [
    ("display_name", "", "Enter the name we should call you."),
    ("display_name", "x" * 81, "Use at most 80 characters."),
    ("display_name", "June\u200b", "Remove the unusual characters (such as control characters) from this text."),
    ("display_name", "\ufeffJune", "Remove the unusual characters (such as control characters) from this text."),
    ("password", "short", "Use between 10 and 128 characters."),
    ("password", "p" * 129, "Use between 10 and 128 characters."),
    ("confirm", "something else", "The two passwords don&#39;t match."),
    ("role", "admin", "Choose one of the options."),
])
def test_finishing_a_signup_bad_input_message_at_field(client: FlaskClient, app: Flask, field: str, value: str,
                                                       message: str) -> None:
    client.post("/auth/register", data={"email": "june@example.com"})
    link = registration_link_from(outbox_messages(app)[-1])
    data = {**REGISTRATION, field: value}
    if field == "password":
        data["confirm"] = value
    response = client.post(link, data=data)
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert f'id="{field}-error" class="field-error">{message}' in body
    assert 'aria-describedby' in body and 'aria-invalid="true"' in body
    if field != "display_name":
        assert 'value="June"' in body  # what she typed is still there
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == 0


def test_register_therapist_has_no_member_profile(client: FlaskClient, app: Flask) -> None:
    response = register(client, {**REGISTRATION, "role": "therapist"})
    assert response.status_code == 302 and response.location == "/dashboard"
    with app.app_context():
        user = db.session.scalar(select(User))
        assert user.role == "therapist" and db.session.get(MemberProfile, user.id) is None


def test_register_unknown_timezone_falls_back_to_utc(client: FlaskClient, app: Flask) -> None:
    register(client, {**REGISTRATION, "timezone": "Nowhere/Special"})
    with app.app_context():
        assert db.session.scalar(select(User.timezone)) == "UTC"


@pytest.mark.parametrize("field, value, message", [
    ("email", "", "Enter your email address."),
    ("email", "not-an-email", "Enter a valid email address, like name@example.com."),
    ("email", "a" * 250 + "@example.com", "An email address can&#39;t be longer than 254 characters."),
])
def test_register_bad_input_message_at_field(client: FlaskClient, app: Flask, field: str, value: str,
                                             message: str) -> None:
    response = client.post("/auth/register", data={field: value})
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert f'id="{field}-error" class="field-error">{message}' in body
    assert 'aria-describedby' in body and 'aria-invalid="true"' in body
    assert outbox_messages(app) == []


def test_register_answers_the_same_for_a_taken_email(client: FlaskClient, app: Flask, member: User) -> None:
    taken = client.post("/auth/register", data={**REGISTRATION, "email": "  MARGARET@Example.COM "})
    free = app.test_client().post("/auth/register", data=REGISTRATION)
    assert taken.status_code == free.status_code == 200
    assert (taken.get_data(as_text=True).replace("margaret@example.com", "ADDRESS")
            == free.get_data(as_text=True).replace("june@example.com", "ADDRESS"))
    to_her = [m for m in outbox_messages(app) if "To: margaret@example.com" in m]
    assert len(to_her) == 1 and "It already has one" in to_her[0] and "/auth/register/" not in to_her[0]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == 1


def test_register_stores_email_lower_case(client: FlaskClient, app: Flask) -> None:
    register(client, {**REGISTRATION, "email": "June.Smith@Example.com"})
    with app.app_context():
        assert db.session.scalar(select(User.email)) == "june.smith@example.com"


def test_login_with_any_case_email_then_logout(client: FlaskClient, member: User) -> None:
    response = client.post("/auth/login", data={"email": "Margaret@EXAMPLE.com", "password": PASSWORD})
    assert response.status_code == 302 and response.location == "/dashboard"
    assert "Hello, Margaret" in client.get("/dashboard").get_data(as_text=True)
    assert client.post("/auth/logout").status_code == 302
    assert client.get("/dashboard").status_code == 302


@pytest.mark.parametrize("email, password", [
    ("margaret@example.com", "wrong password!"),
    ("nobody@example.com", PASSWORD),
])
def test_login_failure_does_not_say_which_part_was_wrong(client: FlaskClient, member: User, email: str,
                                                         password: str) -> None:
    response = client.post("/auth/login", data={"email": email, "password": password})
    assert response.status_code == 401
    body = response.get_data(as_text=True)
    assert "Email or password is incorrect." in body
    assert f'value="{email}"' in body


def test_login_refuses_deactivated_account(client: FlaskClient, app: Flask, member: User) -> None:
    with app.app_context():
        db.session.get(User, member.id).active = False
        db.session.commit()
    response = client.post("/auth/login", data={"email": member.email, "password": PASSWORD})
    assert response.status_code == 403 and "This account has been deactivated" in response.get_data(as_text=True)
    # A wrong password learns nothing about the account's state.
    wrong = client.post("/auth/login", data={"email": member.email, "password": "not her password"})
    assert wrong.status_code == 401 and "deactivated" not in wrong.get_data(as_text=True)


def test_deactivate_account_command_ends_open_sessions(client: FlaskClient, app: Flask, member: User) -> None:
    assert client.post("/auth/login", data={"email": member.email, "password": PASSWORD}).status_code == 302
    assert client.get("/dashboard").status_code == 200
    runner = app.test_cli_runner()
    result = runner.invoke(args=["deactivate-account", member.email.upper()])
    assert result.exit_code == 0, result.output
    assert "Deactivated" in result.output
    assert client.get("/dashboard").status_code == 302  # the open session is over
    assert client.post("/auth/login", data={"email": member.email, "password": PASSWORD}).status_code == 403
    assert runner.invoke(args=["deactivate-account", "nobody@example.com"]).exit_code != 0
    assert runner.invoke(args=["reactivate-account", member.email]).exit_code == 0
    assert client.post("/auth/login", data={"email": member.email, "password": PASSWORD}).status_code == 302


def test_sign_out_everywhere_ends_every_session(app: Flask, member: User) -> None:
    phone, laptop = app.test_client(), app.test_client()
    for device in (phone, laptop):
        device.post("/auth/login", data={"email": member.email, "password": PASSWORD, "remember": "y"})
        assert device.get("/dashboard").status_code == 200
    assert "Sign out everywhere" in laptop.get("/account").get_data(as_text=True)
    response = laptop.post("/auth/sign-out-everywhere")
    assert response.status_code == 302 and response.location == "/auth/login"
    assert laptop.get("/dashboard").status_code == 302
    # The phone keeps its session cookie and its remember-me cookie; neither names a live token any more.
    with phone.session_transaction() as session:
        assert session.get("_user_id")
    assert phone.get("/dashboard").status_code == 302
    assert phone.post("/auth/login", data={"email": member.email, "password": PASSWORD}).status_code == 302


def test_password_change_signs_out_other_devices_and_remember_me(app: Flask, member: User) -> None:
    phone, laptop = app.test_client(), app.test_client()
    for device in (phone, laptop):
        device.post("/auth/login", data={"email": member.email, "password": PASSWORD, "remember": "y"})
    response = laptop.post("/auth/password", data={"current_password": PASSWORD, "password": "a new passphrase 1",
                                                    "confirm": "a new passphrase 1"})
    assert response.status_code == 302
    assert laptop.get("/dashboard").status_code == 200
    with phone.session_transaction() as session:
        session.pop("_user_id", None)  # leave only the remember-me cookie
    assert phone.get("/dashboard").status_code == 302


def test_login_follows_local_next_only(client: FlaskClient, member: User) -> None:
    data = {"email": member.email, "password": PASSWORD}
    assert client.post("/auth/login?next=/me/health", data=data).location == "/me/health"
    client.post("/auth/logout")
    for evil in ("https://evil.example/", "//evil.example/x", "/\\evil.example"):
        assert client.post(f"/auth/login?next={evil}", data=data).location == "/dashboard"
        client.post("/auth/logout")


def test_remember_me_sets_a_lasting_httponly_cookie(client: FlaskClient, member: User) -> None:
    response = client.post("/auth/login", data={"email": member.email, "password": PASSWORD, "remember": "y"})
    cookies = response.headers.getlist("Set-Cookie")
    remember = next(c for c in cookies if c.startswith("remember_token="))
    assert "HttpOnly" in remember and "Expires=" in remember and "SameSite=Lax" in remember


def test_session_cookie_flags(client: FlaskClient, member: User) -> None:
    response = client.post("/auth/login", data={"email": member.email, "password": PASSWORD})
    session_cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("session="))
    assert "HttpOnly" in session_cookie and "SameSite=Lax" in session_cookie


def test_change_password_requires_current_and_signs_out_other_devices(app: Flask, member: User) -> None:
    laptop, phone = app.test_client(), app.test_client()
    for c in (laptop, phone):
        c.post("/auth/login", data={"email": member.email, "password": PASSWORD})
    wrong = laptop.post("/auth/password", data={"current_password": "not it at all", "password": "brand new password",
                                                "confirm": "brand new password"})
    assert wrong.status_code == 400 and "That is not your current password." in wrong.get_data(as_text=True)
    ok = laptop.post("/auth/password", data={"current_password": PASSWORD, "password": "brand new password",
                                             "confirm": "brand new password"})
    assert ok.status_code == 302
    assert laptop.get("/dashboard").status_code == 200      # this device stays signed in
    assert phone.get("/dashboard").status_code == 302       # the other one is signed out
    laptop.post("/auth/logout")
    assert laptop.post("/auth/login", data={"email": member.email, "password": PASSWORD}).status_code == 401
    assert laptop.post("/auth/login", data={"email": member.email,
                                            "password": "brand new password"}).status_code == 302


def test_password_reset_link_works_once(client: FlaskClient, app: Flask, member: User) -> None:
    response = client.post("/auth/reset", data={"email": "MARGARET@example.com"})
    assert response.status_code == 302
    (message,) = outbox_messages(app)
    assert "To: margaret@example.com" in message
    link = reset_link_from(message)
    assert client.get(link).status_code == 200
    new = {"password": "my fresh password", "confirm": "my fresh password"}
    assert client.post(link, data=new).status_code == 302
    assert client.post("/auth/login", data={"email": member.email, "password": "my fresh password"}).status_code == 302
    client.post("/auth/logout")
    # Single use: the same link is now spent.
    assert client.get(link).status_code == 400
    assert client.post(link, data={"password": "another password!", "confirm": "another password!"}).status_code == 400


def test_password_reset_for_unknown_email_answers_the_same(client: FlaskClient, app: Flask, member: User) -> None:
    known = client.post("/auth/reset", data={"email": member.email}, follow_redirects=True)
    unknown = client.post("/auth/reset", data={"email": "nobody@example.com"}, follow_redirects=True)
    assert known.status_code == unknown.status_code == 200
    assert "If an account exists for that email" in known.get_data(as_text=True)
    assert "If an account exists for that email" in unknown.get_data(as_text=True)
    assert len(outbox_messages(app)) == 1


def test_password_reset_link_expires(make_app, member: User) -> None:
    app = make_app(PASSWORD_RESET_MAX_AGE=-1)
    client = app.test_client()
    client.post("/auth/reset", data={"email": member.email})
    link = reset_link_from(outbox_messages(app)[0])
    assert client.get(link).status_code == 400


def test_password_reset_link_spent_by_any_password_change(client: FlaskClient, app: Flask, member: User) -> None:
    client.post("/auth/reset", data={"email": member.email})
    link = reset_link_from(outbox_messages(app)[0])
    with app.app_context():
        set_password(db.session.get(User, member.id), "changed elsewhere", app.config["PASSWORD_HASH_METHOD"])
        db.session.commit()
    assert client.get(link).status_code == 400


@pytest.mark.parametrize("token", ["garbage", "a" * 300, "eyJ1aWQiOiIxIn0.abc.def"])
def test_password_reset_forged_token_is_refused(client: FlaskClient, member: User, token: str) -> None:
    assert client.get(f"/auth/reset/{token}").status_code == 400


def test_production_uses_scrypt() -> None:
    from config import ProductionConfig
    assert ProductionConfig.PASSWORD_HASH_METHOD == "scrypt"


def test_cli_create_user(runner, app: Flask) -> None:
    result = runner.invoke(args=["create-user", "--email", "Lee@Example.com", "--name", "Lee", "--role",
                                 "therapist", "--password", "long enough pw"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = db.session.scalar(select(User))
        assert (user.email, user.role) == ("lee@example.com", Role.THERAPIST.value)
    again = runner.invoke(args=["create-user", "--email", "lee@example.com", "--name", "Lee", "--password",
                                "long enough pw"])
    assert again.exit_code != 0 and "already exists" in again.output


def test_cli_seed_demo_is_repeatable_and_true_to_life(runner, app: Flask) -> None:
    from datetime import timedelta

    from app.care.models import CareLink, Comment
    from app.demo import DEMO_MEMBER, DEMO_PASSWORD, DEMO_THERAPIST, DEMO_TIMEZONE
    from app.exercises.models import ExerciseSession, ProgramItem
    from app.guidance.calendar import today_in
    from app.nutrition.models import FoodLog, SupplementLog
    from app.progress.services import weekly_summary
    from app.workspace.caseload import caseload

    counts = []
    for _ in range(2):
        result = runner.invoke(args=["seed-demo"])
        assert result.exit_code == 0, result.output
        with app.app_context():
            counts.append([db.session.scalar(select(func.count()).select_from(model))
                           for model in (User, ExerciseSession, FoodLog, SupplementLog, CareLink, Comment)])
    assert counts[0] == counts[1]  # seeding again replaces the demo data, it doesn't add to it
    assert DEMO_MEMBER in result.output and DEMO_THERAPIST in result.output and DEMO_PASSWORD in result.output
    today = today_in(DEMO_TIMEZONE)
    with app.app_context():
        member = db.session.scalar(select(User).where(User.email == DEMO_MEMBER))
        therapist = db.session.scalar(select(User).where(User.email == DEMO_THERAPIST))
        days = set(db.session.scalars(select(ExerciseSession.session_date).where(
            ExerciseSession.member_id == member.id)))
        assert min(days) <= today - timedelta(weeks=11) and max(days) >= today - timedelta(days=3)  # 12 weeks
        ordered = sorted(days)
        assert max(b - a for a, b in zip(ordered, ordered[1:], strict=False)) > timedelta(days=7)  # a whole week away
        assert len(days) < 7 * 12 - 7 - 3  # and a few other missed days
        pains = db.session.scalars(select(ExerciseSession).where(ExerciseSession.member_id == member.id,
                                                                 ExerciseSession.pain.is_(True))).all()
        assert len(pains) == 1 and pains[0].pain_where
        doses = db.session.scalar(select(func.count()).select_from(SupplementLog).where(
            SupplementLog.member_id == member.id))
        assert doses > 2 * 7 * 10  # a twice-daily routine, most days
        food_days = set(db.session.scalars(select(FoodLog.log_date).where(FoodLog.member_id == member.id)))
        assert len(food_days) > 60
        assert db.session.scalar(select(func.count()).select_from(ProgramItem).where(
            ProgramItem.member_id == member.id)) >= 4
        week = weekly_summary(member.id, today - timedelta(days=7), today)
        assert week.exercise  # her last full week shows work against targets
        rows = caseload(therapist.id).rows
        assert len(rows) == 5  # five active clients (a sixth has only invited her)
        flags = " ".join(f["text"] for row in rows for f in row.status.flags)
        assert "Nothing logged" in flags and "Pain reported" in flags and "Above an upper limit" in flags
        # The client above a limit: her cell says so in its own state, never a green "met" (issue 32, point 5).
        above = [c for row in rows for c in row.status.targets if c["status"] == "above_limit"]
        assert above and all(c["text"].endswith(", above the limit") for c in above)
        assert db.session.scalar(select(func.count()).select_from(CareLink).where(
            CareLink.therapist_id == therapist.id, CareLink.status == "invited")) == 1


def test_reset_link_uses_public_url_not_the_request_host(make_app, member: User) -> None:
    app = make_app(PUBLIC_URL="https://ossify.example.org")
    app.test_client().post("/auth/reset", data={"email": member.email}, headers={"Host": "evil.example"})
    (message,) = outbox_messages(app)
    assert "https://ossify.example.org/auth/reset/" in message and "evil.example" not in message
