"""Every route, walked from the url map, for every kind of visitor.

Adding a route without classifying it here fails the suite: that is the point.
"""
import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.auth.models import Role

PUBLIC = {"main.index", "auth.login", "auth.register", "auth.confirm_registration", "auth.request_reset",
          "auth.reset_password", "auth.logout",
          "static", "api-docs.openapi_json", "learn.index", "learn.page"}
API = "api"  # token-authenticated: tests/test_api.py walks it
SIGNED_IN = {"main.dashboard", "main.account", "auth.change_password", "auth.sign_out_everywhere", "main.create_token",
             "main.revoke_token", "auth.delete_account"}  # any role
MEMBER_ONLY_BLUEPRINTS = {"profile", "exercises", "nutrition", "progress", "care"}
THERAPIST_ONLY_BLUEPRINTS = {"workspace"}
URL_ARGS = {"kind": "dxa", "record_id": 1, "session_id": 1, "exercise_id": 1, "token": "not-a-token",
            "filename": "css/ossify.css", "log_id": 1, "food_id": 1, "supplement_id": 1,
            "day": __import__("datetime").date(2025, 1, 1), "monday": __import__("datetime").date(2025, 1, 6),
            "link_id": 1, "comment_id": 1, "member_id": 1, "item_id": 1, "override_id": 1, "token_id": 1,
            "drink_id": 1, "slug": "t-scores", "secret": "not-a-secret"}


def _routes(app: Flask) -> list[tuple[str, str, str]]:
    routes = []
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            from flask import url_for
            url = url_for(rule.endpoint, **{a: URL_ARGS[a] for a in rule.arguments})
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                routes.append((rule.endpoint, method, url))
    return routes


def _classify(endpoint: str) -> str:
    if endpoint in PUBLIC:
        return "public"
    if endpoint in SIGNED_IN:
        return "signed-in"
    if endpoint.split(".")[0] in MEMBER_ONLY_BLUEPRINTS:
        return "member"
    if endpoint.split(".")[0] in THERAPIST_ONLY_BLUEPRINTS:
        return "therapist"
    if endpoint.split(".")[0] == API:
        return "api"
    raise AssertionError(f"{endpoint} is not classified in test_permissions.py")


def test_every_route_is_classified(app: Flask) -> None:
    for endpoint, _, _ in _routes(app):
        _classify(endpoint)


def test_anonymous_is_sent_to_login_from_every_private_route(client: FlaskClient, app: Flask) -> None:
    for endpoint, method, url in _routes(app):
        if _classify(endpoint) == "public":
            continue
        response = client.open(url, method=method)
        if _classify(endpoint) == "api":  # no sign-in page for a program: a JSON 401
            assert response.status_code == 401 and response.json["status"] == 401, (endpoint, method)
            continue
        assert response.status_code == 302, (endpoint, method)
        assert response.location.startswith("/auth/login?next="), (endpoint, method)


def test_therapist_gets_403_on_every_member_route(client: FlaskClient, app: Flask, auth, therapist) -> None:
    auth.login(therapist)
    for endpoint, method, url in _routes(app):
        if _classify(endpoint) != "member":
            continue
        response = client.open(url, method=method)
        assert response.status_code == 403, (endpoint, method)
        assert "That page isn" in response.get_data(as_text=True)


@pytest.mark.parametrize("role", [Role.MEMBER, Role.THERAPIST])
def test_signed_in_pages_answer_every_role(client: FlaskClient, app: Flask, auth, make_user, role: Role) -> None:
    auth.login(make_user(role))
    for endpoint, method, url in _routes(app):
        if _classify(endpoint) == "signed-in" and method == "GET":
            assert client.get(url).status_code == 200, endpoint


def test_member_reaches_every_member_page(client: FlaskClient, app: Flask, auth, member) -> None:
    auth.login(member)
    for endpoint, method, url in _routes(app):
        if _classify(endpoint) == "member" and method == "GET":
            # Record 1 doesn't exist for her: 404 is the right answer there, never 403 or 500.
            response = client.get(url)
            if response.status_code == 302:  # e.g. /nutrition/ → today's page: still hers, never the login
                assert not response.location.startswith("/auth/"), endpoint
            else:
                assert response.status_code in (200, 404), endpoint


def test_member_gets_403_on_every_therapist_route(client: FlaskClient, app: Flask, auth, member) -> None:
    auth.login(member)
    for endpoint, method, url in _routes(app):
        if _classify(endpoint) == "therapist":
            response = client.open(url, method=method)
            assert response.status_code == 403, (endpoint, method)
