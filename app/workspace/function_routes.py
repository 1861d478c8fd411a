"""A client's strength and balance, as her therapist sees it (on the `workspace` blueprint): the latest result of
each STEADI test with its band and change, results measured in clinic, and a request that she repeat a test."""
from flask import flash, redirect, request, url_for
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from werkzeug import Response

from app.access import client_or_404
from app.auth.models import User
from app.extensions import db
from app.forms import EmptyForm
from app.function.forms import FORMS
from app.function.pages import strength_and_balance_page
from app.function.services import ask_to_repeat, record_result
from app.guidance.function import (
    BALANCE_STAGES,
    SOMEONE_NEXT_TO_YOU,
    STAY_INDEPENDENT_ITEMS,
    TESTS,
    FunctionTest,
)
from app.submissions import handle_once, submitted_id
from app.workspace.pages import flag_context
from app.workspace.routes import _client_page, bp

TEST_PATH = "<any(chair_stand, timed_up_and_go, balance, stay_independent):test>"


def _page(member: User, forms: dict, status: int = 200) -> tuple[str, int]:
    context = strength_and_balance_page(member.id, member.today())
    # Her flags come from the client list's stored row, which a read may rebuild: a refused form writes nothing, so
    # its answer leaves the flags panel out.
    flags = flag_context(member.id) if status == 200 else {}
    return _client_page("workspace/client_function.html", member, **context, forms=forms, tests=TESTS,
                        stages=BALANCE_STAGES, items=STAY_INDEPENDENT_ITEMS, someone=SOMEONE_NEXT_TO_YOU,
                        ask_form=EmptyForm(), **flags), status


def _blank_forms(member: User) -> dict:
    return {test: FORMS[test](formdata=None, today=member.today(), data={"taken_on": member.today()}, prefix=test.value)
            for test in FunctionTest}


@bp.route("/<id:member_id>/function")
def client_function(member_id: int) -> tuple[str, int]:
    member = client_or_404(member_id, "strength and balance tests")
    return _page(member, _blank_forms(member))


@bp.route(f"/<id:member_id>/function/{TEST_PATH}", methods=["POST"])
def clinic_result(member_id: int, test: str) -> Response | tuple[str, int]:
    """A result she did in clinic, entered by her therapist: shown to her as "measured by …"."""
    member = client_or_404(member_id, "strength and balance tests (entered a result)")
    kind = FunctionTest(test)
    forms = _blank_forms(member)
    form = forms[kind] = FORMS[kind](today=member.today(), prefix=kind.value)
    if not form.validate_on_submit():
        return _page(member, forms, 400)
    therapist = db.session.get(User, current_user.id)

    def save() -> str:
        record_result(member.id, kind, form.taken_on.data, form.value(), answers=form.answers(),
                      measured_by=therapist)
        return url_for("workspace.client_function", member_id=member.id) + f"#{kind.value}"

    try:
        location, new = handle_once(current_user.id, submitted_id() or form.submission_id.data, request.path, save)
    except IntegrityError:
        db.session.rollback()
        location, new = url_for("workspace.client_function", member_id=member.id), False
    flash(f"{TESTS[kind].name} saved for {member.display_name}." if new else "That result was already saved.",
          "success" if new else "info")
    return redirect(location)


@bp.route(f"/<id:member_id>/function/{TEST_PATH}/ask", methods=["POST"])
def ask_repeat(member_id: int, test: str) -> Response:
    """Ask her to repeat a test: it shows on her Home and in Today's program until she records one."""
    member = client_or_404(member_id, "strength and balance tests (asked for a repeat)")
    if not EmptyForm().validate_on_submit():
        return redirect(url_for("workspace.client_function", member_id=member.id))
    ask_to_repeat(member.id, FunctionTest(test), db.session.get(User, current_user.id))
    db.session.commit()
    flash(f"{member.display_name} is asked to repeat the {TESTS[FunctionTest(test)].name}: it shows on her Home "
          "and in Today's program until she does.", "success")
    return redirect(url_for("workspace.client_function", member_id=member.id) + f"#{test}")
