"""A probe of every route and method with the hostile values an attacker sends (tried as the independent probe did).

Routes come from the url map, so a new one is probed without being listed. For each route and method, as the
visitor it is meant for (member, linked therapist, API token, or nobody) and as an anonymous visitor:
- path arguments replaced by hostile segments (year 1 and 9999, 5,000 digits, NUL, CR LF, …);
- for GET, every query parameter the app reads set to each hostile value;
- for POST, every field of the forms that post there (found on her pages) set to each hostile value, a body of
  30 MB, and for the API, hostile JSON (nested 100,000 deep, 5,000-digit integers, NaN, NUL);
asserting no 5xx, an answer within 2 s, and for a refused POST no change to any table (no partial write).
OSSIFY_PROBE_REPORT=1 prints what was tried.
"""
import os
import re
import time
import uuid

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event

from app.extensions import db
from tests.support.forms import discover_forms, dump, reference_rows
from tests.support.world import TODAY, as_user, her_args, token_for

U = uuid.uuid4()
VALUES = ["0001-01-01", "9999-12-31", "1e9999999", "-9e999", "1e30", "9" * 5000, "NaN", "-inf",
          "\r\nSet-Cookie: x=1", "Dr \u202eenoJ", "\x00", "a\x00b", "{" + str(U) + "}", U.urn, "/\\evil.example",
          "x" * 5000]
SEGMENTS = ["0", "-1", "9" * 5000, "0001-01-01", "9999-12-31", "2025-02-30", "%00", "%0d%0a", "x" * 300]
QUERY_PARAMS = ["page", "next", "q", "date", "meal", "exercise", "food_id", "repeat", "program", "weeks", "from",
                "to", "kind", "date_from", "date_to", "session_id", "monday"]
GENERIC_FIELDS = ["submission_id", "next", "name", "email", "password", "code", "body", "log_date", "remove_entry"]
JSON_BODIES = [
    "[" * 100_000 + "]" * 100_000,
    '{"session_date": "' + TODAY.isoformat() + '", "entries": [{"exercise_id": ' + "9" * 5000 + ', "minutes": 1}]}',
    '{"log_date": "0001-01-01", "meal": "breakfast", "food_id": 1, "amount": 1e999}',
    '{"session_date": "9999-12-31", "total_minutes": NaN, "entries": []}',
    '{"notes": "a\\u0000b", "pain_note": "\\u202e", "submission_id": "{' + str(U) + '}", "entries": "x"}',
    '{"amount": ' + "9" * 5000 + "}",
    '"' + "x" * 100_000 + '"',
    "null",
]
BIG_BODY = b"x=" + b"y" * (30 * 1024 * 1024)
SECONDS = 2.0
# Routes that end what the probe stands on (a sign-in, a link, a row): probed last, the visitor signed in again.
ENDING = re.compile(r"logout|sign_out|delete|revoke|\.end$|stop|untake|clear")


class Probe:
    def __init__(self, app: Flask, world: dict) -> None:
        self.app, self.world = app, world
        # Whether a request sent any INSERT, UPDATE or DELETE (the database's own writes, seen on the engine): a
        # refused POST that sent none cannot have changed a table, so the tables are read again only when one did.
        self.wrote = False
        with app.app_context():
            engine = db.engine

        def _write(conn, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001
            if statement.lstrip()[:6].upper() in ("INSERT", "UPDATE", "DELETE"):
                self.wrote = True

        self.engine, self.listener = engine, _write
        event.listen(engine, "before_cursor_execute", _write)
        self.dumps = 0
        self.tried = 0
        self.routes: set[tuple[str, str]] = set()
        self.failures: list[tuple] = []
        self.rows: dict | None = None  # every table as it stands, while nothing has been saved since
        self.clients: dict[str, FlaskClient] = {}
        self.tokens = {"member": token_for(app, world["member"]), "linked": token_for(app, world["linked"])}

    def close(self) -> None:
        event.remove(self.engine, "before_cursor_execute", self.listener)

    def client(self, who: str, fresh: bool = False) -> FlaskClient:
        if fresh or who not in self.clients:
            self.clients[who] = as_user(self.app, None if who == "anonymous" else self.world[who])
        return self.clients[who]

    def send(self, who: str, endpoint: str, method: str, url: str, **kwargs: object) -> None:
        client = self.client(who)
        checks_writes = method == "POST" and who != "anonymous"  # a visitor who isn't signed in is turned away
        if checks_writes and self.rows is None:
            self.rows = dump(self.app, reference=False)
        self.wrote = False
        started = time.monotonic()
        response = client.open(url, method=method, **kwargs)
        elapsed = time.monotonic() - started
        self.tried += 1
        self.routes.add((endpoint, method))
        where = (who, method, url[:120], response.status_code, round(elapsed, 2))
        if response.status_code >= 500 or elapsed > SECONDS:
            self.failures.append(where)
        if checks_writes:
            if 400 <= response.status_code < 500 and not self.wrote:
                pass  # refused, and nothing was written: the tables are as they were
            elif 400 <= response.status_code < 500:
                self.dumps += 1
                after = dump(self.app, reference=False)
                if after != self.rows:
                    self.failures.append((*where, "partial write"))
                self.rows = after
            else:
                self.rows = None  # it may have saved something: read the tables again before the next check
        elif who != "anonymous":
            self.rows = None  # some GETs write too (a token's last use, comments marked read)
        if ENDING.search(endpoint):
            self.client(who, fresh=True)
            self.rows = None


def _visitor(endpoint: str, rule: str) -> str:
    if endpoint.startswith("workspace.") or rule.startswith("/api/v1/clients/"):
        return "linked"
    if endpoint in ("main.index", "static") or endpoint.startswith(("learn.", "api-docs.")):
        return "anonymous"
    if endpoint.startswith("auth.") and endpoint not in ("auth.change_password", "account.delete_account",
                                                         "auth.sign_out_everywhere", "auth.logout"):
        return "anonymous"
    return "member"


def _fill(rule: str, values: dict[str, str]) -> str:
    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", lambda m: str(values[m.group(1)]), rule)


@pytest.mark.long
def test_every_route_and_method_survives_hostile_values(app: Flask, full_world: dict) -> None:
    probe = Probe(app, full_world)
    reference = reference_rows(app)   # the USDA foods and the catalog: checked once at the end, not per request
    w = full_world
    member_pages, therapist_pages = [], []
    rules = sorted(app.url_map.iter_rules(), key=lambda r: (bool(ENDING.search(r.endpoint)), r.rule))
    valid: dict[str, str] = {}
    for rule in rules:
        args = her_args(rule.endpoint, w)[0]
        args = {**args, "token": "not-a-token", "secret": "not-a-secret", "filename": "css/ossify.css",
                "slug": "t-scores", "token_id": 1, "kind": args.get("kind", "dxa"),
                "record_id": args.get("record_id", 1)}
        valid[rule.rule] = _fill(rule.rule, args)
        if "GET" in rule.methods and not rule.arguments - {"member_id"}:
            (therapist_pages if rule.endpoint.startswith("workspace.") else member_pages).append(valid[rule.rule])
    member_forms = discover_forms(probe.client("member"), member_pages + [valid[r.rule] for r in rules
                                                                          if "GET" in r.methods and r.arguments])
    therapist_forms = discover_forms(probe.client("linked"), therapist_pages + [
        valid[r.rule] for r in rules if r.endpoint.startswith("workspace.") and "GET" in r.methods])
    fields: dict[str, set[str]] = {}
    for (method, action, names), _ in [*member_forms.items(), *therapist_forms.items()]:
        if method == "post":
            fields.setdefault(action.split("?")[0], set()).update(names)

    for rule in rules:
        if rule.endpoint == "static":
            continue
        who = _visitor(rule.endpoint, rule.rule)
        url = valid[rule.rule]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            api = rule.rule.startswith("/api/")
            headers = {"Authorization": f"Bearer {probe.tokens['linked' if who == 'linked' else 'member']}"} \
                if api else {}
            visitors = ["anonymous"] if who == "anonymous" else [who, "anonymous"]
            for visitor in visitors:
                h = headers if visitor != "anonymous" else {}
                # Path arguments, one at a time.
                for name in rule.arguments:
                    for segment in SEGMENTS:
                        probe.send(visitor, rule.endpoint, method,
                                   _fill(rule.rule, {**her_args(rule.endpoint, w)[0], "token": "t", "secret": "s",
                                                     "slug": "t-scores", "token_id": 1, "kind": "dxa",
                                                     "record_id": 1, name: segment}), headers=h)
                if method == "GET":
                    for value in VALUES:
                        probe.send(visitor, rule.endpoint, method, url, headers=h,
                                   query_string={p: value for p in QUERY_PARAMS})
                elif api:
                    for body in JSON_BODIES:
                        probe.send(visitor, rule.endpoint, method, url, data=body, headers=h,
                                   content_type="application/json")
                else:
                    names = fields.get(url, set()) | set(GENERIC_FIELDS)
                    for value in VALUES:
                        probe.send(visitor, rule.endpoint, method, url, data={n: value for n in names})
                probe.send(visitor, rule.endpoint, method, url, data=BIG_BODY, headers=h,
                           content_type="application/x-www-form-urlencoded")
    probe.close()
    if os.environ.get("OSSIFY_PROBE_REPORT"):
        print(f"\nprobe: {len(probe.routes)} route-methods, {probe.tried} requests, {len(probe.failures)} failures, "
              f"{probe.dumps} refused requests that wrote (tables read again)")
        for failure in probe.failures[:50]:
            print("  ", failure)
    every = {(r.endpoint, m) for r in app.url_map.iter_rules() if r.endpoint != "static"
             for m in r.methods - {"HEAD", "OPTIONS"}}
    assert every <= probe.routes, every - probe.routes
    assert not probe.failures, probe.failures[:20]
    assert reference_rows(app) == reference, "a request changed a USDA food, its measures or the exercise catalog"
