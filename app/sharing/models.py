"""A SMART Health Link she made, and each time it was opened."""
from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models_base import utcnow

LABEL_MAX = 80        # the SHL payload's `label` is at most 80 characters (IG, "SHL Payload")
RECIPIENT_MAX = 120


class ShareLink(db.Model):
    """One link: its unguessable manifest id, the key the viewer decrypts with, its expiry and passcode, and the
    record as it was when she made it, encrypted (JWE). Kept until she deletes her account; a revoked or expired
    link answers 404."""
    __tablename__ = "share_link"
    __table_args__ = (CheckConstraint("include IN ('everything', 'bone')", name="include"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    manifest_id: Mapped[str] = mapped_column(String(43), unique=True)   # 32 random bytes, base64url
    # The decryption key (32 random bytes, base64url): kept so she can show her link again at the clinic. Ossify
    # holds her record in the clear anyway; the key never travels to the server when the link is opened.
    key: Mapped[str] = mapped_column(String(43))
    label: Mapped[str] = mapped_column(String(LABEL_MAX))
    include: Mapped[str] = mapped_column(String(12))
    passcode_hash: Mapped[str | None] = mapped_column(String(255))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    disabled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))   # too many wrong passcodes
    jwe: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    accesses: Mapped[list["ShareAccess"]] = relationship(
        back_populates="link", cascade="all, delete-orphan", passive_deletes=True, order_by="ShareAccess.at.desc()")


class ShareAccess(db.Model):
    """The link was opened: when, and who the viewer said they were (`recipient`, IG "manifest request")."""
    __tablename__ = "share_access"

    id: Mapped[int] = mapped_column(primary_key=True)
    link_id: Mapped[int] = mapped_column(ForeignKey("share_link.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    recipient: Mapped[str] = mapped_column(String(RECIPIENT_MAX))
    link: Mapped[ShareLink] = relationship(back_populates="accesses")


