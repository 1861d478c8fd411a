"""A member logs a walk and a band workout on her phone and finds both in her history; axe on every page."""

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import register_member

pytestmark = pytest.mark.browser


@pytest.mark.on_database("sqlite")
def test_log_walk_and_band_session_then_see_history(page: Page, live_server, check_a11y) -> None:
    base = live_server.url
    register_member(page, base, "Joan")

    page.get_by_role("link", name="Exercise").click()
    expect(page.get_by_role("heading", name="My exercise")).to_be_visible()
    check_a11y(page)

    # A 30-minute walk: one short form, already filled in with walking, 30 minutes and today.
    page.get_by_role("link", name="Log a walk").click()
    check_a11y(page)
    expect(page.get_by_label("Walking", exact=True)).to_be_checked()
    expect(page.get_by_label("Minutes")).to_have_value("30")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Walking, 30 minutes: saved.")).to_be_visible()
    check_a11y(page)

    # A band workout with two exercises on one page.
    page.get_by_role("link", name="Exercise").click()
    page.get_by_role("link", name="Log a workout").click()
    check_a11y(page)
    page.locator("#entries-0-exercise").select_option(label="Band squat")
    # Only the fields that fit a band exercise are shown.
    expect(page.locator("#entries-0-minutes")).to_be_hidden()
    page.locator("#entries-0-sets").fill("3")
    page.locator("#entries-0-reps").fill("10")
    page.locator("#entries-0-band_colour").select_option(label="Red (medium)")
    page.get_by_role("button", name="Add another exercise").click()
    expect(page.locator("#entries-0-reps")).to_have_value("10")  # nothing typed is lost
    page.locator("#entries-1-exercise").select_option(label="Seated band row")
    expect(page.locator("#entries-1-reps")).to_have_value("10")  # the new row starts with the dose above it
    page.locator("#entries-1-reps").fill("")  # ... which she clears, meaning to type each set
    page.locator("#entries-1-sets").fill("3")
    page.locator("#entries-1-band_colour").select_option(label="Green (heavy)")
    page.get_by_label("Overall effort (0–10)").fill("6")
    page.get_by_role("button", name="Save session").click()

    # The second row forgot its reps: the message sits at the field, the rest is kept.
    expect(page.locator("#entries-1-reps-error")).to_have_text("Enter the reps.")
    expect(page.locator("#entries-0-band_colour")).to_have_value("red")
    expect(page.get_by_label("Overall effort (0–10)")).to_have_value("6")
    check_a11y(page)
    page.locator("#entries-1-reps").fill("12, 10, 10")
    page.get_by_role("button", name="Save session").click()
    expect(page.get_by_text("Your session is saved.")).to_be_visible()
    expect(page.get_by_text("Band squat: 3 × 10, red (medium) band")).to_be_visible()
    check_a11y(page)

    page.get_by_role("link", name="Back to history").click()
    history = page.locator("ol.history")
    expect(history.locator("article")).to_have_count(2)
    expect(history.locator("article").first).to_contain_text("Seated band row: 3 × (12, 10, 10)")
    expect(history.locator("article").nth(1)).to_contain_text("Walking: 30 min")
    check_a11y(page)

    page.get_by_text("Filter").click()
    page.get_by_label("Kind").select_option(label="Resistance band")
    page.get_by_role("button", name="Show").click()
    expect(page.locator("ol.history article")).to_have_count(1)
    check_a11y(page)

    page.get_by_role("link", name="Browse the exercises").click()
    expect(page.get_by_role("heading", name="Resistance band")).to_be_visible()
    check_a11y(page)
