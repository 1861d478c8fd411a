"""Every route of the url map, and which kind of visitor it is for (adding a route means classifying it here)."""
from flask import Flask

PUBLIC = {"main.index", "auth.login", "auth.register", "auth.confirm_registration", "auth.request_reset",
          "auth.reset_password", "auth.logout",
          "static", "api-docs.openapi_json", "learn.index", "learn.page", "main.login_elsewhere", "main.favicon",
          "invitations.open_invitation", "reminders.calendar_feed", "reminders.unsubscribe_link",
          "main.healthz", "main.readyz", "shl.manifest", "shl.viewer"}
API = "api"  # token-authenticated: tests/api/test_api.py walks it
SIGNED_IN = {"main.dashboard", "account.account", "auth.change_password", "auth.sign_out_everywhere",
             "account.create_token", "account.revoke_token", "account.delete_account", "reminders.settings",
             "reminders.calendar_address", "reminders.not_now"}  # any role
MEMBER_ONLY = {"account.export", "reminders.medicine", "reminders.dose"}
MEMBER_ONLY_BLUEPRINTS = {"profile", "exercises", "nutrition", "supplements", "meals", "progress", "care", "function",
                          "sharing"}
THERAPIST_ONLY_BLUEPRINTS = {"workspace"}
URL_ARGS = {"kind": "dxa", "record_id": 1, "session_id": 1, "exercise_id": 1, "token": "not-a-token",
            "filename": "css/ossify.css", "log_id": 1, "food_id": 1, "supplement_id": 1,
            "day": __import__("datetime").date(2025, 1, 1), "monday": __import__("datetime").date(2025, 1, 6),
            "link_id": 1, "comment_id": 1, "member_id": 1, "item_id": 1, "override_id": 1, "token_id": 1,
            "drink_id": 1, "slug": "t-scores", "secret": "not-a-secret", "saved_meal_id": 1, "template_id": 1,
            "medication_id": 1, "fall_id": 1, "test": "chair_stand", "share_id": 1,
            "manifest_id": "A" * 43}


def app_routes(app: Flask) -> list[tuple[str, str, str]]:
    routes = []
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            from flask import url_for
            url = url_for(rule.endpoint, **{a: URL_ARGS[a] for a in rule.arguments})
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                routes.append((rule.endpoint, method, url))
    return routes


def classify(endpoint: str) -> str:
    if endpoint in PUBLIC:
        return "public"
    if endpoint in SIGNED_IN:
        return "signed-in"
    if endpoint in MEMBER_ONLY or endpoint.split(".")[0] in MEMBER_ONLY_BLUEPRINTS:
        return "member"
    if endpoint.split(".")[0] in THERAPIST_ONLY_BLUEPRINTS:
        return "therapist"
    if endpoint.split(".")[0] == API:
        return "api"
    raise AssertionError(f"{endpoint} is not classified in test_permissions.py")
