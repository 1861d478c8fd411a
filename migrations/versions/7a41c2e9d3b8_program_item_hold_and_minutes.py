"""Program items carry a hold time or minutes: a balance hold is "3 × 30 s", a walk "20 minutes"
(reps only where the exercise counts reps)

Revision ID: 7a41c2e9d3b8
Revises: 3459f0950668
Create Date: 2026-12-02 16:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7a41c2e9d3b8'
down_revision = '3459f0950668'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('program_item', schema=None) as batch_op:
        batch_op.add_column(sa.Column('hold_seconds', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('minutes', sa.Integer(), nullable=True))
        batch_op.alter_column('reps', existing_type=sa.Integer(), nullable=True)
        batch_op.create_check_constraint(
            batch_op.f('ck_program_item_hold_seconds_range'),
            'hold_seconds IS NULL OR (hold_seconds >= 1 AND hold_seconds <= 600)')
        batch_op.create_check_constraint(batch_op.f('ck_program_item_minutes_range'),
                                          'minutes IS NULL OR (minutes >= 1 AND minutes <= 600)')


def downgrade():
    # A hold or minutes item has no reps: give it one rep so the older schema can keep it.
    op.execute("UPDATE program_item SET reps = 1 WHERE reps IS NULL")
    with op.batch_alter_table('program_item', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_program_item_minutes_range'), type_='check')
        batch_op.drop_constraint(batch_op.f('ck_program_item_hold_seconds_range'), type_='check')
        batch_op.alter_column('reps', existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column('minutes')
        batch_op.drop_column('hold_seconds')
