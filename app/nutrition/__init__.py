"""Food table and nutrition logging for calcium, vitamin D and protein, with supplements."""
from flask import Blueprint

from app.care.access import require_member

bp = Blueprint("nutrition", __name__, url_prefix="/nutrition")
bp.before_request(require_member)

from app.nutrition import routes  # noqa: E402,F401
