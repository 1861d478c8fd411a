"""One database per backend and purpose for the whole run, built by the real migrations."""
import itertools
from pathlib import Path

import flask_migrate
from sqlalchemy import text

from app import create_app
from app.extensions import db
from tests.support.postgres import ThrowawayPostgres

MIGRATIONS_DIR = str(Path(__file__).resolve().parents[2] / "migrations")
_counter = itertools.count()

BACKENDS = ("sqlite", "postgresql")  # every test that touches the database runs on both


class Databases:
    """Hands out empty, migrated databases on SQLite files and on the throwaway PostgreSQL."""

    def __init__(self, tmp_dir: Path, external_postgres: str | None = None) -> None:
        self.tmp_dir = tmp_dir
        self.external_postgres = external_postgres
        self._postgres: ThrowawayPostgres | None = None
        self._admin_engine = None

    def new_url(self, backend: str, purpose: str) -> str:
        """An empty database (no tables) for this backend."""
        name = f"ossify_{purpose}_{next(_counter)}"
        if backend == "sqlite":
            return f"sqlite:///{self.tmp_dir / (name + '.db')}"
        if self.external_postgres:
            from sqlalchemy import create_engine
            if self._admin_engine is None:
                self._admin_engine = create_engine(self.external_postgres, isolation_level="AUTOCOMMIT")
            with self._admin_engine.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
                conn.execute(text(f'CREATE DATABASE "{name}"'))
            return self._admin_engine.url.set(database=name).render_as_string(hide_password=False)
        if self._postgres is None:
            self._postgres = ThrowawayPostgres().start()
        return self._postgres.create_database(name)

    def migrated_url(self, backend: str, purpose: str) -> str:
        url = self.new_url(backend, purpose)
        upgrade(url)
        return url

    def close(self) -> None:
        if self._admin_engine is not None:
            self._admin_engine.dispose()
        if self._postgres is not None:
            self._postgres.stop()


def upgrade(url: str, revision: str = "head") -> None:
    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        flask_migrate.upgrade(directory=MIGRATIONS_DIR, revision=revision)
        db.engine.dispose()


def downgrade(url: str, revision: str = "base") -> None:
    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        flask_migrate.downgrade(directory=MIGRATIONS_DIR, revision=revision)
        db.engine.dispose()


def empty_all_tables() -> None:
    """Remove every row (inside an app context); the schema stays for the next test."""
    db.session.remove()
    tables = db.metadata.sorted_tables
    with db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in tables)
            conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in reversed(tables):
                conn.execute(table.delete())
