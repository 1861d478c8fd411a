"""The therapist's client list: this week's status, last day logged and flags, in a fixed number of queries."""
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select, union_all

from app.auth.models import User
from app.care.models import CareLink, LinkStatus
from app.exercises.models import ExerciseSession
from app.extensions import db
from app.guidance.calendar import today_in
from app.guidance.summary import WeekSummary, summarize_week
from app.guidance.targets import Status
from app.guidance.weeks import week_start
from app.nutrition.models import FoodLog
from app.progress.services import exercise_by_member_day, food_by_member_day, supplements_by_member_day
from app.targets import histories

QUIET_DAYS = 7  # "nothing logged for 7 days"


@dataclass
class ClientRow:
    member: User
    week: WeekSummary
    last_logged: date | None
    flags: list[str] = field(default_factory=list)


def client_rows(therapist_id: int, now: datetime | None = None) -> list[ClientRow]:
    """Every active client, whoever needs attention first (most flags, then longest quiet).

    Each client's week is hers: judged on her own date (her time zone), not the therapist's. A therapist in
    Auckland on Monday morning sees a Los Angeles client still finishing Sunday.
    """
    now = now or datetime.now(UTC)
    members = list(db.session.scalars(
        select(User).join(CareLink, CareLink.member_id == User.id)
        .where(CareLink.therapist_id == therapist_id, CareLink.status == LinkStatus.ACTIVE)
        .order_by(User.display_name)))
    if not members:
        return []
    ids = [m.id for m in members]
    todays = {m.id: today_in(m.timezone, now) for m in members}
    first = min(week_start(d) for d in todays.values()) - timedelta(weeks=2)
    last = max(todays.values())
    exercise = exercise_by_member_day(ids, first, last)
    food = food_by_member_day(ids, first, last)
    supplements = supplements_by_member_day(ids, first, last)
    history = histories(ids)
    last_day = union_all(
        select(ExerciseSession.member_id.label("member_id"), func.max(ExerciseSession.session_date).label("day"))
        .where(ExerciseSession.member_id.in_(ids)).group_by(ExerciseSession.member_id),
        select(FoodLog.member_id, func.max(FoodLog.log_date)).where(FoodLog.member_id.in_(ids))
        .group_by(FoodLog.member_id)).subquery()
    last_logged_on = dict(db.session.execute(select(last_day.c.member_id, func.max(last_day.c.day))
                                             .group_by(last_day.c.member_id)).all())

    rows = []
    for member in members:
        today = todays[member.id]
        this_monday = week_start(today)
        weeks = [summarize_week(monday, today, history[member.id].targets_on, exercise.get(member.id, {}),
                                food.get(member.id, {}), supplements.get(member.id, {}),
                                member_since=member.member_since)
                 for monday in (this_monday - timedelta(weeks=2), this_monday - timedelta(weeks=1), this_monday)]
        last_logged = last_logged_on.get(member.id)
        rows.append(ClientRow(member, weeks[-1], last_logged, _flags(weeks, last_logged, today)))
    rows.sort(key=lambda r: (-len(r.flags), r.last_logged or date.min, r.member.display_name))
    return rows


def _flags(weeks: list[WeekSummary], last_logged: date | None, today: date) -> list[str]:
    two_weeks_ago, last_week, this_week = weeks
    recent = today - timedelta(days=QUIET_DAYS - 1)
    flags = []
    if last_logged is None or last_logged < recent:
        flags.append(f"Nothing logged for {QUIET_DAYS}+ days")
    if any(d >= recent for w in (last_week, this_week) for d in w.pain_days):
        flags.append("Pain reported")
    below_twice = [a.label for a, b in zip(two_weeks_ago.exercise, last_week.exercise, strict=True)
                   if a.key == b.key and a.status == Status.BELOW and b.status == Status.BELOW]
    if below_twice:
        flags.append("Below target two weeks running: " + ", ".join(below_twice).lower())
    if any(d >= recent for w in (last_week, this_week) for n in w.nutrition for d in n.above_limit_days):
        flags.append("Above an upper limit")
    return flags

