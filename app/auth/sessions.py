"""Sign-ins kept on the server: a cookie names a `LoginSession`, and ending the row ends the cookie.

The session and remember-me cookies carry a random secret (Flask-Login's user id); only its SHA-256 is stored.
No request, no commit: the caller owns the transaction.
"""
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update

from app.auth.models import ApiToken, LoginSession, User, new_secret, secret_hash
from app.extensions import db
from app.models_base import utcnow

SECRET_MAX = 100


def start(user: User) -> str:
    """A new sign-in for `user` on this device; `user.get_id()` then answers its secret."""
    secret = new_secret()
    db.session.add(LoginSession(user_id=user.id, secret_hash=secret_hash(secret)))
    db.session.flush()
    user.login_secret = secret
    return secret


def load(secret: str, max_age: timedelta, now: datetime | None = None) -> User | None:
    """The active user this sign-in belongs to, while it lasts (at most `max_age` from signing in)."""
    if not secret or len(secret) > SECRET_MAX:
        return None
    oldest = (now or utcnow()) - max_age
    user = db.session.scalar(select(User).join(LoginSession, LoginSession.user_id == User.id).where(
        LoginSession.secret_hash == secret_hash(secret), LoginSession.created_at >= oldest, User.active.is_(True)))
    if user is not None:
        user.login_secret = secret
    return user


def end(user: User) -> None:
    """Sign out this device: its cookies no longer sign anyone in."""
    if user.login_secret:
        db.session.execute(delete(LoginSession).where(LoginSession.secret_hash == secret_hash(user.login_secret)))
        user.login_secret = None


def end_all(user: User, now: datetime | None = None) -> None:
    """Sign out every device and revoke every API token: what a password change, a reset, "sign out everywhere"
    and deactivation all mean."""
    db.session.execute(delete(LoginSession).where(LoginSession.user_id == user.id))
    db.session.execute(update(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
                       .values(revoked_at=now or utcnow()))
    user.login_secret = None
