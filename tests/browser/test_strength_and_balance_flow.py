"""Falls and function as people use it: on a 390 px phone she does the chair stand with its 30-second countdown and
the 4-Stage Balance test with its holds (the page's clock is driven by the test, not slept), and sees each judged;
at 1280 px her therapist finds the flag and the fall-risk column, and asks her to repeat a test. Axe on each page."""
import uuid
from datetime import date

import pytest
from playwright.sync_api import Browser, Page, expect

from app.auth.models import Role
from app.auth.services import create_user
from app.care.models import CareLink, LinkStatus
from app.extensions import db
from app.profile.services import get_profile
from tests.support.browser import Taps

pytestmark = pytest.mark.browser
PASSWORD = "steady on my feet"


def _people(app) -> tuple[str, str]:  # noqa: ANN001
    with app.app_context():
        tag = uuid.uuid4().hex[:8]
        member = create_user(f"rosa-{tag}@example.com", "Rosa", PASSWORD, Role.MEMBER,
                             app.config["PASSWORD_HASH_METHOD"])
        profile = get_profile(member.id)
        profile.date_of_birth, profile.sex = date(1952, 1, 15), "female"   # 74: chair stand below average under 10
        therapist = create_user(f"pt-{tag}@example.com", "Priya PT", PASSWORD, Role.THERAPIST,
                                app.config["PASSWORD_HASH_METHOD"])
        db.session.add(CareLink(member_id=member.id, therapist_id=therapist.id, status=LinkStatus.ACTIVE))
        db.session.commit()
        return member.email, therapist.email


def _sign_in(page: Page, base: str, email: str) -> int:
    page.goto(base + "/auth/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    return 3


@pytest.mark.on_database("sqlite")
def test_she_does_the_chair_stand_and_balance_test_and_her_therapist_acts(browser: Browser, live_server,
                                                                           check_a11y) -> None:
    base = live_server.url
    member_email, therapist_email = _people(live_server.app)
    phone = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = phone.new_page()
        page.clock.install()
        _sign_in(page, base, member_email)
        taps = Taps(page)
        taps.click(page.locator(".nav-more summary"))
        taps.click(page.get_by_role("link", name="Strength and balance"))
        expect(page.get_by_role("heading", name="Strength and balance", level=1)).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        check_a11y(page)

        # The chair stand: the countdown starts, she taps at each stand, the tone and the count at 30 seconds.
        taps.click(page.locator("#chair_stand").get_by_role("link", name="Do the test"))
        expect(page.get_by_text("Have someone stand next to you while you do this test.")).to_be_visible()
        check_a11y(page)
        timer = page.locator("[data-countdown]")
        taps.click(timer.get_by_role("button", name="Start 30 seconds"))
        for _ in range(8):
            taps.click(timer.get_by_role("button", name="Stand:"))
        page.clock.run_for(29_000)
        expect(timer.locator(".timer-display")).to_have_text("0:01")
        page.clock.run_for(1_500)
        expect(timer.get_by_role("status")).to_have_text(
            "Time. 8 stands counted: if you were over halfway up, add one below.")
        expect(page.get_by_label("Full stands in 30 seconds")).to_have_value("8")
        taps.click(page.get_by_role("button", name="Save the result"))
        assert taps.count == 13   # 2 to the page, 1 to the test, 1 to start, 8 stands, 1 to save
        expect(page.get_by_text("Below average for women 70–74 (fewer than 10 stands)").first).to_be_visible()
        expect(page.locator("#chair_stand").get_by_text("At risk")).to_be_visible()
        check_a11y(page)

        # 4-Stage Balance: two stances held 10 s each, then she steps out of the tandem stance.
        page.locator("#balance").get_by_role("link", name="Do the test").click()
        timer = page.locator("[data-balance]")
        timer.get_by_role("button", name="Start stance 1").click()
        page.clock.run_for(10_500)
        expect(timer.get_by_role("status")).to_have_text("Held. Next: Semi-tandem.")
        timer.get_by_role("button", name="Start stance 2").click()
        page.clock.run_for(10_500)
        timer.get_by_role("button", name="Start stance 3").click()
        page.clock.run_for(4_000)
        timer.get_by_role("button", name="I moved or held on").click()
        expect(timer.get_by_role("status")).to_have_text("Stopped at Tandem: 2 stances held. It is in the form below.")
        expect(page.get_by_label("2: up to semi-tandem")).to_be_checked()
        check_a11y(page)
        page.get_by_role("button", name="Save the result").click()
        expect(page.get_by_text("The tandem stance was not held for 10 seconds").first).to_be_visible()
        page.set_viewport_size({"width": 320, "height": 700})
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
    finally:
        phone.close()

    laptop = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = laptop.new_page()
        _sign_in(page, base, therapist_email)
        page.get_by_role("link", name="Fall risk").click()
        expect(page.get_by_text("2 of 2 at risk")).to_be_visible()
        expect(page.get_by_text("30-second chair stand at risk on").first).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280
        check_a11y(page)
        page.get_by_role("link", name="2 of 2 at risk").click()
        expect(page.get_by_role("heading", name="Rosa: strength and balance")).to_be_visible()
        expect(page.locator("#flags p").get_by_text("4-Stage Balance test at risk on")).to_be_visible()
        check_a11y(page)
        page.locator("#chair_stand").get_by_role("button", name="Ask her to repeat this test").click()
        expect(page.get_by_text("Rosa is asked to repeat the 30-second chair stand")).to_be_visible()
    finally:
        laptop.close()


@pytest.mark.on_database("postgresql")
def test_without_javascript_she_types_her_result(browser: Browser, live_server, check_a11y) -> None:
    base = live_server.url
    member_email, _ = _people(live_server.app)
    phone = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    try:
        page = phone.new_page()
        _sign_in(page, base, member_email)
        page.goto(base + "/me/strength-and-balance/timed_up_and_go")
        expect(page.locator("[data-stopwatch]")).to_be_hidden()   # no timer without its script
        expect(page.get_by_text("should not be used alone").first).to_be_visible()
        page.get_by_label("Seconds, from “go” to sitting down again").fill("12")
        page.get_by_role("button", name="Save the result").click()
        expect(page.get_by_text("12 seconds or more: at risk of falling").first).to_be_visible()
        page.goto(base + "/me/strength-and-balance/stay_independent")
        page.get_by_label("I have fallen in the past year.").check()
        page.get_by_label("I am worried about falling.").check()
        page.get_by_role("button", name="Save the result").click()
        expect(page.locator("#stay_independent").get_by_text("3 points", exact=True)).to_be_visible()
        expect(page.locator("#stay_independent").get_by_text("Not at risk")).to_be_visible()
    finally:
        phone.close()
