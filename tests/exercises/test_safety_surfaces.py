"""One safety rule on every page (issue 31): for each member state, every surface that suggests, shows or logs an
exercise asks the same rule (app/guidance/safety.py), so a paused or cautioned exercise is never offered and always
marked: Home's next step, Today, her program page and handout (both views), the catalog, the session form, Log a
walk, the API, and her therapist's prescribing form. On both databases.

Reminders and the calendar feed name no exercise (an exercise day says "Exercise" or "Ossify"), so they offer
nothing the rule could refuse.
"""
import html
import re
from datetime import date, timedelta

import pytest
from flask import Flask

from app.auth.models import Role
from app.care.models import CareLink, FlagReview, LinkStatus
from app.exercises.models import ProgramItem
from app.extensions import db
from app.profile.models import DxaScan, Fall, Fracture
from tests.support.world import as_user, bearer, token_for

TODAY = date.today()
IMPACTS = {"stamping", "star_jumps"}
STATES = {
    # state: (has an active therapist, the program's exercises with a caution for her)
    "fall_with_therapist": (True, IMPACTS),
    "fall_without_therapist": (False, IMPACTS),
    "fall_after_the_link_ended": (False, IMPACTS),
    "fall_broke_a_bone_no_fracture_recorded": (True, IMPACTS),
    "osteoporosis": (True, {"star_jumps"}),
    "vertebral_fracture_of_any_trauma": (True, IMPACTS),
    "two_low_trauma_fractures": (True, IMPACTS),
}


def _text(response) -> str:  # noqa: ANN001
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))))


def _set_up(app: Flask, make_user, catalog: dict[str, int], state: str) -> tuple:
    member = make_user(Role.MEMBER, email="margaret@example.com", name="Margaret")
    therapist = make_user(Role.THERAPIST, email="priya@example.com", name="Priya")
    m = member.id
    with app.app_context():
        status = LinkStatus.ENDED if state == "fall_after_the_link_ended" else LinkStatus.ACTIVE
        if state != "fall_without_therapist":
            db.session.add(CareLink(member_id=m, therapist_id=therapist.id, status=status))
        db.session.add_all([
            ProgramItem(member_id=m, therapist_id=therapist.id, exercise_id=catalog["stamping"], sets=2, reps=25,
                        days_per_week=4),
            ProgramItem(member_id=m, therapist_id=therapist.id, exercise_id=catalog["star_jumps"], sets=1, reps=10,
                        days_per_week=2),
            ProgramItem(member_id=m, therapist_id=therapist.id, exercise_id=catalog["band_row"], sets=3, reps=10,
                        days_per_week=2)])
        if state.startswith("fall"):
            fall = Fall(member_id=m, fall_date=TODAY - timedelta(days=1), what_happened="Tripped on a rug",
                        injured=state.endswith("recorded"), fracture=state.endswith("recorded"))
            db.session.add(fall)
            db.session.flush()
            if state == "fall_broke_a_bone_no_fracture_recorded":  # reviewed: the broken bone alone limits impact
                db.session.add(FlagReview(member_id=m, kind="fall", event_key=str(fall.id), state="seen",
                                          by_id=therapist.id, by_name="Priya"))
        if state == "osteoporosis":
            db.session.add(DxaScan(member_id=m, scan_date=TODAY - timedelta(days=30), site="lumbar_spine",
                                   t_score=-2.9))
        if state == "vertebral_fracture_of_any_trauma":  # a car accident: not low trauma
            db.session.add(Fracture(member_id=m, fracture_date=date(2019, 5, 1), site="spine", vertebral=True,
                                    low_trauma=False))
        if state == "two_low_trauma_fractures":
            db.session.add_all([Fracture(member_id=m, fracture_date=date(2018, 1, 1), site="wrist", vertebral=False,
                                         low_trauma=True),
                                Fracture(member_id=m, fracture_date=date(2021, 1, 1), site="hip", vertebral=False,
                                         low_trauma=True)])
        db.session.commit()
    return member, therapist


MARKS = ("Caution: ", "Paused after a fall")


PROGRAM_NAMES = ("Stamping", "Star jumps", "Seated band row")


def _marked(text: str, name: str) -> bool:
    """Whether the exercise's name is followed, before the next exercise of her program, by a caution."""
    start = text.find(name)
    if start < 0:
        return False
    ends = [i for other in PROGRAM_NAMES if other != name and (i := text.find(other, start + len(name))) > 0]
    part = text[start:min(ends + [start + 1500])]
    return any(mark in part for mark in MARKS)


@pytest.mark.parametrize("state", sorted(STATES))
def test_a_cautioned_exercise_is_never_offered_and_always_marked(app: Flask, make_user, catalog, state: str) -> None:
    member, therapist = _set_up(app, make_user, catalog, state)
    has_therapist, cautioned = STATES[state]
    names = {"stamping": "Stamping", "star_jumps": "Star jumps"}
    her = as_user(app, member)

    # Home's next step offers none of them.
    home = _text(her.get("/dashboard"))
    step = home[home.find("Next step"):home.find("Next step") + 300]
    for slug in cautioned:
        assert names[slug].lower() not in step.lower(), (state, step)

    # Today, her program page and her handout mark each one; an exercise without a caution is not marked.
    for path in ("/exercises/today", "/care/program", "/care/program/handout"):
        page = _text(her.get(path))
        for slug in IMPACTS:
            assert _marked(page, names[slug]) is (slug in cautioned), (state, path, slug)
        assert not _marked(page, "Seated band row"), (state, path)

    # The catalog badges them; the session form shows the caution; Log a walk doesn't offer them as impacts.
    catalog_page = her.get("/exercises/catalog").get_data(as_text=True)
    for slug in IMPACTS:
        section = catalog_page[catalog_page.index(f'id="exercise-{catalog[slug]}"'):]
        section = section[:section.index("</details>")]
        assert ("badge-caution" in section) is (slug in cautioned), (state, slug)
        form = _text(her.get(f"/exercises/sessions/new?exercise={catalog[slug]}"))
        assert any(mark in form for mark in MARKS) is (slug in cautioned), (state, slug)
    walk = her.get("/exercises/walk").get_data(as_text=True)
    for slug in IMPACTS:  # its impact choices are exactly those without a caution for her
        assert (f'value="{catalog[slug]}"' in walk) is (slug not in cautioned), (state, slug)

    # The API says each caution.
    exercises = {e["id"]: e for e in her.get("/api/v1/me/exercises",
                                            headers=bearer(token_for(app, member))).get_json()}
    for slug in IMPACTS:
        assert bool(exercises[catalog[slug]]["cautions"]) is (slug in cautioned), (state, slug)

    # Her therapist's pages: the program and handout mark them, and prescribing one asks to confirm.
    if has_therapist:
        pt = as_user(app, therapist)
        page = _text(pt.get(f"/clients/{member.id}/program"))
        for slug in IMPACTS:
            assert (f"{names[slug]} (caution for her)" in page) is (slug in cautioned), (state, slug)
        handout = _text(pt.get(f"/clients/{member.id}/program/handout"))
        for slug in cautioned:
            assert _marked(handout, names[slug]), (state, slug)
        with app.app_context():
            db.session.execute(ProgramItem.__table__.delete().where(ProgramItem.member_id == member.id,
                                                                    ProgramItem.exercise_id == catalog["star_jumps"]))
            db.session.commit()
        prescribe = {"exercise": str(catalog["star_jumps"]), "sets": "1", "reps": "10", "days_per_week": "2"}
        refused = pt.post(f"/clients/{member.id}/program", data=prescribe)
        if "star_jumps" in cautioned:
            assert refused.status_code == 400 and "Tick the box to prescribe it anyway" in _text(refused)
            confirmed = pt.post(f"/clients/{member.id}/program", data={**prescribe, "confirm_cautions": "y"})
            assert confirmed.status_code == 302
        else:
            assert refused.status_code == 302


def test_low_impact_landings_say_they_are_not_impacts_and_name_one_that_is(app: Flask, make_user, catalog) -> None:
    member = make_user(Role.MEMBER, email="margaret@example.com", name="Margaret")
    her = as_user(app, member)
    saved = her.post("/exercises/walk", data={"session_date": TODAY.isoformat(), "exercise": str(catalog["walking"]),
                                              "minutes": "20", "impact_exercise": str(catalog["gentle_heel_drops"]),
                                              "impacts": "50"}, follow_redirects=True)
    said = _text(saved)
    assert "Gentle heel drops is low impact: they are not counted as impacts toward impact days" in said or \
        "Gentle heel drops are low impact" in said, said[:2000]
    assert "Vigorous heel drops would count." in said
    week = _text(her.get(f"/progress/week/{TODAY - timedelta(days=TODAY.weekday())}"))
    assert "not counted as impacts toward impact days" in week and "Vigorous heel drops would count." in week
