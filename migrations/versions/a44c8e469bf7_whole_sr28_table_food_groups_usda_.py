"""The whole SR28 table: food groups, USDA's descriptions and other names, magnesium, potassium and energy
(shown, not scored); calcium may be unknown (no value in USDA's table), as vitamin D already could be

Revision ID: a44c8e469bf7
Revises: 5c1e7a2d9f30
Create Date: 2026-12-02 01:39:35.055156

"""
from alembic import op
import sqlalchemy as sa

# The food search's text index, the database's own (app/nutrition/services.py, search_foods): SQLite's FTS5
# over food.search_text, kept in step by triggers; PostgreSQL's full-text GIN index on the same words.
# A later batch migration that rebuilds `food` on SQLite drops these triggers and must create them again.
SQLITE_SEARCH_INDEX = (
    "CREATE VIRTUAL TABLE food_fts USING fts5(search_text, content='food', content_rowid='id', "
    "tokenize='unicode61', prefix='2 3')",
    "CREATE TRIGGER food_fts_insert AFTER INSERT ON food BEGIN "
    "INSERT INTO food_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER food_fts_delete AFTER DELETE ON food BEGIN "
    "INSERT INTO food_fts(food_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER food_fts_update AFTER UPDATE OF search_text ON food BEGIN "
    "INSERT INTO food_fts(food_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO food_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "INSERT INTO food_fts(food_fts) VALUES ('rebuild')",
)
POSTGRESQL_SEARCH_INDEX = (
    "CREATE INDEX ix_food_fts ON food USING gin (to_tsvector('simple', search_text))",
)


# revision identifiers, used by Alembic.
revision = 'a44c8e469bf7'
down_revision = '5c1e7a2d9f30'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('food', schema=None) as batch_op:
        batch_op.add_column(sa.Column('food_group', sa.String(length=60), nullable=True))
        batch_op.add_column(sa.Column('long_desc', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('common_names', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('magnesium_mg_per_100g', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('potassium_mg_per_100g', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('energy_kcal_per_100g', sa.Float(), nullable=True))
        batch_op.alter_column('name',
               existing_type=sa.VARCHAR(length=120),
               type_=sa.String(length=200),
               existing_nullable=False)
        batch_op.alter_column('search_text',
               existing_type=sa.VARCHAR(length=130),
               type_=sa.String(length=600),
               existing_nullable=False)
        batch_op.alter_column('calcium_mg_per_100g',
               existing_type=sa.FLOAT(),
               nullable=True)
        batch_op.create_check_constraint(
            op.f('ck_food_minerals_positive'),
            '(magnesium_mg_per_100g IS NULL OR magnesium_mg_per_100g >= 0) AND '
            '(potassium_mg_per_100g IS NULL OR potassium_mg_per_100g >= 0) AND '
            '(energy_kcal_per_100g IS NULL OR energy_kcal_per_100g >= 0)')

    with op.batch_alter_table('food_log', schema=None) as batch_op:
        batch_op.add_column(sa.Column('unit', sa.String(length=122), nullable=True))
        batch_op.drop_constraint(op.f('ck_food_log_servings_range'), type_='check')
        batch_op.create_check_constraint(op.f('ck_food_log_servings_range'),
                                         'servings IS NULL OR (servings > 0 AND servings <= 100000)')
        batch_op.add_column(sa.Column('magnesium_mg', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('potassium_mg', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('energy_kcal', sa.Float(), nullable=True))
        batch_op.alter_column('food_name',
               existing_type=sa.VARCHAR(length=120),
               type_=sa.String(length=200),
               existing_nullable=False)
        batch_op.alter_column('calcium_mg',
               existing_type=sa.FLOAT(),
               nullable=True)
    # The unit of what was logged before: grams, or one of the food's servings by name.
    food_log = sa.table('food_log', sa.column('unit', sa.String), sa.column('servings', sa.Float),
                        sa.column('serving_name', sa.String))
    connection = op.get_bind()
    connection.execute(food_log.update().where(food_log.c.servings.is_(None)).values(unit='g'))
    connection.execute(food_log.update().where(food_log.c.servings.is_not(None))
                       .values(unit=sa.literal('m:') + food_log.c.serving_name))
    op.create_index('ix_food_log_member_food', 'food_log', ['member_id', 'food_id'], unique=False)
    for statement in SQLITE_SEARCH_INDEX if connection.dialect.name == 'sqlite' else POSTGRESQL_SEARCH_INDEX:
        op.execute(statement)


def downgrade():
    # Before, calcium could not be unknown and names were shorter: unknown calcium is counted as none (what the
    # old schema can say) and long names are cut to fit.
    food = sa.table('food', sa.column('name', sa.String), sa.column('search_text', sa.String),
                    sa.column('calcium_mg_per_100g', sa.Float))
    food_log = sa.table('food_log', sa.column('food_name', sa.String), sa.column('calcium_mg', sa.Float),
                        sa.column('servings', sa.Float), sa.column('serving_name', sa.String),
                        sa.column('grams', sa.Float))
    connection = op.get_bind()
    if connection.dialect.name == 'sqlite':
        for name in ('food_fts_insert', 'food_fts_delete', 'food_fts_update'):
            op.execute(f'DROP TRIGGER {name}')
        op.execute('DROP TABLE food_fts')
    else:
        op.execute('DROP INDEX ix_food_fts')
    connection.execute(food.update().where(food.c.calcium_mg_per_100g.is_(None)).values(calcium_mg_per_100g=0))
    connection.execute(food.update().where(sa.func.length(food.c.name) > 120)
                       .values(name=sa.func.substr(food.c.name, 1, 120)))
    connection.execute(food.update().where(sa.func.length(food.c.search_text) > 130)
                       .values(search_text=sa.func.substr(food.c.search_text, 1, 130)))
    connection.execute(food_log.update().where(food_log.c.calcium_mg.is_(None)).values(calcium_mg=0))
    connection.execute(food_log.update().where(sa.func.length(food_log.c.food_name) > 120)
                       .values(food_name=sa.func.substr(food_log.c.food_name, 1, 120)))
    op.drop_index('ix_food_log_member_food', table_name='food_log')
    # More than 50 of a unit (300 ml, 12 tsp) had no place before: it is said in grams.
    connection.execute(food_log.update().where(food_log.c.servings > 50)
                       .values(servings=None, serving_name=None))
    with op.batch_alter_table('food_log', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_food_log_servings_range'), type_='check')
        batch_op.create_check_constraint(op.f('ck_food_log_servings_range'),
                                         'servings IS NULL OR (servings > 0 AND servings <= 50)')
        batch_op.drop_column('unit')
        batch_op.alter_column('calcium_mg',
               existing_type=sa.FLOAT(),
               nullable=False)
        batch_op.alter_column('food_name',
               existing_type=sa.String(length=200),
               type_=sa.VARCHAR(length=120),
               existing_nullable=False)
        batch_op.drop_column('energy_kcal')
        batch_op.drop_column('potassium_mg')
        batch_op.drop_column('magnesium_mg')

    with op.batch_alter_table('food', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_food_minerals_positive'), type_='check')
        batch_op.alter_column('calcium_mg_per_100g',
               existing_type=sa.FLOAT(),
               nullable=False)
        batch_op.alter_column('search_text',
               existing_type=sa.String(length=600),
               type_=sa.VARCHAR(length=130),
               existing_nullable=False)
        batch_op.alter_column('name',
               existing_type=sa.String(length=200),
               type_=sa.VARCHAR(length=120),
               existing_nullable=False)
        batch_op.drop_column('energy_kcal_per_100g')
        batch_op.drop_column('potassium_mg_per_100g')
        batch_op.drop_column('magnesium_mg_per_100g')
        batch_op.drop_column('common_names')
        batch_op.drop_column('long_desc')
        batch_op.drop_column('food_group')
