"""A member's denosumab injection, recorded six months before a due day `days_late` days ago (for the missed-dose
tests, in the app and in Chromium)."""
from datetime import date, time, timedelta

from app.extensions import db
from app.guidance.reminders import add_months
from app.profile.models import Medication
from app.reminders.models import MedicineDose, MedicineReminder


def late_injection(member_id: int, today: date, days_late: int, name: str = "Prolia (denosumab)") -> tuple[int, date]:
    """(the medication's id, the day its dose fell due); the caller is in an app context and commits."""
    due = today - timedelta(days=days_late)
    last = add_months(due, -6)
    while add_months(last, 6) != due:  # a due day no month end bends: its dose 6 months before
        last -= timedelta(days=1)
    medication = Medication(member_id=member_id, name=name, start_date=last)
    db.session.add(medication)
    db.session.flush()
    db.session.add_all([MedicineReminder(member_id=member_id, medication_id=medication.id, every="six_months",
                                         at=time(9, 0)),
                        MedicineDose(member_id=member_id, medication_id=medication.id, taken_on=last)])
    return medication.id, due
