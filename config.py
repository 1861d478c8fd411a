"""Ossify configuration classes, read from the environment."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSECURE_DEFAULT_KEY = "dev-only-not-secret"


def _database_url(default: str) -> str:
    url = os.environ.get("DATABASE_URL", default)
    # Some hosts hand out postgres:// URLs, which SQLAlchemy 2.x rejects.
    if url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url[len("postgres://"):]
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY", INSECURE_DEFAULT_KEY)
    SQLALCHEMY_DATABASE_URI = _database_url(f"sqlite:///{BASE_DIR / 'instance' / 'ossify.db'}")
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", False)
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    REMEMBER_COOKIE_DURATION = 60 * 60 * 24 * 30  # 30 days

    # The largest request body read (2 MB; every form and API call is a few kB): a bigger one is refused with
    # 413 from its Content-Length, before it is read. A form's text fields may hold 500 kB (Werkzeug's default).
    MAX_CONTENT_LENGTH = int(os.environ.get("MAX_CONTENT_LENGTH", 2 * 1024 * 1024))
    MAX_FORM_MEMORY_SIZE = 500 * 1024
    MAX_FORM_PARTS = 1000

    WTF_CSRF_TIME_LIMIT = None  # token lives as long as the session

    # werkzeug's scrypt: memory-hard, the library's default.
    PASSWORD_HASH_METHOD = "scrypt"
    PASSWORD_RESET_MAX_AGE = int(os.environ.get("PASSWORD_RESET_MAX_AGE", 60 * 60))

    # Redis: the job queue's broker and the shared store of the limits. Without it, tasks run in-process (eager)
    # and limits count in memory (one process only: `make run`).
    REDIS_URL = os.environ.get("REDIS_URL") or None
    # Seconds any Redis call may take to connect, and to answer: a hung Redis costs a sign-in this long once, then
    # the limits count in the process for a while (app/shared_limits.py, README "When Redis is out").
    REDIS_TIMEOUT = float(os.environ.get("REDIS_TIMEOUT", 0.5))
    # The same for the job queue's connections (Celery's broker): workers and beat only, never a page.
    REDIS_QUEUE_TIMEOUT = float(os.environ.get("REDIS_QUEUE_TIMEOUT", 5))
    RATELIMIT_ENABLED = _bool("RATELIMIT_ENABLED", True)
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI") or REDIS_URL or "memory://"
    RATELIMIT_HEADERS_ENABLED = True
    LOGIN_LIMIT_PER_ACCOUNT = os.environ.get("LOGIN_LIMIT_PER_ACCOUNT", "5 per 15 minutes")
    LOGIN_LIMIT_PER_IP = os.environ.get("LOGIN_LIMIT_PER_IP", "20 per 15 minutes")

    # Mail: SMTP when MAIL_SERVER is set, otherwise messages land in MAIL_OUTBOX_DIR as .eml files.
    MAIL_SERVER = os.environ.get("MAIL_SERVER")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", 587))
    MAIL_USE_TLS = _bool("MAIL_USE_TLS", True)
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_FROM = os.environ.get("MAIL_FROM", "Ossify <no-reply@ossify.local>")
    MAIL_OUTBOX_DIR = os.environ.get("MAIL_OUTBOX_DIR", str(BASE_DIR / "instance" / "outbox"))
    # Where a mail she didn't expect can be forwarded (said in every mail to an address without an account);
    # MAIL_FROM's address when unset.
    MAIL_REPORT_TO = os.environ.get("MAIL_REPORT_TO")

    # Where members reach Ossify, e.g. https://ossify.example.org: links in mail are built from it,
    # never from the request's Host header (which a client controls).
    PUBLIC_URL = os.environ.get("PUBLIC_URL", "").rstrip("/")
    # Number of reverse proxies in front of the app whose X-Forwarded-* headers are trusted.
    TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", 0))
    HSTS = False


class DevelopmentConfig(Config):
    DEBUG = False
    # `make run` serves here (it exports PUBLIC_URL for another HOST or PORT); reset links point at it.
    PUBLIC_URL = os.environ.get("PUBLIC_URL", "http://127.0.0.1:5000").rstrip("/")
    SHOW_OUTBOX_HINT = True  # "check your inbox" says where the outbox folder is, on a developer's machine only


class TestingConfig(Config):
    TESTING = True
    SECRET_KEY = "testing-secret"
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    WTF_CSRF_ENABLED = False
    RATELIMIT_ENABLED = False
    PUBLIC_URL = "http://localhost"
    OSSIFY_CHECK_SQLITE_WRITES = True  # app/transactions.py: a GET that writes must say so
    # Cheap hashing keeps the suite fast; production uses scrypt (asserted in tests).
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"


class ProductionConfig(Config):
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    HSTS = True

    @classmethod
    def validate(cls) -> None:
        if not os.environ.get("SECRET_KEY") or os.environ["SECRET_KEY"] == INSECURE_DEFAULT_KEY:
            raise RuntimeError("SECRET_KEY must be set to a long random value in production.")
        if not os.environ.get("PUBLIC_URL"):
            raise RuntimeError("PUBLIC_URL must be set in production (e.g. https://ossify.example.org).")
        storage = os.environ.get("RATELIMIT_STORAGE_URI") or os.environ.get("REDIS_URL") or "memory://"
        workers = int(os.environ.get("GUNICORN_WORKERS", 2))  # gunicorn.conf.py's default
        if storage.startswith("memory://") and workers > 1 and not _bool("RATELIMIT_MEMORY_IS_ENOUGH", False):
            # In memory, each worker counts on its own and a restart forgets: 2 workers, twice the guesses.
            raise RuntimeError("RATELIMIT_STORAGE_URI (or REDIS_URL) must name a shared store in production "
                               "(e.g. redis://localhost:6379/0), so that limits hold across workers, machines and "
                               "restarts (or, knowingly, RATELIMIT_MEMORY_IS_ENOUGH=1).")


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}
