"""Weekly summary, dashboard figures and 12-week trends (members only)."""
from flask import Blueprint

from app.care.access import require_member

bp = Blueprint("progress", __name__, url_prefix="/progress")
bp.before_request(require_member)

from app.progress import routes  # noqa: E402,F401
