"""Where the shared member pages link to: the member's own pages (a therapist's read-only view of them has its own
links, app/workspace/viewing.py).

The weekly summary, trends, food day, session history and bone-health record render with the same
templates for both, so a therapist sees exactly what the member sees; `read_only` hides what changes data.
"""
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
