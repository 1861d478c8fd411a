"""Member profile and bone-health record: validation, units, ownership, category."""
import re
from datetime import date, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from app.auth.models import Role, User
from app.auth.services import create_user
from app.extensions import db
from app.profile.models import BodyWeight, DxaScan, Fracture, Medication, MemberProfile

PROFILE = {"display_name": "Margaret", "date_of_birth": "1958-04-12", "sex": "female", "weight": "62.5",
           "weight_unit": "kg", "unit_system": "metric", "vitamin_d_unit": "IU", "timezone": "Europe/London"}


def _weight(app: Flask, user_id: int) -> float | None:
    """Her weight in force now (the latest entry of her history)."""
    with app.app_context():
        return db.session.scalar(select(BodyWeight.weight_kg).where(BodyWeight.member_id == user_id)
                                 .order_by(BodyWeight.measured_on.desc()).limit(1))


def _profile(app: Flask, user_id: int) -> MemberProfile:
    with app.app_context():
        profile = db.session.get(MemberProfile, user_id)
        db.session.expunge(profile)
        return profile


def test_profile_saves_every_field(signed_in: FlaskClient, app: Flask, member: User) -> None:
    response = signed_in.post("/me/profile", data=PROFILE)
    assert response.status_code == 302
    profile = _profile(app, member.id)
    assert (profile.date_of_birth, profile.sex, profile.unit_system, profile.vitamin_d_unit) == \
        (date(1958, 4, 12), "female", "metric", "IU")
    assert _weight(app, member.id) == 62.5
    with app.app_context():
        assert db.session.get(User, member.id).timezone == "Europe/London"


def test_weight_entered_in_pounds_is_stored_in_kg_and_shown_back_in_pounds(signed_in: FlaskClient, app: Flask,
                                                                            member: User) -> None:
    signed_in.post("/me/profile", data={**PROFILE, "weight": "150", "unit_system": "us"})  # US units: pounds
    assert _weight(app, member.id) == pytest.approx(68.04, abs=0.005)
    page = signed_in.get("/me/profile").get_data(as_text=True)
    assert 'value="150.0"' in page and re.search(r'<input checked [^>]*value="us"', page)


@pytest.mark.parametrize("field, value, message", [
    ("display_name", "", "Enter the name we should call you."),
    ("display_name", "M" * 81, "Use at most 80 characters."),
    ("date_of_birth", "", "Enter your date of birth."),
    ("date_of_birth", "2099-01-01", "The date of birth can&#39;t be in the future."),
    ("date_of_birth", "1899-12-31", "The date of birth can&#39;t be before 1900."),
    ("date_of_birth", "1958-02-30", "Enter a real date, like 2024-03-31."),
    ("date_of_birth", "yesterday", "Enter a real date, like 2024-03-31."),
    ("sex", "", "Choose female or male."),
    ("sex", "other", "Choose one of the options."),
    ("weight", "", "Enter your body weight."),
    ("weight", "0", "Enter a weight between 20 and 350 kg (44 and 772 lb)."),
    ("weight", "1000", "Enter a weight between 20 and 350 kg (44 and 772 lb)."),
    ("weight", "-60", "Enter a weight between 20 and 350 kg (44 and 772 lb)."),
    ("weight", "sixty", "Enter your weight as a number, like 62.5."),
    ("weight", "NaN", "Enter your weight as a number, like 62.5."),
    ("weight", "inf", "Enter your weight as a number, like 62.5."),
    ("weight", "1e400", "Enter your weight as a number, like 62.5."),
    ("timezone", "", "Enter your time zone: a city such as Chicago or London."),
    ("timezone", "Mars/Olympus", "We don&#39;t know that place as a time zone."),
    ("unit_system", "imperial", "Choose one of the options."),
    ("vitamin_d_unit", "mg", "Choose one of the options."),
])
def test_profile_bad_input_keeps_saved_data(signed_in: FlaskClient, app: Flask, member: User, field: str,
                                            value: str, message: str) -> None:
    signed_in.post("/me/profile", data=PROFILE)
    response = signed_in.post("/me/profile", data={**PROFILE, "display_name": "Changed", field: value})
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert f'id="{field}-error" class="field-error">{message}' in body
    if field != "display_name":
        assert 'value="Changed"' in body           # what she typed is still in the form
    assert _weight(app, member.id) == 62.5  # what she saved before is untouched
    with app.app_context():
        assert db.session.get(User, member.id).display_name == "Margaret"


def test_her_country_comes_from_her_time_zone_and_she_can_change_it(app: Flask, make_user) -> None:
    london = make_user(Role.MEMBER, email="helen@example.co.uk", timezone="Europe/London")
    with app.app_context():
        assert db.session.get(User, london.id).country == "GB"
        assert create_user("ny@example.com", "Ann", "a long password 1", Role.MEMBER, app.config[
            "PASSWORD_HASH_METHOD"], timezone="America/New_York").country == "US"
        db.session.rollback()
    client = app.test_client()
    client.post("/auth/login", data={"email": london.email, "password": "correct horse battery"})
    assert '<option selected value="GB">' in client.get("/me/profile").get_data(as_text=True)
    client.post("/me/profile", data={**PROFILE, "timezone": "Europe/London", "country": "IE"})
    with app.app_context():
        assert db.session.get(User, london.id).country == "IE"
    # A move to another time zone with the country left as it was: the country follows the clock.
    client.post("/me/profile", data={**PROFILE, "timezone": "Australia/Sydney", "country": "IE"})
    with app.app_context():
        assert db.session.get(User, london.id).country == "AU"
    bad = client.post("/me/profile", data={**PROFILE, "timezone": "Australia/Sydney", "country": "XX"})
    assert bad.status_code == 400


def test_weight_bound_in_pounds(signed_in: FlaskClient) -> None:
    response = signed_in.post("/me/profile", data={**PROFILE, "weight": "30", "unit_system": "us"})
    assert response.status_code == 400 and "Enter a weight between 20 and 350 kg" in response.get_data(as_text=True)


def test_date_of_birth_today_is_judged_in_the_members_timezone(signed_in: FlaskClient) -> None:
    # Kiritimati (UTC+14) is the first place where any date begins: its today is never before UTC's.
    from app.guidance.calendar import today_in
    tomorrow_far_east = today_in("Pacific/Kiritimati") + timedelta(days=1)
    response = signed_in.post("/me/profile", data={**PROFILE, "timezone": "Pacific/Kiritimati",
                                                   "date_of_birth": tomorrow_far_east.isoformat()})
    assert response.status_code == 400


DXA = {"scan_date": "2025-03-18", "site": "lumbar_spine", "t_score": "-2.1"}


def test_dxa_results_give_the_who_category(signed_in: FlaskClient, app: Flask, member: User) -> None:
    for site, t in [("lumbar_spine", "-2.1"), ("total_hip", "-1.4"), ("femoral_neck", "-2.5")]:
        assert signed_in.post("/me/health/dxa/new", data={**DXA, "site": site, "t_score": t}).status_code == 302
    page = signed_in.get("/me/health").get_data(as_text=True)
    assert "Osteoporosis" in page and "-2.5" in page and "femoral neck" in page
    assert "WHO Technical Report Series 843" in page
    assert "<svg" in page and "T-score history" in page
    assert "Osteoporosis" in signed_in.get("/dashboard").get_data(as_text=True)


def test_low_trauma_fracture_makes_osteoporosis_severe(signed_in: FlaskClient) -> None:
    signed_in.post("/me/health/dxa/new", data={**DXA, "t_score": "-2.8"})
    signed_in.post("/me/health/fracture/new", data={"fracture_date": "2020-01-05", "site": "wrist",
                                                    "vertebral": "no", "low_trauma": "yes"})
    assert "Severe (established) osteoporosis" in signed_in.get("/me/health").get_data(as_text=True)


@pytest.mark.parametrize("field, value, message", [
    ("t_score", "9", "Enter a T-score between -6.0 and +4.0."),
    ("t_score", "-6.1", "Enter a T-score between -6.0 and +4.0."),
    ("t_score", "-1.25", "Use at most one decimal place, like -1.8."),
    ("t_score", "abc", "Enter the T-score as a number, like -1.8."),
    ("t_score", "nan", "Enter the T-score as a number, like -1.8."),
    ("t_score", "", "Enter the T-score from your DXA report."),
    ("scan_date", "2999-01-01", "The scan date can&#39;t be in the future."),
    ("scan_date", "", "Enter the date of the scan."),
    ("site", "skull", "Choose one of the options."),
])
def test_dxa_bad_input(signed_in: FlaskClient, app: Flask, field: str, value: str, message: str) -> None:
    response = signed_in.post("/me/health/dxa/new", data={**DXA, field: value})
    assert response.status_code == 400
    assert f'id="{field}-error" class="field-error">{message}' in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(DxaScan)) == 0


@pytest.mark.parametrize("t_score", ["-6.0", "4.0", "+1.5", "0", "-1,8"])
def test_dxa_t_score_accepted_forms(signed_in: FlaskClient, t_score: str) -> None:
    assert signed_in.post("/me/health/dxa/new", data={**DXA, "t_score": t_score}).status_code == 302


def test_dxa_same_site_same_date_twice_is_refused_at_the_field(signed_in: FlaskClient, app: Flask) -> None:
    signed_in.post("/me/health/dxa/new", data=DXA)
    response = signed_in.post("/me/health/dxa/new", data={**DXA, "t_score": "-1.0"})
    assert response.status_code == 400
    assert "You already have a lumbar spine result on this date" in response.get_data(as_text=True)


def test_dxa_edit_and_delete(signed_in: FlaskClient, app: Flask, member: User) -> None:
    signed_in.post("/me/health/dxa/new", data=DXA)
    with app.app_context():
        scan_id = db.session.scalar(select(DxaScan.id))
    assert 'value="-2.1"' in signed_in.get(f"/me/health/dxa/{scan_id}/edit").get_data(as_text=True)
    assert signed_in.post(f"/me/health/dxa/{scan_id}/edit", data={**DXA, "t_score": "-1.9"}).status_code == 302
    with app.app_context():
        assert db.session.get(DxaScan, scan_id).t_score == -1.9
    confirm = signed_in.get(f"/me/health/dxa/{scan_id}/delete")
    assert confirm.status_code == 200 and "can't be undone" in confirm.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(DxaScan, scan_id) is not None  # the GET only asks
    assert signed_in.post(f"/me/health/dxa/{scan_id}/delete").status_code == 302
    with app.app_context():
        assert db.session.get(DxaScan, scan_id) is None


@pytest.mark.parametrize("data, field, message", [
    ({"site": "spine", "vertebral": "no"}, "vertebral", "A spine fracture is a vertebral fracture"),
    ({"site": "wrist", "vertebral": "yes"}, "vertebral", "Only a spine fracture is vertebral"),
    ({"low_trauma": ""}, "low_trauma", "Choose yes or no."),
    ({"fracture_date": "2999-05-05"}, "fracture_date", "The fracture date can&#39;t be in the future."),
])
def test_fracture_bad_input(signed_in: FlaskClient, data: dict, field: str, message: str) -> None:
    base = {"fracture_date": "2020-01-05", "site": "wrist", "vertebral": "no", "low_trauma": "yes"}
    response = signed_in.post("/me/health/fracture/new", data={**base, **data})
    assert response.status_code == 400
    assert f'id="{field}-error" class="field-error">{message}' in response.get_data(as_text=True)


def test_medication_from_list_shows_its_group_and_free_text_is_allowed(signed_in: FlaskClient) -> None:
    signed_in.post("/me/health/medication/new", data={"name": "alendronate", "start_date": "2023-04-01"})
    signed_in.post("/me/health/medication/new", data={"name": "Teriparatide"})
    signed_in.post("/me/health/medication/new", data={"name": "Something my doctor gave me"})
    page = signed_in.get("/me/health").get_data(as_text=True)
    assert "Antiresorptive (slows bone loss)" in page and "Anabolic (builds bone)" in page
    assert "Something my doctor gave me" in page


def test_medication_stop_before_start_is_refused(signed_in: FlaskClient) -> None:
    response = signed_in.post("/me/health/medication/new",
                              data={"name": "Denosumab", "start_date": "2024-01-01", "stop_date": "2023-01-01"})
    assert response.status_code == 400
    assert "The stop date can&#39;t be before the start date." in response.get_data(as_text=True)


@pytest.mark.parametrize("kind, model, row", [
    ("dxa", DxaScan, {"scan_date": date(2024, 1, 1), "site": "total_hip", "t_score": -1.5}),
    ("fracture", Fracture, {"fracture_date": date(2020, 1, 1), "site": "hip", "vertebral": False,
                            "low_trauma": True}),
    ("medication", Medication, {"name": "Raloxifene"}),
])
def test_another_members_record_is_404(signed_in: FlaskClient, app: Flask, make_user, kind: str, model: type,
                                       row: dict) -> None:
    other = make_user(Role.MEMBER, email="other@example.com")
    with app.app_context():
        record = model(member_id=other.id, **row)
        db.session.add(record)
        db.session.commit()
        record_id = record.id
    for method, url in [("get", f"/me/health/{kind}/{record_id}/edit"), ("post", f"/me/health/{kind}/{record_id}/edit"),
                        ("get", f"/me/health/{kind}/{record_id}/delete"),
                        ("post", f"/me/health/{kind}/{record_id}/delete")]:
        response = getattr(signed_in, method)(url, data={})
        assert response.status_code == 404, (method, url)
    with app.app_context():
        assert db.session.get(model, record_id) is not None
    assert "Raloxifene" not in signed_in.get("/me/health").get_data(as_text=True)
