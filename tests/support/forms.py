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


def _reference() -> dict:
    """Rows no visitor's request may change, and most of the rows there are: the food table's USDA rows and their
    measures, and the exercise catalog (a member's own foods and exercises are not among them)."""
    from app.exercises.models import Exercise
    from app.nutrition.models import Food, FoodServing
    usda = select(Food.id).where(Food.member_id.is_(None))
    return {"food": Food.member_id.is_(None), "food_serving": FoodServing.food_id.in_(usda),
            "exercise": Exercise.member_id.is_(None)}


def dump(app: Flask, reference: bool = True) -> dict[str, list[tuple]]:
    """Every row of every table except the access log (a refused request may still be recorded as a view).

    `reference=False` leaves out the reference rows (`reference_rows`): a probe reads them once before and once after
    its thousands of requests instead of after each one, and still sees any change to them."""
    with app.app_context():
        where = {} if reference else _reference()
        tables = [t for t in db.metadata.sorted_tables if t.name != "access_record"]
        return {t.name: [tuple(r) for r in db.session.execute(
            select(t).where(~where[t.name] if t.name in where else True).order_by(*t.primary_key.columns))]
            for t in tables}


def reference_rows(app: Flask) -> dict[str, list[tuple]]:
    """The rows `dump(reference=False)` leaves out."""
    with app.app_context():
        tables = {t.name: t for t in db.metadata.sorted_tables}
        return {name: [tuple(r) for r in db.session.execute(
            select(tables[name]).where(condition).order_by(*tables[name].primary_key.columns))]
            for name, condition in _reference().items()}
