"""Her therapist and her tests: results measured in clinic, a request to repeat one, flags when a result is at
risk or her height crosses a threshold, the fall-risk column; and her results everywhere her data goes."""
import csv
import io
import re
import zipfile
from datetime import timedelta

from flask import Flask
from sqlalchemy import select

from app.extensions import db
from app.function.models import FunctionResult
from app.profile.models import Height, MemberProfile
from tests.support.world import TODAY, as_user, bearer, fill_profile, token_for

PAGE = "/me/strength-and-balance/"


def her_client(app: Flask, world: dict):
    """Margaret, born 12 April 1958: a chair stand of 9 today (at risk for women 65-69) and 160.0 cm measured."""
    with app.app_context():
        m = world["member"].id
        fill_profile(m, 62.0)
        db.session.add(FunctionResult(member_id=m, test="chair_stand", taken_on=TODAY, value=9, loinc="66247-8"))
        db.session.add(Height(member_id=m, measured_on=TODAY, height_cm=160.0))
        db.session.commit()
    return as_user(app, world["member"]), as_user(app, world["linked"])


def form_id(page: str, prefix: str = "") -> str:
    return re.search(rf'name="{prefix}submission_id"[^>]*value="([0-9a-f]+)"', page).group(1)


def test_a_result_measured_in_clinic_reads_measured_by_her_therapist(app, world) -> None:
    her, pt = her_client(app, world)
    m = world["member"].id
    page = pt.get(f"/clients/{m}/function").get_data(as_text=True)
    response = pt.post(f"/clients/{m}/function/timed_up_and_go", data={
        "timed_up_and_go-seconds": "13.2", "timed_up_and_go-taken_on": TODAY.isoformat(),
        "timed_up_and_go-submission_id": form_id(page, "timed_up_and_go-")})
    assert response.status_code == 302
    mine = her.get(PAGE).get_data(as_text=True)
    assert "13.2 s" in mine and "measured by Linda PT" in mine
    bad = pt.post(f"/clients/{m}/function/timed_up_and_go", data={"timed_up_and_go-seconds": "soon",
                                                                 "timed_up_and_go-taken_on": TODAY.isoformat()})
    assert bad.status_code == 400 and "Enter the seconds as a number" in bad.get_data(as_text=True)


def test_a_result_that_moves_to_at_risk_raises_a_flag_that_says_so(app, world) -> None:
    her, pt = her_client(app, world)
    m = world["member"].id
    with app.app_context():   # a chair stand of 12 before today's 9
        db.session.add(FunctionResult(member_id=m, test="chair_stand", taken_on=TODAY - timedelta(days=90),
                                      value=12, loinc="66247-8"))
        db.session.commit()
    week = pt.get(f"/clients/{m}/function").get_data(as_text=True)
    assert "30-second chair stand at risk on" in week and "not at risk on" in week
    assert "Below average for women" in week
    listing = pt.get("/clients/?sort=fall_risk&dir=desc").get_data(as_text=True)
    assert "1 of 1 at risk" in listing and "30-second chair stand at risk" in listing


def test_a_request_to_repeat_shows_on_her_home_and_today_until_she_does_it(app, world) -> None:
    her, pt = her_client(app, world)
    m = world["member"].id
    pt.post(f"/clients/{m}/function/balance/ask")
    for path in ("/dashboard", "/exercises/today"):
        page = her.get(path).get_data(as_text=True)
        assert "your physical therapist asked for" in page and "4-Stage Balance test" in page, path
    form = her.get(PAGE + "balance").get_data(as_text=True)
    her.post(PAGE + "balance", data={"stage": "4", "taken_on": TODAY.isoformat(), "submission_id": form_id(form)})
    assert "your physical therapist asked for" not in her.get("/dashboard").get_data(as_text=True)


def test_height_past_the_threshold_flags_her_therapist(app, world) -> None:
    her, pt = her_client(app, world)
    m = world["member"].id
    with app.app_context():
        db.session.get(MemberProfile, m).young_adult_height_cm = 164.5
        db.session.commit()
    page = pt.get(f"/clients/{m}/function").get_data(as_text=True)
    assert "Height 4.5 cm less from the height she remembers as a young adult" in page
    assert "spine X-ray" in page


def test_her_results_are_in_her_download_her_report_and_the_api(app, world) -> None:
    her, pt = her_client(app, world)
    m = world["member"].id
    files = zipfile.ZipFile(io.BytesIO(her.get("/account/export.zip").data))
    rows = list(csv.DictReader(io.StringIO(files.read("strength_and_balance_tests.csv").decode("utf-8-sig"))))
    assert rows[0]["test"] == "chair_stand" and rows[0]["loinc"] == "66247-8" and rows[0]["judged"] == "at_risk"
    assert f"{TODAY.isoformat()},160" in files.read("heights.csv").decode("utf-8-sig")
    report = her.get("/progress/report").get_data(as_text=True)
    assert "Strength and balance (CDC STEADI)" in report and "9 stands" in report
    api, headers = app.test_client(), bearer(token_for(app, world["member"]))
    made = api.post("/api/v1/me/function-tests", headers=headers, json={
        "test": "stay_independent", "taken_on": TODAY.isoformat(), "answers": ["fallen", "unsteady", "sad"]})
    assert made.status_code == 201 and made.json["value"] == 4 and made.json["judged"]["band"] == "at_risk"
    assert made.json["loinc"] == "97885-8"
    refused = api.post("/api/v1/me/function-tests", headers=headers, json={
        "test": "chair_stand", "taken_on": TODAY.isoformat(), "value": 2.5})
    assert refused.status_code == 422 and "whole number" in str(refused.json)
    listed = api.get("/api/v1/me/function-tests", headers=headers).json
    assert {r["test"] for r in listed} == {"chair_stand", "stay_independent"}
    theirs = app.test_client().get(f"/api/v1/clients/{m}/function-tests",
                                   headers=bearer(token_for(app, world["linked"])))
    assert theirs.status_code == 200 and len(theirs.json) == 2
    other = app.test_client().get(f"/api/v1/clients/{m}/function-tests",
                                  headers=bearer(token_for(app, world["unlinked"])))
    assert other.status_code == 404


def test_deleting_her_account_deletes_her_results_and_heights(app, world) -> None:
    her, _ = her_client(app, world)
    m = world["member"].id
    page = her.get("/account/delete").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
    her.post("/account/delete", data={"password": "correct horse battery", "confirm": "y",
                                      "csrf_token": token.group(1) if token else ""})
    with app.app_context():
        left = [db.session.scalars(select(model).where(model.member_id == m)).all()
                for model in (FunctionResult, Height)]
    assert left == [[], []]
