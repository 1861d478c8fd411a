"""Exercise catalog and session logging (weight-bearing, impact, resistance band, balance)."""
from flask import Blueprint

from app.care.access import require_member

bp = Blueprint("exercises", __name__, url_prefix="/exercises")
bp.before_request(require_member)

from app.exercises import routes  # noqa: E402,F401
