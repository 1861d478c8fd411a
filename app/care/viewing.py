"""Where the shared member pages link to: the member's own pages, or a therapist's read-only view of them.

The weekly summary, trends, food day, session history and bone-health record render with the same
templates for both, so a therapist sees exactly what the member sees; `read_only` hides what changes data.
"""
from dataclasses import dataclass
from datetime import date

from flask import url_for


class MemberUrls:
    read_only = False

    def week(self, monday: date) -> str:
        return url_for("progress.week", monday=monday)

    def trends(self) -> str:
        return url_for("progress.trends")

    def food_day(self, day: date) -> str:
        return url_for("nutrition.day", day=day)

    def sessions(self, **args: object) -> str:
        return url_for("exercises.list_sessions", **args)

    def session(self, session_id: int) -> str:
        return url_for("exercises.view_session", session_id=session_id)

    def health(self) -> str:
        return url_for("profile.bone_health")

    def report(self, weeks: int) -> str:
        return url_for("progress.report", weeks=weeks)


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
