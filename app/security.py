"""Response headers that keep the browser on Ossify's side, and the one check of where a redirect may go."""
import unicodedata
from urllib.parse import urlsplit

from flask import Response, current_app, request
from flask_login import current_user

# No inline script or style anywhere: every asset is a file the app serves.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
# Ossify needs none of these browser features; saying so stops an injected script from asking for them.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
HSTS = "max-age=31536000; includeSubDomains"


def add_security_headers(response: Response) -> Response:
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if current_app.config.get("HSTS"):
        headers.setdefault("Strict-Transport-Security", HSTS)
    if request.endpoint != "static" and current_user and current_user.is_authenticated:
        # Health data: no shared cache keeps it, and the back button after signing out shows nothing.
        headers["Cache-Control"] = "no-store"
        headers.add("Vary", "Cookie")
    return response


def local_path(target: str | None, default: str, prefix: str = "/") -> str:
    """`target` when it is a path on this site under `prefix`, else `default`: the one check every `next=` passes.

    Refused: other sites (`//evil.example`, `https://…`, `/\\evil.example`, which browsers read as `//`), and any
    control character (CR LF would split the Location header; a tab or newline is dropped by browsers, turning
    `/\t/evil.example` into `//evil.example`).
    """
    target = target or ""
    if (not target.startswith(prefix) or target.startswith("//") or "\\" in target or len(target) > 2000
            or any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in target)):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return default
    return target
