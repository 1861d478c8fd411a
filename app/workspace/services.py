"""The therapist's writes and lookups that are not the caseload's or the templates': comments, program items.

Every function takes a member already loaded through the access rule (`app.access.client_or_404`); the caller
commits.
"""
from datetime import date
from typing import Any

from sqlalchemy import select

from app.auth.models import User
from app.care.models import Comment, ProgramTemplate
from app.exercises.models import Exercise, ExerciseSession, ProgramItem
from app.extensions import db
from app.guidance.weeks import week_start


def has_session(member_id: int, session_id: int) -> bool:
    """Whether the session is one of hers (a comment names a session of the client it is left for)."""
    return db.session.scalar(select(ExerciseSession.id).where(ExerciseSession.id == session_id,
                                                              ExerciseSession.member_id == member_id)) is not None


def add_comment(member_id: int, author: User, body: str, session_id: int | None, week: date | None) -> None:
    """A comment on one session of hers or on one week (its Monday)."""
    db.session.add(Comment(member_id=member_id, author_id=author.id, author_name=author.display_name,
                           session_id=session_id, week_start=week_start(week) if week else None, body=body))


def prescribe(member_id: int, therapist_id: int, exercise_id: int, dose: dict[str, Any]) -> ProgramItem:
    item = ProgramItem(member_id=member_id, therapist_id=therapist_id, exercise_id=exercise_id, **dose)
    db.session.add(item)
    return item


def program_item(member_id: int, item_id: int) -> ProgramItem | None:
    """One item of her program (None: not hers, or gone)."""
    return db.session.scalar(select(ProgramItem).where(ProgramItem.id == item_id, ProgramItem.member_id == member_id))


def change_program_item(item: ProgramItem, exercise_id: int, dose: dict[str, Any]) -> None:
    item.exercise_id = exercise_id
    for column, value in dose.items():
        setattr(item, column, value)


def remove(row: ProgramItem | ProgramTemplate) -> None:
    """An item of her program, or one of the therapist's templates (programs made from it stay as they are)."""
    db.session.delete(row)


def catalog_names() -> dict[int, str]:
    """The catalog's exercises by id (a template holds catalog exercises only)."""
    return dict(db.session.execute(select(Exercise.id, Exercise.name).where(Exercise.member_id.is_(None))).all())


def exercise(exercise_id: int) -> Exercise | None:
    return db.session.get(Exercise, exercise_id)
