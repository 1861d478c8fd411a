"""A member's side of care: invite or revoke her therapists, reply to their comments."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from werkzeug import Response

from app.access import owned_or_404, require_member
from app.auth.limits import INVITE_LIMIT
from app.auth.services import normalize_email
from app.care.forms import InviteForm, ReplyForm
from app.care.models import CareLink, Comment
from app.care.services import CareError, create_code, invite_by_email, links_of_member, revoke, withdraw_code
from app.extensions import db, limiter
from app.forms import EmptyForm
from app.guidance.calendar import today_in
from app.pages import program_page
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
            invite_by_email(current_user.id, form.email.data)
            return url_for("care.therapists")

        try:
            location, _ = handle_once(current_user.id, submitted_id(), request.path, send)
        except CareError as error:
            db.session.rollback()
            form.email.errors.append(str(error))
        else:
            flash(f"Invitation saved for {normalize_email(form.email.data)}. When a physical therapist signs in to "
                  "Ossify with that address, she can accept it and then sees your data; you can withdraw it any "
                  "time. Ossify does not email it: tell your therapist, or give her a one-time code.", "success")
            return redirect(location)
    return _page(form, status=400)


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
    return render_template("care/program.html", **program_page(current_user.id, today_in(current_user.timezone)))
