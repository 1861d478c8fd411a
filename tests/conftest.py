"""Fixtures: every test that touches the database runs on SQLite and on a real PostgreSQL."""
import os
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app import create_app
from app.auth.models import Role, User
from app.auth.services import create_user
from app.extensions import db
from tests.support.accounts import JOINED_LONG_AGO, PASSWORD, AuthActions
from tests.support.databases import BACKENDS, Databases, empty_all_tables
from tests.support.redis import ThrowawayRedis
from tests.support.smtp import ThrowawaySmtp


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The longest tests first: started last, one of them would keep a worker busy after the others are done."""
    items.sort(key=lambda item: item.get_closest_marker("long") is None)


@pytest.fixture(scope="session")
def databases(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Databases]:
    """Set OSSIFY_TEST_POSTGRES_URL (a server URL whose user may create databases) to skip the throwaway server."""
    dbs = Databases(tmp_path_factory.mktemp("databases"), os.environ.get("OSSIFY_TEST_POSTGRES_URL"))
    yield dbs
    dbs.close()


@pytest.fixture(scope="session")
def redis_server() -> Iterator[ThrowawayRedis]:
    """A real Redis for the tests of limits shared between workers (started on first use)."""
    server = ThrowawayRedis().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def smtp_server() -> Iterator[ThrowawaySmtp]:
    """A real SMTP server (aiosmtpd) that keeps what it receives."""
    server = ThrowawaySmtp().start()
    yield server
    server.stop()


@pytest.fixture
def smtp(smtp_server: ThrowawaySmtp) -> ThrowawaySmtp:
    """The SMTP server, emptied for this test."""
    smtp_server.clear()
    return smtp_server


@pytest.fixture
def redis_url(redis_server: ThrowawayRedis) -> str:
    """The throwaway Redis, emptied for this test."""
    redis_server.flush()
    return redis_server.url


@pytest.fixture(scope="session")
def migrated_url(databases: Databases) -> Callable[[str], str]:
    """The run's migrated test database for a backend, built on first use."""
    cache: dict[str, str] = {}

    def get(backend: str) -> str:
        if backend not in cache:
            cache[backend] = databases.migrated_url(backend, "test")
        return cache[backend]

    return get


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


class BufferedClient(FlaskClient):
    """Reads each response whole and closes it, as a server does: work queued for after the response (a mail,
    `call_on_close`) is done before the test goes on."""

    def open(self, *args: Any, **kwargs: Any):  # noqa: ANN201
        kwargs.setdefault("buffered", True)
        return super().open(*args, **kwargs)


# One app per database and test process for the tests that need no config of their own: building one (its URL
# rules and OpenAPI document) costs about 0.13 s, a tenth of a typical test. Its tables are emptied after each test
# as before, its outbox is the test's own, and the two extensions that keep process-wide state are pointed back at
# it when a test with config of its own built another app in between.
_SHARED_APPS: dict[str, Flask] = {}


def _adopt(shared: Flask) -> None:
    from app.extensions import limiter
    limiter.enabled = shared.config["RATELIMIT_ENABLED"]  # Flask-Limiter keeps the last app's switch
    shared.extensions["celery"].set_default()             # and Celery its default app


@pytest.fixture
def make_app(migrated_url: Callable[[str], str], backend: str, tmp_path: Path) -> Iterator[Callable[..., Flask]]:
    """Build an app on this test's backend with config overrides (or, without any, the process's shared app for the
    backend); the tables are emptied afterwards."""
    apps: list[Flask] = []

    def factory(own: bool = False, **overrides: Any) -> Flask:
        """`own`: a new app even without overrides (a test that adds a route to it)."""
        outbox = str(tmp_path / "outbox")
        if not own and not overrides and backend in _SHARED_APPS:
            shared = _SHARED_APPS[backend]
            _adopt(shared)
            shared.config["MAIL_OUTBOX_DIR"] = outbox
            apps.append(shared)
            return shared
        config = {"SQLALCHEMY_DATABASE_URI": migrated_url(backend), "MAIL_OUTBOX_DIR": outbox, **overrides}
        new_app = create_app("testing", config)
        new_app.test_client_class = BufferedClient
        if not own and not overrides:
            _SHARED_APPS[backend] = new_app
        apps.append(new_app)
        return new_app

    yield factory
    for built in apps:
        with built.app_context():
            if built is apps[0]:
                empty_all_tables()
            db.session.remove()
            if built not in _SHARED_APPS.values():
                db.engine.dispose()


@pytest.fixture
def app(make_app: Callable[..., Flask]) -> Flask:
    return make_app()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask):  # noqa: ANN201
    return app.test_cli_runner()


@pytest.fixture
def make_user(app: Flask) -> Callable[..., User]:
    """Create an account directly (member by default); returns it detached with its id loaded."""
    counter = iter(range(1, 10_000))

    def factory(role: Role = Role.MEMBER, email: str | None = None, name: str = "Test Person",
                password: str = PASSWORD, timezone: str = "UTC", joined: datetime = JOINED_LONG_AGO) -> User:
        """`joined`: when the account was made. By default years ago, so every week a test logs in is a
        week she was a member (weeks before an account are not judged)."""
        email = email or f"{role.value}{next(counter)}@example.com"
        with app.app_context():
            user = create_user(email, name, password, role, app.config["PASSWORD_HASH_METHOD"], timezone=timezone)
            user.created_at = joined
            db.session.commit()
            db.session.refresh(user)
            db.session.expunge(user)
        return user

    return factory


@pytest.fixture
def member(make_user: Callable[..., User]) -> User:
    return make_user(Role.MEMBER, email="margaret@example.com", name="Margaret")


@pytest.fixture
def therapist(make_user: Callable[..., User]) -> User:
    return make_user(Role.THERAPIST, email="priya@example.com", name="Priya")


@pytest.fixture
def auth(client: FlaskClient) -> AuthActions:
    return AuthActions(client)


@pytest.fixture
def her_weight_kg() -> float:
    """The weight `her_profile` records (a module may override it)."""
    return 62.0


@pytest.fixture
def her_profile(app: Flask, member: User, her_weight_kg: float) -> User:
    """Margaret's profile filled in, as the targets need it (tests/support/world.py, `fill_profile`)."""
    from tests.support.world import fill_profile
    with app.app_context():
        fill_profile(member.id, her_weight_kg)
        db.session.commit()
    return member


@pytest.fixture
def signed_in(client: FlaskClient, auth: AuthActions, member: User) -> FlaskClient:
    """The test client, signed in as the member Margaret (a test that needs her catalog, foods or profile asks for
    `catalog`, `foods` or `her_profile` too)."""
    auth.login(member)
    return client


@pytest.fixture
def catalog(app: Flask) -> dict[str, int]:
    """The shipped exercise catalog, loaded; slug → id."""
    from sqlalchemy import select

    from app.exercises.catalog import load_catalog
    from app.exercises.models import Exercise
    with app.app_context():
        load_catalog()
        db.session.commit()
        return dict(db.session.execute(select(Exercise.slug, Exercise.id).where(Exercise.slug.is_not(None))).all())


class QueryCounter:
    """Counts SQL statements, leaving out transaction control (SQLite's explicit BEGIN)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if not statement.lstrip().upper().startswith("BEGIN"):
            self.count += 1


@pytest.fixture
def count_queries(app: Flask) -> Callable[[Callable[[], Any]], int]:
    """Run a callable and return how many SQL statements it sent."""
    from sqlalchemy import event

    def run(action: Callable[[], Any]) -> int:
        counter = QueryCounter()
        with app.app_context():
            engine = db.engine
        event.listen(engine, "before_cursor_execute", counter)
        try:
            action()
        finally:
            event.remove(engine, "before_cursor_execute", counter)
        return counter.count

    return run


@pytest.fixture(scope="session")
def everyday_rows() -> list:
    """The everyday layer's rows, read from the SR28 files once per test process (reading them is most of a load)."""
    from app.nutrition.foods import everyday_layer, read_foods
    return read_foods(only=set(everyday_layer()))


@pytest.fixture
def foods(app: Flask, everyday_rows: list) -> dict[str, int]:
    """The everyday layer of the food table (its 248 named foods, from the SR28 files), loaded; NDB number → food id.

    The whole table (8,789 foods) is loaded where it matters: the importer's tests, the browser's live app and
    `make bench`; loading it for every test would cost seconds each."""
    from sqlalchemy import select

    from app.nutrition.foods import load_food_rows
    from app.nutrition.models import Food
    with app.app_context():
        load_food_rows(everyday_rows)
        db.session.commit()
        return dict(db.session.execute(select(Food.source_id, Food.id).where(Food.source_id.is_not(None))).all())


@pytest.fixture
def world(app: Flask, make_user, member: User, catalog, foods) -> dict:
    """Margaret (the client) with data; Olive (another member); three therapists: linked, unlinked, revoked."""
    from tests.support.world import build_world
    return build_world(app, make_user, member, catalog, foods)


@pytest.fixture
def full_world(app: Flask, world: dict, catalog) -> dict:
    """The world above plus one of every other kind of record Margaret can own."""
    from tests.support.world import build_full_world
    return build_full_world(app, world, catalog)
