"""CSRF on every form, rate limits on sign-in, headers, friendly error pages, production config."""
import re

import pytest
from flask import Flask

from app.auth.models import User
from tests.support.accounts import PASSWORD
from tests.support.routes import app_routes


def _login_secret(app: Flask, user: User) -> str:
    """A server-side sign-in for `user`, made directly (as the login form would)."""
    from app.auth import sessions
    from app.extensions import db
    with app.app_context():
        secret = sessions.start(db.session.get(User, user.id))
        db.session.commit()
    return secret


def _sign_in_without_form(client, user: User) -> None:
    with client.session_transaction() as session:
        session["_user_id"] = _login_secret(client.application, user)
        session["_fresh"] = True


def test_every_post_route_refuses_a_missing_csrf_token(make_app, member: User) -> None:
    app = make_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    _sign_in_without_form(client, member)
    posts = [(endpoint, url) for endpoint, method, url in app_routes(app) if method == "POST"]
    assert len(posts) >= 10
    for endpoint, url in posts:
        response = client.post(url, data={})
        # Anonymous-only pages redirect a signed-in member before CSRF matters; all others refuse.
        # The API takes no CSRF token because a session cookie doesn't open it at all: 401.
        if endpoint.startswith("api."):
            assert response.status_code == 401, endpoint
            continue
        assert response.status_code in (400, 404) or endpoint in ("auth.login", "auth.register"), endpoint
        assert response.status_code != 200 and response.status_code < 500, endpoint
    anonymous = app.test_client()
    for url in ("/auth/login", "/auth/register", "/auth/reset"):
        response = anonymous.post(url, data={"email": member.email, "password": PASSWORD})
        assert response.status_code == 400, url
        assert "The form had expired" in response.get_data(as_text=True)


def test_forms_carry_a_working_csrf_token(make_app, member: User) -> None:
    app = make_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    page = client.get("/auth/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post("/auth/login", data={"email": member.email, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302
    dashboard = client.get("/dashboard").get_data(as_text=True)
    logout_token = re.search(r'name="csrf_token" value="([^"]+)"', dashboard).group(1)
    assert client.post("/auth/logout", data={}).status_code == 400
    assert client.post("/auth/logout", data={"csrf_token": logout_token}).status_code == 302


def test_login_is_limited_per_account_across_addresses(make_app, member: User) -> None:
    app = make_app(RATELIMIT_ENABLED=True, LOGIN_LIMIT_PER_ACCOUNT="3 per 15 minutes")
    client = app.test_client()
    for i in range(3):
        response = client.post("/auth/login", data={"email": member.email, "password": "wrong password"},
                               environ_base={"REMOTE_ADDR": f"10.0.0.{i}"})
        assert response.status_code == 401
    blocked = client.post("/auth/login", data={"email": member.email.upper(), "password": PASSWORD},
                          environ_base={"REMOTE_ADDR": "10.0.0.99"})
    assert blocked.status_code == 429
    assert "Too many sign-in attempts for this account" in blocked.get_data(as_text=True)
    # Another account from the same addresses is not affected.
    other = client.post("/auth/login", data={"email": "someone@example.com", "password": "whatever!!"},
                        environ_base={"REMOTE_ADDR": "10.0.0.1"})
    assert other.status_code == 401


def test_login_is_limited_per_address(make_app, member: User) -> None:
    app = make_app(RATELIMIT_ENABLED=True, LOGIN_LIMIT_PER_IP="4 per 15 minutes")
    client = app.test_client()
    for i in range(4):
        assert client.post("/auth/login", data={"email": f"guess{i}@example.com", "password": "guessing!!"}
                           ).status_code == 401
    blocked = client.post("/auth/login", data={"email": member.email, "password": PASSWORD})
    assert blocked.status_code == 429 and "Too many sign-in attempts from here" in blocked.get_data(as_text=True)
    elsewhere = app.test_client().post("/auth/login", data={"email": member.email, "password": PASSWORD},
                                       environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert elsewhere.status_code == 302


def test_successful_logins_do_not_count_against_the_limit(make_app, member: User) -> None:
    app = make_app(RATELIMIT_ENABLED=True, LOGIN_LIMIT_PER_ACCOUNT="2 per 15 minutes")
    client = app.test_client()
    for _ in range(4):
        assert client.post("/auth/login", data={"email": member.email, "password": PASSWORD}).status_code == 302
        client.post("/auth/logout")


@pytest.mark.parametrize("path", ["/", "/auth/login", "/does-not-exist"])
def test_security_headers_on_every_page_type(client, path: str) -> None:
    response = client.get(path)
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "'unsafe-inline'" not in csp and "frame-ancestors 'none'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in response.headers


def test_templates_have_no_inline_script_or_style() -> None:
    from pathlib import Path
    for template in Path("templates").rglob("*.html"):
        text = template.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), template
        assert " style=" not in text and "<style" not in text, template


@pytest.mark.parametrize("code, path, text", [
    (404, "/nothing-here", "We can&#39;t find that page"),
    (405, "/auth/logout", "That didn"),
])
def test_error_pages_share_the_layout(client, code: int, path: str, text: str) -> None:
    response = client.get(path)
    assert response.status_code == code
    body = response.get_data(as_text=True)
    assert text in body and 'href="/static/vendor/pico/pico.min.css"' in body


def test_error_pages_answer_json_when_asked(client) -> None:
    response = client.get("/nothing-here", headers={"Accept": "application/json"})
    assert response.status_code == 404 and response.json["status"] == 404


def test_unexpected_error_is_a_friendly_500_and_rolls_back(make_app) -> None:
    app = make_app(own=True)  # a route of its own

    @app.route("/boom")
    def boom():  # noqa: ANN202
        raise RuntimeError("kaboom")

    response = app.test_client().get("/boom")
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert "Something went wrong on our side" in body and "kaboom" not in body


def test_production_refuses_to_start_without_secret_key(monkeypatch) -> None:
    from app import create_app
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app("production")
    monkeypatch.setenv("SECRET_KEY", "dev-only-not-secret")
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app("production")
    monkeypatch.setenv("SECRET_KEY", "a-long-random-production-secret")
    monkeypatch.delenv("PUBLIC_URL", raising=False)
    with pytest.raises(RuntimeError, match="PUBLIC_URL"):
        create_app("production")
    monkeypatch.setenv("PUBLIC_URL", "https://ossify.example.org")
    for store in (None, "memory://"):  # per-worker counts: refused
        if store is None:
            monkeypatch.delenv("RATELIMIT_STORAGE_URI", raising=False)
        else:
            monkeypatch.setenv("RATELIMIT_STORAGE_URI", store)
        with pytest.raises(RuntimeError, match="RATELIMIT_STORAGE_URI"):
            create_app("production")
    # REDIS_URL alone is the limits' store: tests/servers/test_scale.py's instances share their counts through it.
    monkeypatch.delenv("RATELIMIT_STORAGE_URI", raising=False)
    monkeypatch.setenv("RATELIMIT_MEMORY_IS_ENOUGH", "1")  # told otherwise, knowingly
    assert create_app("production", {"SQLALCHEMY_DATABASE_URI": "sqlite://"})


def test_production_cookies_are_secure_and_hsts_is_sent(monkeypatch, tmp_path) -> None:
    from app import create_app
    monkeypatch.setenv("SECRET_KEY", "a-long-random-production-secret")
    monkeypatch.setenv("PUBLIC_URL", "https://ossify.example.org")
    monkeypatch.setenv("RATELIMIT_STORAGE_URI", "redis://127.0.0.1:1/0")  # not connected to by these checks
    app = create_app("production", {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'p.db'}"})
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["REMEMBER_COOKIE_SECURE"]
    assert app.config["SESSION_COOKIE_HTTPONLY"] and app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert app.config["PASSWORD_HASH_METHOD"] == "scrypt"
    response = app.test_client().get("/")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_postgres_url_prefixes_are_rewritten(monkeypatch) -> None:
    from config import _database_url
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db.internal:5432/ossify")
    assert _database_url("sqlite://") == "postgresql+psycopg://u:p@db.internal:5432/ossify"
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@h/d")
    assert _database_url("sqlite://") == "postgresql+psycopg://u@h/d"
