"""A member's side of care: invite or revoke her therapists, reply to their comments."""
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from werkzeug import Response

from app.access import owned_or_404, require_member
from app.auth.limits import INVITE_LIMIT
from app.auth.mail import send_mail_after_response
from app.auth.messages import SOMEONE, checked_name, report_line
from app.auth.services import normalize_email
from app.care.forms import InviteForm, ReplyForm
from app.care.models import CareLink, Comment
from app.care.services import (
    INVITATION_LIFETIME,
    CareError,
    create_code,
    invitation_token,
    invite_by_email,
    links_of_member,
    revoke,
    withdraw_code,
)
from app.exercises.pages import program_page
from app.exercises.program import handout_for
from app.extensions import db, limiter
from app.forms import EmptyForm
from app.guidance.bands import band_label
from app.security import local_path
from app.submissions import handle_once, handle_replacing, submitted_id

bp = Blueprint("care", __name__, url_prefix="/care")
bp.before_request(require_member)


def _page(invite_form: InviteForm, code: str | None = None, status: int = 200) -> tuple[str, int]:
    return render_template("care/therapists.html", links=links_of_member(current_user.id), invite_form=invite_form,
                           action_form=EmptyForm(), code=code), status


@bp.route("/")
def therapists() -> tuple[str, int]:
    return _page(InviteForm(formdata=None))


@bp.route("/invite", methods=["POST"])
@limiter.limit(INVITE_LIMIT, key_func=lambda: f"invite:{current_user.id}", methods=["POST"],
               error_message="That is a lot of invitations. Wait an hour, or give your therapist a one-time code.")
def invite() -> Response | tuple[str, int]:
    form = InviteForm()
    if form.validate_on_submit():
        def send() -> str:
            link = invite_by_email(current_user.id, form.email.data)
            _mail_invitation(link)
            return url_for("care.therapists")

        try:
            location, _ = handle_once(current_user.id, submitted_id(), request.path, send)
        except CareError as error:
            db.session.rollback()
            form.email.errors.append(str(error))
        else:
            days = INVITATION_LIFETIME.days
            flash(f"Invitation sent to {normalize_email(form.email.data)}. The link in it works for {days} days, "
                  "with a physical therapist's account with that address (she can make one from the mail). "
                  "Once she accepts, she sees your data; you can withdraw it any time.", "success")
            return redirect(location)
    return _page(form, status=400)


def _mail_invitation(link: CareLink) -> None:
    """The invitation mail: her name (only when it is a plain name) and a link, nothing of her health. The address
    may belong to no one who knows her, so nothing else she typed goes into it."""
    url = current_app.config["PUBLIC_URL"] + url_for(
        "invitations.open_invitation", token=invitation_token(link, current_app.secret_key))
    name = checked_name(current_user.display_name)
    who = name or SOMEONE
    # The member is told the same whoever has the address; the mail itself says what its reader needs to do.
    how = ("Sign in to Ossify with this address and accept it at the top of your client list, or open this link:"
           if link.therapist_id is not None else
           "Open this link to create a physical therapist's account with this address and accept it:")
    send_mail_after_response(
        link.invited_email, f"{who} invites you to Ossify",
        f"Hello,\n\n{who} uses Ossify to log the exercise, food and bone-health care her bones need, and invites "
        f"you, as her physical therapist, to see her logs and weekly summaries there.\n\n{how}\n\n"
        f"{url}\n\nThe link works once, for {INVITATION_LIFETIME.days} days. If you don't know "
        f"{name or 'who sent it'}, ignore this message.\n\n{report_line()}\n")


@bp.route("/code", methods=["POST"])
def new_code() -> tuple[str, int]:
    if not EmptyForm().validate_on_submit():
        abort(400)
    def make(earlier_id: int | None) -> tuple[int, str]:
        if earlier_id is not None:  # a resend: the code the first answer showed was never seen, so it stops working
            withdraw_code(current_user.id, earlier_id)
        code, row = create_code(current_user.id)
        return row.id, code

    code = handle_replacing(current_user.id, submitted_id(), request.path, make)
    return _page(InviteForm(formdata=None), code=code)


@bp.route("/links/<id:link_id>/revoke", methods=["POST"])
def revoke_link(link_id: int) -> Response:
    if not EmptyForm().validate_on_submit():
        abort(400)
    owned_or_404(CareLink, link_id, current_user.id)  # someone else's link: 404; her own closed one: a message
    try:
        revoke(current_user.id, link_id)
    except CareError as error:
        flash(str(error), "info")
    else:
        db.session.commit()
        flash("Access withdrawn. From now on that therapist sees none of your data.", "success")
    return redirect(url_for("care.therapists"))


@bp.route("/comments/<id:comment_id>/reply", methods=["POST"])
def reply(comment_id: int) -> Response:
    comment = db.session.scalar(select(Comment).where(Comment.id == comment_id,
                                                      Comment.member_id == current_user.id)) or abort(404)
    form = ReplyForm()
    back = local_path(request.form.get("next"), url_for("main.dashboard"))
    if not form.validate_on_submit():
        flash("Write your reply before sending it." if not form.body.data else form.body.errors[0], "error")
        return redirect(back)

    def send() -> str:
        db.session.add(Comment(member_id=current_user.id, author_id=current_user.id,
                               author_name=current_user.display_name, session_id=comment.session_id,
                               week_start=comment.week_start, parent_id=comment.parent_id or comment.id,
                               body=form.body.data, read_by_member=True))
        return back

    location, new = handle_once(current_user.id, submitted_id(), request.path, send)
    flash("Your reply is sent." if new else "Your reply was already sent; it is there once.",
          "success" if new else "info")
    return redirect(location)


@bp.route("/program")
def program() -> str:
    return render_template("care/program.html", **program_page(current_user.id, current_user.today()))


@bp.route("/program/handout")
def program_handout() -> str:
    """Her program to print: each exercise with its instructions and dose."""
    return render_template("care/handout.html", rows=handout_for(current_user.id), band_label=band_label,
                           printed_on=current_user.today(), therapist_name=None)
