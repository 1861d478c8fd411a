"""Friendly error pages in Ossify's look; JSON for clients that ask for it."""
from flask import Flask, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from app.extensions import db

MESSAGES = {
    401: ("A personal API token is needed",
          "Send `Authorization: Bearer <token>`; make a token on your account page."),
    422: ("Some values can't be used", "See `errors` for what to change, field by field."),
    400: ("Something in that request didn't look right",
          "Go back, check what you entered, and try again."),
    403: ("That page isn't for your account",
          "You're signed in, but this page belongs to a different kind of account."),
    404: ("We can't find that page", "It may have been deleted, or the link may be wrong."),
    405: ("That didn't work", "This page can't be used that way. Go back and use the buttons on the page."),
    413: ("That was too much to send at once",
          "Ossify takes at most 2 MB in one request. Go back and send less."),
    429: ("Please slow down", "There were too many attempts. Wait a little, then try again."),
    500: ("Something went wrong on our side",
          "Nothing you did caused this. Your saved data is safe; please try again."),
}


def _wants_json() -> bool:
    if request.path.startswith("/api/"):
        return True
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return best == "application/json" and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]


def _render(code: int, detail: str | None = None, errors: dict | None = None):  # noqa: ANN202
    title, hint = MESSAGES.get(code, MESSAGES[400 if code < 500 else 500])
    if _wants_json():
        body = {"error": title, "detail": detail or hint, "status": code}
        if errors:
            body["errors"] = errors
        return jsonify(body), code
    return render_template("errors/error.html", code=code, title=title, hint=detail or hint), code


def register(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):  # noqa: ANN202
        return _render(400, "The form had expired. Go back, reload the page and send it again.")

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):  # noqa: ANN202
        if error.code == 429:
            return _render(429, error.description if isinstance(error.description, str) else None)
        if error.code == 422:  # the JSON API's field-by-field validation messages (webargs)
            messages = (getattr(error, "data", None) or {}).get("messages", {})
            return _render(422, errors=messages.get("json", messages) if isinstance(messages, dict) else None)
        if error.code in MESSAGES:
            return _render(error.code)
        if request.path.startswith("/api/") and error.code:
            return _render(error.code, error.description)
        return error

    @app.errorhandler(InternalServerError)
    def internal_error(error: InternalServerError):  # noqa: ANN202
        db.session.rollback()
        return _render(500)

    @app.errorhandler(Exception)
    def unhandled(error: Exception):  # noqa: ANN202
        if isinstance(error, HTTPException):
            return http_error(error)
        app.logger.exception("Unhandled error")
        db.session.rollback()
        return _render(500)
