"""The search's form rules stored with each food (`food.form_flags`, one bit a rule and one for a vitamin D fortified
row), so ranking tests bits instead of a hundred LIKEs a row; filled by `flask load-foods`, which also refreshes
members' own foods. Her food log indexed by (member, food, id) and (member, id): the unit she used last for a food
and her recent foods are read along an index, the same work after ten days or ten years

Revision ID: e4b8a1c6d2f7
Revises: b7c3d2e1f0a9
Create Date: 2026-12-07 23:30:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'e4b8a1c6d2f7'
down_revision = 'b7c3d2e1f0a9'
branch_labels = None
depends_on = None


# Plain ALTER TABLE, not batch mode: rebuilding `food` on SQLite would drop the search index's triggers.
def upgrade():
    op.add_column('food', sa.Column('form_flags', sa.Integer(), server_default='0', nullable=False))
    op.create_index('ix_food_log_member_food_id', 'food_log', ['member_id', 'food_id', 'id'], unique=False)
    op.create_index('ix_food_log_member_id', 'food_log', ['member_id', 'id'], unique=False)
    op.drop_index('ix_food_log_member_food', table_name='food_log')


def downgrade():
    op.create_index('ix_food_log_member_food', 'food_log', ['member_id', 'food_id'], unique=False)
    op.drop_index('ix_food_log_member_id', table_name='food_log')
    op.drop_index('ix_food_log_member_food_id', table_name='food_log')
    op.drop_column('food', 'form_flags')
