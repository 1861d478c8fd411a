"""Reminders she chooses, medicine schedules and doses, the sent-message log

Revision ID: d96ceeef64dd
Revises: dde8c99488e2
Create Date: 2026-12-05 01:04:06.872173

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd96ceeef64dd'
down_revision = 'dde8c99488e2'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('reminder_setting',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('exercise_on', sa.Boolean(), server_default=sa.text('(false)'), nullable=False),
    sa.Column('exercise_days', sa.String(length=20), server_default='', nullable=False),
    sa.Column('exercise_at', sa.Time(), nullable=True),
    sa.Column('supplements_on', sa.Boolean(), server_default=sa.text('(false)'), nullable=False),
    sa.Column('supplement_times', sa.String(length=60), server_default='', nullable=False),
    sa.Column('nudge_on', sa.Boolean(), server_default=sa.text('(false)'), nullable=False),
    sa.Column('weekly_email_on', sa.Boolean(), server_default=sa.text('(false)'), nullable=False),
    sa.Column('quiet_start', sa.Time(), nullable=True),
    sa.Column('quiet_end', sa.Time(), nullable=True),
    sa.Column('digest_on', sa.Boolean(), server_default=sa.text('(false)'), nullable=False),
    sa.Column('immediate_on', sa.Boolean(), server_default=sa.text('(false)'), nullable=False),
    sa.Column('calendar_secret_hash', sa.String(length=64), nullable=True),
    sa.Column('calendar_details', sa.Boolean(), server_default=sa.text('(false)'), nullable=False),
    sa.Column('offered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_reminder_setting_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_reminder_setting')),
    sa.UniqueConstraint('calendar_secret_hash', name=op.f('uq_reminder_setting_calendar_secret_hash'))
    )
    op.create_table('sent_message',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('due_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("status IN ('sending', 'sent', 'failed', 'skipped')", name=op.f('ck_sent_message_status')),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_sent_message_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sent_message')),
    sa.UniqueConstraint('user_id', 'kind', 'due_at', name='uq_sent_message_due')
    )
    with op.batch_alter_table('sent_message', schema=None) as batch_op:
        batch_op.create_index('ix_sent_message_status', ['status', 'claimed_at'], unique=False)

    op.create_table('medicine_dose',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('medication_id', sa.Integer(), nullable=False),
    sa.Column('taken_on', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['medication_id'], ['medication.id'], name=op.f('fk_medicine_dose_medication_id_medication'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['member_id'], ['user.id'], name=op.f('fk_medicine_dose_member_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_medicine_dose')),
    sa.UniqueConstraint('medication_id', 'taken_on', name='uq_medicine_dose_day')
    )
    with op.batch_alter_table('medicine_dose', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_medicine_dose_member_id'), ['member_id'], unique=False)

    op.create_table('medicine_reminder',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('medication_id', sa.Integer(), nullable=False),
    sa.Column('every', sa.String(length=12), nullable=False),
    sa.Column('at', sa.Time(), nullable=False),
    sa.Column('weekday', sa.Integer(), nullable=True),
    sa.Column('day_of_month', sa.Integer(), nullable=True),
    sa.Column('active', sa.Boolean(), server_default=sa.text('(true)'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("every IN ('daily', 'weekly', 'monthly', 'six_months', 'yearly')", name=op.f('ck_medicine_reminder_every')),
    sa.CheckConstraint('day_of_month IS NULL OR (day_of_month >= 1 AND day_of_month <= 31)', name=op.f('ck_medicine_reminder_day_range')),
    sa.CheckConstraint('weekday IS NULL OR (weekday >= 0 AND weekday <= 6)', name=op.f('ck_medicine_reminder_weekday_range')),
    sa.ForeignKeyConstraint(['medication_id'], ['medication.id'], name=op.f('fk_medicine_reminder_medication_id_medication'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['member_id'], ['user.id'], name=op.f('fk_medicine_reminder_member_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_medicine_reminder')),
    sa.UniqueConstraint('medication_id', name=op.f('uq_medicine_reminder_medication_id'))
    )
    with op.batch_alter_table('medicine_reminder', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_medicine_reminder_member_id'), ['member_id'], unique=False)



def downgrade():
    with op.batch_alter_table('medicine_reminder', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_medicine_reminder_member_id'))

    op.drop_table('medicine_reminder')
    with op.batch_alter_table('medicine_dose', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_medicine_dose_member_id'))

    op.drop_table('medicine_dose')
    with op.batch_alter_table('sent_message', schema=None) as batch_op:
        batch_op.drop_index('ix_sent_message_status')

    op.drop_table('sent_message')
    op.drop_table('reminder_setting')
