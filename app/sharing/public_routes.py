"""A SMART Health Link's public side (the `shl` blueprint): the manifest a viewer asks for its files, and Ossify's
own viewer page, which decrypts in the browser. No sign-in: the link itself is the permission."""
from flask import Blueprint, Response, jsonify, render_template, request

from app.auth.limits import spend
from app.extensions import csrf, limiter
from app.sharing.links import PASSCODE_LIMIT
from app.sharing.links import manifest as manifest_request

bp = Blueprint("shl", __name__, url_prefix="/shl")


def _spend_attempt(manifest_id: str) -> bool:
    return spend(PASSCODE_LIMIT, "shl-passcode", manifest_id)


@bp.route("/<string(length=43):manifest_id>", methods=["POST"])
@csrf.exempt
@limiter.limit("30 per minute")
def manifest(manifest_id: str) -> tuple[Response, int]:
    """IG "manifest request": JSON `recipient` (and `passcode`); the files, 401 with `remainingAttempts`, or 404."""
    data = request.get_json(silent=True)
    data = data if isinstance(data, dict) else {}
    answer = manifest_request(manifest_id, data.get("recipient"), data.get("passcode"), _spend_attempt)
    response = jsonify(answer.body) if answer.body else Response("", mimetype="application/json")
    response.headers["Cache-Control"] = "no-store"
    return response, answer.status


@bp.route("/view")
def viewer() -> str:
    """Opens a `#shlink:/…` link: asks for the viewer's name (and the passcode when the link needs one), fetches the
    manifest and decrypts the record in this browser with the key from the link (WebCrypto, AES-GCM), then shows it.
    The key is in the part after `#`, which browsers never send: Ossify's server never sees it here."""
    return render_template("sharing/viewer.html")
