"""Accounts: register, log in and out, change and reset passwords."""
from flask import Blueprint

bp = Blueprint("auth", __name__, url_prefix="/auth")

from app.auth import routes  # noqa: E402,F401  (routes attach themselves to bp)
