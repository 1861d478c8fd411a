"""What her therapist recorded about her flags: the kinds of flag, the words she is told, and the recent
reviews shown on her Home ("Priya has seen your pain report"). The flags themselves are the workspace's
(app/workspace/flags.py)."""
from datetime import datetime

from sqlalchemy import bindparam, select

from app.care.models import FlagReview
from app.extensions import db


class Kind:
    PAIN = "pain"
    FALL = "fall"
    MEDICINE = "medicine"
    QUIET = "quiet"
    ABOVE_LIMIT = "above_limit"
    BELOW = "below"
    FUNCTION = "function"
    HEIGHT = "height"


# What she is told once a therapist has looked: "Priya has seen your pain report".
EVENT_NOUNS = {Kind.PAIN: "pain report", Kind.FALL: "fall", Kind.MEDICINE: "missed dose", Kind.QUIET: "quiet week",
               Kind.ABOVE_LIMIT: "upper-limit note", Kind.BELOW: "weeks below target",
               Kind.FUNCTION: "test result", Kind.HEIGHT: "height loss"}

SEEN = "seen"
HANDLED = "handled"


RECENT_REVIEWS = (select(FlagReview)  # built once, bound per request
                  .where(FlagReview.member_id == bindparam("member_id"), FlagReview.at >= bindparam("since"))
                  .order_by(FlagReview.at.desc(), FlagReview.id.desc()).limit(5))


def reviews_for_member(member_id: int, since: datetime) -> list[FlagReview]:
    """What her therapists recorded about her flags lately, newest first (shown to her)."""
    return list(db.session.scalars(RECENT_REVIEWS, {"member_id": member_id, "since": since}))
