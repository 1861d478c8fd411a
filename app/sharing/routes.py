"""Sharing her record (the `sharing` blueprint): her bone health as FHIR R4 JSON to download. Always her own data."""
import json

from flask import Blueprint, Response, request
from flask_login import current_user

from app.access import require_member
from app.sharing.fhir import bundle
from app.sharing.record import WHAT, her_record

bp = Blueprint("sharing", __name__, url_prefix="/me/share")
bp.before_request(require_member)


@bp.route("/record.json")
def record_json() -> Response:
    """Her record as a FHIR R4 Bundle (application/fhir+json), to keep or give to a clinic."""
    include = request.args.get("include", "everything")
    include = include if include in WHAT else "everything"
    body = json.dumps(bundle(her_record(current_user._get_current_object(), include)), indent=2, ensure_ascii=False)
    today = current_user.today().isoformat()
    return Response(body, mimetype="application/fhir+json", headers={
        "Content-Disposition": f'attachment; filename="ossify-bone-health-{today}.json"'})
