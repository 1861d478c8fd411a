"""The one place that decides whose bone-health data the current user may see or change.

Routes never pick a member themselves: member pages act on `current_user.id`; therapist pages act
on the member returned by `client_or_404`, which loads her *through* an active grant (a join on
care_link), so an unlinked, revoked or non-existent member is the same 404. Every row is then
fetched within its owner (Redash's scoped fetch), so someone else's id is a 404 too.
"""
from typing import TypeVar

from flask import abort
from flask_login import current_user
from sqlalchemy import Select, or_, select
from sqlalchemy.orm import selectinload

from app.auth.models import User
from app.care.models import AccessRecord, CareLink, LinkStatus, ProgramTemplate
from app.extensions import db, login_manager

T = TypeVar("T")


def require_member() -> None:
    """Blueprint guard for pages that hold a member's own data."""
    if not current_user.is_authenticated:
        abort(login_manager.unauthorized())
    if not current_user.is_member:
        abort(403)


def require_therapist() -> None:
    """Blueprint guard for the therapist workspace."""
    if not current_user.is_authenticated:
        abort(login_manager.unauthorized())
    if not current_user.is_therapist:
        abort(403)


def client_ids(therapist_id: int) -> Select:
    """The ids of the members who grant this therapist access now (a subquery for her lists and messages)."""
    return select(CareLink.member_id).where(CareLink.therapist_id == therapist_id, CareLink.status == LinkStatus.ACTIVE)


def client_of(therapist_id: int, member_id: int) -> User | None:
    """The member behind an active link of this therapist, or None: the rule itself, for work done outside a
    request (a message to her therapist about her) as much as for `client_or_404`."""
    return db.session.scalar(
        select(User).join(CareLink, CareLink.member_id == User.id)
        .where(User.id == member_id, CareLink.therapist_id == therapist_id, CareLink.status == LinkStatus.ACTIVE))


def client_or_404(member_id: int, what: str | None) -> User:
    """The member behind an active link of the current therapist, and an access record of this visit.

    `what` names what was opened; None only checks the grant (a redirect to a page that records).
    """
    member = client_of(current_user.id, member_id)
    if member is None:
        abort(404)
    if what is None:
        return member
    db.session.add(AccessRecord(member_id=member.id, therapist_id=current_user.id,
                                therapist_name=current_user.display_name, what=what))
    # Recorded even if the page then fails to render; what this request loaded stays loaded (no reloading
    # the therapist and her client after the commit).
    session = db.session()
    session.expire_on_commit = False
    try:
        session.commit()
    finally:
        session.expire_on_commit = True
    return member


def invitation_or_404(link_id: int) -> CareLink:
    """A link (in any state) naming the current therapist; anyone else's link is a 404, like a missing one."""
    link = db.session.scalar(select(CareLink).where(CareLink.id == link_id, CareLink.therapist_id == current_user.id))
    if link is None:
        abort(404)
    return link


def template_or_404(template_id: int) -> ProgramTemplate:
    """One of the current therapist's own program templates (items loaded); anyone else's is a 404."""
    template = db.session.scalar(select(ProgramTemplate).where(ProgramTemplate.id == template_id,
                                                               ProgramTemplate.therapist_id == current_user.id)
                                 .options(selectinload(ProgramTemplate.items)))
    if template is None:
        abort(404)
    return template


def owned_or_404(model: type[T], record_id: int, member_id: int) -> T:
    """The member's own row with this id; 404 when it is missing or belongs to someone else."""
    row = db.session.scalar(
        select(model).where(model.id == record_id, model.member_id == member_id)  # type: ignore[attr-defined]
    )
    if row is None:
        abort(404)
    return row


def visible_or_404(model: type[T], record_id: int, member_id: int) -> T:
    """A shared row (no owner: the catalog, the food table) or the member's own private one; else 404."""
    row = db.session.scalar(
        select(model).where(model.id == record_id,  # type: ignore[attr-defined]
                            or_(model.member_id.is_(None), model.member_id == member_id))  # type: ignore[attr-defined]
    )
    if row is None:
        abort(404)
    return row
