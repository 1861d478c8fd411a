"""A member's first week: a program she ticks off, rows that carry their band, one form per scan, the small
things (minus signs, /login, favicon, her reply on Home, the report's links) and the next step."""
import re
from datetime import UTC, date, datetime, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.auth.models import Role, User
from app.care.models import CareLink, Comment, LinkStatus
from app.exercises.models import ExerciseSession, ProgramItem, SessionEntry
from app.extensions import db
from app.guidance.calendar import resolve_timezone, today_in
from app.profile.models import DxaScan

TODAY = today_in("UTC")


def _sessions(app: Flask, member_id: int) -> list[ExerciseSession]:
    with app.app_context():
        from sqlalchemy.orm import selectinload
        return list(db.session.scalars(select(ExerciseSession).where(ExerciseSession.member_id == member_id)
                                       .options(selectinload(ExerciseSession.entries)
                                                .selectinload(SessionEntry.exercise))))


def _program(app: Flask, member: User, catalog: dict, make_user) -> dict[str, int]:
    therapist = make_user(Role.THERAPIST, email="pt@example.com", name="Priya")
    with app.app_context():
        db.session.add(CareLink(member_id=member.id, therapist_id=therapist.id, status=LinkStatus.ACTIVE))
        items = {
            "band_row": ProgramItem(member_id=member.id, therapist_id=therapist.id, exercise_id=catalog["band_row"],
                                    sets=3, reps=10, band_colour="green", days_per_week=2),
            "tandem_stance": ProgramItem(member_id=member.id, therapist_id=therapist.id,
                                         exercise_id=catalog["tandem_stance"], sets=3, hold_seconds=30,
                                         days_per_week=3),
            "brisk_walking": ProgramItem(member_id=member.id, therapist_id=therapist.id,
                                         exercise_id=catalog["brisk_walking"], sets=1, minutes=20, days_per_week=4),
        }
        db.session.add_all(items.values())
        db.session.commit()
        return {k: v.id for k, v in items.items()}


# Today's program ---------------------------------------------------------------------------------------------

def test_today_ticks_each_exercise_and_saves_them_as_one_session_as_prescribed(
        signed_in: FlaskClient, app: Flask, member: User, catalog, make_user) -> None:
    items = _program(app, member, catalog, make_user)
    page = signed_in.get("/exercises/today").get_data(as_text=True)
    assert "3 × 10" in page and "3 × 30 s" in page and "20 minutes" in page and "green (heavy) band" in page
    response = signed_in.post("/exercises/today", data={
        "done": [str(items["band_row"]), str(items["tandem_stance"])], "pain": "no"})
    assert response.status_code == 302
    (session,) = _sessions(app, member.id)
    assert session.session_date == TODAY
    assert [(e.exercise.slug, e.sets, e.reps_per_set, e.hold_seconds, e.band_colour) for e in session.entries] == [
        ("band_row", 3, [10, 10, 10], None, "green"), ("tandem_stance", 3, None, 30, None)]


def test_today_asks_for_at_least_one_tick_and_where_it_hurt(signed_in: FlaskClient, app: Flask, member: User,
                                                            catalog, make_user) -> None:
    items = _program(app, member, catalog, make_user)
    none = signed_in.post("/exercises/today", data={"pain": "no"})
    assert none.status_code == 400 and "Tick at least one exercise you did." in none.get_data(as_text=True)
    pain = signed_in.post("/exercises/today", data={"done": str(items["band_row"]), "pain": "yes"})
    body = pain.get_data(as_text=True)
    assert pain.status_code == 400 and "Say where it hurt" in body
    assert re.search(rf'<input type="checkbox" id="done-{items["band_row"]}"[^>]*checked', body)  # her tick stays
    assert _sessions(app, member.id) == []


def test_today_without_a_program_says_so(signed_in: FlaskClient) -> None:
    page = signed_in.get("/exercises/today").get_data(as_text=True)
    assert "You don't have a program yet." in page


def test_today_asks_to_confirm_an_exercise_with_a_caution(signed_in: FlaskClient, app: Flask, member: User,
                                                          catalog, make_user) -> None:
    from app.profile.models import Fracture
    therapist = make_user(Role.THERAPIST, email="pt2@example.com")
    with app.app_context():
        db.session.add(Fracture(member_id=member.id, fracture_date=date(2022, 1, 1), site="spine", vertebral=True,
                                low_trauma=True))
        item = ProgramItem(member_id=member.id, therapist_id=therapist.id, exercise_id=catalog["stamping"], sets=1,
                           reps=50, days_per_week=4)
        db.session.add(item)
        db.session.commit()
        item_id = item.id
    first = signed_in.post("/exercises/today", data={"done": str(item_id), "pain": "no"})
    assert first.status_code == 400 and "Confirm you have read the cautions" in first.get_data(as_text=True)
    confirmed = signed_in.post("/exercises/today", data={"done": str(item_id), "pain": "no", "confirm_cautions": "y"})
    assert confirmed.status_code == 302
    (session,) = _sessions(app, member.id)
    assert session.entries[0].caution_confirmed and session.entries[0].impacts == 50


# The session form's rows -------------------------------------------------------------------------------------

def test_a_new_row_carries_the_band_and_dose_and_opens_at_the_new_row(signed_in: FlaskClient, catalog) -> None:
    response = signed_in.post("/exercises/sessions/new", data={
        "session_date": TODAY.isoformat(), "entries-0-exercise": str(catalog["band_row"]), "entries-0-sets": "3",
        "entries-0-reps": "12", "entries-0-band_colour": "blue", "add_entry": "1"})
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and 'id="entry-2"' in body
    assert re.search(r'name="entries-1-sets"[^>]*value="3"', body)
    assert re.search(r'name="entries-1-reps"[^>]*value="12"', body)
    band = re.search(r'<select[^>]*name="entries-1-band_colour"[^>]*>(.*?)</select>', body, re.S).group(1)
    assert re.search(r'<option selected value="blue">', band)
    # Without JavaScript the button asks for the page at the new row (the next one is row 3).
    assert 'formaction="/exercises/sessions/new#entry-3"' in body
    assert 'formaction="/exercises/sessions/new#entry-2"' in signed_in.get("/exercises/sessions/new").get_data(
        as_text=True)


def test_fields_an_exercise_does_not_use_are_not_stored(signed_in: FlaskClient, app: Flask, member: User,
                                                        catalog) -> None:
    response = signed_in.post("/exercises/sessions/new", data={
        "session_date": TODAY.isoformat(),
        "entries-0-exercise": str(catalog["band_row"]), "entries-0-sets": "3", "entries-0-reps": "10",
        "entries-0-band_colour": "red",
        # A walk added under it carries the band row's sets, reps and band: none of them are a walk's.
        "entries-1-exercise": str(catalog["walking"]), "entries-1-sets": "3", "entries-1-reps": "10",
        "entries-1-band_colour": "red", "entries-1-minutes": "20", "pain": "no"})
    assert response.status_code == 302
    (session,) = _sessions(app, member.id)
    walk = session.entries[1]
    assert (walk.minutes, walk.sets, walk.reps_per_set, walk.band_colour) == (20, None, None, None)


def test_home_next_step_prefills_the_form_with_its_dose(signed_in: FlaskClient, catalog) -> None:
    url = (f"/exercises/sessions/new?exercise={catalog['tandem_stance']}&sets=3&hold_seconds=30"
           f"&band_colour=nonsense&reps=%C2%B2")
    body = signed_in.get(url).get_data(as_text=True)
    assert re.search(r'name="entries-0-sets"[^>]*value="3"', body)
    assert re.search(r'name="entries-0-hold_seconds"[^>]*value="30"', body)
    walk = signed_in.get(f"/exercises/walk?activity={catalog['brisk_walking']}&minutes=25").get_data(as_text=True)
    assert 'value="25"' in walk and re.search(rf'<input checked [^>]*value="{catalog["brisk_walking"]}"', walk)


def test_the_next_step_is_from_her_program_and_its_button_does_it(signed_in: FlaskClient, app: Flask,
                                                                  member: User, catalog, make_user) -> None:
    _program(app, member, catalog, make_user)
    html = signed_in.get("/dashboard").get_data(as_text=True)
    step = re.search(r'<p class="next-action"><strong>([^<]+)</strong>', html).group(1)
    assert re.fullmatch(r"(Band session: seated band row, 3 × 10|Balance: tandem stance, 3 × 30 s|"
                        r"Moderate activity: brisk walking, 20 minutes|Impacts: .+)", step), step
    assert "From your program." in html
    assert 'href="/exercises/today"' in html


# Weeks and membership -----------------------------------------------------------------------------------------

def test_weeks_before_she_joined_are_not_judged_and_her_first_week_goes_by_pace(app: Flask, client: FlaskClient,
                                                                               auth, make_user) -> None:
    newcomer = make_user(Role.MEMBER, email="new@example.com", joined=datetime.now(UTC))
    auth.login(newcomer)
    monday = TODAY - timedelta(days=TODAY.weekday())
    before = client.get(f"/progress/week/{(monday - timedelta(weeks=1)).isoformat()}").get_data(as_text=True)
    assert "weren't using Ossify yet this week" in before and "Below" not in before
    this_week = client.get(f"/progress/week/{monday.isoformat()}").get_data(as_text=True)
    assert "Below" not in this_week and ("On track" in this_week or "Behind pace" in this_week)
    trends = client.get("/progress/trends").get_data(as_text=True)
    # The charts start with the week she joined: no weeks before it at all, and nothing "below".
    assert "Since you joined: 1 week</h1>" in trends and "Not a member yet" not in trends and ">Below<" not in trends


def test_a_client_who_joined_this_week_is_not_flagged_below_two_weeks_running(app: Flask, make_user) -> None:
    from app.workspace.caseload import caseload
    therapist = make_user(Role.THERAPIST, email="pt3@example.com")
    newcomer = make_user(Role.MEMBER, email="new2@example.com", joined=datetime.now(UTC))
    veteran = make_user(Role.MEMBER, email="old@example.com")
    with app.app_context():
        db.session.add_all([CareLink(member_id=m.id, therapist_id=therapist.id, status=LinkStatus.ACTIVE)
                            for m in (newcomer, veteran)])
        db.session.commit()
        rows = {r.member_id: [f["text"] for f in r.status.flags] for r in caseload(therapist.id).rows}
    assert not any("two full weeks running" in f for f in rows[newcomer.id])
    assert any("two full weeks running" in f for f in rows[veteran.id])


# One form for a scan ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("typed", ["-2.6", "\u22122.6", "\u2013 2.6", "\u22122,6"])
def test_a_three_site_scan_on_one_form_with_the_minus_sign_reports_print(signed_in: FlaskClient, app: Flask,
                                                                        member: User, typed: str) -> None:
    response = signed_in.post("/me/health/scan/new", data={
        "scan_date": "2025-03-18", "lumbar_spine": typed, "total_hip": "\u22121.8", "femoral_neck": "-2.1"})
    assert response.status_code == 302, response.get_data(as_text=True)
    with app.app_context():
        rows = db.session.scalars(select(DxaScan).where(DxaScan.member_id == member.id)
                                  .order_by(DxaScan.site)).all()
        assert sorted((r.site, r.t_score) for r in rows) == [
            ("femoral_neck", -2.1), ("lumbar_spine", -2.6), ("total_hip", -1.8)]
    health = signed_in.get("/me/health").get_data(as_text=True)
    assert "Osteoporosis" in health


@pytest.mark.parametrize("data, message", [
    ({"scan_date": "2025-03-18", "femoral_neck": ""}, "Enter at least one T-score from the report."),
    ({"scan_date": "2025-03-18", "total_hip": "-1.85"}, "Use at most one decimal place"),
    ({"scan_date": "2025-03-18", "total_hip": "minus two"}, "Enter the T-score as a number"),
    ({"scan_date": "2999-01-01", "total_hip": "-1.8"}, "scan date"),
])
def test_a_scan_form_with_bad_input_keeps_what_she_typed(signed_in: FlaskClient, app: Flask, member: User,
                                                         data: dict, message: str) -> None:
    response = signed_in.post("/me/health/scan/new", data={"femoral_neck": "-2.0", **data})
    body = response.get_data(as_text=True)
    assert response.status_code == 400 and message in body
    assert 'value="-2.0"' in body or data.get("femoral_neck") == ""
    with app.app_context():
        assert db.session.scalar(select(DxaScan.id).where(DxaScan.member_id == member.id)) is None


def test_a_scan_site_already_on_record_is_named(signed_in: FlaskClient, app: Flask, member: User) -> None:
    with app.app_context():
        db.session.add(DxaScan(member_id=member.id, scan_date=date(2025, 3, 18), site="total_hip", t_score=-1.8))
        db.session.commit()
    response = signed_in.post("/me/health/scan/new", data={"scan_date": "2025-03-18", "total_hip": "-1.8",
                                                           "lumbar_spine": "-2.0"})
    assert response.status_code == 400 and "already have a total hip result" in response.get_data(as_text=True)


# The small things -----------------------------------------------------------------------------------------------

def test_login_and_favicon_addresses(client: FlaskClient) -> None:
    login = client.get("/login?next=/dashboard")
    assert login.status_code == 301 and login.location.endswith("/auth/login?next=/dashboard")
    assert client.get("/favicon.ico").location.endswith("/static/img/favicon.svg")
    assert client.get("/static/img/favicon.svg").status_code == 200
    assert 'rel="icon"' in client.get("/auth/login").get_data(as_text=True)


def test_the_bone_health_title_is_a_title(signed_in: FlaskClient) -> None:
    title = re.search(r"<title>(.*?)</title>", signed_in.get("/me/health").get_data(as_text=True), re.S).group(1)
    assert title == "My bone health · Ossify"


def test_her_reply_shows_on_home(signed_in: FlaskClient, app: Flask, member: User, make_user) -> None:
    therapist = make_user(Role.THERAPIST, email="pt4@example.com", name="Priya")
    with app.app_context():
        db.session.add(CareLink(member_id=member.id, therapist_id=therapist.id, status=LinkStatus.ACTIVE))
        comment = Comment(member_id=member.id, author_id=therapist.id, author_name="Priya",
                          week_start=TODAY - timedelta(days=TODAY.weekday()), body="Lovely week.")
        db.session.add(comment)
        db.session.commit()
        comment_id = comment.id
    reply = signed_in.post(f"/care/comments/{comment_id}/reply", data={"body": "Thank you!", "next": "/dashboard"})
    assert reply.status_code == 302
    home = signed_in.get("/dashboard").get_data(as_text=True)
    assert "Lovely week." in home and "Thank you!" in home


def test_the_report_is_linked_from_home_the_week_and_trends_with_a_print_button(signed_in: FlaskClient) -> None:
    for url in ("/dashboard", "/progress/", "/progress/trends"):
        assert "/progress/report" in signed_in.get(url, follow_redirects=True).get_data(as_text=True), url
    report = signed_in.get("/progress/report").get_data(as_text=True)
    assert "data-print hidden>Print</button>" in report and "js/print.js" in report


@pytest.mark.parametrize("typed, zone", [
    ("Europe/London", "Europe/London"), ("london", "Europe/London"), ("New York", "America/New_York"),
    ("buenos_aires", "America/Argentina/Buenos_Aires"), ("america/chicago", "America/Chicago"),
    ("Atlantis", None), ("", None), ("x" * 200, None),
])
def test_a_time_zone_can_be_typed_as_a_city(typed: str, zone: str | None) -> None:
    assert resolve_timezone(typed) == zone


def test_profile_asks_for_units_once_and_takes_a_city_for_the_time_zone(signed_in: FlaskClient, app: Flask,
                                                                        member: User) -> None:
    form = signed_in.get("/me/profile").get_data(as_text=True)
    assert "weight_unit" not in form and form.count('name="unit_system"') == 2
    response = signed_in.post("/me/profile", data={
        "display_name": "Margaret", "date_of_birth": "1958-04-12", "sex": "female", "weight": "150",
        "unit_system": "us", "vitamin_d_unit": "IU", "timezone": "chicago"})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(User, member.id).timezone == "America/Chicago"
        from app.targets.services import current_weight
        assert current_weight(member.id, TODAY) == pytest.approx(68.04, abs=0.01)  # 150 lb
