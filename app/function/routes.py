"""Strength and balance (the `function` blueprint): the STEADI tests she does at home, guided and timed, their
results over time, and her height. Always the signed-in member's own data."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from werkzeug import Response

from app.access import require_member
from app.extensions import db
from app.forms import EmptyForm
from app.function.forms import FORMS, HeightForm
from app.function.pages import heights, strength_and_balance_page
from app.function.services import history, record_result
from app.guidance.function import (
    BALANCE_HOLD_SECONDS,
    BALANCE_STAGES,
    CHAIR_STAND_SECONDS,
    SOMEONE_NEXT_TO_YOU,
    SPINE_XRAY,
    TESTS,
    TUG_NOT_ALONE,
    FunctionTest,
    judge,
)
from app.profile.models import Height
from app.profile.services import get_profile
from app.submissions import handle_once, submitted_id

bp = Blueprint("function", __name__, url_prefix="/me/strength-and-balance")
bp.before_request(require_member)

TEST_PATH = "<any(chair_stand, timed_up_and_go, balance, stay_independent):test>"


@bp.route("/")
def index() -> str:
    return render_template("function/index.html", **strength_and_balance_page(current_user.id, current_user.today()))


def _test_page(test: FunctionTest, form: object, status: int) -> tuple[str, int]:
    rows = history(current_user.id)[test]
    return render_template(
        f"function/{test.value}.html", test=test, info=TESTS[test], form=form, results=rows[-3:][::-1],
        someone=SOMEONE_NEXT_TO_YOU, tug_not_alone=TUG_NOT_ALONE, stages=BALANCE_STAGES,
        hold_seconds=BALANCE_HOLD_SECONDS, chair_seconds=CHAIR_STAND_SECONDS), status


@bp.route(f"/{TEST_PATH}", methods=["GET", "POST"])
def do_test(test: str) -> Response | tuple[str, int]:
    """One test: the steps in plain words, the timer it needs, and the result to save (typed without JavaScript)."""
    kind = FunctionTest(test)
    form = FORMS[kind](today=current_user.today(), data={"taken_on": current_user.today()})
    if form.validate_on_submit():
        def save() -> str:
            record_result(current_user.id, kind, form.taken_on.data, form.value(), answers=form.answers(),
                          submission_id=submitted_id())
            return url_for("function.index") + f"#{kind.value}"

        try:
            location, new = handle_once(current_user.id, submitted_id(), request.path, save)
        except IntegrityError:  # the same form sent twice at once: the first one saved it
            db.session.rollback()
            location, new = url_for("function.index") + f"#{kind.value}", False
        if new:
            profile = get_profile(current_user.id)
            judged = judge(kind, form.value(), birth=profile.date_of_birth, sex=profile.sex, on=form.taken_on.data)
            flash(f"Your {TESTS[kind].name} is saved. {judged.text} (source: {judged.source.short}).",
                  "warning" if judged.at_risk else "success")
        else:
            flash("That result was already saved; it is on your record once.", "info")
        return redirect(location)
    return _test_page(kind, form, 400 if form.is_submitted() else 200)


@bp.route("/height", methods=["GET", "POST"])
def height() -> Response | tuple[str, int]:
    """A measured height, and the tallest height she remembers as a young adult, in her units."""
    profile = get_profile(current_user.id)
    unit = "in" if profile.unit_system == "us" else "cm"
    young = profile.young_adult_height_cm
    form = HeightForm(today=current_user.today(), unit=unit, data={"measured_on": current_user.today()})
    if young is not None and not form.is_submitted():
        form.young_adult.data = form.from_cm(young)
    if form.validate_on_submit():
        def save() -> str:
            if form.young_adult.data is not None:
                profile.young_adult_height_cm = form.to_cm(float(form.young_adult.data))
            if form.height.data is not None:
                row = db.session.scalar(select(Height).where(Height.member_id == current_user.id,
                                                             Height.measured_on == form.measured_on.data))
                if row is None:  # one height a day: a second one that day corrects the first
                    row = Height(member_id=current_user.id, measured_on=form.measured_on.data)
                    db.session.add(row)
                row.height_cm = form.to_cm(float(form.height.data))
            return url_for("function.index") + "#height"

        location, new = handle_once(current_user.id, submitted_id(), request.path, save)
        found = heights(current_user.id)
        if found.note_unread:
            flash(f"{SPINE_XRAY} Your height is {found.loss.loss_cm:g} cm less than "
                  f"{'you remember as a young adult' if found.loss.kind == 'historical' else 'measured before'}. "
                  "Source: BHOF Clinician's Guide 2022.", "warning")
        elif new:
            flash("Your height is saved.", "success")
        return redirect(location)
    return render_template("function/height.html", form=form, unit=unit), (400 if form.is_submitted() else 200)


@bp.route("/height/note-read", methods=["POST"])
def spine_note_read() -> Response:
    """She has read the spine X-ray note for this height loss: it is not shown again until a new one."""
    if not EmptyForm().validate_on_submit():
        abort(400)
    found = heights(current_user.id)
    if found.loss is not None:
        get_profile(current_user.id).spine_note_seen = found.loss.key
        db.session.commit()
    return redirect(url_for("function.index") + "#height")
