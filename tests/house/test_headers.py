"""Security headers on every kind of response: each page as each visitor, errors, static files, production."""
import re

import pytest
from flask import Flask
from werkzeug.test import TestResponse

from tests.support.routes import app_routes, classify
from tests.support.world import ROLES, as_user, matrix_routes

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)


def assert_secure_headers(response: TestResponse, where: object, signed_in: bool, static: bool = False) -> None:
    headers = response.headers
    csp = headers.get("Content-Security-Policy", "")
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";") if d.strip())
    assert directives.get("default-src") == "'self'", where
    assert directives.get("script-src") == "'self'" and directives.get("style-src") == "'self'", where
    assert directives.get("frame-ancestors") == "'none'" and directives.get("object-src") == "'none'", where
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, where
    assert headers.get("X-Frame-Options") == "DENY", where
    assert headers.get("X-Content-Type-Options") == "nosniff", where
    assert headers.get("Referrer-Policy") == "same-origin", where
    assert "camera=()" in headers.get("Permissions-Policy", ""), where
    assert "Strict-Transport-Security" not in headers, where  # development and tests speak plain HTTP
    if signed_in and not static:
        assert headers.get("Cache-Control") == "no-store", where
    if response.mimetype == "text/html":
        body = response.get_data(as_text=True)
        assert not INLINE_SCRIPT.search(body), where
        assert not INLINE_STYLE.search(body), where
        assert not INLINE_HANDLER.search(body), where


@pytest.mark.parametrize("role", ROLES)
def test_every_page_sends_the_security_headers(app: Flask, full_world: dict, role: str) -> None:
    """Every GET route, as every kind of visitor (so 200s, redirects, 403s and 404s all pass through)."""
    client = as_user(app, None if role == "anonymous" else full_world[role])
    signed_in = role != "anonymous"
    urls = {(endpoint, url) for endpoint, method, url, _ in matrix_routes(app, full_world) if method == "GET"}
    urls |= {(endpoint, url) for endpoint, method, url in app_routes(app)
             if method == "GET" and classify(endpoint) in ("public", "signed-in")}
    statuses = set()
    for endpoint, url in sorted(urls):
        response = client.get(url)
        statuses.add(response.status_code)
        assert_secure_headers(response, (role, url, response.status_code), signed_in, static=endpoint == "static")
        response.close()
    assert {200} <= statuses


def test_error_responses_send_the_security_headers(app: Flask, full_world: dict) -> None:
    client = as_user(app, full_world["member"])
    cases = {
        "/no-such-page": 404,
        "/auth/logout": 405,  # GET on a POST-only route
        "/exercises/sessions/2147483648/edit": 404,  # beyond the id converter
    }
    for url, status in cases.items():
        response = client.get(url)
        assert response.status_code == status, url
        assert_secure_headers(response, url, signed_in=True)
    invalid = client.post("/exercises/custom/new", data={"name": ""})
    assert invalid.status_code == 400
    assert_secure_headers(invalid, "invalid form", signed_in=True)
    json_error = client.get("/no-such-page", headers={"Accept": "application/json"})
    assert json_error.status_code == 404 and json_error.mimetype == "application/json"
    assert_secure_headers(json_error, "json 404", signed_in=True)


def test_rate_limited_and_server_error_responses_send_the_security_headers(make_app, member) -> None:
    app = make_app(RATELIMIT_ENABLED=True, LOGIN_LIMIT_PER_IP="1 per 15 minutes")

    @app.route("/boom")
    def boom() -> str:
        raise RuntimeError("kaboom")

    client = app.test_client()
    client.post("/auth/login", data={"email": "nobody@example.com", "password": "not a password"})
    limited = client.post("/auth/login", data={"email": "nobody@example.com", "password": "not a password"})
    assert limited.status_code == 429
    assert_secure_headers(limited, "429", signed_in=False)
    crashed = client.get("/boom")
    assert crashed.status_code == 500
    assert_secure_headers(crashed, "500", signed_in=False)


def test_static_files_are_cacheable_and_sniff_proof(client) -> None:
    response = client.get("/static/css/ossify.css")
    assert response.status_code == 200 and response.mimetype == "text/css"
    assert_secure_headers(response, "static", signed_in=False, static=True)
    assert response.headers.get("Cache-Control") != "no-store"
    response.close()


def test_signing_out_leaves_nothing_the_back_button_can_show(app: Flask, full_world: dict) -> None:
    client = as_user(app, full_world["member"])
    page = client.get("/dashboard")
    assert page.headers["Cache-Control"] == "no-store" and "Cookie" in page.headers.get("Vary", "")
    client.post("/auth/logout")
    assert client.get("/dashboard").status_code == 302


def test_production_sends_hsts_and_secure_cookies_on_every_page_type(monkeypatch, tmp_path) -> None:
    from app import create_app
    monkeypatch.setenv("SECRET_KEY", "a-long-random-production-secret")
    monkeypatch.setenv("PUBLIC_URL", "https://ossify.example.org")
    monkeypatch.setenv("RATELIMIT_STORAGE_URI", "redis://127.0.0.1:1/0")  # not connected to by these checks
    app = create_app("production", {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'p.db'}"})
    client = app.test_client()
    for url in ("/", "/auth/login", "/no-such-page", "/static/css/ossify.css"):
        response = client.get(url, base_url="https://ossify.example.org")
        assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains", url
        response.close()
    login = app.test_client().get("/auth/login", base_url="https://ossify.example.org")
    cookies = login.headers.getlist("Set-Cookie")
    assert cookies and all("Secure" in c and "HttpOnly" in c and "SameSite=Lax" in c for c in cookies)
