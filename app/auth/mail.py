"""Outgoing mail: SMTP when MAIL_SERVER is configured, otherwise a local outbox folder.

The outbox keeps every message as an .eml file so a developer (or a test) can read the
password-reset link without a mail server; see README "Mail".
"""
import smtplib
from datetime import datetime, timezone
from email.message import EmailMessage
from pathlib import Path
import secrets

from flask import current_app


def send_mail(to: str, subject: str, body: str) -> None:
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_FROM"]
    message["To"] = to
    message["Subject"] = subject
    if current_app.config.get("MAIL_SERVER"):
        message.set_content(body)
        _send_smtp(message)
    else:
        # 8-bit text keeps links on one line, so the file can be read (and clicked) as it is.
        message.set_content(body, cte="8bit")
        _write_outbox(message)


def _send_smtp(message: EmailMessage) -> None:
    config = current_app.config
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=10) as smtp:
        if config["MAIL_USE_TLS"]:
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
        smtp.send_message(message)


def _write_outbox(message: EmailMessage) -> Path:
    outbox = Path(current_app.config["MAIL_OUTBOX_DIR"])
    outbox.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f")
    path = outbox / f"{stamp}-{secrets.token_hex(4)}.eml"
    path.write_bytes(bytes(message))
    current_app.logger.info("Mail to %s written to %s", message["To"], path)
    return path
