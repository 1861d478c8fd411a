"""What the therapist's pages add to the ones she shares with her client: the week's extras and the flags.

The shared pages themselves (week, trends, sessions, food day, bone health, program, report) are each feature's
page service (`app.progress.pages`, `app.exercises.pages`, ...), called with the client's id.
"""
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from app.exercises.models import ExerciseSession
from app.extensions import db
from app.profile.medications import GROUP_LABELS, group_of
from app.profile.risk import screening_note
from app.profile.services import current_medications
from app.reminders.medicines import medicines_due
from app.targets.services import current_diagnosis
from app.workspace.caseload import client_status
from app.workspace.flags import SEVERITY_LABELS
from app.workspace.forms import FLAG_NOTE_MAX


def flag_context(member_id: int, only_session: int | None = None) -> dict[str, Any]:
    """Her open and reviewed flags from the client list's stored row, for the flags panel."""
    return {"client_flags": client_status(member_id).flags, "severity_labels": SEVERITY_LABELS,
            "flag_note_max": FLAG_NOTE_MAX, "only_session": only_session}


def week_extras(member_id: int, monday: date, today: date) -> dict[str, Any]:
    """Beside her weekly summary: the week's pain reports, her medicines and any overdue dose, the screening note."""
    pain_sessions = db.session.execute(
        select(ExerciseSession.id, ExerciseSession.session_date)
        .where(ExerciseSession.member_id == member_id, ExerciseSession.pain.is_(True),
               ExerciseSession.session_date.between(monday, monday + timedelta(days=6)))
        .order_by(ExerciseSession.session_date, ExerciseSession.id)).all()
    return {**flag_context(member_id), "pain_sessions": pain_sessions,
            "medications": current_medications(member_id),
            "overdue": [d for d in medicines_due(member_id, today) if d.since],
            # Her history was read for the summary already: no second look at her scans.
            "screening": screening_note(member_id, today, current_diagnosis(member_id) is not None),
            "group_of": group_of, "group_labels": GROUP_LABELS}
