"""Reminders she chooses: settings and their bad input, medicine schedules and doses, delivery through a real
SMTP server exactly once (claim, retry with backoff, failure recorded), one-click unsubscribe signed out, the
calendar feed, and the load balancer's health checks."""
import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from flask import Flask
from icalendar import Calendar
from sqlalchemy import func, select

from app.auth.models import Role, User
from app.extensions import db
from app.guidance.calendar import today_in
from app.profile.models import Medication
from app.reminders.models import MedicineDose, MedicineReminder, ReminderSetting, SentMessage
from app.reminders.tasks import scan
from tests.support.accounts import outbox_messages
from tests.support.world import as_user

SETTINGS = {"exercise_on": "y", "exercise_days": ["0", "2", "4"], "exercise_at": "09:00",
            "supplements_on": "y", "supplement_times": "8:00, 20:00", "nudge_on": "y", "weekly_email_on": "y",
            "quiet_start": "21:00", "quiet_end": "07:30"}


def _due_now(app: Flask, user_id: int, minutes_ago: int = 5) -> None:
    """Her exercise reminder set for today, a few minutes ago (in her time zone)."""
    with app.app_context():
        user = db.session.get(User, user_id)
        now = datetime.now(UTC) - timedelta(minutes=minutes_ago)
        local = now.astimezone(ZoneInfo(user.timezone))
        db.session.merge(ReminderSetting(user_id=user_id, exercise_on=True, exercise_days=str(local.weekday()),
                                         exercise_at=local.time().replace(second=0, microsecond=0)))
        db.session.commit()


def test_everything_is_off_until_she_turns_it_on(app: Flask, signed_in) -> None:
    page = signed_in.get("/me/reminders").get_data(as_text=True)
    assert "Everything is off until you turn it on" in page
    assert not re.search(r'<input checked[^>]*name="(exercise_on|nudge_on|weekly_email_on|supplements_on)"', page)
    saved = signed_in.post("/me/reminders", data=SETTINGS)
    assert saved.status_code == 302
    with app.app_context():
        setting = db.session.scalar(select(ReminderSetting))
        assert (setting.exercise_days, setting.exercise_at.isoformat(), setting.supplement_times) == \
            ("0,2,4", "09:00:00", "08:00,20:00")
        assert setting.quiet_start.isoformat() == "21:00:00" and setting.weekly_email_on


@pytest.mark.parametrize("field, value, message", [
    ("exercise_at", "25:00", "Enter a time like 07:30."),
    ("exercise_at", "", "Enter the time, like 09:00."),
    ("exercise_days", [], "Tick at least one day"),
    ("exercise_days", ["9"], "Tick days from the list."),
    ("supplement_times", "8am", "is not a time"),
    ("supplement_times", "", "Enter at least one time"),
    ("quiet_end", "", "Give both ends of the quiet hours"),
    ("quiet_end", "21:00", "start and end at the same time"),
])
def test_bad_reminder_settings_are_refused_at_the_field_and_keep_the_rest(app: Flask, signed_in, field: str,
                                                                          value: object, message: str) -> None:
    response = signed_in.post("/me/reminders", data={**SETTINGS, field: value})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and message in page
    if field != "supplement_times":
        assert "8:00, 20:00" in page  # what she typed elsewhere is kept
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ReminderSetting)) == 0


def _medicine(app: Flask, member_id: int, name: str = "Alendronate") -> int:
    with app.app_context():
        medication = Medication(member_id=member_id, name=name)
        db.session.add(medication)
        db.session.commit()
        return medication.id


@pytest.mark.parametrize("data, message", [
    ({"every": "weekly", "at": "08:00"}, "Choose the day of the week."),
    ({"every": "monthly", "at": "08:00"}, "Enter the day of the month"),
    ({"every": "monthly", "at": "08:00", "day_of_month": "32"}, "Enter a day from 1 to 31."),
    ({"every": "daily", "at": ""}, "Enter the time, like 08:00."),
    ({"every": "hourly", "at": "08:00"}, "Choose one of the options."),
    ({"every": "two_days_monthly", "at": "08:00"}, "Enter the day of the month"),
    ({"every": "six_months", "at": "08:00"}, "Enter the day of your first dose (or of your last one)"),
    ({"every": "two_years", "at": "08:00", "start_date": "2026-02-30"}, "Enter a real date"),
    ({"every": "three_months", "at": "08:00", "start_date": "1850-01-01"}, "Enter a date between 1900 and 2999."),
])
def test_a_medicine_schedule_with_bad_input_is_refused(app: Flask, signed_in, member, data: dict,
                                                       message: str) -> None:
    medication_id = _medicine(app, member.id)
    response = signed_in.post(f"/me/reminders/medicines/{medication_id}",
                              data={f"m{medication_id}-{k}": v for k, v in data.items()})
    assert response.status_code == 400 and message in response.get_data(as_text=True)


def test_a_medicine_on_her_schedule_and_the_doses_she_records(app: Flask, signed_in, member) -> None:
    medication_id = _medicine(app, member.id)
    today = today_in(member.timezone)
    saved = signed_in.post(f"/me/reminders/medicines/{medication_id}",
                           data={f"m{medication_id}-every": "six_months", f"m{medication_id}-at": "09:00",
                                 f"m{medication_id}-start_date": (today + timedelta(days=3)).isoformat()})
    assert saved.status_code == 302
    page = signed_in.get("/me/reminders").get_data(as_text=True)
    assert "every 6 months from the last dose you record" in page
    assert f"Next: {today + timedelta(days=3):%A %-d %B %Y}" in page  # the first dose, on the start date
    future = signed_in.post(f"/me/reminders/medicines/{medication_id}/dose",
                            data={f"d{medication_id}-taken_on": (today + timedelta(days=1)).isoformat()},
                            follow_redirects=True)
    assert "future" in future.get_data(as_text=True)
    impossible = signed_in.post(f"/me/reminders/medicines/{medication_id}/dose",
                                data={f"d{medication_id}-taken_on": "2026-02-31"}, follow_redirects=True)
    assert "Enter a real date" in impossible.get_data(as_text=True)
    for _ in range(2):  # the same day twice is one dose
        signed_in.post(f"/me/reminders/medicines/{medication_id}/dose",
                       data={f"d{medication_id}-taken_on": (today - timedelta(days=10)).isoformat()})
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(MedicineDose)) == 1
    from app.guidance.reminders import add_months
    page = signed_in.get("/me/reminders").get_data(as_text=True)
    assert f"Next: {add_months(today - timedelta(days=10), 6):%A %-d %B %Y}" in page


def test_a_due_reminder_is_sent_once_through_smtp_with_one_click_unsubscribe(make_app, make_user, smtp) -> None:
    app = make_app(**smtp.config())
    member = make_user(Role.MEMBER, email="rose@example.com", name="Rose")
    _due_now(app, member.id)
    with app.app_context():
        assert scan.apply().get() == 1
        assert scan.apply().get() == 0  # a second scan (another worker, a retry) finds it claimed
    (message,) = smtp.wait_for(1)
    assert message["To"] == "rose@example.com" and message["Subject"] == "Time for your exercise"
    link = re.fullmatch(r"<(https?://[^>]+)>", message["List-Unsubscribe"]).group(1)
    # As sent: the URL itself on the header line (an RFC 2047 encoded word there is not read by mail programs).
    assert re.search(rb"^List-Unsubscribe: <https?://[^>\r\n]+>\r?$", smtp.raw[0], re.M)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link in message.get_content()
    with app.app_context():
        sent = db.session.scalar(select(SentMessage))
        assert (sent.status, sent.attempts, sent.kind) == ("sent", 1, "exercise")
    # RFC 8058: the mail program POSTs "List-Unsubscribe=One-Click" to it, signed out and without a CSRF token.
    path = link.split("localhost", 1)[1]
    anonymous = app.test_client()
    assert "Stop exercise reminders?" in anonymous.get(path).get_data(as_text=True)  # a GET changes nothing
    with app.app_context():
        assert db.session.get(ReminderSetting, member.id).exercise_on
    done = anonymous.post(path, data={"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200 and "no more exercise reminders" in done.get_data(as_text=True)
    with app.app_context():
        assert not db.session.get(ReminderSetting, member.id).exercise_on
    assert anonymous.post(path.replace("unsubscribe/", "unsubscribe/x")).status_code == 404


def test_a_failed_send_is_retried_then_recorded(make_app, make_user, smtp) -> None:
    from tests.support.postgres import free_port
    app = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port(), MAIL_USE_TLS=False)  # nothing listens there
    member = make_user(Role.MEMBER, email="iris@example.com", name="Iris")
    _due_now(app, member.id)
    with app.app_context():
        scan.apply()
        sent = db.session.scalar(select(SentMessage))
        assert (sent.status, sent.attempts) == ("failed", 5) and "ConnectionRefusedError" in sent.error, sent.error
        assert scan.apply().get() == 0  # recorded: not tried again by the next scan


def test_the_calendar_feed_is_secret_revocable_and_plain_unless_she_asks(app: Flask, signed_in, member) -> None:
    signed_in.post("/me/reminders", data=SETTINGS)
    medication_id = _medicine(app, member.id)
    signed_in.post(f"/me/reminders/medicines/{medication_id}",
                   data={f"m{medication_id}-every": "weekly", f"m{medication_id}-at": "08:00",
                         f"m{medication_id}-weekday": "6"})
    page = signed_in.post("/me/reminders/calendar").get_data(as_text=True)
    url = re.search(r"<code>https?://[^/]+(/calendar/[^<]+\.ics)</code>", page).group(1)
    feed = app.test_client().get(url)
    assert feed.status_code == 200 and feed.mimetype == "text/calendar"
    events = [c for c in Calendar.from_ical(feed.data).walk("VEVENT")]
    titles = {str(e["SUMMARY"]) for e in events}
    assert len(events) >= 8 + 26 and titles <= {"Ossify", "Ossify reminder", "Ossify: a question for your doctor"}
    signed_in.post("/me/reminders/calendar", data={"details": "1"})
    titles = {str(e["SUMMARY"]) for e in Calendar.from_ical(app.test_client().get(url).data).walk("VEVENT")}
    assert "Exercise" in titles and "Alendronate" in titles
    signed_in.post("/me/reminders/calendar", data={"revoke": "1"})
    assert app.test_client().get(url).status_code == 404


def test_health_checks_say_nothing_but_ready(make_app, redis_url: str) -> None:
    app = make_app(REDIS_URL=redis_url)
    client = app.test_client()
    assert client.get("/healthz").json == {"status": "ok"}
    assert client.get("/readyz").json == {"status": "ok"}
    # Redis is shared by every instance: its outage keeps the instance in, said as degraded
    # (tests/servers/test_outages.py).
    broken = make_app(REDIS_URL="redis://127.0.0.1:1/0", RATELIMIT_STORAGE_URI="redis://127.0.0.1:1/0",
                      RATELIMIT_ENABLED=True)
    answer = broken.test_client().get("/readyz")
    assert answer.status_code == 200 and answer.json == {"status": "degraded"}


def test_a_therapist_chooses_her_notifications(app: Flask, world: dict) -> None:
    therapist = as_user(app, world["linked"])
    page = therapist.get("/me/reminders").get_data(as_text=True)
    assert "daily digest of my clients&#39; new flags" in page and "Medicines" not in page
    assert therapist.post("/me/reminders", data={"digest_on": "y"}).status_code == 302
    with app.app_context():
        assert db.session.get(ReminderSetting, world["linked"].id).digest_on
    assert therapist.post(f"/me/reminders/medicines/{world['item']}").status_code == 403
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(MedicineReminder)) == 0


def test_a_therapist_is_told_at_once_of_a_pain_report_and_gets_a_daily_digest(make_app, make_user, smtp,
                                                                             catalog) -> None:
    app = make_app(**smtp.config())
    therapist = make_user(Role.THERAPIST, email="pt-notify@example.com", name="Priya")
    member = make_user(Role.MEMBER, email="aiko@example.com", name="Aiko")
    with app.app_context():
        from app.care.models import CareLink, LinkStatus
        from app.exercises.models import ExerciseSession
        db.session.add(CareLink(member_id=member.id, therapist_id=therapist.id, status=LinkStatus.ACTIVE))
        db.session.add(ReminderSetting(user_id=therapist.id, immediate_on=True))
        db.session.add(ExerciseSession(member_id=member.id, session_date=today_in("UTC"), pain=True,
                                       pain_where="knee"))
        db.session.commit()
        assert scan.apply().get() == 1 and scan.apply().get() == 0
    (message,) = smtp.wait_for(1)
    assert message["To"] == "pt-notify@example.com" and message["Subject"] == "Aiko reported pain"
    assert "/clients/" in message.get_content() and message["List-Unsubscribe-Post"]


def test_home_offers_reminders_once(app: Flask, signed_in) -> None:
    assert "Choose reminders" in signed_in.get("/dashboard").get_data(as_text=True)
    assert signed_in.post("/me/reminders/not-now").status_code == 302
    assert "Choose reminders" not in signed_in.get("/dashboard").get_data(as_text=True)
    with app.app_context():
        setting = db.session.scalar(select(ReminderSetting))
        assert not (setting.exercise_on or setting.nudge_on or setting.weekly_email_on)  # still all off


def test_make_run_delivers_due_reminders_to_the_outbox_in_process(app: Flask, member, runner) -> None:
    _due_now(app, member.id)
    result = runner.invoke(args=["deliver-reminders"])
    assert result.exit_code == 0 and "1 due and sent" in result.output
    messages = outbox_messages(app)
    assert len(messages) == 1 and "Subject: Time for your exercise" in messages[0]
    assert "1 due" not in runner.invoke(args=["deliver-reminders"]).output  # once


def test_the_weekly_summary_and_the_digest_say_what_they_promise(make_app, make_user, smtp, catalog) -> None:
    from app.reminders.services import write
    app = make_app(**smtp.config())
    member = make_user(Role.MEMBER, email="may@example.com", name="May")
    therapist = make_user(Role.THERAPIST, email="pt-digest@example.com", name="Priya")
    with app.app_context():
        from app.care.models import CareLink, LinkStatus
        from app.exercises.models import ExerciseSession
        db.session.add(CareLink(member_id=member.id, therapist_id=therapist.id, status=LinkStatus.ACTIVE))
        db.session.add(ExerciseSession(member_id=member.id, session_date=today_in("UTC") - timedelta(days=1),
                                       pain=True, pain_where="hip"))
        from app.profile.models import Fall
        db.session.add(Fall(member_id=member.id, fall_date=today_in("UTC"), what_happened="Slipped in the garden",
                            injured=True, fracture=False))
        db.session.commit()
        monday = datetime.now(UTC)
        summary = write(db.session.get(User, member.id), "weekly_summary", monday)
        assert summary.subject.startswith("Your week of ") and "Resistance" in summary.body
        assert "/progress/week/" in summary.body and "hip" not in summary.body  # targets, not her notes
        digest = write(db.session.get(User, therapist.id), "digest", monday)
        assert digest.subject == "New flags in your caseload" and re.search(r"- May: \d+ new flags?", digest.body)
        assert "hip" not in digest.body  # a pain report: names and counts only
        # A fall: what happened, whether she was hurt and whether a bone broke (guidance README, third build).
        assert "Slipped in the garden. Hurt; no bone broke." in digest.body
        db.session.add(ReminderSetting(user_id=therapist.id, digest_on=True))
        db.session.commit()
    # The digest goes once a day at 07:30 her time: due in a 6-hour window around then, once.
    from app.reminders.services import find_due
    with app.app_context():
        later = datetime.now(UTC).replace(hour=7, minute=31, second=0, microsecond=0)
        found = [(uid, d.kind) for uid, d in find_due(later) if uid == therapist.id]
        assert found == [(therapist.id, "digest")]


def test_her_doses_are_in_her_export_and_her_reminders_go_with_her_account(app: Flask, signed_in, member) -> None:
    import io
    import zipfile
    medication_id = _medicine(app, member.id)
    signed_in.post(f"/me/reminders/medicines/{medication_id}", data={f"m{medication_id}-every": "daily",
                                                                     f"m{medication_id}-at": "08:00"})
    signed_in.post(f"/me/reminders/medicines/{medication_id}/dose",
                   data={f"d{medication_id}-taken_on": today_in(member.timezone).isoformat()})
    signed_in.post("/me/reminders", data=SETTINGS)
    archive = zipfile.ZipFile(io.BytesIO(signed_in.get("/account/export.zip").data))
    doses = archive.read("medicine_doses.csv").decode()
    assert f"{medication_id},{today_in(member.timezone).isoformat()}" in doses
    assert f"{medication_id},Alendronate" in archive.read("medications.csv").decode()
    from tests.support.accounts import PASSWORD
    assert signed_in.post("/account/delete", data={"password": PASSWORD, "confirm": "DELETE"}).status_code in (200, 302)
    with app.app_context():
        for model in (ReminderSetting, MedicineReminder, MedicineDose):
            assert db.session.scalar(select(func.count()).select_from(model)) == 0, model


def test_a_therapist_is_told_at_once_of_a_fall_and_nothing_of_a_client_who_withdrew(make_app, make_user,
                                                                                     smtp) -> None:
    from app.care.models import CareLink, LinkStatus
    from app.profile.models import Fall
    app = make_app(**smtp.config())
    therapist = make_user(Role.THERAPIST, email="pt-falls@example.com", name="Priya")
    member = make_user(Role.MEMBER, email="joan@example.com", name="Joan")
    former = make_user(Role.MEMBER, email="former@example.com", name="Fay")
    with app.app_context():
        db.session.add_all([
            CareLink(member_id=member.id, therapist_id=therapist.id, status=LinkStatus.ACTIVE),
            CareLink(member_id=former.id, therapist_id=therapist.id, status=LinkStatus.REVOKED),
            ReminderSetting(user_id=therapist.id, immediate_on=True),
            Fall(member_id=member.id, fall_date=today_in("UTC"), what_happened="Tripped on a rug", injured=False,
                 fracture=False),
            Fall(member_id=former.id, fall_date=today_in("UTC"), what_happened="Slipped", injured=True,
                 fracture=False)])
        db.session.commit()
        assert scan.apply().get() == 1
    (message,) = smtp.wait_for(1)
    assert message["Subject"] == "Joan recorded a fall" and "Tripped" not in message.get_content()


def test_the_scan_finds_everyones_reminders_in_a_fixed_number_of_statements(app: Flask, make_user, catalog,
                                                                              count_queries) -> None:
    """The nudge after 3 quiet days and a daily medicine, for one member or for five: the same statements."""
    from datetime import date as day_type
    from datetime import time

    from app.exercises.models import ExerciseSession
    from app.reminders.services import find_due
    now = datetime(2026, 12, 10, 10, 5, tzinfo=UTC)  # 10:05 in UTC, three days after the last log

    def member_with_reminders(n: int) -> None:
        member = make_user(Role.MEMBER, email=f"quiet{n}@example.com", name=f"Q{n}")
        with app.app_context():
            medication = Medication(member_id=member.id, name="Alendronate")
            db.session.add_all([medication, ExerciseSession(member_id=member.id, session_date=day_type(2026, 12, 7)),
                                ReminderSetting(user_id=member.id, nudge_on=True)])
            db.session.flush()
            db.session.add(MedicineReminder(member_id=member.id, medication_id=medication.id, every="daily",
                                            at=time(9, 30)))
            db.session.commit()

    def scan_once() -> list:
        with app.app_context():
            return find_due(now)

    member_with_reminders(0)
    one = count_queries(scan_once)
    assert sorted(d.kind.split(":")[0] for _, d in scan_once()) == ["medicine", "nudge"]
    for n in range(1, 5):
        member_with_reminders(n)
    assert count_queries(scan_once) == one
    assert len(scan_once()) == 10
