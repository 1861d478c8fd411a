"""A member's first week on a 390 px phone, with the taps counted: a walk with stamps, three band exercises,
her program ticked off in Today and logged as prescribed; then every page a member and a therapist reach fits
320 and 390 px with 24 × 24 px targets, and 200 % text. Axe on every page."""
import re
import uuid
from datetime import UTC, datetime

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from app.auth.models import Role, User
from app.auth.services import create_user
from app.care.models import CareLink, LinkStatus
from app.exercises.models import Exercise, ProgramItem
from app.extensions import db
from app.learn.pages import PAGES
from tests.support.browser import LIVE_APPS, Taps, sign_up

pytestmark = pytest.mark.browser
PASSWORD = "walking every day"


def register(page: Page, base: str, name: str) -> str:
    email = f"{name.lower()}-{uuid.uuid4().hex[:8]}@example.com"
    sign_up(page, base, email, name, PASSWORD)
    page.get_by_label("Date of birth").fill("1958-04-12")
    page.get_by_label("Female").check()
    page.get_by_label("Body weight").fill("61")
    page.get_by_role("button", name="Save profile").click()
    return email


def prescribe(base: str, email: str) -> None:
    """Her therapist's program (made directly: the therapist's own pages are tested in the care flow)."""
    app = LIVE_APPS[base]
    with app.app_context():
        member = db.session.scalar(select(User).where(User.email == email))
        therapist = create_user(f"pt-{uuid.uuid4().hex[:8]}@example.com", "Priya", PASSWORD, Role.THERAPIST,
                                app.config["PASSWORD_HASH_METHOD"])
        db.session.flush()
        ids = {e.slug: e.id for e in db.session.scalars(select(Exercise).where(Exercise.slug.is_not(None)))}
        db.session.add(CareLink(member_id=member.id, therapist_id=therapist.id, status=LinkStatus.ACTIVE,
                                accepted_at=datetime.now(UTC)))
        db.session.add_all([
            ProgramItem(member_id=member.id, therapist_id=therapist.id, exercise_id=ids["band_squat"], sets=3,
                        reps=10, band_colour="red", days_per_week=2),
            ProgramItem(member_id=member.id, therapist_id=therapist.id, exercise_id=ids["tandem_stance"], sets=3,
                        hold_seconds=30, days_per_week=3),
            ProgramItem(member_id=member.id, therapist_id=therapist.id, exercise_id=ids["brisk_walking"], sets=1,
                        minutes=20, days_per_week=4),
        ])
        db.session.commit()


@pytest.mark.on_database("postgresql")
def test_a_walk_with_stamps_three_band_exercises_and_her_program_in_few_taps(page: Page, live_server,
                                                                            check_a11y) -> None:
    base = live_server.url
    email = register(page, base, "Ruth")
    page.get_by_role("link", name="Home").click()

    # 30 minutes of brisk walking with 60 stamps: at most 5 taps from Home.
    taps = Taps(page)
    taps.click(page.get_by_role("link", name="Log a walk"))
    check_a11y(page)
    taps.check(page.get_by_label("Brisk walking"))
    taps.fill(page.get_by_label("Stamps or heel drops"), "60")
    taps.click(page.get_by_role("button", name="Save"))
    expect(page.get_by_text("Brisk walking, 30 minutes, with 60 × stamping: saved.")).to_be_visible()
    assert taps.count <= 5, taps.count
    walk_taps = taps.count

    # Three band exercises, 3 × 10 on the red band: at most 12 taps from Home. The second and third rows start
    # with the band and dose of the one above, and are added in place (the page does not reload).
    page.get_by_role("link", name="Home").click()
    taps = Taps(page)
    taps.click(page.get_by_role("link", name="Log a workout"))
    check_a11y(page)
    taps.choose(page.locator("#entries-0-exercise"), label="Band squat")
    taps.fill(page.locator("#entries-0-sets"), "3")
    taps.fill(page.locator("#entries-0-reps"), "10")
    taps.choose(page.locator("#entries-0-band_colour"), label="Red (medium)")
    page.evaluate("window.stillHere = true")
    taps.click(page.get_by_role("button", name="Add another exercise"))
    expect(page.locator("#entries-1-exercise")).to_be_focused()
    assert page.evaluate("window.stillHere === true")  # in place: no reload, her place kept
    taps.choose(page.locator("#entries-1-exercise"), label="Seated band row")
    expect(page.locator("#entries-1-band_colour")).to_have_value("red")
    expect(page.locator("#entries-1-reps")).to_have_value("10")
    taps.click(page.get_by_role("button", name="Add another exercise"))
    taps.choose(page.locator("#entries-2-exercise"), label="Band chest press")
    check_a11y(page)
    taps.click(page.get_by_role("button", name="Save session"))
    expect(page.get_by_text("Your session is saved.")).to_be_visible()
    for name in ("Band squat", "Seated band row", "Band chest press"):
        expect(page.locator("main")).to_contain_text(name)
    assert taps.count <= 12, taps.count
    band_taps = taps.count

    # Her program: Today's view, each exercise ticked as it is done, saved as one session as prescribed.
    prescribe(base, email)
    page.get_by_role("link", name="Home").click()
    expect(page.get_by_text("From your program.")).to_be_visible()
    check_a11y(page)
    taps = Taps(page)
    taps.click(page.get_by_role("link", name="Today's program"))
    check_a11y(page)
    expect(page.locator("main")).to_contain_text("3 × 30 s")
    for name in ("Band squat", "Tandem stance", "Brisk walking"):
        taps.check(page.get_by_role("checkbox", name=name))
    page.reload()  # a tick survives a reload on this phone
    expect(page.get_by_role("checkbox", name="Tandem stance")).to_be_checked()
    taps.click(page.get_by_role("button", name="Save what I did"))
    expect(page.get_by_text("3 exercises from your program: saved.")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Tandem stance")
    assert taps.count <= 5, taps.count
    today_taps = taps.count

    # "Log a session from my program" saves as prescribed with no edits (a hold included).
    page.get_by_role("link", name="Home").click()
    taps = Taps(page)
    taps.click(page.get_by_role("link", name="My program"))
    check_a11y(page)
    taps.click(page.get_by_role("link", name="Log a session from my program"))
    expect(page.locator("#entries-1-hold_seconds")).to_have_value("30")
    taps.click(page.get_by_role("button", name="Save session"))
    expect(page.get_by_text("Your session is saved.")).to_be_visible()
    assert taps.count <= 3, taps.count
    print(f"taps: walk + stamps {walk_taps}, three band exercises {band_taps}, today's program {today_taps}, "
          f"log my program {taps.count}")


MEASURE = """() => {
  const small = [];
  for (const el of document.querySelectorAll('a, button, input:not([type=hidden]), select, summary, textarea')) {
    const r = el.getBoundingClientRect(), st = getComputedStyle(el);
    if ((r.width === 0 && r.height === 0) || st.visibility === 'hidden') continue;
    // WCAG 2.5.8 exempts a link inside a sentence (its size is set by the line of text around it).
    const block = el.closest('p, li, td, small, dd, dt');
    const inSentence = el.tagName === 'A' && st.display === 'inline' && block
      && block.textContent.trim().length > el.textContent.trim().length + 3;
    if ((r.width < 24 || r.height < 24) && !inSentence)
      small.push(`${el.tagName} "${(el.textContent || el.name || '').trim().slice(0, 30)}" `
                 + `${Math.round(r.width)}x${Math.round(r.height)}`);
  }
  const charts = [...document.querySelectorAll('svg text')].map(t => t.getBoundingClientRect().height)
    .filter(h => h > 0 && h < 14);
  return {scroll: document.documentElement.scrollWidth, width: window.innerWidth, small, charts: charts.length};
}"""
SKIP = ("/auth/logout", "/delete", "/export", "/static/", "/api/", "/auth/sign-out", "/learn/")


def shape(url: str) -> str:
    """One page per kind: another week's, day's or session's page is laid out the same."""
    return re.sub(r"\d{4}-\d{2}-\d{2}|\d+", "N", url.split("?")[0])


def crawl(page: Page, base: str, start: str, limit: int) -> list[str]:
    """The pages she reaches by following links from `start` (GET only, never a delete or a download), one of
    each kind."""
    seen, shapes, queue = [], set(), [start]
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if shape(url) in shapes:
            continue
        page.goto(base + url)
        seen.append(url)
        shapes.add(shape(url))
        for href in page.eval_on_selector_all("a[href^='/']:not([download])",  # a download is not a page
                                              "els => els.map(a => a.getAttribute('href'))"):
            href = href.split("#")[0]
            if href and shape(href) not in shapes and href not in queue and not any(s in href for s in SKIP):
                queue.append(href)
    return seen


def check_layout(page: Page, base: str, urls: list[str], check_a11y) -> list[str]:
    problems = []
    for width in (390, 320):
        page.set_viewport_size({"width": width, "height": 844})
        for url in urls:
            page.goto(base + url)
            if width == 390:
                check_a11y(page)
            m = page.evaluate(MEASURE)
            if m["scroll"] > m["width"]:
                problems.append(f"{url} at {width} px scrolls sideways ({m['scroll']} px)")
            if m["small"]:
                problems.append(f"{url} at {width} px: targets under 24 px: {m['small'][:3]}")
            if m["charts"]:
                problems.append(f"{url} at {width} px: {m['charts']} chart labels under 14 px")
    page.set_viewport_size({"width": 390, "height": 844})
    for url in urls:  # 200 % text: nothing pushes the page sideways, inputs keep their width
        page.goto(base + url)
        # 200 % of Ossify's 112.5 %, set through the CSSOM (the page's CSP refuses an added style sheet).
        page.evaluate("document.documentElement.style.setProperty('font-size', '225%', 'important')")
        m = page.evaluate(MEASURE)
        if m["scroll"] > m["width"]:
            problems.append(f"{url} at 200 % text scrolls sideways ({m['scroll']} px)")
        narrow = page.eval_on_selector_all(
            "main input[type=text], main input:not([type]), main select, main textarea",
            "els => els.filter(e => e.offsetParent && e.getBoundingClientRect().width < 120).length")
        if narrow:
            problems.append(f"{url} at 200 % text: {narrow} inputs narrower than 120 px")
    return problems


def _member_with_a_program(page: Page, base: str, name: str) -> str:
    email = register(page, base, name)
    page.get_by_role("link", name="Home").click()
    page.get_by_role("link", name="Log a walk").click()
    page.get_by_label("Stamps or heel drops").fill("50")
    page.get_by_role("button", name="Save").click()
    prescribe(base, email)
    return email


@pytest.mark.on_database("sqlite")
@pytest.mark.long
def test_every_member_page_fits_a_phone_with_big_targets_and_200_percent_text(page: Page, live_server,
                                                                             check_a11y) -> None:
    base = live_server.url
    _member_with_a_program(page, base, "Aiko")
    member_pages = crawl(page, base, "/dashboard", limit=40)
    assert len(member_pages) >= 20, member_pages
    member_pages += [f"/learn/{learn.slug}" for learn in PAGES]  # the crawl leaves them out: one of each kind
    problems = check_layout(page, base, member_pages, check_a11y)
    assert not problems, "\n".join(problems)


@pytest.mark.on_database("sqlite")
@pytest.mark.long
def test_every_therapist_page_fits_a_phone_and_a_laptop(page: Page, live_server, check_a11y) -> None:
    base = live_server.url
    email = _member_with_a_program(page, base, "Elena")
    app = LIVE_APPS[base]
    with app.app_context():
        member = db.session.scalar(select(User).where(User.email == email))
        therapist = db.session.scalar(select(User).join(CareLink, CareLink.therapist_id == User.id)
                                      .where(CareLink.member_id == member.id))
        therapist_email = therapist.email
    page.context.clear_cookies()
    page.goto(base + "/auth/login")
    page.get_by_label("Email").fill(therapist_email)
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    therapist_pages = crawl(page, base, "/clients/", limit=20)
    assert len(therapist_pages) >= 8, therapist_pages
    problems = check_layout(page, base, therapist_pages, check_a11y)
    page.set_viewport_size({"width": 1280, "height": 900})
    for url in therapist_pages:
        page.goto(base + url)
        if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
            problems.append(f"{url} at 1280 px scrolls sideways")
    assert not problems, "\n".join(problems)
