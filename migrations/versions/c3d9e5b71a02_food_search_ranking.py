"""Food search ranking: each food's main words (`head`, `qualifier`, `name_head`) and how plain it is (`search_rank`), filled by
`flask load-foods`; the everyday layer indexed by category

Revision ID: c3d9e5b71a02
Revises: a44c8e469bf7
Create Date: 2026-12-02 12:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c3d9e5b71a02'
down_revision = 'a44c8e469bf7'
branch_labels = None
depends_on = None


# Plain ALTER TABLE, not batch mode: rebuilding `food` on SQLite would drop the search index's triggers.
def upgrade():
    op.add_column('food', sa.Column('head', sa.String(length=100), nullable=True))
    op.add_column('food', sa.Column('qualifier', sa.String(length=100), nullable=True))
    op.add_column('food', sa.Column('name_head', sa.String(length=100), nullable=True))
    op.add_column('food', sa.Column('search_rank', sa.Integer(), server_default='0', nullable=False))
    op.create_index(op.f('ix_food_category'), 'food', ['category'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_food_category'), table_name='food')
    op.drop_column('food', 'search_rank')
    op.drop_column('food', 'name_head')
    op.drop_column('food', 'qualifier')
    op.drop_column('food', 'head')
