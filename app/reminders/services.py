"""Reminders: what is due for whom, claiming each message once, writing and sending it (the caller commits).

The job queue (app/reminders/tasks.py) runs `find_due` and `claim` every minute and `send` for each claimed
message; `make run` runs the same code in-process (README "Reminders").
"""
import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from email.message import EmailMessage

from flask import current_app, has_request_context, url_for
from itsdangerous import BadData, URLSafeTimedSerializer
from sqlalchemy import func, or_, select, union_all
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError

from app.access import client_ids, client_of
from app.auth.mail import build_message, deliver_now, mail_config
from app.auth.models import User
from app.auth.services import password_fingerprint
from app.exercises.models import ExerciseSession, ProgramItem
from app.extensions import db
from app.guidance.calendar import today_in
from app.guidance.reminders import (
    EVERY_LABELS,
    INTERVAL_MONTHS,
    LOOKBACK,
    SPREAD_DAYS,
    WEEKDAY_NAMES,
    Due,
    Every,
    QuietHours,
    ReminderPlan,
    due_between,
)
from app.guidance.targets import STATUS_LABELS
from app.guidance.weeks import week_start
from app.models_base import utcnow
from app.nutrition.models import FoodLog
from app.profile.models import Fall, Medication
from app.progress.services import weekly_summary
from app.reminders.medicines import medicines_of, schedule_of
from app.reminders.models import MedicineDose, MedicineReminder, ReminderSetting, SentMessage

MAX_ATTEMPTS = 5          # a send that fails this often is recorded as failed
DIGEST_TIME = time(7, 30)  # a therapist's daily digest, her time
UNSUBSCRIBE_SALT = "unsubscribe-v2"  # the first links named her id and never expired: they no longer open
# How long a mail's unsubscribe link works (README "Reminders"): long enough for a mail read late, short enough that
# an old mail can't turn her reminders off again next year. A link also dies when she changes her settings.
UNSUBSCRIBE_MAX_AGE = timedelta(days=60)
KIND_NAMES = {"exercise": "exercise reminders", "supplements": "supplement reminders", "medicine": "medicine reminders",
              "nudge": "the nudge after 3 quiet days", "weekly_summary": "the weekly summary by email",
              "digest": "the daily digest of new flags", "immediate": "messages about pain or a fall"}


# --- Her settings ---------------------------------------------------------------------------------------------

def settings_of(user_id: int) -> ReminderSetting:
    """Her row (not yet saved when she has none: everything off)."""
    return db.session.get(ReminderSetting, user_id) or ReminderSetting(
        user_id=user_id, exercise_on=False, exercise_days="", supplements_on=False, supplement_times="",
        nudge_on=False, weekly_email_on=False, digest_on=False, immediate_on=False, calendar_details=False)


def reminders_to_offer(user_id: int) -> bool:
    """Home offers reminders once: until she saves her choice or says "Not now"."""
    setting = db.session.get(ReminderSetting, user_id)
    return setting is None or setting.offered_at is None


def days_of(text: str) -> tuple[int, ...]:
    return tuple(sorted({int(d) for d in text.split(",") if d.isdigit() and 0 <= int(d) <= 6}))


def times_of(text: str) -> tuple[time, ...]:
    found = []
    for part in text.split(","):
        try:
            found.append(time.fromisoformat(part.strip()))
        except ValueError:
            continue
    return tuple(sorted(set(found)))


def program_days(days_per_week: int | None) -> tuple[int, ...]:
    """Her program's days spread over the week, when she hasn't picked days herself."""
    return SPREAD_DAYS.get(min(max(days_per_week or 0, 0), 7), ())


def exercise_days_for(member_id: int, setting: ReminderSetting) -> tuple[int, ...]:
    """The days she picked, else her program's most frequent item's days spread over the week."""
    picked = days_of(setting.exercise_days or "")
    if picked:
        return picked
    most = db.session.scalar(select(ProgramItem.days_per_week).where(ProgramItem.member_id == member_id)
                             .order_by(ProgramItem.days_per_week.desc()).limit(1))
    return program_days(most)


def schedule_text(reminder: MedicineReminder) -> str:
    at = reminder.at.strftime("%H:%M")
    if reminder.every == Every.WEEKLY and reminder.weekday is not None:
        return f"every {WEEKDAY_NAMES[reminder.weekday]} at {at}"
    if reminder.every == Every.MONTHLY:
        return f"on day {reminder.day_of_month} of each month at {at}"
    if reminder.every == Every.TWO_DAYS_MONTHLY:
        return f"on day {reminder.day_of_month} of each month and the day after, at {at}"
    if reminder.every in INTERVAL_MONTHS:
        return f"{EVERY_LABELS[Every(reminder.every)].lower()} from the last dose you record, at {at}"
    return f"every day at {at}"


def plan_for(user: User, setting: ReminderSetting,
             medicines: list[tuple[Medication, MedicineReminder | None, date | None]]) -> ReminderPlan:
    quiet = (QuietHours(setting.quiet_start, setting.quiet_end)
             if setting.quiet_start is not None and setting.quiet_end is not None else None)
    return ReminderPlan(
        zone=user.timezone, quiet=quiet,
        exercise_days=days_of(setting.exercise_days) if setting.exercise_on else (),
        exercise_at=setting.exercise_at if setting.exercise_on else None,
        supplement_times=times_of(setting.supplement_times) if setting.supplements_on else (),
        medicines=tuple((str(m.id), schedule_of(r, last)) for m, r, last in medicines if r is not None and r.active),
        nudge=setting.nudge_on, weekly_summary=setting.weekly_email_on)


# --- What is due, claimed once --------------------------------------------------------------------------------

def _last_logged(member_ids: list[int]) -> dict[int, date]:
    """Each member's last day with an exercise or food log, in one statement."""
    days = union_all(
        select(ExerciseSession.member_id.label("member_id"), func.max(ExerciseSession.session_date).label("day"))
        .where(ExerciseSession.member_id.in_(member_ids)).group_by(ExerciseSession.member_id),
        select(FoodLog.member_id, func.max(FoodLog.log_date)).where(FoodLog.member_id.in_(member_ids))
        .group_by(FoodLog.member_id)).subquery()
    return dict(db.session.execute(select(days.c.member_id, func.max(days.c.day)).group_by(days.c.member_id)).all())


def find_due(now: datetime) -> list[tuple[int, Due]]:
    """Every person's messages due in the last few hours (LOOKBACK), sent or not: claiming sorts that out."""
    found: list[tuple[int, Due]] = []
    people = db.session.execute(
        select(User, ReminderSetting).join(ReminderSetting, ReminderSetting.user_id == User.id)
        .where(User.active.is_(True), or_(ReminderSetting.exercise_on, ReminderSetting.supplements_on,
                                          ReminderSetting.nudge_on, ReminderSetting.weekly_email_on,
                                          ReminderSetting.digest_on, ReminderSetting.immediate_on,
                                          ReminderSetting.user_id.in_(select(MedicineReminder.member_id))))).all()
    members = [user.id for user, _ in people if user.is_member]
    medicines = medicines_of(members) if members else {}
    quiet = _last_logged([user.id for user, setting in people if user.is_member and setting.nudge_on]) \
        if any(setting.nudge_on for _, setting in people) else {}
    for user, setting in people:
        if user.is_member:
            plan = plan_for(user, setting, medicines.get(user.id, []))
            due = due_between(plan, now - LOOKBACK, now, quiet.get(user.id), user.member_since)
            found.extend((user.id, d) for d in due)
        elif user.is_therapist:
            found.extend((user.id, due) for due in _therapist_due(user, setting, now))
    return found


def _therapist_due(user: User, setting: ReminderSetting, now: datetime) -> list[Due]:
    """Her daily digest (at DIGEST_TIME, quiet hours kept) and, at once, each client's new pain report or fall."""
    due: list[Due] = []
    if setting.digest_on:
        quiet = (QuietHours(setting.quiet_start, setting.quiet_end)
                 if setting.quiet_start is not None and setting.quiet_end is not None else None)
        plan = ReminderPlan(zone=user.timezone, quiet=quiet, exercise_days=tuple(range(7)), exercise_at=DIGEST_TIME)
        due += [Due("digest", d.due_at) for d in due_between(plan, now - LOOKBACK, now, None, date.min)]
    if setting.immediate_on:
        clients = client_ids(user.id)
        since = now - LOOKBACK
        for session_id, at in db.session.execute(
                select(ExerciseSession.id, ExerciseSession.created_at).where(
                    ExerciseSession.member_id.in_(clients), ExerciseSession.pain.is_(True),
                    ExerciseSession.created_at > since)):
            due.append(Due(f"immediate:pain:{session_id}", at))
        for fall_id, at in db.session.execute(select(Fall.id, Fall.created_at).where(
                Fall.member_id.in_(clients), Fall.created_at > since)):
            due.append(Due(f"immediate:fall:{fall_id}", at))
    return due


def claim(user_id: int, due: Due) -> int | None:
    """The sent-log row for this message if this caller is the first to claim it, else None."""
    dialect = postgresql if db.engine.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(SentMessage).values(user_id=user_id, kind=due.kind, due_at=due.due_at,
                                                   status="sending", attempts=0, claimed_at=utcnow())
    return db.session.execute(statement.on_conflict_do_nothing(index_elements=["user_id", "kind", "due_at"])
                              .returning(SentMessage.id)).scalar()


# --- Writing and sending ----------------------------------------------------------------------------------------

def _unsubscribe_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt=UNSUBSCRIBE_SALT)


def rotate_unsubscribe_key(setting: ReminderSetting) -> None:
    """A new key for her unsubscribe links: links in mails sent before stop working (she changed her settings)."""
    setting.unsubscribe_key = secrets.token_urlsafe(24)


def unsubscribe_token(user: User, setting: ReminderSetting, kind: str) -> str:
    """A signed, dated token for one kind of message: her settings' random key (never her id), bound to her password,
    so it works signed out until it expires (UNSUBSCRIBE_MAX_AGE), she changes her settings or her password, or her
    account goes."""
    if not setting.unsubscribe_key:
        rotate_unsubscribe_key(setting)
        db.session.add(setting)
    return _unsubscribe_serializer().dumps({"s": setting.unsubscribe_key, "k": kind,
                                            "p": password_fingerprint(user)[:16]})


def read_unsubscribe_token(token: str, now: datetime | None = None) -> tuple[int, str] | None:
    """(her id, the kind) for a live token, else None (forged, expired, rotated, or her account is gone)."""
    try:
        payload, signed_at = _unsubscribe_serializer().loads(token[:300], return_timestamp=True)
    except BadData:
        return None
    if (now or utcnow()) - signed_at > UNSUBSCRIBE_MAX_AGE:
        return None
    if (not isinstance(payload, dict) or not isinstance(payload.get("s"), str) or payload.get("k") not in KIND_NAMES
            or len(payload["s"]) > 64):
        return None
    found = db.session.execute(select(ReminderSetting.user_id, User).join(User, User.id == ReminderSetting.user_id)
                               .where(ReminderSetting.unsubscribe_key == payload["s"])).first()
    if found is None or password_fingerprint(found[1])[:16] != payload.get("p"):
        return None
    return found[0], payload["k"]


def unsubscribe(user_id: int, kind: str) -> bool:
    """Turn one kind off; False when there is no such person."""
    user = db.session.get(User, user_id)
    if user is None:
        return False
    setting = settings_of(user_id)
    if kind == "medicine":
        for reminder in db.session.scalars(select(MedicineReminder).where(MedicineReminder.member_id == user_id)):
            reminder.active = False
    else:
        setattr(setting, {"exercise": "exercise_on", "supplements": "supplements_on", "nudge": "nudge_on",
                          "weekly_summary": "weekly_email_on", "digest": "digest_on",
                          "immediate": "immediate_on"}[kind], False)
    db.session.add(setting)
    return True


@dataclass(frozen=True)
class Written:
    subject: str
    body: str


def public_link(endpoint: str, **values: object) -> str:
    """An address in a message: PUBLIC_URL and the path (a worker has no request to take a host from)."""
    if has_request_context():
        return current_app.config["PUBLIC_URL"] + url_for(endpoint, **values)
    with current_app.test_request_context():
        return current_app.config["PUBLIC_URL"] + url_for(endpoint, **values)


def write(user: User, kind: str, due_at: datetime) -> Written | None:
    """The words of one message (None when there is nothing to say any more: a medicine stopped)."""
    local_day = today_in(user.timezone, due_at)
    if kind == "exercise":
        return Written("Time for your exercise", "Hello,\n\nThis is your reminder to exercise today, as you "
                       f"asked. Log it when you are done:\n\n{public_link('exercises.list_sessions')}\n")
    if kind == "supplements":
        return Written("Your supplements", "Hello,\n\nThis is your reminder to take your supplements, as you asked. "
                       f"Tick them off on today's food page:\n\n{public_link('nutrition.today')}\n")
    if kind.startswith("medicine:"):
        medication = db.session.get(Medication, int(kind.split(":", 1)[1]))
        if medication is None or medication.stop_date is not None:
            return None
        return Written(f"Your {medication.name}", f"Hello,\n\nYour {medication.name} is due today, on the "
                       "schedule you entered from your prescription. When you have taken it, record the dose so "
                       f"the next reminder comes at the right time:\n\n{public_link('reminders.settings')}\n")
    if kind == "nudge":
        return Written("Ossify misses you", "Hello,\n\nNothing has been logged in Ossify for 3 days. A walk, a band "
                       "session or today's meals all count:\n\n" + public_link("main.dashboard") + "\n")
    if kind == "weekly_summary":
        return _weekly_summary(user, local_day)
    if kind == "digest":
        return _digest(user)
    if kind.startswith("immediate:"):
        return _immediate(user, kind)
    return None


def _digest(user: User) -> Written | None:
    """A therapist's digest of new flags: written by her workspace, which the app registers as
    `app.extensions["therapist_digest"]` (the workspace sits above reminders and reads their `Written`)."""
    writer = current_app.extensions.get("therapist_digest")
    return writer(user) if writer is not None else None


def _immediate(user: User, kind: str) -> Written | None:
    """A client's pain report or fall, while she grants this therapist access (else nothing is said of her)."""
    _, what, record_id = kind.split(":", 2)
    record = db.session.get(ExerciseSession if what == "pain" else Fall, int(record_id))
    member = client_of(user.id, record.member_id) if record is not None else None
    if member is None:
        return None
    if what == "pain":
        event, day = "reported pain during exercise", record.session_date
        where = "Her session", public_link("workspace.client_session", member_id=member.id, session_id=record.id)
    else:
        event, day = "recorded a fall", record.fall_date
        week = public_link("workspace.client_week", member_id=member.id, monday=week_start(day))
        where = "Her flags", week + "#flags"
    subject = f"{member.display_name} {'reported pain' if what == 'pain' else event}"
    return Written(subject, f"Hello,\n\n{member.display_name} {event} on {day:%A %-d %B}. {where[0]}:\n\n"
                   f"{where[1]}\n")


def _weekly_summary(user: User, today: date) -> Written:
    last_monday = week_start(today) - timedelta(weeks=1)
    week = weekly_summary(user.id, last_monday, today)
    lines = [f"- {m.label}: {m.actual:,.0f} of {m.target:,.0f} {m.unit} ({STATUS_LABELS.get(m.status, m.status)})"
             for m in week.exercise]
    lines += [f"- {n.label}: " + (f"{n.average:,.0f} a day on average" if n.average is not None else "no food logged")
              + (f" ({STATUS_LABELS.get(n.status, n.status)})" if n.status else "") for n in week.nutrition]
    return Written(f"Your week of {last_monday:%-d %B}",
                   f"Hello {user.display_name},\n\nLast week against your targets:\n\n" + "\n".join(lines)
                   + f"\n\nThe whole week, with what each target means:\n\n"
                   f"{public_link('progress.week', monday=last_monday)}\n")


def compose(user: User, kind: str, written: Written) -> EmailMessage:
    """The message with its one-click unsubscribe (RFC 8058) for this kind."""
    family = kind.split(":", 1)[0]
    link = public_link("reminders.unsubscribe_link", token=unsubscribe_token(user, settings_of(user.id), family))
    body = (written.body + f"\nYou get this because you turned on {KIND_NAMES[family]} in Ossify. "
            f"To stop them, open:\n{link}\n")
    config = mail_config()
    return build_message(config, user.email, written.subject, body,
                         headers={"List-Unsubscribe": f"<{link}>",
                                  "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"})


def send(sent_id: int, final_try: bool = False) -> str:
    """Send one claimed message; its status after. A failure raises (to be retried) unless it was the last try."""
    sent = db.session.get(SentMessage, sent_id)
    if sent is None or sent.status in ("sent", "skipped", "failed"):
        return sent.status if sent else "gone"
    user = db.session.get(User, sent.user_id)
    try:
        written = write(user, sent.kind, sent.due_at) if user is not None and user.active else None
        message = compose(user, sent.kind, written) if written is not None else None
    except Exception as error:  # a fault of ours, not the mail's: recorded, not retried
        logging.getLogger(__name__).exception("Reminder %s could not be written", sent_id)
        sent.status, sent.error = "failed", f"{type(error).__name__}: {error}"[:500]
        return sent.status
    if message is None:
        sent.status = "skipped"
        return sent.status
    config = mail_config()
    sent.attempts += 1
    try:
        deliver_now(message, config)
    except Exception as error:
        sent.error = f"{type(error).__name__}: {error}"[:500]
        if final_try or sent.attempts >= MAX_ATTEMPTS:
            sent.status = "failed"
            return sent.status
        raise
    sent.status, sent.sent_at, sent.error = "sent", utcnow(), None
    return sent.status


# --- Doses and the calendar's secret -----------------------------------------------------------------------------

def record_dose(member_id: int, medication_id: int, taken_on: date) -> MedicineDose:
    """A dose she took (once a day per medicine: the same day again changes nothing)."""
    existing = db.session.scalar(select(MedicineDose).where(MedicineDose.medication_id == medication_id,
                                                            MedicineDose.taken_on == taken_on))
    if existing is not None:
        return existing
    dose = MedicineDose(member_id=member_id, medication_id=medication_id, taken_on=taken_on)
    db.session.add(dose)
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError:
        return db.session.scalar(select(MedicineDose).where(MedicineDose.medication_id == medication_id,
                                                            MedicineDose.taken_on == taken_on))
    return dose


def new_calendar_secret(setting: ReminderSetting) -> str:
    """A new secret address for her calendar feed; the old one stops working."""
    secret = secrets.token_urlsafe(24)
    setting.calendar_secret_hash = hashlib.sha256(secret.encode()).hexdigest()
    return secret


def setting_for_calendar(secret: str) -> ReminderSetting | None:
    if not secret or len(secret) > 64:
        return None
    return db.session.scalar(select(ReminderSetting).where(
        ReminderSetting.calendar_secret_hash == hashlib.sha256(secret.encode()).hexdigest()))
