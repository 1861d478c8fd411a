"""Outgoing mail: SMTP when MAIL_SERVER is configured, otherwise a local outbox folder.

The outbox keeps every message as an .eml file so a developer (or a test) can read the
password-reset link without a mail server; see README "Mail".
"""
import logging
import secrets
import smtplib
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

from flask import Response, after_this_request, current_app
from flask.config import Config


def mail_config() -> dict:
    """The app's MAIL_ settings, read once per message (a send may outlive the request)."""
    return {key: value for key, value in current_app.config.items() if key.startswith("MAIL_")}


def send_mail_after_response(to: str, subject: str, body: str) -> None:
    """Send once the response has gone out: how long a send takes then tells the asker nothing (a reset request
    for a known email answers as fast as one for an unknown email)."""
    config = mail_config()
    message = build_message(config, to, subject, body)

    @after_this_request
    def deliver_on_close(response: Response) -> Response:
        response.call_on_close(lambda: deliver_now(message, config))
        return response


def build_message(config: Config | dict, to: str, subject: str, body: str,
                  headers: dict[str, str] | None = None) -> EmailMessage:
    """A plain-text message from Ossify, with any extra headers (a reminder's List-Unsubscribe)."""
    # Headers are folded at RFC 5322's 998 characters, not 78: a long List-Unsubscribe URL would otherwise be
    # written as an RFC 2047 encoded word, which RFC 8058 mail programs don't read inside its <…>.
    message = EmailMessage(policy=policy.default.clone(max_line_length=998))
    message["From"] = config["MAIL_FROM"]
    message["To"] = to
    message["Subject"] = subject
    for name, value in (headers or {}).items():
        message[name] = value
    if config.get("MAIL_SERVER"):
        message.set_content(body)
    else:
        # 8-bit text keeps links on one line, so the file can be read (and clicked) as it is.
        message.set_content(body, cte="8bit")
    return message


def deliver_now(message: EmailMessage, config: Config | dict) -> None:
    """Send it now: SMTP when MAIL_SERVER is set, else the outbox folder (an SMTP error is raised to the caller)."""
    if config.get("MAIL_SERVER"):
        _send_smtp(message, config)
    else:
        _write_outbox(message, config)


def forget_outbox(to: str, config: Config | dict) -> int:
    """Remove the local outbox's mail to this address (her account is deleted: so is what was written to her)."""
    outbox = Path(config["MAIL_OUTBOX_DIR"])
    removed = 0
    for path in outbox.glob("*.eml") if outbox.is_dir() else []:
        parsed = BytesParser(policy=policy.default).parsebytes(path.read_bytes(), headersonly=True)
        if str(parsed["To"] or "").strip().lower() == to.strip().lower():
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def _send_smtp(message: EmailMessage, config: Config | dict) -> None:
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=10) as smtp:
        if config["MAIL_USE_TLS"]:
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
        smtp.send_message(message)


def _write_outbox(message: EmailMessage, config: Config | dict) -> Path:
    outbox = Path(config["MAIL_OUTBOX_DIR"])
    outbox.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    path = outbox / f"{stamp}-{secrets.token_hex(4)}.eml"
    path.write_bytes(bytes(message))
    logging.getLogger("app").info("Mail written to %s", path)
    return path
