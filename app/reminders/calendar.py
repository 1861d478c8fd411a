"""Her calendar feed (RFC 5545, icalendar): exercise days, medicine doses due, and a screening reminder while the
screening note applies. Titles say only "Ossify" unless she asked for detail."""
import hashlib
from datetime import date, datetime, time, timedelta
from urllib.parse import urlsplit

from flask import current_app
from icalendar import Calendar, Event

from app.auth.models import User
from app.guidance.reminders import due_since, local_moment, medicine_due_days
from app.profile.risk import screening_note
from app.reminders.medicines import medicine_reminders, schedule_of
from app.reminders.models import ReminderSetting
from app.reminders.services import exercise_days_for
from app.targets.services import current_diagnosis

CALENDAR_DAYS = 60  # how far ahead the feed lists events


def calendar_ics(user: User, setting: ReminderSetting) -> bytes:
    today = user.today()
    last = today + timedelta(days=CALENDAR_DAYS)
    cal = Calendar()
    cal.add("prodid", "-//Ossify//reminders//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Ossify")
    details = setting.calendar_details
    # RFC 5545 3.8.4.7: a UID is globally unique. Two members' "exercise on 7 December" are two events, so each UID
    # carries a digest of her account (not her id, which means nothing outside Ossify) and Ossify's host.
    person = hashlib.sha256(("calendar:" + user.account_seal).encode()).hexdigest()[:16]
    host = urlsplit(current_app.config.get("PUBLIC_URL") or "").hostname or "ossify.invalid"
    suffix = f"-{person}@{host}"
    days = exercise_days_for(user.id, setting)
    for offset in range(CALENDAR_DAYS):
        day = today + timedelta(days=offset)
        if day.weekday() in days:
            _event(cal, f"exercise-{day.isoformat()}{suffix}", "Exercise" if details else "Ossify", day,
                   setting.exercise_at, user.timezone)
    for medication, reminder, last_dose in medicine_reminders(user.id):
        if reminder is None or not reminder.active:
            continue
        schedule = schedule_of(reminder, last_dose)
        since = due_since(schedule, today)
        if since is not None:  # due since a past day: said today (one event per missed dose, moving with the days)
            _event(cal, f"medicine-{medication.id}-due-since-{since.isoformat()}{suffix}",
                   f"{medication.name}: due since {since:%-d %B %Y}" if details else "Ossify: a dose is due",
                   today, None, user.timezone)
        for due in medicine_due_days(schedule, today, last):
            if due == today and since is not None:
                continue
            _event(cal, f"medicine-{medication.id}-{due.isoformat()}{suffix}",
                   medication.name if details else "Ossify reminder", due, reminder.at, user.timezone)
    if screening_note(user.id, today, current_diagnosis(user.id) is not None) is not None:
        _event(cal, f"screening{suffix}",
               "Ask about a bone density test" if details else "Ossify: a question for your doctor",
               today + timedelta(days=1), None, user.timezone)
    return cal.to_ical()


def _event(cal: Calendar, uid: str, title: str, day: date, at: time | None, zone: str) -> None:
    event = Event()
    event.add("uid", uid)
    event.add("summary", title)
    event.add("dtstamp", datetime.now().astimezone())
    if at is None:
        event.add("dtstart", day)
    else:
        start = local_moment(day, at, zone)
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(minutes=15))
    cal.add_component(event)
