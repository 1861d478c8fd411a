"""Her data, anywhere: the CSV export, the printable report, and deleting an account."""
import csv
import io
import zipfile
from datetime import timedelta

import pytest
from flask import Flask
from sqlalchemy import func, select

from app.account.export import FILES
from app.auth.models import User
from app.care.models import AccessRecord, CareLink, Comment
from app.exercises.models import ExerciseSession, ProgramItem
from app.extensions import db
from app.targets.models import TargetOverride
from tests.support.accounts import PASSWORD
from tests.support.world import MONDAY, SECRET_NOTE, as_user


def unzip(data: bytes) -> dict[str, list[dict[str, str]] | str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        files: dict[str, list[dict[str, str]] | str] = {"README.txt": archive.read("README.txt").decode()}
        for name in archive.namelist():
            if name.endswith(".csv"):
                files[name] = list(csv.DictReader(io.StringIO(archive.read(name).decode())))
    return files


# --- Export ----------------------------------------------------------------------------------------------------

def test_she_downloads_all_her_data_as_csv_files_with_a_readme(app: Flask, full_world: dict) -> None:
    w = full_world
    with app.app_context():
        session = db.session.get(ExerciseSession, w["session"])
        session.pain_where = "=HYPERLINK(\"http://evil.example\")"  # a formula a spreadsheet would run
        db.session.commit()
    response = as_user(app, w["member"]).get("/account/export.zip")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert "attachment" in response.headers["Content-Disposition"]
    files = unzip(response.data)
    assert set(files) == {"README.txt"} | {f.name for f in FILES}
    readme = files["README.txt"]
    for f in FILES:  # every file and every column is described
        assert f.name in readme and all(f"  {col.name}: " in readme for col in f.columns)
        assert list(files[f.name][0]) == [col.name for col in f.columns] if files[f.name] else True
    assert files["profile.csv"][0]["email"] == w["member"].email
    (session_row,) = files["sessions.csv"]
    assert session_row["notes"] == SECRET_NOTE and session_row["pain_where"].startswith("'=HYPERLINK")
    assert files["session_entries.csv"][0]["reps_per_set"] == "10;10;10"
    assert files["dxa_scans.csv"][0]["t_score"] == "-2.0"  # a number keeps its minus sign
    assert files["food_logs.csv"][0]["calcium_mg"] == "299"
    assert files["comments.csv"][0]["text"] == "Good squats"
    assert files["my_foods.csv"][0]["servings"] == "slice = 80 g"
    assert files["supplement_logs.csv"][0]["calcium_mg"] == "500"
    assert "Olive" not in response.data.decode("latin-1")


def test_a_therapist_downloads_a_client_only_while_access_is_granted(app: Flask, world: dict) -> None:
    m = world["member"].id
    linked = as_user(app, world["linked"])
    response = linked.get(f"/clients/{m}/export.zip")
    assert response.status_code == 200 and SECRET_NOTE in unzip(response.data)["sessions.csv"][0]["notes"]
    with app.app_context():
        assert db.session.scalar(select(AccessRecord.what).order_by(AccessRecord.id.desc())) == \
            "downloaded all data (zip of CSV files)"
    for role in ("unlinked", "revoked"):
        assert as_user(app, world[role]).get(f"/clients/{m}/export.zip").status_code == 404
    member = as_user(app, world["member"])
    link = member.get("/care/").get_data(as_text=True)
    link_id = int(link.split("/care/links/")[1].split("/")[0])
    assert member.post(f"/care/links/{link_id}/revoke").status_code == 302
    assert linked.get(f"/clients/{m}/export.zip").status_code == 404  # revoked: at once
    assert as_user(app, world["linked"]).get("/account/export.zip").status_code == 403


# --- Printable report ------------------------------------------------------------------------------------------

def test_the_report_shows_targets_actuals_events_and_dxa_history(app: Flask, full_world: dict) -> None:
    w = full_world
    with app.app_context():
        db.session.get(ExerciseSession, w["session"]).pain = True
        db.session.get(ExerciseSession, w["session"]).pain_where = "left hip"
        db.session.commit()
    page = as_user(app, w["member"]).get("/progress/report?weeks=4")
    assert page.status_code == 200
    body = page.get_data(as_text=True)
    assert body.count("<th scope=\"col\">Week of") >= 8  # four weeks, in both tables
    assert "Resistance-band sessions" in body and "Calcium" in body
    assert "Pain during exercise: left hip" in body
    assert f"Nothing logged in the week of {(MONDAY - timedelta(weeks=1)).strftime('%-d %B')}" in body
    assert "Total hip" in body and "-2.0" in body and "alendronate" in body and "wrist" in body
    assert "Strong, steady and straight" in body and "Sources:" in body  # the sources behind the targets
    assert 'href="/static/css/print.css"' in body
    one_week = as_user(app, w["member"]).get("/progress/report?weeks=1").get_data(as_text=True)
    assert one_week.count("<th scope=\"col\">Week of") == 2
    assert as_user(app, w["member"]).get("/progress/report?weeks=999").status_code == 200  # falls back to 4


def test_the_therapist_sees_the_same_report_and_it_is_recorded(app: Flask, world: dict) -> None:
    m = world["member"].id
    page = as_user(app, world["linked"]).get(f"/clients/{m}/report?weeks=1")
    assert page.status_code == 200 and "Bone-health report: Margaret" in page.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(AccessRecord.what).order_by(AccessRecord.id.desc())) == \
            "printable report (1 week)"
    assert as_user(app, world["unlinked"]).get(f"/clients/{m}/report").status_code == 404


# --- Deleting an account ---------------------------------------------------------------------------------------

def rows_pointing_at(app: Flask, user_id: int) -> dict[str, int]:
    """For every column in the schema that refers to an account, how many rows still name this one."""
    found = {}
    with app.app_context():
        for table in db.metadata.sorted_tables:
            for column in table.columns:
                if any(fk.column.table.name == "user" for fk in column.foreign_keys) or \
                        (table.name == "user" and column.name == "id"):
                    n = db.session.scalar(select(func.count()).select_from(table).where(column == user_id))
                    if n:
                        found[f"{table.name}.{column.name}"] = n
    return found


def test_deleting_her_account_removes_every_row_of_hers_in_one_go(app: Flask, full_world: dict) -> None:
    w = full_world
    her, olive = w["member"].id, w["other"].id
    assert len(rows_pointing_at(app, her)) >= 12  # the fixture gave her one of everything
    olive_before = rows_pointing_at(app, olive)
    client = as_user(app, w["member"])
    assert "Delete my account" in client.get("/account").get_data(as_text=True)
    wrong = client.post("/account/delete", data={"password": "not my password"})
    assert wrong.status_code == 400 and "Nothing has been deleted" in wrong.get_data(as_text=True)
    assert len(rows_pointing_at(app, her)) >= 12
    done = client.post("/account/delete", data={"password": PASSWORD})
    assert done.status_code == 302 and done.location == "/"
    assert rows_pointing_at(app, her) == {}
    assert rows_pointing_at(app, olive) == olive_before  # nobody else's rows touched
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ExerciseSession)) == 0
    assert client.get("/dashboard").status_code == 302  # signed out
    assert app.test_client().post("/auth/login", data={"email": w["member"].email, "password": PASSWORD}
                                  ).status_code == 401


def test_deleting_a_therapist_keeps_what_she_gave_her_clients(app: Flask, full_world: dict) -> None:
    w = full_world
    therapist = w["linked"]
    client = as_user(app, therapist)
    client.get(f"/clients/{w['member'].id}/sessions")  # an access record with her name
    assert client.post("/account/delete", data={"password": PASSWORD}).status_code == 302
    assert rows_pointing_at(app, therapist.id) == {}
    with app.app_context():
        comment = db.session.scalar(select(Comment))
        assert comment.author_id is None and comment.author_name == "Linda PT"
        assert db.session.scalar(select(ProgramItem.therapist_id)) is None
        assert db.session.scalar(select(TargetOverride.set_by_id)) is None
        assert db.session.scalar(select(func.count()).select_from(CareLink).where(
            CareLink.member_id == w["member"].id)) == 1  # only the revoked therapist's old link is left
        assert db.session.get(User, w["member"].id) is not None
    member_page = as_user(app, w["member"]).get("/account").get_data(as_text=True)
    assert "Linda PT" in member_page  # who viewed her data is still there


@pytest.mark.parametrize("password", ["", " " * 3])
def test_deleting_needs_the_password(app: Flask, member: User, password: str) -> None:
    response = as_user(app, member).post("/account/delete", data={"password": password})
    assert response.status_code == 400 and "Enter your password to confirm." in response.get_data(as_text=True)
    assert rows_pointing_at(app, member.id)
