"""Steps several browser flows share."""
import time
import uuid
from collections.abc import Callable

from flask import Flask
from playwright.sync_api import Page, expect

from tests.support.accounts import outbox_messages, registration_link_from

LIVE_APPS: dict[str, Flask] = {}  # live server URL → its app (for its outbox)


def mail_to(base: str, email: str, containing: str = "", timeout: float = 15.0) -> str:
    """The newest mail to `email` (holding `containing`) in the live server's outbox. It is sent just after the
    answer, so wait a little: an earlier mail to her (the registration link) is not the one asked for."""
    deadline = time.monotonic() + timeout
    while True:
        found = [m for m in outbox_messages(LIVE_APPS[base]) if f"To: {email}" in m and containing in m]
        if found or time.monotonic() > deadline:
            assert found, f"no mail to {email} with {containing!r}"
            return found[-1]
        time.sleep(0.05)


def finish_registration(page: Page, base: str, email: str, name: str, password: str, therapist: bool = False,
                        check: Callable[[Page], None] | None = None) -> None:
    """After "Send me the link": open the mailed link, as she would, choose her name and password there and make the
    account (`check` runs on the two pages in between, e.g. axe)."""
    expect(page.get_by_role("heading", name="Check your inbox")).to_be_visible()
    if check:
        check(page)
    page.goto(base + registration_link_from(mail_to(base, email)))
    expect(page.get_by_role("heading", name="Finish making your account")).to_be_visible()
    if check:
        check(page)
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_label("Type the password again").fill(password)
    if therapist:
        page.get_by_label("A physical therapist").check()
    page.get_by_role("button", name="Make my account").click()


def sign_up(page: Page, base: str, email: str, name: str, password: str, therapist: bool = False) -> None:
    """The whole sign-up, as she does it: her address, then the mailed link's page."""
    page.goto(base + "/auth/register")
    page.get_by_label("Email").fill(email)
    page.get_by_role("button", name="Send me the link").click()
    finish_registration(page, base, email, name, password, therapist)


def register_member(page: Page, base: str, name: str) -> None:
    email = f"{name.lower()}-{uuid.uuid4().hex[:8]}@example.com"
    sign_up(page, base, email, name, "walking every day")
    expect(page).to_have_url(base + "/me/profile")


def open_from_menu(page: Page, name: str, role: str = "link") -> None:
    """Tap a page or button under the main navigation's "More", as she would: open the menu, then tap it."""
    menu = page.locator("details.nav-more")
    if menu.count() and not menu.evaluate("d => d.open"):
        menu.locator("summary").click()
    menu.get_by_role(role, name=name).click()


class Taps:
    """A person's taps and typing on a page, counted: each click, tick, choice from a list or field filled is one.
    Filling a field counts one (she taps it; the typing is not a tap)."""

    def __init__(self, page: Page) -> None:
        self.page, self.count = page, 0

    def click(self, locator) -> None:  # noqa: ANN001
        locator.click()
        self.count += 1

    def check(self, locator) -> None:  # noqa: ANN001
        locator.check()
        self.count += 1

    def fill(self, locator, value: str) -> None:  # noqa: ANN001
        locator.fill(value)
        self.count += 1

    def choose(self, locator, **option: str) -> None:  # noqa: ANN001
        """A choice from a list, counted as one action like a click or a fill (on a phone's native picker it is a
        touch to open it and one to pick)."""
        locator.select_option(**option)
        self.count += 1


def text_boxes(pdf: bytes) -> list[dict]:
    """Every piece of text on every page of a PDF, in points from the page's bottom left: its page, text, left,
    right (estimated: half an em a character), baseline and the page's size."""
    import io

    from pypdf import PdfReader

    boxes: list[dict] = []
    for number, pdf_page in enumerate(PdfReader(io.BytesIO(pdf)).pages):
        width, height = float(pdf_page.mediabox.width), float(pdf_page.mediabox.height)

        def visit(text: str, cm: list, tm: list, font: object, size: float, number: int = number,
                  width: float = width, height: float = height) -> None:
            if text.strip():
                left = tm[4] * cm[0] + cm[4]
                boxes.append({"page": number, "text": text.strip(), "left": left,
                              "right": left + 0.5 * size * tm[0] * cm[0] * len(text.strip()),
                              "baseline": tm[5] * cm[3] + cm[5], "size": size * tm[0] * cm[0],
                              "width": width, "height": height})

        pdf_page.extract_text(visitor_text=visit)
    return boxes


PRINT_TOP_MARGIN_PT = 14 / 25.4 * 72  # print.css: @page { margin: 14mm 12mm }
CAP_HEIGHT = 0.73  # of the em, for the sans-serif fonts Chromium prints with here (DejaVu Sans 0.729)


def inside_printable_area(box: dict, margin_pt: float = 28.0) -> bool:
    """Within the page less a 10 mm margin on every side (printers can't print the page's edge), and the tops of
    its capitals inside the page's content area: a heading whose letters rise above it is cut off there."""
    top = box["baseline"] + CAP_HEIGHT * box["size"]
    return (margin_pt <= box["left"] and box["right"] <= box["width"] - margin_pt
            and margin_pt <= box["baseline"] and top <= box["height"] - PRINT_TOP_MARGIN_PT)
