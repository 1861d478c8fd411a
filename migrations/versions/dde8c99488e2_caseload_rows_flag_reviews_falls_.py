"""The client list's stored rows, flag reviews, falls; program items each side and rest; program templates

Revision ID: dde8c99488e2
Revises: 7a41c2e9d3b8
Create Date: 2026-12-02 21:37:20.358322

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'dde8c99488e2'
down_revision = '7a41c2e9d3b8'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('client_status',
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('computed_version', sa.Integer(), nullable=False),
    sa.Column('row_format', sa.Integer(), nullable=False),
    sa.Column('computed_for', sa.Date(), nullable=False),
    sa.Column('week_start', sa.Date(), nullable=False),
    sa.Column('last_logged', sa.Date(), nullable=True),
    sa.Column('targets', sa.JSON(), nullable=False),
    sa.Column('target_ranks', sa.JSON(), nullable=False),
    sa.Column('short_count', sa.Integer(), nullable=False),
    sa.Column('adherence', sa.Integer(), nullable=True),
    sa.Column('flags', sa.JSON(), nullable=False),
    sa.Column('attention', sa.Integer(), nullable=False),
    sa.Column('open_flags', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['user.id'], name=op.f('fk_client_status_member_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('member_id', name=op.f('pk_client_status'))
    )
    op.create_table('fall',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('fall_date', sa.Date(), nullable=False),
    sa.Column('what_happened', sa.String(length=200), nullable=False),
    sa.Column('injured', sa.Boolean(), nullable=False),
    sa.Column('fracture', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['user.id'], name=op.f('fk_fall_member_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fall'))
    )
    with op.batch_alter_table('fall', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fall_member_id'), ['member_id'], unique=False)

    op.create_table('flag_review',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('event_key', sa.String(length=40), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('by_id', sa.Integer(), nullable=True),
    sa.Column('by_name', sa.String(length=80), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("state IN ('seen', 'handled')", name=op.f('ck_flag_review_state')),
    sa.ForeignKeyConstraint(['by_id'], ['user.id'], name=op.f('fk_flag_review_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['member_id'], ['user.id'], name=op.f('fk_flag_review_member_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_flag_review'))
    )
    with op.batch_alter_table('flag_review', schema=None) as batch_op:
        batch_op.create_index('ix_flag_review_member_flag', ['member_id', 'kind', 'event_key'], unique=False)

    op.create_table('program_template',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('therapist_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['therapist_id'], ['user.id'], name=op.f('fk_program_template_therapist_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_program_template'))
    )
    with op.batch_alter_table('program_template', schema=None) as batch_op:
        batch_op.create_index('uq_program_template_name', ['therapist_id', 'name'], unique=True)

    op.create_table('program_template_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('template_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('exercise_id', sa.Integer(), nullable=False),
    sa.Column('sets', sa.Integer(), nullable=False),
    sa.Column('reps', sa.Integer(), nullable=True),
    sa.Column('hold_seconds', sa.Integer(), nullable=True),
    sa.Column('minutes', sa.Integer(), nullable=True),
    sa.Column('each_side', sa.Boolean(), nullable=False),
    sa.Column('rest_seconds', sa.Integer(), nullable=True),
    sa.Column('band_colour', sa.String(length=10), nullable=True),
    sa.Column('days_per_week', sa.Integer(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['exercise_id'], ['exercise.id'], name=op.f('fk_program_template_item_exercise_id_exercise')),
    sa.ForeignKeyConstraint(['template_id'], ['program_template.id'], name=op.f('fk_program_template_item_template_id_program_template'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_program_template_item'))
    )
    with op.batch_alter_table('program_template_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_program_template_item_template_id'), ['template_id'], unique=False)

    with op.batch_alter_table('program_item', schema=None) as batch_op:
        batch_op.add_column(sa.Column('each_side', sa.Boolean(), server_default=sa.text('false'), nullable=False))
        batch_op.add_column(sa.Column('rest_seconds', sa.Integer(), nullable=True))
        batch_op.create_check_constraint(batch_op.f('ck_program_item_rest_range'),
                                          'rest_seconds IS NULL OR (rest_seconds >= 0 AND rest_seconds <= 600)')



def downgrade():
    with op.batch_alter_table('program_item', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_program_item_rest_range'), type_='check')
        batch_op.drop_column('rest_seconds')
        batch_op.drop_column('each_side')

    with op.batch_alter_table('program_template_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_program_template_item_template_id'))

    op.drop_table('program_template_item')
    with op.batch_alter_table('program_template', schema=None) as batch_op:
        batch_op.drop_index('uq_program_template_name')

    op.drop_table('program_template')
    with op.batch_alter_table('flag_review', schema=None) as batch_op:
        batch_op.drop_index('ix_flag_review_member_flag')

    op.drop_table('flag_review')
    with op.batch_alter_table('fall', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fall_member_id'))

    op.drop_table('fall')
    op.drop_table('client_status')
