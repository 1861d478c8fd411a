"""Targets judged as of each day, through the app on both databases: past weeks keep what was true then."""
from datetime import date

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.auth.models import Role, User
from app.care.models import CareLink, LinkStatus
from app.extensions import db
from app.guidance.calendar import today_in
from app.guidance.weeks import week_start
from app.nutrition.models import Food, FoodLog
from app.profile.models import BodyWeight, MemberProfile
from app.progress.services import weekly_summary
from app.targets.models import TargetOverride
from app.targets.services import record_weight
from tests.support.world import as_user

JANUARY_MONDAY = date(2026, 1, 5)
JANUARY_SUNDAY = date(2026, 1, 11)
PROFILE = {"display_name": "Margaret", "date_of_birth": "1970-03-01", "sex": "female", "weight": "60.0",
           "weight_unit": "kg", "unit_system": "metric", "vitamin_d_unit": "IU", "timezone": "UTC"}


def _food(member_id: int, day: date, calcium: float, protein: float = 40) -> FoodLog:
    milk = db.session.scalar(select(Food.id).where(Food.member_id.is_(None)).order_by(Food.id).limit(1))
    return FoodLog(member_id=member_id, log_date=day, meal="lunch", food_id=milk, food_name="Milk", grams=245,
                   calcium_mg=calcium, vitamin_d_iu=100, protein_g=protein)


def _setup(app: Flask, member: User, born: date) -> None:
    with app.app_context():
        profile = db.session.get(MemberProfile, member.id) or MemberProfile(user_id=member.id)
        profile.date_of_birth, profile.sex, profile.unit_system, profile.vitamin_d_unit = born, "female", "metric", "IU"
        db.session.add(profile)
        record_weight(member.id, 60.0, date(2025, 11, 1))
        db.session.commit()


def _week_page(client: FlaskClient, monday: date) -> str:
    response = client.get(f"/progress/week/{monday.isoformat()}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    return page[page.index("<h1"):page.index("</main>")]  # without the messages of the last form sent


def test_a_january_week_keeps_its_targets_after_a_may_scan_fracture_and_weight(
        app: Flask, signed_in: FlaskClient, member: User, catalog, foods) -> None:
    _setup(app, member, date(1970, 3, 1))  # 55 in January: 0.8 g/kg protein, impact days, no category
    with app.app_context():
        db.session.add(_food(member.id, JANUARY_MONDAY, 1000))
        db.session.commit()
        before = weekly_summary(member.id, JANUARY_MONDAY, JANUARY_SUNDAY)
    page_before = _week_page(signed_in, JANUARY_MONDAY)
    assert "target 48 g" in page_before and "Impact days" in page_before

    assert signed_in.post("/me/health/dxa/new", data={"scan_date": "2026-05-12", "site": "lumbar_spine",
                                                       "t_score": "-2.7"}).status_code == 302
    assert signed_in.post("/me/health/fracture/new", data={"fracture_date": "2026-05-14", "site": "spine",
                                                            "vertebral": "yes", "low_trauma": "yes"}).status_code == 302
    assert signed_in.post("/me/profile", data={**PROFILE, "weight": "80"}).status_code == 302

    with app.app_context():
        assert weekly_summary(member.id, JANUARY_MONDAY, JANUARY_SUNDAY) == before
        weights = db.session.execute(select(BodyWeight.measured_on, BodyWeight.weight_kg)
                                     .where(BodyWeight.member_id == member.id).order_by(BodyWeight.measured_on)).all()
        assert [kg for _, kg in weights] == [60.0, 80.0]  # a new entry from today; the old one kept
    assert _week_page(signed_in, JANUARY_MONDAY) == page_before
    # Today she is judged with what is true now: 1.0 g × 80 kg with osteoporosis; brisk walking, not impact.
    today = today_in("UTC")
    assert "Brisk-walking days" in _week_page(signed_in, week_start(today))
    assert "Target 80 g, up to 96 g" in signed_in.get(f"/nutrition/day/{today.isoformat()}").get_data(as_text=True)


def test_a_birthday_week_judges_monday_at_2500_mg_and_thursday_at_2000_mg(
        app: Flask, signed_in: FlaskClient, member: User, catalog, foods) -> None:
    _setup(app, member, date(1975, 3, 11))  # turns 51 on Wednesday 11 March 2026
    monday, thursday = date(2026, 3, 9), date(2026, 3, 12)
    with app.app_context():
        db.session.add_all([_food(member.id, monday, 2200), _food(member.id, thursday, 2200)])
        db.session.commit()
        calcium = next(n for n in weekly_summary(member.id, monday, date(2026, 3, 15)).nutrition
                       if n.key == "calcium_mg")
        assert calcium.above_limit_days == [thursday]
    page = _week_page(signed_in, monday)
    assert "Above the upper limit on Thursday 12 (NAM 2011)" in page
    assert "The target changed during this week" in page
    # The food days say the same: 2,200 mg is under Monday's 2,500 mg limit and over Thursday's 2,000 mg.
    assert "above the upper limit" not in signed_in.get(f"/nutrition/day/{monday.isoformat()}").get_data(as_text=True)
    assert "above the upper limit</strong> of 2,000 mg" in \
        signed_in.get(f"/nutrition/day/{thursday.isoformat()}").get_data(as_text=True)


@pytest.fixture
def linked_therapist(app: Flask, make_user, member: User) -> User:
    therapist = make_user(Role.THERAPIST, email="pt@example.com", name="Priya")
    with app.app_context():
        db.session.add(CareLink(member_id=member.id, therapist_id=therapist.id, status=LinkStatus.ACTIVE))
        db.session.commit()
    return therapist


def test_a_therapists_override_counts_from_the_day_she_sets_it(app: Flask, member: User, linked_therapist: User,
                                                               catalog) -> None:
    _setup(app, member, date(1958, 4, 12))
    therapist = as_user(app, linked_therapist)
    form = {"target_key": "resistance_sessions", "value": "3", "reason": "Ready to progress"}
    assert therapist.post(f"/clients/{member.id}/targets", data=form).status_code == 302
    assert therapist.post(f"/clients/{member.id}/targets", data={**form, "value": "4"}).status_code == 302
    with app.app_context():
        (override,) = db.session.scalars(select(TargetOverride).where(TargetOverride.member_id == member.id)).all()
        assert override.value == 4  # changed the same day: one period, corrected
        today = override.starts_on
        resistance = weekly_summary(member.id, today, today).exercise[0]
        assert (resistance.target, resistance.override.set_by) == (4, "Priya")
        assert weekly_summary(member.id, JANUARY_MONDAY, JANUARY_SUNDAY).exercise[0].target == 2
        # Set from a later day, the earlier value stays in force on the days before it.
        override.starts_on = date(2026, 2, 2)
        db.session.commit()
    assert therapist.post(f"/clients/{member.id}/targets", data={**form, "value": "2"}).status_code == 302
    with app.app_context():
        periods = db.session.execute(select(TargetOverride.value, TargetOverride.starts_on, TargetOverride.ends_on)
                                     .where(TargetOverride.member_id == member.id)
                                     .order_by(TargetOverride.starts_on)).all()
        assert [(v, start, end) for v, start, end in periods] == [(4, date(2026, 2, 2), today), (2, today, None)]
        assert weekly_summary(member.id, date(2026, 2, 2), date(2026, 2, 8)).exercise[0].target == 4
    page = therapist.get(f"/clients/{member.id}/targets").get_data(as_text=True)
    assert page.count("Back to the default") == 1  # only the override in force now can be cleared
    with app.app_context():
        open_row = db.session.scalar(select(TargetOverride).where(TargetOverride.ends_on.is_(None)))
        ended = db.session.scalar(select(TargetOverride).where(TargetOverride.ends_on.is_not(None)))
        open_id, ended_id = open_row.id, ended.id
    assert therapist.post(f"/clients/{member.id}/targets/{ended_id}/delete").status_code == 404
    assert therapist.post(f"/clients/{member.id}/targets/{open_id}/delete").status_code == 302
    with app.app_context():
        # Set and cleared the same day: that period never was; February's stays.
        assert db.session.execute(select(TargetOverride.value, TargetOverride.ends_on)).all() == [(4, today)]
