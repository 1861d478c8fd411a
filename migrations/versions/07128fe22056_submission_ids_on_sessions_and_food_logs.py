"""Submission ids on sessions and food logs

Each new-session and new-food form carries a fresh id; (member_id, submission_id) is unique, so a
double tap or a resent POST finds the row it already made instead of storing it twice. Existing
rows keep NULL, which unique constraints treat as distinct on SQLite and PostgreSQL.

Revision ID: 07128fe22056
Revises: 93f265cc0bab
Create Date: 2026-11-25 01:29:04.606830

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '07128fe22056'
down_revision = '93f265cc0bab'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('exercise_session', schema=None) as batch_op:
        batch_op.add_column(sa.Column('submission_id', sa.String(length=32), nullable=True))
        batch_op.create_unique_constraint('uq_exercise_session_submission', ['member_id', 'submission_id'])

    with op.batch_alter_table('food_log', schema=None) as batch_op:
        batch_op.add_column(sa.Column('submission_id', sa.String(length=32), nullable=True))
        batch_op.create_unique_constraint('uq_food_log_submission', ['member_id', 'submission_id'])



def downgrade():
    with op.batch_alter_table('food_log', schema=None) as batch_op:
        batch_op.drop_constraint('uq_food_log_submission', type_='unique')
        batch_op.drop_column('submission_id')

    with op.batch_alter_table('exercise_session', schema=None) as batch_op:
        batch_op.drop_constraint('uq_exercise_session_submission', type_='unique')
        batch_op.drop_column('submission_id')

