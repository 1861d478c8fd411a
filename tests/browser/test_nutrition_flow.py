"""A member logs a breakfast with milk and her calcium supplement and sees the day's totals; axe on every page."""
import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_exercise_flow import register_member

pytestmark = pytest.mark.browser


def test_breakfast_with_milk_and_a_supplement(page: Page, live_server, check_a11y) -> None:
    base = live_server.url
    register_member(page, base, "Irene")
    page.get_by_label("Date of birth").fill("1957-02-14")
    page.get_by_label("Female").check()
    page.get_by_label("Body weight").fill("64")
    page.get_by_role("button", name="Save profile").click()

    page.get_by_role("link", name="Food").click()
    expect(page.get_by_role("heading", name="Food and supplements")).to_be_visible()
    check_a11y(page)

    page.get_by_role("link", name="Add food to breakfast").click()
    page.get_by_label("Food").fill("skim milk")
    page.get_by_role("button", name="Search").click()
    check_a11y(page)
    result = page.locator(".food-results li").filter(has_text="Milk, skim / fat free, vitamin A & D fortified")
    expect(result).to_contain_text("1 cup (245 g): calcium 299 mg")
    result.get_by_role("button", name="Add Milk, skim / fat free, vitamin A & D fortified", exact=True).click()
    expect(page.get_by_text("Milk, skim / fat free, vitamin A & D fortified: added to breakfast.")).to_be_visible()

    # Her regular supplement, once; then one tap a day.
    page.get_by_role("link", name="Manage my supplements").click()
    page.get_by_role("link", name="Add a supplement").click()
    check_a11y(page)
    page.get_by_label("Kind").select_option(label="Calcium citrate")
    page.get_by_label("Name").fill("Calcium citrate 500")
    page.locator("#calcium").fill("500")
    page.locator("#vitamin_d").fill("400")
    page.get_by_role("button", name="Save supplement").click()
    expect(page.get_by_text("Calcium citrate 500 is saved with your supplements.")).to_be_visible()
    check_a11y(page)
    page.get_by_role("link", name="Back to today").click()
    page.get_by_role("button", name="Took it Calcium citrate 500").click()
    expect(page.get_by_text("Calcium citrate 500: logged.")).to_be_visible()

    totals = page.locator("table.totals")
    calcium = totals.get_by_role("row", name=re.compile("^Calcium"))
    expect(calcium).to_contain_text("799 mg food 299 mg + supplements 500 mg 1,200 mg")
    vitamin_d = totals.get_by_role("row", name=re.compile("^Vitamin D"))
    expect(vitamin_d).to_contain_text("515 IU food 115 IU + supplements 400 IU 800 IU")
    expect(page.locator("#meal-breakfast")).to_contain_text("Calcium 299 mg · Vitamin D 115 IU · Protein 8.3 g")
    page.get_by_text("Why this target?").first.click()
    expect(page.get_by_text("Women 51 and over: 1,200 mg a day.")).to_be_visible()
    check_a11y(page)
