"""Reading the forms on a page (action, method, field names), and every table as it stands."""
from html.parser import HTMLParser

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.extensions import db

SKIP_ACTIONS = ("/auth/logout", "/auth/sign-out-everywhere")


class FormParser(HTMLParser):
    """Each <form>: method, action and the names of its inputs, selects, textareas and named buttons."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []
        self._current: dict | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form":
            self._current = {"method": (a.get("method") or "get").lower(), "action": a.get("action") or "",
                             "fields": {}}
            self.forms.append(self._current)
        elif self._current is not None and tag in ("input", "select", "textarea", "button") and a.get("name"):
            self._current["fields"].setdefault(a["name"], a.get("value") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._current = None


def discover_forms(client: FlaskClient, pages: list[str]) -> dict[tuple[str, str, tuple[str, ...]], dict]:
    found: dict[tuple[str, str, tuple[str, ...]], dict] = {}
    for page in pages:
        response = client.get(page)
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        parser = FormParser()
        parser.feed(response.get_data(as_text=True))
        for form in parser.forms:
            action = form["action"] or page
            fields = {k: v for k, v in form["fields"].items() if k != "csrf_token"}
            if action.split("?")[0] in SKIP_ACTIONS or not fields:
                continue  # a bare button (delete, stop, revoke): nothing to type into
            found.setdefault((form["method"], action, tuple(sorted(fields))), fields)
    return found


def dump(app: Flask) -> dict[str, list[tuple]]:
    """Every row of every table except the access log (a refused request may still be recorded as a view)."""
    with app.app_context():
        tables = [t for t in db.metadata.sorted_tables if t.name != "access_record"]
        return {t.name: [tuple(r) for r in db.session.execute(select(t).order_by(*t.primary_key.columns))]
                for t in tables}
