"""Every Learn page in Chromium with axe (signed out and printed), and a new member's first questions:
the screening note, the risk-factor checklist and a day with drinks."""
import pytest
from playwright.sync_api import Page, expect

from app.learn.pages import PAGES
from tests.support.browser import register_member

pytestmark = pytest.mark.browser


@pytest.mark.on_database("sqlite")
def test_every_learn_page_reads_well_in_the_browser_and_prints(page: Page, live_server, check_a11y) -> None:
    base = live_server.url
    page.goto(base + "/")
    page.get_by_role("link", name="Learn").first.click()
    expect(page.get_by_role("heading", name="Learn about your bones")).to_be_visible()
    check_a11y(page)
    for learn_page in PAGES:
        page.goto(f"{base}/learn/{learn_page.slug}")
        expect(page.get_by_role("heading", level=1)).to_have_text(learn_page.title)
        expect(page.get_by_role("heading", name="Sources")).to_be_visible()
        expect(page.get_by_role("button", name="Print this page")).to_be_visible()  # shown by its script
        check_a11y(page)
        page.emulate_media(media="print")
        expect(page.locator(".site-header")).to_be_hidden()
        expect(page.get_by_role("button", name="Print this page")).to_be_hidden()
        expect(page.get_by_role("heading", name="Sources")).to_be_visible()
        page.emulate_media(media="screen")
    # The food page lists foods from the table, richest first.
    page.goto(f"{base}/learn/calcium-and-vitamin-d")
    calcium = page.get_by_role("table", name="Most calcium per serving (USDA values)")
    expect(calcium.locator("tbody tr")).to_have_count(10)


@pytest.mark.on_database("postgresql")
def test_new_member_sees_the_screening_note_answers_the_checklist_and_logs_drinks(page: Page, live_server,
                                                                                  check_a11y) -> None:
    base = live_server.url
    register_member(page, base, "Ruth")
    page.get_by_label("Date of birth").fill("1958-03-14")
    page.get_by_label("Female").check()
    page.get_by_label("Body weight").fill("61")
    page.get_by_role("button", name="Save profile").click()

    # No DXA on record at 65+: the home page says so once, with its source, and can be hidden.
    page.get_by_role("link", name="Home").click()
    note = page.locator(".screening-note")
    expect(note).to_have_count(1)
    expect(note).to_contain_text("Women aged 65 and over are advised to have a bone density (DXA) test.")
    expect(note).to_contain_text("US Preventive Services Task Force")
    check_a11y(page)
    note.get_by_role("link", name="When to have a bone density test").click()
    expect(page.get_by_role("heading", name="When to have a bone density test")).to_be_visible()
    page.go_back()

    # The checklist: what Ossify knows is filled in; she answers the rest.
    page.get_by_role("link", name="My risk factors").click()
    expect(page.get_by_text("Age over 50: Yes")).to_be_visible()
    expect(page.get_by_text("Female sex: Yes")).to_be_visible()
    check_a11y(page)
    page.get_by_role("group", name="Do you smoke now?").get_by_label("No", exact=True).check()
    page.get_by_role("group", name="Have you been through the menopause?").get_by_label("Yes").check()
    page.get_by_role("group", name="Did either of your parents break a hip?") \
        .get_by_label("Not sure").check()
    page.get_by_role("button", name="Save my answers").click()
    expect(page.get_by_text("Your risk-factor answers are saved.")).to_be_visible()
    risk = page.locator("section", has=page.get_by_role("heading", name="Risk factors", exact=True))
    expect(risk).to_contain_text("Smoking: No")
    expect(risk).to_contain_text("A parent broke a hip: Not sure")
    check_a11y(page)

    # Drinks on today's food page: a mistake is explained at the field, then 3 UK units are flagged.
    page.get_by_role("link", name="Food").click()
    drinks = page.locator("#drinks")
    drinks.get_by_label("How many drinks").fill("lots")
    drinks.get_by_role("button", name="Add drinks").click()
    expect(page.locator("#alcohol-drinks-error")).to_have_text("Enter the number of drinks, like 1 or 1.5.")
    expect(page.locator("#drinks").get_by_label("How many drinks")).to_have_value("lots")
    check_a11y(page)
    drinks = page.locator("#drinks")
    drinks.get_by_label("How many drinks").fill("3")
    drinks.get_by_label("UK unit (8 g of alcohol)").check()
    drinks.get_by_role("button", name="Add drinks").click()
    expect(page.locator("#drinks")).to_contain_text("Total: 24 g of alcohol")
    expect(page.locator("#drinks")).to_contain_text("This is 3 or more units of alcohol in a day.")
    check_a11y(page)

    page.get_by_role("link", name="My week").click()
    expect(page.get_by_role("heading", name="Alcohol")).to_be_visible()
    expect(page.get_by_text("3 or more units on")).to_be_visible()
    check_a11y(page)

    page.get_by_role("link", name="Home").click()
    page.get_by_role("button", name="Hide this note").click()
    expect(page.locator(".screening-note")).to_have_count(0)
