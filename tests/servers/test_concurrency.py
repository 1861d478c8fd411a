"""Writes at the same time: four processes, each with its own app and connections, on SQLite (WAL) and PostgreSQL.

Every write the app acknowledged (a redirect to the saved row) must be in the database afterwards, and no form
is stored twice, even when the same form reaches two processes at once (a double tap, a resent page).
"""
import multiprocessing
import re
import uuid
from collections import Counter
from datetime import timedelta

import pytest
from flask import Flask
from sqlalchemy import select

from app.auth.models import Role, User
from app.exercises.models import ExerciseSession
from app.extensions import db
from app.guidance.calendar import today_in
from app.nutrition.models import FoodLog
from tests.support.accounts import PASSWORD

WORKERS = 4
FORMS_PER_WORKER = 12  # sessions and food logs, alternating
TODAY = today_in("UTC")


def _worker(url: str, email: str, walking_id: int, food_id: int, submission_ids: list[str],
            start: "multiprocessing.synchronize.Barrier", results: "multiprocessing.Queue") -> None:
    """One person's device: signs in, then sends its forms as fast as the app answers them."""
    from app import create_app
    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": url})
    client = app.test_client()
    assert client.post("/auth/login", data={"email": email, "password": PASSWORD}).status_code == 302
    acknowledged, failures = [], []
    start.wait(timeout=60)
    for n, submission_id in enumerate(submission_ids):
        day = (TODAY - timedelta(days=n % 7)).isoformat()
        if n % 2 == 0:
            response = client.post("/exercises/walk", data={
                "exercise": str(walking_id), "minutes": str(10 + n), "session_date": day,
                "submission_id": submission_id})
            kind, saved = "session", re.fullmatch(r"/exercises/sessions/(\d+)", response.location or "")
        else:
            response = client.post(f"/nutrition/log?food_id={food_id}", data={
                "log_date": day, "meal": "lunch", "amount": str(100 + n), "unit": "g",
                "submission_id": submission_id})
            kind, saved = "food", re.match(r"/nutrition/day/" + day, response.location or "")
        if response.status_code == 302 and saved:
            acknowledged.append((kind, email, submission_id))
        else:
            failures.append((kind, response.status_code, response.get_data(as_text=True)[:300]))
    with app.app_context():
        db.engine.dispose()
    results.put((acknowledged, failures))


@pytest.fixture
def two_members(make_user, member: User) -> list[User]:
    return [member, make_user(Role.MEMBER, email="second@example.com", name="Second")]


def test_four_processes_writing_at_once_store_every_acknowledged_form_once(
        app: Flask, two_members: list[User], catalog: dict, foods: dict) -> None:
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    food_id = foods["01085"]
    # Workers 0–2 are one member on three devices, worker 3 another member. Workers 0 and 1 also send four
    # of the same forms (same submission ids), as a double tap on a slow connection would.
    shared = [uuid.uuid4().hex for _ in range(4)]
    plans = []
    for worker in range(WORKERS):
        own = [uuid.uuid4().hex for _ in range(FORMS_PER_WORKER - (4 if worker < 2 else 0))]
        ids = shared + own if worker < 2 else own
        plans.append((two_members[0 if worker < 3 else 1].email, ids))

    context = multiprocessing.get_context("spawn")  # a fresh interpreter: no connection inherited by fork
    start, results = context.Barrier(WORKERS), context.Queue()
    processes = [context.Process(target=_worker, args=(url, email, catalog["walking"], food_id, ids, start, results))
                 for email, ids in plans]
    for process in processes:
        process.start()
    outcomes = [results.get(timeout=120) for _ in processes]
    for process in processes:
        process.join(timeout=30)
        assert process.exitcode == 0

    failures = [f for _, worker_failures in outcomes for f in worker_failures]
    assert failures == []  # nobody saw an error: every form was acknowledged
    acknowledged = {row for worker_rows, _ in outcomes for row in worker_rows}
    sent = sum(len(ids) for _, ids in plans)
    assert len(acknowledged) == sent - len(shared)  # the shared forms were acknowledged to both devices

    with app.app_context():
        stored = set()
        for model, kind in ((ExerciseSession, "session"), (FoodLog, "food")):
            rows = db.session.execute(select(User.email, model.submission_id).join(User, User.id == model.member_id)
                                      ).all()
            assert not [k for k, n in Counter(rows).items() if n > 1]  # none stored twice
            stored |= {(kind, email, submission_id) for email, submission_id in rows}
    assert stored == acknowledged


def test_the_same_form_sent_twice_saves_one_session(signed_in, app: Flask, catalog: dict) -> None:
    page = signed_in.get("/exercises/walk").get_data(as_text=True)
    submission_id = re.search(r'name="submission_id" type="hidden" value="([0-9a-f]{32})"', page).group(1)
    data = {"exercise": str(catalog["walking"]), "minutes": "25", "session_date": TODAY.isoformat(),
            "submission_id": submission_id}
    first = signed_in.post("/exercises/walk", data=data)
    again = signed_in.post("/exercises/walk", data=data)
    assert first.status_code == again.status_code == 302 and first.location == again.location
    assert "already saved" in signed_in.get(again.location).get_data(as_text=True)
    with app.app_context():
        assert len(db.session.scalars(select(ExerciseSession)).all()) == 1
    # Each rendering of the form is a new submission: the next walk is a new session.
    next_page = signed_in.get("/exercises/walk").get_data(as_text=True)
    assert submission_id not in next_page


def test_the_same_food_form_sent_twice_logs_once_and_a_bad_id_is_ignored(signed_in, app: Flask,
                                                                          foods: dict) -> None:
    url = f"/nutrition/log?food_id={foods['01085']}"
    page = signed_in.get(url).get_data(as_text=True)
    submission_id = re.search(r'name="submission_id" type="hidden" value="([0-9a-f]{32})"', page).group(1)
    data = {"log_date": TODAY.isoformat(), "meal": "breakfast", "amount": "200", "unit": "g"}
    assert signed_in.post(url, data={**data, "submission_id": submission_id}).status_code == 302
    assert signed_in.post(url, data={**data, "submission_id": submission_id}).status_code == 302
    # A form with errors keeps its submission id, so fixing and resending still saves once.
    invalid = signed_in.post(url, data={**data, "amount": "lots", "submission_id": "not-a-uuid"})
    assert invalid.status_code == 400
    assert "not-a-uuid" not in invalid.get_data(as_text=True)
    with app.app_context():
        assert len(db.session.scalars(select(FoodLog)).all()) == 1
