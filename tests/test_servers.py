"""Ossify as production runs it: gunicorn with the repo's gunicorn.conf.py, two workers, a real Redis for limits.

- two clients that send their requests a byte at a time don't stop a third being served;
- the sign-in limit is one count per account across both workers and a restart (Redis).
"""
import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from app.auth.models import User
from tests.conftest import PASSWORD
from tests.support.postgres import free_port

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = Path(sys.executable).parent / "gunicorn"


@contextmanager
def gunicorn(database_url: str, **env: str) -> Iterator[str]:
    """gunicorn -c gunicorn.conf.py on a free port (development config: CSRF on, real forms); its base URL."""
    port = free_port()
    environ = {**os.environ, "DATABASE_URL": database_url, "OSSIFY_CONFIG": "development",
               "SECRET_KEY": "servers-test-only", "GUNICORN_BIND": f"127.0.0.1:{port}", "RATELIMIT_ENABLED": "0",
               **env}
    server = subprocess.Popen([str(GUNICORN), "-c", "gunicorn.conf.py", "--log-level", "warning", "wsgi:app"],
                              cwd=ROOT, env=environ)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(base + "/auth/login", timeout=1).read()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def _login(base: str, email: str, password: str) -> int:
    """One sign-in through the real form, on a new connection (so either worker may answer)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/auth/login", timeout=10).read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"email": email, "password": password, "csrf_token": token}).encode()

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object) -> None:
            return None

    opener.add_handler(NoRedirect())
    try:
        return opener.open(base + "/auth/login", data=body, timeout=10).status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"], indirect=True)
def test_two_slow_clients_do_not_hold_the_workers(migrated_url, backend: str, member: User) -> None:
    with gunicorn(migrated_url(backend), GUNICORN_WORKERS="2") as base:
        port = int(base.rsplit(":", 1)[1])
        slow = []
        for _ in range(2):
            conn = socket.create_connection(("127.0.0.1", port))
            conn.sendall(b"POST /auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100000\r\n\r\n")
            slow.append(conn)
        try:
            for second in range(4):  # while they trickle, another visitor is answered promptly each time
                for conn in slow:
                    conn.sendall(b"e")
                started = time.monotonic()
                answer = urllib.request.urlopen(base + "/auth/login", timeout=5)
                assert answer.status == 200 and time.monotonic() - started < 2, second
                time.sleep(0.5)
        finally:
            for conn in slow:
                conn.close()


def test_sign_in_limit_is_one_count_across_two_workers_and_a_restart(migrated_url, redis_url: str,
                                                                     member: User) -> None:
    url = migrated_url("sqlite")
    env = {"RATELIMIT_ENABLED": "1", "RATELIMIT_STORAGE_URI": redis_url, "GUNICORN_WORKERS": "2",
           "LOGIN_LIMIT_PER_IP": "1000 per hour"}
    with gunicorn(url, **env) as base:
        answers = [_login(base, member.email, "not the password") for _ in range(10)]
    assert answers == [401] * 5 + [429] * 5, answers  # 5 wrong passwords checked, whichever worker answered
    with gunicorn(url, **env) as base:  # restarted: the count is in Redis, not in the workers
        assert _login(base, member.email, "not the password") == 429
        assert _login(base, member.email, PASSWORD) == 429  # a new device waits too (or resets the password)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    return getattr(request, "param", "sqlite")
