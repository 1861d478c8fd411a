"""The reminder tasks: a scan every minute (beat) claims what is due; one send per claimed message, retried with
backoff on a mail failure and then recorded as failed."""
import logging
import smtplib
from datetime import UTC, datetime

from celery import shared_task

from app.extensions import db
from app.reminders.services import MAX_ATTEMPTS, claim, find_due, send

logger = logging.getLogger(__name__)


@shared_task(name="reminders.scan")
def scan() -> int:
    """Claim every message due in the last few hours that nobody has claimed; queue a send for each."""
    claimed = []
    for user_id, due in find_due(datetime.now(UTC)):
        sent_id = claim(user_id, due)
        db.session.commit()
        if sent_id is not None:
            claimed.append(sent_id)
    for sent_id in claimed:
        try:
            send_message.delay(sent_id)
        except Exception:  # noqa: BLE001  (in-process mode: its retries ran and its failure is recorded; go on)
            logger.warning("Reminder %s not sent", sent_id, exc_info=True)
    return len(claimed)


@shared_task(bind=True, name="reminders.send", autoretry_for=(OSError, smtplib.SMTPException), retry_backoff=5,
             retry_backoff_max=600, retry_jitter=True, max_retries=MAX_ATTEMPTS - 1)
def send_message(self, sent_id: int) -> str:  # noqa: ANN001
    try:
        status = send(sent_id, final_try=self.request.retries >= self.max_retries)
    finally:
        db.session.commit()  # the attempt and its error are kept, whatever happened
    return status
