"""Saving a new entry once per submitted form, however often the POST arrives.

New-entry forms carry a `SubmissionIdField` (app/forms.py); the table has a unique
(member_id, submission_id). The first request saves the row; a resent one, even one racing the
first in another worker, is answered with the row already saved.
"""
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.extensions import db

Row = TypeVar("Row")


def already_saved(model: type[Row], member_id: int, submission_id: str | None) -> Row | None:
    if not submission_id:
        return None
    entity: Any = model
    return db.session.scalar(select(model).where(entity.member_id == member_id,
                                                 entity.submission_id == submission_id))


def save_once(model: type[Row], member_id: int, submission_id: str | None,
              save: Callable[[], Row]) -> tuple[Row, bool]:
    """Run `save` (which adds the new row) and commit: (row, True); or (the earlier row, False) when this
    submission was saved before, or by a request that committed while this one was saving."""
    if earlier := already_saved(model, member_id, submission_id):
        return earlier, False
    try:
        row = save()
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        earlier = already_saved(model, member_id, submission_id)
        if earlier is None:  # another constraint failed: not ours to explain
            raise
        return earlier, False
    return row, True
