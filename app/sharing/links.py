"""SMART Health Links (HL7 "SMART Health Cards and Links" IG, STU1, for FHIR R4): she shares her record by a link that
expires, can be revoked, may need a passcode, and tells her each time it is opened.

What the IG asks, and where it is done here:
- **SHL Payload** (IG "ShlPayload" logical model): `url` (the manifest URL), `key` (43 characters: 32 random bytes,
  base64url), `exp` (expiry, seconds since the epoch), `flag` (`P`: a passcode is needed; Ossify makes no `L`
  long-term links), `label` (at most 80 characters). The link is `shlink:/` + base64url(JSON of the payload), after
  a viewer's URL and `#` (`shlink()`): the part after `#` is never sent to a server, so the key stays with whoever
  holds the link.
- **Manifest request** (IG "manifest request"): a POST of JSON `{"recipient": …, "passcode": …}` to the manifest
  URL; answer `{"files": [{"contentType": "application/fhir+json;fhirVersion=4.0.1", "embedded": <JWE>}]}`
  (`manifest()`). An unknown, expired, revoked or disabled link is 404 with no detail; a wrong passcode is 401 with
  `remainingAttempts`, and after `PASSCODE_ATTEMPTS` wrong ones the link stops for good.
- **Encrypting files**: JWE compact serialization, `"alg": "dir"`, `"enc": "A256GCM"`, with the payload's key, made
  by joserfc (a maintained JOSE library: RFC 7516/7518); nothing here does cryptography by hand.
- The manifest id is 32 random bytes (`secrets.token_bytes`), base64url: unguessable, and says nothing about her.
"""
import base64
import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from joserfc import jwe
from joserfc.jwk import OctKey
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from app.auth.models import User
from app.extensions import db
from app.models_base import as_utc, utcnow
from app.sharing.fhir import bundle
from app.sharing.models import LABEL_MAX, RECIPIENT_MAX, ShareAccess, ShareLink
from app.sharing.record import her_record

LIFETIMES = {"1": ("1 day", timedelta(days=1)), "7": ("1 week", timedelta(days=7)),
             "30": ("30 days", timedelta(days=30))}
DEFAULT_LIFETIME = "7"
PASSCODE_ATTEMPTS = 5          # wrong passcodes before the link stops (product rule; the IG leaves the number open)
PASSCODE_LIMIT = "5 per 31 days"  # the same count in the shared limiter (longer than any link lives)
CONTENT_TYPE = "application/fhir+json;fhirVersion=4.0.1"
JWE_HEADER = {"alg": "dir", "enc": "A256GCM"}


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def encrypt(document: dict, key: str) -> str:
    """The record as a JWE (compact): `dir` + A256GCM with the link's 32-byte key."""
    secret = OctKey.import_key(base64.urlsafe_b64decode(key + "=" * (-len(key) % 4)))
    return jwe.encrypt_compact(JWE_HEADER, json.dumps(document, ensure_ascii=False).encode("utf-8"), secret)


def make_link(member: User, include: str, lifetime: str, passcode: str | None, now: datetime | None = None
              ) -> ShareLink:
    """A new link for her record as it is now (the caller commits)."""
    now = now or utcnow()
    key = _b64url(secrets.token_bytes(32))
    label = "Bone-health record from Ossify"[:LABEL_MAX]  # no name: the link may be printed or forwarded
    link = ShareLink(member_id=member.id, manifest_id=_b64url(secrets.token_bytes(32)), key=key, label=label,
                     include=include, passcode_hash=generate_password_hash(passcode) if passcode else None,
                     expires_at=now + LIFETIMES[lifetime][1],
                     jwe=encrypt(bundle(her_record(member, include)), key))
    db.session.add(link)
    return link


def shlink(link: ShareLink, manifest_url: str) -> str:
    """`shlink:/…`: the payload as the IG gives it."""
    payload = {"url": manifest_url, "key": link.key, "exp": int(as_utc(link.expires_at).timestamp()),
               "label": link.label}
    if link.passcode_hash:
        payload["flag"] = "P"
    return "shlink:/" + _b64url(json.dumps(payload, separators=(",", ":")).encode("utf-8"))


def is_live(link: ShareLink, now: datetime | None = None) -> bool:
    return (link.revoked_at is None and link.disabled_at is None
            and as_utc(link.expires_at) > (now or utcnow()))


@dataclass(frozen=True)
class Answer:
    status: int
    body: dict


NOT_FOUND = Answer(404, {})


def manifest(manifest_id: str, recipient: object, passcode: object, spend_attempt) -> Answer:  # noqa: ANN001
    """The manifest request. `spend_attempt(manifest_id)` counts a wrong passcode in the shared limiter and says
    whether any are left."""
    link = db.session.scalar(select(ShareLink).where(ShareLink.manifest_id == manifest_id))
    if link is None or not is_live(link):
        return NOT_FOUND
    if not isinstance(recipient, str) or not recipient.strip():
        return Answer(400, {"error": "Send a recipient: who is opening this link."})
    if link.passcode_hash:
        if not isinstance(passcode, str) or not check_password_hash(link.passcode_hash, passcode):
            left = _wrong_passcode(link, spend_attempt)
            return NOT_FOUND if left <= 0 else Answer(401, {"remainingAttempts": left})
    db.session.add(ShareAccess(link_id=link.id, recipient=recipient.strip()[:RECIPIENT_MAX]))
    db.session.commit()
    # "finalized": the file is her record as it was when she made the link, and it won't change (IG "ShlManifest").
    return Answer(200, {"status": "finalized", "files": [{"contentType": CONTENT_TYPE, "embedded": link.jwe}]})


def _wrong_passcode(link: ShareLink, spend_attempt) -> int:  # noqa: ANN001
    """One wrong passcode, kept as an access row (she sees the tries on her list) and counted in the shared limiter,
    whose count is atomic across workers (two racing tries can't both take the last one); at none left the link
    stops for good."""
    db.session.add(ShareAccess(link_id=link.id, recipient=WRONG))
    db.session.flush()
    wrong = db.session.scalar(select(func.count()).where(ShareAccess.link_id == link.id,
                                                         ShareAccess.recipient == WRONG))
    left = PASSCODE_ATTEMPTS - wrong
    if not spend_attempt(link.manifest_id) or left <= 0:
        link.disabled_at = utcnow()
        left = 0
    db.session.commit()
    return left


WRONG = "(wrong passcode)"   # an access row that opened nothing: she sees the tries on her list


def revoke(link: ShareLink) -> None:
    if link.revoked_at is None:
        link.revoked_at = utcnow()


def links_of(member_id: int) -> list[ShareLink]:
    return list(db.session.scalars(select(ShareLink).where(ShareLink.member_id == member_id)
                                   .order_by(ShareLink.created_at.desc(), ShareLink.id.desc())))
