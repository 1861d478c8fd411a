"""A therapist's daily digest: her clients with a flag nobody has seen yet (sent by the reminders' job)."""
from sqlalchemy import select

from app.access import client_ids
from app.auth.models import User
from app.care.models import ClientStatus
from app.extensions import db
from app.reminders.services import Written, public_link
from app.workspace.caseload import refresh


def write_digest(user: User) -> Written | None:
    """Her clients with a flag nobody has seen yet (nothing to say: no message)."""
    refresh(user.id)  # her caseload's rows, rebuilt where stale
    rows = db.session.execute(
        select(User.display_name, User.id, ClientStatus.flags).join(ClientStatus, ClientStatus.member_id == User.id)
        .where(User.id.in_(client_ids(user.id)), ClientStatus.attention > 0)
        .order_by(ClientStatus.attention.desc(), User.display_name)).all()
    if not rows:
        return None
    lines = []
    for name, _member_id, flags in rows:
        new = [f["text"] for f in flags if f.get("review") is None]
        lines.append(f"- {name}: {len(new)} new flag{'s' if len(new) != 1 else ''}")
        lines.extend(f"    {text}" for text in new if text.startswith("Fall on"))  # what happened, hurt, a bone
    return Written("New flags in your caseload", "Hello,\n\nClients with a flag you haven't seen yet:\n\n"
                   + "\n".join(lines) + f"\n\nYour client list:\n\n{public_link('workspace.dashboard')}\n")
