"""Saving a form once, however often the POST arrives.

Forms that add something carry a `SubmissionIdField` (app/forms.py). Two ways to keep the first answer:
- the logs she writes most (sessions, food logs, drinks) carry the id in their own row, with a unique
  (member_id, submission_id): `save_once` answers a resend with the row already saved;
- every other form records a `FormReceipt` (person, id, the form's address, where the answer redirected) in the
  same transaction as its change: `handle_once` answers a resend with that redirect. A resend racing the first in
  another worker loses on the receipt's unique key, and its whole transaction (its change included) rolls back.
"""
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, TypeVar

from flask import request
from markupsafe import Markup
from sqlalchemy import DateTime, ForeignKey, String, UniqueConstraint, delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models_base import utcnow

Row = TypeVar("Row")
Shown = TypeVar("Shown")

SUBMISSION_ID_MAX = 45  # the longest way to write a UUID: "urn:uuid:" and 36 characters


def submitted_id() -> str | None:
    """The posted form's `submission_id`, normalised (None when absent or not a UUID)."""
    return normalize_submission_id(request.form.get("submission_id"))


def submission_input() -> Markup:
    """A hidden field with a fresh id, for a form written in a template (`{{ submission_input() }}`)."""
    return Markup(f'<input type="hidden" name="submission_id" value="{uuid.uuid4().hex}">')


def normalize_submission_id(raw: object) -> str | None:
    """One spelling (32 lower-case hex digits) for a UUID written any of the ways `uuid.UUID` reads (upper case,
    no dashes, braces, urn:uuid:), so the same id sent two ways is one submission; None for anything else."""
    text = str(raw or "").strip()
    if not text or len(text) > SUBMISSION_ID_MAX:
        return None
    try:
        return uuid.UUID(text).hex
    except ValueError:
        return None


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


FORM_PATH_MAX = 200
RECEIPT_KEPT = timedelta(days=1)


class FormReceipt(db.Model):
    """A form that was handled: a resend of the same submission gets the same answer, and changes nothing."""
    __tablename__ = "form_receipt"
    __table_args__ = (UniqueConstraint("user_id", "submission_id", "form_path", name="uq_form_receipt_submission"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    submission_id: Mapped[str] = mapped_column(String(32))
    # One page can hold many one-button forms sharing an id (a "take" button per supplement): the address of the
    # form tells them apart.
    form_path: Mapped[str] = mapped_column(String(FORM_PATH_MAX))
    location: Mapped[str] = mapped_column(String(FORM_PATH_MAX * 2))
    made_id: Mapped[int | None] = mapped_column()  # the row a secret-showing form made (`handle_replacing`)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


def _receipt(user_id: int, submission_id: str, form_path: str) -> FormReceipt | None:
    return db.session.scalar(select(FormReceipt).where(FormReceipt.user_id == user_id,
                                                       FormReceipt.submission_id == submission_id,
                                                       FormReceipt.form_path == form_path))


def handle_once(user_id: int, submission_id: str | None, form_path: str,
                handle: Callable[[], str]) -> tuple[str, bool]:
    """Run `handle` (which makes the change and returns where to redirect) and commit with a receipt:
    (location, True); or (the first answer's location, False) for a resend. Without an id, handle and commit."""
    form_path = form_path[:FORM_PATH_MAX]
    if submission_id and (earlier := _receipt(user_id, submission_id, form_path)):
        return earlier.location, False
    try:
        location = handle()
        if submission_id:
            # A resend comes within seconds; a day of receipts is plenty, and keeps the table small.
            db.session.execute(delete(FormReceipt).where(FormReceipt.user_id == user_id,
                                                         FormReceipt.created_at < utcnow() - RECEIPT_KEPT))
            db.session.add(FormReceipt(user_id=user_id, submission_id=submission_id, form_path=form_path,
                                       location=location[:FORM_PATH_MAX * 2]))
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        earlier = _receipt(user_id, submission_id, form_path) if submission_id else None
        if earlier is None:
            raise
        return earlier.location, False
    return location, True


def handle_replacing(user_id: int, submission_id: str | None, form_path: str,
                     make: Callable[[int | None], tuple[int, Shown]]) -> Shown:
    """For a form whose answer shows a secret once (a token, an invitation code). A resend can't show the first
    secret again, so `make(earlier_id)` withdraws the row the first answer made (when there is one) and makes a new
    one: (its id, what to show). Either way one live secret comes of one submission: the one she was shown.
    A resend racing the first loses on the receipt's unique key, rolls back, and replaces the winner's."""
    form_path = form_path[:FORM_PATH_MAX]
    for attempt in (1, 2):
        receipt = _receipt(user_id, submission_id, form_path) if submission_id else None
        made_id, shown = make(receipt.made_id if receipt else None)
        if receipt is not None:
            receipt.made_id = made_id
        elif submission_id:
            db.session.add(FormReceipt(user_id=user_id, submission_id=submission_id, form_path=form_path,
                                       location=form_path, made_id=made_id))
        try:
            db.session.commit()
            return shown
        except IntegrityError:
            db.session.rollback()
            if attempt == 2 or not submission_id:
                raise
    raise AssertionError("unreachable")
