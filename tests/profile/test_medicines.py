"""A dose not recorded by its due day is "due since …" everywhere (her medicine page, Home, the calendar feed, her
therapist's client page) until one is recorded; denosumab 4 or more weeks overdue raises a medium flag for her
therapist (guidance README, third build, "Medicines: schedules and a missed dose")."""
import html
import re
from datetime import timedelta

from flask import Flask
from icalendar import Calendar

from app.auth.models import Role
from app.care.models import CareLink, LinkStatus
from app.extensions import db
from app.guidance.calendar import today_in
from app.guidance.reminders import add_months
from app.profile.models import Medication
from app.reminders.models import MedicineReminder
from tests.support.medicines import late_injection
from tests.support.world import as_user


def _text(response) -> str:  # noqa: ANN001
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))))


def _prolia(app: Flask, make_user, days_late: int) -> tuple:
    member = make_user(Role.MEMBER, email="elena@example.com", name="Elena")
    therapist = make_user(Role.THERAPIST, email="priya@example.com", name="Priya")
    with app.app_context():
        db.session.add(CareLink(member_id=member.id, therapist_id=therapist.id, status=LinkStatus.ACTIVE))
        medication_id, due = late_injection(member.id, today_in(member.timezone), days_late)
        db.session.commit()
        return member, therapist, medication_id, due


def test_a_late_denosumab_dose_is_due_since_its_day_on_every_page(app: Flask, make_user) -> None:
    member, therapist, medication_id, due = _prolia(app, make_user, days_late=19)
    said = f"Prolia (denosumab): due since {due:%-d %B %Y}."
    her = as_user(app, member)
    page = _text(her.get("/me/reminders"))
    assert said in page and "Contact the clinic that prescribes it about the missed dose." in page
    assert "Next:" not in page.split("Prolia (denosumab)", 1)[1][:300]  # never a year ahead
    assert said in _text(her.get("/dashboard"))
    # The calendar: an event today that says so (with detail on), not an event that vanished.
    url = re.search(r"https?://localhost(/calendar/[\w-]+\.ics)", her.post("/me/reminders/calendar").get_data(
        as_text=True)).group(1)
    her.post("/me/reminders/calendar", data={"details": "1"})
    events = Calendar.from_ical(app.test_client().get(url).data).walk("VEVENT")
    today = today_in(member.timezone)
    assert any(str(e["SUMMARY"]) == f"Prolia (denosumab): due since {due:%-d %B %Y}"
               and e["DTSTART"].dt == today for e in events)
    # Her therapist's client page; 19 days is not yet a flag.
    pt = as_user(app, therapist)
    monday = today - timedelta(days=today.weekday())
    week = _text(pt.get(f"/clients/{member.id}/week/{monday}"))
    assert said in week and "Elena hasn't recorded a dose since." in week
    assert "weeks without a dose recorded" not in _text(pt.get("/clients/"))
    # Recorded: the due date moves on, 6 months from the dose.
    her.post(f"/me/reminders/medicines/{medication_id}/dose", data={f"d{medication_id}-taken_on": today.isoformat()})
    page = _text(her.get("/me/reminders"))
    assert "due since" not in page and f"Next: {add_months(today, 6):%A %-d %B %Y}" in page
    assert "due since" not in _text(her.get("/dashboard"))


def test_four_weeks_overdue_raises_a_medium_flag_for_her_therapist(app: Flask, make_user) -> None:
    member, therapist, _medication_id, due = _prolia(app, make_user, days_late=29)
    caseload = _text(as_user(app, therapist).get("/clients/"))
    assert f"Prolia (denosumab): due since {due:%a %-d %b}, 4 weeks without a dose recorded" in caseload


def test_every_schedule_can_be_entered_with_a_start_date(app: Flask, make_user) -> None:
    member = make_user(Role.MEMBER, email="rose@example.com", name="Rose")
    her = as_user(app, member)
    today = today_in(member.timezone)
    for every, extra, said in [
        ("three_months", {}, "every 3 months from the last dose you record"),
        ("two_years", {}, "every 2 years from the last dose you record"),
        ("two_days_monthly", {"day_of_month": "15"}, "on day 15 of each month and the day after"),
        ("yearly", {}, "once a year from the last dose you record"),
    ]:
        with app.app_context():
            medication = Medication(member_id=member.id, name=f"Medicine {every}")
            db.session.add(medication)
            db.session.commit()
            m = medication.id
        saved = her.post(f"/me/reminders/medicines/{m}", data={
            f"m{m}-every": every, f"m{m}-at": "08:00", f"m{m}-start_date": today.isoformat(),
            **{f"m{m}-{k}": v for k, v in extra.items()}}, follow_redirects=True)
        assert saved.status_code == 200 and said in _text(saved), every
        with app.app_context():
            reminder = db.session.query(MedicineReminder).filter_by(medication_id=m).one()
            assert reminder.start_date == today and reminder.every == every
