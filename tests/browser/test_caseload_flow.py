"""A therapist's morning, as she does it on a laptop and on a phone: sign in → caseload → sort by last logged →
open the pain flag → comment and mark it handled → apply a template to a client → print the handout (PDF).
Taps counted; axe on each page."""
import io
import uuid
from datetime import timedelta

import pytest
from playwright.sync_api import Browser, expect
from pypdf import PdfReader

from app.auth.models import Role
from app.auth.services import create_user
from app.care.models import CareLink, LinkStatus, ProgramTemplate, ProgramTemplateItem
from app.exercises.models import Exercise, ExerciseSession, SessionEntry
from app.extensions import db
from app.guidance.calendar import today_in
from tests.support.browser import Taps, inside_printable_area, text_boxes

pytestmark = pytest.mark.browser
PASSWORD = "therapist password"


def _caseload(app) -> dict:  # noqa: ANN001
    """Priya with three clients: Aiko reported knee pain yesterday, Ruth went quiet 10 days ago, Joan is new."""
    tag = uuid.uuid4().hex[:6]
    with app.app_context():
        hashing = app.config["PASSWORD_HASH_METHOD"]
        priya = create_user(f"priya-{tag}@example.com", "Priya PT", PASSWORD, Role.THERAPIST, hashing)
        exercises = {e.slug: e.id for e in db.session.query(Exercise).filter(Exercise.slug.isnot(None))}
        clients = {}
        for name, days_ago, pain in (("Aiko", 1, True), ("Ruth", 10, False), ("Joan", None, False)):
            member = create_user(f"{name.lower()}-{tag}@example.com", name, PASSWORD, Role.MEMBER, hashing)
            today = today_in(member.timezone)
            member.created_at = member.created_at - timedelta(days=30)
            db.session.add(CareLink(member_id=member.id, therapist_id=priya.id, status=LinkStatus.ACTIVE))
            if days_ago is not None:
                session = ExerciseSession(member_id=member.id, session_date=today - timedelta(days=days_ago),
                                          pain=pain, pain_where="right knee" if pain else None, effort=5)
                session.entries = [SessionEntry(position=0, exercise_id=exercises["band_squat"], sets=3,
                                                reps_per_set=[10, 10, 8], band_colour="yellow")]
                db.session.add(session)
            clients[name] = member.id
        db.session.add(ProgramTemplate(therapist_id=priya.id, name="Balance starter", items=[
            ProgramTemplateItem(position=0, exercise_id=exercises["tandem_stance"], sets=3, hold_seconds=30,
                                rest_seconds=30, days_per_week=3, notes="Near a counter."),
            ProgramTemplateItem(position=1, exercise_id=exercises["sit_to_stand"], sets=2, reps=10,
                                days_per_week=3)]))
        db.session.commit()
        return {"email": priya.email, **clients}


@pytest.mark.on_database("postgresql")
@pytest.mark.parametrize("width", [1280, 390])
def test_a_therapists_morning(browser: Browser, live_server, check_a11y, width: int) -> None:
    base, people = live_server.url, _caseload(live_server.app)
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    taps = Taps(page)
    page.goto(base + "/auth/login")
    taps.fill(page.get_by_label("Email"), people["email"])
    taps.fill(page.get_by_label("Password"), PASSWORD)
    taps.click(page.get_by_role("button", name="Log in"))
    signed_in = taps.count

    # She lands on her caseload: the pain report first, a high flag.
    expect(page.get_by_role("heading", name="Your clients")).to_be_visible()
    rows = page.locator("table.caseload tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.first).to_contain_text("Aiko")
    expect(rows.first).to_contain_text("Pain reported")
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    check_a11y(page)

    # Sort by last logged (longest ago first): a column header on a laptop, the sort list on a phone.
    before = taps.count
    if width >= 1000:
        taps.click(page.get_by_role("link", name="Last logged"))
    else:
        taps.choose(page.get_by_label("Sort by"), value="last_logged")
        taps.click(page.get_by_role("button", name="Show"))
    expect(rows.nth(0)).to_contain_text("Joan")   # never logged
    expect(rows.nth(1)).to_contain_text("Ruth")   # 10 days ago
    expect(rows.nth(2)).to_contain_text("Aiko")
    sort_taps = taps.count - before
    check_a11y(page)

    # Open the pain flag: the session, with the flag worded for her therapist.
    before = taps.count
    taps.click(page.get_by_role("link", name="Pain reported"))
    expect(page.get_by_role("heading", name="Aiko's open flags")).to_be_visible()
    expect(page.get_by_text("Yes, right knee")).to_be_visible()
    check_a11y(page)
    taps.fill(page.get_by_label("Comment"), "Sorry about the knee. Use the yellow band and stop at 8 this week.")
    taps.click(page.get_by_role("button", name="Send comment to Aiko"))
    expect(page.get_by_text("Comment sent to Aiko.")).to_be_visible()
    taps.fill(page.get_by_label("Note to Aiko (optional)"), "Seen; we'll look at it on Tuesday.")
    taps.click(page.get_by_role("button", name="Mark handled"))
    expect(page.get_by_text("Marked handled")).to_be_visible()
    expect(page.get_by_text("No open flags for this session.")).to_be_visible()
    flag_taps = taps.count - before
    check_a11y(page)

    # Apply her template to Joan's (empty) program, then print Joan's handout.
    before = taps.count
    taps.click(page.get_by_role("link", name="Clients", exact=True))
    taps.click(page.get_by_role("link", name="Joan", exact=True))
    taps.click(page.locator(".client-nav").get_by_role("link", name="Program"))
    check_a11y(page)
    taps.choose(page.get_by_label("Template"), label="Balance starter")
    taps.click(page.get_by_role("button", name="Apply to Joan's program"))
    expect(page.get_by_text("Added from “Balance starter”: Tandem stance, Sit to stand.")).to_be_visible()
    expect(page.get_by_text("3 × 30 s, rest 30 s")).to_be_visible()
    template_taps = taps.count - before
    check_a11y(page)
    before = taps.count
    taps.click(page.get_by_role("link", name="Printable handout for Joan"))
    expect(page.get_by_role("heading", name="Exercise program: Joan")).to_be_visible()
    page.wait_for_load_state("load")  # its style sheets applied (a loaded CI machine measured before them)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    check_a11y(page)
    for paper in ("Letter", "A4"):  # the title whole on either paper: its capitals inside the printable area
        pdf = page.pdf(format=paper, print_background=False)
        (title,) = [b for b in text_boxes(pdf) if b["text"] == "Exercise program: Joan"]
        assert title["page"] == 0 and inside_printable_area(title), (paper, title)
    handout_taps = taps.count - before + 1  # the Print button opens the browser's print dialog: one more tap
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    for words in ("Exercise program: Joan", "Tandem stance", "3 × 30 s, rest 30 s", "Sit to stand", "2 × 10",
                  "Near a counter."):
        assert words in text, words
    assert "Client: Joan" not in text and "Download data" not in text  # the page's navigation isn't printed
    # Budgets: sign in 3, sort 1 (laptop) or 2 (phone), flag with a comment and a note 5, from there to Joan's
    # program and her template applied 5, handout 2.
    assert (signed_in, flag_taps, template_taps, handout_taps) == (3, 5, 5, 2)
    assert sort_taps == (1 if width >= 1000 else 2)
    context.close()
