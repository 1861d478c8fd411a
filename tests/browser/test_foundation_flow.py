"""A new member registers, fills her profile, adds a DXA result and sees her category; axe on every page."""
import uuid

import pytest
from playwright.sync_api import Page, expect

from tests.support.accounts import registration_link_from
from tests.support.browser import mail_to, open_from_menu, sign_up

pytestmark = pytest.mark.browser


@pytest.mark.on_database("sqlite")
def test_register_profile_dxa_category(page: Page, live_server, check_a11y) -> None:
    base = live_server.url
    email = f"ruth-{uuid.uuid4().hex[:8]}@example.com"

    page.goto(base + "/")
    check_a11y(page)
    page.get_by_role("link", name="Create an account").click()
    expect(page).to_have_url(base + "/auth/register")
    check_a11y(page)

    # Bad input: the message sits at the field and what she typed is kept.
    page.get_by_label("Email").fill("ruth at example")
    page.get_by_role("button", name="Send me the link").click()
    expect(page.locator("#email-error")).to_have_text("Enter a valid email address, like name@example.com.")
    expect(page.get_by_label("Email")).to_have_value("ruth at example")
    check_a11y(page)
    page.get_by_label("Email").fill(email)
    page.get_by_role("button", name="Send me the link").click()
    expect(page.get_by_role("heading", name="Check your inbox")).to_be_visible()
    check_a11y(page)

    # The mailed link's page: her name and a password only she chose.
    page.goto(base + registration_link_from(mail_to(base, email)))
    check_a11y(page)
    page.get_by_label("Your name").fill("Ruth")
    page.get_by_label("Password", exact=True).fill("short")
    page.get_by_label("Type the password again").fill("short")
    page.get_by_role("button", name="Make my account").click()
    expect(page.locator("#password-error")).to_have_text("Use between 10 and 128 characters.")
    expect(page.get_by_label("Your name")).to_have_value("Ruth")
    check_a11y(page)
    page.get_by_label("Password", exact=True).fill("my bones are strong")
    page.get_by_label("Type the password again").fill("my bones are strong")
    page.get_by_role("button", name="Make my account").click()
    expect(page).to_have_url(base + "/me/profile")
    expect(page.get_by_role("heading", name="Your profile")).to_be_visible()
    # The browser's own time zone was picked up at registration.
    expect(page.get_by_label("Time zone")).to_have_value("America/Chicago")
    check_a11y(page)

    page.get_by_label("Date of birth").fill("1959-08-21")
    page.get_by_label("Female").check()
    page.get_by_label("Body weight").fill("1000")
    page.get_by_label("US (lb, oz)").check()  # units asked once: her weight is in pounds
    page.get_by_role("button", name="Save profile").click()
    expect(page.locator("#weight-error")).to_contain_text("Enter a weight between 20 and 350 kg")
    expect(page.get_by_label("Date of birth")).to_have_value("1959-08-21")
    check_a11y(page)
    page.get_by_label("Body weight").fill("138")
    page.get_by_role("button", name="Save profile").click()

    expect(page).to_have_url(base + "/me/health")
    expect(page.get_by_text("Your profile is saved.")).to_be_visible()
    check_a11y(page)

    # One form for the scan report, the minus sign as the report prints it (U+2212).
    page.get_by_role("link", name="Add a DXA scan").click()
    check_a11y(page)
    page.get_by_label("Scan date").fill("2025-06-03")
    page.get_by_label("Lumbar spine T-score").fill("\u22122.7")
    page.get_by_label("Total hip T-score").fill("-1.9")
    page.get_by_role("button", name="Save scan").click()
    expect(page.get_by_text("Your scan of 3 June 2025 is added (2 sites).")).to_be_visible()

    expect(page.locator(".category")).to_have_text("Osteoporosis")
    expect(page.get_by_text("Lowest T-score -2.7 at the lumbar spine")).to_be_visible()
    expect(page.locator("svg.tscore-chart")).to_be_visible()
    expect(page.get_by_role("table").first).to_contain_text("-2.7")
    page.get_by_text("How is this worked out?").click()
    expect(page.get_by_text("WHO Technical Report Series 843")).to_be_visible()
    check_a11y(page)

    page.get_by_role("link", name="Home").click()
    expect(page.get_by_role("heading", name="Hello, Ruth")).to_be_visible()
    expect(page.locator(".category")).to_have_text("Osteoporosis")
    check_a11y(page)

    open_from_menu(page, "Log out", role="button")
    expect(page).to_have_url(base + "/auth/login")
    check_a11y(page)


@pytest.mark.on_database("postgresql")
def test_forgotten_password_through_the_outbox(page: Page, live_server, check_a11y) -> None:
    from tests.support.accounts import reset_link_from

    base = live_server.url
    email = f"ada-{uuid.uuid4().hex[:8]}@example.com"
    sign_up(page, base, email, "Ada", "first password!", therapist=True)
    expect(page.get_by_role("heading", name="Your clients")).to_be_visible()  # a therapist lands on her caseload
    check_a11y(page)
    open_from_menu(page, "Log out", role="button")

    page.get_by_role("link", name="Forgot your password?").click()
    check_a11y(page)
    page.get_by_label("Email").fill(email)
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_text("If an account exists for that email")).to_be_visible()

    page.goto(base + reset_link_from(mail_to(base, email, containing="/auth/reset/")))
    check_a11y(page)
    page.get_by_label("New password").fill("second password!")
    page.get_by_label("Type the password again").fill("second password!")
    page.get_by_role("button", name="Save the new password").click()
    expect(page.get_by_text("Your password is changed.")).to_be_visible()

    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill("second password!")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Your clients")).to_be_visible()  # a therapist lands on her caseload


@pytest.mark.on_database("sqlite")
def test_sign_out_everywhere_from_the_phone_ends_the_laptop_session(page: Page, browser, live_server,
                                                                   check_a11y) -> None:
    """Two devices (two browser contexts) signed in; "Sign out everywhere" on one ends both."""
    base = live_server.url
    email = f"olive-{uuid.uuid4().hex[:8]}@example.com"
    sign_up(page, base, email, "Olive", "my bones are strong")
    expect(page).to_have_url(base + "/me/profile")

    laptop = browser.new_context(viewport={"width": 1280, "height": 800})
    other = laptop.new_page()
    other.goto(base + "/auth/login")
    other.get_by_label("Email").fill(email)
    other.get_by_label("Password").fill("my bones are strong")
    other.get_by_role("button", name="Log in").click()
    expect(other).to_have_url(base + "/dashboard")

    page.goto(base + "/account")
    check_a11y(page)
    page.get_by_role("button", name="Sign out everywhere").click()
    expect(page).to_have_url(base + "/auth/login")
    expect(page.get_by_text("You are signed out on every device")).to_be_visible()
    other.reload()
    expect(other).to_have_url(base + "/auth/login?next=%2Fdashboard")
    laptop.close()
