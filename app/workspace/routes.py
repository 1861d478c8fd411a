"""A therapist's workspace: clients who granted access, their data read-only, programs, targets, comments.

Every client route starts with `client_or_404`, the one access rule: it loads the member through an
active grant and records the visit. What she sees, the therapist sees, through the same templates.
"""
from datetime import date
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug import Response

from app.access import client_or_404, invitation_or_404, require_therapist, template_or_404
from app.account.export import member_zip, zip_response
from app.auth.limits import CODE_LIMIT
from app.auth.models import User
from app.care.reviews import EVENT_NOUNS, HANDLED, SEEN
from app.care.services import CareError, accept_invitation, end_link, invitations_for, redeem_code
from app.exercises.models import ProgramItem
from app.exercises.pages import program_page, session_page, sessions_page
from app.exercises.program import handout_for
from app.exercises.services import exercises_for, safety_profile
from app.extensions import db, limiter
from app.forms import EmptyForm, row_id
from app.guidance.bands import band_label
from app.guidance.risk import ABOUT_HER
from app.guidance.safety import caution_words
from app.guidance.targets import override_past_limit
from app.guidance.weeks import week_start
from app.nutrition.pages import food_day_page
from app.profile.pages import bone_health_page
from app.profile.risk import screening_note
from app.progress.pages import report_page, trends_page, week_page
from app.progress.report import weeks_param
from app.submissions import handle_once, submitted_id
from app.targets.services import daily_targets, end_override, overrides_in_force, set_override
from app.transactions import blueprint_writes_on_get, reads_only
from app.workspace.caseload import TARGET_SORT, FlagGone, caseload, review_flag, valid_sort
from app.workspace.flags import SEVERITY_LABELS
from app.workspace.forms import (
    TARGET_LABELS,
    ApplyTemplateForm,
    CodeForm,
    CommentForm,
    FlagReviewForm,
    OverrideForm,
    ProgramItemForm,
    TemplateForm,
)
from app.workspace.pages import flag_context, week_extras
from app.workspace.program import TemplateError, apply_template, item_for_exercise, save_template, templates_of
from app.workspace.services import (
    add_comment,
    catalog_names,
    change_program_item,
    exercise,
    has_session,
    prescribe,
    program_item,
    remove,
)
from app.workspace.viewing import ClientUrls

# Client pages record every visit (the access rule): on SQLite their transactions take the write lock.
bp = blueprint_writes_on_get(Blueprint("workspace", __name__, url_prefix="/clients"))
bp.before_request(require_therapist)


def _caseload_page(code_form: CodeForm) -> str:
    args = request.args
    sort = valid_sort(args.get("sort", "attention"))
    page = args.get("page", "1")
    # Without a direction: most short targets and best adherence first, otherwise A to Z and longest ago first.
    default_dir = "desc" if sort in ("status", "adherence") or sort.startswith(TARGET_SORT) else "asc"
    page_number = int(page) if page.isascii() and page.isdigit() and len(page) <= 6 else 1
    listing = caseload(current_user.id, sort=sort, descending=args.get("dir", default_dir) == "desc",
                       query=args.get("q", ""), attention_only=args.get("attention") == "1", page=page_number)
    return render_template("workspace/dashboard.html", listing=listing, invitations=invitations_for(current_user.id),
                           code_form=code_form, severity_labels=SEVERITY_LABELS)


@bp.route("/")
@reads_only
def dashboard() -> str:
    return _caseload_page(CodeForm(formdata=None))


@bp.route("/invitations/<id:link_id>/accept", methods=["POST"])
def accept(link_id: int) -> Response:
    if not EmptyForm().validate_on_submit():
        abort(400)
    invitation_or_404(link_id)
    try:
        accept_invitation(current_user.id, link_id)
    except CareError as error:
        flash(str(error), "info")
    else:
        db.session.commit()
        flash("Invitation accepted: the client is in your list.", "success")
    return redirect(url_for("workspace.dashboard"))


@bp.route("/code", methods=["POST"])
@limiter.limit(CODE_LIMIT, key_func=lambda: f"invite-code:{current_user.id}", methods=["POST"],
               deduct_when=lambda response: response.status_code == 400,
               error_message="Too many codes tried. Wait an hour, or ask your client for a new code.")
def code() -> Response | tuple[str, int]:
    form = CodeForm()
    if form.validate_on_submit():
        def redeem() -> str:
            redeem_code(current_user.id, form.code.data)
            return url_for("workspace.dashboard")

        try:
            location, _ = handle_once(current_user.id, submitted_id(), request.path, redeem)
        except CareError as error:
            db.session.rollback()
            form.code.errors.append(str(error))
        else:
            flash("Code accepted: the client is in your list.", "success")
            return redirect(location)
    return _caseload_page(form), 400


def _client_page(template: str, member: User, **context: object) -> str:
    """A page of hers, as she sees it, with read-only links and her therapist's additions."""
    client_today = member.today()
    return render_template(template, client=member, urls=ClientUrls(member.id), client_today=client_today,
                           today_monday=week_start(client_today), **context)


@bp.route("/<id:member_id>/")
def client(member_id: int) -> Response:
    member = client_or_404(member_id, None)
    return redirect(url_for("workspace.client_week", member_id=member.id, monday=week_start(member.today())))


@bp.route("/<id:member_id>/week/<isodate:monday>")
def client_week(member_id: int, monday: date) -> Response | str:
    member = client_or_404(member_id, f"weekly summary, week of {monday.isoformat()}")
    today = member.today()
    if monday != week_start(monday) or monday > today:
        return redirect(url_for("workspace.client_week", member_id=member_id,
                                monday=min(week_start(monday), week_start(today))))
    return _week_page(member, monday, today, CommentForm(formdata=None, data={"week_start": monday.isoformat()}))


def _week_page(member: User, monday: date, today: date, comment_form: CommentForm) -> str:
    return _client_page("workspace/client_week.html", member, **week_page(member.id, monday, today),
                        **week_extras(member.id, monday, today), comment_form=comment_form)


@bp.route("/<id:member_id>/trends")
def client_trends(member_id: int) -> str:
    member = client_or_404(member_id, "12-week trends")
    return _client_page("workspace/client_trends.html", member, **trends_page(member.id, member.today()))


@bp.route("/<id:member_id>/sessions")
def client_sessions(member_id: int) -> tuple[str, int]:
    member = client_or_404(member_id, "exercise history")
    context, status = sessions_page(member.id, request.args)
    return _client_page("workspace/client_sessions.html", member, **context), status


@bp.route("/<id:member_id>/sessions/<id:session_id>")
def client_session(member_id: int, session_id: int) -> str:
    member = client_or_404(member_id, "an exercise session")
    return _session_page(member, session_id, CommentForm(formdata=None, data={"session_id": str(session_id)}))


def _session_page(member: User, session_id: int, comment_form: CommentForm) -> str:
    context = session_page(member.id, session_id) or abort(404)
    return _client_page("workspace/client_session.html", member, **context, comment_form=comment_form,
                        **flag_context(member.id, only_session=session_id))


@bp.route("/<id:member_id>/food/<isodate:day>")
def client_food(member_id: int, day: date) -> Response | str:
    member = client_or_404(member_id, f"food and supplements on {day.isoformat()}")
    today = member.today()
    if day > today:
        return redirect(url_for("workspace.client_food", member_id=member_id, day=today))
    return _client_page("workspace/client_food.html", member, **food_day_page(member.id, day, today, suggest=False),
                        copy_form=None, alcohol_form=None)


@bp.route("/<id:member_id>/health")
def client_health(member_id: int) -> str:
    member = client_or_404(member_id, "bone-health record")
    today = member.today()
    context = bone_health_page(member.id, today, ABOUT_HER)
    return _client_page("workspace/client_health.html", member, **context,
                        screening=screening_note(member.id, today, bool(context["record"].scans),
                                                 context["risk_states"]))


@bp.route("/<id:member_id>/report")
def client_report(member_id: int) -> str:
    """The client's printable report, as she sees it (read-only)."""
    weeks = weeks_param(request.args.get("weeks"))
    member = client_or_404(member_id, f"printable report ({weeks} week{'s' if weeks > 1 else ''})")
    return _client_page("progress/report.html", member, **report_page(member, weeks, member.today()))


@bp.route("/<id:member_id>/export.zip")
def client_export(member_id: int) -> Response:
    """A client's data, as she would download it herself; only while she grants access (recorded)."""
    member = client_or_404(member_id, "downloaded all data (zip of CSV files)")
    today = member.today()
    name = "".join(ch for ch in member.display_name.lower().replace(" ", "-") if ch.isascii() and
                   (ch.isalnum() or ch == "-"))[:40] or "client"
    return zip_response(member_zip(member.id, today), f"ossify-{name}-{today.isoformat()}.zip")


@bp.route("/<id:member_id>/comments", methods=["POST"])
def comment(member_id: int) -> Response | tuple[str, int]:
    member = client_or_404(member_id, "left a comment")
    form = CommentForm()
    session_id = row_id(form.session_id.data)
    if form.session_id.data and session_id is None:
        abort(404)
    try:
        week = date.fromisoformat(form.week_start.data or "")
    except ValueError:
        week = None
    if session_id is not None and not has_session(member.id, session_id):
        abort(404)
    if (session_id is None) == (week is None):
        abort(400)  # the page names a session or a week; a form naming neither (or both) was not sent from it
    if not form.validate_on_submit():
        # The page again, with what she typed and the message at the field.
        if session_id:
            return _session_page(member, session_id, form), 400
        today = member.today()
        return _week_page(member, min(week_start(week), week_start(today)), today, form), 400
    def send() -> str:
        add_comment(member.id, current_user, form.body.data, session_id, week)
        if session_id:
            return url_for("workspace.client_session", member_id=member.id, session_id=session_id)
        return url_for("workspace.client_week", member_id=member.id, monday=week_start(week or date.today()))

    location, new = handle_once(current_user.id, submitted_id(), request.path, send)
    flash(f"Comment sent to {member.display_name}." if new else "That comment was already sent; it is there once.",
          "success" if new else "info")
    return redirect(location)


@bp.route("/<id:member_id>/flags", methods=["POST"])
def flag(member_id: int) -> Response | tuple[str, int]:
    """Mark one of her flags seen or handled, with an optional note she will see."""
    member = client_or_404(member_id, "reviewed a flag")
    form = FlagReviewForm()
    back = request.form.get("back", "")
    if not back.startswith(f"/clients/{member.id}/") or "//" in back or "\\" in back:
        back = url_for("workspace.client", member_id=member.id)
    if form.state.data not in (SEEN, HANDLED):
        abort(400)
    if not form.validate_on_submit():
        if form.note.errors:
            flash("The note is too long: " + form.note.errors[0] + " Nothing was recorded.", "error")
            return redirect(back + "#flags")
        abort(400)
    try:
        review = review_flag(member.id, form.kind.data, form.key.data, form.state.data, form.note.data,
                             current_user)
    except FlagGone as gone:
        flash(str(gone), "info")
        return redirect(back)
    db.session.commit()
    noun = EVENT_NOUNS.get(review.kind, "flag")
    flash(f"Marked {review.state}: {member.display_name} sees that you have {review.state} her {noun}.", "success")
    return redirect(back)


@bp.route("/<id:member_id>/targets", methods=["GET", "POST"])
def client_targets(member_id: int) -> Response | tuple[str, int]:
    member = client_or_404(member_id, "targets")
    form = OverrideForm()
    valid = form.validate_on_submit()
    if valid and (past := override_past_limit(form.target_key.data, float(form.value.data),
                                              daily_targets(member.id, member.today()))):
        form.value.errors = [*form.value.errors, past]
        valid = False
    if valid:
        set_override(member.id, form.target_key.data, float(form.value.data), form.reason.data, current_user.id,
                     member.today())
        db.session.commit()
        flash(f"{TARGET_LABELS[form.target_key.data]} set to {float(form.value.data):g} for {member.display_name}.",
              "success")
        return redirect(url_for("workspace.client_targets", member_id=member.id))
    overrides = overrides_in_force(member.id)
    return _client_page("workspace/client_targets.html", member, form=form, overrides=overrides,
                        labels=TARGET_LABELS), (400 if form.is_submitted() else 200)


@bp.route("/<id:member_id>/targets/<id:override_id>/delete", methods=["POST"])
def clear_target(member_id: int, override_id: int) -> Response:
    member = client_or_404(member_id, "targets")
    override = next((o for o in overrides_in_force(member.id) if o.id == override_id), None) or abort(404)
    if not EmptyForm().validate_on_submit():
        abort(400)
    end_override(override, member.today())
    db.session.commit()
    flash("Back to the default target.", "success")
    return redirect(url_for("workspace.client_targets", member_id=member.id))


def _program_form(member_id: int, **kwargs: Any) -> ProgramItemForm:
    """What she can be prescribed (retired exercises never), each exercise's cautions for her said to her therapist
    (the one safety rule: prescribing one asks to confirm)."""
    choices = exercises_for(member_id, safety_profile(member_id))
    return ProgramItemForm(exercise_choices=[(str(c.exercise.id), c.exercise.name, c.exercise.measure)
                                             for c in choices],
                           cautions={str(c.exercise.id): caution_words(c.exercise.name, c.cautions)
                                     for c in choices if c.cautions}, **kwargs)


def _program_page(member: User, form: ProgramItemForm, status: int, duplicate: ProgramItem | None = None,
                  template_form: TemplateForm | None = None, apply_form: ApplyTemplateForm | None = None
                  ) -> tuple[str, int]:
    templates = templates_of(current_user.id)
    choices = [(str(t.id), t.name) for t in templates]
    return _client_page("workspace/client_program.html", member, form=form, duplicate=duplicate,
                        template_form=template_form or TemplateForm(formdata=None),
                        apply_form=apply_form or ApplyTemplateForm(formdata=None, templates=choices),
                        templates=templates, **program_page(member.id, member.today())), status


def _template_choices() -> list[tuple[str, str]]:
    return [(str(t.id), t.name) for t in templates_of(current_user.id)]


class AlreadyPrescribed(Exception):
    """The exercise is in her program already: offer to edit that item."""

    def __init__(self, item: ProgramItem) -> None:
        super().__init__(item.id)
        self.item = item


def _duplicate_of(member: User, form: ProgramItemForm, exclude_id: int | None = None) -> ProgramItem | None:
    """Her item for the chosen exercise, if there is one: the form offers to edit it rather than add a second."""
    item = item_for_exercise(member.id, int(form.exercise.data), exclude_id)
    if item is not None:
        form.exercise.errors.append("This exercise is already in her program. Edit it instead (the link is "
                                    "below), or choose another exercise.")
    return item


@bp.route("/<id:member_id>/program", methods=["GET", "POST"])
def client_program(member_id: int) -> Response | tuple[str, int]:
    member = client_or_404(member_id, "program")
    form = _program_form(member.id)
    if form.validate_on_submit():
        def add() -> str:
            if (duplicate := _duplicate_of(member, form)) is not None:  # asked only of a form not yet handled
                raise AlreadyPrescribed(duplicate)
            prescribe(member.id, current_user.id, int(form.exercise.data), form.dose())
            return url_for("workspace.client_program", member_id=member.id)

        try:
            location, new = handle_once(current_user.id, submitted_id(), request.path, add)
        except AlreadyPrescribed as already:
            db.session.rollback()
            return _program_page(member, form, 400, duplicate=already.item)
        flash("Added to the program." if new else "That exercise was already added; it is in the program once.",
              "success" if new else "info")
        return redirect(location)
    return _program_page(member, form, 400 if form.is_submitted() else 200)


@bp.route("/<id:member_id>/program/<id:item_id>/edit", methods=["GET", "POST"])
def edit_program_item(member_id: int, item_id: int) -> Response | tuple[str, int]:
    member = client_or_404(member_id, "program")
    item = program_item(member.id, item_id) or abort(404)
    form = _program_form(member.id, data={
        "exercise": str(item.exercise_id), "sets": item.sets, "reps": item.reps, "hold_seconds": item.hold_seconds,
        "minutes": item.minutes, "each_side": item.each_side, "rest_seconds": item.rest_seconds,
        "band_colour": item.band_colour or "", "days_per_week": item.days_per_week, "notes": item.notes})
    duplicate = None
    if form.validate_on_submit():
        duplicate = _duplicate_of(member, form, exclude_id=item.id)
        if duplicate is None:
            change_program_item(item, int(form.exercise.data), form.dose())
            db.session.commit()
            flash("The program is updated.", "success")
            return redirect(url_for("workspace.client_program", member_id=member.id))
    return _client_page("workspace/program_item_form.html", member, form=form, item=item,
                        exercise=exercise(item.exercise_id),
                        duplicate=duplicate), (400 if form.is_submitted() else 200)


@bp.route("/<id:member_id>/program/template", methods=["POST"])
def save_program_template(member_id: int) -> Response | tuple[str, int]:
    """Save her program as one of the therapist's templates."""
    member = client_or_404(member_id, "program")
    form = TemplateForm()
    if form.validate_on_submit():
        try:
            template, left_out = save_template(current_user.id, form.name.data, member.id)
        except TemplateError as error:
            form.name.errors.append(str(error))
        else:
            db.session.commit()
            skipped = (f" Left out, as {member.display_name}'s own: {', '.join(left_out)}." if left_out else "")
            flash(f"Saved as the template “{template.name}”.{skipped}", "success")
            return redirect(url_for("workspace.client_program", member_id=member.id))
    return _program_page(member, _program_form(member.id, formdata=None), 400, template_form=form)


@bp.route("/<id:member_id>/program/apply", methods=["POST"])
def apply_program_template(member_id: int) -> Response | tuple[str, int]:
    """Add a template's exercises to her program; then each can be adjusted."""
    member = client_or_404(member_id, "program")
    form = ApplyTemplateForm(templates=_template_choices())
    if form.validate_on_submit():
        template = template_or_404(int(form.template.data))
        in_template = {t.exercise_id for t in template.items}
        said = [words for c in exercises_for(member.id, safety_profile(member.id))
                if c.exercise.id in in_template and c.cautions for words in caution_words(c.exercise.name, c.cautions)]
        if said and not form.confirm_cautions.data:  # the one safety rule: a cautioned exercise is confirmed
            form.confirm_cautions.errors.append(" ".join(said) + " Tick the box to apply it anyway.")
            return _program_page(member, _program_form(member.id, formdata=None), 400, apply_form=form)

        def apply() -> str:
            added, kept = apply_template(template, member.id, current_user.id)
            message = (f"Added from “{template.name}”: {', '.join(added)}." if added
                       else f"Nothing added from “{template.name}”.")
            if kept:
                message += f" Already in her program, left as they were: {', '.join(kept)}."
            flash(message + " Adjust any of them with Edit.", "success")
            return url_for("workspace.client_program", member_id=member.id)

        location, new = handle_once(current_user.id, submitted_id(), request.path, apply)
        if not new:
            flash("That template was already applied; its exercises are in the program once.", "info")
        return redirect(location)
    return _program_page(member, _program_form(member.id, formdata=None), 400, apply_form=form)


@bp.route("/<id:member_id>/program/handout")
def program_handout(member_id: int) -> str:
    """Her program to print: her name, each exercise with its instructions and dose."""
    member = client_or_404(member_id, "printable program handout")
    return _client_page("care/handout.html", member, rows=handout_for(member.id), band_label=band_label,
                        printed_on=member.today(), therapist_name=current_user.display_name)


@bp.route("/templates")
def program_templates() -> str:
    return render_template("workspace/templates.html", templates=templates_of(current_user.id, with_items=True),
                           names=catalog_names(), action_form=EmptyForm())


@bp.route("/templates/<id:template_id>/delete", methods=["POST"])
def delete_program_template(template_id: int) -> Response:
    template = template_or_404(template_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    remove(template)
    db.session.commit()
    flash(f"The template “{template.name}” is deleted. Programs made from it stay as they are.", "success")
    return redirect(url_for("workspace.program_templates"))


@bp.route("/<id:member_id>/program/<id:item_id>/delete", methods=["POST"])
def delete_program_item(member_id: int, item_id: int) -> Response:
    member = client_or_404(member_id, "program")
    item = program_item(member.id, item_id) or abort(404)
    if not EmptyForm().validate_on_submit():
        abort(400)
    remove(item)
    db.session.commit()
    flash("Removed from the program.", "success")
    return redirect(url_for("workspace.client_program", member_id=member.id))


@bp.route("/<id:member_id>/end", methods=["POST"])
def end(member_id: int) -> Response:
    member = client_or_404(member_id, "ended the link")
    if not EmptyForm().validate_on_submit():
        abort(400)
    end_link(current_user.id, member.id)
    db.session.commit()
    flash(f"You no longer have access to {member.display_name}'s data.", "success")
    return redirect(url_for("workspace.dashboard"))
