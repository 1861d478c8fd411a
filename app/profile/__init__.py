"""A member's profile and bone-health record (members only)."""
from flask import Blueprint

from app.care.access import require_member

bp = Blueprint("profile", __name__, url_prefix="/me")
bp.before_request(require_member)

from app.profile import routes  # noqa: E402,F401
