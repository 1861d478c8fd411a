"""Sharing her record (the `sharing` blueprint, always her own data): FHIR R4 JSON to download, and SMART Health Links
she makes, shows (text and QR code), watches and revokes. The links' public side is app/sharing/public_routes.py."""
import io
import json

import segno
from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from markupsafe import Markup

from app.access import owned_or_404, require_member
from app.extensions import db
from app.forms import EmptyForm
from app.sharing.fhir import bundle
from app.sharing.forms import ShareForm
from app.sharing.links import LIFETIMES, is_live, links_of, make_link, revoke, shlink
from app.sharing.models import ShareLink
from app.sharing.record import WHAT, her_record
from app.submissions import handle_once, submitted_id

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


@bp.route("/", methods=["GET", "POST"])
def index() -> Response | tuple[str, int]:
    """"Share with my doctor": the choices already made (everything, a week, no passcode), one tap to make the link;
    below, her links with their expiry, passcode and every access."""
    form = ShareForm()
    if form.validate_on_submit():
        def make() -> str:
            link = make_link(current_user._get_current_object(), form.include.data, form.lifetime.data,
                             form.passcode.data or None)
            db.session.flush()
            return url_for("sharing.show", share_id=link.id)

        location, _ = handle_once(current_user.id, submitted_id(), request.path, make)
        return redirect(location)
    status = 400 if form.is_submitted() else 200
    return render_template("sharing/index.html", form=form, links=links_of(current_user.id), is_live=is_live,
                           what=WHAT, lifetimes=LIFETIMES, revoke_form=EmptyForm()), status


def viewer_url(link: ShareLink) -> str:
    """The link as she gives it: Ossify's viewer, then `#shlink:/…` (the part after # never reaches a server)."""
    manifest = url_for("shl.manifest", manifest_id=link.manifest_id, _external=True)
    return url_for("shl.viewer", _external=True) + "#" + shlink(link, manifest)


@bp.route("/<id:share_id>")
def show(share_id: int) -> str:
    """The link as text and as a QR code, to show on her phone or print."""
    link = owned_or_404(ShareLink, share_id, current_user.id)
    url = viewer_url(link) if is_live(link) else None
    qr = None
    if url:
        out = io.BytesIO()
        segno.make(url, error="m").save(out, kind="svg", scale=4, border=2, xmldecl=False, svgns=True,
                                        title="QR code of the link", svgclass="qr-code")
        qr = Markup(out.getvalue().decode("utf-8"))  # segno's own SVG: no user text inside but the link
    return render_template("sharing/show.html", link=link, url=url, qr=qr, what=WHAT, live=bool(url),
                           revoke_form=EmptyForm())


@bp.route("/<id:share_id>/revoke", methods=["POST"])
def revoke_link(share_id: int) -> Response:
    link = owned_or_404(ShareLink, share_id, current_user.id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    revoke(link)
    db.session.commit()
    flash("The link is revoked: it opens nothing from now on.", "success")
    return redirect(url_for("sharing.index"))


