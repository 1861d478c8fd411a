"""The link in an invitation mail: who invited the therapist, and how she accepts (sign in or create an account
with the address it was sent to). Public, since she may have no account yet; the signed token is the key, and
the page shows only the inviting member's name."""
from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask_login import current_user
from werkzeug import Response

from app.auth.models import User
from app.auth.services import normalize_email
from app.care.services import CareError, accept_invitation, claim_invitations, invitation_from_token
from app.extensions import db
from app.forms import EmptyForm

bp = Blueprint("invitations", __name__, url_prefix="/invitations")


@bp.route("/<token>", methods=["GET", "POST"])
def open_invitation(token: str) -> Response | tuple[str, int]:
    """GET shows the invitation (mail programs open links to preview them); the button accepts it."""
    try:
        link = invitation_from_token(token, current_app.secret_key)
    except CareError as error:
        return render_template("care/invitation.html", problem=str(error)), 410
    inviter = db.session.get(User, link.member_id)
    signed_in = current_user.is_authenticated
    addressed_to_her = signed_in and normalize_email(current_user.email) == link.invited_email
    form = EmptyForm()
    if addressed_to_her and current_user.is_therapist and form.validate_on_submit():
        try:
            claim_invitations(current_user)  # an account made before this code knew of the invitation
            accept_invitation(current_user.id, link.id)
        except CareError as error:
            return render_template("care/invitation.html", problem=str(error)), 410
        db.session.commit()
        flash(f"Invitation accepted: {inviter.display_name} is in your client list.", "success")
        return redirect(url_for("workspace.client", member_id=link.member_id))
    here = url_for("invitations.open_invitation", token=token)
    return render_template("care/invitation.html", problem=None, link=link, inviter=inviter, form=form,
                           addressed_to_her=addressed_to_her, here=here), 200
