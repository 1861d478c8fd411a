"""Reminder settings (any signed-in person), a medicine's schedule and doses, the calendar feed, and the one-click
unsubscribe that works signed out."""

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from app.access import owned_or_404, require_member
from app.auth.models import User
from app.extensions import csrf, db
from app.forms import EmptyForm
from app.guidance.reminders import EVERY_LABELS, WEEKDAY_NAMES
from app.models_base import utcnow
from app.profile.models import Medication
from app.reminders.calendar import calendar_ics
from app.reminders.forms import DoseForm, MedicineReminderForm, ReminderForm, TherapistNotificationForm
from app.reminders.medicines import due_from, medicine_reminders
from app.reminders.models import MedicineDose, MedicineReminder
from app.reminders.services import (
    KIND_NAMES,
    exercise_days_for,
    new_calendar_secret,
    read_unsubscribe_token,
    record_dose,
    rotate_unsubscribe_key,
    schedule_text,
    setting_for_calendar,
    settings_of,
    times_of,
    unsubscribe,
)

bp = Blueprint("reminders", __name__)


def _page(form: ReminderForm | TherapistNotificationForm, status: int = 200, calendar_url: str | None = None,
          medicine_forms: dict[int, MedicineReminderForm] | None = None) -> tuple[str, int]:
    setting = settings_of(current_user.id)
    medicines = medicine_reminders(current_user.id) if current_user.is_member else []
    forms = medicine_forms or {}
    rows = []
    today = current_user.today()
    dues = {d.medication.id: d for d in due_from(medicines, today)}
    for medication, reminder, last in medicines:
        form_for = forms.get(medication.id) or MedicineReminderForm(formdata=None, prefix=f"m{medication.id}", data={
            "every": reminder.every if reminder else "daily", "at": reminder.at if reminder else None,
            "weekday": str(reminder.weekday) if reminder and reminder.weekday is not None else "",
            "day_of_month": reminder.day_of_month if reminder else None,
            "start_date": reminder.start_date if reminder else None})
        due = dues.get(medication.id)
        rows.append({"medication": medication, "reminder": reminder, "last": last, "form": form_for, "due": due,
                     "next_due": due.due_on if due else None,
                     "text": schedule_text(reminder) if reminder else None,
                     "dose_form": DoseForm(formdata=None, prefix=f"d{medication.id}", today=current_user.today(),
                                           data={"taken_on": current_user.today()})})
    return render_template("reminders/settings.html", form=form, setting=setting, medicines=rows,
                           calendar_url=calendar_url, action_form=EmptyForm(), every_labels=EVERY_LABELS,
                           weekday_names=WEEKDAY_NAMES), status


@bp.route("/me/reminders", methods=["GET", "POST"])
@login_required
def settings() -> Response | tuple[str, int]:
    setting = settings_of(current_user.id)
    if current_user.is_therapist:
        form = TherapistNotificationForm(obj=setting)
        if form.validate_on_submit():
            setting.digest_on, setting.immediate_on = form.digest_on.data, form.immediate_on.data
            setting.quiet_start, setting.quiet_end = form.quiet_start.data, form.quiet_end.data
            rotate_unsubscribe_key(setting)
            db.session.add(setting)
            db.session.commit()
            flash("Your notifications are saved.", "success")
            return redirect(url_for("reminders.settings"))
        return _page(form, 400 if form.is_submitted() else 200)
    days = exercise_days_for(current_user.id, setting)
    form = ReminderForm(data={
        "exercise_on": setting.exercise_on, "exercise_days": [str(d) for d in days],
        "exercise_at": setting.exercise_at, "supplements_on": setting.supplements_on,
        "supplement_times": ", ".join(t.strftime("%H:%M") for t in times_of(setting.supplement_times)),
        "nudge_on": setting.nudge_on, "weekly_email_on": setting.weekly_email_on,
        "quiet_start": setting.quiet_start, "quiet_end": setting.quiet_end})
    if form.validate_on_submit():
        setting.exercise_on, setting.exercise_at = form.exercise_on.data, form.exercise_at.data
        setting.exercise_days = ",".join(sorted(set(form.exercise_days.data or [])))
        setting.supplements_on, setting.supplement_times = form.supplements_on.data, form.supplement_time_text()
        setting.nudge_on, setting.weekly_email_on = form.nudge_on.data, form.weekly_email_on.data
        setting.quiet_start, setting.quiet_end = form.quiet_start.data, form.quiet_end.data
        setting.offered_at = setting.offered_at or utcnow()
        rotate_unsubscribe_key(setting)
        db.session.add(setting)
        db.session.commit()
        flash("Your reminders are saved. Each message has a link to stop it.", "success")
        return redirect(url_for("reminders.settings"))
    return _page(form, 400 if form.is_submitted() else 200)


@bp.route("/me/reminders/not-now", methods=["POST"])
@login_required
def not_now() -> Response:
    """She saw the offer on Home and said not now: it isn't shown again (the page stays under More)."""
    if not EmptyForm().validate_on_submit():
        abort(400)
    setting = settings_of(current_user.id)
    setting.offered_at = setting.offered_at or utcnow()
    db.session.add(setting)
    db.session.commit()
    flash("No reminders. You can choose some any time under More → Reminders.", "info")
    return redirect(url_for("main.dashboard"))


@bp.route("/me/reminders/medicines/<id:medication_id>", methods=["POST"])
@login_required
def medicine(medication_id: int) -> Response | tuple[str, int]:
    """Her medicine's schedule, from her prescription, to be reminded on."""
    require_member()
    medication = owned_or_404(Medication, medication_id, current_user.id)
    has_dose = db.session.scalar(select(MedicineDose.id).where(MedicineDose.medication_id == medication.id)
                                 .limit(1)) is not None
    form = MedicineReminderForm(prefix=f"m{medication.id}", has_dose=has_dose)
    if request.form.get("stop"):
        reminder = db.session.scalar(select(MedicineReminder).where(MedicineReminder.medication_id == medication.id))
        if reminder is not None and EmptyForm().validate_on_submit():
            reminder.active = False
            db.session.commit()
        flash(f"No more reminders for {medication.name}.", "success")
        return redirect(url_for("reminders.settings"))
    if form.validate_on_submit():
        reminder = db.session.scalar(select(MedicineReminder).where(MedicineReminder.medication_id == medication.id)) \
            or MedicineReminder(member_id=current_user.id, medication_id=medication.id)
        reminder.every, reminder.at, reminder.active = form.every.data, form.at.data, True
        reminder.weekday = int(form.weekday.data) if form.every.data == "weekly" else None
        reminder.day_of_month = (form.day_of_month.data if form.every.data in ("monthly", "two_days_monthly")
                                 else None)
        reminder.start_date = form.start_date.data
        db.session.add(reminder)
        db.session.commit()
        flash(f"Reminders for {medication.name}: {schedule_text(reminder)}.", "success")
        return redirect(url_for("reminders.settings"))
    return _page(ReminderForm(formdata=None, data={}), 400, medicine_forms={medication.id: form})


@bp.route("/me/reminders/medicines/<id:medication_id>/dose", methods=["POST"])
@login_required
def dose(medication_id: int) -> Response | tuple[str, int]:
    """She took a dose: the reminder counts the next one from it."""
    require_member()
    medication = owned_or_404(Medication, medication_id, current_user.id)
    form = DoseForm(prefix=f"d{medication.id}", today=current_user.today())
    if form.validate_on_submit():
        record_dose(current_user.id, medication.id, form.taken_on.data)
        db.session.commit()
        flash(f"Dose of {medication.name} recorded for {form.taken_on.data:%-d %B %Y}.", "success")
        return redirect(url_for("reminders.settings"))
    flash(form.taken_on.errors[0] if form.taken_on.errors else "Enter the day you took it.", "error")
    return redirect(url_for("reminders.settings"))


@bp.route("/me/reminders/calendar", methods=["POST"])
@login_required
def calendar_address() -> tuple[str, int] | Response:
    """A new secret calendar address (the old one stops working), or none."""
    if not EmptyForm().validate_on_submit():
        abort(400)
    setting = settings_of(current_user.id)
    if request.form.get("details") is not None:
        setting.calendar_details = request.form.get("details") == "1"
        db.session.add(setting)
        db.session.commit()
        return redirect(url_for("reminders.settings"))
    if request.form.get("revoke"):
        setting.calendar_secret_hash = None
        db.session.add(setting)
        db.session.commit()
        flash("Your calendar address is revoked: calendars subscribed to it get nothing more.", "success")
        return redirect(url_for("reminders.settings"))
    secret = new_calendar_secret(setting)
    db.session.add(setting)
    db.session.commit()
    url = current_app.config["PUBLIC_URL"] + url_for("reminders.calendar_feed", secret=secret)
    return _page(ReminderForm(formdata=None, data={}) if current_user.is_member
                 else TherapistNotificationForm(obj=setting), calendar_url=url)


@bp.route("/calendar/<secret>.ics")
def calendar_feed(secret: str) -> Response:
    """Her program days, medicine doses due and a screening reminder, for a phone calendar (RFC 5545)."""
    setting = setting_for_calendar(secret) or abort(404)
    user = db.session.get(User, setting.user_id)
    if user is None or not user.active or not user.is_member:
        abort(404)
    response = Response(calendar_ics(user, setting), mimetype="text/calendar")
    # Never kept by a cache on the way: once she revokes the address, it must give nothing more.
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt  # a mail program's one-click POST (RFC 8058) carries no CSRF token; the signed token is the key
def unsubscribe_link(token: str) -> tuple[str, int] | Response:
    found = read_unsubscribe_token(token)
    if found is None:
        return render_template("reminders/unsubscribe.html", problem=True, kind=None, done=False), 404
    user_id, kind = found
    if request.method == "POST":
        if not unsubscribe(user_id, kind):
            return render_template("reminders/unsubscribe.html", problem=True, kind=None, done=False), 404
        db.session.commit()
        return render_template("reminders/unsubscribe.html", problem=False, kind=KIND_NAMES[kind], done=True), 200
    # A GET only asks: mail programs and link scanners open links.
    return render_template("reminders/unsubscribe.html", problem=False, kind=KIND_NAMES[kind], done=False), 200
