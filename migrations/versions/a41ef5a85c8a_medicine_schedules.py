"""Medicine schedules as US labels give them: every 3 months, every 2 years and two days in a row each month join
daily, weekly, monthly, every 6 months and yearly; a schedule's start date (the first dose is due then)

Revision ID: a41ef5a85c8a
Revises: ae9435afd266
Create Date: 2026-12-07 15:50:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'a41ef5a85c8a'
down_revision = 'ae9435afd266'
branch_labels = None
depends_on = None

EVERY_BEFORE = "every IN ('daily', 'weekly', 'monthly', 'six_months', 'yearly')"
EVERY_NOW = ("every IN ('daily', 'weekly', 'monthly', 'two_days_monthly', 'three_months', 'six_months', 'yearly', "
             "'two_years')")


def upgrade():
    with op.batch_alter_table('medicine_reminder', schema=None) as batch_op:
        batch_op.drop_constraint('every', type_='check')
        batch_op.alter_column('every', existing_type=sa.String(length=12), type_=sa.String(length=20),
                              existing_nullable=False)
        batch_op.create_check_constraint('every', EVERY_NOW)
        batch_op.add_column(sa.Column('start_date', sa.Date(), nullable=True))


def downgrade():
    # A schedule the earlier version can't say stops reminding (she can set it again there); nothing else is lost.
    op.execute("UPDATE medicine_reminder SET active = false, every = 'daily' "
               "WHERE every IN ('two_days_monthly', 'three_months', 'two_years')")
    with op.batch_alter_table('medicine_reminder', schema=None) as batch_op:
        batch_op.drop_column('start_date')
        batch_op.drop_constraint('every', type_='check')
        batch_op.alter_column('every', existing_type=sa.String(length=20), type_=sa.String(length=12),
                              existing_nullable=False)
        batch_op.create_check_constraint('every', EVERY_BEFORE)
