"""Property-based fuzzing of every form, as the people who fill them in (hypothesis).

The forms are found, not listed: every page a member (or her linked therapist) can open is fetched and each
<form> on it is parsed for its action and field names. Hypothesis then sends generated values for every field:
empty, huge, negative, NaN and infinities, unicode, control characters, SQL and HTML fragments, dates out of
range. For each request:
- the answer is never a 5xx;
- a refused request (4xx) changes nothing in the database (no partial writes);
- no page (the answer itself, and afterwards every page that shows her data) contains the HTML fragment
  unescaped.
Examples are derandomized so CI is repeatable; OSSIFY_FUZZ_EXAMPLES raises the count for a longer local run.
"""
import os
from urllib.parse import urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event

from app.extensions import db
from tests.support.forms import discover_forms, dump, reference_rows
from tests.support.world import as_user, matrix_routes

EXAMPLES = int(os.environ.get("OSSIFY_FUZZ_EXAMPLES", 25))
MARKER = '<script data-fuzz="1">x</script>'
ATTRIBUTE_BREAKOUT = '"><img src=x data-fuzz="2">'
NASTY = [
    "", " ", "0", "-1", "-0", "1e308", "-1e308", "1e-320", "NaN", "nan", "inf", "-Infinity", "1,5", "٣", "½",
    "9" * 40, "9" * 400, "x" * 5000, "2147483648", "-2147483649", "18446744073709551616",
    "0001-01-01", "9999-12-31", "2025-02-30", "1899-12-31", "2100-01-01", "24:61", "25:00",
    "' OR '1'='1", "1; DROP TABLE user; --", "%", "_", "\\", "\x00", "a\x00b", "\ufffd", "\u202eevil", "\r\n",
    "😀" * 50, "Ｍａｒｇａｒｅｔ", "null", "None", "true", "[]", "{}", MARKER, ATTRIBUTE_BREAKOUT,
]
VALUES = st.one_of(
    st.sampled_from(NASTY),
    # A browser can't send a lone surrogate (UTF-8 has none), so generated text leaves them out.
    st.text(st.characters(exclude_categories=("Cs",)), max_size=60),
    st.integers(min_value=-10**20, max_value=10**20).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.dates(min_value=__import__("datetime").date(1, 1, 1)).map(lambda d: d.isoformat()),
)
# Forms that only sign out: sending them would end the fuzzing session itself.
# Where her data is shown, checked for unescaped fragments after each form's examples.
DISPLAY_PAGES = ["/dashboard", "/exercises/", "/nutrition/", "/nutrition/supplements", "/me/health", "/progress/",
                 "/care/", "/care/program", "/account"]


def assert_escaped(body: str, where: object) -> None:
    assert MARKER not in body and 'data-fuzz="2"' not in body.replace('data-fuzz=&#34;2&#34;', ""), where


def fuzz(app: Flask, client: FlaskClient, forms: dict, display_pages: list[str]) -> int:
    sent = 0
    reference = reference_rows(app)   # the USDA foods and the catalog: checked once at the end, not per request
    # Whether a request sent an INSERT, UPDATE or DELETE: a refused POST that sent none cannot have changed a table,
    # so the tables are read again only when one did (or before the next POST, after one that was accepted).
    wrote = {"any": False}
    with app.app_context():
        engine = db.engine

    def _write(conn, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001
        if statement.lstrip()[:6].upper() in ("INSERT", "UPDATE", "DELETE"):
            wrote["any"] = True

    event.listen(engine, "before_cursor_execute", _write)
    for (method, action, names), defaults in sorted(forms.items()):
        path = urlsplit(action)
        strategy = st.fixed_dictionaries({name: st.one_of(st.just(defaults[name]), VALUES) for name in names})

        state = {"rows": dump(app, reference=False) if method == "post" else None}

        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(data=strategy)
        def send(data: dict[str, str]) -> None:
            nonlocal sent
            if method == "post":
                if state["rows"] is None:
                    state["rows"] = dump(app, reference=False)
                wrote["any"] = False
                response = client.post(action, data=data)
            else:
                response = client.get(path.path, query_string={**dict(_query(path.query)), **data})
            sent += 1
            where = (method, action, response.status_code, data)
            assert response.status_code < 500, where
            assert_escaped(response.get_data(as_text=True), where)
            if method == "post" and wrote["any"]:
                after = dump(app, reference=False)
                if 400 <= response.status_code < 500:
                    assert after == state["rows"], where
                state["rows"] = after

        send()
        for page in display_pages:
            assert_escaped(client.get(page).get_data(as_text=True), (action, page))
    event.remove(engine, "before_cursor_execute", _write)
    assert reference_rows(app) == reference, "a form changed a USDA food, its measures or the exercise catalog"
    return sent


def _query(query: str) -> list[tuple[str, str]]:
    from urllib.parse import parse_qsl
    return parse_qsl(query, keep_blank_values=True)


@pytest.mark.long
def test_fuzzing_every_member_form(app: Flask, full_world: dict) -> None:
    client = as_user(app, full_world["member"])
    pages = sorted({url for endpoint, method, url, _ in matrix_routes(app, full_world)
                    if method == "GET" and not endpoint.startswith("workspace.")})
    forms = discover_forms(client, pages + ["/account", "/auth/password"])
    actions = {action.split("?")[0] for _, action, _ in forms}
    # The forms where she types health data are all found (the walk proves the discovery reads pages).
    for expected in ("/exercises/sessions/new", "/exercises/walk", "/nutrition/log", "/nutrition/foods/new",
                     "/nutrition/supplements/new", "/me/profile", "/me/health/dxa/new", "/exercises/custom/new",
                     "/nutrition/search", "/exercises/", "/care/invite", "/me/health/risk-factors"):
        assert expected in actions, (expected, sorted(actions))
    assert any(action.endswith("/drinks") for action in actions), sorted(actions)
    sent = fuzz(app, client, forms, DISPLAY_PAGES)
    assert sent >= len(forms) * min(EXAMPLES, 5)


def test_fuzzing_every_therapist_form(app: Flask, full_world: dict) -> None:
    client = as_user(app, full_world["linked"])
    pages = sorted({url for endpoint, method, url, _ in matrix_routes(app, full_world)
                    if method == "GET" and endpoint.startswith("workspace.")})
    forms = discover_forms(client, pages + ["/account"])
    actions = {action.split("?")[0] for _, action, _ in forms}
    member_id = full_world["member"].id
    for expected in (f"/clients/{member_id}/comments", f"/clients/{member_id}/targets",
                     f"/clients/{member_id}/program", "/clients/code"):
        assert expected in actions, (expected, sorted(actions))
    client_pages = [f"/clients/{member_id}/", "/clients/"]
    fuzz(app, client, forms, client_pages)


@pytest.mark.parametrize("path", ["/auth/login", "/auth/register", "/auth/reset"])
def test_fuzzing_the_signed_out_forms(app: Flask, path: str) -> None:
    client = app.test_client()
    forms = discover_forms(client, [path])
    assert forms
    fuzz(app, client, forms, [])
