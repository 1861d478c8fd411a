"""Her medicines' schedules and when each dose is due: read once for her page, Home, the calendar feed, her
therapist's client page, the client list's flags and the reminder scan (the caller commits; nothing here writes).

A module of its own, importing only models and the pure rules, so the client list (app/workspace/caseload.py) can read
it while the reminders read the client list.
"""
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import bindparam, func, select

from app.extensions import db
from app.guidance.reminders import Every, MedicineSchedule, due_date, due_since
from app.profile.models import Medication
from app.reminders.models import MedicineDose, MedicineReminder


def medicine_reminders(member_id: int) -> list[tuple[Medication, MedicineReminder | None, date | None]]:
    """Her current medicines, each with its reminder (if any) and the last dose she recorded."""
    return medicines_of([member_id]).get(member_id, [])


_MEMBERS = bindparam("member_ids", expanding=True)
_LAST_DOSE = (select(MedicineDose.medication_id, func.max(MedicineDose.taken_on).label("last"))
              .where(MedicineDose.member_id.in_(_MEMBERS)).group_by(MedicineDose.medication_id).subquery())
CURRENT_MEDICINES = (  # built once, bound per request (see app/progress/services.py)
    select(Medication, MedicineReminder, _LAST_DOSE.c.last)
    .outerjoin(MedicineReminder, MedicineReminder.medication_id == Medication.id)
    .outerjoin(_LAST_DOSE, _LAST_DOSE.c.medication_id == Medication.id)
    .where(Medication.member_id.in_(_MEMBERS), Medication.stop_date.is_(None))
    .order_by(Medication.name, Medication.id))


def medicines_of(member_ids: list[int]) -> dict[int, list[tuple[Medication, MedicineReminder | None, date | None]]]:
    """The same for several members, in one statement (the scan reads everyone's at once)."""
    rows = db.session.execute(CURRENT_MEDICINES, {"member_ids": list(member_ids)}).all()
    found: dict[int, list[tuple[Medication, MedicineReminder | None, date | None]]] = {}
    for medication, reminder, last in rows:
        found.setdefault(medication.member_id, []).append((medication, reminder, last))
    return found


def schedule_of(reminder: MedicineReminder, last_dose: date | None) -> MedicineSchedule:
    return MedicineSchedule(Every(reminder.every), reminder.at, reminder.weekday, reminder.day_of_month, last_dose,
                            reminder.start_date)


# Denosumab (Prolia label: every 6 months; stopping it late was followed by multiple vertebral fractures). Lyu H et
# al., Ann Intern Med 2020;173:516-526: a dose more than 16 weeks late was associated with more vertebral fractures
# (HR 3.91); Tsourdi E et al., ECTS, JCEM 2021;106:264-281. Guidance README, third build: 4 weeks overdue raises a
# medium flag for her therapist (a product threshold, well inside 16 weeks).
DENOSUMAB_NAMES = ("denosumab", "prolia")
DENOSUMAB_FLAG_AFTER = timedelta(weeks=4)


def is_denosumab(name: str) -> bool:
    return any(word in name.lower() for word in DENOSUMAB_NAMES)


@dataclass(frozen=True)
class MedicineDue:
    """One current medicine with a schedule: when its next dose is due, and since when it is overdue."""
    medication: Medication
    due_on: date | None
    since: date | None           # a dose due and not recorded since this day
    denosumab: bool = False       # her page says to contact the clinic that prescribes it about a missed dose
    denosumab_flag: bool = False  # denosumab 4 weeks or more overdue: her therapist is told


def medicines_due(member_id: int, today: date) -> list[MedicineDue]:
    """Her medicines with an active schedule, each with its due date (her page, Home, the calendar, her therapist's
    client page and the client list's flag all read this)."""
    return due_from(medicine_reminders(member_id), today)


def due_from(rows: list[tuple[Medication, MedicineReminder | None, date | None]], today: date) -> list[MedicineDue]:
    found = []
    for medication, reminder, last in rows:
        if reminder is None or not reminder.active:
            continue
        schedule = schedule_of(reminder, last)
        since = due_since(schedule, today)
        denosumab = is_denosumab(medication.name)
        found.append(MedicineDue(medication, due_date(schedule, today), since, denosumab,
                                 since is not None and denosumab and today - since >= DENOSUMAB_FLAG_AFTER))
    return found


