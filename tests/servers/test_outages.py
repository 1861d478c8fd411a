"""When Redis is out: a real redis-server stopped (connections refused) or paused with SIGSTOP (connections accepted,
nothing answered) in the middle of a run.

Pages that don't need Redis keep answering within 2 s; sign-in, sign-up, reset, a token and a code never answer
500; guessing stays bounded (each worker process counts alone, each attempt twice: app/shared_limits.py); /readyz
keeps the instance in (a shared dependency's outage) and says "degraded"; when Redis is back the counts go back to
it.
"""
import threading
import time
import urllib.request
from collections.abc import Iterator

import pytest
import redis
from flask import Flask

from app import shared_limits
from app.auth.models import Role, User
from tests.support.accounts import PASSWORD
from tests.support.redis import ThrowawayRedis
from tests.support.servers import gunicorn, login_over_http

OUTAGES = ["stopped", "hung"]


@pytest.fixture
def own_redis() -> Iterator[ThrowawayRedis]:
    """A redis-server of this test's own, to stop or pause without touching the other tests' one."""
    server = ThrowawayRedis().start()
    yield server
    server.resume() if server.process and server.process.poll() is None else None
    server.stop()


def _cut(server: ThrowawayRedis, outage: str) -> None:
    server.pause() if outage == "hung" else server.halt()


def _mend(server: ThrowawayRedis, outage: str) -> None:
    server.resume() if outage == "hung" else server.start()


def _timed(call):  # noqa: ANN001, ANN202
    started = time.monotonic()
    answer = call()
    return answer, time.monotonic() - started


@pytest.mark.parametrize("outage", OUTAGES)
def test_with_redis_out_every_limited_form_answers_and_guessing_stays_bounded(
        make_app, make_user, own_redis: ThrowawayRedis, outage: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shared_limits, "REDIS_RETRY_AFTER", 1.0)
    app: Flask = make_app(REDIS_URL=own_redis.url, RATELIMIT_STORAGE_URI=own_redis.url, RATELIMIT_ENABLED=True)
    target = make_user(Role.MEMBER, email="margaret@example.com", name="Margaret")
    owner = make_user(Role.MEMBER, email="ruth@example.com", name="Ruth")
    client = app.test_client()
    assert client.get("/readyz").json == {"status": "ok"}

    _cut(own_redis, outage)
    page, took = _timed(lambda: client.get("/learn/"))
    assert page.status_code == 200 and took < 2
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json == {"status": "degraded"}
    assert client.get("/healthz").json == {"status": "ok"}

    answers = []
    for _ in range(6):
        answer, took = _timed(lambda: app.test_client().post(
            "/auth/login", data={"email": target.email, "password": "not her password"}))
        assert took < 2
        answers.append(answer.status_code)
    # One process here: 2 wrong passwords are checked (each counts twice against 5), then new devices wait.
    assert answers == [401, 401, 429, 429, 429, 429], answers

    signed_in = app.test_client()
    assert signed_in.post("/auth/login", data={"email": owner.email, "password": PASSWORD}).status_code == 302
    assert app.test_client().post("/auth/register", data={"email": "new@example.com"}).status_code == 200
    assert app.test_client().post("/auth/reset", data={"email": owner.email}).status_code == 302
    token = signed_in.post("/account/tokens", data={"name": "script", "password": PASSWORD})
    assert token.status_code == 201, token.status_code
    code = make_user(Role.THERAPIST, email="priya@example.com", name="Priya")
    therapist = app.test_client()
    assert therapist.post("/auth/login", data={"email": code.email, "password": PASSWORD}).status_code == 302
    redeemed = therapist.post("/clients/code", data={"code": "ABCDEFGH"})
    assert redeemed.status_code < 500, redeemed.status_code

    _mend(own_redis, outage)
    time.sleep(1.2)  # REDIS_RETRY_AFTER, as patched: the next call asks Redis again
    assert client.get("/readyz").json == {"status": "ok"}
    assert app.test_client().post("/auth/login", data={"email": "someone@example.com",
                                                       "password": "x"}).status_code == 401
    assert redis.Redis.from_url(own_redis.url).dbsize() > 0  # counting in Redis again


def test_a_dead_database_is_what_takes_an_instance_out(make_app) -> None:
    make_app()  # the fixture empties the first app's tables afterwards: a working one
    broken = make_app(SQLALCHEMY_DATABASE_URI="postgresql+psycopg://nobody@127.0.0.1:1/none")
    answer = broken.test_client().get("/readyz")
    assert answer.status_code == 503 and answer.json == {"status": "unavailable"}
    assert broken.test_client().get("/healthz").json == {"status": "ok"}


def test_gunicorn_with_redis_hung_then_stopped_keeps_serving_and_bounds_guessing(
        migrated_url, backend: str, own_redis: ThrowawayRedis, member: User, make_user) -> None:
    """Production's shape: gunicorn (gunicorn.conf.py, 2 workers of 4 threads) counting in Redis; Redis paused
    (SIGSTOP), then stopped, in the same run."""
    other = make_user(Role.MEMBER, email="ruth@example.com", name="Ruth")
    env = {"RATELIMIT_ENABLED": "1", "REDIS_URL": own_redis.url, "GUNICORN_WORKERS": "2",
           "LOGIN_LIMIT_PER_IP": "1000 per hour"}
    with gunicorn(migrated_url(backend), **env) as base:
        assert urllib.request.urlopen(base + "/readyz", timeout=5).read() == b'{"status":"ok"}\n'
        answers: list[int] = []
        for outage in ("hung", "stopped"):  # paused, then (a crashed server) gone
            _cut(own_redis, outage)
            guesses = [threading.Thread(
                target=lambda: answers.append(login_over_http(base, member.email, "wrong password")))
                       for _ in range(10)]
            for guess in guesses:  # 10 sign-ins in flight at once: more than the 8 threads
                guess.start()
            started = time.monotonic()
            learn = urllib.request.urlopen(base + "/learn/", timeout=10)
            assert learn.status == 200 and time.monotonic() - started < 2, outage
            for guess in guesses:
                guess.join(timeout=30)
            ready = urllib.request.urlopen(base + "/readyz", timeout=5)
            assert ready.status == 200 and ready.read() == b'{"status":"degraded"}\n', outage
            # The owner of another account signs in (the helper follows the redirect to her Home).
            assert login_over_http(base, other.email, PASSWORD) in (200, 302), outage
        assert len(answers) == 20 and set(answers) <= {401, 429}, answers
        # Each worker process counts alone, each attempt twice against 5: at most 2 per process get checked, over
        # both outages (the counts stay in the processes' memory).
        assert answers.count(401) <= 2 * 2, answers
        own_redis.start()
