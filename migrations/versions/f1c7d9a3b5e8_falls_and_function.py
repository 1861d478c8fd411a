"""Falls and function: results of the STEADI tests (function_result, with their LOINC codes and who measured them),
a therapist's request to repeat one (function_request), measured heights (height), and on her profile the tallest
height she remembers as a young adult and the height loss whose spine X-ray note she has read; the client list's fall-risk column (client_status.fall_risk,
fall_tests)

Revision ID: f1c7d9a3b5e8
Revises: e4b8a1c6d2f7
Create Date: 2026-12-08 00:30:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'f1c7d9a3b5e8'
down_revision = 'e4b8a1c6d2f7'
branch_labels = None
depends_on = None

TESTS = "('chair_stand', 'timed_up_and_go', 'balance', 'stay_independent')"


def upgrade():
    op.create_table(
        'function_result',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('member_id', sa.Integer(), nullable=False),
        sa.Column('test', sa.String(length=20), nullable=False),
        sa.Column('taken_on', sa.Date(), nullable=False),
        sa.Column('value', sa.Float(), nullable=False),
        sa.Column('answers', sa.JSON(), nullable=True),
        sa.Column('loinc', sa.String(length=10), nullable=True),
        sa.Column('measured_by_id', sa.Integer(), nullable=True),
        sa.Column('measured_by_name', sa.String(length=120), nullable=True),
        sa.Column('submission_id', sa.String(length=36), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(f'test IN {TESTS}', name=op.f('ck_function_result_test')),
        sa.CheckConstraint('value >= 0', name=op.f('ck_function_result_value_positive')),
        sa.ForeignKeyConstraint(['member_id'], ['user.id'], name=op.f('fk_function_result_member_id_user'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['measured_by_id'], ['user.id'], name=op.f('fk_function_result_measured_by_id_user'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_function_result')),
        sa.UniqueConstraint('member_id', 'submission_id', name='uq_function_result_submission'),
    )
    op.create_index('ix_function_result_member_test_day', 'function_result', ['member_id', 'test', 'taken_on'],
                    unique=False)
    op.create_table(
        'function_request',
        sa.Column('member_id', sa.Integer(), nullable=False),
        sa.Column('test', sa.String(length=20), nullable=False),
        sa.Column('therapist_id', sa.Integer(), nullable=True),
        sa.Column('therapist_name', sa.String(length=120), nullable=False),
        sa.Column('asked_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(f'test IN {TESTS}', name=op.f('ck_function_request_test')),
        sa.ForeignKeyConstraint(['member_id'], ['user.id'], name=op.f('fk_function_request_member_id_user'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['therapist_id'], ['user.id'], name=op.f('fk_function_request_therapist_id_user'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('member_id', 'test', name=op.f('pk_function_request')),
    )
    op.create_index(op.f('ix_function_request_therapist_id'), 'function_request', ['therapist_id'], unique=False)
    op.create_table(
        'height',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('member_id', sa.Integer(), nullable=False),
        sa.Column('measured_on', sa.Date(), nullable=False),
        sa.Column('height_cm', sa.Float(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint('height_cm >= 100 AND height_cm <= 230', name=op.f('ck_height_height_range')),
        sa.ForeignKeyConstraint(['member_id'], ['user.id'], name=op.f('fk_height_member_id_user'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_height')),
        sa.UniqueConstraint('member_id', 'measured_on', name='uq_height_member_day'),
    )
    op.create_index(op.f('ix_height_member_id'), 'height', ['member_id'], unique=False)
    op.add_column('member_profile', sa.Column('young_adult_height_cm', sa.Float(), nullable=True))
    op.add_column('member_profile', sa.Column('spine_note_seen', sa.String(length=40), nullable=True))
    op.add_column('client_status', sa.Column('fall_risk', sa.Integer(), nullable=True))
    op.add_column('client_status', sa.Column('fall_tests', sa.Integer(), server_default=sa.text('0'),
                                             nullable=False))


def downgrade():
    with op.batch_alter_table('client_status', schema=None) as batch_op:
        batch_op.drop_column('fall_tests')
        batch_op.drop_column('fall_risk')
    with op.batch_alter_table('member_profile', schema=None) as batch_op:
        batch_op.drop_column('spine_note_seen')
        batch_op.drop_column('young_adult_height_cm')
    op.drop_index(op.f('ix_height_member_id'), table_name='height')
    op.drop_table('height')
    op.drop_index(op.f('ix_function_request_therapist_id'), table_name='function_request')
    op.drop_table('function_request')
    op.drop_index('ix_function_result_member_test_day', table_name='function_result')
    op.drop_table('function_result')
