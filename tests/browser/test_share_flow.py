"""Sharing with her doctor, as people do it: on a 390 px phone she makes a link with a passcode (the choices are one
tap away), shows the QR code and the link; her doctor opens the link in another browser, gives a name and the
passcode, and reads her T-scores by site; she sees that access on her list and revokes the link, which then opens
nothing. The record is decrypted in the doctor's browser. Axe on each page; both databases."""
import uuid
from datetime import date

import pytest
from playwright.sync_api import Browser, expect

from app.auth.models import Role
from app.auth.services import create_user
from app.extensions import db
from app.profile.models import DxaScan
from app.profile.services import get_profile
from tests.support.browser import Taps

pytestmark = pytest.mark.browser
PASSWORD = "sharing with care"


def _member(app) -> str:  # noqa: ANN001
    with app.app_context():
        member = create_user(f"june-{uuid.uuid4().hex[:8]}@example.com", "June", PASSWORD, Role.MEMBER,
                             app.config["PASSWORD_HASH_METHOD"])
        profile = get_profile(member.id)
        profile.date_of_birth, profile.sex = date(1956, 9, 3), "female"
        db.session.add_all([
            DxaScan(member_id=member.id, scan_date=date(2025, 5, 6), site="lumbar_spine", t_score=-2.7),
            DxaScan(member_id=member.id, scan_date=date(2025, 5, 6), site="femoral_neck", t_score=-2.2)])
        db.session.commit()
        return member.email


def test_she_shares_her_record_and_her_doctor_reads_it(browser: Browser, live_server, check_a11y) -> None:
    base = live_server.url
    email = _member(live_server.app)
    phone = browser.new_context(viewport={"width": 390, "height": 844})
    doctor = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = phone.new_page()
        page.goto(base + "/auth/login")
        page.get_by_label("Email").fill(email)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        taps = Taps(page)
        taps.click(page.locator(".nav-more summary"))
        taps.click(page.get_by_role("link", name="Share with my doctor"))
        check_a11y(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        taps.click(page.locator("details summary", has_text="Choices"))
        taps.fill(page.get_by_label("Passcode (optional)"), "june 1956")
        taps.click(page.get_by_role("button", name="Make the link with these choices"))
        assert taps.count == 5   # 2 to the page (then 1 more to make a link with the defaults), 3 for a passcode
        expect(page.get_by_role("heading", name="Your link for your doctor")).to_be_visible()
        expect(page.locator(".qr svg")).to_be_visible()
        expect(page.get_by_text("It needs your passcode")).to_be_visible()
        check_a11y(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        link = page.get_by_label("The link, to copy or print").input_value()
        assert "#shlink:/" in link

        viewer = doctor.new_page()
        viewer.goto(link)
        expect(viewer.get_by_label("Passcode")).to_be_visible()
        check_a11y(viewer)
        viewer.get_by_label("Your name or clinic").fill("Dr Okafor, Northside Bone Clinic")
        viewer.get_by_label("Passcode").fill("wrong one")
        viewer.get_by_role("button", name="Open the record").click()
        expect(viewer.get_by_role("alert")).to_have_text("Wrong passcode. 4 tries left.")
        viewer.get_by_label("Passcode").fill("june 1956")
        viewer.get_by_role("button", name="Open the record").click()
        expect(viewer.get_by_role("heading", name="June")).to_be_visible()
        expect(viewer.get_by_role("cell", name="Lumbar spine T-score (DXA)")).to_be_visible()
        expect(viewer.get_by_role("cell", name="-2.7")).to_be_visible()
        expect(viewer.get_by_role("cell", name="Femoral neck T-score (DXA)")).to_be_visible()
        check_a11y(viewer)

        page.get_by_role("link", name="All your links").click()
        expect(page.get_by_text("by “Dr Okafor, Northside Bone Clinic”")).to_be_visible()
        expect(page.get_by_text("by “(wrong passcode)”")).to_be_visible()
        page.get_by_role("button", name="Revoke").click()
        expect(page.get_by_text("The link is revoked")).to_be_visible()

        again = doctor.new_page()   # pasted this time, into the viewer's own page
        again.goto(base + "/shl/view")
        again.get_by_label("The link").fill(link)
        again.get_by_role("button", name="Open", exact=True).click()
        again.get_by_label("Your name or clinic").fill("Dr Okafor")
        again.get_by_label("Passcode").fill("june 1956")
        again.get_by_role("button", name="Open the record").click()
        expect(again.get_by_role("alert")).to_have_text("This link doesn't work: it has expired or was withdrawn.")
    finally:
        phone.close()
        doctor.close()
