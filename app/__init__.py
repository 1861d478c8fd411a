"""Ossify: logging and judging bone-health work against guidance."""
import os
from datetime import date
from typing import Any

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import BaseConverter, IntegerConverter, ValidationError

from app.bounded_json import BoundedJSONProvider
from app.transactions import check_write_has_lock, sqlite_begin
from config import CONFIGS, Config


def create_app(config: str | type[Config] | None = None, overrides: dict[str, Any] | None = None) -> Flask:
    """Build the app: config → extensions → blueprints → error handlers → CLI."""
    app = Flask(__name__, template_folder="../templates", instance_relative_config=True)
    app.json = BoundedJSONProvider(app)
    load_config(app, config, overrides)
    register_converters(app)
    register_extensions(app)
    register_blueprints(app)
    register_template_context(app)
    register_errorhandlers(app)
    register_security_headers(app)
    register_commands(app)
    return app


def load_config(app: Flask, config: str | type[Config] | None, overrides: dict[str, Any] | None) -> None:
    if config is None:
        config = os.environ.get("OSSIFY_CONFIG", "development")
    config_class = CONFIGS[config] if isinstance(config, str) else config
    if hasattr(config_class, "validate"):
        config_class.validate()
    app.config.from_object(config_class)
    if overrides:
        app.config.update(overrides)
    from app.shared_limits import shared_store_uri
    app.config["RATELIMIT_STORAGE_URI"] = shared_store_uri(app.config["RATELIMIT_STORAGE_URI"])
    timeout = app.config["REDIS_TIMEOUT"]
    app.config["RATELIMIT_STORAGE_OPTIONS"] = {"socket_timeout": timeout, "socket_connect_timeout": timeout}
    if app.config["TRUSTED_PROXY_COUNT"]:
        n = app.config["TRUSTED_PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n)  # type: ignore[method-assign]
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///"):
        os.makedirs(app.instance_path, exist_ok=True)


class RowIdConverter(IntegerConverter):
    """A primary key in a URL: 1 to 2**31 - 1, so a huge number is a 404, not a database error."""

    def __init__(self, url_map: Any) -> None:
        super().__init__(url_map, min=1, max=2**31 - 1)


class IsoDateConverter(BaseConverter):
    """A calendar date in a URL (2025-03-31); an impossible date, or one before 1900 or after 2999, is a 404."""

    regex = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"

    def to_python(self, value: str) -> date:
        from app.guidance.calendar import is_reasonable_date
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise ValidationError() from None
        if not is_reasonable_date(day):
            raise ValidationError()
        return day

    def to_url(self, value: date) -> str:
        return value.isoformat()


def register_converters(app: Flask) -> None:
    app.url_map.converters["id"] = RowIdConverter
    app.url_map.converters["isodate"] = IsoDateConverter


def register_extensions(app: Flask) -> None:
    from app.extensions import csrf, db, limiter, login_manager, migrate

    db.init_app(app)
    migrate.init_app(app, db)
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Please log in to see that page."
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    from app.queue import celery_init_app
    celery_init_app(app)
    if app.config.get("OSSIFY_CHECK_SQLITE_WRITES"):  # testing: a GET that writes must say so (app/transactions.py)
        with app.app_context():
            event.listen(db.engine, "before_cursor_execute", check_write_has_lock)


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection: Any, connection_record: Any) -> None:
    """SQLite: enforce foreign keys, let readers and one writer work at once (WAL), let writers queue.

    pysqlite's own transaction handling is switched off so that `_sqlite_begin` decides how each
    transaction starts (the recipe in SQLAlchemy's SQLite dialect documentation).
    """
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.execute("PRAGMA journal_mode=WAL")  # an in-memory database answers "memory" and carries on
        cursor.close()


event.listen(Engine, "begin", sqlite_begin)  # app/transactions.py: which requests take the write lock


def register_blueprints(app: Flask) -> None:
    from app.account.routes import bp as account_bp
    from app.auth.routes import bp as auth_bp
    from app.care.invitations import bp as invitations_bp
    from app.care.routes import bp as care_bp
    from app.exercises.routes import bp as exercises_bp
    from app.function.routes import bp as function_bp
    from app.learn.routes import bp as learn_bp
    from app.main.routes import bp as main_bp
    from app.nutrition.meal_routes import bp as meals_bp
    from app.nutrition.routes import bp as nutrition_bp
    from app.nutrition.supplement_routes import bp as supplements_bp
    from app.profile.routes import bp as profile_bp
    from app.progress.routes import bp as progress_bp
    from app.reminders.routes import bp as reminders_bp
    from app.sharing.public_routes import bp as shl_bp
    from app.sharing.routes import bp as sharing_bp
    from app.workspace import function_routes  # noqa: F401  (adds the client's tests to the workspace blueprint)
    from app.workspace.digest import write_digest
    from app.workspace.routes import bp as workspace_bp

    app.register_blueprint(main_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(account_bp)
    app.register_blueprint(profile_bp)
    app.register_blueprint(exercises_bp)
    app.register_blueprint(nutrition_bp)
    app.register_blueprint(supplements_bp)
    app.register_blueprint(meals_bp)
    app.register_blueprint(progress_bp)
    app.register_blueprint(care_bp)
    app.register_blueprint(workspace_bp)
    app.extensions["therapist_digest"] = write_digest  # sent by the reminders' job (app/reminders/services.py)
    app.register_blueprint(invitations_bp)
    app.register_blueprint(reminders_bp)
    app.register_blueprint(learn_bp)
    app.register_blueprint(function_bp)
    app.register_blueprint(sharing_bp)
    app.register_blueprint(shl_bp)
    register_api(app)


def register_api(app: Flask) -> None:
    """The JSON API under /api/v1 and its OpenAPI document (/api/v1/openapi.json)."""
    from app.api import function_routes  # noqa: F401  (adds the strength and balance tests to the API blueprint)
    from app.api.routes import API_CONFIG, api
    from app.api.routes import bp as api_bp
    from app.extensions import csrf

    for key, value in API_CONFIG.items():
        app.config.setdefault(key, value)
    api.init_app(app, spec_kwargs={"security": [{"bearerToken": []}]})
    api.spec.components.security_scheme("bearerToken", {
        "type": "http", "scheme": "bearer",
        "description": "A personal token made on the account page (it starts with oss_)."})
    api.register_converter(RowIdConverter, lambda _: {"type": "integer", "minimum": 1, "maximum": 2**31 - 1})
    api.register_converter(IsoDateConverter, lambda _: {"type": "string", "format": "date"})
    csrf.exempt(api_bp)  # token-authenticated only: a session cookie never opens the API
    api.register_blueprint(api_bp)


def register_template_context(app: Flask) -> None:
    from app.care.viewing import MemberUrls
    from app.guidance.targets import STATUS_LABELS
    from app.presentation import register as register_filters
    from app.submissions import submission_input

    register_filters(app)
    app.jinja_env.globals["submission_input"] = submission_input
    app.jinja_env.globals["status_labels"] = STATUS_LABELS

    @app.context_processor
    def default_urls() -> dict[str, object]:
        # A therapist's read-only views pass their own `urls`; values passed to render_template win.
        return {"urls": MemberUrls()}


def register_errorhandlers(app: Flask) -> None:
    from app.errors.handlers import register

    register(app)


def register_security_headers(app: Flask) -> None:
    from app.security import add_security_headers

    app.after_request(add_security_headers)


def register_commands(app: Flask) -> None:
    from app.cli import register

    register(app)
