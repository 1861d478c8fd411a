"""Invite → accept → the therapist reviews and comments → the member sees it and replies; axe on every page."""
import uuid

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.support.browser import open_from_menu, register_member, sign_up

pytestmark = pytest.mark.browser


@pytest.mark.on_database("postgresql")
def test_invite_accept_review_comment_reply(page: Page, browser: Browser, live_server, check_a11y) -> None:
    base = live_server.url
    # The therapist has an account (in her own browser context).
    therapist_context = browser.new_context(viewport={"width": 390, "height": 844})
    pt = therapist_context.new_page()
    pt_email = f"pt-{uuid.uuid4().hex[:8]}@example.com"
    sign_up(pt, base, pt_email, "Sam Lee PT", "therapist password", therapist=True)
    # A new therapist lands on her caseload, which says what to do while it is empty.
    expect(pt.get_by_role("heading", name="Your clients")).to_be_visible()
    expect(pt.get_by_text("You don't have any clients yet.")).to_be_visible()

    # The member logs a walk, then invites the therapist.
    register_member(page, base, "Greta")
    page.get_by_role("link", name="Exercise").click()
    page.get_by_role("link", name="Log a walk").click()
    page.get_by_role("button", name="Save").click()
    open_from_menu(page, "My therapist")
    check_a11y(page)
    page.get_by_label("Your physical therapist's email").fill(pt_email)
    page.get_by_role("button", name="Invite").click()
    expect(page.get_by_text("Invitation sent to")).to_be_visible()
    expect(page.get_by_text("not yet accepted")).to_be_visible()
    check_a11y(page)

    # The therapist accepts and reviews her week.
    pt.get_by_role("link", name="Clients").click()
    check_a11y(pt)
    pt.get_by_role("button", name="Accept Greta's invitation").click()
    expect(pt.get_by_text("Invitation accepted")).to_be_visible()
    pt.get_by_role("link", name="Greta").click()
    expect(pt.get_by_text("Client: Greta")).to_be_visible()
    expect(pt.locator(".metric").filter(has_text="Minutes of moderate activity")).to_be_visible()
    check_a11y(pt)
    pt.get_by_role("link", name="Sessions").click()
    expect(pt.get_by_text("Walking: 30 min")).to_be_visible()
    check_a11y(pt)
    pt.get_by_role("link", name="Week").click()
    pt.get_by_label("Comment").fill("Nice start, Greta. Try two band sessions this week.")
    pt.get_by_role("button", name="Send comment to Greta").click()
    expect(pt.get_by_text("Comment sent to Greta.")).to_be_visible()
    check_a11y(pt)

    # She sees it on her dashboard, replies, and can see who viewed her data.
    page.get_by_role("link", name="Home").click()
    feedback = page.locator("article").filter(has_text="From your physical therapist")
    expect(feedback).to_contain_text("Nice start, Greta. Try two band sessions this week.")
    expect(feedback).to_contain_text("new")
    check_a11y(page)
    page.get_by_label("Reply to Sam Lee PT").fill("Thank you, I will!")
    page.get_by_role("button", name="Send reply").click()
    expect(page.get_by_text("Your reply is sent.")).to_be_visible()
    open_from_menu(page, "Account")
    expect(page.get_by_role("heading", name="Who viewed my data")).to_be_visible()
    expect(page.locator("table")).to_contain_text("Sam Lee PT")
    check_a11y(page)

    pt.reload()
    expect(pt.get_by_text("Thank you, I will!")).to_be_visible()
    therapist_context.close()
