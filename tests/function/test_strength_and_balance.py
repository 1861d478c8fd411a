"""Strength and balance: she does the STEADI tests, each result is judged for her age and sex on its day, stored
with its LOINC code and shown with its source; her height past a threshold brings the spine X-ray note once."""
import re
from datetime import date, timedelta

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.extensions import db
from app.function.models import FunctionResult
from app.profile.models import Height, MemberProfile

PAGE = "/me/strength-and-balance/"


def results(app: Flask, member_id: int) -> list[FunctionResult]:
    with app.app_context():
        return list(db.session.scalars(select(FunctionResult).where(FunctionResult.member_id == member_id)
                                       .order_by(FunctionResult.id)))


def form_id(page: str) -> str:
    return re.search(r'name="submission_id"[^>]*value="([0-9a-f]+)"', page).group(1)


def send(client: FlaskClient, test: str, **fields: str):
    page = client.get(PAGE + test).get_data(as_text=True)
    return client.post(PAGE + test, data={"submission_id": form_id(page), **fields})


def test_a_chair_stand_below_average_for_her_age_is_at_risk_with_its_source(app, signed_in, her_profile) -> None:
    # Born 12 April 1958: 68 on 1 June 2026, so the women's 65-69 row (below average: fewer than 11).
    response = send(signed_in, "chair_stand", stands="10", taken_on="2026-06-01")
    assert response.status_code == 302
    page = signed_in.get(PAGE).get_data(as_text=True)
    assert "Below average for women 65–69 (fewer than 11 stands)" in page and "At risk" in page
    assert "Rikli &amp; Jones 1999 (CDC STEADI)" in page
    [row] = results(app, her_profile.id)
    assert (row.test, row.value, row.loinc, row.taken_on) == ("chair_stand", 10, "66247-8", date(2026, 6, 1))
    send(signed_in, "chair_stand", stands="12", taken_on="2026-09-01")
    page = signed_in.get(PAGE).get_data(as_text=True)
    assert "Average or better for women 65–69" in page and "2 stands more than on 1 Jun 2026 (better)" in page


def test_using_the_arms_scores_zero(app, signed_in, her_profile) -> None:
    send(signed_in, "chair_stand", stands="8", used_arms="y", taken_on="2026-06-01")
    assert results(app, her_profile.id)[0].value == 0


def test_timed_up_and_go_at_exactly_12_seconds_is_at_risk_and_says_not_to_use_it_alone(app, signed_in,
                                                                                           her_profile) -> None:
    send(signed_in, "timed_up_and_go", seconds="12", taken_on="2026-06-01")
    page = signed_in.get(PAGE).get_data(as_text=True)
    assert "12 seconds or more: at risk of falling" in page and "should not be used alone" in page
    assert results(app, her_profile.id)[0].loinc == "89423-8"


def test_balance_stops_short_of_the_tandem_stance_is_at_risk(app, signed_in, her_profile) -> None:
    send(signed_in, "balance", stage="2", taken_on="2026-06-01")
    page = signed_in.get(PAGE).get_data(as_text=True)
    assert "The tandem stance was not held for 10 seconds" in page
    row = results(app, her_profile.id)[0]
    assert (row.value, row.loinc) == (2, None)


def test_stay_independent_adds_two_points_for_a_fall_and_a_cane(app, signed_in, her_profile) -> None:
    send(signed_in, "stay_independent", fallen="y", cane="y", taken_on="2026-06-01")
    row = results(app, her_profile.id)[0]
    assert (row.value, sorted(row.answers), row.loinc) == (4, ["cane", "fallen"], "97885-8")
    assert "4 points: 4 or more means you may be at risk of falling" in signed_in.get(PAGE).get_data(as_text=True)


def test_every_test_page_says_have_someone_next_to_you_and_works_without_javascript(signed_in) -> None:
    for test in ("chair_stand", "timed_up_and_go", "balance", "stay_independent"):
        page = signed_in.get(PAGE + test).get_data(as_text=True)
        assert "Have someone stand next to you while you do this test." in page
        assert 'data-result-form' in page and 'type="submit"' in page   # a result can be typed and sent
    assert "data-countdown=\"30\"" in signed_in.get(PAGE + "chair_stand").get_data(as_text=True)


def test_bad_input_gets_a_message_by_the_field_and_saves_nothing(app, signed_in, her_profile) -> None:
    for test, fields, message in [
        ("chair_stand", {"stands": "lots"}, "Enter the number of stands as a whole number"),
        ("chair_stand", {"stands": "99"}, "Enter a number from 0 to 60."),
        ("timed_up_and_go", {"seconds": "0"}, "Enter a time from 0.1 to 600 seconds."),
        ("balance", {"stage": "7"}, ""),
        ("chair_stand", {"stands": "10", "taken_on": (date.today() + timedelta(days=3)).isoformat()}, ""),
    ]:
        response = send(signed_in, test, **{"taken_on": date.today().isoformat(), **fields})
        assert response.status_code == 400, (test, fields)
        assert message in response.get_data(as_text=True)
    assert results(app, her_profile.id) == []


def test_a_resent_result_is_saved_once(app, signed_in, her_profile) -> None:
    page = signed_in.get(PAGE + "chair_stand").get_data(as_text=True)
    data = {"submission_id": form_id(page), "stands": "12", "taken_on": "2026-06-01"}
    signed_in.post(PAGE + "chair_stand", data=data)
    signed_in.post(PAGE + "chair_stand", data=data)
    assert len(results(app, her_profile.id)) == 1


def test_height_loss_past_4_cm_shows_the_spine_xray_note_once(app, signed_in, her_profile) -> None:
    page = signed_in.get(PAGE + "height").get_data(as_text=True)
    signed_in.post(PAGE + "height", data={"submission_id": form_id(page), "young_adult": "165",
                                          "height": "161", "measured_on": "2026-06-01"})
    page = signed_in.get(PAGE).get_data(as_text=True)
    assert "Ask your doctor whether you need a spine X-ray (vertebral fracture assessment)." in page
    assert "4.0 cm less than the height you remember as a young adult" in page and "BHOF" in page
    signed_in.post(PAGE + "height/note-read")
    assert "I&#39;ve read this" not in signed_in.get(PAGE).get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Height.height_cm).where(Height.member_id == her_profile.id)) == 161.0
        assert db.session.get(MemberProfile, her_profile.id).young_adult_height_cm == 165.0


def test_a_height_under_the_threshold_brings_no_note_and_us_units_read_inches(app, signed_in, her_profile) -> None:
    with app.app_context():
        db.session.get(MemberProfile, her_profile.id).unit_system = "us"
        db.session.commit()
    page = signed_in.get(PAGE + "height").get_data(as_text=True)
    response = signed_in.post(PAGE + "height", data={"submission_id": form_id(page), "young_adult": "65",
                                                     "height": "64", "measured_on": "2026-06-01"})
    assert response.status_code == 302
    page = signed_in.get(PAGE).get_data(as_text=True)
    assert "Ask your doctor whether you need a spine X-ray" not in page and "5 ft 4 in" in page
    form = signed_in.get(PAGE + "height").get_data(as_text=True)
    bad = signed_in.post(PAGE + "height", data={"submission_id": form_id(form), "height": "300",
                                                "measured_on": "2026-06-01"})
    assert bad.status_code == 400 and "Enter a height from 39 to 91 in." in bad.get_data(as_text=True)
