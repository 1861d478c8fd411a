"""Her supplements: the list, adding and editing one, stopping it, and ticking a dose off on a day (the
`supplements` blueprint, under /nutrition)."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from werkzeug import Response

from app.access import owned_or_404, require_member
from app.extensions import db
from app.forms import EmptyForm
from app.guidance.nutrition import (
    SPLIT_DOSE_SOURCE,
    dose_advice,
)
from app.nutrition.forms import (
    SupplementForm,
    TakeForm,
)
from app.nutrition.models import (
    Supplement,
    SupplementLog,
)
from app.nutrition.route_helpers import (
    added,
    day_url,
    page_context,
)
from app.nutrition.services import (
    doses_to_log,
    take_supplement,
)
from app.submissions import handle_once, submitted_id

bp = Blueprint("supplements", __name__, url_prefix="/nutrition")
bp.before_request(require_member)


@bp.route("/supplements")
def index() -> str:
    rows = db.session.scalars(select(Supplement).where(Supplement.member_id == current_user.id)
                              .order_by(Supplement.active.desc(), Supplement.id)).all()
    return render_template("nutrition/supplements.html", supplements=rows, action_form=EmptyForm(),
                           split_source=SPLIT_DOSE_SOURCE,
                           dose_advice=dose_advice, **page_context())


def _supplement_response(supplement: Supplement | None) -> Response | tuple[str, int]:
    initial = None
    if supplement is not None:
        initial = {"kind": supplement.kind, "name": supplement.name, "unit_name": supplement.unit_name,
                   "calcium": supplement.calcium_mg, "vitamin_d": supplement.vitamin_d_iu,
                   "protein": supplement.protein_g, "usual_quantity": supplement.usual_quantity,
                   "per_dose": supplement.per_dose}
    form = SupplementForm(data=initial)
    if form.validate_on_submit():
        is_new = supplement is None
        supplement = supplement or Supplement(member_id=current_user.id)
        supplement.kind, supplement.name, supplement.unit_name = form.kind.data, form.name.data, form.unit_name.data
        supplement.calcium_mg, supplement.protein_g = form.calcium_mg(), form.protein_g()
        supplement.vitamin_d_iu = form.vitamin_d_iu() or 0
        supplement.usual_quantity = float(form.usual_quantity.data)
        supplement.per_dose = float(form.per_dose.data)
        supplement.active = True
        location, new = handle_once(current_user.id, submitted_id() if is_new else None, request.path,
                                    lambda: added(supplement, url_for("supplements.index")))
        flash(f"{supplement.name} is saved with your supplements." if new
              else f"{supplement.name} was already saved; it is on your list once.", "success" if new else "info")
        return redirect(location)
    return render_template("nutrition/supplement_form.html", form=form, supplement=supplement), \
        (400 if form.is_submitted() else 200)


@bp.route("/supplements/new", methods=["GET", "POST"])
def new_supplement() -> Response | tuple[str, int]:
    return _supplement_response(None)


@bp.route("/supplements/<id:supplement_id>/edit", methods=["GET", "POST"])
def edit_supplement(supplement_id: int) -> Response | tuple[str, int]:
    return _supplement_response(owned_or_404(Supplement, supplement_id, current_user.id))


@bp.route("/supplements/<id:supplement_id>/stop", methods=["POST"])
def stop_supplement(supplement_id: int) -> Response:
    supplement = owned_or_404(Supplement, supplement_id, current_user.id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    supplement.active = False
    db.session.commit()
    flash(f"{supplement.name} is off your daily list. Days you logged it keep it.", "success")
    return redirect(url_for("supplements.index"))


@bp.route("/supplements/<id:supplement_id>/take", methods=["POST"])
def take(supplement_id: int) -> Response:
    supplement = owned_or_404(Supplement, supplement_id, current_user.id)
    form = TakeForm(today=current_user.today())
    if not form.validate_on_submit():
        abort(400)
    day = form.log_date.data

    every = form.doses.data == "all"

    def take_it() -> str:
        for quantity in doses_to_log(current_user.id, supplement, day, every):
            take_supplement(current_user.id, supplement, day, quantity)
        return day_url(day) + "#supplements"

    location, new = handle_once(current_user.id, submitted_id(), request.path, take_it)
    flash((f"{supplement.name}: each dose logged." if every else f"{supplement.name}: dose logged.") if new
          else f"{supplement.name} was already logged; it is counted once.", "success" if new else "info")
    return redirect(location)


@bp.route("/supplement-logs/<id:log_id>/delete", methods=["POST"])
def untake(log_id: int) -> Response:
    log = owned_or_404(SupplementLog, log_id, current_user.id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    day = log.log_date
    db.session.delete(log)
    db.session.commit()
    flash(f"{log.name}: removed from this day.", "success")
    return redirect(day_url(day) + "#supplements")
