"""Consent between members and therapists: invitations, one-time codes, revoking and ending links."""
import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from itsdangerous import BadData, URLSafeTimedSerializer
from sqlalchemy import bindparam, delete, or_, select, update

from app.auth.models import Role, User
from app.auth.services import find_user_by_email, normalize_email
from app.care.models import AccessRecord, CareLink, Comment, InviteCode, LinkStatus
from app.extensions import db
from app.models_base import utcnow

CODE_LIFETIME = timedelta(days=7)
INVITATION_LIFETIME = timedelta(days=14)  # how long the link in an invitation mail works
INVITATION_SALT = "care-invitation"
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread


class CareError(Exception):
    """A consent step that can't be done, with the message to show."""


def _open_link(member_id: int, therapist_id: int) -> CareLink | None:
    return db.session.scalar(select(CareLink).where(
        CareLink.member_id == member_id, CareLink.therapist_id == therapist_id,
        CareLink.status.in_((LinkStatus.INVITED, LinkStatus.ACTIVE))))


def invite_by_email(member_id: int, email: str) -> CareLink:
    """An invitation addressed to an email. Whether a therapist account has that address makes no difference to
    what she is told or shown: the invitation waits for that therapist to sign up, or to sign in and accept."""
    email = normalize_email(email)
    account = find_user_by_email(email)
    therapist = account if account is not None and account.role == Role.THERAPIST and account.active else None
    already = db.session.scalar(select(CareLink.id).outerjoin(User, User.id == CareLink.therapist_id).where(
        CareLink.member_id == member_id, CareLink.status.in_((LinkStatus.INVITED, LinkStatus.ACTIVE)),
        or_(CareLink.invited_email == email, User.email == email)).limit(1))
    if already is not None:
        raise CareError("You have already invited that address, or shared your data with it.")
    link = CareLink(member_id=member_id, therapist_id=therapist.id if therapist else None, invited_email=email,
                    status=LinkStatus.INVITED)
    db.session.add(link)
    db.session.flush()
    return link


def _member_seal(link: CareLink) -> str:
    """The inviting member's account seal: her invitation link dies with her account, whatever id comes next."""
    return db.session.get(User, link.member_id).account_seal


def invitation_token(link: CareLink, secret_key: str) -> str:
    """The signed, expiring part of the link an invitation mail carries (single use: it names an open invitation,
    and accepting it closes that)."""
    return URLSafeTimedSerializer(secret_key, salt=INVITATION_SALT).dumps(
        {"link": link.id, "email": link.invited_email, "m": _member_seal(link)})


def invitation_from_token(token: str, secret_key: str, now: datetime | None = None) -> CareLink:
    """The open invitation a mailed link names; CareError says why it can't be used."""
    serializer = URLSafeTimedSerializer(secret_key, salt=INVITATION_SALT)
    try:
        payload, signed_at = serializer.loads(token[:400], return_timestamp=True)
    except BadData:
        raise CareError("This invitation link is not valid. Check that the whole link was copied.") from None
    if (now or datetime.now(UTC)) - signed_at > INVITATION_LIFETIME:
        raise CareError("This invitation link has expired. Ask your client to invite you again, or to give you "
                        "a one-time code.")
    link_id = payload.get("link") if isinstance(payload, dict) else None
    link = db.session.get(CareLink, link_id) if isinstance(link_id, int) else None
    if (link is None or link.invited_email != payload.get("email") or link.status != LinkStatus.INVITED
            or _member_seal(link) != payload.get("m")):
        raise CareError("This invitation was already accepted or was withdrawn.")
    return link


def claim_invitations(therapist: User) -> int:
    """Invitations sent to her address before she had an account: now hers to accept."""
    result = db.session.execute(update(CareLink).where(
        CareLink.invited_email == therapist.email, CareLink.therapist_id.is_(None),
        CareLink.status == LinkStatus.INVITED).values(therapist_id=therapist.id))
    return result.rowcount


def normalize_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def _hash_code(code: str) -> str:
    return hashlib.sha256(normalize_code(code).encode()).hexdigest()


def create_code(member_id: int, now: datetime | None = None) -> tuple[str, InviteCode]:
    """A new one-time code (shown to her once) as XXXX-XXXX, and its row."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    row = InviteCode(member_id=member_id, code_hash=_hash_code(raw), expires_at=(now or utcnow()) + CODE_LIFETIME)
    db.session.add(row)
    db.session.flush()
    return f"{raw[:4]}-{raw[4:]}", row


def withdraw_code(member_id: int, code_id: int) -> None:
    """An unused code of hers stops working (deleted; a used one stays as the record of the link it made)."""
    db.session.execute(delete(InviteCode).where(InviteCode.id == code_id, InviteCode.member_id == member_id,
                                                InviteCode.used_at.is_(None)))


CODE_REFUSED = "That code doesn't work: it may be mistyped, used already, or older than 7 days."


def redeem_code(therapist_id: int, code: str, now: datetime | None = None) -> CareLink:
    now = now or utcnow()
    invite = db.session.scalar(select(InviteCode).where(InviteCode.code_hash == _hash_code(code)))
    expires = None if invite is None else invite.expires_at
    if expires is not None and expires.tzinfo is None:  # SQLite hands back naive UTC
        expires = expires.replace(tzinfo=UTC)
    if invite is None or invite.used_at is not None or expires < now:
        raise CareError(CODE_REFUSED)
    # Used once, even by two therapists at the same instant: only one UPDATE finds it unused (the other waits for
    # the row lock, then matches nothing).
    claimed = db.session.execute(update(InviteCode).where(InviteCode.id == invite.id, InviteCode.used_at.is_(None))
                                 .values(used_at=now).execution_options(synchronize_session=False))
    if claimed.rowcount != 1:
        raise CareError(CODE_REFUSED)
    link = _open_link(invite.member_id, therapist_id)
    if link is None:
        link = CareLink(member_id=invite.member_id, therapist_id=therapist_id)
        db.session.add(link)
    link.status, link.accepted_at = LinkStatus.ACTIVE, now
    db.session.flush()
    return link


def accept_invitation(therapist_id: int, link_id: int) -> CareLink:
    link = db.session.scalar(select(CareLink).where(CareLink.id == link_id, CareLink.therapist_id == therapist_id,
                                                    CareLink.status == LinkStatus.INVITED))
    if link is None:
        raise CareError("That invitation is no longer open.")
    link.status, link.accepted_at = LinkStatus.ACTIVE, utcnow()
    return link


def revoke(member_id: int, link_id: int) -> CareLink:
    """She withdraws access (or an invitation): effective on the therapist's next request."""
    link = db.session.scalar(select(CareLink).where(CareLink.id == link_id, CareLink.member_id == member_id,
                                                    CareLink.status.in_((LinkStatus.INVITED, LinkStatus.ACTIVE))))
    if link is None:
        raise CareError("That link is already closed.")
    link.status, link.closed_at = LinkStatus.REVOKED, utcnow()
    return link


def end_link(therapist_id: int, member_id: int) -> None:
    link = db.session.scalar(select(CareLink).where(CareLink.member_id == member_id,
                                                    CareLink.therapist_id == therapist_id,
                                                    CareLink.status == LinkStatus.ACTIVE))
    if link is not None:
        link.status, link.closed_at = LinkStatus.ENDED, utcnow()


@dataclass(frozen=True)
class LinkView:
    """One line of "My physical therapists": an open invitation shows the address she typed, nothing more."""
    link: CareLink
    name: str
    email: str


def links_of_member(member_id: int) -> list[LinkView]:
    rows = db.session.execute(
        select(CareLink, User).outerjoin(User, User.id == CareLink.therapist_id)
        .where(CareLink.member_id == member_id).order_by(CareLink.created_at.desc())).all()
    views = []
    for link, therapist in rows:
        email = link.invited_email or (therapist.email if therapist else "")
        invited = link.status == LinkStatus.INVITED or therapist is None
        views.append(LinkView(link, email if invited else therapist.display_name, email))
    return views


def invitations_for(therapist_id: int) -> list[tuple[CareLink, User]]:
    return list(db.session.execute(
        select(CareLink, User).join(User, User.id == CareLink.member_id)
        .where(CareLink.therapist_id == therapist_id, CareLink.status == LinkStatus.INVITED)
        .order_by(CareLink.created_at)).all())


def access_log(member_id: int, limit: int = 50) -> list[AccessRecord]:
    return list(db.session.scalars(select(AccessRecord).where(AccessRecord.member_id == member_id)
                                   .order_by(AccessRecord.at.desc()).limit(limit)))


_THREAD = select(Comment).where(Comment.member_id == bindparam("member_id")).order_by(Comment.created_at, Comment.id)
SESSION_THREAD = _THREAD.where(Comment.session_id == bindparam("session_id"))  # built once, bound per request
WEEK_THREAD = _THREAD.where(Comment.week_start == bindparam("week"), Comment.session_id.is_(None))


def comments_on(member_id: int, session_id: int | None = None, week: date | None = None) -> list[Comment]:
    """The thread on one session or one week of hers, oldest first."""
    if session_id is not None:
        return list(db.session.scalars(SESSION_THREAD, {"member_id": member_id, "session_id": session_id}))
    return list(db.session.scalars(WEEK_THREAD, {"member_id": member_id, "week": week}))


LATEST_FEEDBACK = (select(Comment).where(Comment.member_id == bindparam("member_id"),
                                         Comment.author_id != bindparam("member_id"))
                   .order_by(Comment.created_at.desc(), Comment.id.desc()).limit(bindparam("limit")))


def latest_feedback(member_id: int, limit: int = 3) -> list[Comment]:
    """The newest comments her therapists wrote (not her own replies)."""
    return list(db.session.scalars(LATEST_FEEDBACK, {"member_id": member_id, "limit": limit}))


def replies_to(member_id: int, comments: list[Comment]) -> dict[int, list[Comment]]:
    """The replies under each of these comments of hers (hers and her therapists'), oldest first, in one query."""
    replies: dict[int, list[Comment]] = {c.id: [] for c in comments}
    if comments:
        for reply in db.session.scalars(select(Comment).where(Comment.member_id == member_id,
                                                              Comment.parent_id.in_(list(replies)))
                                        .order_by(Comment.created_at, Comment.id)):
            replies[reply.parent_id].append(reply)
    return replies


def mark_feedback_read(member_id: int) -> None:
    db.session.execute(update(Comment).where(Comment.member_id == member_id, Comment.read_by_member.is_(False))
                       .values(read_by_member=True))

