"""What a therapist is told about a client: flags with a severity, each one event that can be seen or handled.

Plain Python: the client list (app/workspace/caseload.py) passes in her weeks, her last day logged, her pain reports
and falls, and the reviews already recorded.

Severity (Ossify's product rule for ordering a caseload, not a clinical grading):
- high: pain reported during exercise in the last 7 days; a fall not yet reviewed;
- medium: nothing logged for 7 or more days; a nutrient above its upper limit in the last 7 days; a strength or
  balance test whose latest result is at risk (saying so when it was not at risk before); height lost past a
  threshold for a spine X-ray (docs/clinical-rules.md, "Falls and function", "Height");
- low: below an exercise target in each of the last two full weeks, both weeks of her membership.

A flag is one event with a key: the pain report's session, the fall, the last day she logged before going
quiet, the newest day above a limit, the later of the two weeks below target. Marking it "handled" clears it
until there is a new event, which has a new key.
"""
from dataclasses import dataclass
from datetime import date, timedelta
from enum import IntEnum
from typing import Any

from app.care.reviews import HANDLED, Kind
from app.guidance.summary import FULL, WeekSummary
from app.guidance.targets import SHORT_LABELS, Status

QUIET_DAYS = 7     # "nothing logged for 7 days"
RECENT_DAYS = 7    # pain and upper limits count for a week


class Severity(IntEnum):
    LOW = 1
    MEDIUM = 2
    HIGH = 3


SEVERITY_LABELS = {Severity.HIGH: "High", Severity.MEDIUM: "Medium", Severity.LOW: "Low"}




@dataclass(frozen=True)
class PainReport:
    session_id: int
    day: date
    where: str | None


@dataclass(frozen=True)
class FallReport:
    fall_id: int
    day: date
    injured: bool
    fracture: bool
    what_happened: str = ""


@dataclass(frozen=True)
class MissedDose:
    """A denosumab dose due since `since` and not recorded (4 weeks or more: app/reminders/medicines.py)."""
    medication_id: int
    name: str
    since: date


@dataclass(frozen=True)
class TestAtRisk:
    """The latest result of one STEADI test, at risk (app/guidance/function.py judged it)."""
    result_id: int
    name: str            # "30-second chair stand"
    day: date
    value_text: str      # "9 stands"
    why: str             # the judgement: "Below average for women 70–74 (fewer than 10 stands)"
    was_not_at_risk_on: date | None = None   # it moved from not at risk (the previous result's day)


@dataclass(frozen=True)
class HeightAlert:
    key: str
    loss_cm: float
    historical: bool     # from her remembered young-adult height (4 cm), else between measured heights (2 cm)
    day: date


@dataclass(frozen=True)
class Review:
    state: str          # SEEN or HANDLED
    by_name: str
    at: str             # ISO timestamp
    note: str | None


@dataclass(frozen=True)
class Flag:
    kind: str
    key: str
    severity: Severity
    text: str
    session_id: int | None = None
    review: Review | None = None

    def as_dict(self) -> dict[str, Any]:
        review = self.review
        return {"kind": self.kind, "key": self.key, "severity": int(self.severity), "text": self.text,
                "session_id": self.session_id,
                "review": None if review is None else {"state": review.state, "by_name": review.by_name,
                                                       "at": review.at, "note": review.note}}


def _day(d: date) -> str:
    return d.strftime("%a %-d %b")


def flags_for(weeks: list[WeekSummary], last_logged: date | None, today: date, pain: list[PainReport],
              falls: list[FallReport], reviews: dict[tuple[str, str], Review], member_since: date,
              missed: list[MissedDose] | None = None, tests: list[TestAtRisk] | None = None,
              height: HeightAlert | None = None) -> list[Flag]:
    """Her open flags (handled ones dropped), most severe first; `weeks` are two weeks ago, last week, this week.
    A member of less than 7 days is not "quiet"."""
    two_weeks_ago, last_week, _ = weeks
    recent = today - timedelta(days=RECENT_DAYS - 1)
    found: list[Flag] = []
    recent_pain = sorted((p for p in pain if recent <= p.day <= today), key=lambda p: (p.day, p.session_id))
    if recent_pain:
        newest = recent_pain[-1]
        where = f" ({newest.where})" if newest.where else ""
        more = f", {len(recent_pain)} reports this week" if len(recent_pain) > 1 else ""
        found.append(Flag(Kind.PAIN, str(newest.session_id), Severity.HIGH,
                          f"Pain reported on {_day(newest.day)}{where}{more}", session_id=newest.session_id))
    for fall in sorted(falls, key=lambda f: (f.day, f.fall_id), reverse=True):
        # What a careful therapist needs without a detour: what happened, whether she was hurt, whether a bone broke.
        what = f": {fall.what_happened.rstrip('.')}" if fall.what_happened else ""
        broke = "a bone broke (impact limited until the fracture is recorded)" if fall.fracture else "no bone broke"
        details = f"{'Hurt' if fall.injured else 'Not hurt'}; {broke}"
        found.append(Flag(Kind.FALL, str(fall.fall_id), Severity.HIGH, f"Fall on {_day(fall.day)}{what}. {details}."))
    for dose in missed or []:  # docs/clinical-rules.md, "Medicines": denosumab 4+ weeks overdue
        late = (today - dose.since).days // 7
        found.append(Flag(Kind.MEDICINE, f"{dose.medication_id}:{dose.since.isoformat()}", Severity.MEDIUM,
                          f"{dose.name}: due since {_day(dose.since)}, {late} weeks without a dose recorded "
                          "(a dose over 16 weeks late was linked to more spine fractures: Lyu 2020)"))
    for test in tests or []:  # docs/clinical-rules.md, "Falls and function"
        moved = (f", not at risk on {_day(test.was_not_at_risk_on)}" if test.was_not_at_risk_on else "")
        found.append(Flag(Kind.FUNCTION, str(test.result_id), Severity.MEDIUM,
                          f"{test.name} at risk on {_day(test.day)}: {test.value_text}{moved}. {test.why}."))
    if height is not None:  # docs/clinical-rules.md, "Height"
        since = "from the height she remembers as a young adult" if height.historical else "between measurements"
        found.append(Flag(Kind.HEIGHT, height.key, Severity.MEDIUM,
                          f"Height {height.loss_cm:g} cm less {since} ({_day(height.day)}): a spine X-ray "
                          "(vertebral fracture assessment) may be indicated (BHOF 2022)"))
    quiet_since = today - timedelta(days=QUIET_DAYS - 1)
    if member_since <= today - timedelta(days=QUIET_DAYS) and (last_logged is None or last_logged < quiet_since):
        text = (f"Nothing logged since {_day(last_logged)}" if last_logged
                else "Nothing logged yet")
        found.append(Flag(Kind.QUIET, last_logged.isoformat() if last_logged else "never", Severity.MEDIUM,
                          f"{text} ({QUIET_DAYS}+ days)"))
    above = sorted({(d, n.label) for w in weeks for n in w.nutrition for d in n.above_limit_days
                    if recent <= d <= today})
    if above:
        labels = ", ".join(sorted({label for _, label in above})).lower()
        found.append(Flag(Kind.ABOVE_LIMIT, above[-1][0].isoformat(), Severity.MEDIUM,
                          f"Above an upper limit: {labels}, last on {_day(above[-1][0])}"))
    if two_weeks_ago.judged == FULL and last_week.judged == FULL:
        pairs = zip(two_weeks_ago.exercise, last_week.exercise, strict=True)
        below = [SHORT_LABELS.get(a.key, a.label) for a, b in pairs
                 if a.key == b.key and a.status == Status.BELOW and b.status == Status.BELOW]
        if below:
            found.append(Flag(Kind.BELOW, last_week.monday.isoformat(), Severity.LOW,
                              "Below target two full weeks running: " + ", ".join(below).lower()))
    flags = []
    for flag in found:
        review = reviews.get((flag.kind, flag.key))
        if review is not None and review.state == HANDLED:
            continue
        flags.append(Flag(flag.kind, flag.key, flag.severity, flag.text, flag.session_id, review))
    flags.sort(key=lambda f: -f.severity)
    return flags


def attention(flags: list[Flag]) -> int:
    """The highest severity among flags nobody has seen yet (0: nothing new)."""
    return max((int(f.severity) for f in flags if f.review is None), default=0)
