"""Weekly summary, dashboard and trends from real logs, on both databases."""
import re
from datetime import UTC, date, datetime, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.auth.models import Role, User
from app.exercises.models import ExerciseSession, SessionEntry
from app.extensions import db
from app.guidance.calendar import today_in
from app.guidance.weeks import week_start
from app.nutrition.models import FoodLog, SupplementLog
from app.targets.models import TargetOverride
from tests.support.world import LONG_AGO, fill_profile

TODAY = today_in("UTC")
MONDAY = week_start(TODAY) - timedelta(weeks=1)  # last week: a whole week



@pytest.fixture
def her_weight_kg() -> float:
    return 60.0


def text(client: FlaskClient, url: str) -> str:
    html = client.get(url, follow_redirects=True).get_data(as_text=True)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#39;", "'")


def add_session(member_id: int, day: date, catalog: dict, *entries: tuple, pain: bool = False) -> ExerciseSession:
    session = ExerciseSession(member_id=member_id, session_date=day, pain=pain, pain_where="knee" if pain else None)
    session.entries = [SessionEntry(position=i, exercise_id=catalog[slug], **fields)
                       for i, (slug, fields) in enumerate(entries)]
    db.session.add(session)
    return session


def add_food(member_id: int, day: date, calcium: float, vitamin_d: float | None = 100, protein: float = 20,
             food_id: int = 1) -> None:
    db.session.add(FoodLog(member_id=member_id, log_date=day, meal="breakfast", food_id=food_id, food_name="Food",
                           grams=100, calcium_mg=calcium, vitamin_d_iu=vitamin_d, protein_g=protein))


def seed_week(app: Flask, member_id: int, catalog: dict, foods: dict) -> None:
    food_id = foods["01085"]
    with app.app_context():
        add_session(member_id, MONDAY, catalog, ("band_squat", {"sets": 3, "reps_per_set": [10] * 3}),
                    ("tandem_stance", {"sets": 2, "hold_seconds": 30}))
        add_session(member_id, MONDAY + timedelta(days=1), catalog,
                    ("band_row", {"sets": 3, "reps_per_set": [10] * 3}), ("stamping", {"impacts": 60}))
        add_session(member_id, MONDAY + timedelta(days=2), catalog, ("brisk_walking", {"minutes": 40}),
                    ("vigorous_heel_drops", {"impacts": 50}), pain=True)
        add_session(member_id, MONDAY + timedelta(days=4), catalog, ("walking", {"minutes": 60}),
                    ("gentle_heel_drops", {"impacts": 80}))  # low impact: not an impact day
        add_session(member_id, MONDAY + timedelta(days=5), catalog, ("dancing", {"minutes": 45}),
                    ("prone_back_extension", {"sets": 2, "reps_per_set": [8, 8]}))
        for offset, calcium in ((0, 1000), (2, 1300), (4, 1300)):
            add_food(member_id, MONDAY + timedelta(days=offset), calcium, food_id=food_id)
        add_food(member_id, MONDAY + timedelta(days=4), 0, vitamin_d=None, food_id=food_id)
        db.session.add(SupplementLog(member_id=member_id, log_date=MONDAY + timedelta(days=2), supplement_id=_supp(
            member_id), name="Ca", quantity=1, calcium_mg=900, vitamin_d_iu=0, protein_g=0))
        db.session.commit()


def _supp(member_id: int) -> int:
    from app.nutrition.models import Supplement
    supplement = Supplement(member_id=member_id, kind="calcium_citrate", name="Ca", unit_name="tablet",
                            calcium_mg=900, vitamin_d_iu=0, protein_g=0, usual_quantity=1)
    db.session.add(supplement)
    db.session.flush()
    return supplement.id


def test_a_week_of_supplements_alone_above_the_limit_says_so(signed_in: FlaskClient, catalog, her_profile,
                                                             app: Flask, member: User) -> None:
    with app.app_context():
        supplement_id = _supp(member.id)
        for _ in range(3):   # 2,700 mg of calcium from tablets on Wednesday, no food logged all week
            db.session.add(SupplementLog(member_id=member.id, log_date=MONDAY + timedelta(days=2),
                                         supplement_id=supplement_id, name="Ca", quantity=1, calcium_mg=900,
                                         vitamin_d_iu=0, protein_g=0))
        db.session.commit()
    page = text(signed_in, f"/progress/week/{MONDAY.isoformat()}")
    assert "No food logged this week." in page
    assert "Calcium Above the upper limit Supplements took it above the upper limit on Wednesday" in page


def test_weekly_page_judges_a_real_week(signed_in: FlaskClient, her_profile, app: Flask, member: User, catalog,
                                        foods) -> None:
    seed_week(app, member.id, catalog, foods)
    page = text(signed_in, f"/progress/week/{MONDAY.isoformat()}")
    assert "Resistance-band sessions Met 2 of 2 sessions" in page
    assert "Impact days (50+ impacts) Below 2 of 4 days" in page          # stamping 60, vigorous drops 50
    assert "Minutes of moderate activity Below 85 of 150 minutes" in page  # brisk 40 + dancing 45; walking isn't
    assert "Balance days Below 1 of 3 days" in page
    assert "back-to-back days" in page and "not part of the bone-health guidelines" in page
    assert "Back-extensor (posture) exercise: 1 day this week" in page
    assert "You reported pain during exercise on" in page
    # (1,000 + (1,300 + 900) + 1,300) / 3 days with food = 1,500 mg, but Wednesday's 2,200 mg is above the
    # 2,000 mg upper limit: the week is "above the upper limit", never "met" (guidance README, third build).
    assert "based on 3 of 7 days" in page
    assert "Calcium Above the upper limit 1,500 mg a day, target 1,200 mg" in page and "Calcium Met" not in page
    assert "Above the upper limit on" in page and "(NAM 2011)" in page   # 2,200 mg on Wednesday
    assert "no vitamin D value in the USDA table, so the vitamin D average may be low" in page
    assert "so far" not in page.split("Week of")[1][:40]


def test_current_week_is_so_far_and_navigation_stops_at_it(signed_in: FlaskClient, catalog, her_profile) -> None:
    page = signed_in.get("/progress/", follow_redirects=True).get_data(as_text=True)
    assert "so far" in page and "Next week" not in page and "Previous week" in page
    last = signed_in.get(f"/progress/week/{MONDAY.isoformat()}").get_data(as_text=True)
    assert "Next week" in last
    future = signed_in.get(f"/progress/week/{(week_start(TODAY) + timedelta(weeks=2)).isoformat()}")
    assert future.status_code == 302 and future.location.endswith(week_start(TODAY).isoformat())


def test_therapist_override_shows_who_and_why(signed_in: FlaskClient, catalog, her_profile, app: Flask, member: User,
                                              therapist: User) -> None:
    with app.app_context():
        db.session.add(TargetOverride(member_id=member.id, target_key="resistance_sessions", value=3,
                                      reason="Ready to progress", set_by_id=therapist.id, starts_on=LONG_AGO))
        db.session.commit()
    page = text(signed_in, "/progress/")
    assert "of 3 sessions (set by Priya)" in page and "Set for you by Priya: Ready to progress" in page


def test_vertebral_fracture_switches_impact_for_brisk_walking(signed_in: FlaskClient, catalog, her_profile, app: Flask,
                                                              member: User) -> None:
    from app.profile.models import Fracture
    with app.app_context():
        db.session.add(Fracture(member_id=member.id, fracture_date=date(2022, 1, 1), site="spine", vertebral=True,
                                low_trauma=True))
        db.session.commit()
    page = text(signed_in, "/progress/")
    assert "Brisk-walking days" in page and "Impact days" not in page


def test_dashboard_shows_today_week_and_next_action(signed_in: FlaskClient, her_profile, app: Flask, member: User,
                                                    catalog,
                                                    foods) -> None:
    with app.app_context():
        add_food(member.id, today_in("UTC"), 640, food_id=foods["01085"])
        db.session.commit()
    page = text(signed_in, "/dashboard")
    assert "Calcium 640 mg of 1,200 mg" in page
    assert re.search(r"(to go, (\d days left|today is the last day))", page)
    assert "From your physical therapist" in page
    # The next step is one exercise, and the main button logs exactly that one.
    html = signed_in.get("/dashboard").get_data(as_text=True)
    step = re.search(r'<p class="next-action"><strong>([^<]+)</strong>', html).group(1)
    button = re.search(r'<a href="([^"]+)" class="button-link">Log ([^<]+)</a>', html)
    assert button.group(2).lower() in step.lower()
    assert button.group(1).startswith(("/exercises/walk?activity=", "/exercises/sessions/new?exercise="))
    assert signed_in.get(button.group(1).replace("&amp;", "&")).status_code == 200


def test_trends_show_12_weeks_with_tables(signed_in: FlaskClient, her_profile, app: Flask, member: User, catalog,
                                          foods) -> None:
    seed_week(app, member.id, catalog, foods)
    html = signed_in.get("/progress/trends").get_data(as_text=True)
    assert html.count('role="img"') == 7    # 4 weekly metrics + 3 nutrients
    assert html.count("as a table</summary>") == 7
    assert "<script" not in html.split("<main")[1]
    assert MONDAY.strftime("%-d %b %Y") in html


def test_a_new_members_first_day_is_one_week_with_each_day_a_point(app: Flask, make_user, catalog, foods) -> None:
    new = make_user(Role.MEMBER, email="new@example.com", joined=datetime.now(UTC))
    with app.app_context():
        add_food(new.id, TODAY, 2100, food_id=foods["01085"])   # above the 2,000 mg limit at 51+ (no birth date: none)
        db.session.commit()
    client = app.test_client()
    client.post("/auth/login", data={"email": new.email, "password": "correct horse battery"})
    html = client.get("/progress/trends").get_data(as_text=True)
    assert "Since you joined: 1 week</h1>" in html and "The charts start with the week you joined." in html
    assert html.count('class="data-dot') == 3 and "<polyline" not in html   # one day: a point for each nutrient


def test_only_her_own_logs_count(signed_in: FlaskClient, her_profile, app: Flask, make_user, catalog, foods) -> None:
    other = make_user(Role.MEMBER, email="other@example.com")
    seed_week(app, other.id, catalog, foods)
    page = text(signed_in, f"/progress/week/{MONDAY.isoformat()}")
    assert "Resistance-band sessions Below 0 of 2 sessions" in page and "No food logged this week" in page


def seed_history(app: Flask, member_id: int, catalog: dict, foods: dict, days: int) -> None:
    """A session with two entries and three foods for each of `days` days up to today."""
    with app.app_context():
        for i in range(days):
            day = TODAY - timedelta(days=i)
            add_session(member_id, day, catalog, ("brisk_walking", {"minutes": 30}),
                        ("band_squat", {"sets": 2, "reps_per_set": [10, 10]}) if i % 3 == 0
                        else ("stamping", {"impacts": 50}))
            for calcium in (300, 250, 400):
                add_food(member_id, day, calcium, food_id=foods["01085"])
        db.session.commit()


# Every member page `make bench` measures (benchmarks/run.py), with its statements: the same for a week of her
# logs as for three years. Her facts (profile, WHO category, fractures, overrides) are read once per page even where
# three parts need them, and her exercise, food, supplements and drinks by day in one statement (day_totals). Home
# (a member with no scan) adds the screening note (her checklist answers, falls of the year), its next step reads
# her program and the catalog with her cautions, its feedback the replies and reviews; whether a fall of hers awaits
# review; whether reminders are still to be offered; her medicines' due dates (her logs by day are read once for
# the checklist's four weeks and this week together, and the day's totals come from the
# week's by-day totals, read once); her therapist's
# requests to repeat a strength or balance test; her tests (a Stay Independent "I have fallen" is a fall for the
# checklist). Her bone-health record's checklist reads her latest test results.
# The search reads her favourites, her recent foods, the ranked foods, their measures and the units she last used.
MEMBER_PAGES = {
    f"/progress/week/{MONDAY.isoformat()}": 7, "/dashboard": 16, "/progress/trends": 5, "/exercises/": 5,
    f"/nutrition/day/{TODAY.isoformat()}": 13, "/nutrition/search?q=milk": 7, "/nutrition/search?q=ch": 7,
    "/nutrition/search": 7, "/me/health": 12, "/learn/calcium-and-vitamin-d": 3, "/learn/t-scores": 1,
}


def test_each_member_page_reads_a_fixed_number_of_statements_for_a_week_or_three_years(
        signed_in: FlaskClient, her_profile, app: Flask, make_user, member: User, catalog, foods,
        count_queries) -> None:
    seed_history(app, member.id, catalog, foods, 7)
    short = {url: count_queries(lambda: signed_in.get(url)) for url in MEMBER_PAGES}
    veteran = make_user(Role.MEMBER, email="veteran@example.com")
    with app.app_context():  # the same profile as hers: the same targets, so the same parts of each page
        fill_profile(veteran.id, 60.0)
        db.session.commit()
    seed_history(app, veteran.id, catalog, foods, 3 * 365)
    signed_in.post("/auth/logout")
    signed_in.post("/auth/login", data={"email": veteran.email, "password": "correct horse battery"})
    assert all(signed_in.get(url).status_code == 200 for url in MEMBER_PAGES)
    long = {url: count_queries(lambda: signed_in.get(url)) for url in MEMBER_PAGES}
    assert short == long == MEMBER_PAGES


def test_facts_are_read_once_per_page_view_but_fresh_after_a_change(signed_in: FlaskClient, catalog, her_profile,
                                                                    app: Flask,
                                                                     member: User) -> None:
    from app.targets.services import member_history
    signed_in.post("/me/health/dxa/new", data={"scan_date": "2024-01-02", "site": "lumbar_spine", "t_score": "-1.5"})
    with app.test_request_context("/dashboard"):
        first = member_history(member.id)
        assert first.readings and member_history(member.id) is first  # one page view: read once
    with app.test_request_context("/me/health/dxa/new", method="POST"):
        assert member_history(member.id) is not member_history(member.id)  # a POST always asks
    assert "<strong>Osteopenia (low bone mass)</strong>" in signed_in.get("/dashboard").get_data(as_text=True)
    signed_in.post("/me/health/dxa/new", data={"scan_date": "2025-01-02", "site": "lumbar_spine", "t_score": "-2.7"})
    assert "<strong>Osteoporosis</strong>" in signed_in.get("/dashboard").get_data(as_text=True)  # the next view
