"""The JSON API: personal tokens, the same access rule as the pages, writes, and schemathesis against its OpenAPI."""
import re
import uuid
from datetime import timedelta

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings
from markupsafe import escape
from sqlalchemy import func, select

from app.auth.models import ApiToken, Role, User
from app.care.models import AccessRecord
from app.exercises.models import ExerciseSession
from app.extensions import db
from app.nutrition.models import FoodLog
from tests.support.accounts import PASSWORD
from tests.support.world import MONDAY, ROLES, SECRET_NOTE, TODAY, as_user, bearer, token_for

EXAMPLES = 20  # per operation and mode (valid, invalid), per database


# --- Tokens ----------------------------------------------------------------------------------------------------

def test_a_token_is_made_on_the_account_page_shown_once_and_revoked(app: Flask, member: User) -> None:
    browser = as_user(app, member)
    refused = browser.post("/account/tokens", data={"name": "my step counter", "password": "not my password"})
    assert refused.status_code == 400 and "That is not your password." in refused.get_data(as_text=True)
    assert "my step counter" in refused.get_data(as_text=True)  # what she typed is kept
    made = browser.post("/account/tokens", data={"name": "my step counter", "password": PASSWORD})
    assert made.status_code == 201
    secret = re.search(r'<code class="token">(oss_[^<]+)</code>', made.get_data(as_text=True)).group(1)
    assert secret not in browser.get("/account").get_data(as_text=True)  # shown once
    with browser.session_transaction() as session:
        assert secret not in str(dict(session))  # never parked in the (readable) session cookie
    with app.app_context():
        stored = db.session.scalar(select(ApiToken))
        assert stored.token_hash != secret and secret.startswith(stored.prefix)
    api = app.test_client()
    assert api.get("/api/v1/me/targets", headers=bearer(secret)).status_code == 200
    assert "not used yet" not in browser.get("/account").get_data(as_text=True)
    revoke = browser.post(f"/account/tokens/{stored.id}/revoke")
    assert revoke.status_code == 302
    assert api.get("/api/v1/me/targets", headers=bearer(secret)).status_code == 401
    assert browser.post("/account/tokens", data={"name": "", "password": PASSWORD}).status_code == 400


def test_only_a_live_token_of_an_active_account_opens_the_api(app: Flask, member: User, make_user) -> None:
    secret = token_for(app, member)
    api = app.test_client()
    for headers in ({}, bearer("oss_not-a-token"), {"Authorization": f"Basic {secret}"}, bearer(secret + "x")):
        response = api.get("/api/v1/me/targets", headers=headers)
        assert response.status_code == 401 and response.json["status"] == 401, headers
    # A browser's session cookie does not open the API (it takes no CSRF token).
    browser = as_user(app, member)
    assert browser.get("/api/v1/me/targets").status_code == 401
    assert browser.post("/api/v1/me/sessions", json={}).status_code == 401
    with app.app_context():
        db.session.get(User, member.id).active = False
        db.session.commit()
    assert api.get("/api/v1/me/targets", headers=bearer(secret)).status_code == 401


def test_another_users_token_cannot_be_revoked(app: Flask, member: User, make_user) -> None:
    other = make_user(Role.MEMBER, email="other@example.com")
    token_for(app, other)
    with app.app_context():
        token_id = db.session.scalar(select(ApiToken.id))
    assert as_user(app, member).post(f"/account/tokens/{token_id}/revoke").status_code == 404
    with app.app_context():
        assert db.session.scalar(select(ApiToken.revoked_at)) is None


# --- The access rule -------------------------------------------------------------------------------------------

def _api_urls(member_id: int) -> list[tuple[str, str]]:
    me = ["/api/v1/me/sessions", "/api/v1/me/food-logs", f"/api/v1/me/weeks/{MONDAY}", "/api/v1/me/targets",
          "/api/v1/me/exercises", "/api/v1/me/foods?q=milk"]
    clients = [f"/api/v1/clients/{member_id}/sessions", f"/api/v1/clients/{member_id}/food-logs",
               f"/api/v1/clients/{member_id}/weeks/{MONDAY}", f"/api/v1/clients/{member_id}/targets"]
    return [("me", u) for u in me] + [("client", u) for u in clients]


@pytest.mark.parametrize("role", ROLES)
def test_api_access_matrix(app: Flask, world: dict, role: str) -> None:
    """Every read route × the six visitors, with Margaret's id: only her and her linked therapist get her data."""
    member = world["member"]
    headers = {} if role == "anonymous" else bearer(token_for(app, world[role]))
    api = app.test_client()
    for area, url in _api_urls(member.id):
        response = api.get(url, headers=headers)
        body = response.get_data(as_text=True)
        where = (role, url, response.status_code)
        assert response.mimetype == "application/json", where
        if role == "anonymous":
            assert response.status_code == 401, where
        elif (role == "member" and area == "me") or (role == "linked" and area == "client"):
            assert response.status_code == 200, where
        elif area == "me":  # a therapist has no "me" data
            assert response.status_code == (403 if role in ("linked", "unlinked", "revoked") else 200), where
        elif role in ("member", "other"):
            assert response.status_code == 403, where  # members have no clients
        else:
            assert response.status_code == 404, where  # unlinked or revoked: the same as no such member
        if not (role == "member" or (role == "linked" and area == "client")):
            assert SECRET_NOTE not in body and "Margaret" not in body, where
    # Writes are the member's own; a therapist can't post to her.
    linked = bearer(token_for(app, world["linked"]))
    assert api.post("/api/v1/me/sessions", headers=linked, json={}).status_code in (403, 422)


def test_therapist_api_reads_are_access_recorded(app: Flask, world: dict) -> None:
    api = app.test_client()
    headers = bearer(token_for(app, world["linked"]))
    assert api.get(f"/api/v1/clients/{world['member'].id}/sessions", headers=headers).status_code == 200
    with app.app_context():
        record = db.session.scalar(select(AccessRecord).order_by(AccessRecord.id.desc()))
        assert record.therapist_id == world["linked"].id and record.what == "exercise sessions (API)"
    sessions = api.get(f"/api/v1/clients/{world['member'].id}/sessions", headers=headers).json
    assert sessions[0]["notes"] == SECRET_NOTE and sessions[0]["entries"][0]["exercise_name"] == "Band squat"


# --- Writing ---------------------------------------------------------------------------------------------------

def test_logging_a_session_and_a_food_through_the_api(app: Flask, member: User, catalog: dict, foods: dict) -> None:
    api = app.test_client()
    headers = bearer(token_for(app, member))
    submission = str(uuid.uuid4())
    walk = {"session_date": TODAY.isoformat(), "effort": 4, "submission_id": submission,
            "entries": [{"exercise_id": catalog["brisk_walking"], "minutes": 35},
                        {"exercise_id": catalog["band_squat"], "sets": 2, "reps_per_set": [10, 8],
                         "band_colour": "red"}]}
    created = api.post("/api/v1/me/sessions", headers=headers, json=walk)
    assert created.status_code == 201, created.json
    assert created.json["total_minutes"] == 35 and created.json["entries"][1]["reps_per_set"] == [10, 8]
    again = api.post("/api/v1/me/sessions", headers=headers, json=walk)
    assert again.status_code == 200 and again.json["id"] == created.json["id"]  # sent twice, stored once

    milk = api.post("/api/v1/me/food-logs", headers=headers, json={
        "log_date": TODAY.isoformat(), "meal": "breakfast", "food_id": foods["01085"], "amount": 245})
    assert milk.status_code == 201 and milk.json["grams"] == 245 and milk.json["calcium_mg"] > 250
    week = api.get(f"/api/v1/me/weeks/{TODAY.isoformat()}", headers=headers).json
    moderate = next(m for m in week["exercise"] if m["key"] == "moderate_minutes")
    assert moderate["actual"] == 35
    assert api.get("/api/v1/me/food-logs", headers=headers).json[0]["food_name"].startswith("Milk")
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ExerciseSession)) == 1
        assert db.session.scalar(select(func.count()).select_from(FoodLog)) == 1


@pytest.mark.parametrize("body, field", [
    ({"session_date": "2999-01-01", "entries": [{"exercise_id": 1, "minutes": 5}]}, "session_date"),
    ({"session_date": "2024-01-01", "entries": []}, "entries"),
    ({"session_date": "2024-01-01", "entries": [{"exercise_id": 2147483647, "minutes": 5}]}, "entries.0.exercise_id"),
    ({"session_date": "2024-01-01", "notes": "a\x00b", "entries": [{"exercise_id": 1, "minutes": 5}]}, "notes"),
    ({"session_date": "2024-01-01", "effort": 11, "entries": [{"exercise_id": 1, "minutes": 5}]}, "effort"),
])
def test_a_bad_session_is_a_422_naming_the_field(app: Flask, member: User, catalog: dict, body: dict,
                                                 field: str) -> None:
    response = app.test_client().post("/api/v1/me/sessions", headers=bearer(token_for(app, member)), json=body)
    assert response.status_code == 422, response.json
    errors = response.json["errors"]
    assert field.split(".")[0] in errors or field in errors, errors
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ExerciseSession)) == 0


def test_dates_outside_what_can_be_asked_are_refused(app: Flask, member: User) -> None:
    api, headers = app.test_client(), bearer(token_for(app, member))
    assert api.get("/api/v1/me/sessions?from=0001-01-01", headers=headers).status_code == 422
    assert api.get(f"/api/v1/me/sessions?from={TODAY - timedelta(days=400)}", headers=headers).status_code == 422
    assert api.get("/api/v1/me/weeks/0001-01-01", headers=headers).status_code == 404
    assert api.get("/api/v1/me/weeks/2999-01-04", headers=headers).status_code == 404


def test_the_openapi_document_is_served_and_describes_the_token(client) -> None:
    spec = client.get("/api/v1/openapi.json").json
    assert spec["openapi"].startswith("3.0") and spec["info"]["title"] == "Ossify"
    assert spec["components"]["securitySchemes"]["bearerToken"]["scheme"] == "bearer"
    assert "/api/v1/me/sessions" in spec["paths"] and "/api/v1/clients/{member_id}/weeks/{monday}" in spec["paths"]


# --- schemathesis: every operation, generated requests, responses checked against the document -----------------

def test_api_conforms_to_its_openapi_document(app: Flask, member: User, catalog, foods) -> None:
    """schemathesis generates requests for every operation from the document (valid and invalid ones); each answer
    must not be a 5xx and must match the document (status code, content type, body schema), and a request the
    document calls invalid must be refused. Left out: "a schema-valid request is accepted" — the document can't
    say that a session date may not be in the future or that an exercise id must exist, so Ossify's 422s for
    those are right."""
    from schemathesis.generation import GenerationMode
    from schemathesis.specs.openapi.checks import positive_data_acceptance
    headers = bearer(token_for(app, member))
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 15  # with the strength and balance tests: hers (read, write) and a client's
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                      suppress_health_check=list(HealthCheck))
            @given(case=operation.as_strategy(generation_mode=mode))
            def check(case) -> None:  # noqa: ANN001
                case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])

            check()


def test_the_token_decides_who_is_asking_not_the_session_cookie(app: Flask, world: dict) -> None:
    browser = as_user(app, world["other"])  # Olive's browser session…
    margaret_token = token_for(app, world["member"])  # …sending Margaret's token
    sessions = browser.get("/api/v1/me/sessions", headers=bearer(margaret_token))
    assert sessions.status_code == 200 and sessions.json[0]["notes"] == SECRET_NOTE
    assert "Set-Cookie" not in sessions.headers  # the API never writes the browser's session
    assert browser.get("/dashboard").get_data(as_text=True).count("Olive") >= 1  # her session is still Olive's


def test_she_finds_exercise_and_food_ids_through_the_api(app: Flask, member: User, catalog: dict,
                                                          foods: dict) -> None:
    api, headers = app.test_client(), bearer(token_for(app, member))
    exercises = api.get("/api/v1/me/exercises", headers=headers).json
    brisk = next(e for e in exercises if e["name"] == "Brisk walking")
    assert brisk["id"] == catalog["brisk_walking"] and brisk["measure"] == "minutes" and not brisk["yours"]
    milk = api.get("/api/v1/me/foods?q=skim milk", headers=headers).json
    assert milk and "Milk" in milk[0]["name"] and milk[0]["servings"][0]["grams"] > 0


WALK, SQUAT = "brisk_walking", "band_squat"


@pytest.mark.parametrize("api_entry, form_entry, top, field", [
    ({"exercise": WALK}, {"exercise": WALK}, {}, "entries.0.minutes"),
    ({"exercise": SQUAT, "sets": 2, "reps_per_set": [10]}, {"exercise": SQUAT, "sets": "2", "reps": "10"}, {},
     "entries.0.band_colour"),
    ({"exercise": SQUAT, "sets": 2, "reps_per_set": [10, 8, 6], "band_colour": "red"},
     {"exercise": SQUAT, "sets": "2", "reps": "10, 8, 6", "band_colour": "red"}, {}, "entries.0.reps_per_set"),
    ({"exercise": SQUAT, "sets": 99, "reps_per_set": [10], "band_colour": "red"},
     {"exercise": SQUAT, "sets": "99", "reps": "10", "band_colour": "red"}, {}, "entries.0.sets"),
    ({"exercise": WALK, "minutes": 5}, {"exercise": WALK, "minutes": "5"}, {"pain": True}, "pain_where"),
    ({"exercise": WALK, "minutes": 5}, {"exercise": WALK, "minutes": "5"}, {"effort": 11}, "effort"),
    ({"exercise": WALK, "minutes": 5}, {"exercise": WALK, "minutes": "5"},
     {"session_date": (TODAY + timedelta(days=2)).isoformat()}, "session_date"),
])
def test_the_api_refuses_a_session_in_the_session_forms_words(app: Flask, member: User, catalog: dict,
                                                              api_entry: dict, form_entry: dict, top: dict,
                                                              field: str) -> None:
    """One rule, two front ends: the message an app gets is the one the member reads at the field."""
    entry = {**api_entry, "exercise_id": catalog[api_entry["exercise"]]}
    del entry["exercise"]
    body = {"session_date": TODAY.isoformat(), "entries": [entry], **top}
    response = app.test_client().post("/api/v1/me/sessions", headers=bearer(token_for(app, member)), json=body)
    assert response.status_code == 422, response.json
    errors = response.json["errors"]
    nested = errors
    for part in field.split("."):  # marshmallow nests (entries → 0 → sets); the rules name the path
        nested = nested.get(part, nested.get(int(part), {})) if part.isdigit() else nested.get(part, {})
    (message,) = errors.get(field) or nested
    form = {"session_date": body["session_date"], "pain": "yes" if top.get("pain") else "no",
            "effort": str(top.get("effort", "")),
            **{f"entries-0-{k}": str(catalog[v]) if k == "exercise" else v for k, v in form_entry.items()}}
    page = as_user(app, member).post("/exercises/sessions/new", data=form)
    assert page.status_code == 400
    assert str(escape(message)) in page.get_data(as_text=True), message


def test_a_food_is_logged_through_the_api_in_her_units(app: Flask, member: User, foods: dict) -> None:
    api, headers = app.test_client(), bearer(token_for(app, member))
    body = {"log_date": TODAY.isoformat(), "meal": "breakfast", "food_id": foods["01085"], "amount": 2, "unit": "tbsp"}
    created = api.post("/api/v1/me/food-logs", headers=headers, json=body)
    assert created.status_code == 201, created.json
    assert (created.json["serving_name"], created.json["servings"], round(created.json["grams"], 3)) == \
        ("tbsp", 2, 30.625)
    refused = api.post("/api/v1/me/food-logs", headers=headers, json={**body, "unit": "bucket"})
    assert refused.status_code == 422 and refused.json["errors"]["unit"] == ["Choose a unit from the list."]
    heavy = api.post("/api/v1/me/food-logs", headers=headers, json={**body, "unit": "cup", "amount": 30})
    assert heavy.status_code == 422 and "enter at most 5,000 g" in heavy.json["errors"]["amount"][0]
    found = api.get("/api/v1/me/foods?q=skim+milk", headers=headers).json
    assert found[0]["food_group"] == "Dairy and Egg Products" and "magnesium_mg_per_100g" in found[0]
