"""Home: her day and week at a glance, the next step, her therapist's feedback, and what is due."""
from datetime import UTC, date, datetime, timedelta
from typing import Any

from app.care.models import Comment
from app.care.reviews import EVENT_NOUNS, reviews_for_member
from app.care.services import latest_feedback, replies_to
from app.exercises.pages import next_step_for
from app.forms import EmptyForm
from app.function.services import open_requests
from app.guidance.bands import band_label
from app.guidance.calendar import age_on
from app.guidance.diagnosis import CATEGORY_MIN_AGE, SITE_LABELS
from app.guidance.risk import WINDOW_DAYS
from app.guidance.weeks import week_end, week_start
from app.memo import once_per_request
from app.profile.risk import screening_note
from app.profile.services import get_profile
from app.progress.services import day_at_a_glance, day_totals, weekly_summary
from app.reminders.medicines import medicines_due
from app.reminders.services import reminders_to_offer
from app.targets.services import current_diagnosis, current_weight

REVIEWS_SHOWN_FOR = timedelta(days=30)  # "Priya has seen your pain report" stays on her Home for a month


@once_per_request
def _feedback(member_id: int) -> list[Comment]:
    return latest_feedback(member_id)


def home_page(member_id: int, today: date) -> dict[str, Any]:
    """Home's context for her `today`."""
    profile = get_profile(member_id)
    diagnosis = current_diagnosis(member_id)
    feedback = _feedback(member_id)
    # Her logs by day, read once for the whole page: the checklist's last four weeks (the screening note) and this
    # week (the summary and today's totals) are both cut from it.
    monday = week_start(today)
    day_totals((member_id,), min(monday, today - timedelta(days=WINDOW_DAYS - 1)), week_end(monday))
    # Said once: until she hides it, and only while no scan is on record (a category means one is).
    screening = None
    if diagnosis is None and profile.screening_note_hidden_at is None:
        screening = screening_note(member_id, today, dxa_on_record=False)
    week = weekly_summary(member_id, today, today)
    step, has_program = next_step_for(member_id, week)
    return {"profile": profile, "diagnosis": diagnosis, "today": today,
            "age": age_on(profile.date_of_birth, today) if profile.date_of_birth else None,
            "profile_complete": None not in (profile.date_of_birth, profile.sex, current_weight(member_id, today)),
            "screening": screening, "hide_form": EmptyForm(),
            "category_min_age": CATEGORY_MIN_AGE, "site_labels": SITE_LABELS,
            "day": day_at_a_glance(member_id, today), "week": week, "step": step, "band_label": band_label,
            "has_program": has_program, "vitamin_d_unit": profile.vitamin_d_unit, "feedback": feedback,
            "replies": replies_to(member_id, feedback),
            "reviews": reviews_for_member(member_id, datetime.now(UTC) - REVIEWS_SHOWN_FOR),
            "event_nouns": EVENT_NOUNS, "offer_reminders": reminders_to_offer(member_id),
            "overdue": [d for d in medicines_due(member_id, today) if d.since],
            "function_requests": open_requests(member_id)}


def has_unread_feedback(member_id: int) -> bool:
    """Whether Home showed her a comment she had not read (the route then marks them read)."""
    return any(not c.read_by_member for c in _feedback(member_id))
