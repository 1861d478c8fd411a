"""Credentials that name an account die with it and with her password; mail to an address without an account carries
no stranger's words; sign-up mails are counted per mailbox; smaller hardening (the third probe, issue 30).
"""
import base64
import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from icalendar import Calendar
from sqlalchemy import func, select

from app.auth.mailbox import mailbox_key
from app.auth.messages import checked_name
from app.auth.models import Role, User
from app.extensions import db
from app.nutrition.models import SavedMeal
from app.reminders.models import ReminderSetting
from app.reminders.services import compose, read_unsubscribe_token, unsubscribe_token, write
from tests.support.accounts import PASSWORD, outbox_messages, registration_link_from, reset_link_from
from tests.support.food import MILK, log_food
from tests.support.world import TODAY, as_user

NEW_PASSWORD = "a brand new long password"


def _payload(token: str) -> dict:
    """What anyone can read of a signed token (itsdangerous signs; it doesn't encrypt)."""
    head = token.split(".")[0]
    return json.loads(base64.urlsafe_b64decode(head + "=" * (-len(head) % 4)))


def _names_no_id(payload: dict, user_id: int) -> bool:
    return all(value not in (user_id, str(user_id)) for value in payload.values())


def _unsubscribe_path(app: Flask, user_id: int, kind: str = "exercise") -> str:
    with app.app_context():
        user = db.session.get(User, user_id)
        setting = db.session.get(ReminderSetting, user_id)
        token = unsubscribe_token(user, setting, kind)
        db.session.commit()
    return f"/unsubscribe/{token}"


def _turn_on_exercise(app: Flask, user_id: int) -> None:
    with app.app_context():
        db.session.merge(ReminderSetting(user_id=user_id, exercise_on=True, exercise_days="0,1,2,3,4,5,6",
                                         exercise_at=datetime.now(UTC).time().replace(microsecond=0)))
        db.session.commit()


# --- Unsubscribe links ------------------------------------------------------------------------------------------

def test_an_unsubscribe_link_names_no_id_and_works_signed_out(app: Flask, member: User) -> None:
    _turn_on_exercise(app, member.id)
    with app.app_context():
        user = db.session.get(User, member.id)
        message = compose(user, "exercise", write(user, "exercise", datetime.now(UTC)) or _written())
        db.session.commit()
    link = re.fullmatch(r"<(https?://[^>]+)>", message["List-Unsubscribe"]).group(1)
    token = link.rsplit("/", 1)[1]
    assert set(_payload(token)) == {"s", "k", "p"} and _names_no_id(_payload(token), member.id)
    done = app.test_client().post(link.split("localhost", 1)[1])
    assert done.status_code == 200
    with app.app_context():
        assert not db.session.get(ReminderSetting, member.id).exercise_on


def _written():  # noqa: ANN202
    from app.reminders.services import Written
    return Written("Time for your exercise", "Your program for today.")


def test_an_unsubscribe_link_expires(app: Flask, member: User) -> None:
    _turn_on_exercise(app, member.id)
    path = _unsubscribe_path(app, member.id)
    with app.app_context():
        assert read_unsubscribe_token(path.rsplit("/", 1)[1]) == (member.id, "exercise")
        assert read_unsubscribe_token(path.rsplit("/", 1)[1], now=datetime.now(UTC) + timedelta(days=61)) is None


def test_changing_her_settings_or_password_revokes_old_unsubscribe_links(app: Flask, member: User) -> None:
    _turn_on_exercise(app, member.id)
    her = as_user(app, member)
    old = _unsubscribe_path(app, member.id)
    assert her.post("/me/reminders", data={"exercise_on": "y", "exercise_days": ["0", "2"],
                                           "exercise_at": "09:00"}).status_code == 302
    assert app.test_client().post(old).status_code == 404  # she changed her settings: that mail's link is dead
    newer = _unsubscribe_path(app, member.id)
    assert her.post("/auth/password", data={"current_password": PASSWORD, "password": NEW_PASSWORD,
                                            "confirm": NEW_PASSWORD}).status_code == 302
    assert app.test_client().post(newer).status_code == 404
    with app.app_context():
        assert db.session.get(ReminderSetting, member.id).exercise_on


# --- A deleted account's id and credentials ---------------------------------------------------------------------

def test_a_deleted_accounts_id_is_never_given_again_and_its_credentials_open_nothing(app: Flask, make_user) -> None:
    first = make_user(Role.MEMBER, email="first@example.com", name="First")
    _turn_on_exercise(app, first.id)
    unsubscribe = _unsubscribe_path(app, first.id)
    device = app.test_client()
    assert device.post("/auth/login", data={"email": first.email, "password": PASSWORD}).status_code == 302
    cookie = device.get_cookie("ossify_device", path="/auth/")
    assert cookie is not None and set(_payload(cookie.value)) == {"a", "n"}
    with app.app_context():
        reset = reset_token_for(app, first.id)
    assert device.post("/account/delete", data={"password": PASSWORD}).status_code == 302
    second = make_user(Role.MEMBER, email="second@example.com", name="Second")
    assert second.id > first.id  # SQLite AUTOINCREMENT; PostgreSQL's sequence
    _turn_on_exercise(app, second.id)
    assert app.test_client().post(unsubscribe).status_code == 404
    assert app.test_client().get(f"/auth/reset/{reset}").status_code == 400
    with app.app_context():
        assert db.session.get(ReminderSetting, second.id).exercise_on


def reset_token_for(app: Flask, user_id: int) -> str:
    from app.auth.tokens import make_reset_token
    return make_reset_token(db.session.get(User, user_id), app.config["SECRET_KEY"])


def test_a_password_change_ends_every_device_cookie(make_app, make_user) -> None:
    app = make_app(RATELIMIT_ENABLED=True, LOGIN_LIMIT_PER_ACCOUNT="2 per 15 minutes")
    member = make_user(Role.MEMBER, email="margaret@example.com", name="Margaret")
    stolen = app.test_client()
    assert stolen.post("/auth/login", data={"email": member.email, "password": PASSWORD}).status_code == 302
    cookie = stolen.get_cookie("ossify_device", path="/auth/").value
    stolen.post("/auth/logout")
    her = as_user(app, member)
    assert her.post("/auth/password", data={"current_password": PASSWORD, "password": NEW_PASSWORD,
                                            "confirm": NEW_PASSWORD}).status_code == 302
    thief = app.test_client()
    thief.set_cookie("ossify_device", cookie, path="/auth/")
    answers = [thief.post("/auth/login", data={"email": member.email, "password": f"guess {n}"}).status_code
               for n in range(4)]
    # The old cookie is a new device now: it shares the account's count for new devices instead of its own.
    assert answers == [401, 401, 429, 429]


# --- Mail to an address without an account ----------------------------------------------------------------------

@pytest.mark.parametrize("name, shown", [
    ("Margaret", "Margaret"), ("Mary-Jane O'Neil", "Mary-Jane O'Neil"), ("Zoë  Ångström", "Zoë Ångström"),
    ("مارغريت", "مارغريت"), ("Nguyễn Thị Hoa", "Nguyễn Thị Hoa"), ("Anne d’Arc", "Anne d’Arc"),
    ("URGENT verify your bank at http://evil.example", None), ("Call 555 0100", None), ("Ann <b>", None),
    ("www.evil.example", None), ("Ann@evil", None), ("Ann.", None), ("", None), ("'-", None), ("x" * 81, None),
])
def test_a_name_goes_into_a_strangers_mail_only_when_it_is_only_a_name(name: str, shown: str | None) -> None:
    assert checked_name(name) == shown


def test_an_invitation_names_her_only_by_a_checked_name_and_says_how_to_report_it(app: Flask, member: User) -> None:
    with app.app_context():  # a name anyone can type on her profile
        db.session.get(User, member.id).display_name = "URGENT verify your bank at http://evil.example"
        db.session.commit()
    her = as_user(app, member)
    assert her.post("/care/invite", data={"email": "pt@example.com"}).status_code == 302
    (mail,) = [m for m in outbox_messages(app) if m.startswith("To: pt@example.com")]
    assert "Subject: An Ossify member invites you to Ossify" in mail
    assert "URGENT" not in mail and "evil" not in mail
    assert "If you didn't expect this message, you can tell us by forwarding it to no-reply@ossify.local" in mail


def test_a_signup_mail_greets_nobody_and_says_when_it_was_asked(client, app: Flask) -> None:
    client.post("/auth/register", data={"email": "june@example.com", "display_name": "Hello from your bank"})
    (mail,) = outbox_messages(app)
    assert mail.split("\n\n", 1)[1].startswith("Hello,\n\nOn ") and "bank" not in mail
    assert "If you didn't expect this message" in mail


@pytest.mark.parametrize("address, mailbox", [
    ("June@Example.com", "june@example.com"), ("june+ossify@example.com", "june@example.com"),
    ("j.u.n.e+1@gmail.com", "june@gmail.com"), ("June.Smith@googlemail.com", "junesmith@gmail.com"),
    ("june.smith@example.com", "june.smith@example.com"),  # dots matter outside Gmail
    ("+tag@example.com", "+tag@example.com"), ("no-at-sign", "no-at-sign"),
])
def test_a_mailbox_is_one_however_its_address_is_written(address: str, mailbox: str) -> None:
    assert mailbox_key(address) == mailbox


def test_signup_mails_are_counted_per_mailbox(make_app) -> None:
    app = make_app(RATELIMIT_ENABLED=True)
    answers = [app.test_client().post("/auth/register", data={"email": address}).status_code
               for address in ("june+1@gmail.com", "j.une+2@gmail.com", "JUNE@googlemail.com", "june+4@gmail.com")]
    assert answers == [200, 200, 200, 429]
    assert len(outbox_messages(app)) == 3
    assert app.test_client().post("/auth/register", data={"email": "ruth@gmail.com"}).status_code == 200


# --- Smaller things ----------------------------------------------------------------------------------------------

def test_save_this_meal_twice_saves_it_once(signed_in, app: Flask, member: User, foods) -> None:
    assert log_food(signed_in, app, foods[MILK], amount="2", unit="tbsp").status_code == 302
    form = signed_in.get(f"/nutrition/day/{TODAY.isoformat()}").get_data(as_text=True)
    submission = re.search(r'action="/nutrition/day/[0-9-]+/meals/save".*?name="submission_id" value="(\w+)"', form,
                           re.S).group(1)
    data = {"meal": "breakfast", "name": "Coffee", "submission_id": submission}
    first = signed_in.post(f"/nutrition/day/{TODAY.isoformat()}/meals/save", data=data)
    second = signed_in.post(f"/nutrition/day/{TODAY.isoformat()}/meals/save", data=data)
    assert first.status_code == second.status_code == 302 and first.location == second.location
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(SavedMeal)) == 1


def test_the_calendar_feed_is_never_cached_and_its_uids_are_per_person(app: Flask, make_user) -> None:
    uids = []
    for email in ("rose@example.com", "iris@example.com"):
        person = make_user(Role.MEMBER, email=email, name="Rose")
        _turn_on_exercise(app, person.id)
        her = as_user(app, person)
        page = her.post("/me/reminders/calendar").get_data(as_text=True)
        url = re.search(r"https?://localhost(/calendar/[\w-]+\.ics)", page).group(1)
        feed = app.test_client().get(url)
        assert feed.headers["Cache-Control"] == "no-store"
        uids.append({str(e["UID"]) for e in Calendar.from_ical(feed.data).walk("VEVENT")})
    assert uids[0] and uids[1] and not uids[0] & uids[1]
    assert all(uid.endswith("@localhost") for uid in uids[0])


def test_the_reset_link_and_registration_still_work(client, app: Flask, member: User) -> None:
    """The credentials' new bindings leave the owner's own links working."""
    client.post("/auth/reset", data={"email": member.email})
    link = reset_link_from(outbox_messages(app)[-1])
    assert client.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}).status_code == 302
    client.post("/auth/register", data={"email": "june@example.com"})
    link = registration_link_from(outbox_messages(app)[-1])
    assert client.get(link).status_code == 200
