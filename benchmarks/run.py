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
from pathlib import Path

import flask_migrate
from sqlalchemy import event

from app import create_app
from app.auth.models import Role
from app.auth.services import create_user
from app.exercises.catalog import load_catalog
from app.extensions import db
from app.nutrition.foods import load_foods
from tests.support.databases import MIGRATIONS_DIR
from tests.support.postgres import ThrowawayPostgres

PASSWORD = "benchmark password"
BASELINE = "/account"  # signed in, one small template, no member data
PAGES = {
    "food search 'milk'": "/nutrition/search?q=milk",
    "food search 'ch' (many hits)": "/nutrition/search?q=ch",
    "food search, nothing typed": "/nutrition/search",
}


def build(url: str) -> tuple:
    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": url, "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000"})
    with app.app_context():
        flask_migrate.upgrade(directory=MIGRATIONS_DIR)
        load_catalog()
        load_foods()
        create_user("bench@example.com", "Bench", PASSWORD, Role.MEMBER, app.config["PASSWORD_HASH_METHOD"])
        db.session.commit()
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


def statements(app, get: Callable[[], object]) -> int:
    count = [0]
    with app.app_context():
        engine = db.engine

    def listener(*args: object) -> None:
        count[0] += 1

    event.listen(engine, "before_cursor_execute", listener)
    try:
        response = get()
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert response.status_code == 200, response.status_code
    return count[0]


def report(name: str, url: str, pages: dict[str, str], seconds: float,
           prepare: Callable | None = None) -> None:
    app, client = build(url)
    if prepare:
        prepare(app, client)
    base = throughput(lambda: client.get(BASELINE), seconds)
    print(f"\n{name}: baseline {BASELINE} {base:,.0f} req/s, {statements(app, lambda: client.get(BASELINE))} SQL")
    print(f"  {'page':40} {'req/s':>8} {'ratio':>7} {'SQL/req':>8}")
    for label, path in pages.items():
        rate = throughput(lambda: client.get(path), seconds)
        print(f"  {label:40} {rate:8,.0f} {rate / base:7.2f} {statements(app, lambda: client.get(path)):8}")
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
            report("SQLite", f"sqlite:///{Path(tmp) / 'bench.db'}", PAGES, args.seconds)
    if args.only != "sqlite":
        postgres = ThrowawayPostgres().start()
        try:
            report("PostgreSQL", postgres.create_database("bench"), PAGES, args.seconds)
        finally:
            postgres.stop()


if __name__ == "__main__":
    main()
