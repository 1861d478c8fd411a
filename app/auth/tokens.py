"""Signed, expiring, single-use password-reset tokens."""
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from app.auth.models import User
from app.auth.services import password_fingerprint
from app.extensions import db

RESET_SALT = "ossify.password-reset"


def _serializer(secret_key: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret_key, salt=RESET_SALT)


def make_reset_token(user: User, secret_key: str) -> str:
    return _serializer(secret_key).dumps({"uid": user.id, "a": user.account_seal, "fp": password_fingerprint(user)})


def user_for_reset_token(token: str, secret_key: str, max_age: int) -> User | None:
    """The user a valid token was issued to; None when forged, expired or already used.

    Single use: the token carries a fingerprint of the password hash it was issued
    against, so setting a new password (through this link or any other way) spends it.
    """
    try:
        data = _serializer(secret_key).loads(token, max_age=max_age)
    except (SignatureExpired, BadSignature):
        return None
    if not isinstance(data, dict):
        return None
    user = db.session.get(User, data.get("uid")) if isinstance(data.get("uid"), int) else None
    if (user is None or not user.active or data.get("a") != user.account_seal
            or data.get("fp") != password_fingerprint(user)):
        return None
    return user
