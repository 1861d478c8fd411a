"""Alembic: one head; empty → head → base → head on both databases; models match the migrations."""
import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect

from app.extensions import db
from tests.conftest import BACKENDS
from tests.support.databases import MIGRATIONS_DIR, downgrade, upgrade


def test_migrations_have_a_single_head() -> None:
    config = Config()
    config.set_main_option("script_location", MIGRATIONS_DIR)
    assert len(ScriptDirectory.from_config(config).get_heads()) == 1


def _tables(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        return set(inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


@pytest.mark.parametrize("backend", BACKENDS)
def test_upgrade_downgrade_upgrade_and_no_drift(databases, backend: str) -> None:
    url = databases.new_url(backend, "migrations")
    upgrade(url)
    # Importing the app registered every model on db.metadata.
    assert _tables(url) == {t.name for t in db.metadata.sorted_tables}
    downgrade(url, "base")
    assert _tables(url) == set()
    upgrade(url)
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True, "render_as_batch": True})
            diff = compare_metadata(context, db.metadata)
    finally:
        engine.dispose()
    assert diff == [], f"models and migrations differ; run `flask db migrate`: {diff}"

