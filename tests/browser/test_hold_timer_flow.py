"""Today's hold timer: a countdown set by set, its end shown and said, the exercise ticked after the last set; the
tone can be switched off; without JavaScript the hold time is the dose in words."""
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import pytest
from playwright.sync_api import Browser, Page, expect

from app.auth.models import Role
from app.auth.services import create_user
from app.exercises.models import Exercise, ProgramItem
from app.extensions import db

pytestmark = pytest.mark.browser
PASSWORD = "holding steady"


def _member_with_a_hold(app) -> str:  # noqa: ANN001
    with app.app_context():
        member = create_user(f"hold-{uuid.uuid4().hex[:8]}@example.com", "Hana", PASSWORD, Role.MEMBER,
                             app.config["PASSWORD_HASH_METHOD"])
        member.created_at = member.created_at - timedelta(days=10)
        tandem = db.session.query(Exercise).filter(Exercise.slug == "tandem_stance").one()
        db.session.add(ProgramItem(member_id=member.id, exercise_id=tandem.id, sets=2, hold_seconds=2,
                                   days_per_week=3))
        db.session.commit()
        return member.email


@contextmanager
def _phone_signed_in(browser: Browser, base: str, email: str, javascript: bool = True) -> Iterator[Page]:
    """A page on a 390 px phone, signed in as her; closed afterwards."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=javascript)
    try:
        page = context.new_page()
        _sign_in(page, base, email)
        yield page
    finally:
        context.close()


def _sign_in(page: Page, base: str, email: str) -> None:
    page.goto(base + "/auth/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


@pytest.mark.on_database("postgresql")
def test_a_hold_is_counted_down_set_by_set_and_ticked(browser: Browser, live_server, check_a11y) -> None:
    base, email = live_server.url, _member_with_a_hold(live_server.app)
    with _phone_signed_in(browser, base, email) as page:
        _count_a_hold(page, check_a11y, base)


def _count_a_hold(page: Page, check_a11y, base: str) -> None:  # noqa: ANN001
    page.goto(base + "/exercises/today")
    timer = page.locator(".hold-timer")
    expect(timer).to_be_visible()
    expect(timer.locator(".timer-display")).to_have_text("0:02")
    check_a11y(page)
    sound = page.get_by_label("Sound when a hold ends")
    expect(sound).to_be_checked()
    sound.uncheck()  # remembered on this device
    timer.get_by_role("button", name="Start the hold").click()
    expect(timer.get_by_role("button", name="Stop")).to_be_visible()
    expect(timer.get_by_role("status")).to_have_text("Done: set 1 of 2. Next: set 2 of 2.", timeout=5000)
    expect(timer).to_have_class("hold-timer tick-meta timer-ended")
    timer.get_by_role("button", name="Start set 2 of 2").click()
    expect(timer.get_by_role("status")).to_have_text("Done: all 2 sets held, and ticked.", timeout=5000)
    expect(page.get_by_label("Tandem stance")).to_be_checked()
    check_a11y(page)
    page.reload()
    expect(page.get_by_label("Sound when a hold ends")).not_to_be_checked()


@pytest.mark.on_database("postgresql")
def test_without_javascript_the_hold_is_the_dose_in_words(browser: Browser, live_server) -> None:
    base, email = live_server.url, _member_with_a_hold(live_server.app)
    with _phone_signed_in(browser, base, email, javascript=False) as page:
        page.goto(base + "/exercises/today")
        expect(page.get_by_text("2 × 2 s")).to_be_visible()
        expect(page.locator(".hold-timer")).to_be_hidden()
        expect(page.get_by_text("Sound when a hold ends")).to_be_hidden()


@pytest.mark.on_database("postgresql")
def test_choosing_an_exercise_shows_how_it_is_done(browser: Browser, live_server, check_a11y) -> None:
    base, email = live_server.url, _member_with_a_hold(live_server.app)
    with _phone_signed_in(browser, base, email) as page:
        _see_the_chosen_exercise(page, check_a11y, base)


def _see_the_chosen_exercise(page: Page, check_a11y, base: str) -> None:  # noqa: ANN001
    page.goto(base + "/exercises/sessions/new")
    row = page.locator("#entry-1")
    row.get_by_label("Exercise").select_option(label="Band chest press")
    picture = row.get_by_role("img")
    expect(picture).to_have_attribute("aria-label", re.compile("push your hands straight forward"))
    assert picture.locator("svg").count() == 2  # start and end
    check_a11y(page)
    row.get_by_label("Exercise").select_option(index=0)
    expect(row.get_by_role("img")).to_have_count(0)
