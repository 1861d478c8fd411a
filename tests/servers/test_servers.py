"""Ossify as production runs it: gunicorn with the repo's gunicorn.conf.py, two workers, a real Redis for limits.

- two clients that send their requests a byte at a time don't stop a third being served;
- the sign-in limit is one count per account across both workers and a restart (Redis).
"""
import socket
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from app.auth.models import User
from tests.support.accounts import PASSWORD
from tests.support.servers import gunicorn, login_over_http


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
        answers = [login_over_http(base, member.email, "not the password") for _ in range(10)]
    assert answers == [401] * 5 + [429] * 5, answers  # 5 wrong passwords checked, whichever worker answered
    with gunicorn(url, **env) as base:  # restarted: the count is in Redis, not in the workers
        assert login_over_http(base, member.email, "not the password") == 429
        assert login_over_http(base, member.email, PASSWORD) == 429  # a new device waits too (or resets the password)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    return getattr(request, "param", "sqlite")
