"""Learn: short, cited pages that answer a member's first questions where she logs (open to everyone)."""
from flask import Blueprint

bp = Blueprint("learn", __name__, url_prefix="/learn")

from app.learn import routes  # noqa: E402,F401
