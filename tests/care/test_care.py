"""Consent, the one access rule, access records, the client dashboard, programs and feedback."""
import re
from datetime import UTC, date, datetime, timedelta

import pytest
from flask import Flask
from sqlalchemy import select

from app.auth.models import Role, User
from app.care.models import AccessRecord, CareLink, Comment, LinkStatus
from app.care.services import CareError, create_code, redeem_code
from app.exercises.models import ExerciseSession, SessionEntry
from app.extensions import db
from app.nutrition.models import FoodLog
from app.profile.models import BodyWeight, MemberProfile
from app.targets.services import overrides_in_force
from app.workspace.caseload import PAGE_SIZE
from tests.support.world import LONG_AGO, MONDAY, ROLES, SECRET_NOTE, TODAY, as_user, matrix_routes, snapshot


def workspace_routes(w: dict) -> list[tuple[str, str, dict | None]]:
    m = w["member"].id
    return [
        ("GET", f"/clients/{m}/", None),
        ("GET", f"/clients/{m}/week/{MONDAY.isoformat()}", None),
        ("GET", f"/clients/{m}/trends", None),
        ("GET", f"/clients/{m}/sessions", None),
        ("GET", f"/clients/{m}/sessions/{w['session']}", None),
        ("GET", f"/clients/{m}/food/{TODAY.isoformat()}", None),
        ("GET", f"/clients/{m}/health", None),
        ("GET", f"/clients/{m}/program", None),
        ("GET", f"/clients/{m}/targets", None),
        ("POST", f"/clients/{m}/comments", {"body": "Nice work", "session_id": str(w["session"])}),
        ("POST", f"/clients/{m}/program", {"exercise": str(w["band_exercise"]), "sets": "2", "reps": "10",
                                           "days_per_week": "2"}),
        ("POST", f"/clients/{m}/targets", {"target_key": "calcium_mg", "value": "1000", "reason": "Kidney stones"}),
        ("POST", f"/clients/{m}/flags", {"kind": "quiet", "key": "never", "state": "seen"}),
        ("POST", f"/clients/{m}/program/{w['item']}/delete", {}),
        ("POST", f"/clients/{m}/targets/{w['override']}/delete", {}),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_access_matrix_over_every_workspace_route(app: Flask, world: dict, role: str) -> None:
    client = as_user(app, None if role == "anonymous" else world[role])
    for method, url, data in workspace_routes(world):
        response = client.open(url, method=method, data=data or {})
        body = response.get_data(as_text=True)
        if role == "anonymous":
            assert response.status_code == 302 and "/auth/login" in response.location, (role, url)
        elif role in ("member", "other"):
            assert response.status_code == 403, (role, url)
        elif role == "linked":
            assert response.status_code in (200, 302), (role, url, response.status_code)
        else:  # unlinked or revoked: indistinguishable from a member who doesn't exist
            assert response.status_code == 404, (role, url)
        if role != "linked":
            assert SECRET_NOTE not in body and "Margaret" not in body, (role, url)


def test_linked_therapist_sees_exactly_her_pages_read_only(app: Flask, world: dict) -> None:
    client = as_user(app, world["linked"])
    m = world["member"].id
    session_page = client.get(f"/clients/{m}/sessions/{world['session']}").get_data(as_text=True)
    assert SECRET_NOTE in session_page and "Band squat: 3 × 10" in session_page
    assert "/exercises/sessions/" not in session_page.split("<main")[1]  # no edit/delete of her data
    week = client.get(f"/clients/{m}/week/{MONDAY.isoformat()}").get_data(as_text=True)
    assert "Resistance-band sessions" in week and "Balance days" in week and "set by Linda PT" in week
    food = client.get(f"/clients/{m}/food/{TODAY.isoformat()}").get_data(as_text=True)
    assert "Milk" in food and "Took it" not in food and "Add food to" not in food
    health = client.get(f"/clients/{m}/health").get_data(as_text=True)
    assert "Osteopenia" in health and "Add a DXA result" not in health


def test_every_visit_is_recorded_and_shown_to_her(app: Flask, world: dict) -> None:
    therapist = as_user(app, world["linked"])
    therapist.get(f"/clients/{world['member'].id}/health")
    therapist.get(f"/clients/{world['member'].id}/sessions/{world['session']}")
    as_user(app, world["unlinked"]).get(f"/clients/{world['member'].id}/health")  # refused: not recorded
    with app.app_context():
        records = db.session.scalars(select(AccessRecord).order_by(AccessRecord.id)).all()
        assert [(r.therapist_name, r.what) for r in records] == [("Linda PT", "bone-health record"),
                                                               ("Linda PT", "an exercise session")]
    account = as_user(app, world["member"]).get("/account").get_data(as_text=True)
    assert "Who viewed my data" in account and "Linda PT" in account and "bone-health record" in account


def test_revocation_takes_effect_at_once(app: Flask, world: dict) -> None:
    therapist = as_user(app, world["linked"])
    url = f"/clients/{world['member'].id}/health"
    assert therapist.get(url).status_code == 200
    member = as_user(app, world["member"])
    with app.app_context():
        link_id = db.session.scalar(select(CareLink.id).where(CareLink.therapist_id == world["linked"].id))
    assert member.post(f"/care/links/{link_id}/revoke").status_code == 302
    assert therapist.get(url).status_code == 404
    assert "Margaret" not in therapist.get("/clients/").get_data(as_text=True)


def test_therapist_can_end_the_link(app: Flask, world: dict) -> None:
    therapist = as_user(app, world["linked"])
    assert therapist.post(f"/clients/{world['member'].id}/end").status_code == 302
    assert therapist.get(f"/clients/{world['member'].id}/health").status_code == 404
    page = as_user(app, world["member"]).get("/care/").get_data(as_text=True)
    assert "Ended by the therapist" in page


def test_email_invitation_needs_the_therapist_to_accept(app: Flask, world: dict) -> None:
    member = as_user(app, world["member"])
    # An address with no account, a member's address and a therapist's get the same answer and the same line on
    # her page: inviting tells her nothing about who has an account.
    pages = []
    for email in ("nobody@example.com", world["other"].email, "UNLINKED@example.com"):
        sent = member.post("/care/invite", data={"email": email}, follow_redirects=True)
        assert sent.status_code == 200
        pages.append(sent.get_data(as_text=True).replace(email.lower(), "ADDRESS"))
    assert "Invitation sent to ADDRESS" in pages[0]
    assert pages[0].count("not yet accepted") == 1 and pages[2].count("not yet accepted") == 3
    assert "Ursula" not in pages[2]  # the therapist's name only once she accepts
    again = member.post("/care/invite", data={"email": "unlinked@example.com"})
    assert again.status_code == 400 and "already invited that address" in again.get_data(as_text=True)
    therapist = as_user(app, world["unlinked"])
    assert therapist.get(f"/clients/{world['member'].id}/health").status_code == 404  # invited is not granted
    dashboard = therapist.get("/clients/").get_data(as_text=True)
    assert "Margaret" in dashboard and "invited you" in dashboard
    with app.app_context():
        link_id = db.session.scalar(select(CareLink.id).where(CareLink.therapist_id == world["unlinked"].id,
                                                              CareLink.status == LinkStatus.INVITED))
    assert as_user(app, world["linked"]).post(f"/clients/invitations/{link_id}/accept").status_code == 404
    assert therapist.get(f"/clients/{world['member'].id}/health").status_code == 404  # not his to accept
    assert therapist.post(f"/clients/invitations/{link_id}/accept").status_code == 302
    assert therapist.get(f"/clients/{world['member'].id}/health").status_code == 200


def test_one_time_code_works_once_and_expires(app: Flask, world: dict) -> None:
    member = as_user(app, world["member"])
    page = member.post("/care/code").get_data(as_text=True)
    code = re.search(r"Your code: <strong>([A-Z0-9]{4}-[A-Z0-9]{4})</strong>", page).group(1)
    therapist = as_user(app, world["unlinked"])
    wrong = therapist.post("/clients/code", data={"code": "AAAA-BBBB"})
    assert wrong.status_code == 400 and "That code doesn" in wrong.get_data(as_text=True)
    assert therapist.post("/clients/code", data={"code": code.lower().replace("-", " ")}).status_code == 302
    assert therapist.get(f"/clients/{world['member'].id}/health").status_code == 200
    assert as_user(app, world["revoked"]).post("/clients/code", data={"code": code}).status_code == 400  # used
    with app.app_context():
        old, _ = create_code(world["member"].id, now=datetime.now(UTC) - timedelta(days=8))
        db.session.commit()
        with pytest.raises(CareError):
            redeem_code(world["revoked"].id, old)


def test_comment_reaches_her_dashboard_and_she_replies(app: Flask, world: dict) -> None:
    therapist = as_user(app, world["linked"])
    m = world["member"].id
    therapist.post(f"/clients/{m}/comments", data={"body": "Lovely squats. Try blue next week?",
                                                  "session_id": str(world["session"])})
    therapist.post(f"/clients/{m}/comments", data={"body": "Good week overall.", "week_start": MONDAY.isoformat()})
    member = as_user(app, world["member"])
    dashboard = member.get("/dashboard").get_data(as_text=True)
    assert "Good week overall." in dashboard and "Lovely squats" in dashboard and ">new</span>" in dashboard
    assert ">new</span>" not in member.get("/dashboard").get_data(as_text=True)  # read now
    with app.app_context():
        comment_id = db.session.scalar(select(Comment.id).where(Comment.session_id == world["session"]))
    member.post(f"/care/comments/{comment_id}/reply", data={"body": "Will do!", "next": "/dashboard"})
    thread = therapist.get(f"/clients/{m}/sessions/{world['session']}").get_data(as_text=True)
    assert "Lovely squats" in thread and "Will do!" in thread
    assert "Good week overall." in member.get(f"/progress/week/{MONDAY.isoformat()}").get_data(as_text=True)
    other = as_user(app, world["other"])
    assert other.post(f"/care/comments/{comment_id}/reply", data={"body": "sneaky"}).status_code == 404


def test_program_logging_adherence_and_band_progression(app: Flask, world: dict, catalog) -> None:
    member = as_user(app, world["member"])
    program = member.get("/care/program").get_data(as_text=True)
    assert "Band squat" in program and "1 of 2 days this week" in program  # the session today
    prefilled = member.get("/exercises/sessions/new?program=mine").get_data(as_text=True)
    assert re.search(rf'<option[^>]*selected value="{catalog["band_squat"]}"', prefilled) and 'value="10"' in prefilled
    assert "time to try the" not in program  # one easy session is not enough
    with app.app_context():
        session = ExerciseSession(member_id=world["member"].id, session_date=TODAY - timedelta(days=2), effort=2)
        session.entries = [SessionEntry(position=0, exercise_id=catalog["band_squat"], sets=3,
                                        reps_per_set=[10, 10, 12], band_colour="red")]
        db.session.add(session)
        db.session.commit()
    program = member.get("/care/program").get_data(as_text=True)
    assert "time to try the <strong>green</strong> band" in program  # red → green, one rank heavier
    therapist_view = as_user(app, world["linked"]).get(f"/clients/{world['member'].id}/program")
    assert "time to try the <strong>green</strong> band" in therapist_view.get_data(as_text=True)


@pytest.mark.parametrize("data, message", [
    ({"exercise": "", "sets": "3", "reps": "10", "days_per_week": "2"}, "Choose an exercise from the list."),
    ({"exercise": "band", "sets": "21", "reps": "10", "days_per_week": "2"}, "Enter between 1 and 20 sets."),
    ({"exercise": "band", "sets": "3", "reps": "10", "days_per_week": "8"}, "Enter between 1 and 7 days."),
    ({"exercise": "band", "sets": "3", "days_per_week": "2"}, "Enter the reps per set."),
    ({"exercise": "hold", "sets": "3", "reps": "10", "days_per_week": "2"}, "Enter how many seconds to hold it."),
    ({"exercise": "hold", "sets": "3", "hold_seconds": "601", "days_per_week": "2"},
     "Enter between 1 and 600 seconds."),
])
def test_program_bad_input(app: Flask, world: dict, data: dict, message: str) -> None:
    data = {**data, "exercise": str(world.get(f"{data['exercise']}_exercise", ""))}
    response = as_user(app, world["linked"]).post(f"/clients/{world['member'].id}/program", data=data)
    assert response.status_code == 400 and message in response.get_data(as_text=True)


def test_a_hold_is_prescribed_in_seconds_and_logged_as_prescribed_with_no_edits(app: Flask, world: dict) -> None:
    m = world["member"]
    therapist = as_user(app, world["linked"])
    added = therapist.post(f"/clients/{m.id}/program", data={
        "exercise": str(world["hold_exercise"]), "sets": "3", "hold_seconds": "30", "reps": "99",
        "days_per_week": "3"})
    assert added.status_code == 302
    member = as_user(app, m)
    assert "Tandem stance</strong> <span>" in member.get("/care/program").get_data(as_text=True)
    assert "3 × 30 s" in member.get("/care/program").get_data(as_text=True)
    # "Log a session from my program": the form comes filled in and saves as it is.
    form = member.get("/exercises/sessions/new?program=mine").get_data(as_text=True)
    fields = dict(re.findall(r'name="(entries-\d+-[a-z_]+|csrf_token|submission_id|session_date)"[^>]*?value="([^"]*)"',
                             form))
    selected = {name: re.search(r'<option[^>]*\bselected\b[^>]*value="([^"]*)"', options).group(1)
                for name, options in re.findall(r'<select[^>]*name="(entries-\d+-[a-z_]+)"[^>]*>(.*?)</select>',
                                                form, re.S) if "selected" in options}
    saved = member.post("/exercises/sessions/new", data={**fields, **selected, "pain": "no"})
    assert saved.status_code == 302, saved.get_data(as_text=True)
    with app.app_context():
        entries = db.session.scalars(select(SessionEntry).join(ExerciseSession)
                                     .where(ExerciseSession.member_id == m.id,
                                            SessionEntry.exercise_id == world["hold_exercise"])).all()
        assert [(e.sets, e.hold_seconds, e.reps_per_set) for e in entries] == [(3, 30, None)]


def test_target_override_needs_a_reason_and_shows_to_her(app: Flask, world: dict) -> None:
    therapist = as_user(app, world["linked"])
    m = world["member"].id
    missing = therapist.post(f"/clients/{m}/targets", data={"target_key": "calcium_mg", "value": "1000",
                                                           "reason": ""})
    assert missing.status_code == 400 and "Say why" in missing.get_data(as_text=True)
    therapist.post(f"/clients/{m}/targets", data={"target_key": "calcium_mg", "value": "1000",
                                                 "reason": "History of kidney stones"})
    day = as_user(app, world["member"]).get(f"/nutrition/day/{TODAY.isoformat()}").get_data(as_text=True)
    assert "1,000 mg" in day


def test_a_target_above_the_upper_limit_is_refused_with_the_limit_named(app: Flask, world: dict) -> None:
    therapist = as_user(app, world["linked"])
    m = world["member"].id
    above = therapist.post(f"/clients/{m}/targets", data={"target_key": "calcium_mg", "value": "2100",
                                                         "reason": "Low intake"})
    body = above.get_data(as_text=True)
    assert above.status_code == 400 and "above the upper limit for calcium of 2,000 mg a day (NAM 2011)" in body
    assert 'value="2100"' in body and "Low intake" in body   # nothing she typed is lost
    vitamin_d = therapist.post(f"/clients/{m}/targets", data={"target_key": "vitamin_d_iu", "value": "4001",
                                                             "reason": "Low level"})
    assert vitamin_d.status_code == 400 and "upper limit for vitamin D of 4,000 IU" in vitamin_d.get_data(as_text=True)
    at_limit = therapist.post(f"/clients/{m}/targets", data={"target_key": "calcium_mg", "value": "2000",
                                                            "reason": "Low intake"})
    assert at_limit.status_code == 302
    with app.app_context():
        assert [(o.target_key, o.value) for o in overrides_in_force(m) if o.target_key != "balance_days"] == [
            ("calcium_mg", 2000)]


def test_dashboard_flags_and_order(app: Flask, world: dict, make_user, catalog) -> None:
    quiet = make_user(Role.MEMBER, email="quiet@example.com", name="Aaron Quiet")
    with app.app_context():
        db.session.add(CareLink(member_id=quiet.id, therapist_id=world["linked"].id, status=LinkStatus.ACTIVE))
        session = db.session.get(ExerciseSession, world["session"])
        session.pain, session.pain_where = True, "knee"
        db.session.commit()
    page = as_user(app, world["linked"]).get("/clients/").get_data(as_text=True)
    assert "Nothing logged yet (7+ days)" in page and "Pain reported on" in page and "(knee)" in page
    assert "Below target two full weeks running" in page  # Aaron: nothing at all for two weeks
    # Margaret's pain (high) comes before Aaron's quiet spell (medium) and his weeks below target (low)
    assert page.index("Margaret") < page.index("Aaron Quiet")


def test_client_dashboard_queries_are_constant_for_3_and_200_clients(app: Flask, world: dict, count_queries,
                                                                    catalog, foods) -> None:
    therapist = as_user(app, world["linked"])
    building_few = count_queries(lambda: therapist.get("/clients/"))  # her one row built
    few = count_queries(lambda: therapist.get("/clients/"))
    with app.app_context():
        for i in range(200):
            client = User(email=f"client{i}@example.com", display_name=f"Client {i:03d}", role="member",
                          password_hash="x", timezone="UTC")
            db.session.add(client)
            db.session.flush()
            db.session.add_all([
                MemberProfile(user_id=client.id, date_of_birth=date(1955, 1, 1), sex="female"),
                BodyWeight(member_id=client.id, measured_on=LONG_AGO, weight_kg=60),
                CareLink(member_id=client.id, therapist_id=world["linked"].id, status=LinkStatus.ACTIVE),
                FoodLog(member_id=client.id, log_date=TODAY, meal="lunch", food_id=foods["01085"], food_name="Milk",
                        grams=245, calcium_mg=299, vitamin_d_iu=115, protein_g=8)])
            session = ExerciseSession(member_id=client.id, session_date=TODAY - timedelta(days=i % 10), pain=i % 7 == 0)
            session.entries = [SessionEntry(position=0, exercise_id=catalog["brisk_walking"], minutes=30)]
            db.session.add(session)
        db.session.commit()
    building = count_queries(lambda: therapist.get("/clients/"))  # 200 new rows to build, in one batch
    many = count_queries(lambda: therapist.get("/clients/"))
    assert few == many, (few, many)
    # user, which rows are stale, the counts, one page of rows, invitations
    assert many == 5
    assert building <= building_few, (building_few, building)  # building 200 rows costs what building 1 does
    page = as_user(app, world["linked"]).get("/clients/").get_data(as_text=True)
    assert page.count('<th scope="row"') == PAGE_SIZE and "201 clients, page 1 of 9" in page


# --- The whole matrix, walked from the url map -------------------------------------------------------------------
# Every route that shows or changes member data × the six visitors, with Margaret's real record ids in the URL.
# tests/house/test_permissions.py makes sure no route escapes classification; this makes sure each cell answers right.


@pytest.mark.parametrize("role", ROLES)
def test_access_matrix_over_every_member_data_route(app: Flask, full_world: dict, role: str) -> None:
    w = full_world
    before = snapshot(app, w["member"].id)
    client = as_user(app, None if role == "anonymous" else w[role])
    cells = 0
    for endpoint, method, url, names_her_rows in matrix_routes(app, w):
        area = "therapist" if endpoint.startswith("workspace.") else "member"
        allowed = (role == "member" and area == "member") or (role == "linked" and area == "therapist")
        if allowed and method == "POST":
            continue  # her own and her therapist's changes are exercised feature by feature
        response = client.open(url, method=method, data={})
        status, body = response.status_code, response.get_data().decode("utf-8", "replace")
        cells += 1
        where = (role, endpoint, method, url, status)
        assert status < 500, where
        if role == "anonymous":
            assert status == 302 and response.location.startswith("/auth/login"), where
        elif allowed:
            assert status in (200, 302), where
            if status == 302:
                assert not response.location.startswith("/auth/"), where
        elif area == "member" and role in ("linked", "unlinked", "revoked"):
            assert status == 403, where
        elif area == "therapist" and role in ("member", "other"):
            assert status == 403, where
        elif names_her_rows:  # another member, or a therapist she hasn't (or no longer) granted
            assert status == 404, where
        if not allowed:
            assert SECRET_NOTE not in body and "Margaret" not in body, where
    assert cells > 40
    assert snapshot(app, w["member"].id) == before


@pytest.mark.parametrize("session_id", ["9999999999999999999999", "2147483648", "٣", "-1", "0"])
def test_a_comment_on_an_impossible_session_is_a_404(app: Flask, world: dict, session_id: str) -> None:
    """Found by tests/house/test_fuzz.py: a 40-digit session id overflowed PostgreSQL's integer (a 500)."""
    therapist = as_user(app, world["linked"])
    response = therapist.post(f"/clients/{world['member'].id}/comments", data={"body": "Hi", "session_id": session_id})
    assert response.status_code == 404
    with app.app_context():
        assert db.session.scalar(select(Comment.id)) is None


@pytest.mark.parametrize("target", ["session", "week"])
def test_an_empty_or_too_long_comment_is_refused_at_the_field_and_keeps_the_text(app: Flask, world: dict,
                                                                                target: str) -> None:
    therapist = as_user(app, world["linked"])
    m = world["member"].id
    where = {"session_id": str(world["session"])} if target == "session" else {"week_start": MONDAY.isoformat()}
    empty = therapist.post(f"/clients/{m}/comments", data={"body": "   ", **where})
    assert empty.status_code == 400 and "Write your comment first." in empty.get_data(as_text=True)
    long = therapist.post(f"/clients/{m}/comments", data={"body": "Keep going " * 500, **where})
    body = long.get_data(as_text=True)
    assert long.status_code == 400 and "Use at most" in body and "Keep going Keep going" in body
    assert therapist.post(f"/clients/{m}/comments", data={"body": "Hi"}).status_code == 400  # neither: not our page
    with app.app_context():
        assert db.session.scalar(select(Comment.id)) is None


def test_the_client_list_shows_each_client_her_own_week(app: Flask, make_user, catalog) -> None:
    """A therapist in Auckland on Monday morning; her client in Los Angeles is still finishing Sunday."""
    from app.workspace.caseload import caseload
    therapist = make_user(Role.THERAPIST, email="nz@example.com", timezone="Pacific/Auckland")
    client = make_user(Role.MEMBER, email="la@example.com", timezone="America/Los_Angeles")
    now = datetime(2026, 11, 29, 19, 0, tzinfo=UTC)  # Monday 08:00 in Auckland, Sunday 11:00 in Los Angeles
    sunday = date(2026, 11, 29)
    with app.app_context():
        db.session.add(CareLink(member_id=client.id, therapist_id=therapist.id, status=LinkStatus.ACTIVE))
        session = ExerciseSession(member_id=client.id, session_date=sunday, total_minutes=30)
        session.entries = [SessionEntry(position=0, exercise_id=catalog["walking"], minutes=30)]
        db.session.add(session)
        db.session.commit()
        (row,) = caseload(therapist.id, now=now).rows
        assert row.status.week_start == date(2026, 11, 23)  # her week, not the therapist's new one
        assert row.status.computed_for == sunday and row.status.last_logged == sunday
        assert not any(f["kind"] == "quiet" for f in row.status.flags)


SHARED_PAGES = {  # member's page → her therapist's view of it ({m}: her id, {s}: a session of hers)
    "/progress/week/{monday}": "/clients/{m}/week/{monday}",
    "/progress/trends": "/clients/{m}/trends",
    "/exercises/": "/clients/{m}/sessions",
    "/exercises/sessions/{s}": "/clients/{m}/sessions/{s}",
    "/nutrition/day/{today}": "/clients/{m}/food/{today}",
    "/me/health": "/clients/{m}/health",
    "/care/program": "/clients/{m}/program",
    "/progress/report?weeks=4": "/clients/{m}/report?weeks=4",
}
# What the therapist's pages add: the grant and the access record (the access rule: 2 statements), and what only
# the therapist's page shows: her current bone medicines and any dose due since a past day on the week page, the
# exercises to prescribe from (with their cautions for her) on the program page, and her templates to apply there.
ACCESS_RULE_STATEMENTS = 2
# The week and session pages also show her open flags (is her row current, the row), and the week page links each
# pain report to its session. The row is built on the first visit; counted here is a later one.
THERAPIST_ADDS = {"/clients/{m}/week/{monday}": 5, "/clients/{m}/program": 2, "/clients/{m}/sessions/{s}": 2}


def test_the_therapist_sees_each_shared_page_for_the_statements_of_hers_plus_the_access_rule(
        app: Flask, world: dict, count_queries) -> None:
    member, therapist = as_user(app, world["member"]), as_user(app, world["linked"])
    values = {"m": world["member"].id, "s": world["session"], "monday": MONDAY.isoformat(),
              "today": TODAY.isoformat()}
    for hers, theirs in SHARED_PAGES.items():
        her_url, their_url = hers.format(**values), theirs.format(**values)
        own = count_queries(lambda url=her_url: member.get(url))
        therapist.get(their_url)
        viewed = count_queries(lambda url=their_url: therapist.get(url))
        assert member.get(her_url).status_code == 200 and therapist.get(their_url).status_code == 200
        assert viewed <= own + ACCESS_RULE_STATEMENTS + THERAPIST_ADDS.get(theirs, 0), (hers, own, viewed)
