"""A member logs a breakfast with milk and her calcium supplement and sees the day's totals; axe on every page."""
import re

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import register_member

pytestmark = pytest.mark.browser


@pytest.mark.on_database("postgresql")
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
    # One line per food: its name, usual serving and the calcium in it; the line opens the amount.
    result = page.locator(".food-lines a").filter(has_text="Milk, skim / fat free, vitamin A & D fortified")
    expect(result).to_contain_text("237 ml · 299 mg calcium")  # a drink opens in ml with metric units
    result.click()
    check_a11y(page)
    page.get_by_role("button", name="Add", exact=True).click()
    # Back at the search for the next food, the box ready for typing.
    expect(page.get_by_text("Milk, skim / fat free, vitamin A & D fortified: added to breakfast.")).to_be_visible()
    expect(page.get_by_label("Food")).to_be_focused()
    page.get_by_role("link", name="See the day").click()

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
    expect(page.get_by_text("Calcium citrate 500: dose logged.")).to_be_visible()

    calcium = page.locator("#total-calcium")
    expect(calcium).to_contain_text("799 mg food 299 mg + supplements 500 mg Target 1,200 mg, upper limit 2,000 mg")
    vitamin_d = page.locator("#total-vitamin-d")
    expect(vitamin_d).to_contain_text("515 IU food 115 IU + supplements 400 IU Target 800 IU, upper limit 4,000 IU")
    expect(page.locator("#meal-breakfast")).to_contain_text("Calcium 299 mg · Vitamin D 115 IU · Protein 8.3 g")
    # At 200 % text on a 390 px phone every total and target is whole and on screen: stacked, never cut.
    page.evaluate("document.documentElement.style.setProperty('font-size', '225%', 'important')")
    cut = page.eval_on_selector_all(".totals dt, .totals dd, .totals .total-figure", """els => els.filter(e => {
        const r = e.getBoundingClientRect();
        return r.right > window.innerWidth + 0.5 || e.scrollWidth > e.clientWidth + 1; }).map(e => e.textContent)""")
    assert cut == [] and page.evaluate("document.documentElement.scrollWidth") <= 390
    page.evaluate("document.documentElement.style.removeProperty('font-size')")
    page.get_by_text("Why this target?").first.click()
    expect(page.get_by_text("Women 51 and over: 1,200 mg a day.")).to_be_visible()
    check_a11y(page)


def _log(page: Page, words: str, name: str, amount: str, unit: str, preview: str, check_a11y) -> None:
    page.get_by_role("link", name="Add food to breakfast").click()
    page.get_by_label("Food").fill(words)
    page.get_by_role("button", name="Search").click()
    page.locator(".food-lines a").filter(has_text=name).first.click()
    # Amount and unit side by side, and what they weigh and add, before saving.
    page.get_by_label("Amount").fill(amount)
    page.get_by_label("Unit").select_option(unit)
    expect(page.locator("#amount-preview")).to_contain_text(preview.split(" (")[0] + " = ")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_text(f"{name}: added to breakfast.")).to_be_visible()
    check_a11y(page)
    page.get_by_role("link", name="See the day").click()
    expect(page.locator("#meal-breakfast")).to_contain_text(preview)


@pytest.mark.on_database("sqlite")
def test_milk_in_tablespoons_salmon_in_ounces_and_broccoli_by_the_cup(page: Page, live_server, check_a11y) -> None:
    """2 tbsp of skim milk, 4 oz of sockeye salmon and 1 cup of cooked broccoli, in US units; totals by hand:
    milk 245 g a cup ÷ 16 × 2 = 30.6 g; salmon 4 × 28.35 = 113.4 g; broccoli 78 g a half cup × 2 = 156 g.
    Calcium 37.4 + 12.5 + 62.4 = 112 mg; vitamin D 14.4 + 759.8 + 0 = 774 IU; protein 1.0 + 30.0 + 3.7 = 34.8 g."""
    base = live_server.url
    register_member(page, base, "Helen")
    page.get_by_label("Date of birth").fill("1958-03-02")
    page.get_by_label("Female").check()
    page.get_by_label("US (lb, oz)").check()
    page.get_by_label("Body weight").fill("150")
    page.get_by_role("button", name="Save profile").click()
    page.get_by_role("link", name="Food").click()

    skim = "Milk, skim / fat free, vitamin A & D fortified"
    _log(page, "skim milk", skim, "2", "tbsp", "2 tbsp (30.6 g)", check_a11y)
    _log(page, "sockeye cooked", "Salmon, sockeye, cooked", "4", "oz", "4 oz (113.4 g)", check_a11y)
    _log(page, "broccoli cooked", "Broccoli, cooked", "1", "cup", "1 cup (156 g)", check_a11y)

    expect(page.locator("#total-calcium")).to_contain_text("112 mg food 112 mg")
    expect(page.locator("#total-vitamin-d")).to_contain_text("774 IU food 774 IU")
    expect(page.locator("#total-protein")).to_contain_text("34.8 g food 34.8 g")
    expect(page.locator("#minerals")).to_contain_text("shown, not scored")

    # Editing the milk: the form says what the amount weighs and adds, and follows what she types.
    milk = page.locator("#meal-breakfast li").filter(has_text="Milk, skim")
    milk.get_by_role("link", name=re.compile("^Edit")).click()
    check_a11y(page)
    expect(page.get_by_label("Amount")).to_have_value("2")
    expect(page.locator("#amount-preview")).to_have_text("2 tbsp = 30.6 g · calcium 37 mg · vitamin D 14 IU · "
                                                         "protein 1.0 g")
    page.get_by_label("Amount").fill("1 1/2")
    page.get_by_label("Unit").select_option("cup")
    expect(page.locator("#amount-preview")).to_have_text("1.5 cup = 367.5 g · calcium 448 mg · vitamin D 173 IU · "
                                                         "protein 12.4 g")


@pytest.mark.on_database("sqlite")
def test_search_as_she_types_save_her_breakfast_and_add_it_again_in_one_tap(page: Page, live_server,
                                                                           check_a11y) -> None:
    base = live_server.url
    register_member(page, base, "Maud")
    page.get_by_label("Date of birth").fill("1955-06-01")
    page.get_by_label("Female").check()
    page.get_by_label("Body weight").fill("60")
    page.get_by_role("button", name="Save profile").click()
    page.get_by_role("link", name="Food").click()
    page.get_by_role("link", name="Add food to breakfast").click()

    # The results follow what she types, with no Search tap (UK spelling, plural).
    page.get_by_label("Food").press_sequentially("yoghurts", delay=30)
    expect(page.locator(".food-lines a").first).to_contain_text("Yogurt, plain, whole milk")
    check_a11y(page)
    page.locator(".food-lines a").first.click()
    page.get_by_role("button", name="Add", exact=True).click()
    page.get_by_label("Food").fill("porridge")
    page.get_by_role("button", name="Search").click()
    expect(page.locator(".food-lines a").first).to_contain_text("Oatmeal, cooked with water")
    page.locator(".food-lines a").first.click()
    page.get_by_role("button", name="Add", exact=True).click()
    page.get_by_role("link", name="See the day").click()

    # Below target, the day suggests her own foods in the amounts she had.
    gap = page.locator("#close-the-gap")
    expect(gap).to_contain_text("Calcium:")
    expect(gap.get_by_role("link").first).to_contain_text("of Yogurt, plain, whole milk")
    expect(gap.get_by_role("listitem").first).to_contain_text(re.compile(r"adds \d+ mg"))
    check_a11y(page)

    # Save breakfast, then add it to lunch in one tap from the saved meals page.
    breakfast = page.locator("#meal-breakfast")
    breakfast.get_by_text("Save this breakfast").click()
    breakfast.get_by_label("Name").fill("My usual breakfast")
    breakfast.get_by_role("button", name="Save meal").click()
    expect(page.get_by_text("Saved as “My usual breakfast”")).to_be_visible()
    expect(page.locator("#meal-breakfast").get_by_role("button", name="Add My usual breakfast")).to_be_visible()
    page.get_by_role("link", name="My saved meals and recipes").click()
    check_a11y(page)
    page.get_by_label("Meal for My usual breakfast").select_option("lunch")
    page.get_by_role("button", name="Add My usual breakfast").click()
    expect(page.get_by_text("My usual breakfast: added to lunch.")).to_be_visible()
    expect(page.locator("#meal-lunch")).to_contain_text("Yogurt, plain, whole milk")
    expect(page.locator("#meal-lunch")).to_contain_text("Oatmeal, cooked with water")
    page.get_by_role("link", name="My saved meals and recipes").click()
    page.get_by_role("link", name="Change My usual breakfast").click()
    check_a11y(page)
