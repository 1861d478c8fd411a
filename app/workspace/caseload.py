"""A therapist's client list: one stored row per client (ClientStatus), sorted, searched and paged in SQL.

Why stored rows: judging a client's week means three weekly summaries over her logs, targets and history; for
200 clients that is 600 summaries on every visit to the list (0.03 of the baseline page). The row is built once
and kept until something it is built from changes:
- a write to any of her data bumps `ClientStatus.version` in the same transaction (`_bump_versions`, a flush
  hook, so no write path can forget it);
- the row also goes stale when her calendar moves on (`computed_for` is her local date when it was built), since
  "this week" and "nothing logged for 7 days" depend on the day.
The list rebuilds every stale row of the caseload in one batch (a fixed number of statements whatever their
number), then reads one page. A row built from a read that raced a write keeps the version it read, so the write
still makes it stale.
"""
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import chain
from typing import Any

from flask import has_request_context
from sqlalchemy import case, event, func, select, union_all, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from app.access import client_ids
from app.auth.models import User
from app.care.models import AccessRecord, CareLink, ClientStatus, Comment, FlagReview, InviteCode, LinkStatus
from app.exercises.models import ExerciseSession, ProgramItem, SessionEntry
from app.extensions import db
from app.function.services import Result, height_losses
from app.function.services import histories as function_histories
from app.guidance.calendar import today_in
from app.guidance.function import TESTS, Band
from app.guidance.summary import WeekSummary, summarize_week
from app.guidance.targets import SHORT_LABELS, Status
from app.guidance.weeks import week_start
from app.nutrition.models import FoodLog
from app.profile.models import Fall, MemberProfile
from app.progress.services import day_totals
from app.reminders.medicines import due_from, medicines_of
from app.targets.services import histories
from app.workspace.flags import (
    FallReport,
    HeightAlert,
    MissedDose,
    PainReport,
    Review,
    TestAtRisk,
    attention,
    flags_for,
)

PAGE_SIZE = 25
ROW_FORMAT = 3  # bump when what a stored row holds changes: every row is rebuilt on the next visit
SORTS = ("attention", "name", "last_logged", "status", "adherence", "fall_risk")
TARGET_SORT = "t:"  # "t:calcium_mg": by how far short that target is this week
# Targets not on course this week: what the "status" column sorts by.
SHORT = (Status.BELOW, Status.BEHIND, Status.CLOSE)
# How far short a target is, to sort a target's column by (not judged sorts with met).
# How much a target's cell asks for attention, for its column's sort: above an upper limit first, then short.
RANKS = {Status.ABOVE_LIMIT: 5, Status.BELOW: 4, Status.BEHIND: 3, Status.CLOSE: 2, Status.ON_TRACK: 1, Status.MET: 0}


def valid_sort(sort: str) -> str:
    """The sort asked for if it is one the list knows, else "attention"."""
    if sort in SORTS or (sort.startswith(TARGET_SORT) and sort[len(TARGET_SORT):] in SHORT_LABELS):
        return sort
    return "attention"


# --- Building a client's row -------------------------------------------------------------------------------------

def _target_cells(week: WeekSummary) -> list[dict[str, Any]]:
    cells = [{"key": m.key, "label": m.label, "short": SHORT_LABELS.get(m.key, m.label), "status": m.status,
              "text": f"{m.actual:,.0f}/{m.target:,.0f}"} for m in week.exercise]
    for n in week.nutrition:
        target = n.target.value if n.target else None
        text = "no food" if n.average is None else (
            f"{n.average:,.0f}/{target:,.0f}" if target is not None else f"{n.average:,.0f}")
        if n.status == Status.ABOVE_LIMIT:
            text += ", above the limit"
        cells.append({"key": n.key, "label": n.label, "short": SHORT_LABELS.get(n.key, n.label), "status": n.status,
                      "text": text})
    return cells


def build_rows(members: list[User], versions: dict[int, int], now: datetime) -> list[dict[str, Any]]:
    """The stored rows of these members, from their data, in a fixed number of statements."""
    ids = [m.id for m in members]
    todays = {m.id: today_in(m.timezone, now) for m in members}
    first = min(week_start(d) for d in todays.values()) - timedelta(weeks=2)
    last = max(todays.values())
    totals = day_totals(tuple(ids), first, last)  # one statement: exercise, food, supplements (and drinks) by day
    exercise, food, supplements = totals.exercise, totals.food, totals.supplements
    history = histories(ids)
    last_day = union_all(
        select(ExerciseSession.member_id.label("member_id"), func.max(ExerciseSession.session_date).label("day"))
        .where(ExerciseSession.member_id.in_(ids)).group_by(ExerciseSession.member_id),
        select(FoodLog.member_id, func.max(FoodLog.log_date)).where(FoodLog.member_id.in_(ids))
        .group_by(FoodLog.member_id)).subquery()
    last_logged_on = dict(db.session.execute(select(last_day.c.member_id, func.max(last_day.c.day))
                                             .group_by(last_day.c.member_id)).all())
    pain: dict[int, list[PainReport]] = {}
    for session_id, member_id, day, where in db.session.execute(
            select(ExerciseSession.id, ExerciseSession.member_id, ExerciseSession.session_date,
                   ExerciseSession.pain_where)
            .where(ExerciseSession.member_id.in_(ids), ExerciseSession.pain.is_(True),
                   ExerciseSession.session_date.between(first, last))):
        pain.setdefault(member_id, []).append(PainReport(session_id, day, where))
    falls: dict[int, list[FallReport]] = {}
    for fall in db.session.scalars(select(Fall).where(Fall.member_id.in_(ids))):
        falls.setdefault(fall.member_id, []).append(FallReport(fall.id, fall.fall_date, fall.injured, fall.fracture,
                                                                fall.what_happened))
    reviews: dict[int, dict[tuple[str, str], Review]] = {}
    for r in db.session.scalars(select(FlagReview).where(FlagReview.member_id.in_(ids))
                                .order_by(FlagReview.at, FlagReview.id)):  # the latest review of a flag wins
        reviews.setdefault(r.member_id, {})[(r.kind, r.event_key)] = Review(r.state, r.by_name, r.at.isoformat(),
                                                                            r.note)
    adherence = _adherence(ids, todays, first, last)
    medicines = medicines_of(ids)
    function = function_histories(ids)
    heights = height_losses(ids)

    rows = []
    for member in members:
        today = todays[member.id]
        this_monday = week_start(today)
        weeks = [summarize_week(monday, today, history[member.id].targets_on, exercise.get(member.id, {}),
                                food.get(member.id, {}), supplements.get(member.id, {}),
                                member_since=member.member_since)
                 for monday in (this_monday - timedelta(weeks=2), this_monday - timedelta(weeks=1), this_monday)]
        last_logged = last_logged_on.get(member.id)
        missed = [MissedDose(d.medication.id, d.medication.name, d.since)
                  for d in due_from(medicines.get(member.id, []), today) if d.denosumab_flag]
        latest = {test: results[-1] for test, results in function[member.id].items() if results}
        at_risk = [_at_risk(results) for results in function[member.id].values() if results and results[-1].at_risk]
        loss = heights[member.id]
        height = None if loss is None else HeightAlert(loss.key, loss.loss_cm, loss.kind == "historical", loss.on)
        flags = flags_for(weeks, last_logged, today, pain.get(member.id, []), falls.get(member.id, []),
                          reviews.get(member.id, {}), member.member_since, missed, at_risk, height)
        cells = _target_cells(weeks[-1])
        rows.append({
            "member_id": member.id, "computed_version": versions.get(member.id, 0), "row_format": ROW_FORMAT,
            "computed_for": today,
            "week_start": this_monday, "last_logged": last_logged, "targets": cells,
            "target_ranks": {c["key"]: RANKS.get(c["status"], 0) for c in cells},
            "short_count": sum(1 for c in cells if c["status"] in SHORT), "adherence": adherence.get(member.id),
            "flags": [f.as_dict() for f in flags], "attention": attention(flags), "open_flags": len(flags),
            "fall_risk": len(at_risk) if latest else None, "fall_tests": len(latest)})
    return rows


def _at_risk(results: list[Result]) -> TestAtRisk:
    latest = results[-1]
    before = results[-2] if len(results) >= 2 else None
    moved = before.row.taken_on if before is not None and before.judgement.band == Band.NOT_AT_RISK else None
    return TestAtRisk(latest.row.id, TESTS[latest.test].name, latest.row.taken_on, latest.value_text,
                      latest.judgement.text, moved)


def _adherence(ids: list[int], todays: dict[int, date], first: date, last: date) -> dict[int, int]:
    """% of this week's prescribed program days done so far: each item counts up to its days per week."""
    prescribed: dict[int, dict[int, int]] = {}
    for member_id, exercise_id, days in db.session.execute(
            select(ProgramItem.member_id, ProgramItem.exercise_id, ProgramItem.days_per_week)
            .where(ProgramItem.member_id.in_(ids))):
        mine = prescribed.setdefault(member_id, {})
        mine[exercise_id] = mine.get(exercise_id, 0) + days
    if not prescribed:
        return {}
    done: dict[tuple[int, int], set[date]] = {}
    for member_id, exercise_id, day in db.session.execute(
            select(ExerciseSession.member_id, SessionEntry.exercise_id, ExerciseSession.session_date).distinct()
            .join(SessionEntry, SessionEntry.session_id == ExerciseSession.id)
            .where(ExerciseSession.member_id.in_(list(prescribed)), ExerciseSession.session_date.between(first, last))):
        done.setdefault((member_id, exercise_id), set()).add(day)
    result = {}
    for member_id, items in prescribed.items():
        monday, today = week_start(todays[member_id]), todays[member_id]
        total = sum(items.values())
        hit = sum(min(days, len({d for d in done.get((member_id, ex), ()) if monday <= d <= today}))
                  for ex, days in items.items())
        result[member_id] = round(100 * hit / total) if total else None
    return result


def _upsert(rows: list[dict[str, Any]]) -> None:
    dialect = postgresql if db.engine.dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(ClientStatus)
    columns = [c for c in rows[0] if c != "member_id"]
    db.session.execute(stmt.on_conflict_do_update(index_elements=[ClientStatus.member_id],
                                                  set_={c: stmt.excluded[c] for c in columns}), rows)


def _rebuild_stale(where: Any, now: datetime) -> int:
    state = db.session.execute(
        select(User.id, User.timezone, ClientStatus.version, ClientStatus.computed_version, ClientStatus.computed_for,
               ClientStatus.row_format)
        .outerjoin(ClientStatus, ClientStatus.member_id == User.id).where(where)).all()
    stale = {member_id: version or 0 for member_id, tz, version, computed, computed_for, row_format in state
             if computed is None or computed != version or row_format != ROW_FORMAT
             or computed_for != today_in(tz, now)}
    if not stale:
        return 0
    if has_request_context():
        from app.transactions import begin_writing
        begin_writing()
    members = list(db.session.scalars(select(User).where(User.id.in_(list(stale)))))
    _upsert(build_rows(members, stale, now))
    db.session.commit()
    return len(stale)


def refresh(therapist_id: int, now: datetime | None = None) -> int:
    """Rebuild the stale rows of her caseload; returns how many were rebuilt."""
    return _rebuild_stale(User.id.in_(client_ids(therapist_id)), now or datetime.now(UTC))


def client_status(member_id: int, now: datetime | None = None) -> ClientStatus:
    """One client's row, rebuilt first if stale (her pages show her flags)."""
    _rebuild_stale(User.id == member_id, now or datetime.now(UTC))
    return db.session.get(ClientStatus, member_id, populate_existing=True)


# --- Reading the list --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CaseloadRow:
    member_id: int
    name: str
    status: ClientStatus


@dataclass(frozen=True)
class Caseload:
    rows: list[CaseloadRow]
    total: int             # clients matching the search and filter
    all_clients: int
    needing_attention: int
    page: int
    pages: int
    sort: str
    descending: bool
    query: str
    attention_only: bool
    columns: list[tuple[str, str, str]]   # (key, label, short label) of the target cells, in order


def _order(sort: str, descending: bool) -> list[Any]:
    cs, name = ClientStatus, func.lower(User.display_name)
    if sort == "name":
        return [name.desc() if descending else name, User.id]
    if sort == "last_logged":
        key = cs.last_logged.desc().nulls_last() if descending else cs.last_logged.asc().nulls_first()
        return [key, name, User.id]
    if sort == "status":
        return [cs.short_count.desc() if descending else cs.short_count.asc(), name, User.id]
    if sort.startswith(TARGET_SORT):
        rank = cs.target_ranks[sort[len(TARGET_SORT):]].as_integer()
        return [rank.desc().nulls_last() if descending else rank.asc().nulls_last(), name, User.id]
    if sort == "fall_risk":  # how many tests' latest results are at risk; clients with no test last either way
        key = cs.fall_risk.desc().nulls_last() if descending else cs.fall_risk.asc().nulls_last()
        return [key, name, User.id]
    if sort == "adherence":
        key = cs.adherence.desc().nulls_last() if descending else cs.adherence.asc().nulls_last()
        return [key, name, User.id]
    # attention: new high flags first, then open flags, then the longest quiet
    return [cs.attention.desc(), cs.open_flags.desc(), cs.last_logged.asc().nulls_first(), name, User.id]


def caseload(therapist_id: int, *, sort: str = "attention", descending: bool = False, query: str = "",
             attention_only: bool = False, page: int = 1, now: datetime | None = None) -> Caseload:
    """One page of her clients, rebuilt where stale: constant statements in the number of clients."""
    refresh(therapist_id, now)
    sort = valid_sort(sort)
    base = (select(User.id, User.display_name, ClientStatus)
            .join(CareLink, CareLink.member_id == User.id)
            .join(ClientStatus, ClientStatus.member_id == User.id)
            .where(CareLink.therapist_id == therapist_id, CareLink.status == LinkStatus.ACTIVE))
    counts = db.session.execute(
        select(func.count(), func.coalesce(func.sum(case((ClientStatus.attention > 0, 1), else_=0)), 0))
        .select_from(CareLink).join(ClientStatus, ClientStatus.member_id == CareLink.member_id)
        .where(CareLink.therapist_id == therapist_id, CareLink.status == LinkStatus.ACTIVE)).one()
    all_clients, needing = int(counts[0]), int(counts[1])
    query = "".join(ch for ch in query if ch.isprintable()).strip()[:80]  # no NUL: PostgreSQL text refuses it
    filtered = base
    if query:
        filtered = filtered.where(func.lower(User.display_name).contains(query.lower(), autoescape=True))
    if attention_only:
        filtered = filtered.where(ClientStatus.attention > 0)
    if query or attention_only:
        total = db.session.scalar(select(func.count()).select_from(filtered.subquery())) or 0
    else:
        total = all_clients
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(page, 1), pages)
    found = db.session.execute(filtered.order_by(*_order(sort, descending))
                               .limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)).all()
    rows = [CaseloadRow(member_id, name, status) for member_id, name, status in found]
    columns = [(c["key"], c["label"], c.get("short", c["label"])) for c in rows[0].status.targets] if rows else []
    return Caseload(rows, total, all_clients, needing, page, pages, sort, descending, query, attention_only,
                    columns)


# --- Keeping rows current on write -------------------------------------------------------------------------------

# Rows that don't feed the list: a visit, a comment, a code. Everything else of hers marks her row stale.
_IGNORED = (ClientStatus, AccessRecord, Comment, InviteCode)


def _touched(session: Session) -> tuple[set[int], set[int]]:
    members: set[int] = set()
    sessions: set[int] = set()
    for obj in chain(session.new, session.dirty, session.deleted):
        if isinstance(obj, _IGNORED):
            continue
        if isinstance(obj, User):
            members.add(obj.id)
        elif isinstance(obj, MemberProfile):
            members.add(obj.user_id)
        elif isinstance(obj, SessionEntry):
            sessions.add(obj.session_id)
        elif isinstance(getattr(obj, "member_id", None), int):
            members.add(obj.member_id)
    members.discard(None)  # type: ignore[arg-type]
    sessions.discard(None)  # type: ignore[arg-type]
    return members, sessions


@event.listens_for(Session, "after_flush")
def _bump_versions(session: Session, _context: Any) -> None:
    members, sessions = _touched(session)
    if not members and not sessions:
        return
    connection = session.connection()
    bump = update(ClientStatus).values(version=ClientStatus.version + 1)
    if sessions:
        owners = select(ExerciseSession.member_id).where(ExerciseSession.id.in_(sessions))
        if members:
            connection.execute(bump.where(ClientStatus.member_id.in_(members) | ClientStatus.member_id.in_(owners)))
        else:
            connection.execute(bump.where(ClientStatus.member_id.in_(owners)))
    else:
        connection.execute(bump.where(ClientStatus.member_id.in_(members)))


# --- Seeing and handling a flag ---------------------------------------------------------------------------------

class FlagGone(LookupError):
    """The flag is no longer open (handled elsewhere, or its event was deleted)."""


def review_flag(member_id: int, kind: str, key: str, state: str, note: str | None, therapist: User) -> FlagReview:
    """Record that `therapist` saw or handled one of her open flags."""
    status = client_status(member_id)
    if not any(f["kind"] == kind and f["key"] == key for f in status.flags):
        raise FlagGone("That flag is no longer open: it was handled, or what raised it was removed.")
    review = FlagReview(member_id=member_id, kind=kind, event_key=key, state=state, note=note or None,
                        by_id=therapist.id, by_name=therapist.display_name)
    db.session.add(review)
    return review
