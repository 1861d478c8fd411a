"""Drinks, the risk-factor checklist, the screening note and medicines in context, on both databases."""
import re
from datetime import date, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from app.auth.models import Role, User
from app.care.models import CareLink, LinkStatus
from app.extensions import db
from app.guidance.calendar import today_in
from app.guidance.weeks import week_start
from app.nutrition.models import AlcoholLog, FoodLog
from app.profile.models import DxaScan, Fracture, Medication, MemberProfile, RiskFactorAnswer
from app.targets.services import record_weight
from tests.support.world import LONG_AGO, as_user

TODAY = today_in("UTC")


def born_aged(age: int) -> date:
    """Born on 1 January: exactly `age` today."""
    return date(TODAY.year - age, 1, 1)


def text(response) -> str:  # noqa: ANN001
    html = response.get_data(as_text=True)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#39;", "'")


def set_profile(app: Flask, member_id: int, age: int = 68, sex: str = "female") -> None:
    with app.app_context():
        profile = db.session.get(MemberProfile, member_id) or MemberProfile(user_id=member_id)
        profile.date_of_birth, profile.sex = born_aged(age), sex
        record_weight(member_id, 60.0, LONG_AGO)
        db.session.add(profile)
        db.session.commit()


def drinks_of(app: Flask, member_id: int) -> list[tuple]:
    with app.app_context():
        return [tuple(r) for r in db.session.execute(
            select(AlcoholLog.log_date, AlcoholLog.drinks, AlcoholLog.drink_size, AlcoholLog.ethanol_g)
            .where(AlcoholLog.member_id == member_id).order_by(AlcoholLog.id))]


# --- Drinks ----------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("drinks, size, grams, flagged", [
    ("2", "us", 28.0, True), ("3", "uk", 24.0, True), ("1,5", "us", 21.0, False), ("2", "uk", 16.0, False),
])
def test_drinks_are_stored_in_grams_and_the_day_says_so(app: Flask, signed_in: FlaskClient, member: User,
                                                        drinks: str, size: str, grams: float, flagged: bool) -> None:
    response = signed_in.post(f"/nutrition/day/{TODAY.isoformat()}/drinks",
                              data={"alcohol-drinks": drinks, "alcohol-drink_size": size})
    assert response.status_code == 302 and response.location.endswith("#drinks")
    assert drinks_of(app, member.id) == [(TODAY, float(drinks.replace(",", ".")), size, grams)]
    day = text(signed_in.get(f"/nutrition/day/{TODAY.isoformat()}"))
    assert f"Total: {grams:g} g of alcohol" in day
    assert ("This is 3 or more units of alcohol in a day." in day) is flagged


@pytest.mark.parametrize("field, value, message", [
    ("alcohol-drinks", "", "Enter how many drinks you had."),
    ("alcohol-drinks", "two", "Enter the number of drinks, like 1 or 1.5."),
    ("alcohol-drinks", "NaN", "Enter the number of drinks, like 1 or 1.5."),
    ("alcohol-drinks", "0", "Enter a number from 0.1 to 40."),
    ("alcohol-drinks", "-1", "Enter a number from 0.1 to 40."),
    ("alcohol-drinks", "41", "Enter a number from 0.1 to 40."),
    ("alcohol-drink_size", "pint", "Choose one of the options."),
])
def test_bad_drinks_are_refused_at_the_field_and_keep_what_she_typed(app: Flask, signed_in: FlaskClient,
                                                                      member: User, field: str, value: str,
                                                                      message: str) -> None:
    data = {"alcohol-drinks": "2", "alcohol-drink_size": "uk", field: value}
    response = signed_in.post(f"/nutrition/day/{TODAY.isoformat()}/drinks", data=data)
    body = response.get_data(as_text=True)
    assert response.status_code == 400
    assert re.search(rf'id="{field}-error"[^>]*>{re.escape(message)}</small>', body), body
    if field == "alcohol-drinks" and value:
        assert f'value="{value}"' in body
    assert drinks_of(app, member.id) == []


def test_drinks_sent_twice_are_stored_once_and_only_she_can_remove_them(app: Flask, signed_in: FlaskClient,
                                                                        member: User, make_user) -> None:
    data = {"alcohol-drinks": "1", "alcohol-drink_size": "us", "alcohol-submission_id": "0" * 31 + "1"}
    assert signed_in.post(f"/nutrition/day/{TODAY.isoformat()}/drinks", data=data).status_code == 302
    assert signed_in.post(f"/nutrition/day/{TODAY.isoformat()}/drinks", data=data).status_code == 302
    assert len(drinks_of(app, member.id)) == 1
    with app.app_context():
        drink_id = db.session.scalar(select(AlcoholLog.id))
    other = as_user(app, make_user(Role.MEMBER, email="olive@example.com"))
    assert other.post(f"/nutrition/drinks/{drink_id}/delete").status_code == 404
    assert len(drinks_of(app, member.id)) == 1
    assert signed_in.post(f"/nutrition/drinks/{drink_id}/delete").status_code == 302
    assert drinks_of(app, member.id) == []


def test_drinks_on_a_day_not_yet_come_are_a_404(signed_in: FlaskClient) -> None:
    tomorrow = today_in("UTC") + timedelta(days=1)
    response = signed_in.post(f"/nutrition/day/{tomorrow.isoformat()}/drinks",
                              data={"alcohol-drinks": "1", "alcohol-drink_size": "us"})
    assert response.status_code == 404


def test_weekly_summary_flags_heavy_days_with_the_frax_source(app: Flask, signed_in: FlaskClient,
                                                              member: User) -> None:
    monday = week_start(TODAY) - timedelta(weeks=1)
    with app.app_context():
        db.session.add_all([
            AlcoholLog(member_id=member.id, log_date=monday + timedelta(days=1), drinks=3, drink_size="uk",
                       ethanol_g=24),
            AlcoholLog(member_id=member.id, log_date=monday + timedelta(days=2), drinks=1, drink_size="us",
                       ethanol_g=14),
            AlcoholLog(member_id=member.id, log_date=monday + timedelta(days=4), drinks=1, drink_size="us",
                       ethanol_g=14),
            AlcoholLog(member_id=member.id, log_date=monday + timedelta(days=4), drinks=1, drink_size="us",
                       ethanol_g=14)])
        db.session.commit()
    week = text(signed_in.get(f"/progress/week/{monday.isoformat()}"))
    tuesday, friday = monday + timedelta(days=1), monday + timedelta(days=4)
    assert f"3 or more units on {tuesday.strftime('%A %-d')}, {friday.strftime('%A %-d')}." in week
    assert "FRAX Fracture Risk Assessment Tool" in week and "Dietary Guidelines for Americans" in week
    quiet = text(signed_in.get(f"/progress/week/{week_start(TODAY).isoformat()}"))
    assert "3 or more units on" not in quiet
    report = text(signed_in.get("/progress/report?weeks=4"))
    assert "24 g of alcohol: 3 or more units in a day (a FRAX risk factor)" in report
    assert "28 g of alcohol" in report and "FRAX Fracture Risk Assessment Tool" in report


# --- The checklist -------------------------------------------------------------------------------------------------

def test_checklist_fills_in_what_ossify_knows(app: Flask, signed_in: FlaskClient, member: User, foods) -> None:
    set_profile(app, member.id, age=68)
    with app.app_context():
        db.session.add(Fracture(member_id=member.id, fracture_date=date(2020, 5, 1), site="wrist", vertebral=False,
                                low_trauma=True))
        # A high-trauma fracture (a car crash) is not FRAX's previous fracture: not counted.
        db.session.add(Fracture(member_id=member.id, fracture_date=date(2022, 5, 1), site="rib", vertebral=False,
                                low_trauma=False))
        for n in range(10):  # 10 days of food at 600 mg of calcium: under her 1,200 mg
            db.session.add(FoodLog(member_id=member.id, log_date=TODAY - timedelta(days=n), meal="lunch",
                                   food_id=foods["01085"], food_name="Milk", grams=200, calcium_mg=600,
                                   vitamin_d_iu=900, protein_g=60))
        db.session.add(AlcoholLog(member_id=member.id, log_date=TODAY, drinks=1, drink_size="us", ethanol_g=14))
        db.session.commit()
    page = text(signed_in.get("/me/health"))
    assert "Risk factors that can change" in page and "Risk factors that can't change" in page
    assert "Age over 50: Yes Filled in by Ossify. From your date of birth: you are 68." in page
    assert "Female sex: Yes Filled in by Ossify." in page
    assert ("A previous low-trauma broken bone or a fall: Yes Filled in by Ossify. From your bone-health record: "
            "1 low-trauma fracture as an adult recorded." in page)
    assert "Low calcium intake: Yes Filled in by Ossify. From your food and supplement logs: 600 mg a day" in page
    assert "Low vitamin D intake: No Filled in by Ossify." in page
    assert ("3 or more units of alcohol a day: No Filled in by Ossify. From your drinks log: 0.5 g of alcohol a day "
            "on average over the last 4 weeks (3 units is 24 g); 0 days at 3 units or more.") in page
    assert "Smoking: not answered" in page and "Not much physical activity: not answered" in page
    form = signed_in.get("/me/health/risk-factors").get_data(as_text=True)
    assert 'name="smoking"' in form and 'name="older_age"' not in form and 'name="low_calcium"' not in form


def test_her_answers_are_saved_and_shown_to_her_therapist(app: Flask, signed_in: FlaskClient, member: User,
                                                          make_user) -> None:
    set_profile(app, member.id, age=68)
    response = signed_in.post("/me/health/risk-factors", data={"smoking": "no", "menopause": "yes",
                                                               "medicines": "unsure"})
    assert response.status_code == 302
    again = signed_in.post("/me/health/risk-factors", data={"smoking": "yes"})
    assert again.status_code == 302
    with app.app_context():
        answers = dict(db.session.execute(select(RiskFactorAnswer.factor, RiskFactorAnswer.answer)).all())
    assert answers == {"smoking": "yes", "menopause": "yes", "medicines": "unsure"}
    assert "Smoking: Yes" in text(signed_in.get("/me/health"))
    therapist = make_user(Role.THERAPIST, email="linda@example.com", name="Linda PT")
    with app.app_context():
        db.session.add(CareLink(member_id=member.id, therapist_id=therapist.id, status=LinkStatus.ACTIVE))
        db.session.commit()
    health = text(as_user(app, therapist).get(f"/clients/{member.id}/health"))
    assert "Smoking: Yes" in health and "Menopause: Yes" in health and "Answer the questions" not in health


@pytest.mark.parametrize("field, value", [("smoking", "maybe"), ("menopause", "x" * 500), ("conditions", "\x00")])
def test_an_answer_that_is_not_an_option_is_refused_and_nothing_changes(app: Flask, signed_in: FlaskClient,
                                                                         member: User, field: str, value: str) -> None:
    set_profile(app, member.id)
    assert signed_in.post("/me/health/risk-factors", data={"parent_hip_fracture": "no"}).status_code == 302
    response = signed_in.post("/me/health/risk-factors", data={"parent_hip_fracture": "yes", field: value})
    assert response.status_code == 400
    assert re.search(rf'id="{field}-error"[^>]*>Choose one of the options.', response.get_data(as_text=True))
    with app.app_context():
        assert dict(db.session.execute(select(RiskFactorAnswer.factor, RiskFactorAnswer.answer)).all()) == {
            "parent_hip_fracture": "no"}


# --- The screening note ------------------------------------------------------------------------------------------

NOTE = "A bone density test may be due"


@pytest.mark.parametrize("age, sex, answers, due", [
    (66, "female", {}, True), (64, "female", {}, False), (70, "male", {}, True), (69, "male", {}, False),
    (55, "female", {"smoking": "yes"}, True), (55, "female", {"smoking": "no"}, False),
    (45, "female", {"medicines": "yes"}, True),
])
def test_screening_note_on_the_dashboard(app: Flask, make_user, age: int, sex: str, answers: dict,
                                         due: bool) -> None:
    member = make_user(Role.MEMBER, email="new@example.com", name="Nora")
    set_profile(app, member.id, age=age, sex=sex)
    client = as_user(app, member)
    if answers:
        assert client.post("/me/health/risk-factors", data=answers).status_code == 302
    page = text(client.get("/dashboard"))
    assert (NOTE in page) is due
    if due:
        assert page.count(NOTE) == 1 and "Source:" in page.split(NOTE)[1]


def test_screening_note_leaves_with_a_scan_or_when_hidden_but_her_therapist_still_sees_it(app: Flask, make_user
                                                                                          ) -> None:
    member = make_user(Role.MEMBER, email="new@example.com", name="Nora")
    therapist = make_user(Role.THERAPIST, email="linda@example.com", name="Linda PT")
    set_profile(app, member.id, age=67)
    with app.app_context():
        db.session.add(CareLink(member_id=member.id, therapist_id=therapist.id, status=LinkStatus.ACTIVE))
        db.session.commit()
    client = as_user(app, member)
    page = text(client.get("/dashboard"))
    assert NOTE in page and "US Preventive Services Task Force" in page
    assert client.post("/me/health/screening-note/hide").status_code == 302
    assert NOTE not in text(client.get("/dashboard"))
    pt = as_user(app, therapist)
    monday = week_start(TODAY)
    for url in (f"/clients/{member.id}/health", f"/clients/{member.id}/week/{monday.isoformat()}"):
        seen = text(pt.get(url))
        assert NOTE in seen and "There is no DXA result in her record." in seen, url
    with app.app_context():
        db.session.add(DxaScan(member_id=member.id, scan_date=TODAY, site="total_hip", t_score=-1.5))
        db.session.commit()
    assert NOTE not in text(pt.get(f"/clients/{member.id}/health"))


def test_no_screening_note_without_a_date_of_birth(app: Flask, make_user) -> None:
    member = make_user(Role.MEMBER, email="new@example.com", name="Nora")
    assert NOTE not in text(as_user(app, member).get("/dashboard"))


# --- Medicines in context ------------------------------------------------------------------------------------------

def test_medicines_show_their_group_and_her_therapist_sees_the_current_ones(app: Flask, make_user,
                                                                            member: User) -> None:
    therapist = make_user(Role.THERAPIST, email="linda@example.com", name="Linda PT")
    set_profile(app, member.id)
    with app.app_context():
        db.session.add_all([
            Medication(member_id=member.id, name="Alendronate", start_date=date(2024, 3, 1)),
            Medication(member_id=member.id, name="Teriparatide", start_date=date(2022, 1, 1),
                       stop_date=date(2023, 12, 31)),
            Medication(member_id=member.id, name="Vitamin K2"),
            CareLink(member_id=member.id, therapist_id=therapist.id, status=LinkStatus.ACTIVE)])
        db.session.commit()
    health = text(as_user(app, member).get("/me/health"))
    assert "Alendronate Antiresorptive (slows bone loss)" in health
    assert "Teriparatide Anabolic (builds bone)" in health
    assert "Vitamin K2 Group not known to Ossify" in health
    week = text(as_user(app, therapist).get(f"/clients/{member.id}/week/{week_start(TODAY).isoformat()}"))
    current = week.split("Current bone medicines")[1].split("Exercise")[0]
    assert "Alendronate (since 1 March 2024) : Antiresorptive (slows bone loss)" in current
    assert "Vitamin K2" in current and "Teriparatide" not in current


def test_export_has_her_drinks_and_answers(app: Flask, signed_in: FlaskClient, member: User) -> None:
    import io
    import zipfile
    signed_in.post(f"/nutrition/day/{TODAY.isoformat()}/drinks",
                   data={"alcohol-drinks": "2", "alcohol-drink_size": "uk"})
    signed_in.post("/me/health/risk-factors", data={"smoking": "no"})
    archive = zipfile.ZipFile(io.BytesIO(signed_in.get("/account/export.zip").data))
    assert archive.read("drinks.csv").decode().splitlines()[1] == f"{TODAY.isoformat()},2,uk,16"
    assert archive.read("risk_factor_answers.csv").decode().splitlines()[1].startswith("smoking,no,")
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(AlcoholLog)) == 1


def test_bone_health_page_reads_the_same_number_of_statements_for_a_week_or_a_year_of_logs(
        app: Flask, signed_in: FlaskClient, member: User, make_user, foods, count_queries) -> None:
    """Her checklist reads 4 weeks of logs through the by-day aggregates: history length doesn't matter."""
    set_profile(app, member.id)
    few = count_queries(lambda: signed_in.get("/me/health"))
    veteran = make_user(Role.MEMBER, email="veteran@example.com")
    set_profile(app, veteran.id)
    with app.app_context():
        for n in range(365):
            day = TODAY - timedelta(days=n)
            db.session.add_all([
                FoodLog(member_id=veteran.id, log_date=day, meal="lunch", food_id=foods["01085"], food_name="Milk",
                        grams=200, calcium_mg=600, vitamin_d_iu=200, protein_g=30),
                AlcoholLog(member_id=veteran.id, log_date=day, drinks=1, drink_size="uk", ethanol_g=8)])
        db.session.add(Fracture(member_id=veteran.id, fracture_date=date(2020, 1, 1), site="hip", vertebral=False,
                                low_trauma=True))
        db.session.commit()
    client = as_user(app, veteran)
    many = count_queries(lambda: client.get("/me/health"))
    assert few == many, (few, many)
    # user, profile, scans, fractures, medicines, fracture counts, 4 by-day aggregates (drinks, food, supplements,
    # exercise), overrides, WHO category's scans, answers
    assert many <= 14, many
