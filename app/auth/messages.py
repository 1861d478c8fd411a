"""The words of the account mails that go to an address before anyone has proven it is theirs.

Such a mail may reach a stranger's inbox at someone else's request, so it carries no text that person typed: no
name, no note. It says when and where it was asked for, what happens if she does nothing (nothing), and how to
report it.
"""
import unicodedata
from datetime import UTC, datetime

from flask import current_app, url_for

REGISTRATION_LINK_HOURS = 24
# What a name in a mail to an address without an account may hold: letters (any script, with their accents),
# spaces, hyphens and apostrophes. No digits, dots, slashes or "@": nothing that reads as a link, an address, an
# amount or a code ("URGENT verify your bank at http://…" fails at the first digit or dot).
NAME_PUNCTUATION = frozenset(" -\u2010'\u2019")
SOMEONE = "An Ossify member"


def checked_name(name: str | None) -> str | None:
    """The name as typed when it is only a name (see NAME_PUNCTUATION), with its spaces tidied; else None."""
    text = " ".join((name or "").split())
    if not text or len(text) > 80 or not any(unicodedata.category(ch).startswith("L") for ch in text):
        return None
    if all(ch in NAME_PUNCTUATION or unicodedata.category(ch)[0] in "LM" for ch in text):
        return text
    return None


def _public(endpoint: str, **values: object) -> str:
    return current_app.config["PUBLIC_URL"] + url_for(endpoint, **values)


def _asked_at(now: datetime | None = None) -> str:
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    return f"{moment.day} {moment:%B %Y} at {moment:%H:%M} UTC"


def report_line() -> str:
    """How to tell Ossify about a mail she didn't expect (MAIL_REPORT_TO, or the sender's address)."""
    return f"If you didn't expect this message, you can tell us by forwarding it to {report_address()}."


def report_address() -> str:
    configured = current_app.config.get("MAIL_REPORT_TO")
    if configured:
        return configured
    sender = current_app.config["MAIL_FROM"]
    return sender[sender.find("<") + 1:sender.rfind(">")] if "<" in sender else sender


def signup_mail(secret: str, now: datetime | None = None) -> tuple[str, str]:
    """Subject and body of the link that finishes a sign-up: it greets nobody, since anyone can type an address."""
    link = _public("auth.confirm_registration", secret=secret)
    return ("Finish making your Ossify account",
            f"Hello,\n\nOn {_asked_at(now)}, someone asked on Ossify's sign-up page to make an account for this "
            f"email address. If that was you, open this link to choose your name and password:\n\n{link}\n\n"
            f"It works for {REGISTRATION_LINK_HOURS} hours. Nothing has been made yet: only someone who opens this "
            f"link can make an account with your address.\n\n{report_line()}\n")


def signup_mail_for_account(now: datetime | None = None) -> tuple[str, str]:
    """Subject and body for a sign-up asked for an address that has an account already."""
    return ("Your Ossify account",
            f"Hello,\n\nOn {_asked_at(now)}, someone asked on Ossify's sign-up page to make an account with this "
            f"address. It already has one, so nothing was changed. Log in here:\n\n{_public('auth.login')}\n\n"
            f"Forgotten the password? Choose a new one here:\n\n{_public('auth.request_reset')}\n\n"
            f"{report_line()}\n")
