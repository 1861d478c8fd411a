"""A therapist's caseload: stored rows kept current on write, sorting, search, the attention filter, flags with
severity that can be seen or handled (and are shown to her), falls."""
from datetime import date, timedelta

import pytest
from flask import Flask
from sqlalchemy import select

from app.auth.models import Role
from app.care.models import CareLink, ClientStatus, FlagReview, LinkStatus
from app.exercises.models import ExerciseSession, SessionEntry
from app.extensions import db
from app.profile.models import Fall
from app.workspace.caseload import caseload
from tests.support.world import TODAY, as_user


def _pain(app: Flask, member_id: int, exercise_id: int, day: date = TODAY, where: str = "knee") -> int:
    with app.app_context():
        session = ExerciseSession(member_id=member_id, session_date=day, pain=True, pain_where=where)
        session.entries = [SessionEntry(position=0, exercise_id=exercise_id, sets=1, reps_per_set=[5])]
        db.session.add(session)
        db.session.commit()
        return session.id


def _flags(app: Flask, therapist_id: int, member_id: int) -> list[dict]:
    with app.app_context():
        row = next(r for r in caseload(therapist_id).rows if r.member_id == member_id)
        return row.status.flags


def test_a_write_to_her_data_makes_her_row_stale_and_the_next_visit_rebuilds_it(app: Flask, world: dict,
                                                                              catalog) -> None:
    m, pt = world["member"].id, world["linked"].id
    assert not any(f["kind"] == "pain" for f in _flags(app, pt, m))
    with app.app_context():
        built = db.session.get(ClientStatus, m)
        assert built.version == built.computed_version
    session_id = _pain(app, m, catalog["band_squat"])
    with app.app_context():
        stale = db.session.get(ClientStatus, m)
        assert stale.version == stale.computed_version + 1  # bumped in the transaction that wrote the session
    (pain,) = [f for f in _flags(app, pt, m) if f["kind"] == "pain"]
    assert pain["severity"] == 3 and pain["session_id"] == session_id and "(knee)" in pain["text"]
    # An entry changed on its own (no change to the session row) still reaches her row.
    with app.app_context():
        entry = db.session.scalar(select(SessionEntry).where(SessionEntry.session_id == session_id))
        entry.reps_per_set = [6]
        db.session.commit()
        row = db.session.get(ClientStatus, m)
        assert row.version > row.computed_version


def test_a_visit_or_a_comment_does_not_make_her_row_stale(app: Flask, world: dict) -> None:
    m, pt = world["member"].id, world["linked"].id
    therapist = as_user(app, world["linked"])
    therapist.get("/clients/")
    with app.app_context():
        before = db.session.get(ClientStatus, m).version
    therapist.get(f"/clients/{m}/sessions/{world['session']}")
    therapist.post(f"/clients/{m}/comments", data={"body": "Good squats", "session_id": str(world["session"])})
    with app.app_context():
        assert db.session.get(ClientStatus, m).version == before
    assert pt


def test_seen_keeps_the_flag_handled_clears_it_and_a_new_event_brings_it_back(app: Flask, world: dict,
                                                                            catalog) -> None:
    m, pt = world["member"].id, world["linked"].id
    first = _pain(app, m, catalog["band_squat"], TODAY - timedelta(days=1))
    therapist = as_user(app, world["linked"])
    page = therapist.get("/clients/?attention=1").get_data(as_text=True)
    assert "Margaret" in page

    seen = therapist.post(f"/clients/{m}/flags", data={"kind": "pain", "key": str(first), "state": "seen",
                                                       "back": f"/clients/{m}/sessions/{first}"})
    assert seen.status_code == 302 and seen.location.endswith(f"/clients/{m}/sessions/{first}")
    (pain,) = [f for f in _flags(app, pt, m) if f["kind"] == "pain"]
    assert pain["review"]["state"] == "seen" and pain["review"]["by_name"] == "Linda PT"
    with app.app_context():
        assert db.session.get(ClientStatus, m).attention < 3  # seen: no longer new

    handled = therapist.post(f"/clients/{m}/flags", data={
        "kind": "pain", "key": str(first), "state": "handled", "note": "Skip squats until we talk on Friday."})
    assert handled.status_code == 302
    assert not any(f["kind"] == "pain" for f in _flags(app, pt, m))
    with app.app_context():
        review = db.session.scalars(select(FlagReview).order_by(FlagReview.id.desc())).first()
        assert (review.state, review.by_id, review.note) == ("handled", pt, "Skip squats until we talk on Friday.")
    # She sees who looked, and the note.
    home = as_user(app, world["member"]).get("/dashboard").get_data(as_text=True)
    assert "Linda PT has handled your pain report" in home and "Skip squats until we talk on Friday." in home
    assert "Linda PT has seen your pain report" in home

    # A handled flag can't be handled again; a new pain report is a new flag.
    again = therapist.post(f"/clients/{m}/flags", data={"kind": "pain", "key": str(first), "state": "handled"},
                           follow_redirects=True)
    assert "no longer open" in again.get_data(as_text=True)
    second = _pain(app, m, catalog["band_squat"], TODAY)
    (pain,) = [f for f in _flags(app, pt, m) if f["kind"] == "pain"]
    assert pain["key"] == str(second) and pain["review"] is None


@pytest.mark.parametrize("data", [
    {"kind": "pain", "key": "1", "state": "deleted"},
    {"kind": "pain", "key": "1"},
    {"kind": "", "key": "", "state": "seen"},
])
def test_a_flag_form_not_sent_from_the_page_is_a_400(app: Flask, world: dict, data: dict) -> None:
    response = as_user(app, world["linked"]).post(f"/clients/{world['member'].id}/flags", data=data)
    assert response.status_code == 400


def test_only_a_linked_therapist_can_review_her_flags(app: Flask, world: dict) -> None:
    data = {"kind": "quiet", "key": "never", "state": "handled"}
    for who, status in (("unlinked", 404), ("revoked", 404), ("member", 403), ("other", 403)):
        assert as_user(app, world[who]).post(f"/clients/{world['member'].id}/flags", data=data).status_code == status
    with app.app_context():
        assert db.session.scalar(select(FlagReview.id)) is None


def test_a_fall_is_a_high_flag_first_in_the_list(app: Flask, world: dict, make_user) -> None:
    pt = world["linked"].id
    ann = make_user(Role.MEMBER, email="ann@example.com", name="Ann")
    with app.app_context():
        db.session.add(CareLink(member_id=ann.id, therapist_id=pt, status=LinkStatus.ACTIVE))
        db.session.add(Fall(member_id=world["member"].id, fall_date=TODAY, what_happened="Tripped on a rug",
                            injured=True, fracture=False))
        db.session.commit()
        rows = caseload(pt).rows
    assert [r.name for r in rows][0] == "Margaret"
    fall = next(f for f in rows[0].status.flags if f["kind"] == "fall")
    assert fall["severity"] == 3 and "Tripped on a rug. Hurt; no bone broke." in fall["text"]


def test_sort_search_and_filter(app: Flask, world: dict, make_user) -> None:
    pt = world["linked"]
    with app.app_context():
        for name in ("Zoe Quiet", "Alice Quiet", "Ann 100%_done"):
            user_id = make_user(Role.MEMBER, email=f"{name.split()[0].lower()}@example.com", name=name).id
            db.session.add(CareLink(member_id=user_id, therapist_id=pt.id, status=LinkStatus.ACTIVE))
        db.session.commit()
    therapist = as_user(app, pt)

    def names(url: str) -> list[tuple[int, str]]:
        """The clients on the page, in the order shown."""
        page = therapist.get(url)
        assert page.status_code == 200
        table = page.get_data(as_text=True).split("<tbody>")[-1]
        return sorted((table.index(n), n) for n in ("Alice Quiet", "Ann 100%_done", "Margaret", "Zoe Quiet")
                      if n in table)

    assert [n for _, n in names("/clients/?sort=name")] == ["Alice Quiet", "Ann 100%_done", "Margaret", "Zoe Quiet"]
    assert [n for _, n in names("/clients/?sort=name&dir=desc")][0] == "Zoe Quiet"
    assert [n for _, n in names("/clients/?sort=last_logged")][-1] == "Margaret"  # logged today: last
    assert [n for _, n in names("/clients/?q=quiet")] == ["Alice Quiet", "Zoe Quiet"]
    assert [n for _, n in names("/clients/?q=%25_")] == ["Ann 100%_done"]  # wildcards are searched as typed
    assert "No client named like" in therapist.get("/clients/?q=nobody").get_data(as_text=True)
    for odd in ("?page=abc", "?page=99999999999999999999", "?page=%C2%B2", "?sort=drop", "?dir=up",
                "?q=" + "x" * 5000, "?attention=yes"):
        assert therapist.get("/clients/" + odd).status_code == 200, odd


def test_a_client_who_joined_this_week_has_no_low_flag_and_no_quiet_flag_on_day_one(app: Flask, make_user) -> None:
    from datetime import UTC, datetime
    pt = make_user(Role.THERAPIST, email="pt9@example.com")
    new = make_user(Role.MEMBER, email="new9@example.com", joined=datetime.now(UTC))
    with app.app_context():
        db.session.add(CareLink(member_id=new.id, therapist_id=pt.id, status=LinkStatus.ACTIVE))
        db.session.commit()
        (row,) = caseload(pt.id).rows
    kinds = {f["kind"] for f in row.status.flags}
    assert "below" not in kinds and "quiet" not in kinds
