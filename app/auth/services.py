"""Account operations: no request, no commit (the caller owns the transaction)."""
import hashlib
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from werkzeug.security import check_password_hash, generate_password_hash

from app.auth import sessions
from app.auth.models import ApiToken, PendingRegistration, Role, User, new_secret, secret_hash
from app.extensions import db
from app.guidance.regions import country_of
from app.models_base import as_utc, utcnow
from app.profile.models import MemberProfile

# A real hash to compare against when the email is unknown, so a miss costs as long as a hit.
_DUMMY_HASHES: dict[str, str] = {}


class EmailTaken(Exception):
    """An account with this email already exists."""


def normalize_email(email: str) -> str:
    return email.strip().lower()


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalize_email(email)))


def email_taken(email: str) -> bool:
    return db.session.scalar(select(func.count()).select_from(User).where(User.email == normalize_email(email))) > 0


def create_user(email: str, display_name: str, password: str | None, role: Role, hash_method: str,
                timezone: str = "UTC", password_hash: str | None = None) -> User:
    """A new account (and a member's empty profile); give `password`, or its `password_hash` made earlier."""
    if (password is None) == (password_hash is None):
        raise ValueError("Give the password or its hash, not both or neither.")
    if email_taken(email):
        raise EmailTaken(email)
    user = User(
        email=normalize_email(email),
        display_name=display_name.strip(),
        role=role.value,
        password_hash=password_hash or generate_password_hash(password, method=hash_method),
        timezone=timezone,
        country=country_of(timezone),
    )
    db.session.add(user)
    db.session.flush()
    if role is Role.MEMBER:
        db.session.add(MemberProfile(user_id=user.id))
        db.session.flush()
    return user


def authenticate(user: User | None, password: str, hash_method: str) -> User | None:
    """`user` when `password` is hers, else None; an unknown email (None) costs a hash check all the same, so
    the answer takes as long either way.

    The caller refuses a deactivated account; only someone who knows its password learns it is deactivated.
    """
    if user is None:
        if hash_method not in _DUMMY_HASHES:
            _DUMMY_HASHES[hash_method] = generate_password_hash("not-a-real-password", method=hash_method)
        check_password_hash(_DUMMY_HASHES[hash_method], password)
        return None
    if not check_password_hash(user.password_hash, password):
        return None
    return user


def set_password(user: User, password: str, hash_method: str, now: datetime | None = None) -> None:
    """Store a new password, sign out every device and revoke every API token of this user."""
    user.password_hash = generate_password_hash(password, method=hash_method)
    user.password_changed_at = now or utcnow()
    sessions.end_all(user, now)


def sign_out_everywhere(user: User) -> None:
    """End every sign-in of this user and revoke her API tokens."""
    sessions.end_all(user)


def deactivate(user: User) -> None:
    """Refuse her sign-in from now on and end the sessions she has; her data stays as it was."""
    user.active = False
    sign_out_everywhere(user)


def reactivate(user: User) -> None:
    user.active = True


def check_password(user: User, password: str) -> bool:
    return check_password_hash(user.password_hash, password)


def password_fingerprint(user: User) -> str:
    """Changes whenever the password does: binds a reset link to the password it replaces."""
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:32]


API_TOKEN_PREFIX = "oss_"
LAST_USED_PRECISION = timedelta(minutes=5)  # how stale a token's "last used" may be: saves a write per call


def create_api_token(user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for the JSON API: (its row, the secret to show her once)."""
    secret = API_TOKEN_PREFIX + new_secret()
    token = ApiToken(user_id=user.id, name=name.strip(), token_hash=secret_hash(secret), prefix=secret[:10])
    db.session.add(token)
    db.session.flush()
    return token, secret


def user_for_api_token(secret: str, now: datetime | None = None) -> User | None:
    """The active user a live (unrevoked) token belongs to, or None; notes when the token was last used."""
    if not secret.startswith(API_TOKEN_PREFIX) or len(secret) > 100:
        return None
    row = db.session.execute(select(ApiToken, User).join(User, User.id == ApiToken.user_id).where(
        ApiToken.token_hash == secret_hash(secret), ApiToken.revoked_at.is_(None), User.active.is_(True))).first()
    if row is None:
        return None
    token, user = row
    now = now or utcnow()
    if token.last_used_at is None or as_utc(token.last_used_at) < now - LAST_USED_PRECISION:
        token.last_used_at = now
    return user



def api_tokens(user_id: int) -> list[ApiToken]:
    return list(db.session.scalars(select(ApiToken).where(ApiToken.user_id == user_id, ApiToken.revoked_at.is_(None))
                                   .order_by(ApiToken.created_at.desc())))


def revoke_api_token(user_id: int, token_id: int) -> ApiToken | None:
    """Her live token stops working (None when it isn't hers or is revoked already)."""
    token = db.session.scalar(select(ApiToken).where(ApiToken.id == token_id, ApiToken.user_id == user_id,
                                                     ApiToken.revoked_at.is_(None)))
    if token is not None:
        token.revoked_at = utcnow()
    return token


REGISTRATION_MAX_AGE = timedelta(hours=24)


def start_registration(email: str, role: Role, timezone: str, now: datetime | None = None) -> str:
    """Park a sign-up until its link is opened; returns the link's secret.

    Only the address (and what the page guessed: the role an invitation asked for, the browser's time zone) is kept:
    her name and password are chosen on the page the link opens, so a sign-up someone else starts for her address
    carries nothing of theirs. The same work is done whether or not the address has an account (the caller mails a
    different message), so neither the answer nor its timing tells."""
    now = now or utcnow()
    db.session.execute(delete(PendingRegistration).where(PendingRegistration.created_at < now - REGISTRATION_MAX_AGE))
    secret = new_secret()
    db.session.add(PendingRegistration(secret_hash=secret_hash(secret), email=normalize_email(email), role=role.value,
                                       timezone=timezone, created_at=now))
    db.session.flush()
    return secret


def pending_registration(secret: str, now: datetime | None = None) -> PendingRegistration | None:
    """The sign-up a mailed link names, while it is fresh."""
    if not secret or len(secret) > 100:
        return None
    oldest = (now or utcnow()) - REGISTRATION_MAX_AGE
    return db.session.scalar(select(PendingRegistration).where(PendingRegistration.secret_hash == secret_hash(secret),
                                                               PendingRegistration.created_at >= oldest))


def finish_registration(pending: PendingRegistration, display_name: str, password: str, role: Role,
                        timezone: str, hash_method: str) -> User:
    """Make the account whose address the mailed link proved, with the name and password chosen on its page
    (EmailTaken if the address got one meanwhile); every other link for the address dies."""
    user = create_user(pending.email, display_name, password, role, hash_method, timezone=timezone)
    db.session.execute(delete(PendingRegistration).where(PendingRegistration.email == pending.email))
    return user
