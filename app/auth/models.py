"""Accounts: one row per person who signs in, member or physical therapist."""
import hashlib
import secrets
from datetime import date, datetime
from enum import StrEnum

from flask_login import UserMixin
from sqlalchemy import Boolean, CheckConstraint, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.guidance.calendar import local_date, today_in
from app.models_base import utcnow


class Role(StrEnum):
    MEMBER = "member"
    THERAPIST = "therapist"


ROLE_LABELS = {Role.MEMBER: "Member", Role.THERAPIST: "Physical therapist"}

EMAIL_MAX = 254
DISPLAY_NAME_MAX = 80
PASSWORD_MIN = 10
PASSWORD_MAX = 128


def new_secret() -> str:
    """A random secret for a sign-in, a registration link or an API token (256 bits)."""
    return secrets.token_urlsafe(32)


def secret_hash(secret: str) -> str:
    """What is stored of a session's or token's secret: a leaked table opens no account."""
    return hashlib.sha256(secret.encode()).hexdigest()


class User(UserMixin, db.Model):
    __tablename__ = "user"
    # AUTOINCREMENT: SQLite would otherwise give a deleted account's id to the next one, and whatever still named
    # that id (an old cookie or link) would follow it. PostgreSQL's sequences never reuse a value.
    __table_args__ = (CheckConstraint("role IN ('member', 'therapist')", name="role"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stored lower-cased, so uniqueness is case-insensitive on every database.
    email: Mapped[str] = mapped_column(String(EMAIL_MAX), unique=True)
    display_name: Mapped[str] = mapped_column(String(DISPLAY_NAME_MAX))
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(255))
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    # ISO 3166 code of her country, from her time zone when the account is made, changeable on her profile: it picks
    # the regional food defaults (app/guidance/regions.py). None: not known (a UTC clock), USDA's defaults.
    country: Mapped[str | None] = mapped_column(String(2))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    password_changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # A random value made with the account and never shown: every credential that names the account (device cookie,
    # reset, invitation and unsubscribe links) carries a digest of it, so none outlives the account, whatever id a
    # later account gets.
    account_key: Mapped[str] = mapped_column(String(64), default=new_secret)

    # The secret of the sign-in this request came with (app/auth/sessions.py): what the session and
    # remember-me cookies carry. Not a column: one person has one row per device she signed in on.
    login_secret = None  # str | None, set per request; a plain attribute, never a column

    def get_id(self) -> str:
        if not self.login_secret:
            raise RuntimeError("Start a sign-in (app.auth.sessions.start) before login_user().")
        return self.login_secret

    @property
    def is_active(self) -> bool:  # type: ignore[override]
        return self.active

    @property
    def is_member(self) -> bool:
        return self.role == Role.MEMBER

    @property
    def is_therapist(self) -> bool:
        return self.role == Role.THERAPIST

    @property
    def member_since(self) -> date:
        """The day her account was made, in her time zone: weeks before it are not judged."""
        return local_date(self.created_at, self.timezone)

    def today(self) -> date:
        """Her date now, in her time zone: the day every page of hers (and her therapist's view of it) is about."""
        return today_in(self.timezone)

    @property
    def account_seal(self) -> str:
        """What a credential carries of this account: dies with it, tells nothing about it."""
        return hashlib.sha256(("account:" + self.account_key).encode()).hexdigest()[:20]

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[Role(self.role)]

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role}>"


class LoginSession(db.Model):
    """One sign-in on one device. Signing out deletes it, so a copied session or remember-me cookie stops working;
    signing out everywhere, a password change or reset, or deactivation deletes them all."""
    __tablename__ = "login_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class PendingRegistration(db.Model):
    """A sign-up waiting for its owner to open the link mailed to her: the account is made only then, with the name
    and password she chooses on that page, so the form answers the same whether or not the address already has an
    account (OWASP: account enumeration) and nobody else can choose her password."""
    __tablename__ = "pending_registration"

    id: Mapped[int] = mapped_column(primary_key=True)
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    email: Mapped[str] = mapped_column(String(EMAIL_MAX), index=True)
    role: Mapped[str] = mapped_column(String(16))
    timezone: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


API_TOKEN_NAME_MAX = 60


class ApiToken(db.Model):
    """A personal token for the JSON API (/api/v1), sent as `Authorization: Bearer <token>`.

    Only a SHA-256 hash is stored; the token itself is shown once, when it is made.
    """
    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(API_TOKEN_NAME_MAX))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(12))  # the first characters, to tell tokens apart on the page
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
