"""The printable report for a doctor or therapist visit: 1 or 4 weeks of targets, actuals and events."""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from app.auth.models import User
from app.exercises.models import ExerciseSession
from app.extensions import db
from app.guidance.alcohol import FLAG_SOURCE as ALCOHOL_FLAG_SOURCE
from app.guidance.calendar import age_on
from app.guidance.diagnosis import Diagnosis
from app.guidance.summary import NOT_MEMBER, WeekSummary
from app.guidance.weeks import week_end, week_start
from app.profile.models import DxaScan, Fall, Fracture, Medication
from app.profile.services import get_profile
from app.progress.services import weeks_summary
from app.targets.services import diagnosis_on

REPORT_WEEKS = (1, 4)


@dataclass(frozen=True)
class Event:
    day: date
    what: str


@dataclass(frozen=True)
class Report:
    member: User
    made_on: date
    first: date
    last: date
    age: int | None
    diagnosis: Diagnosis | None
    weeks: list[WeekSummary]
    scans: list[DxaScan]
    fractures: list[Fracture]
    falls: list[Fall]           # in the report's weeks
    medications: list[Medication]
    events: list[Event]

    @property
    def sources(self) -> list:
        """Every source behind the targets in the report, once, in the order they appear."""
        found: list = []
        latest = self.weeks[-1]
        alcohol = [ALCOHOL_FLAG_SOURCE] if any(w.alcohol_flagged_days for w in self.weeks) else []
        for source in [src for m in latest.exercise for src in m.sources] + \
                      [src for n in latest.nutrition if n.target for src in n.target.sources] + alcohol:
            if source not in found:
                found.append(source)
        return found


def build_report(member: User, weeks: int, today: date) -> Report:
    """The last `weeks` weeks up to today (the current week so far counts as the last one)."""
    last_monday = week_start(today)
    summaries = weeks_summary(member.id, last_monday, weeks, today)
    first, last = summaries[0].monday, min(week_end(last_monday), today)
    profile = get_profile(member.id)
    return Report(
        member=member, made_on=today, first=first, last=last,
        age=age_on(profile.date_of_birth, today) if profile.date_of_birth else None,
        diagnosis=diagnosis_on(member.id, today), weeks=summaries,
        scans=list(db.session.scalars(select(DxaScan).where(DxaScan.member_id == member.id)
                                      .order_by(DxaScan.scan_date.desc(), DxaScan.site))),
        fractures=list(db.session.scalars(select(Fracture).where(Fracture.member_id == member.id)
                                          .order_by(Fracture.fracture_date.desc()))),
        falls=list(db.session.scalars(select(Fall).where(Fall.member_id == member.id,
                                                         Fall.fall_date.between(first, last))
                                      .order_by(Fall.fall_date.desc(), Fall.id.desc()))),
        medications=list(db.session.scalars(select(Medication).where(Medication.member_id == member.id)
                                            .order_by(Medication.start_date.desc(), Medication.name))),
        events=_events(member.id, summaries, first, last))


def _events(member_id: int, summaries: list[WeekSummary], first: date, last: date) -> list[Event]:
    """Pain, weeks with nothing logged, days above an upper limit or at 3+ units of alcohol, in date order."""
    events = [Event(s.session_date, "Pain during exercise" + (f": {s.pain_where}" if s.pain_where else "")
                    + (f". “{s.pain_note}”" if s.pain_note else ""))
              for s in db.session.scalars(select(ExerciseSession).where(
                  ExerciseSession.member_id == member_id, ExerciseSession.pain.is_(True),
                  ExerciseSession.session_date.between(first, last)))]
    session_days = set(db.session.scalars(select(ExerciseSession.session_date).where(
        ExerciseSession.member_id == member_id, ExerciseSession.session_date.between(first, last))))
    for week in summaries:
        active = week.food_days or any(week.monday <= d <= week_end(week.monday) for d in session_days)
        if not active and not week.so_far and week.judged != NOT_MEMBER:
            events.append(Event(week.monday, f"Nothing logged in the week of {week.monday.strftime('%-d %B')}"))
        for nutrient in week.nutrition:
            for day in nutrient.above_limit_days:
                events.append(Event(day, f"{nutrient.label} above the upper limit"))
        for day in week.alcohol_flagged_days:
            grams = week.alcohol_g_by_day[day]
            events.append(Event(day, f"{grams:g} g of alcohol: 3 or more units in a day (a FRAX risk factor)"))
        for a, b in week.back_to_back_resistance:
            events.append(Event(a, f"Band sessions on back-to-back days ({a.strftime('%a')} and {b.strftime('%a')})"))
    return sorted(events, key=lambda e: e.day)


def weeks_param(value: str | None) -> int:
    return int(value) if value in {str(w) for w in REPORT_WEEKS} else 4


