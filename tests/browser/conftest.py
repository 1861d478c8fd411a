"""Headless Chromium (Debian's /usr/bin/chromium) against the app served from this process."""
import threading
from collections.abc import Callable, Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from flask import Flask
from playwright.sync_api import Page
from werkzeug.serving import make_server

from app import create_app
from app.exercises.catalog import load_catalog
from app.extensions import db
from app.nutrition.foods import load_foods
from tests.support.browser import LIVE_APPS
from tests.support.databases import Databases

CHROMIUM = "/usr/bin/chromium"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa"]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    # A phone-sized screen: Ossify is used on phones first.
    return {**browser_context_args, "viewport": {"width": 390, "height": 844}, "locale": "en-US",
            "timezone_id": "America/Chicago"}


def closing_before_sending(app: Flask) -> Callable:
    """The app as a WSGI callable that closes each response (running its `call_on_close` work: a mail sent after the
    answer) before handing the body to the server. Werkzeug's development server closes a response only after
    reading what is left of the request, and skips the close when that read fails because the browser has already
    dropped the connection (it does, after following a redirect): the reset mail was then never written, about one
    run in four."""
    def wsgi(environ: dict, start_response: Callable) -> list[bytes]:
        body = app(environ, start_response)
        try:
            return [b"".join(body)]
        finally:
            if hasattr(body, "close"):
                body.close()
    return wsgi


class LiveServer:
    def __init__(self, databases: Databases, backend: str, tmp_dir) -> None:
        self.backend = backend
        self.app = create_app("testing", {
            "SQLALCHEMY_DATABASE_URI": databases.migrated_url(backend, "browser"),
            "WTF_CSRF_ENABLED": True,  # the real forms, with their real tokens
            "MAIL_OUTBOX_DIR": str(tmp_dir / "outbox"),
        })
        with self.app.app_context():
            load_catalog()
            load_foods()
            db.session.commit()
        self.server = make_server("127.0.0.1", 0, closing_before_sending(self.app), threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.app.config["PUBLIC_URL"] = self.url  # links in mail point here
        LIVE_APPS[self.url] = self.app
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        with self.app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def live_server(request: pytest.FixtureRequest, databases: Databases,
                tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with LiveServer(databases, request.param, tmp_path_factory.mktemp(f"live-{request.param}")) as server:
        yield server


@pytest.fixture(scope="session")
def axe() -> Axe:
    return Axe()


@pytest.fixture
def check_a11y(axe: Axe) -> Callable[[Page], None]:
    """Fail on any serious or critical axe-core violation on the page as it is now."""

    def check(page: Page) -> None:
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
        assert not bad, f"{page.url}: " + "; ".join(
            f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}" for v in bad)

    return check


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A flow marked `on_database("sqlite")` or `("postgresql")` runs against that live server only: what differs
    between the databases is answered over HTTP on both by the route walkers (tests/house/test_permissions.py,
    test_probe.py, test_fuzz.py), so each browser flow drives one of them, half on each."""
    kept, dropped = [], []
    for item in items:
        marker = item.get_closest_marker("on_database")
        backend = getattr(item, "callspec", None) and item.callspec.params.get("live_server")
        (dropped if marker and backend and backend != marker.args[0] else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept
