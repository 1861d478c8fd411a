"""Ossify on several machines: two gunicorn instances against one PostgreSQL and one Redis, requests alternating
between them, and two Celery workers delivering reminders through a real SMTP server.

- sign-in limits are one count: five failures spread over both instances refuse the sixth on either;
- a session signed in on one instance works on the other;
- posts sent to both at once (the same form twice, and different forms) lose and double nothing;
- two workers, each handed a scan, deliver every due reminder exactly once.
"""
import http.cookiejar
import os
import re
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
import uuid
from collections import Counter
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from celery import Celery
from sqlalchemy import func, select

from app.auth.models import Role
from app.exercises.models import ExerciseSession
from app.extensions import db
from app.reminders.models import ReminderSetting, SentMessage
from tests.support.accounts import PASSWORD
from tests.support.servers import gunicorn, login_over_http

ROOT = Path(__file__).resolve().parents[2]
CELERY = Path(sys.executable).parent / "celery"
REMINDED = 12   # members with a reminder due


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    return "postgresql"


def _session(base: str, email: str) -> urllib.request.OpenerDirector:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/auth/login", timeout=10).read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    opener.open(base + "/auth/login", data=urllib.parse.urlencode(
        {"email": email, "password": PASSWORD, "csrf_token": token}).encode(), timeout=10).read()
    return opener


def _post_walk(opener: urllib.request.OpenerDirector, base: str, walking: int, submission: str, day: str) -> int:
    page = opener.open(base + "/exercises/walk", timeout=10).read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"csrf_token": token, "exercise": walking, "minutes": 30, "session_date": day,
                                   "submission_id": submission}).encode()
    return opener.open(base + "/exercises/walk", data=body, timeout=20).status


@contextmanager
def celery_worker(name: str, env: dict) -> "subprocess.Popen":
    worker = subprocess.Popen([str(CELERY), "-A", "app.worker", "worker", "--pool", "solo", "--hostname",
                               f"{name}@%h", "--loglevel", "WARNING", "--without-gossip", "--without-mingle"],
                              cwd=ROOT, env={**os.environ, **env})
    try:
        yield worker
    finally:
        worker.terminate()
        worker.wait(timeout=30)


@pytest.mark.long
def test_two_instances_and_two_workers_share_everything(app, migrated_url, make_user, catalog, redis_url: str,
                                                        smtp) -> None:
    url = migrated_url("postgresql")
    env = {"REDIS_URL": redis_url, "RATELIMIT_ENABLED": "1", "GUNICORN_WORKERS": "2",
           "LOGIN_LIMIT_PER_IP": "1000 per hour", "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": str(smtp.port),
           "MAIL_USE_TLS": "0", "PUBLIC_URL": "http://ossify.test"}
    locked = make_user(Role.MEMBER, email="locked@example.com", name="Lena")
    walker = make_user(Role.MEMBER, email="walker@example.com", name="Wanda")
    reminded = [make_user(Role.MEMBER, email=f"r{n}@example.com", name=f"R{n}") for n in range(REMINDED)]
    with gunicorn(url, **env) as one, gunicorn(url, **env) as two:
        # Limits: five wrong passwords, alternating instances; the sixth is refused on either.
        answers = [login_over_http(base, locked.email, "not the password") for base in (one, two, one, two, one)]
        assert answers == [401] * 5, answers
        assert login_over_http(two, locked.email, "not the password") == 429
        assert login_over_http(one, locked.email, PASSWORD) == 429
        # A session signed in on one instance works on the other.
        opener = _session(one, walker.email)
        home = opener.open(two + "/dashboard", timeout=10)
        assert home.geturl().endswith("/dashboard") and "Wanda" in home.read().decode()
        # Posts to both at once: each form sent to both instances (a double tap through a load balancer), and
        # eight different forms: eight sessions, none lost, none doubled.
        day = datetime.now(ZoneInfo(walker.timezone)).date().isoformat()
        submissions = [uuid.uuid4().hex for _ in range(8)]
        statuses: list[int] = []

        def post(base: str, submission: str) -> None:
            statuses.append(_post_walk(_session(base, walker.email), base, catalog["walking"], submission, day))

        threads = [threading.Thread(target=post, args=(base, s)) for s in submissions for base in (one, two)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert statuses == [200] * 16, statuses  # each answered (redirects followed to the session)
        with app.app_context():
            assert db.session.scalar(select(func.count()).select_from(ExerciseSession)
                                     .where(ExerciseSession.member_id == walker.id)) == 8

    # Two Celery workers; two scans queued at once (as a retry or a second beat would): each reminder once.
    with app.app_context():
        for member in reminded:
            local = (datetime.now(UTC) - timedelta(minutes=3)).astimezone(ZoneInfo(member.timezone))
            db.session.add(ReminderSetting(user_id=member.id, exercise_on=True, exercise_days=str(local.weekday()),
                                           exercise_at=local.time().replace(second=0, microsecond=0)))
        db.session.commit()
    worker_env = {**env, "DATABASE_URL": url, "OSSIFY_CONFIG": "development", "SECRET_KEY": "servers-test-only"}
    with celery_worker("w1", worker_env), celery_worker("w2", worker_env):
        client = Celery(broker=redis_url)
        for _ in range(2):
            client.send_task("reminders.scan")
        received = smtp.wait_for(REMINDED, timeout=60)
        time.sleep(3)  # anything doubled would arrive by now
        received = smtp.messages
    recipients = Counter(m["To"] for m in received)
    assert len(received) == REMINDED and set(recipients.values()) == {1}, recipients
    with app.app_context():
        statuses = Counter(db.session.scalars(select(SentMessage.status)))
        assert statuses == {"sent": REMINDED}, statuses
