"""Her report prints cleanly on A4 and Letter (Chromium's PDF), her token is made and revoked, and the account
is deleted from the browser; axe on every page."""
import re

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import inside_printable_area, open_from_menu, register_member, text_boxes

pytestmark = pytest.mark.browser


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


@pytest.mark.on_database("postgresql")
def test_report_prints_tokens_and_account_deletion(page: Page, live_server, check_a11y) -> None:
    base = live_server.url
    register_member(page, base, "Iris")
    page.get_by_label("Date of birth").fill("1954-03-02")
    page.get_by_label("Female").check()
    page.get_by_label("Body weight").fill("60")
    page.get_by_role("button", name="Save profile").click()
    page.get_by_role("link", name="Exercise").click()
    page.get_by_role("link", name="Log a walk").click()
    page.get_by_label("Minutes").fill("40")
    page.get_by_role("button", name="Save").click()

    # The report, from the account page.
    open_from_menu(page, "Account")
    check_a11y(page)
    page.get_by_role("link", name="Printable report").click()
    expect(page.get_by_role("heading", name="Bone-health report: Iris")).to_be_visible()
    expect(page.locator(".report-table").first).to_contain_text("Minutes of moderate activity")
    expect(page.get_by_role("button", name="Print", exact=True)).to_be_visible()  # its script ran
    check_a11y(page)
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Print", exact=True)).to_be_hidden()
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".no-print").first).to_be_hidden()
    expect(page.get_by_role("heading", name="Bone-health report: Iris")).to_be_visible()
    for paper in ("A4", "Letter"):
        pdf = page.pdf(format=paper, print_background=False)
        assert pdf.startswith(b"%PDF") and 1 <= pdf_pages(pdf) <= 3, (paper, pdf_pages(pdf))
        # The title, whole, on the first page and inside the printable area.
        (title,) = [b for b in text_boxes(pdf) if b["text"] == "Bone-health report: Iris"]
        assert title["page"] == 0 and inside_printable_area(title), (paper, title)
    page.emulate_media(media="screen")
    page.get_by_role("link", name="1 week").click()
    expect(page.locator("thead th")).to_have_count(4)  # target + one week, in two tables
    page.emulate_media(media="print")
    assert pdf_pages(page.pdf(format="A4")) <= 2
    page.emulate_media(media="screen")

    # A personal API token: made, shown once, works, revoked.
    open_from_menu(page, "Account")
    page.get_by_label("What is this token for?").fill("my step counter")
    page.get_by_label("Your password").fill("not my password")
    page.get_by_role("button", name="Make a token").click()
    expect(page.locator("#password-error")).to_have_text("That is not your password.")  # a token needs it
    expect(page.get_by_label("What is this token for?")).to_have_value("my step counter")
    page.get_by_label("Your password").fill("walking every day")
    page.get_by_role("button", name="Make a token").click()
    token = page.locator("code.token").inner_text()
    assert token.startswith("oss_")
    check_a11y(page)
    answer = page.request.get(base + "/api/v1/me/sessions", headers={"Authorization": f"Bearer {token}"})
    assert answer.status == 200 and answer.json()[0]["entries"][0]["minutes"] == 40
    page.get_by_role("button", name="Revoke my step counter").click()
    expect(page.get_by_text("no longer works")).to_be_visible()
    assert page.request.get(base + "/api/v1/me/sessions",
                            headers={"Authorization": f"Bearer {token}"}).status == 401

    # Deleting the account.
    page.get_by_role("link", name="Delete my account…").click()
    check_a11y(page)
    page.get_by_label("Your password").fill("wrong password!")
    page.get_by_role("button", name="Delete my account").click()
    expect(page.locator("#password-error")).to_contain_text("Nothing has been deleted")
    check_a11y(page)
    page.get_by_label("Your password").fill("walking every day")
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_text("Your account and everything in it are deleted")).to_be_visible()
