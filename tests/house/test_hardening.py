"""What an independent probe broke, each case on SQLite and PostgreSQL: hostile input, sessions that outlived
sign-out, limits, single-use codes, double taps, spreadsheets, names, mail of a deleted account."""
import re
import threading
import time
import uuid
from datetime import date, timedelta

import pytest
from flask import Flask
from sqlalchemy import func, select, text

from app.account.export import defuse
from app.auth.models import ApiToken, Role, User
from app.care.models import CareLink, Comment, InviteCode, LinkStatus
from app.exercises.models import Exercise, ExerciseSession, ProgramItem
from app.extensions import db
from app.nutrition.models import Food, FoodLog, Supplement, SupplementLog
from app.profile.models import Fracture, Medication
from app.submissions import normalize_submission_id
from tests.support.accounts import PASSWORD, outbox_messages, registration_link_from, reset_link_from
from tests.support.food import CALCIUM_D, LABEL
from tests.support.world import MONDAY, TODAY, as_user, bearer, token_for


def _count(app: Flask, model: type, *where) -> int:  # noqa: ANN001
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model).where(*where))


# --- Availability: numbers, dates, bodies --------------------------------------------------------------------

@pytest.mark.parametrize("value", ["1e9999999", "9e999999999", "1e30", "-1e30", "-9e999", "1e5000", "9" * 5000])
def test_huge_numbers_are_refused_at_once(app: Flask, world: dict, catalog, value: str) -> None:
    member = as_user(app, world["member"])
    forms = [
        ("/exercises/walk", {"exercise": str(catalog["walking"]), "minutes": value, "session_date": TODAY}, "minutes"),
        ("/exercises/sessions/new", {"session_date": TODAY, "entries-0-exercise": str(catalog["band_squat"]),
                                     "entries-0-sets": value, "entries-0-reps": "10"}, "entries-0-sets"),
        ("/me/health/dxa/new", {"scan_date": "2024-01-01", "site": "total_hip", "t_score": value}, "t_score"),
        ("/me/profile", {"weight": value, "weight_unit": "kg", "sex": "female"}, "weight"),
    ]
    for url, data, field in forms:
        member.get(url)  # the page once first: a fresh app's first request (templates compiled) is not the number's
        started = time.monotonic()
        response = member.post(url, data=data)
        assert time.monotonic() - started < 2, (url, value)
        assert response.status_code == 400, (url, value)
        assert f'id="{field}-error"' in response.get_data(as_text=True), (url, value)


def test_a_body_over_the_limit_is_refused_before_it_is_read(app: Flask) -> None:
    response = app.test_client().post("/auth/login", data=b"x" * (30 * 1024 * 1024),
                                      content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413 and "at most 2 MB" in response.get_data(as_text=True)


@pytest.mark.parametrize("day", ["0001-01-01", "1899-12-31", "9999-12-31", "3000-01-01"])
def test_dates_beyond_1900_to_2999_in_urls_are_404(app: Flask, world: dict, day: str) -> None:
    member, therapist, m = as_user(app, world["member"]), as_user(app, world["linked"]), world["member"].id
    for client, url in ((member, f"/nutrition/day/{day}"), (member, f"/progress/week/{day}"),
                        (therapist, f"/clients/{m}/week/{day}"), (therapist, f"/clients/{m}/food/{day}")):
        assert client.get(url).status_code == 404, url
    assert member.post(f"/nutrition/day/{day}/drinks", data={"alcohol-drinks": "1"}).status_code == 404


def test_api_dates_out_of_range_are_422(app: Flask, world: dict) -> None:
    secret = token_for(app, world["member"])
    for query in ("to=0001-01-05", "from=0001-01-01", "to=9999-12-31"):
        response = app.test_client().get(f"/api/v1/me/sessions?{query}", headers=bearer(secret))
        assert response.status_code == 422, query


def test_huge_page_numbers_and_row_indexes_are_harmless(app: Flask, world: dict, catalog) -> None:
    member = as_user(app, world["member"])
    assert member.get("/exercises/?page=99999999999999999999").status_code == 200
    response = member.post("/exercises/sessions/new", data={"session_date": TODAY, "remove_entry": "9" * 5000,
                                                            "entries-0-exercise": str(catalog["walking"])})
    assert response.status_code == 200
    assert member.post("/exercises/sessions/new", data={"entries-²-exercise": "1", "add_entry": "1"}).status_code == 200


@pytest.mark.parametrize("body", ["[" * 100_000 + "]" * 100_000, '{"session_date": "2026-01-01", "entries": [' +
                                  '{"exercise_id": ' + "9" * 5000 + "}]}", '{"total_minutes": 1e999999}',
                                  '{"total_minutes": NaN}'])
def test_hostile_json_bodies_are_400(app: Flask, world: dict, body: str) -> None:
    secret = token_for(app, world["member"])
    response = app.test_client().post("/api/v1/me/sessions", data=body, content_type="application/json",
                                      headers=bearer(secret))
    assert response.status_code in (400, 422) and response.json["status"] == response.status_code


@pytest.mark.parametrize("target", ["/dashboard\r\nSet-Cookie: x=1", "/\\evil.example", "//evil.example",
                                    "/\t/evil.example", "https://evil.example/", "/%0d%0aX: y"])
def test_next_goes_nowhere_but_this_site(app: Flask, world: dict, target: str) -> None:
    client = app.test_client()
    response = client.post("/auth/login", query_string={"next": target},
                           data={"email": world["member"].email, "password": PASSWORD})
    assert response.status_code == 302 and "\n" not in response.location and "\r" not in response.location
    # Anything but a plain path on this site goes to her home page; a percent-encoded one stays a local path.
    assert response.location == "/dashboard" or (target.startswith("/%0d") and response.location.startswith("/%"))
    with app.app_context():
        comment = Comment(member_id=world["member"].id, author_id=world["linked"].id, author_name="Linda PT",
                          week_start=MONDAY, body="Well done")
        db.session.add(comment)
        db.session.commit()
        comment_id = comment.id
    reply = as_user(app, world["member"]).post(f"/care/comments/{comment_id}/reply",
                                               data={"body": "Thanks", "next": target})
    assert reply.status_code == 302 and not reply.location.startswith(("//", "/\\", "https:"))
    assert reply.location == "/dashboard" or target.startswith("/%0d")


@pytest.mark.parametrize("url, field", [
    ("/exercises/custom/new", "instructions"), ("/exercises/walk", None),
])
def test_nul_and_control_characters_in_text_areas_are_refused_at_the_field(app: Flask, world: dict, catalog,
                                                                           url: str, field: str | None) -> None:
    member = as_user(app, world["member"])
    if url == "/exercises/walk":
        return  # the walk form has no text area; its numbers are covered above
    data = {"name": "Wall push", "kind": "resistance_band", "measure": "reps", "impact": "none",
            "instructions": "Stand\x00 tall"}
    response = member.post(url, data=data)
    assert response.status_code == 400
    assert f'id="{field}-error" class="field-error">Remove the unusual characters' in response.get_data(as_text=True)


def test_every_text_area_refuses_nul_but_keeps_line_breaks(app: Flask, world: dict, catalog) -> None:
    member, therapist, m = as_user(app, world["member"]), as_user(app, world["linked"]), world["member"].id
    session = {"session_date": TODAY, "entries-0-exercise": str(catalog["walking"]), "entries-0-minutes": "20"}
    cases = [
        (member, "/exercises/sessions/new", {**session, "notes": "a\x00b"}, "notes"),
        (member, "/exercises/sessions/new", {**session, "pain": "yes", "pain_where": "knee", "pain_note": "a\x00b"},
         "pain_note"),
        (member, "/exercises/custom/new", {"name": "Wall push", "kind": "resistance_band", "measure": "reps",
                                           "impact": "none", "instructions": "a\x00b"}, "instructions"),
        (therapist, f"/clients/{m}/comments", {"body": "a\x00b", "week_start": MONDAY.isoformat()}, "body"),
        (therapist, f"/clients/{m}/program", {"exercise": str(catalog["walking"]), "minutes": "20",
                                              "days_per_week": "2", "notes": "a\x00b"}, "notes"),
        (therapist, f"/clients/{m}/targets", {"target_key": "calcium_mg", "value": "1000", "reason": "a\x00b"},
         "reason"),
    ]
    for client, url, data, field in cases:
        response = client.post(url, data=data)
        assert response.status_code == 400, (url, field)
        assert f'id="{field}-error"' in response.get_data(as_text=True), (url, field)
    ok = member.post("/exercises/sessions/new", data={**session, "notes": "line one\r\nline two\twith a tab"})
    assert ok.status_code == 302


def test_names_with_bidi_controls_or_invisible_characters_are_refused(app: Flask, world: dict) -> None:
    visitor = app.test_client()
    visitor.post("/auth/register", data={"email": "new@example.com", "role": "therapist"})
    link = registration_link_from(outbox_messages(app)[-1])
    for name in ("Dr \u202eenoJ", "Ann\u2066a", "x\u200f", "Marg\u200baret", "\ufeffAnn", "Jo\u2060an", "An\u200dn"):
        response = as_user(app, world["linked"]).post("/account", data={"display_name": name, "timezone": "UTC"})
        assert response.status_code == 400 and "Remove the unusual characters" in response.get_data(as_text=True)
        response = visitor.post(link, data={"display_name": name, "password": "a long enough password",
                                            "confirm": "a long enough password", "role": "therapist"})
        assert response.status_code == 400 and 'id="display_name-error"' in response.get_data(as_text=True)
    arabic = as_user(app, world["linked"]).post("/account", data={"display_name": "مارغريت", "timezone": "UTC"})
    assert arabic.status_code == 302  # right-to-left names are fine; only the hidden controls are not


@pytest.mark.parametrize("day", ["1899-12-31", "0001-01-01"])
def test_doses_and_copies_before_1900_are_refused(app: Flask, world: dict, day: str) -> None:
    member = as_user(app, world["member"])
    assert member.post("/nutrition/supplements/new", data=CALCIUM_D).status_code == 302
    with app.app_context():
        supplement_id = db.session.scalar(select(Supplement.id))
    assert member.post(f"/nutrition/supplements/{supplement_id}/take", data={"log_date": day}).status_code == 400
    copy = member.post(f"/nutrition/day/{TODAY.isoformat()}/copy", data={"from_date": day, "meal": "breakfast"})
    assert copy.status_code == 400 and "before 1900" in copy.get_data(as_text=True)
    assert _count(app, SupplementLog) == 0


def test_the_same_uuid_written_five_ways_is_one_submission(app: Flask, world: dict, catalog) -> None:
    one = uuid.uuid4()
    spellings = [str(one), str(one).upper(), one.hex, "{" + str(one) + "}", one.urn]
    assert {normalize_submission_id(s) for s in spellings} == {one.hex}
    secret = token_for(app, world["member"])
    api = app.test_client()
    answers = [api.post("/api/v1/me/sessions", headers=bearer(secret), json={
        "session_date": TODAY.isoformat(), "entries": [{"exercise_id": catalog["walking"], "minutes": 20}],
        "submission_id": spelling}).status_code for spelling in spellings]
    assert answers == [201, 200, 200, 200, 200]
    member = as_user(app, world["member"])
    two = uuid.uuid4()
    for spelling in [str(two), str(two).upper(), two.hex, "{" + str(two) + "}", two.urn]:
        member.post("/exercises/walk", data={"exercise": str(catalog["walking"]), "minutes": "31",
                                             "session_date": TODAY, "submission_id": spelling})
    assert _count(app, ExerciseSession, ExerciseSession.total_minutes == 31) == 1
    assert _count(app, ExerciseSession, ExerciseSession.total_minutes == 20) == 1


# --- Sessions and accounts ---------------------------------------------------------------------------------------

def test_signing_out_ends_the_session_and_remember_me_cookies_on_the_server(app: Flask, world: dict) -> None:
    client = app.test_client()
    client.post("/auth/login", data={"email": world["member"].email, "password": PASSWORD, "remember": "y"})
    cookies = {c.key: c.value for c in client._cookies.values()}
    assert {"session", "remember_token"} <= set(cookies)
    client.post("/auth/logout")
    for name in ("session", "remember_token"):
        thief = app.test_client()
        thief.set_cookie(name, cookies[name])
        response = thief.get("/dashboard")
        assert response.status_code == 302 and response.location.startswith("/auth/login"), name


@pytest.mark.parametrize("how", ["change", "reset", "everywhere"])
def test_password_change_reset_and_sign_out_everywhere_end_api_tokens(app: Flask, world: dict, how: str) -> None:
    member = world["member"]
    secret = token_for(app, member)
    api = app.test_client()
    assert api.get("/api/v1/me/targets", headers=bearer(secret)).status_code == 200
    browser = as_user(app, member)
    if how == "change":
        browser.post("/auth/password", data={"current_password": PASSWORD, "password": "a new long password",
                                             "confirm": "a new long password"})
        assert browser.get("/dashboard").status_code == 200  # this device stays signed in
    elif how == "reset":
        app.test_client().post("/auth/reset", data={"email": member.email})
        link = reset_link_from(outbox_messages(app)[-1])
        app.test_client().post(link, data={"password": "a new long password", "confirm": "a new long password"})
        assert browser.get("/dashboard").status_code == 302
    else:
        browser.post("/auth/sign-out-everywhere")
    assert api.get("/api/v1/me/targets", headers=bearer(secret)).status_code == 401
    with app.app_context():
        assert db.session.scalar(select(ApiToken.revoked_at)) is not None


def test_the_csrf_secret_changes_at_sign_in(make_app, member: User) -> None:
    app = make_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    page = client.get("/auth/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    with client.session_transaction() as session:
        planted = session["csrf_token"]
    client.post("/auth/login", data={"email": member.email, "password": PASSWORD, "csrf_token": token})
    with client.session_transaction() as session:
        assert session.get("csrf_token") != planted
    # A token made before signing in no longer passes.
    assert client.post("/auth/sign-out-everywhere", data={"csrf_token": token}).status_code == 400


def test_reset_links_come_from_public_url_only(make_app, member: User) -> None:
    app = make_app(PUBLIC_URL="https://ossify.example.org")
    app.test_client().post("/auth/reset", data={"email": member.email}, headers={"Host": "evil.example"})
    assert "https://ossify.example.org/auth/reset/" in outbox_messages(app)[-1]
    assert "evil.example" not in outbox_messages(app)[-1]
    from config import DevelopmentConfig
    assert DevelopmentConfig.PUBLIC_URL  # development has one too: never the Host header


def test_the_reset_mail_is_sent_after_the_answer(app: Flask, member: User) -> None:
    """The answer can't take longer for a known email: the mail is written once the response has gone."""
    response = app.test_client().post("/auth/reset", data={"email": member.email}, buffered=False)
    assert response.status_code == 302 and outbox_messages(app) == []
    response.close()
    assert len(outbox_messages(app)) == 1


def test_a_deleted_account_leaves_no_mail_in_the_outbox(app: Flask, world: dict) -> None:
    member = world["member"]
    app.test_client().post("/auth/reset", data={"email": member.email})
    app.test_client().post("/auth/reset", data={"email": world["other"].email})
    assert len(outbox_messages(app)) == 2
    as_user(app, member).post("/account/delete", data={"password": PASSWORD})
    left = outbox_messages(app)
    assert len(left) == 1 and member.email not in left[0]


def test_an_invite_code_is_used_once_under_a_race(make_app, world: dict) -> None:
    from app.care.services import create_code
    app = make_app()
    with app.app_context():
        code, _ = create_code(world["member"].id)
        db.session.commit()
    therapists = []
    for i in range(5):
        from app.auth.services import create_user
        from tests.support.accounts import PASSWORD as pw
        with app.app_context():
            user = create_user(f"racer{i}@example.com", f"Racer {i}", pw, Role.THERAPIST,
                               app.config["PASSWORD_HASH_METHOD"])
            db.session.commit()
            therapists.append(user.email)
    clients = [app.test_client() for _ in therapists]
    for client, email in zip(clients, therapists, strict=True):
        assert client.post("/auth/login", data={"email": email, "password": PASSWORD}).status_code == 302
    barrier = threading.Barrier(len(clients))
    answers: list[int] = []

    def redeem(client) -> None:  # noqa: ANN001
        barrier.wait()
        answers.append(client.post("/clients/code", data={"code": code}).status_code)

    threads = [threading.Thread(target=redeem, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(answers) == [302, 400, 400, 400, 400]
    with app.app_context():
        active = db.session.scalar(select(func.count()).select_from(CareLink).join(
            User, User.id == CareLink.therapist_id).where(User.email.like("racer%"),
                                                          CareLink.status == LinkStatus.ACTIVE))
        assert active == 1 and db.session.scalar(select(InviteCode.used_at)) is not None


# --- Limits ------------------------------------------------------------------------------------------------------

def _wrong(client, email: str, addr: str = "10.0.0.1") -> int:  # noqa: ANN001
    return client.post("/auth/login", data={"email": email, "password": "not the password"},
                       environ_base={"REMOTE_ADDR": addr}).status_code


def test_sign_in_limits_hold_across_workers_and_restarts_in_redis(make_app, member: User, redis_url: str) -> None:
    config = {"RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": redis_url, "LOGIN_LIMIT_PER_IP": "1000 per hour"}
    worker_a, worker_b = make_app(**config), make_app(**config)
    answers = [_wrong(worker_a.test_client(), member.email, f"10.0.0.{i}") if i % 2 == 0
               else _wrong(worker_b.test_client(), member.email, f"10.0.0.{i}") for i in range(10)]
    assert answers == [401] * 5 + [429] * 5  # 5 checked in all, whichever worker answered
    restarted = make_app(**config)
    assert _wrong(restarted.test_client(), member.email) == 429


def test_an_attacker_cannot_lock_the_owner_out_of_her_own_device(make_app, member: User) -> None:
    app = make_app(RATELIMIT_ENABLED=True, LOGIN_LIMIT_PER_ACCOUNT="3 per 15 minutes",
                   LOGIN_LIMIT_PER_IP="1000 per hour")
    phone = app.test_client()
    assert phone.post("/auth/login", data={"email": member.email, "password": PASSWORD}).status_code == 302
    phone.post("/auth/logout")
    attacker = app.test_client()
    assert [_wrong(attacker, member.email, f"192.0.2.{i}") for i in range(5)] == [401, 401, 401, 429, 429]
    # The attacker is held off; her phone (which signed in before) is not.
    assert phone.post("/auth/login", data={"email": member.email, "password": PASSWORD}).status_code == 302
    locked = app.test_client().post("/auth/login", data={"email": member.email, "password": PASSWORD})
    assert locked.status_code == 429 and "reset your password" in locked.get_data(as_text=True)
    # The reset link reaches only her inbox; the browser that opens it is hers from then on.
    laptop = app.test_client()
    laptop.post("/auth/reset", data={"email": member.email})
    link = reset_link_from(outbox_messages(app)[-1])
    laptop.post(link, data={"password": "a new long password", "confirm": "a new long password"})
    assert laptop.post("/auth/login", data={"email": member.email, "password": "a new long password"}
                       ).status_code == 302


def test_a_device_cookie_for_another_account_or_forged_counts_as_a_new_device(make_app, member: User,
                                                                                make_user) -> None:
    app = make_app(RATELIMIT_ENABLED=True, LOGIN_LIMIT_PER_ACCOUNT="2 per 15 minutes",
                   LOGIN_LIMIT_PER_IP="1000 per hour")
    other = make_user(Role.MEMBER, email="olive@example.com")
    client = app.test_client()
    assert client.post("/auth/login", data={"email": other.email, "password": PASSWORD}).status_code == 302
    client.post("/auth/logout")
    assert [_wrong(client, member.email) for _ in range(3)] == [401, 401, 429]
    forged = app.test_client()
    forged.set_cookie("ossify_device", "eyJ1IjoxLCJuIjoieCJ9.forged", path="/auth/")
    assert _wrong(forged, member.email) == 429


@pytest.mark.parametrize("url, field, extra", [
    ("/auth/password", "current_password", {"password": "a new long password", "confirm": "a new long password"}),
    ("/account/delete", "password", {}),
    ("/account/tokens", "password", {"name": "script"}),
])
def test_password_checks_are_limited(make_app, member: User, url: str, field: str, extra: dict) -> None:
    app = make_app(RATELIMIT_ENABLED=True)
    client = as_user(app, member)
    answers = [client.post(url, data={field: "wrong password", **extra}) for _ in range(6)]
    assert [a.status_code for a in answers] == [400] * 6
    assert "Too many wrong passwords" in answers[-1].get_data(as_text=True)
    assert "Too many wrong passwords" not in answers[4].get_data(as_text=True)
    right = client.post(url, data={field: PASSWORD, **extra})
    assert right.status_code == 400 and "Too many wrong passwords" in right.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(User, member.id) is not None  # nothing was deleted


def test_invite_codes_and_invitations_are_limited(make_app, world: dict) -> None:
    app = make_app(RATELIMIT_ENABLED=True)
    therapist = as_user(app, world["unlinked"])
    answers = [therapist.post("/clients/code", data={"code": f"AAAA-AA{i:02d}"}).status_code for i in range(11)]
    assert answers == [400] * 10 + [429]
    member = as_user(app, world["member"])
    sent = [member.post("/care/invite", data={"email": f"pt{i}@example.com"}).status_code for i in range(11)]
    assert sent == [302] * 10 + [429]


# --- Data ----------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("cell, safe", [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-x", "'-x"), ("@SUM(A1)", "'@SUM(A1)"), ("|calc", "'|calc"),
    ("\uff1d1+1", "'\uff1d1+1"), ("tea;=HYPERLINK(1)", "tea;'=HYPERLINK(1)"), ("a, +b", "a, '+b"),
    ("  =x", "  '=x"), ("-1.5", "-1.5"), ("1,-2", "1,-2"), ("Milk; 2% fat", "Milk; 2% fat"), ("%d", "'%d"),
])
def test_csv_cells_are_safe_in_comma_and_semicolon_spreadsheets(cell: str, safe: str) -> None:
    assert defuse(cell) == safe


def test_the_export_defuses_her_text(app: Flask, world: dict) -> None:
    import io
    import zipfile
    member = as_user(app, world["member"])
    member.post("/me/health/medication/new", data={"name": "calcium;=cmd|' /C calc'!A0"})
    archive = zipfile.ZipFile(io.BytesIO(member.get("/account/export.zip").data))
    medicines = next(n for n in archive.namelist() if "medic" in n)
    assert "calcium;'=cmd|' /C calc'!A0" in archive.read(medicines).decode()


# --- A form sent twice -------------------------------------------------------------------------------------------

def test_every_adding_form_sent_twice_adds_once(app: Flask, world: dict, catalog) -> None:
    member, therapist, m = as_user(app, world["member"]), as_user(app, world["linked"]), world["member"].id
    assert member.post("/nutrition/supplements/new", data=CALCIUM_D).status_code == 302
    with app.app_context():
        supplement_id = db.session.scalar(select(Supplement.id))
        comment = Comment(member_id=m, author_id=world["linked"].id, author_name="Linda PT", week_start=MONDAY,
                          body="Well done")
        db.session.add(comment)
        db.session.commit()
        comment_id = comment.id
    cases = [
        (member, f"/nutrition/supplements/{supplement_id}/take", {"log_date": TODAY.isoformat()},
         lambda: _count(app, SupplementLog)),
        (member, f"/nutrition/day/{(TODAY - timedelta(days=1)).isoformat()}/copy",
         {"from_date": TODAY.isoformat(), "meal": "breakfast"},
         lambda: _count(app, FoodLog)),
        (member, "/nutrition/foods/new", {**LABEL, "name": "Oat drink twice"}, lambda: _count(app, Food)),
        (member, "/exercises/custom/new", {"name": "Wall push", "kind": "resistance_band", "measure": "reps",
                                           "impact": "none"}, lambda: _count(app, Exercise)),
        (member, "/nutrition/supplements/new", {**CALCIUM_D, "name": "Vitamin D"}, lambda: _count(app, Supplement)),
        (member, "/me/health/medication/new", {"name": "alendronate"}, lambda: _count(app, Medication)),
        (member, "/me/health/fracture/new", {"fracture_date": "2020-01-05", "site": "wrist", "vertebral": "no",
                                             "low_trauma": "yes"}, lambda: _count(app, Fracture)),
        (member, f"/care/comments/{comment_id}/reply", {"body": "Thank you"}, lambda: _count(app, Comment)),
        (therapist, f"/clients/{m}/comments", {"body": "Keep going", "week_start": MONDAY.isoformat()},
         lambda: _count(app, Comment)),
        (therapist, f"/clients/{m}/program", {"exercise": str(catalog["walking"]), "minutes": "20",
                                              "days_per_week": "3"}, lambda: _count(app, ProgramItem)),
        (member, "/care/invite", {"email": "pt-twice@example.com"}, lambda: _count(app, CareLink)),
    ]
    for client, url, data, count in cases:
        before = count()
        submission = {**data, "submission_id": str(uuid.uuid4())}
        first, second = client.post(url, data=submission), client.post(url, data=submission)
        assert first.status_code == second.status_code == 302, url
        assert second.location == first.location, url
        assert count() == before + 1, url
        if url == f"/clients/{m}/program":  # a new form for the same exercise offers to edit the one she has
            again = client.post(url, data={**data, "submission_id": str(uuid.uuid4())})
            assert again.status_code == 400 and "already in her program" in again.get_data(as_text=True)
            assert count() == before + 1, url
        elif url != "/care/invite":  # the same address invited again is refused (below): one invitation each
            client.post(url, data={**data, "submission_id": str(uuid.uuid4())})  # a new form: a new row
            assert count() == before + 2, url
    again = member.post("/care/invite", data={"email": "pt-twice@example.com", "submission_id": str(uuid.uuid4())})
    assert again.status_code == 400 and "already invited that address" in again.get_data(as_text=True)


def test_a_favourite_tapped_twice_stays_a_favourite(app: Flask, world: dict, foods) -> None:
    from app.nutrition.models import FoodFavourite
    member = as_user(app, world["member"])
    food_id = foods["01085"]
    for _ in range(2):
        assert member.post(f"/nutrition/foods/{food_id}/favourite", data={"favourite": "1"}).status_code == 302
    assert _count(app, FoodFavourite) == 1
    for _ in range(2):
        member.post(f"/nutrition/foods/{food_id}/favourite", data={"favourite": "0"})
    assert _count(app, FoodFavourite) == 0


@pytest.mark.parametrize("url, what", [("/care/code", "code"), ("/account/tokens", "token")])
def test_a_resent_secret_form_leaves_one_live_secret(app: Flask, world: dict, url: str, what: str) -> None:
    member = as_user(app, world["member"])
    data = {"submission_id": str(uuid.uuid4()), "name": "script", "password": PASSWORD}
    first, second = member.post(url, data=data), member.post(url, data=data)
    assert first.status_code == second.status_code == (201 if what == "token" else 200)
    with app.app_context():
        if what == "token":
            assert db.session.scalar(select(func.count()).select_from(ApiToken).where(
                ApiToken.revoked_at.is_(None))) == 1
        else:
            assert db.session.scalar(select(func.count()).select_from(InviteCode)) == 1
    # Read where each page shows its secret: anywhere on the page, the CSRF field's random text could look like one.
    shown = re.search(r'<code class="token">(oss_[A-Za-z0-9_-]+)</code>|Your code: <strong>([A-Z0-9]{4}-[A-Z0-9]{4})<',
                      second.get_data(as_text=True))
    shown = shown.group(1) or shown.group(2)
    if what == "token":  # the secret she saw on the second answer is the one that works
        assert app.test_client().get("/api/v1/me/targets", headers=bearer(shown)).status_code == 200
    else:
        assert as_user(app, world["unlinked"]).post("/clients/code", data={"code": shown}).status_code == 302


# --- SQLite: a GET that writes, while another worker writes ------------------------------------------------------

def test_a_therapist_page_waits_for_a_writer_instead_of_failing(app: Flask, world: dict) -> None:
    """Another connection takes the write lock, writes and commits while the page is being served. A page that
    began as a plain read and then recorded the visit failed with "database is locked"."""
    therapist, m = as_user(app, world["linked"]), world["member"].id
    with app.app_context():
        engine = db.engine
    started = threading.Event()

    def other_worker() -> None:
        with engine.connect() as conn:
            conn.execute(text("UPDATE care_link SET accepted_at = accepted_at"))  # holds the write lock
            started.set()
            time.sleep(0.4)
            conn.commit()

    writer = threading.Thread(target=other_worker)
    writer.start()
    started.wait(5)
    response = therapist.get(f"/clients/{m}/week/{MONDAY.isoformat()}")
    writer.join()
    assert response.status_code == 200


def test_week_before_1900_limit_still_serves_nearby_weeks(app: Flask, world: dict) -> None:
    member = as_user(app, world["member"])
    assert member.get("/progress/week/1900-01-01").status_code == 200
    assert member.get(f"/nutrition/day/{(date(1900, 1, 1)).isoformat()}").status_code == 200
    assert member.get(f"/progress/week/{(TODAY + timedelta(days=7)).isoformat()}").status_code in (200, 302, 404)


def test_a_token_form_sent_twice_at_once_leaves_one_live_token(app: Flask, world: dict) -> None:
    """Two answers racing for one submission: the loser replaces the winner's token, never a 500 or two tokens."""
    clients = [as_user(app, world["member"]) for _ in range(2)]
    data = {"submission_id": str(uuid.uuid4()), "name": "script", "password": PASSWORD}
    barrier = threading.Barrier(2)
    answers: list[int] = []

    def send(client) -> None:  # noqa: ANN001
        barrier.wait()
        answers.append(client.post("/account/tokens", data=data).status_code)

    threads = [threading.Thread(target=send, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert answers == [201, 201]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ApiToken).where(ApiToken.revoked_at.is_(None))) == 1
