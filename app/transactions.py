"""How a request's database transaction starts, so that on SQLite a request that writes never fails to.

SQLite lets many readers and one writer work at once (WAL). A transaction that started as a read and then writes
fails at once with "database is locked" if another worker wrote in between; one that starts with BEGIN IMMEDIATE
takes the write lock first, waiting for it up to the busy timeout. So every request that may write starts that
way: every POST, and the GET pages that record something (a therapist's visit to a client's page, an API token's
last use). A GET that writes only sometimes ends its read first with `begin_writing()`.

In testing, a write in a transaction that did not start with the write lock raises, so a new GET that writes
can't slip by unmarked. PostgreSQL needs none of this: its transactions wait for row locks.
"""
from collections.abc import Callable
from typing import Any, TypeVar

from flask import Blueprint, current_app, g, has_request_context, request

from app.extensions import db

View = TypeVar("View", bound=Callable[..., Any])
_WRITES = "_ossify_writes_on_get"
_WRITING_BLUEPRINTS: set[str] = set()
_WRITE_VERBS = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def writes_on_get(view: View) -> View:
    """Mark a view whose GET writes: its transaction takes SQLite's write lock when it starts."""
    setattr(view, _WRITES, True)
    return view


def reads_only(view: View) -> View:
    """A GET of a writing blueprint that only reads (a therapist's list of clients): no write lock to wait for."""
    setattr(view, _WRITES, False)
    return view


def blueprint_writes_on_get(bp: Blueprint) -> Blueprint:
    """Every view of `bp` may write on GET (the API notes a token's last use; client pages record each visit)."""
    _WRITING_BLUEPRINTS.add(bp.name)
    return bp


def begin_writing() -> None:
    """From here on this request writes: its read transaction ends, and the next one takes the write lock."""
    db.session.commit()
    g.ossify_writes = True


def request_may_write() -> bool:
    if not has_request_context():
        return False
    if request.method not in ("GET", "HEAD", "OPTIONS") or g.get("ossify_writes"):
        return True
    view = current_app.view_functions.get(request.endpoint or "")
    marked = getattr(view, _WRITES, None)
    if marked is not None:
        return marked
    return bool(request.blueprint and request.blueprint.split(".")[0] in _WRITING_BLUEPRINTS)


def sqlite_begin(connection: Any) -> None:
    """SQLAlchemy's "begin" event: BEGIN IMMEDIATE for a request that may write, else a plain BEGIN."""
    if connection.dialect.name != "sqlite":
        return
    immediate = request_may_write()
    connection.info["ossify_immediate"] = immediate
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def check_write_has_lock(connection: Any, cursor: Any, statement: str, *args: Any) -> None:
    """Testing only (listened to on the engine when OSSIFY_CHECK_SQLITE_WRITES is set): a request's write in a
    plain-BEGIN SQLite transaction is a bug."""
    if (connection.dialect.name == "sqlite" and has_request_context()
            and statement.lstrip().upper().startswith(_WRITE_VERBS)
            and not connection.info.get("ossify_immediate", True)):
        raise AssertionError(f"{request.method} {request.path} writes in a transaction without SQLite's write lock: "
                             "mark the view with writes_on_get, or call begin_writing() first")
