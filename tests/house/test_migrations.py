"""Alembic: one head; empty → head → base → head on both databases; models match the migrations."""
from datetime import date

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text

from app.extensions import db
from app.nutrition.models import is_search_index
from tests.support.databases import BACKENDS, MIGRATIONS_DIR, downgrade, upgrade


def test_migrations_have_a_single_head() -> None:
    config = Config()
    config.set_main_option("script_location", MIGRATIONS_DIR)
    assert len(ScriptDirectory.from_config(config).get_heads()) == 1


def _tables(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        # The food search's FTS5 tables on SQLite are the database's own (see the whole-table migration).
        return {t for t in inspect(engine).get_table_names() if not is_search_index(t)} - {"alembic_version"}
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
            context = MigrationContext.configure(conn, opts={
                "compare_type": True, "render_as_batch": True,
                "include_name": lambda name, type_, parents: not is_search_index(name)})
            diff = compare_metadata(context, db.metadata)
    finally:
        engine.dispose()
    assert diff == [], f"models and migrations differ; run `flask db migrate`: {diff}"



def _add_member(conn) -> None:  # noqa: ANN001
    """Member 1, written with SQL: the models describe the newest schema, not the one being migrated from."""
    conn.execute(text("INSERT INTO \"user\" (id, email, display_name, role, password_hash, timezone, active, "
                      "created_at, password_changed_at) VALUES (1, 'm@example.com', 'M', 'member', 'x', 'UTC', "
                      "true, '2026-01-01 09:00:00+00', '2026-01-01 09:00:00+00')"))


@pytest.mark.parametrize("backend", BACKENDS)
def test_dated_facts_migration_carries_weight_and_overrides_over_and_back(databases, backend: str) -> None:
    """Her weight becomes the first entry of her history; an override is in force from the day it was set."""
    url = databases.new_url(backend, "dated-facts")
    upgrade(url, "483446a41bea")
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            _add_member(conn)
            conn.execute(text("INSERT INTO member_profile (user_id, weight_kg, unit_system, vitamin_d_unit, "
                              "updated_at) VALUES (1, 61.5, 'metric', 'IU', '2026-03-04 10:00:00+00')"))
            conn.execute(text("INSERT INTO target_override (member_id, target_key, value, reason, created_at) "
                              "VALUES (1, 'balance_days', 3, 'After the fracture', '2026-02-10 08:00:00+00')"))
        upgrade(url)
        with engine.connect() as conn:
            assert [tuple(r) for r in conn.execute(text("SELECT measured_on, weight_kg FROM body_weight"))] in (
                [(date(2026, 3, 4), 61.5)], [("2026-03-04", 61.5)])
            (starts_on,) = conn.execute(text("SELECT starts_on FROM target_override")).one()
            assert str(starts_on) == "2026-02-10"
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO body_weight (member_id, measured_on, weight_kg, created_at) "
                              "VALUES (1, '2026-05-01', 63.0, '2026-05-01 10:00:00+00')"))
        downgrade(url, "483446a41bea")
        with engine.connect() as conn:
            assert conn.execute(text("SELECT weight_kg FROM member_profile")).scalar() == 63.0  # the latest
            assert conn.execute(text("SELECT count(*) FROM target_override")).scalar() == 1
    finally:
        engine.dispose()


@pytest.mark.parametrize("backend", BACKENDS)
def test_logged_days_keep_their_snapshots_through_the_whole_table_migration(databases, backend: str) -> None:
    url = databases.new_url(backend, "whole-table")
    upgrade(url, "5c1e7a2d9f30")
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            _add_member(conn)
            conn.execute(text("INSERT INTO food (id, source, source_id, name, search_text, calcium_mg_per_100g, "
                              "vitamin_d_iu_per_100g, protein_g_per_100g, created_at) VALUES (1, 'USDA SR28 (NDB)', "
                              "'01085', 'Milk, skim', ' milk skim', 122, 47, 3.37, '2026-01-01 09:00:00+00')"))
            for log_id, servings, serving, grams in ((1, 1, "1 cup", 245), (2, None, None, 100)):
                conn.execute(text(
                    "INSERT INTO food_log (id, member_id, log_date, meal, food_id, food_name, servings, serving_name, "
                    "grams, calcium_mg, vitamin_d_iu, protein_g, created_at) VALUES (:id, 1, '2026-03-02', "
                    "'breakfast', 1, 'Milk, skim', :servings, :serving, :grams, 299, 115, 8.3, "
                    "'2026-03-02 08:00:00+00')"), {"id": log_id, "servings": servings, "serving": serving,
                                                   "grams": grams})
        upgrade(url)
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT unit, servings, serving_name, grams, calcium_mg, vitamin_d_iu, protein_g, "
                                     "magnesium_mg FROM food_log ORDER BY id")).all()
        assert [tuple(r) for r in rows] == [("m:1 cup", 1, "1 cup", 245, 299, 115, 8.3, None),
                                            ("g", None, None, 100, 299, 115, 8.3, None)]
        downgrade(url, "5c1e7a2d9f30")
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM food_log")).scalar() == 2
    finally:
        engine.dispose()
