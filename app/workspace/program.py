"""Prescribing: one program item per exercise, and the therapist's own templates."""
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.care.models import ProgramTemplate, ProgramTemplateItem
from app.exercises.models import Exercise, ProgramItem
from app.extensions import db

# The prescription columns a template takes from a client's items. Not the item's notes: they were written for one
# client ("after your wrist heals…") and would outlive her consent in the therapist's template. A template's own
# notes (the therapist's, written for the template) go to the client it is applied to.
DOSE_COLUMNS = ("sets", "reps", "hold_seconds", "minutes", "each_side", "rest_seconds", "band_colour",
                "days_per_week")


def item_for_exercise(member_id: int, exercise_id: int, exclude_id: int | None = None) -> ProgramItem | None:
    """Her program's item for this exercise, if she has one (an exercise is prescribed once: edit it instead)."""
    query = select(ProgramItem).where(ProgramItem.member_id == member_id, ProgramItem.exercise_id == exercise_id)
    if exclude_id is not None:
        query = query.where(ProgramItem.id != exclude_id)
    return db.session.scalars(query.limit(1)).first()


def templates_of(therapist_id: int, with_items: bool = False) -> list[ProgramTemplate]:
    """Her templates by name (with their items when asked)."""
    query = (select(ProgramTemplate).where(ProgramTemplate.therapist_id == therapist_id)
             .order_by(func.lower(ProgramTemplate.name), ProgramTemplate.id))
    if with_items:
        query = query.options(selectinload(ProgramTemplate.items))
    return list(db.session.scalars(query))


class TemplateError(ValueError):
    """A template can't be saved as asked; the message says why."""


def save_template(therapist_id: int, name: str, member_id: int) -> tuple[ProgramTemplate, list[str]]:
    """Her program as a new template of the therapist's: catalog exercises only (a member's own exercises are
    hers, not the therapist's to reuse); returns the template and the names of exercises left out."""
    rows = db.session.execute(select(ProgramItem, Exercise).join(Exercise, Exercise.id == ProgramItem.exercise_id)
                              .where(ProgramItem.member_id == member_id).order_by(ProgramItem.id)).all()
    kept = [(item, exercise) for item, exercise in rows if not exercise.is_custom]
    left_out = [exercise.name for _, exercise in rows if exercise.is_custom]
    if not kept:
        raise TemplateError("There is nothing to save yet: add catalog exercises to the program first.")
    if db.session.scalar(select(ProgramTemplate.id).where(ProgramTemplate.therapist_id == therapist_id,
                                                          func.lower(ProgramTemplate.name) == name.lower())):
        raise TemplateError("You already have a template with that name: choose another name.")
    template = ProgramTemplate(therapist_id=therapist_id, name=name, items=[
        ProgramTemplateItem(position=n, exercise_id=item.exercise_id,
                            **{column: getattr(item, column) for column in DOSE_COLUMNS})
        for n, (item, _) in enumerate(kept)])
    db.session.add(template)
    return template, left_out


def apply_template(template: ProgramTemplate, member_id: int, therapist_id: int) -> tuple[list[str], list[str]]:
    """Add the template's exercises to her program as prescribed there; an exercise she already has is left as
    it is (edit it to change it). Returns the names added and the names kept."""
    names = dict(db.session.execute(select(Exercise.id, Exercise.name)
                                    .where(Exercise.id.in_([i.exercise_id for i in template.items]))).all())
    present = set(db.session.scalars(select(ProgramItem.exercise_id).where(ProgramItem.member_id == member_id)))
    added, kept = [], []
    retired = set(db.session.scalars(select(Exercise.id).where(Exercise.id.in_(names), Exercise.retired.is_(True))))
    for t in sorted(template.items, key=lambda i: i.position):
        if t.exercise_id in retired:  # taken out of the catalog: never prescribed again
            continue
        if t.exercise_id in present:
            kept.append(names[t.exercise_id])
            continue
        db.session.add(ProgramItem(member_id=member_id, therapist_id=therapist_id, exercise_id=t.exercise_id,
                                   **{column: getattr(t, column) for column in (*DOSE_COLUMNS, "notes")}))
        present.add(t.exercise_id)
        added.append(names[t.exercise_id])
    return added, kept
