"""Exercise catalog and session logging on both databases."""
import csv
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from app.auth.models import Role, User
from app.exercises.catalog import CATALOG_FILE, load_catalog, read_catalog
from app.exercises.models import Exercise, ExerciseSession, SessionEntry
from app.exercises.rules import CONFIRM_CAUTIONS
from app.extensions import db
from app.guidance.calendar import today_in
from app.guidance.targets import STATUS_LABELS, pace_status
from app.profile.models import DxaScan, Fracture

TODAY = today_in("UTC").isoformat()



def _add(app: Flask, *rows) -> int:
    """Save the rows; the id of the last."""
    with app.app_context():
        db.session.add_all(rows)
        db.session.commit()
        return rows[-1].id


def _sessions(app: Flask, member_id: int) -> list[ExerciseSession]:
    with app.app_context():
        from sqlalchemy.orm import selectinload
        rows = db.session.scalars(select(ExerciseSession).where(ExerciseSession.member_id == member_id)
                                  .options(selectinload(ExerciseSession.entries).selectinload(SessionEntry.exercise))
                                  .order_by(ExerciseSession.id)).all()
        db.session.expunge_all()
        return list(rows)


def band_session(catalog: dict, **overrides) -> dict:
    data = {
        "session_date": TODAY, "start_time": "09:15", "effort": "5", "pain": "no",
        "entries-0-exercise": str(catalog["band_squat"]), "entries-0-sets": "3", "entries-0-reps": "10",
        "entries-0-band_colour": "red",
        "entries-1-exercise": str(catalog["band_row"]), "entries-1-sets": "3", "entries-1-reps": "12, 10, 8",
        "entries-1-band_colour": "green",
        "entries-2-exercise": str(catalog["gentle_heel_drops"]), "entries-2-sets": "2", "entries-2-reps": "20",
    }
    data.update(overrides)
    return data


# Catalog ---------------------------------------------------------------------------------------

def test_catalog_load_is_idempotent_and_faithful_to_the_file(app: Flask) -> None:
    with app.app_context():
        assert load_catalog() == (36, 0)
        db.session.commit()
        assert load_catalog() == (0, 0)
        db.session.commit()
        stored = {e.slug: e for e in db.session.scalars(select(Exercise))}
    with CATALOG_FILE.open(newline="", encoding="utf-8") as f:
        raw = list(csv.DictReader(f))
    assert len(stored) == len(raw) >= 30
    for row in raw:
        e = stored[row["slug"]]
        assert (e.name, e.kind, e.impact, e.measure, e.instructions, e.source_key) == \
            (row["name"], row["kind"], row["impact"], row["measure"], row["instructions"], row["source"])
        assert e.spinal_flexion == (row["spinal_flexion"] == "yes")


def test_catalog_reload_updates_changed_rows(app: Flask, tmp_path: Path) -> None:
    changed = tmp_path / "catalog.csv"
    text = CATALOG_FILE.read_text(encoding="utf-8")
    changed.write_text(text.replace("Walk at your usual pace", "Walk at an easy pace"), encoding="utf-8")
    with app.app_context():
        load_catalog()
        assert load_catalog(changed) == (0, 1)
        db.session.commit()
        walking = db.session.scalar(select(Exercise).where(Exercise.slug == "walking"))
        assert walking.instructions.startswith("Walk at an easy pace")


def test_catalog_covers_four_kinds_with_instructions_muscles_and_sources() -> None:
    rows = read_catalog()
    kinds = {r["kind"] for r in rows}
    assert kinds == {"weight_bearing", "resistance_band", "balance", "posture"}
    for r in rows:
        assert r["instructions"] and r["target_muscles"] and r["source_key"], r["slug"]
    names = {r["slug"] for r in rows}
    for needed in ("walking", "brisk_walking", "stair_climbing", "dancing", "gentle_heel_drops", "stamping",
                   "marching", "step_ups", "jogging_on_the_spot", "hopping", "low_jumps", "band_squat", "band_row",
                   "band_chest_press", "band_overhead_press", "band_biceps_curl", "band_triceps_extension",
                   "band_lateral_walk", "band_hip_abduction", "band_glute_bridge", "band_pull_apart",
                   "band_pallof_press", "band_deadlift", "tandem_stance", "single_leg_stand", "heel_to_toe_walk",
                   "prone_back_extension", "wall_slides"):
        assert needed in names


def test_catalog_file_refuses_an_unknown_source(tmp_path: Path) -> None:
    bad = tmp_path / "catalog.csv"
    bad.write_text(CATALOG_FILE.read_text(encoding="utf-8").replace(",ROS_2022\n", ",MY_BLOG\n", 1))
    with pytest.raises(ValueError, match="unknown source"):
        read_catalog(bad)


@pytest.mark.parametrize("setup, star_jumps_suggested, situps_suggested", [
    ("nothing", True, True),
    ("osteopenia", True, True),
    ("osteoporosis", False, False),
    ("one_low_trauma_fracture", True, False),
    ("vertebral_fracture_not_low_trauma", False, False),  # any vertebral fracture: the spine cautions, impact
])
def test_catalog_page_suggests_by_her_record(signed_in: FlaskClient, app: Flask, member: User, catalog, setup: str,
                                            star_jumps_suggested: bool, situps_suggested: bool) -> None:
    if setup in ("osteopenia", "osteoporosis"):
        _add(app, DxaScan(member_id=member.id, scan_date=date(2025, 1, 1), site="lumbar_spine",
                          t_score=-1.8 if setup == "osteopenia" else -2.9))
    if setup == "one_low_trauma_fracture":
        _add(app, Fracture(member_id=member.id, fracture_date=date(2020, 1, 1), site="wrist", vertebral=False,
                           low_trauma=True))
    if setup == "vertebral_fracture_not_low_trauma":
        _add(app, Fracture(member_id=member.id, fracture_date=date(2020, 1, 1), site="spine", vertebral=True,
                           low_trauma=False))
    # Ossify's catalog holds no loaded spinal flexion; her own exercise may, and the flags apply to it.
    situps = _add(app, Exercise(member_id=member.id, name="Sit-ups", kind="posture", impact="none", measure="reps",
                                spinal_flexion=True))
    page = signed_in.get("/exercises/catalog").get_data(as_text=True)

    def section(exercise_id: int) -> str:
        start = page.index(f'id="exercise-{exercise_id}"')
        return page[start:page.index("</details>", start)]

    assert ("badge-ok" in section(catalog["star_jumps"])) is star_jumps_suggested
    assert ("badge-ok" in section(situps)) is situps_suggested
    if not situps_suggested:
        assert "Caution: Loaded or end-range spinal flexion." in section(situps)
        assert "Source: ROS 2022" in section(situps)
    assert "Kneeling band crunch" not in page and "Band woodchop" not in page


# Logging ---------------------------------------------------------------------------------------

def test_quick_walk_is_one_short_form(signed_in: FlaskClient, app: Flask, member: User, catalog) -> None:
    form = signed_in.get("/exercises/walk").get_data(as_text=True)
    assert 'value="30"' in form and re.search(f'<input checked [^>]*value="{catalog["walking"]}"', form)
    # The stamps start as the impact offered first; a walk without any saves without them.
    assert f'<option selected value="{catalog["stamping"]}">Stamping' in form
    response = signed_in.post("/exercises/walk", data={"exercise": str(catalog["walking"]), "minutes": "30",
                                                       "session_date": TODAY})
    assert response.status_code == 302
    (session,) = _sessions(app, member.id)
    assert session.total_minutes == 30 and [(e.exercise.slug, e.minutes) for e in session.entries] == [("walking", 30)]
    assert "Walking: 30 min" in signed_in.get("/exercises/").get_data(as_text=True)


def test_quick_walk_records_the_stamps_with_the_walk(signed_in: FlaskClient, app: Flask, member: User,
                                                     catalog) -> None:
    response = signed_in.post("/exercises/walk", data={
        "exercise": str(catalog["brisk_walking"]), "minutes": "30", "impacts": "60",
        "impact_exercise": str(catalog["stamping"]), "session_date": TODAY})
    assert response.status_code == 302
    (session,) = _sessions(app, member.id)
    assert session.total_minutes == 30
    assert [(e.exercise.slug, e.minutes, e.sets, e.reps_per_set, e.impacts) for e in session.entries] == [
        ("brisk_walking", 30, None, None, None), ("stamping", None, 1, [60], 60)]
    week = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", signed_in.get("/progress/", follow_redirects=True)
                                        .get_data(as_text=True)))
    # 60 stamps: one impact day of four, judged by pace in the week she joined (3 to go fits Monday to Friday)
    days_left = 7 - date.fromisoformat(TODAY).weekday()
    expected = STATUS_LABELS[pace_status(1, 4, days_gone=0, days_left=days_left, one_a_day=True)]
    assert expected == ("On track" if days_left >= 3 else "Behind pace")
    assert f"Impact days (50+ impacts) {expected} 1 of 4 days" in week


@pytest.mark.parametrize("data, message", [
    ({"impacts": "lots"}, "Enter how many you did, like 50."),
    ({"impacts": "501"}, "Enter between 1 and 500."),
    ({"impacts": "60", "impact_exercise": "999999"}, "Choose one of the options."),
])
def test_quick_walk_impacts_bad_input(signed_in: FlaskClient, app: Flask, member: User, catalog, data: dict,
                                      message: str) -> None:
    response = signed_in.post("/exercises/walk", data={"exercise": str(catalog["walking"]), "minutes": "30",
                                                       "session_date": TODAY, **data})
    assert response.status_code == 400 and message in response.get_data(as_text=True)
    assert 'value="30"' in response.get_data(as_text=True)  # what she typed stays
    assert _sessions(app, member.id) == []


def test_quick_walk_offers_no_impact_with_a_caution(signed_in: FlaskClient, app: Flask, member: User,
                                                    catalog) -> None:
    with app.app_context():
        db.session.add(Fracture(member_id=member.id, fracture_date=date(2022, 1, 1), site="spine", vertebral=True,
                                low_trauma=True))
        db.session.commit()
    form = signed_in.get("/exercises/walk").get_data(as_text=True)
    assert "Gentle heel drops" in form and "Stamping" not in form  # moderate impact: a caution after a spine fracture


def test_band_workout_with_several_exercises(signed_in: FlaskClient, app: Flask, member: User, catalog) -> None:
    response = signed_in.post("/exercises/sessions/new", data=band_session(catalog))
    assert response.status_code == 302
    (session,) = _sessions(app, member.id)
    assert session.start_time.strftime("%H:%M") == "09:15" and session.effort == 5
    squat, row, heel = session.entries
    assert (squat.sets, squat.reps_per_set, squat.band_colour) == (3, [10, 10, 10], "red")
    assert row.reps_per_set == [12, 10, 8] and row.band_colour == "green"
    assert heel.impacts == 40  # one heel drop is one impact: 2 × 20
    page = re.sub(r"<[^>]+>", "", signed_in.get(f"/exercises/sessions/{session.id}").get_data(as_text=True))
    assert "Band squat: 3 × 10, red (medium) band" in page and "Seated band row: 3 × (12, 10, 8)" in page


def test_entered_impacts_win_over_derived(signed_in: FlaskClient, app: Flask, member: User, catalog) -> None:
    signed_in.post("/exercises/sessions/new", data={
        "session_date": TODAY, "pain": "no", "entries-0-exercise": str(catalog["jogging_on_the_spot"]),
        "entries-0-minutes": "5", "entries-0-impacts": "300"})
    (session,) = _sessions(app, member.id)
    assert session.entries[0].impacts == 300 and session.total_minutes == 5


def test_a_row_error_keeps_every_typed_value(signed_in: FlaskClient, app: Flask, member: User, catalog) -> None:
    response = signed_in.post("/exercises/sessions/new", data=band_session(catalog, **{"entries-1-sets": "25"}))
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert 'id="entries-1-sets-error" class="field-error">Enter between 1 and 20 sets.' in body
    assert 'value="25"' in body and 'value="12, 10, 8"' in body and 'value="09:15"' in body
    assert '<option selected value="red">' in body
    assert "Exercise 2, Sets: Enter between 1 and 20 sets." in body  # the summary at the top
    assert _sessions(app, member.id) == []


def test_add_and_remove_rows_keep_what_was_typed(signed_in: FlaskClient, catalog) -> None:
    added = signed_in.post("/exercises/sessions/new", data={**band_session(catalog), "add_entry": "1"})
    body = added.get_data(as_text=True)
    assert added.status_code == 200 and 'name="entries-3-exercise"' in body and "field-error" not in body
    assert 'value="12, 10, 8"' in body
    removed = signed_in.post("/exercises/sessions/new", data={**band_session(catalog), "remove_entry": "0"})
    body = removed.get_data(as_text=True)
    assert 'name="entries-2-exercise"' not in body and 'value="12, 10, 8"' in body
    assert f'<option selected value="{catalog["band_squat"]}">' not in body


@pytest.mark.parametrize("field, value, message", [
    ("entries-0-sets", "0", "Enter between 1 and 20 sets."),
    ("entries-0-sets", "21", "Enter between 1 and 20 sets."),
    ("entries-0-sets", "2.5", "Enter the number of sets, like 3."),
    ("entries-0-sets", "", "Enter the number of sets."),
    ("entries-0-reps", "501", "Each set needs between 1 and 500 reps."),
    ("entries-0-reps", "0", "Each set needs between 1 and 500 reps."),
    ("entries-0-reps", "lots", "Enter reps as a number, like 10"),
    ("entries-0-reps", "10, 10", "You entered 2 numbers for 3 sets"),
    ("entries-0-band_colour", "purple", "Choose a band from the list."),
    ("entries-0-band_colour", "", "Choose the band colour you used."),
    ("entries-0-band_colour", "other", "Say which band: brand and colour, or its resistance."),
    ("entries-0-exercise", "", "Choose an exercise from the list."),
    ("entries-0-exercise", "99999", "Choose an exercise from the list."),
    ("entries-2-impacts", "5001", "Enter between 0 and 5000 impacts."),
    ("entries-2-impacts", "-1", "Enter between 0 and 5000 impacts."),
    ("effort", "11", "Enter a whole number from 0 to 10."),
    ("effort", "-1", "Enter a whole number from 0 to 10."),
    ("total_minutes", "0", "Enter between 1 and 600 minutes."),
    ("total_minutes", "601", "Enter between 1 and 600 minutes."),
    ("session_date", "2999-01-01", "The session date can&#39;t be in the future."),
    ("session_date", "1899-12-31", "The session date can&#39;t be before 1900."),
    ("session_date", "", "Enter the date of the session."),
    ("start_time", "25:00", "Enter a time like 07:30."),
    ("pain", "yes", "Say where it hurt"),
])
def test_session_bad_input(signed_in: FlaskClient, app: Flask, member: User, catalog, field: str, value: str,
                           message: str) -> None:
    response = signed_in.post("/exercises/sessions/new", data=band_session(catalog, **{field: value}))
    assert response.status_code == 400
    error_for = {"pain": "pain_where"}.get(field, field)
    if value == "other":
        error_for = "entries-0-band_note"
    assert f'id="{error_for}-error" class="field-error">{message}' in response.get_data(as_text=True)
    assert _sessions(app, member.id) == []


@pytest.mark.parametrize("minutes, message", [("0", "Enter between 1 and 600 minutes."),
                                              ("601", "Enter between 1 and 600 minutes."),
                                              ("", "Enter how many minutes."), ("half", "Enter whole minutes")])
def test_walk_bad_minutes(signed_in: FlaskClient, catalog, minutes: str, message: str) -> None:
    response = signed_in.post("/exercises/walk", data={"exercise": str(catalog["walking"]), "minutes": minutes,
                                                       "session_date": TODAY})
    assert response.status_code == 400 and message in response.get_data(as_text=True)


def test_date_limit_follows_her_timezone(client: FlaskClient, auth, make_user, catalog) -> None:
    far_east = make_user(Role.MEMBER, timezone="Pacific/Kiritimati")
    auth.login(far_east)
    her_today = today_in("Pacific/Kiritimati")
    ok = client.post("/exercises/walk", data={"exercise": str(catalog["walking"]), "minutes": "20",
                                              "session_date": her_today.isoformat()})
    assert ok.status_code == 302
    late = client.post("/exercises/walk", data={"exercise": str(catalog["walking"]), "minutes": "20",
                                                "session_date": (her_today + timedelta(days=1)).isoformat()})
    assert late.status_code == 400


def test_flagged_exercise_asks_for_confirmation_with_the_reason(signed_in: FlaskClient, app: Flask, member: User,
                                                               catalog) -> None:
    _add(app, DxaScan(member_id=member.id, scan_date=date(2025, 1, 1), site="femoral_neck", t_score=-2.6))
    data = {"session_date": TODAY, "pain": "no", "entries-0-exercise": str(catalog["star_jumps"]),
            "entries-0-sets": "1", "entries-0-reps": "10"}
    response = signed_in.post("/exercises/sessions/new", data=data)
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert "Caution: High impact." in body and "your latest DXA result is in the osteoporosis range" in body
    assert CONFIRM_CAUTIONS in body
    assert signed_in.post("/exercises/sessions/new", data={**data, "confirm_cautions": "y"}).status_code == 302
    (session,) = _sessions(app, member.id)
    assert session.entries[0].caution_confirmed and session.entries[0].impacts == 10


def test_repeat_last_session_prefills_today(signed_in: FlaskClient, app: Flask, member: User, catalog) -> None:
    signed_in.post("/exercises/sessions/new", data=band_session(catalog, session_date="2024-05-01"))
    page = signed_in.get("/exercises/sessions/new?repeat=last").get_data(as_text=True)
    assert f'value="{today_in("UTC").isoformat()}"' in page  # today as the app reads it, not at import
    assert 'value="12, 10, 8"' in page and '<option selected value="green">' in page
    assert "Filled in from your session of 2024-05-01" in page


def test_edit_and_delete_with_confirmation(signed_in: FlaskClient, app: Flask, member: User, catalog) -> None:
    signed_in.post("/exercises/sessions/new", data=band_session(catalog))
    (session,) = _sessions(app, member.id)
    edit = signed_in.get(f"/exercises/sessions/{session.id}/edit").get_data(as_text=True)
    assert 'value="09:15"' in edit
    data = band_session(catalog, **{"entries-0-band_colour": "blue"})
    data = {k: v for k, v in data.items() if not k.startswith("entries-2-")}
    assert signed_in.post(f"/exercises/sessions/{session.id}/edit", data=data).status_code == 302
    (session,) = _sessions(app, member.id)
    assert [e.band_colour for e in session.entries] == ["blue", "green"]
    assert "can't be undone" in signed_in.get(f"/exercises/sessions/{session.id}/delete").get_data(as_text=True)
    assert len(_sessions(app, member.id)) == 1
    assert signed_in.post(f"/exercises/sessions/{session.id}/delete").status_code == 302
    assert _sessions(app, member.id) == []
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(SessionEntry)) == 0


def test_history_filters_by_kind_and_dates(signed_in: FlaskClient, catalog) -> None:
    signed_in.post("/exercises/walk", data={"exercise": str(catalog["walking"]), "minutes": "30",
                                            "session_date": "2025-03-01"})
    signed_in.post("/exercises/sessions/new", data=band_session(catalog, session_date="2025-03-05"))
    balance = signed_in.get("/exercises/?kind=balance").get_data(as_text=True)
    assert "No sessions match this filter." in balance
    band = signed_in.get("/exercises/?kind=resistance_band").get_data(as_text=True)
    assert "Band squat" in band and "Walking: 30 min" not in band
    march = signed_in.get("/exercises/?date_from=2025-03-02&date_to=2025-03-31").get_data(as_text=True)
    assert "Band squat" in march and "Walking" not in march
    bad = signed_in.get("/exercises/?date_from=2025-03-10&date_to=2025-03-01")
    assert bad.status_code == 400 and "The end date can&#39;t be before the start date." in bad.get_data(as_text=True)
    assert signed_in.get("/exercises/?kind=swimming").status_code == 400


def test_history_is_paginated_newest_first(signed_in: FlaskClient, app: Flask, member: User, catalog) -> None:
    _seed_sessions(app, member.id, catalog, 45)
    first = signed_in.get("/exercises/").get_data(as_text=True)
    assert "Page 1 of 3" in first
    dates = [line for line in first.split('<h3><a href="/exercises/sessions/')[1:]]
    assert len(dates) == 20
    newest = (date(2024, 1, 1) + timedelta(days=44)).strftime("%-d %b %Y")
    assert newest in dates[0]
    assert "Page 3 of 3" in signed_in.get("/exercises/?page=3").get_data(as_text=True)


def _seed_sessions(app: Flask, member_id: int, catalog: dict, n: int) -> None:
    with app.app_context():
        for i in range(n):
            session = ExerciseSession(member_id=member_id, session_date=date(2024, 1, 1) + timedelta(days=i),
                                      total_minutes=30, effort=4, pain=False)
            session.entries = [SessionEntry(position=0, exercise_id=catalog["walking"], minutes=30),
                               SessionEntry(position=1, exercise_id=catalog["band_squat"], sets=2,
                                            reps_per_set=[10, 10], band_colour="red")]
            db.session.add(session)
        db.session.commit()


def test_history_query_count_is_the_same_for_5_and_500_sessions(signed_in: FlaskClient, app: Flask, make_user,
                                                                  member: User, catalog, count_queries) -> None:
    _seed_sessions(app, member.id, catalog, 5)
    small = count_queries(lambda: signed_in.get("/exercises/"))
    other = make_user(Role.MEMBER, email="busy@example.com")
    _seed_sessions(app, other.id, catalog, 500)
    signed_in.post("/auth/logout")
    signed_in.post("/auth/login", data={"email": "busy@example.com", "password": "correct horse battery"})
    large = count_queries(lambda: signed_in.get("/exercises/"))
    assert small == large <= 8


# Ownership and private exercises ---------------------------------------------------------------

def test_another_members_session_is_404(signed_in: FlaskClient, app: Flask, make_user, catalog) -> None:
    other = make_user(Role.MEMBER, email="other@example.com")
    _seed_sessions(app, other.id, catalog, 1)
    (session,) = _sessions(app, other.id)
    for method, url in [("get", f"/exercises/sessions/{session.id}"), ("get", f"/exercises/sessions/{session.id}/edit"),
                        ("post", f"/exercises/sessions/{session.id}/edit"),
                        ("get", f"/exercises/sessions/{session.id}/delete"),
                        ("post", f"/exercises/sessions/{session.id}/delete")]:
        assert getattr(signed_in, method)(url, data=band_session(catalog)).status_code == 404, (method, url)
    assert len(_sessions(app, other.id)) == 1
    assert "Band squat" not in signed_in.get("/exercises/").get_data(as_text=True)


def test_custom_exercise_is_private_and_gets_flags(signed_in: FlaskClient, app: Flask, member: User, make_user,
                                                  catalog) -> None:
    response = signed_in.post("/exercises/custom/new", data={
        "name": "Garden raking", "kind": "weight_bearing", "measure": "minutes", "impact": "low",
        "spinal_rotation": "y", "instructions": "Raking leaves."})
    assert response.status_code == 302
    with app.app_context():
        raking = db.session.scalar(select(Exercise).where(Exercise.name == "Garden raking"))
        assert raking.member_id == member.id and raking.spinal_rotation and raking.slug is None
        raking_id = raking.id
    _add(app, Fracture(member_id=member.id, fracture_date=date(2021, 6, 1), site="wrist", vertebral=False,
                       low_trauma=True))
    page = signed_in.get("/exercises/catalog").get_data(as_text=True)
    start = page.index(f'id="exercise-{raking_id}"')
    assert "Caution: End-range spinal rotation." in page[start:page.index("</details>", start)]

    signed_in.post("/auth/logout")
    other = make_user(Role.MEMBER, email="other@example.com")
    signed_in.post("/auth/login", data={"email": other.email, "password": "correct horse battery"})
    assert "Garden raking" not in signed_in.get("/exercises/catalog").get_data(as_text=True)
    assert signed_in.get(f"/exercises/custom/{raking_id}/edit").status_code == 404
    assert signed_in.post(f"/exercises/custom/{raking_id}/delete").status_code == 404
    sneaky = signed_in.post("/exercises/sessions/new", data={
        "session_date": TODAY, "pain": "no", "entries-0-exercise": str(raking_id), "entries-0-minutes": "20"})
    assert sneaky.status_code == 400 and "Choose an exercise from the list." in sneaky.get_data(as_text=True)


def test_custom_exercise_in_use_is_not_deleted(signed_in: FlaskClient, catalog, app: Flask, member: User) -> None:
    signed_in.post("/exercises/custom/new", data={"name": "Aqua jog", "kind": "weight_bearing", "measure": "minutes",
                                                  "impact": "none"})
    with app.app_context():
        aqua_id = db.session.scalar(select(Exercise.id).where(Exercise.name == "Aqua jog"))
    signed_in.post("/exercises/sessions/new", data={"session_date": TODAY, "pain": "no",
                                                    "entries-0-exercise": str(aqua_id), "entries-0-minutes": "25"})
    response = signed_in.post(f"/exercises/custom/{aqua_id}/delete", follow_redirects=True)
    assert "is in some of your sessions, so it stays" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Exercise, aqua_id) is not None


@pytest.mark.parametrize("field, value, message", [
    ("name", "", "Give the exercise a name."),
    ("name", "x" * 81, "Use at most 80 characters."),
    ("kind", "swimming", "Choose one of the options."),
    ("impact", "extreme", "Choose one of the options."),
])
def test_custom_exercise_bad_input(signed_in: FlaskClient, catalog, field: str, value: str, message: str) -> None:
    data = {"name": "Aqua jog", "kind": "weight_bearing", "measure": "minutes", "impact": "none", field: value}
    response = signed_in.post("/exercises/custom/new", data=data)
    assert response.status_code == 400
    assert f'id="{field}-error" class="field-error">{message}' in response.get_data(as_text=True)


def test_the_session_form_shows_the_chosen_exercises_picture(app: Flask, signed_in: FlaskClient, member: User,
                                                              make_user, catalog) -> None:
    picture = signed_in.get(f"/exercises/{catalog['tandem_stance']}/picture")
    assert picture.status_code == 200 and 'role="img"' in picture.get_data(as_text=True)
    assert "one foot right in front of the other" in picture.get_data(as_text=True)  # the movement, in words
    form = signed_in.get(f"/exercises/sessions/new?exercise={catalog['band_row']}").get_data(as_text=True)
    assert 'class="entry-picture"' in form and "pull the ends back to your ribs" in form
    with app.app_context():
        other = make_user(Role.MEMBER, email="someone@example.com")
        theirs = Exercise(member_id=other.id, name="Their wall press", kind="resistance_band", impact="none",
                          measure="reps")
        mine = Exercise(member_id=member.id, name="My wall press", kind="resistance_band", impact="none",
                        measure="reps")
        db.session.add_all([theirs, mine])
        db.session.commit()
        theirs_id, mine_id = theirs.id, mine.id
    assert signed_in.get(f"/exercises/{theirs_id}/picture").status_code == 404
    assert "pose-custom" in signed_in.get(f"/exercises/{mine_id}/picture").get_data(as_text=True)
