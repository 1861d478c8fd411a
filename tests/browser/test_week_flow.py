"""A member logs a walk and checks her week, the trends and the dashboard; axe on every page."""
import re

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import register_member

pytestmark = pytest.mark.browser


@pytest.mark.on_database("sqlite")
def test_weekly_page_trends_and_dashboard(page: Page, live_server, check_a11y) -> None:
    base = live_server.url
    register_member(page, base, "Nora")
    page.get_by_label("Date of birth").fill("1955-09-30")
    page.get_by_label("Female").check()
    page.get_by_label("Body weight").fill("58")
    page.get_by_role("button", name="Save profile").click()

    page.get_by_role("link", name="Exercise").click()
    page.get_by_role("link", name="Log a walk").click()
    page.get_by_label("Brisk walking").check()
    page.get_by_label("Minutes").fill("45")
    page.get_by_role("button", name="Save").click()

    page.get_by_role("link", name="My week").click()
    expect(page.get_by_role("heading", name="Week of")).to_contain_text("so far")
    moderate = page.locator(".metric").filter(has_text="Minutes of moderate activity")
    expect(moderate).to_contain_text("45 of 150 minutes")
    # Her first week, not over: judged by pace, never "Below".
    expect(moderate.locator(".status")).to_have_text(re.compile("On track|Behind pace"))
    expect(moderate).to_contain_text("to go")
    moderate.get_by_text("Why this target?").click()
    expect(moderate).to_contain_text("Physical Activity Guidelines for Americans")
    check_a11y(page)

    page.get_by_role("link", name="Previous week").click()
    expect(page.get_by_text("You weren't using Ossify yet this week, so it isn't judged.")).to_be_visible()
    expect(page.locator(".status-below")).to_have_count(0)
    check_a11y(page)

    page.get_by_role("link", name="See the weeks so far (up to 12)").click()
    # She joined this week: the charts start with it, not with 11 weeks before she joined.
    expect(page.get_by_role("heading", name="Since you joined: 1 week")).to_be_visible()
    expect(page.get_by_text("The charts start with the week you joined.")).to_be_visible()
    expect(page.locator("svg[role=img]")).to_have_count(4)  # no food yet: the nutrient charts say so instead
    expect(page.get_by_text("Nothing logged in these weeks yet.")).to_have_count(3)
    page.get_by_text("Minutes of moderate activity as a table").click()
    expect(page.get_by_role("table").first).to_contain_text("45")
    check_a11y(page)

    page.get_by_role("link", name="Home").click()
    # One concrete step, and the main button does it.
    expect(page.locator(".next-action")).to_contain_text(":")
    step = page.locator(".next-action strong").inner_text()
    main = page.locator("a.button-link").first
    assert main.inner_text().removeprefix("Log ").lower() in step.lower()
    check_a11y(page)
