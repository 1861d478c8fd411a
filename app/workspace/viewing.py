"""Where the shared member pages link to in a therapist's read-only view of her client's pages."""
from dataclasses import dataclass
from datetime import date

from flask import url_for


@dataclass(frozen=True)
class ClientUrls:
    member_id: int
    read_only = True

    def week(self, monday: date) -> str:
        return url_for("workspace.client_week", member_id=self.member_id, monday=monday)

    def trends(self) -> str:
        return url_for("workspace.client_trends", member_id=self.member_id)

    def food_day(self, day: date) -> str:
        return url_for("workspace.client_food", member_id=self.member_id, day=day)

    def sessions(self, **args: object) -> str:
        return url_for("workspace.client_sessions", member_id=self.member_id, **args)

    def session(self, session_id: int) -> str:
        return url_for("workspace.client_session", member_id=self.member_id, session_id=session_id)

    def health(self) -> str:
        return url_for("workspace.client_health", member_id=self.member_id)

    def report(self, weeks: int) -> str:
        return url_for("workspace.client_report", member_id=self.member_id, weeks=weeks)
