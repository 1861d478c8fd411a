"""How many password and code guesses Ossify checks, counted in the rate limiter's store (Flask-Limiter and its
`limits` engine: memory in one process, Redis when RATELIMIT_STORAGE_URI names it, shared by every worker and
machine and kept across restarts).

Sign-in follows OWASP's "Slow Down Online Guessing Attacks with Device Cookies" (linked from the Authentication
Cheat Sheet's section on account lockout): a plain lockout lets anyone lock the owner out with a few wrong
passwords. Instead,
- a browser that signed in to an account before carries a signed *device cookie* for it; its failed attempts are
  counted for that device alone, so an attacker elsewhere never locks it out;
- every other client shares one count per account ("untrusted clients"): after LOGIN_LIMIT_PER_ACCOUNT attempts,
  new devices must wait, sign in from a device used before, or reset the password (a link only the owner's
  inbox receives).
Each attempt is counted *before* the password is checked (an atomic increment in the store), so two workers can't
both let a sixth guess through.
"""
import hashlib
import secrets

from flask import Response, current_app, request
from itsdangerous import BadSignature, URLSafeSerializer
from limits import parse

from app.auth.models import User
from app.auth.services import check_password, password_fingerprint
from app.extensions import limiter

DEVICE_COOKIE = "ossify_device"
DEVICE_COOKIE_MAX_AGE = 60 * 60 * 24 * 365
PASSWORD_CHECK_LIMIT = "5 per 15 minutes"  # re-typed passwords: change password, delete account, make a token
CODE_LIMIT = "10 per hour"  # a therapist's invitation codes (8 characters from 32: guessing is hopeless at this)
INVITE_LIMIT = "10 per hour"  # a member's email invitations

TOO_MANY_PASSWORDS = "Too many wrong passwords. Wait 15 minutes and try again."
LOGIN_LOCKED = ("Too many sign-in attempts for this account from new devices. Sign in on a phone or computer you "
                "have used for Ossify before, wait 15 minutes, or reset your password.")


def _enabled() -> bool:
    return bool(current_app.config.get("RATELIMIT_ENABLED"))


def spend(limit: str, *key: str) -> bool:
    """Count one attempt against `limit` for `key`; False when it is over (then nothing more is checked)."""
    if not _enabled():
        return True
    return limiter.limiter.hit(parse(limit), "ossify", *key)


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="device-cookie")


def _device_binding(user: User) -> str:
    """What a device cookie is bound to: this account (not its id, which outlives nothing) and its password, so a
    password change or reset ends every device cookie and a deleted account's cookies open nothing later."""
    return hashlib.sha256(f"{user.account_seal}:{password_fingerprint(user)}".encode()).hexdigest()[:24]


def device_nonce(user: User | None) -> str | None:
    """The nonce of this browser's device cookie when it was issued for `user`'s account and password, else None."""
    raw = request.cookies.get(DEVICE_COOKIE, "")
    if user is None or not raw or len(raw) > 400:
        return None
    try:
        data = _serializer().loads(raw)
    except BadSignature:
        return None
    if not isinstance(data, dict) or data.get("a") != _device_binding(user) or not isinstance(data.get("n"), str):
        return None
    return data["n"]


def login_key(email: str, user: User | None) -> tuple[str, str]:
    """Whose count a sign-in attempt is: this device's, for a device this account used before, else the account's
    count for every new device."""
    nonce = device_nonce(user)
    if nonce is not None:
        return "login-device", nonce
    return "login-untrusted", hashlib.sha256(email.encode()).hexdigest()


def login_attempt_allowed(key: tuple[str, str]) -> bool:
    """Count this sign-in attempt (before the password is checked)."""
    return spend(current_app.config["LOGIN_LIMIT_PER_ACCOUNT"], *key)


def refund_login_attempt(key: tuple[str, str]) -> None:
    """A right password costs nothing: only failures count towards the limit. (The count is a plain counter in
    Flask-Limiter's default fixed-window strategy; other strategies keep the attempt counted.)"""
    if not _enabled() or current_app.config.get("RATELIMIT_STRATEGY", "fixed-window") != "fixed-window":
        return
    item = parse(current_app.config["LOGIN_LIMIT_PER_ACCOUNT"])
    limiter.storage.incr(item.key_for("ossify", *key), item.get_expiry(), amount=-1)


def remember_device(response: Response, user: User) -> Response:
    """After a successful sign-in (or reset): this browser is a device of hers from now on."""
    value = _serializer().dumps({"a": _device_binding(user), "n": secrets.token_urlsafe(16)})
    response.set_cookie(DEVICE_COOKIE, value, max_age=DEVICE_COOKIE_MAX_AGE, httponly=True,
                        secure=current_app.config["SESSION_COOKIE_SECURE"], samesite="Lax", path="/auth/")
    return response


def verify_password(user: User, password: str, wrong: str = "That is not your password.") -> str | None:
    """None when `password` is hers; else the message to show at the field. At most PASSWORD_CHECK_LIMIT checks
    per account: whoever holds her unlocked phone can't try passwords until one works."""
    if not spend(PASSWORD_CHECK_LIMIT, "password-check", str(user.id)):
        return TOO_MANY_PASSWORDS
    if not check_password(user, password):
        return wrong
    return None
