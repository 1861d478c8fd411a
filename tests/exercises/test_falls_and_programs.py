"""Falls (recorded by her, a high flag, impact paused until reviewed), programs as therapists write them
(each side, rest, one item per exercise, templates, the printable handout), invitations that arrive by mail,
and client pages worded for the therapist."""
import html
import io
import re
import zipfile
from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from sqlalchemy import func, select

from app.care.models import CareLink, LinkStatus, ProgramTemplate, ProgramTemplateItem
from app.care.services import INVITATION_LIFETIME, CareError, invitation_from_token, invitation_token
from app.exercises.models import ProgramItem
from app.extensions import db
from app.profile.models import Fall, Fracture
from tests.support.accounts import PASSWORD, outbox_messages, registration_link_from
from tests.support.world import TODAY, as_user

FALL = {"fall_date": TODAY.isoformat(), "what_happened": "Tripped on the kerb", "injured": "no", "fracture": "no"}


def _text(response) -> str:  # noqa: ANN001
    text = re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))
    return re.sub(r" ([,.])", r"\1", re.sub(r"\s+", " ", html.unescape(text)))


def _prescribe(app: Flask, world: dict, exercise_id: int, **dose: object) -> int:
    with app.app_context():
        item = ProgramItem(member_id=world["member"].id, therapist_id=world["linked"].id, exercise_id=exercise_id,
                           days_per_week=3, **{"sets": 2, "reps": 20, **dose})
        db.session.add(item)
        db.session.commit()
        return item.id


# --- Falls ---------------------------------------------------------------------------------------------------------

def test_a_fall_raises_a_high_flag_and_pauses_impact_until_her_therapist_reviews_it(app: Flask, world: dict,
                                                                                   catalog) -> None:
    member, therapist, m = as_user(app, world["member"]), as_user(app, world["linked"]), world["member"].id
    _prescribe(app, world, catalog["stamping"])
    assert "Paused after a fall" not in member.get("/care/program").get_data(as_text=True)
    saved = member.post("/me/health/fall/new", data=FALL)
    assert saved.status_code == 302 and saved.location == "/me/health"
    with app.app_context():
        fall = db.session.scalar(select(Fall).where(Fall.member_id == m))
        assert (fall.what_happened, fall.injured, fall.fracture) == ("Tripped on the kerb", False, False)
    assert "Tripped on the kerb" in member.get("/me/health").get_data(as_text=True)
    program = _text(member.get("/care/program"))
    assert "Stamping" in program and "Paused after a fall." in program
    assert "Band squat" in program and program.count("Paused after a fall") == 1  # no impact: not paused
    # Logging it asks to confirm, as a caution does.
    today = member.get("/exercises/today").get_data(as_text=True)
    assert "Paused after a fall" in today and "I have read the cautions" in today
    # Her therapist sees a high flag first, worded for her, and reviews it.
    caseload = therapist.get("/clients/").get_data(as_text=True)
    assert f"Fall on {TODAY:%a %-d %b}: Tripped on the kerb. Not hurt; no bone broke." in caseload
    assert "severity-3" in caseload
    week = _text(therapist.get(f"/clients/{m}/week/{TODAY - timedelta(days=TODAY.weekday())}"))
    assert "Tripped on the kerb. Not hurt; no bone broke." in week
    therapist_program = _text(therapist.get(f"/clients/{m}/program"))
    assert f"She recorded a fall on {TODAY:%-d %B %Y}: it goes on once you review the fall" in therapist_program
    reviewed = therapist.post(f"/clients/{m}/flags", data={"kind": "fall", "key": str(fall.id), "state": "seen",
                                                            "back": f"/clients/{m}/week/{TODAY}"})
    assert reviewed.status_code == 302
    assert "Paused after a fall" not in member.get("/care/program").get_data(as_text=True)
    assert "Linda PT has seen your fall" in _text(member.get("/dashboard"))


def test_a_fall_without_a_therapist_pauses_impact_until_she_confirms_a_clinician_checked_her(
        app: Flask, member, signed_in, catalog) -> None:
    assert signed_in.post("/me/health/fall/new", data=FALL).status_code == 302
    stamping = _text(signed_in.get("/exercises/catalog"))
    assert "Paused after a fall" in stamping and "no clinician has checked you" not in stamping
    assert "Once a clinician has checked you, say so on your bone-health page" in stamping
    health = signed_in.get("/me/health").get_data(as_text=True)
    assert "A clinician has checked me since this fall" in health
    with app.app_context():
        fall_id = db.session.scalar(select(Fall.id))
    assert signed_in.post(f"/me/health/fall/{fall_id}/checked").status_code == 302
    assert "Paused after a fall" not in signed_in.get("/exercises/catalog").get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Fall, fall_id).cleared_on == TODAY  # kept with its date
    assert "A clinician checked you (said on" in _text(signed_in.get("/me/health"))


def test_a_pause_outlives_the_end_of_her_therapist_link(app: Flask, world: dict, catalog) -> None:
    member = as_user(app, world["member"])
    _prescribe(app, world, catalog["stamping"])
    member.post("/me/health/fall/new", data=FALL)
    with app.app_context():
        link = db.session.scalar(select(CareLink).where(CareLink.member_id == world["member"].id,
                                                        CareLink.status == LinkStatus.ACTIVE))
        link.status = LinkStatus.ENDED
        db.session.commit()
    assert "Paused after a fall" in member.get("/care/program").get_data(as_text=True)
    assert "A clinician has checked me since this fall" in member.get("/me/health").get_data(as_text=True)


def test_a_fall_that_broke_a_bone_opens_the_fracture_form_with_its_date(app: Flask, signed_in, member,
                                                                     catalog) -> None:
    day = (TODAY - timedelta(days=3)).isoformat()
    saved = signed_in.post("/me/health/fall/new", data={**FALL, "fall_date": day, "injured": "yes",
                                                        "fracture": "yes"})
    assert saved.status_code == 302 and saved.location == f"/me/health/fracture/new?date={day}"
    form = signed_in.get(saved.location).get_data(as_text=True)
    assert f'value="{day}"' in form
    assert re.search(r'checked[^>]*name="low_trauma"[^>]*value="yes"|name="low_trauma"[^>]*checked[^>]*value="yes"'
                     r'|checked[^>]*value="yes"[^>]*name="low_trauma"', form) or \
        re.search(r'<input[^>]*value="yes"[^>]*checked[^>]*>', form.split('name="low_trauma"', 1)[1][:400]), form
    # Until she records the fracture, the broken bone counts as a low-trauma fracture of unknown site: impact no
    # more than brisk walking, on every surface (her targets switch too).
    catalog_page = _text(signed_in.get("/exercises/catalog"))
    assert "a fall broke a bone and the fracture isn't recorded yet" in catalog_page
    assert signed_in.post(saved.location, data={"fracture_date": day, "site": "wrist", "vertebral": "no",
                                                "low_trauma": "yes"}).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Fracture)) == 1
    assert "the fracture isn't recorded yet" not in _text(signed_in.get("/exercises/catalog"))  # recorded now
    # The checklist counts the fall and the fracture.
    health = _text(signed_in.get("/me/health"))
    assert "1 low-trauma fracture as an adult recorded and 1 fall in the last year" in health


@pytest.mark.parametrize("field, value, message", [
    ("fall_date", "", "Enter when it happened."),
    ("fall_date", (TODAY + timedelta(days=2)).isoformat(), "in the future"),
    ("what_happened", "", "Say in a few words what happened"),
    ("what_happened", "x" * 201, "Use at most 200 characters."),
    ("injured", "", "Choose yes or no."),
    ("fracture", "maybe", "Choose"),
])
def test_a_fall_with_bad_input_is_refused_at_the_field_and_keeps_the_rest(app: Flask, signed_in, field: str,
                                                                          value: str, message: str) -> None:
    response = signed_in.post("/me/health/fall/new", data={**FALL, field: value})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and message in page
    if field != "what_happened":
        assert "Tripped on the kerb" in page
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Fall)) == 0


def test_falls_are_in_her_export_report_and_deletion(app: Flask, world: dict) -> None:
    member, m = as_user(app, world["member"]), world["member"].id
    assert member.post("/me/health/fall/new", data=FALL).status_code == 302
    archive = zipfile.ZipFile(io.BytesIO(member.get("/account/export.zip").data))
    assert "Tripped on the kerb" in archive.read("falls.csv").decode()
    assert "Tripped on the kerb" in _text(member.get("/progress/report?weeks=1"))
    assert "Tripped on the kerb" in _text(as_user(app, world["linked"]).get(f"/clients/{m}/report?weeks=1"))
    deleted = member.post("/account/delete", data={"password": PASSWORD, "confirm": "DELETE"})
    assert deleted.status_code in (200, 302)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Fall).where(Fall.member_id == m)) == 0


# --- Programs ------------------------------------------------------------------------------------------------------

def test_a_program_item_carries_each_side_and_rest_and_reads_as_prescribed(app: Flask, world: dict,
                                                                           catalog) -> None:
    therapist, m = as_user(app, world["linked"]), world["member"].id
    added = therapist.post(f"/clients/{m}/program", data={
        "exercise": str(catalog["single_leg_stand"]), "sets": "3", "hold_seconds": "20", "each_side": "y",
        "rest_seconds": "30", "days_per_week": "3", "notes": "A hand on the counter"})
    assert added.status_code == 302
    assert "3 × 20 s each side, rest 30 s" in _text(as_user(app, world["member"]).get("/care/program"))


def test_prescribing_an_exercise_she_has_offers_to_edit_it(app: Flask, world: dict) -> None:
    therapist, m = as_user(app, world["linked"]), world["member"].id
    with app.app_context():
        squat = db.session.scalar(select(ProgramItem).where(ProgramItem.id == world["item"]))
        exercise_id = squat.exercise_id
    again = therapist.post(f"/clients/{m}/program", data={"exercise": str(exercise_id), "sets": "3", "reps": "12",
                                                          "band_colour": "green", "days_per_week": "2"})
    page = again.get_data(as_text=True)
    assert again.status_code == 400 and "already in her program" in page
    edit_url = f"/clients/{m}/program/{world['item']}/edit"
    assert edit_url in page and 'value="12"' in page  # what she typed is kept
    assert therapist.get(edit_url).status_code == 200
    edited = therapist.post(edit_url, data={"exercise": str(exercise_id), "sets": "3", "reps": "12",
                                            "band_colour": "green", "days_per_week": "2", "rest_seconds": "60"})
    assert edited.status_code == 302
    with app.app_context():
        items = db.session.scalars(select(ProgramItem).where(ProgramItem.member_id == m)).all()
        assert [(i.reps, i.band_colour, i.rest_seconds) for i in items] == [(12, "green", 60)]


def test_a_template_is_saved_from_one_client_and_applied_to_another(app: Flask, world: dict, catalog,
                                                                   make_user) -> None:
    therapist, m = as_user(app, world["linked"]), world["member"].id
    _prescribe(app, world, catalog["tandem_stance"], sets=3, reps=None, hold_seconds=30, each_side=False,
               notes="Near a counter")
    saved = therapist.post(f"/clients/{m}/program/template", data={"name": "Balance starter"})
    assert saved.status_code == 302
    taken = therapist.post(f"/clients/{m}/program/template", data={"name": "balance STARTER"})
    assert taken.status_code == 400 and "already have a template with that name" in taken.get_data(as_text=True)
    other = make_user(email="joan@example.com", name="Joan")
    with app.app_context():
        db.session.add(CareLink(member_id=other.id, therapist_id=world["linked"].id, status=LinkStatus.ACTIVE))
        template_id = db.session.scalar(select(ProgramTemplate.id))
        db.session.commit()
    assert "Balance starter" in therapist.get("/clients/templates").get_data(as_text=True)
    applied = therapist.post(f"/clients/{other.id}/program/apply", data={"template": str(template_id)},
                             follow_redirects=True)
    assert "Added from “Balance starter”: Band squat, Tandem stance." in _text(applied)
    again = therapist.post(f"/clients/{other.id}/program/apply", data={"template": str(template_id)},
                           follow_redirects=True)
    assert "Already in her program, left as they were: Band squat, Tandem stance." in _text(again)
    with app.app_context():
        doses = db.session.execute(select(ProgramItem.sets, ProgramItem.reps, ProgramItem.hold_seconds,
                                          ProgramItem.notes).where(ProgramItem.member_id == other.id)
                                   .order_by(ProgramItem.id)).all()
        # Her notes were written for her: the template keeps the dose, never a client's words.
        assert [tuple(d) for d in doses] == [(3, 10, None, None), (3, None, 30, None)]
        assert db.session.scalars(select(ProgramTemplateItem.notes)).all() == [None, None]
    # Another therapist can't use or delete it.
    stranger = as_user(app, world["unlinked"])
    assert stranger.post(f"/clients/templates/{template_id}/delete").status_code == 404
    assert therapist.post(f"/clients/templates/{template_id}/delete").status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ProgramTemplate)) == 0
        assert db.session.scalar(select(func.count()).select_from(ProgramItem)
                                 .where(ProgramItem.member_id == other.id)) == 2  # programs made from it stay


def test_the_handout_has_her_name_each_exercise_its_instructions_and_dose(app: Flask, world: dict,
                                                                         catalog) -> None:
    _prescribe(app, world, catalog["tandem_stance"], sets=3, reps=None, hold_seconds=30, each_side=True)
    for client, url in ((as_user(app, world["linked"]), f"/clients/{world['member'].id}/program/handout"),
                        (as_user(app, world["member"]), "/care/program/handout")):
        page = _text(client.get(url))
        assert "Exercise program: Margaret" in page
        assert "Band squat Start End 3 × 10, red (medium) band, 2 days a week" in page  # the captions of its picture
        assert "Tandem stance Start End 3 × 30 s each side, 3 days a week" in page
        with app.app_context():
            from app.exercises.models import Exercise
            instructions = db.session.get(Exercise, catalog["tandem_stance"]).instructions
        assert instructions.split(".")[0] in page


# --- Invitations by mail ---------------------------------------------------------------------------------------

def test_an_invitation_is_mailed_and_a_therapist_without_an_account_accepts_it_after_registering(
        app: Flask, world: dict) -> None:
    member = as_user(app, world["member"])
    assert member.post("/care/invite", data={"email": "New.PT@Example.com"}).status_code == 302
    (mail,) = [msg for msg in outbox_messages(app) if "new.pt@example.com" in msg.split("\n")[0]]
    assert "Subject: Margaret invites you to Ossify" in mail
    assert "felt wobbly" not in mail and "T-score" not in mail  # nothing of her health
    assert "create a physical therapist's account with this address" in mail
    link = re.search(r"https?://[^/\s]+(/invitations/\S+)", mail).group(1)
    assert "invited on" in _text(member.get("/care/")) and "not yet accepted" in _text(member.get("/care/"))
    visitor = app.test_client()
    page = _text(visitor.get(link))
    assert "Margaret invited you" in page and "Create a therapist account" in page
    form = visitor.get("/auth/register?email=new.pt%40example.com&role=therapist").get_data(as_text=True)
    assert 'value="new.pt@example.com"' in form and re.search(r'name="role"[^>]*value="therapist"', form)
    asked = visitor.post("/auth/register", data={"email": "new.pt@example.com", "role": "therapist"})
    assert asked.status_code == 200
    confirm = registration_link_from(outbox_messages(app)[-1])
    assert re.search(r'checked[^>]*value="therapist"', visitor.get(confirm).get_data(as_text=True))
    assert visitor.post(confirm, data={"display_name": "Nadia PT", "password": PASSWORD, "confirm": PASSWORD,
                                       "role": "therapist"}).status_code == 302
    assert "Margaret" in visitor.get("/clients/").get_data(as_text=True)  # waiting at the top of her list
    accepted = visitor.post(link)
    assert accepted.status_code == 302 and accepted.location == f"/clients/{world['member'].id}/"
    assert visitor.get(f"/clients/{world['member'].id}/health").status_code == 200
    # Single use: the link now answers that it was used.
    used = visitor.get(link)
    assert used.status_code == 410 and "already accepted or was withdrawn" in used.get_data(as_text=True)


def test_an_invitation_link_expires_is_signed_and_dies_when_withdrawn(app: Flask, world: dict) -> None:
    member = as_user(app, world["member"])
    member.post("/care/invite", data={"email": "late.pt@example.com"})
    with app.app_context():
        link = db.session.scalar(select(CareLink).where(CareLink.invited_email == "late.pt@example.com"))
        token = invitation_token(link, app.secret_key)
        later = datetime.now(UTC) + INVITATION_LIFETIME + timedelta(minutes=1)
        with pytest.raises(CareError, match="expired"):
            invitation_from_token(token, app.secret_key, now=later)
        assert invitation_from_token(token, app.secret_key).id == link.id
        link_id = link.id
    tampered = app.test_client().get(f"/invitations/{token[:-2]}xx")
    assert tampered.status_code == 410 and "not valid" in tampered.get_data(as_text=True)
    assert member.post(f"/care/links/{link_id}/revoke").status_code == 302
    gone = app.test_client().get(f"/invitations/{token}")
    assert gone.status_code == 410 and "withdrawn" in gone.get_data(as_text=True)


def test_an_invitation_is_accepted_only_by_the_account_it_was_sent_to(app: Flask, world: dict) -> None:
    member = as_user(app, world["member"])
    member.post("/care/invite", data={"email": world["unlinked"].email})
    mail = outbox_messages(app)[-1]
    assert "Sign in to Ossify with this address" in mail  # she has an account: no new one
    link = re.search(r"(/invitations/\S+)", mail).group(1)
    wrong = as_user(app, world["revoked"])
    assert "Only a physical therapist's account with" in _text(wrong.get(link))
    assert wrong.post(link).status_code == 200  # shown the page again, nothing accepted
    with app.app_context():
        assert db.session.scalar(select(CareLink.status).where(CareLink.therapist_id == world["revoked"].id,
                                                               CareLink.status == LinkStatus.ACTIVE)) is None
    right = as_user(app, world["unlinked"])
    assert right.post(link).status_code == 302
    assert right.get(f"/clients/{world['member'].id}/health").status_code == 200


# --- Worded for the therapist ------------------------------------------------------------------------------------

def test_client_pages_speak_of_the_client(app: Flask, world: dict) -> None:
    therapist, m = as_user(app, world["linked"]), world["member"].id
    health = _text(therapist.get(f"/clients/{m}/health"))
    assert "Margaret's category" in health and "Your category" not in health
    assert "From her date of birth: she is" in health and "From your" not in health
    assert "on her scan of" in health and " your " not in health.split("Download data")[1].split("Sources:")[0]
    assert "read-only" not in _text(therapist.get(f"/clients/{m}/program"))
    assert "Printable report of Margaret's last 4 weeks" in _text(therapist.get(f"/clients/{m}/trends"))
    mine = _text(as_user(app, world["member"]).get("/me/health"))
    assert "Your category" in mine and "From your date of birth: you are" in mine


def test_the_caseload_sorts_by_a_target_column(app: Flask, world: dict, make_user) -> None:
    therapist = as_user(app, world["linked"])
    page = therapist.get("/clients/?sort=t:calcium_mg").get_data(as_text=True)
    assert re.search(r'aria-sort="descending">\s*<a [^>]*sort=t(:|%3A)calcium_mg', page)
    assert therapist.get("/clients/?sort=t:nonsense").status_code == 200  # an unknown column: the default order
    assert therapist.get("/clients/?q=a%00b").status_code == 200
