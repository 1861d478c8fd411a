"""Alcohol log, risk-factor answers, screening note

Drinks by day (stored with their grams of ethanol), her answers to the risk-factor checklist, and
when she hid the "no DXA on record" reminder.

Revision ID: fcdf195f88ec
Revises: d95cda1f235a
Create Date: 2026-11-25 06:04:25.875682

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'fcdf195f88ec'
down_revision = 'd95cda1f235a'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('alcohol_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('log_date', sa.Date(), nullable=False),
    sa.Column('drinks', sa.Float(), nullable=False),
    sa.Column('drink_size', sa.String(length=2), nullable=False),
    sa.Column('ethanol_g', sa.Float(), nullable=False),
    sa.Column('submission_id', sa.String(length=32), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("drink_size IN ('us', 'uk')", name=op.f('ck_alcohol_log_drink_size')),
    sa.CheckConstraint('drinks > 0 AND drinks <= 40', name=op.f('ck_alcohol_log_drinks_range')),
    sa.CheckConstraint('ethanol_g > 0', name=op.f('ck_alcohol_log_ethanol_positive')),
    sa.ForeignKeyConstraint(['member_id'], ['user.id'], name=op.f('fk_alcohol_log_member_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_alcohol_log')),
    sa.UniqueConstraint('member_id', 'submission_id', name='uq_alcohol_log_submission')
    )
    with op.batch_alter_table('alcohol_log', schema=None) as batch_op:
        batch_op.create_index('ix_alcohol_log_member_date', ['member_id', 'log_date'], unique=False)

    op.create_table('risk_factor_answer',
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('factor', sa.String(length=30), nullable=False),
    sa.Column('answer', sa.String(length=6), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("answer IN ('yes', 'no', 'unsure')", name=op.f('ck_risk_factor_answer_answer')),
    sa.ForeignKeyConstraint(['member_id'], ['user.id'], name=op.f('fk_risk_factor_answer_member_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('member_id', 'factor', name=op.f('pk_risk_factor_answer'))
    )
    with op.batch_alter_table('member_profile', schema=None) as batch_op:
        batch_op.add_column(sa.Column('screening_note_hidden_at', sa.DateTime(timezone=True), nullable=True))



def downgrade():
    with op.batch_alter_table('member_profile', schema=None) as batch_op:
        batch_op.drop_column('screening_note_hidden_at')

    op.drop_table('risk_factor_answer')
    with op.batch_alter_table('alcohol_log', schema=None) as batch_op:
        batch_op.drop_index('ix_alcohol_log_member_date')

    op.drop_table('alcohol_log')
