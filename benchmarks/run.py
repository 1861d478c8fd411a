"""Page benchmarks: throughput as a ratio to a minimal logged-in page, and SQL statements per request.

    make bench                 # SQLite and a throwaway PostgreSQL, in-process (no network, no server)
    .venv/bin/python -m benchmarks.run --seconds 3 --only sqlite

Absolute numbers swing with the machine; the ratio to the baseline page measured in the same
run, and the statement count, are what to compare between changes.
"""
import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import flask_migrate
from sqlalchemy import event, insert, select, text

from app import create_app
from app.auth.models import Role
from app.auth.services import create_user
from app.care.models import CareLink, LinkStatus
from app.exercises.catalog import load_catalog
from app.exercises.models import Exercise, ExerciseSession, SessionEntry
from app.extensions import db
from app.guidance.weeks import week_start
from app.nutrition.foods import load_foods
from app.nutrition.models import Food, FoodLog, Supplement, SupplementLog
from app.profile.services import get_profile
from app.targets.services import record_weight
from tests.support.databases import MIGRATIONS_DIR
from tests.support.postgres import ThrowawayPostgres

PASSWORD = "benchmark password"
BASELINE = "/account"  # signed in, one small template, no member data
HISTORY_DAYS = 3 * 365


def pages(today: date) -> dict[str, str]:
    return {
        "weekly summary (this week)": f"/progress/week/{week_start(today).isoformat()}",
        "weekly summary (a year ago)": f"/progress/week/{week_start(today - timedelta(days=364)).isoformat()}",
        "dashboard": "/dashboard",
        "12-week trends": "/progress/trends",
        "exercise history (page 1)": "/exercises/",
        "food day (today)": f"/nutrition/day/{today.isoformat()}",
        "food search 'milk'": "/nutrition/search?q=milk",
        "food search 'ch' (many hits)": "/nutrition/search?q=ch",
        "food search, nothing typed": "/nutrition/search",
        "bone-health record + risk checklist": "/me/health",
        "Learn: calcium and vitamin D (food table ranked)": "/learn/calcium-and-vitamin-d",
        "Learn: T-scores (text only)": "/learn/t-scores",
    }


def seed_three_years(app, member_id: int) -> None:
    """Daily exercise (a session with two entries) and food (three items) plus a supplement, for 3 years."""
    today = date.today()
    with app.app_context():
        catalog = dict(db.session.execute(select(Exercise.slug, Exercise.id).where(Exercise.slug.is_not(None))).all())
        milk = db.session.scalar(select(Food.id).where(Food.source_id == "01085"))
        supplement = Supplement(member_id=member_id, kind="calcium_citrate", name="Calcium citrate", unit_name="tablet",
                                calcium_mg=315, vitamin_d_iu=250, usual_quantity=1)
        db.session.add(supplement)
        db.session.flush()
        days = [today - timedelta(days=i) for i in range(HISTORY_DAYS)]
        db.session.execute(insert(ExerciseSession), [
            {"member_id": member_id, "session_date": d, "total_minutes": 40, "effort": 4, "pain": i % 45 == 0}
            for i, d in enumerate(days)])
        session_ids = db.session.scalars(select(ExerciseSession.id).where(ExerciseSession.member_id == member_id)
                                         .order_by(ExerciseSession.session_date.desc())).all()
        entries = []
        for i, session_id in enumerate(session_ids):
            entries.append({"session_id": session_id, "position": 0, "exercise_id": catalog["brisk_walking"],
                            "minutes": 30, "caution_confirmed": False})
            second = ({"exercise_id": catalog["band_squat"], "sets": 3, "reps_per_set": [10, 10, 10],
                       "band_colour": "red"} if i % 3 == 0 else {"exercise_id": catalog["stamping"], "impacts": 50})
            entries.append({"session_id": session_id, "position": 1, "caution_confirmed": False, **second})
        db.session.execute(insert(SessionEntry), entries)
        db.session.execute(insert(FoodLog), [
            {"member_id": member_id, "log_date": d, "meal": meal, "food_id": milk, "food_name": "Milk", "servings": 1,
             "serving_name": "1 cup", "grams": 245, "calcium_mg": 299, "vitamin_d_iu": 115, "protein_g": 8.3}
            for d in days for meal in ("breakfast", "lunch", "dinner")])
        db.session.execute(insert(SupplementLog), [
            {"member_id": member_id, "log_date": d, "supplement_id": supplement.id, "name": "Calcium citrate",
             "quantity": 1, "calcium_mg": 315, "vitamin_d_iu": 250, "protein_g": 0} for d in days])
        db.session.commit()
        if db.session.get_bind().dialect.name == "postgresql":
            # Statistics, as PostgreSQL's autovacuum keeps them in service: without them the planner takes the
            # bulk-loaded logs for an empty table and plans her three years as two rows.
            db.session.execute(text("ANALYZE"))
            db.session.commit()


def build(url: str) -> tuple:
    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": url, "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000"})
    with app.app_context():
        flask_migrate.upgrade(directory=MIGRATIONS_DIR)
        load_catalog()
        load_foods()
        user = create_user("bench@example.com", "Bench", PASSWORD, Role.MEMBER, app.config["PASSWORD_HASH_METHOD"])
        profile = get_profile(user.id)
        profile.date_of_birth, profile.sex = date(1958, 4, 12), "female"
        record_weight(user.id, 62.0, date(2020, 1, 1))
        db.session.commit()
        member_id = user.id
    seed_three_years(app, member_id)
    client = app.test_client()
    client.post("/auth/login", data={"email": "bench@example.com", "password": PASSWORD})
    return app, client


def throughput(get: Callable[[], object], seconds: float) -> float:
    """Requests per second over several short rounds (median), after a warm-up."""
    for _ in range(20):
        get()
    rounds = []
    for _ in range(5):
        n, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds / 5:
            get()
            n += 1
        rounds.append(n / (time.perf_counter() - start))
    return statistics.median(rounds)


def paired(page: Callable[[], object], baseline: Callable[[], object], seconds: float,
           block: int = 10) -> tuple[float, float]:
    """Requests per second of a page and of the baseline, timed in alternating blocks over `seconds` each."""
    for _ in range(20):
        page()
        baseline()
    spent = {"page": 0.0, "baseline": 0.0}
    done = {"page": 0, "baseline": 0}
    while spent["page"] < seconds or spent["baseline"] < seconds:
        for name, get in (("page", page), ("baseline", baseline)):
            start = time.perf_counter()
            for _ in range(block):
                get()
            spent[name] += time.perf_counter() - start
            done[name] += block
    return done["page"] / spent["page"], done["baseline"] / spent["baseline"]


def statements(app, get: Callable[[], object]) -> int:
    count = [0]
    with app.app_context():
        engine = db.engine

    def listener(conn: object, cursor: object, statement: str, *args: object) -> None:
        if not statement.lstrip().upper().startswith("BEGIN"):  # SQLite's explicit transaction start
            count[0] += 1

    event.listen(engine, "before_cursor_execute", listener)
    try:
        response = get()
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert response.status_code == 200, response.status_code
    return count[0]


def report(name: str, url: str, seconds: float) -> None:
    started = time.perf_counter()
    app, client = build(url)
    print(f"\n{name}: a member with {HISTORY_DAYS} days of exercise, food and supplement logs "
          f"(seeded in {time.perf_counter() - started:.0f} s)")
    # Each page is timed in short blocks alternating with blocks of the baseline, so both see the same machine: its
    # speed drifts within a run (one early baseline read 330 req/s in one run and 576 in the next), and a baseline
    # measured once, early, moved every ratio with it.
    base_rate = throughput(lambda: client.get(BASELINE), seconds)
    print(f"  baseline {BASELINE} {base_rate:,.0f} req/s, {statements(app, lambda: client.get(BASELINE))} SQL")
    print(f"  {'page':40} {'req/s':>8} {'ratio':>7} {'SQL/req':>8}")
    for label, path in pages(date.today()).items():
        rate, base = paired(lambda: client.get(path), lambda: client.get(BASELINE), seconds)
        print(f"  {label:40} {rate:8,.0f} {rate / base:7.2f} {statements(app, lambda: client.get(path)):8}")
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


CASELOADS = (5, 200)
CLIENT_DAYS = 14


def report_workspace(name: str, url: str, seconds: float, clients: int) -> None:
    """A therapist with `clients` linked clients, each with two weeks of exercise and food logs."""
    app, _ = build(url)
    today = date.today()
    with app.app_context():
        walking = db.session.scalar(select(Exercise.id).where(Exercise.slug == "brisk_walking"))
        milk = db.session.scalar(select(Food.id).where(Food.source_id == "01085"))
        therapist = create_user("pt@example.com", "Bench PT", PASSWORD, Role.THERAPIST,
                                app.config["PASSWORD_HASH_METHOD"])
        for i in range(clients):
            member = create_user(f"client{i}@example.com", f"Client {i:03d}", PASSWORD, Role.MEMBER,
                                 app.config["PASSWORD_HASH_METHOD"])
            profile = get_profile(member.id)
            profile.date_of_birth, profile.sex = date(1950 + i % 20, 1, 1), "female"
            record_weight(member.id, 60.0, date(2020, 1, 1))
            db.session.add(CareLink(member_id=member.id, therapist_id=therapist.id, status=LinkStatus.ACTIVE))
            for d in range(CLIENT_DAYS):
                day = today - timedelta(days=d + i % 9)
                session = ExerciseSession(member_id=member.id, session_date=day, pain=(i + d) % 31 == 0)
                session.entries = [SessionEntry(position=0, exercise_id=walking, minutes=30)]
                db.session.add(session)
                db.session.add(FoodLog(member_id=member.id, log_date=day, meal="lunch", food_id=milk,
                                       food_name="Milk", grams=245, calcium_mg=299, vitamin_d_iu=115, protein_g=8))
        db.session.commit()
    client = app.test_client()
    client.post("/auth/login", data={"email": "pt@example.com", "password": PASSWORD})
    # The first visit (of the day, or after her clients wrote) builds the stale rows; later visits read them.
    started = time.perf_counter()
    first_statements = statements(app, lambda: client.get("/clients/"))
    first_ms = (time.perf_counter() - started) * 1000
    base = throughput(lambda: client.get(BASELINE), seconds)
    rate = throughput(lambda: client.get("/clients/"), seconds)
    print(f"\n{name}: a therapist with {clients} clients ({CLIENT_DAYS} days of logs each)")
    print(f"  baseline {BASELINE} {base:,.0f} req/s; client list {rate:,.1f} req/s, ratio {rate / base:.3f}, "
          f"{statements(app, lambda: client.get('/clients/'))} SQL; first visit (every row built) "
          f"{first_ms:,.0f} ms, {first_statements} SQL")
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=2.0, help="measuring time per page")
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    args = parser.parse_args()
    if args.only != "postgresql":
        with tempfile.TemporaryDirectory() as tmp:
            report("SQLite", f"sqlite:///{Path(tmp) / 'bench.db'}", args.seconds)
            for clients in CASELOADS:
                report_workspace("SQLite", f"sqlite:///{Path(tmp) / f'workspace{clients}.db'}", args.seconds,
                                 clients)
    if args.only != "sqlite":
        postgres = ThrowawayPostgres().start()
        try:
            report("PostgreSQL", postgres.create_database("bench"), args.seconds)
            for clients in CASELOADS:
                report_workspace("PostgreSQL", postgres.create_database(f"workspace{clients}"), args.seconds,
                                 clients)
        finally:
            postgres.stop()


if __name__ == "__main__":
    main()
