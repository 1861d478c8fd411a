"""Demo data for `flask seed-demo`: twelve weeks of one member's life, and a therapist with a caseload.

Everything is built through the same services the pages use (save_session, apply_food_log, take_supplement),
from the shipped catalog and the USDA food table, so every number on a demo page is computed, not typed in.
Dates are relative to "today" in each demo person's time zone, and the logs are drawn from a seeded random
generator: the same today gives the same data. Running it again replaces the demo people's data.
"""
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import selectinload

from app.auth.models import Role, User
from app.auth.services import create_user, find_user_by_email, set_password
from app.care.models import (
    AccessRecord,
    CareLink,
    ClientStatus,
    Comment,
    FlagReview,
    InviteCode,
    LinkStatus,
    ProgramTemplate,
    ProgramTemplateItem,
)
from app.exercises.models import Exercise, ExerciseSession, ProgramItem, SessionEntry
from app.exercises.services import EntryData, SessionData, save_session
from app.extensions import db
from app.function.models import FunctionRequest, FunctionResult
from app.guidance.amounts import unit_for_measure
from app.guidance.calendar import today_in
from app.guidance.weeks import week_start
from app.nutrition.models import AlcoholLog, Food, FoodFavourite, FoodLog, Supplement, SupplementLog
from app.nutrition.services import Amount, apply_food_log, new_drinks, take_supplement, units_of
from app.profile.models import BodyWeight, DxaScan, Fall, Fracture, Height, Medication, RiskFactorAnswer
from app.profile.services import get_profile
from app.targets.models import TargetOverride

DEMO_PASSWORD = "ossify-demo-2026"
DEMO_MEMBER = "member@demo.ossify"
DEMO_THERAPIST = "therapist@demo.ossify"
DEMO_TIMEZONE = "America/New_York"
WEEKS = 12


@dataclass(frozen=True)
class DemoClient:
    email: str
    name: str
    born: date
    weight_kg: float
    weeks: int  # how much history she has
    quiet_days: int  # nothing logged for this many days before today
    pain: bool  # reported pain in her latest band session
    extra_calcium_tablets: int  # on top of the usual routine (above the upper limit when large)
    status: str = LinkStatus.ACTIVE
    keen: bool = False  # walks most days and does her heel drops and balance work
    scanned: bool = False  # has a DXA on record (the others show the screening note to the therapist)
    fell_days_ago: int | None = None  # recorded a fall this many days ago


# The demo therapist's other clients, each showing one thing the client dashboard flags.
OTHER_CLIENTS = [
    DemoClient("joan@demo.ossify", "Joan (demo)", date(1952, 9, 3), 58.0, 6, 0, False, 0, keen=True, scanned=True,
               fell_days_ago=2),
    DemoClient("ruth@demo.ossify", "Ruth (demo)", date(1949, 1, 22), 66.0, 5, 10, False, 0, scanned=True),
    DemoClient("aiko@demo.ossify", "Aiko (demo)", date(1961, 6, 30), 52.0, 4, 0, True, 0),
    DemoClient("elena@demo.ossify", "Elena (demo)", date(1956, 11, 8), 70.0, 3, 0, False, 5),
    DemoClient("grace@demo.ossify", "Grace (demo)", date(1959, 2, 14), 63.0, 2, 0, False, 0, LinkStatus.INVITED),
]

# Meals from the USDA SR28 table (NDB numbers), servings of the food's first household measure.
BREAKFASTS = [[("01085", 1), ("18075", 2)], [("01117", 1), ("09040", 1)], [("09210", 1), ("18258", 1), ("01009", 1)],
              [("01256", 1), ("12061", 1)], [("01132", 1), ("18075", 1), ("09210", 1)]]
LUNCHES = [[("15088", 1), ("18069", 2)], [("16426", 1), ("11091", 1), ("20037", 1)], [("15084", 1), ("11457", 2)],
           [("01015", 1), ("09003", 1)], [("16158", 1), ("18041", 1), ("11251", 2)]]
DINNERS = [[("05064", 1), ("11091", 2), ("20045", 1)], [("15237", 1), ("11162", 1), ("20037", 1)],
           [("13454", 1), ("11234", 1)], [("16126", 1), ("11117", 2), ("20045", 1)], [("01028", 2), ("18029", 2)]]
SNACKS = [[("01082", 1)], [("12061", 1)], [("01220", 1)], [("01009", 1), ("18228", 4)]]
# Food calcium a demo day stays under, so that food plus the usual 600–630 mg of tablets stays below the
# 2,000 mg upper limit (NAM_2011) unless a demo client is meant to show that flag.
FOOD_CALCIUM_CAP_MG = 1300


def seed(hash_method: str) -> tuple[User, User]:
    """(Re)create the demo member with twelve weeks of logs and the demo therapist with six clients."""
    catalog = {e.slug: e for e in db.session.scalars(select(Exercise).where(Exercise.slug.is_not(None)))}
    used = {ndb for menu in (BREAKFASTS, LUNCHES, DINNERS, SNACKS) for meal in menu for ndb, _ in meal}
    foods = {f.source_id: f for f in db.session.scalars(
        select(Food).where(Food.source_id.in_(used)).options(selectinload(Food.servings)))}
    therapist = _fresh_user(DEMO_THERAPIST, "Priya, PT (demo)", Role.THERAPIST, hash_method)
    member = _fresh_user(DEMO_MEMBER, "Margaret (demo)", Role.MEMBER, hash_method)
    today = today_in(DEMO_TIMEZONE)
    _margaret(member, therapist, today, catalog, foods)
    for n, person in enumerate(OTHER_CLIENTS):
        client = _fresh_user(person.email, person.name, Role.MEMBER, hash_method)
        _other_client(client, therapist, person, today, catalog, foods, random.Random(f"{today}-{n}"))
    # A template of Priya's, to apply to a client and adjust.
    db.session.add(ProgramTemplate(therapist_id=therapist.id, name="Balance and posture starter", items=[
        ProgramTemplateItem(position=0, exercise_id=catalog["tandem_stance"].id, sets=3, hold_seconds=30,
                            rest_seconds=30, days_per_week=3, notes="Near a counter."),
        ProgramTemplateItem(position=1, exercise_id=catalog["single_leg_stand"].id, sets=3, hold_seconds=20,
                            each_side=True, days_per_week=3, notes="A hand on the counter to start."),
        ProgramTemplateItem(position=2, exercise_id=catalog["sit_to_stand"].id, sets=2, reps=10, rest_seconds=60,
                            days_per_week=3),
        ProgramTemplateItem(position=3, exercise_id=catalog["chin_tucks"].id, sets=2, reps=10, days_per_week=5)]))
    db.session.flush()
    return member, therapist


def _fresh_user(email: str, name: str, role: Role, hash_method: str) -> User:
    """The account with this email and none of its data (created if missing, password reset to the demo's)."""
    user = find_user_by_email(email)
    if user is None:
        return create_user(email, name, DEMO_PASSWORD, role, hash_method, timezone=DEMO_TIMEZONE)
    set_password(user, DEMO_PASSWORD, hash_method)
    user.display_name, user.timezone, user.active = name, DEMO_TIMEZONE, True
    _clear(user.id)
    return user


def _clear(user_id: int) -> None:
    """Delete what this demo person logged or was linked to, children first."""
    sessions = select(ExerciseSession.id).where(ExerciseSession.member_id == user_id)
    db.session.execute(delete(Comment).where(or_(Comment.member_id == user_id, Comment.author_id == user_id)))
    db.session.execute(delete(SessionEntry).where(SessionEntry.session_id.in_(sessions)))
    for model in (ExerciseSession, FoodLog, SupplementLog, FoodFavourite, Supplement, DxaScan, Fracture, Medication,
                  BodyWeight, InviteCode, AccessRecord, TargetOverride, AlcoholLog, RiskFactorAnswer, Fall, FlagReview,
                  ClientStatus, FunctionResult, FunctionRequest, Height):
        db.session.execute(delete(model).where(model.member_id == user_id))
    for model in (ProgramItem, CareLink):
        db.session.execute(delete(model).where(or_(model.member_id == user_id, model.therapist_id == user_id)))
    db.session.execute(delete(ProgramTemplate).where(ProgramTemplate.therapist_id == user_id))
    db.session.execute(delete(Exercise).where(Exercise.member_id == user_id))
    db.session.execute(delete(Food).where(Food.member_id == user_id))
    db.session.flush()
    db.session.expire_all()


def _profile(user: User, born: date, weight_kg: float, today: date) -> None:
    profile = get_profile(user.id)
    profile.date_of_birth, profile.sex = born, "female"
    db.session.add(BodyWeight(member_id=user.id, measured_on=today - timedelta(weeks=WEEKS), weight_kg=weight_kg))
    profile.unit_system, profile.vitamin_d_unit = "us", "IU"
    profile.screening_note_hidden_at = None


def _margaret(member: User, therapist: User, today: date, catalog: dict, foods: dict) -> None:
    """Margaret, 68: osteoporosis at the spine, a wrist fracture, alendronate; twelve weeks of work."""
    rng = random.Random(f"{today}-margaret")
    member.created_at = _at(today - timedelta(days=7 * WEEKS + 3), 9)  # she joined just before her twelve weeks
    _profile(member, date(1958, 4, 12), 61.0, today)
    m = member.id
    db.session.add_all([
        DxaScan(member_id=m, scan_date=date(2021, 3, 9), site="lumbar_spine", t_score=-1.9),
        DxaScan(member_id=m, scan_date=date(2021, 3, 9), site="total_hip", t_score=-1.6),
        DxaScan(member_id=m, scan_date=date(2021, 3, 9), site="femoral_neck", t_score=-2.0),
        DxaScan(member_id=m, scan_date=date(2023, 3, 14), site="lumbar_spine", t_score=-2.6),
        DxaScan(member_id=m, scan_date=date(2023, 3, 14), site="total_hip", t_score=-1.8),
        DxaScan(member_id=m, scan_date=date(2023, 3, 14), site="femoral_neck", t_score=-2.2),
        DxaScan(member_id=m, scan_date=date(2025, 3, 18), site="lumbar_spine", t_score=-2.5),
        DxaScan(member_id=m, scan_date=date(2025, 3, 18), site="total_hip", t_score=-1.8),
        DxaScan(member_id=m, scan_date=date(2025, 3, 18), site="femoral_neck", t_score=-2.1),
        Fracture(member_id=m, fracture_date=date(2019, 11, 2), site="wrist", vertebral=False, low_trauma=True),
        Medication(member_id=m, name="Alendronate", start_date=date(2023, 4, 1)),
        # Her checklist answers; age, sex, the fracture, calcium, activity and alcohol Ossify fills in itself.
        *(RiskFactorAnswer(member_id=m, factor=key, answer=answer) for key, answer in (
            ("menopause", "yes"), ("smoking", "no"), ("parent_hip_fracture", "yes"), ("low_body_weight", "no"),
            ("conditions", "no"), ("medicines", "unsure"))),
    ])
    # Her strength and balance tests: a chair stand below average for her age twelve weeks ago, average now (her
    # band work), the rest not at risk; her height measured twice, 2.1 cm under what she remembers (no X-ray note).
    get_profile(m).young_adult_height_cm = 165.0
    db.session.add_all([
        FunctionResult(member_id=m, test="chair_stand", taken_on=today - timedelta(weeks=WEEKS), value=10,
                       loinc="66247-8", measured_by_id=therapist.id, measured_by_name=therapist.display_name),
        FunctionResult(member_id=m, test="chair_stand", taken_on=today - timedelta(weeks=2), value=12,
                       loinc="66247-8"),
        FunctionResult(member_id=m, test="timed_up_and_go", taken_on=today - timedelta(weeks=WEEKS), value=11.2,
                       loinc="89423-8", measured_by_id=therapist.id, measured_by_name=therapist.display_name),
        FunctionResult(member_id=m, test="balance", taken_on=today - timedelta(weeks=2), value=3),
        FunctionResult(member_id=m, test="stay_independent", taken_on=today - timedelta(weeks=2), value=2,
                       answers=["worried", "toilet"], loinc="97885-8"),
        Height(member_id=m, measured_on=today - timedelta(days=365), height_cm=163.4),
        Height(member_id=m, measured_on=today - timedelta(weeks=2), height_cm=162.9),
    ])
    calcium_d = Supplement(member_id=m, kind="calcium_vitamin_d", name="Calcium citrate + D3", unit_name="tablet",
                           calcium_mg=315, vitamin_d_iu=250, usual_quantity=1)
    vitamin_d = Supplement(member_id=m, kind="vitamin_d", name="Vitamin D3 1000 IU", unit_name="softgel",
                           vitamin_d_iu=1000, usual_quantity=1)
    db.session.add_all([calcium_d, vitamin_d])
    db.session.add(CareLink(member_id=m, therapist_id=therapist.id, status=LinkStatus.ACTIVE,
                            accepted_at=_at(today - timedelta(days=7 * WEEKS + 3), 10)))
    db.session.flush()

    first = today - timedelta(days=7 * WEEKS - 1)
    away = week_start(today) - timedelta(days=7 * 7)  # week 6 of 12: visiting her sister, nothing logged
    band = "red"
    band_sessions = 0
    pain_day = week_start(today) - timedelta(days=7 * 3) + timedelta(days=1)  # a Tuesday three weeks ago
    saved = []
    for offset in range(7 * WEEKS):
        day = first + timedelta(days=offset)
        if away <= day < away + timedelta(days=7):
            continue
        weekday = day.weekday()
        if weekday in (1, 4):  # band days: Tuesday and Friday, moving from red to green after four weeks
            band_sessions += 1
            band = "green" if band_sessions > 8 else "red"
            saved.append(_band_session(m, day, band, catalog, pain=(day == pain_day), easy=rng.random() < 0.5))
        elif weekday in (0, 2, 3, 5) and rng.random() < 0.9:
            saved.append(_walk(m, day, rng, catalog, brisk=0.8, extras=True))
        elif weekday == 6 and rng.random() < 0.6:
            saved.append(_session(m, day, catalog, [("dancing", {"minutes": 40})], minutes=40, effort=4,
                                  start=time(19, 0)))
        if weekday == 5 and day != today:  # a glass of wine on Saturdays; a family party two weeks ago
            party = day == week_start(today) - timedelta(days=9)
            new_drinks(m, day, 2.5 if party else 1, "us", None)
        if day == today:  # this morning: breakfast and the first tablet are in, the rest of the day isn't
            _eat(m, day, rng, foods, meals=("breakfast",))
            take_supplement(m, calcium_d, day, 1)
            continue
        if rng.random() < 0.9:
            _eat(m, day, rng, foods)
        if rng.random() < 0.92:  # the routine: one tablet with breakfast, one with dinner, and her D3
            take_supplement(m, calcium_d, day, 1)
            take_supplement(m, calcium_d, day, 1)
            if day >= first + timedelta(days=21):  # added after her doctor's advice in week 4
                take_supplement(m, vitamin_d, day, 1)

    exercises = {slug: catalog[slug].id for slug in ("band_squat", "band_row", "vigorous_heel_drops", "tandem_stance",
                                                      "prone_back_extension")}
    db.session.add_all([
        ProgramItem(member_id=m, therapist_id=therapist.id, exercise_id=exercises["band_squat"], sets=3, reps=10,
                    band_colour="green", days_per_week=2, notes="Slow on the way down; stop if the knee complains."),
        ProgramItem(member_id=m, therapist_id=therapist.id, exercise_id=exercises["band_row"], sets=3, reps=10,
                    band_colour="green", days_per_week=2, notes="Squeeze the shoulder blades together."),
        ProgramItem(member_id=m, therapist_id=therapist.id, exercise_id=exercises["vigorous_heel_drops"], sets=3,
                    reps=20, days_per_week=4, notes="Or stamping: about 50 impacts is the aim."),
        ProgramItem(member_id=m, therapist_id=therapist.id, exercise_id=exercises["prone_back_extension"], sets=2,
                    reps=8, days_per_week=2),
        ProgramItem(member_id=m, therapist_id=therapist.id, exercise_id=exercises["tandem_stance"], sets=3,
                    hold_seconds=30, days_per_week=3, notes="Near a counter."),
    ])
    pain_session = next(s for s in saved if s.session_date == pain_day)
    last_week = week_start(today) - timedelta(days=7)
    note = Comment(member_id=m, author_id=therapist.id, author_name=therapist.display_name,
                   session_id=pain_session.id, read_by_member=True, created_at=_at(pain_day + timedelta(days=1), 9),
                   body="Thanks for noting the knee. Keep the squats shallower this week and tell me how it feels.")
    db.session.add(note)
    db.session.flush()
    db.session.add_all([
        Comment(member_id=m, author_id=m, author_name=member.display_name, parent_id=note.id, read_by_member=True,
                session_id=pain_session.id, created_at=_at(pain_day + timedelta(days=1), 18),
                body="Shallower squats felt fine on Friday. No twinge."),
        Comment(member_id=m, author_id=therapist.id, author_name=therapist.display_name, week_start=last_week,
                created_at=_at(last_week + timedelta(days=7), 8),
                body="A strong week: both band sessions on green and three walks. Well done!"),
    ])
    db.session.add(TargetOverride(member_id=m, target_key="balance_days", value=3, set_by_id=therapist.id,
                                  starts_on=today - timedelta(weeks=6),
                                  reason="After the wrist fracture, balance work three days a week."))


def _other_client(user: User, therapist: User, person: DemoClient, today: date, catalog: dict, foods: dict,
                  rng: random.Random) -> None:
    _profile(user, person.born, person.weight_kg, today)
    if person.scanned:
        db.session.add_all(DxaScan(member_id=user.id, scan_date=date(2024, 9, 17), site=site, t_score=t)
                           for site, t in (("lumbar_spine", -1.8), ("total_hip", -1.4), ("femoral_neck", -1.7)))
    linked_on = today - timedelta(days=7 * person.weeks if person.status == LinkStatus.ACTIVE else 2)
    user.created_at = _at(today - timedelta(days=7 * person.weeks), 9)
    db.session.add(CareLink(member_id=user.id, therapist_id=therapist.id, status=person.status,
                            created_at=_at(linked_on, 15),
                            accepted_at=_at(linked_on, 16) if person.status == LinkStatus.ACTIVE else None))
    routine = Supplement(member_id=user.id, kind="calcium", name="Calcium carbonate 600 mg", unit_name="tablet",
                         calcium_mg=600, usual_quantity=1)
    db.session.add(routine)
    db.session.flush()
    last = today - timedelta(days=person.quiet_days)
    first = today - timedelta(days=7 * person.weeks - 1)
    band_days = [first + timedelta(days=d) for d in range(7 * person.weeks)
                 if (first + timedelta(days=d)).weekday() in (0, 3)]
    for offset in range(7 * person.weeks):
        day = first + timedelta(days=offset)
        if day > last:
            break
        if day in band_days:
            latest = day == max(d for d in band_days if d <= last)
            _band_session(user.id, day, "yellow", catalog, pain=person.pain and latest, easy=False)
        elif day.weekday() in ((1, 2, 4, 5, 6) if person.keen else (2, 5)) and rng.random() < 0.8:
            _walk(user.id, day, rng, catalog, brisk=0.9 if person.keen else 0.4, extras=person.keen)
        if rng.random() < 0.8:
            _eat(user.id, day, rng, foods)
        take_supplement(user.id, routine, day, 1 + person.extra_calcium_tablets)
    if person.keen:  # her impact work: paused while a fall of hers awaits review
        db.session.add(ProgramItem(member_id=user.id, therapist_id=therapist.id, exercise_id=catalog["stamping"].id,
                                   sets=2, reps=25, rest_seconds=60, days_per_week=4))
    if person.fell_days_ago is not None:
        db.session.add(Fall(member_id=user.id, fall_date=today - timedelta(days=person.fell_days_ago),
                            what_happened="Tripped on a rug in the hall", injured=False, fracture=False))
    if person.extra_calcium_tablets:
        db.session.add(Comment(member_id=user.id, author_id=therapist.id, author_name=therapist.display_name,
                               week_start=week_start(today), created_at=_at(today, 8),
                               body="Your calcium is above the safe upper limit: let's look at the tablets together."))


def _band_session(member_id: int, day: date, band: str, catalog: dict, pain: bool, easy: bool) -> ExerciseSession:
    reps = [10, 10, 10] if easy or band == "red" else [10, 10, 8]
    return _session(member_id, day, catalog, [
        ("band_squat", {"sets": 3, "reps_per_set": reps, "band_colour": band}),
        ("band_row", {"sets": 3, "reps_per_set": [10, 10, 10], "band_colour": band}),
        ("vigorous_heel_drops", {"sets": 3, "reps_per_set": [20, 20, 20]}),
        ("prone_back_extension", {"sets": 2, "reps_per_set": [8, 8]}),
        ("tandem_stance", {"sets": 3, "hold_seconds": 30}),
    ], minutes=35, effort=3 if easy else 5, start=time(10, 0), pain=pain)


def _walk(member_id: int, day: date, rng: random.Random, catalog: dict, brisk: float,
          extras: bool) -> ExerciseSession:
    """A walk; with `extras`, often heel drops at the door (impacts) and a balance hold afterwards."""
    minutes = rng.choice([30, 35, 40, 45, 50])
    entries: list[tuple[str, dict]] = [("brisk_walking" if rng.random() < brisk else "walking", {"minutes": minutes})]
    if extras and rng.random() < 0.75:  # 60 moderate impacts: an impact day (ROS 2022, 50+)
        entries.append(("stamping", {"sets": 3, "reps_per_set": [20, 20, 20]}))
    if extras and rng.random() < 0.5:
        entries.append(("tandem_stance", {"sets": 3, "hold_seconds": 30}))
    return _session(member_id, day, catalog, entries, minutes=minutes, effort=rng.choice([3, 4, 4, 5]),
                    start=time(8, 30))


def _session(member_id: int, day: date, catalog: dict, entries: list[tuple[str, dict]], minutes: int, effort: int,
             start: time, pain: bool = False) -> ExerciseSession:
    data = SessionData(session_date=day, start_time=start, total_minutes=minutes, effort=effort, pain=pain,
                       pain_where="right knee" if pain else None,
                       pain_note="A twinge on the last set of squats; eased after resting." if pain else None,
                       entries=[EntryData(catalog[slug].id, **fields) for slug, fields in entries])
    return save_session(ExerciseSession(member_id=member_id), data, {e.id: e for e in catalog.values()})


def _eat(member_id: int, day: date, rng: random.Random, foods: dict,
         meals: tuple[str, ...] = ("breakfast", "lunch", "dinner", "snack")) -> None:
    """A day's meals drawn from the menus above (now and then one goes unlogged), under the calcium cap."""
    menus = {"breakfast": BREAKFASTS, "lunch": LUNCHES, "dinner": DINNERS, "snack": SNACKS}
    for _ in range(20):
        plan = [(meal, rng.choice(menus[meal])) for meal in meals
                if rng.random() < (0.5 if meal == "snack" else 0.93)]
        items = [(meal, foods[ndb], servings) for meal, choice in plan for ndb, servings in choice]
        calcium = sum((food.calcium_mg_per_100g or 0) * food.servings[0].grams / 100 * n for _, food, n in items)
        if calcium <= FOOD_CALCIUM_CAP_MG:
            break
    for meal, food, servings in items:
        unit, per = unit_for_measure(units_of(food), food.servings[0].name)
        apply_food_log(FoodLog(member_id=member_id), food, day, meal, Amount(servings * per, unit))


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)
