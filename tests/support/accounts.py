"""Test people: the password every test account has, signing in and out through the real form, and registering as
she would (the address first, then her name and password on the mailed link's page)."""
import email
import email.policy
import re
from datetime import UTC, datetime
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient

from app.auth.models import User

PASSWORD = "correct horse battery"
JOINED_LONG_AGO = datetime(2020, 1, 6, 9, tzinfo=UTC)  # when a test member joined, unless the test says


class AuthActions:
    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def login(self, user_or_email: User | str, password: str = PASSWORD, remember: bool = False):  # noqa: ANN201
        email = user_or_email if isinstance(user_or_email, str) else user_or_email.email
        data = {"email": email, "password": password}
        if remember:
            data["remember"] = "y"
        return self.client.post("/auth/login", data=data)

    def logout(self):  # noqa: ANN201
        return self.client.post("/auth/logout")


def outbox_messages(app: Flask) -> list[str]:
    """The bodies of the mails written to the local outbox, oldest first."""
    outbox = Path(app.config["MAIL_OUTBOX_DIR"])
    if not outbox.exists():
        return []
    messages = []
    for path in sorted(outbox.glob("*.eml")):
        parsed = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        messages.append(f"To: {parsed['To']}\nSubject: {parsed['Subject']}\n\n{parsed.get_content()}")
    return messages


def registration_link_from(message: str) -> str:
    match = re.search(r"https?://[^/\s]+(/auth/register/\S+)", message)
    assert match, message
    return match.group(1)


START_FIELDS = ("email", "role", "timezone")  # the sign-up's first step: the address (and what the page guessed)
FINISH_FIELDS = ("display_name", "password", "confirm", "role", "timezone")  # chosen on the mailed link's page


def register(client: FlaskClient, data: dict[str, str]):  # noqa: ANN201
    """Register as she would: the address on the form, then her name and password on the mailed link's page; the
    answer to that page's form."""
    asked = client.post("/auth/register", data={k: v for k, v in data.items() if k in START_FIELDS})
    assert asked.status_code == 200 and "Check your inbox" in asked.get_data(as_text=True), asked.status_code
    link = registration_link_from(outbox_messages(client.application)[-1])
    assert client.get(link).status_code == 200
    return client.post(link, data={k: v for k, v in data.items() if k in FINISH_FIELDS})


def reset_link_from(message: str) -> str:
    match = re.search(r"https?://[^/\s]+(/auth/reset/\S+)", message)
    assert match, message
    return match.group(1)
