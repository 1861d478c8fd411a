"""A missed injection, as she meets it on a phone: Home says her denosumab is "due since …" and to contact the clinic
that prescribes it; she records the dose on her reminders page and Home stops saying it. Axe on each page."""
import uuid

import pytest
from playwright.sync_api import Browser, expect

from app.auth.models import Role
from app.auth.services import create_user
from app.extensions import db
from app.guidance.calendar import today_in
from tests.support.medicines import late_injection

pytestmark = pytest.mark.browser
PASSWORD = "injections twice a year"


def _late_injection(app, days_late: int = 19) -> tuple[str, object]:  # noqa: ANN001
    with app.app_context():
        member = create_user(f"elena-{uuid.uuid4().hex[:8]}@example.com", "Elena", PASSWORD, Role.MEMBER,
                             app.config["PASSWORD_HASH_METHOD"])
        _, due = late_injection(member.id, today_in(member.timezone), days_late, name="Prolia")
        db.session.commit()
        return member.email, due


@pytest.mark.on_database("sqlite")
def test_a_late_injection_is_said_until_the_dose_is_recorded(browser: Browser, live_server, check_a11y) -> None:
    base = live_server.url
    email, due = _late_injection(live_server.app)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(base + "/auth/login")
        page.get_by_label("Email").fill(email)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        warning = page.get_by_text(f"Prolia: due since {due:%-d %B %Y}.")
        expect(warning).to_be_visible()
        expect(page.get_by_text("Contact the clinic that prescribes it about the missed dose.")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        check_a11y(page)
        page.goto(base + "/me/reminders")
        expect(page.get_by_text(f"Prolia: due since {due:%-d %B %Y}.")).to_be_visible()
        check_a11y(page)
        page.locator("#medicine-" + page.locator("article[id^=medicine-]").first.get_attribute("id").split("-")[1]) \
            .get_by_role("button", name="I took a dose").click()
        expect(page.get_by_text("Dose of Prolia recorded")).to_be_visible()
        expect(page.get_by_text("due since")).to_have_count(0)
        page.get_by_role("link", name="Home").click()
        expect(page.get_by_text("due since")).to_have_count(0)
    finally:
        context.close()
