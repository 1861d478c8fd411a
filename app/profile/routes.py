"""Profile and bone-health record pages: always the signed-in member's own data."""
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from werkzeug import Response

from app.access import owned_or_404, require_member
from app.extensions import db
from app.forms import DatedForm, EmptyForm
from app.guidance.calendar import timezone_names
from app.guidance.diagnosis import SITE_LABELS, Site
from app.guidance.regions import country_of
from app.guidance.units import weight_from_kg, weight_to_kg
from app.models_base import utcnow
from app.profile.forms import (
    DxaForm,
    DxaScanForm,
    FallForm,
    FractureForm,
    MedicationForm,
    ProfileForm,
    risk_factor_form,
)
from app.profile.medications import known_medications
from app.profile.models import DxaScan, Fall, Fracture, Medication
from app.profile.pages import bone_health_page
from app.profile.risk import checklist_context, save_answers, saved_answers
from app.profile.services import FRACTURE_SITES, clear_fall, dxa_exists, get_profile, has_active_therapist
from app.submissions import handle_once, submitted_id
from app.targets.services import current_weight, record_weight

bp = Blueprint("profile", __name__, url_prefix="/me")
bp.before_request(require_member)



@bp.route("/profile", methods=["GET", "POST"])
def edit_profile() -> Response | str | tuple[str, int]:
    profile = get_profile(current_user.id)
    unit = profile.weight_unit
    today = current_user.today()
    weight_kg = current_weight(current_user.id, today)
    initial = {
        "display_name": current_user.display_name,
        "timezone": current_user.timezone,
        "country": current_user.country or "",
        "date_of_birth": profile.date_of_birth,
        "sex": profile.sex,
        "weight": (Decimal(f"{weight_from_kg(weight_kg, unit):.1f}") if weight_kg else None),
        "unit_system": profile.unit_system,
        "vitamin_d_unit": profile.vitamin_d_unit,
    }
    form = ProfileForm(data=initial, today=today)
    if form.validate_on_submit():
        current_user.display_name = form.display_name.data.strip()
        timezone = form.timezone.data.strip()
        country = form.country.data or None
        if timezone != current_user.timezone and country == current_user.country:
            # A new time zone and the country left as it was: the country follows the clock, when it names one.
            country = country_of(timezone) or country
        current_user.timezone, current_user.country = timezone, country
        profile.date_of_birth = form.date_of_birth.data
        profile.sex = form.sex.data
        if (form.weight.data, form.weight_unit) != (initial["weight"], unit):
            new_weight_kg = round(weight_to_kg(float(form.weight.data), form.weight_unit), 2)
            # Her weight from today on: the days before keep the weight they were judged with.
            record_weight(current_user.id, new_weight_kg, today)
        profile.unit_system = form.unit_system.data
        profile.vitamin_d_unit = form.vitamin_d_unit.data
        db.session.commit()
        flash("Your profile is saved.", "success")
        return redirect(url_for("profile.bone_health"))
    status = 400 if form.is_submitted() else 200
    return render_template("profile/edit.html", form=form, timezones=timezone_names()), status


@bp.route("/health")
def bone_health() -> str:
    return render_template("profile/bone_health.html", **bone_health_page(current_user.id, current_user.today()))


@bp.route("/health/risk-factors", methods=["GET", "POST"])
def risk_factors() -> Response | tuple[str, int]:
    """Her answers to the questions Ossify can't fill in from what it already knows."""
    checklist = checklist_context(current_user.id, current_user.today())
    form = risk_factor_form(checklist["risk_states"], saved_answers(current_user.id))
    if form.validate_on_submit():
        save_answers(current_user.id, {f.name: f.data for f in form if f.name != "csrf_token"})
        db.session.commit()
        flash("Your risk-factor answers are saved.", "success")
        return redirect(url_for("profile.bone_health") + "#risk-heading")
    return render_template("profile/risk_factors.html", form=form, **checklist), \
        (400 if form.is_submitted() else 200)


@bp.route("/health/screening-note/hide", methods=["POST"])
def hide_screening_note() -> Response:
    """She has read the "no DXA on record" note: it leaves her home page (her therapist still sees it)."""
    if not EmptyForm().validate_on_submit():
        abort(400)
    get_profile(current_user.id).screening_note_hidden_at = utcnow()
    db.session.commit()
    flash("The note about a bone density test is hidden. You can read it again under Learn.", "success")
    return redirect(url_for("main.dashboard"))


@dataclass(frozen=True)
class RecordKind:
    """How one kind of bone-health entry moves between its form and its row."""
    model: type
    form: type[DatedForm]
    noun: str
    to_form: Callable[[Any], dict[str, Any]]
    apply: Callable[[Any, Any], None]


def _apply_dxa(form: DxaForm, row: DxaScan) -> None:
    row.scan_date, row.site, row.t_score = form.scan_date.data, form.site.data, float(form.t_score.data)


def _apply_fracture(form: FractureForm, row: Fracture) -> None:
    row.fracture_date, row.site = form.fracture_date.data, form.site.data
    row.vertebral, row.low_trauma = form.vertebral.data == "yes", form.low_trauma.data == "yes"


def _apply_medication(form: MedicationForm, row: Medication) -> None:
    row.name = form.name.data.strip()
    row.start_date, row.stop_date = form.start_date.data, form.stop_date.data


def _apply_fall(form: FallForm, row: Fall) -> None:
    row.fall_date, row.what_happened = form.fall_date.data, form.what_happened.data
    row.injured, row.fracture = form.injured.data == "yes", form.fracture.data == "yes"


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


KINDS = {
    "dxa": RecordKind(
        DxaScan, DxaForm, "DXA result",
        lambda r: {"scan_date": r.scan_date, "site": r.site, "t_score": Decimal(f"{r.t_score:.1f}")},
        _apply_dxa),
    "fracture": RecordKind(
        Fracture, FractureForm, "fracture",
        lambda r: {"fracture_date": r.fracture_date, "site": r.site, "vertebral": _yes_no(r.vertebral),
                   "low_trauma": _yes_no(r.low_trauma)},
        _apply_fracture),
    "medication": RecordKind(
        Medication, MedicationForm, "medicine",
        lambda r: {"name": r.name, "start_date": r.start_date, "stop_date": r.stop_date},
        _apply_medication),
    "fall": RecordKind(
        Fall, FallForm, "fall",
        lambda r: {"fall_date": r.fall_date, "what_happened": r.what_happened, "injured": _yes_no(r.injured),
                   "fracture": _yes_no(r.fracture)},
        _apply_fall),
}
KIND_PATH = "<any(dxa, fracture, medication, fall):kind>"


def _duplicate_dxa(kind: str, form: Any, exclude_id: int | None) -> bool:
    if kind == "dxa" and dxa_exists(current_user.id, form.scan_date.data, form.site.data, exclude_id):
        form.site.errors.append(
            f"You already have a {SITE_LABELS[Site(form.site.data)].lower()} result on this date. Edit that one.")
        return True
    return False


def _save(kind: str, form: Any, row: Any, created: bool) -> Response | None:
    spec = KINDS[kind]
    if _duplicate_dxa(kind, form, None if created else row.id):
        return None
    def apply() -> str:
        spec.apply(form, row)
        if created:
            db.session.add(row)
        if kind == "fall" and created and row.fracture:  # a bone broke: the fracture form next, its date filled in
            return url_for("profile.new_record", kind="fracture", date=row.fall_date.isoformat())
        return url_for("profile.bone_health")

    try:
        location, new = handle_once(current_user.id, submitted_id() if created else None, request.path, apply)
    except IntegrityError:  # a second tab saved the same scan in the meantime
        form.site.errors.append("That result was just saved elsewhere. Reload the page to see it.")
        return None
    if not new:
        flash(f"Your {spec.noun} was already added; it is on your record once.", "info")
    elif kind == "fall" and created:
        flash("Your fall is added. " + ("Now add the fracture: its date is filled in. " if row.fracture else "")
              + "If you have a physical therapist in Ossify, she sees it, and moderate- and high-impact exercises "
              "are paused until she has reviewed it.", "success")
    else:
        flash(f"Your {spec.noun} is {'added' if created else 'updated'}.", "success")
    return redirect(location)


def _render_form(kind: str, form: Any, row: Any | None) -> tuple[str, int]:
    return render_template(
        "profile/record_form.html", kind=kind, noun=KINDS[kind].noun, form=form, row=row,
        medication_names=[m.name for m in known_medications()],
    ), (400 if form.is_submitted() else 200)


@bp.route("/health/scan/new", methods=["GET", "POST"])
def new_scan() -> Response | tuple[str, int]:
    """A DXA report on one form: its date and the T-score of each site it lists (one row per site)."""
    form = DxaScanForm(today=current_user.today())
    if form.validate_on_submit():
        taken = [site for site, _ in form.readings if dxa_exists(current_user.id, form.scan_date.data, site)]
        for site in taken:
            getattr(form, site).errors = [f"You already have a {SITE_LABELS[Site(site)].lower()} result on this date. "
                                          "Edit that one on your bone-health page."]
        if not taken:
            def add() -> str:
                db.session.add_all(DxaScan(member_id=current_user.id, scan_date=form.scan_date.data, site=site,
                                           t_score=float(t)) for site, t in form.readings)
                return url_for("profile.bone_health")

            try:
                location, new = handle_once(current_user.id, submitted_id(), request.path, add)
            except IntegrityError:  # a second tab saved the same scan in the meantime
                form.scan_date.errors = ["That scan was just saved elsewhere. Reload your bone-health page to see it."]
            else:
                count = len(form.readings)
                flash(f"Your scan of {form.scan_date.data.strftime('%-d %B %Y')} is added "
                      f"({count} site{'s' if count != 1 else ''})." if new
                      else "That scan was already added; it is on your record once.", "success" if new else "info")
                return redirect(location)
    return render_template("profile/scan_form.html", form=form), (400 if form.is_submitted() else 200)


@bp.route("/health/fall/<id:fall_id>/checked", methods=["POST"])
def fall_checked(fall_id: int) -> Response:
    """With no therapist to review it, she confirms a clinician has checked her since the fall: the pause on moderate
    and high impact lifts (docs/clinical-rules.md, "One safety rule, everywhere"), and the day she said so is kept."""
    fall = owned_or_404(Fall, fall_id, current_user.id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    if has_active_therapist(current_user.id):
        flash("Your physical therapist reviews this fall: impact goes on once she has.", "info")
    elif fall.cleared_on is None:
        clear_fall(current_user.id, fall.id, current_user.today())
        db.session.commit()
        flash("Thank you: moderate- and high-impact exercise can go on. Build up again gradually.", "success")
    return redirect(url_for("profile.bone_health") + "#fall-heading")


@bp.route(f"/health/{KIND_PATH}/new", methods=["GET", "POST"])
def new_record(kind: str) -> Response | tuple[str, int]:
    spec = KINDS[kind]
    prefill = {}
    if kind == "fracture" and request.method == "GET":  # after a fall that broke a bone: the fall's date
        asked = request.args.get("date", "")
        if len(asked) == 10 and asked.isascii():
            try:
                prefill["fracture_date"] = date.fromisoformat(asked)
            except ValueError:
                pass
            else:
                # A fall from standing height or less is low trauma, by the form's own words.
                prefill["low_trauma"] = "yes"
    form = spec.form(data=prefill or None, today=current_user.today())
    if form.validate_on_submit():
        response = _save(kind, form, spec.model(member_id=current_user.id), created=True)
        if response is not None:
            return response
    return _render_form(kind, form, None)


@bp.route(f"/health/{KIND_PATH}/<id:record_id>/edit", methods=["GET", "POST"])
def edit_record(kind: str, record_id: int) -> Response | tuple[str, int]:
    spec = KINDS[kind]
    row = owned_or_404(spec.model, record_id, current_user.id)
    form = spec.form(data=spec.to_form(row), today=current_user.today())
    if form.validate_on_submit():
        response = _save(kind, form, row, created=False)
        if response is not None:
            return response
    return _render_form(kind, form, row)


@bp.route(f"/health/{KIND_PATH}/<id:record_id>/delete", methods=["GET", "POST"])
def delete_record(kind: str, record_id: int) -> Response | str:
    spec = KINDS[kind]
    row = owned_or_404(spec.model, record_id, current_user.id)
    form = EmptyForm()
    if form.validate_on_submit():
        db.session.delete(row)
        db.session.commit()
        flash(f"The {spec.noun} is deleted.", "success")
        return redirect(url_for("profile.bone_health"))
    return render_template("profile/confirm_delete.html", kind=kind, noun=spec.noun, row=row, form=form,
                           site_labels=SITE_LABELS, fracture_sites=FRACTURE_SITES)
