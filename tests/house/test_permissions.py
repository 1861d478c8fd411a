"""Every route, walked from the url map, for every kind of visitor.

Adding a route without classifying it here fails the suite: that is the point.
"""
import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.auth.models import Role
from tests.support.routes import app_routes, classify


def test_every_route_is_classified(app: Flask) -> None:
    for endpoint, _, _ in app_routes(app):
        classify(endpoint)


def test_anonymous_is_sent_to_login_from_every_private_route(client: FlaskClient, app: Flask) -> None:
    for endpoint, method, url in app_routes(app):
        if classify(endpoint) == "public":
            continue
        response = client.open(url, method=method)
        if classify(endpoint) == "api":  # no sign-in page for a program: a JSON 401
            assert response.status_code == 401 and response.json["status"] == 401, (endpoint, method)
            continue
        assert response.status_code == 302, (endpoint, method)
        assert response.location.startswith("/auth/login?next="), (endpoint, method)


def test_therapist_gets_403_on_every_member_route(client: FlaskClient, app: Flask, auth, therapist) -> None:
    auth.login(therapist)
    for endpoint, method, url in app_routes(app):
        if classify(endpoint) != "member":
            continue
        response = client.open(url, method=method)
        assert response.status_code == 403, (endpoint, method)
        assert "That page isn" in response.get_data(as_text=True)


@pytest.mark.parametrize("role", [Role.MEMBER, Role.THERAPIST])
def test_signed_in_pages_answer_every_role(client: FlaskClient, app: Flask, auth, make_user, role: Role) -> None:
    auth.login(make_user(role))
    for endpoint, method, url in app_routes(app):
        if classify(endpoint) == "signed-in" and method == "GET":
            response = client.get(url, follow_redirects=True)  # a therapist's Home is her caseload (/clients/)
            assert response.status_code == 200 and response.request.path != "/auth/login", endpoint


def test_a_therapist_lands_on_her_caseload_with_invitations_first(client: FlaskClient, app: Flask, auth,
                                                                  make_user) -> None:
    therapist = make_user(Role.THERAPIST, email="pt-home@example.com")
    member = make_user(Role.MEMBER, email="invites@example.com", name="Ruth")
    from app.care.models import CareLink, LinkStatus
    from app.extensions import db
    with app.app_context():
        db.session.add(CareLink(member_id=member.id, therapist_id=therapist.id, status=LinkStatus.INVITED))
        db.session.commit()
    login = client.post("/auth/login", data={"email": therapist.email, "password": "correct horse battery"},
                        follow_redirects=True)
    page = login.get_data(as_text=True)
    assert login.request.path == "/clients/"
    assert "You don't have any clients yet" not in page
    assert page.index("Ruth") < page.index("No clients yet who have been accepted")


def test_member_reaches_every_member_page(client: FlaskClient, app: Flask, auth, member) -> None:
    auth.login(member)
    for endpoint, method, url in app_routes(app):
        if classify(endpoint) == "member" and method == "GET":
            # Record 1 doesn't exist for her: 404 is the right answer there, never 403 or 500.
            response = client.get(url)
            if response.status_code == 302:  # e.g. /nutrition/ → today's page: still hers, never the login
                assert not response.location.startswith("/auth/"), endpoint
            else:
                assert response.status_code in (200, 404), endpoint


def test_member_gets_403_on_every_therapist_route(client: FlaskClient, app: Flask, auth, member) -> None:
    auth.login(member)
    for endpoint, method, url in app_routes(app):
        if classify(endpoint) == "therapist":
            response = client.open(url, method=method)
            assert response.status_code == 403, (endpoint, method)
