"""Targets judged as of each day: body weight becomes a dated history (body_weight replaces
member_profile.weight_kg); a therapist's override is in force from starts_on until ends_on

Revision ID: 5c1e7a2d9f30
Revises: 483446a41bea
Create Date: 2026-12-02 01:40:00.000000

"""
from datetime import UTC, datetime

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5c1e7a2d9f30'
down_revision = '483446a41bea'
branch_labels = None
depends_on = None

profile = sa.table('member_profile', sa.column('user_id', sa.Integer), sa.column('weight_kg', sa.Float),
                   sa.column('updated_at', sa.DateTime(timezone=True)))
body_weight = sa.table('body_weight', sa.column('member_id', sa.Integer), sa.column('measured_on', sa.Date),
                       sa.column('weight_kg', sa.Float), sa.column('created_at', sa.DateTime(timezone=True)))
override = sa.table('target_override', sa.column('id', sa.Integer), sa.column('member_id', sa.Integer),
                    sa.column('target_key', sa.String), sa.column('created_at', sa.DateTime(timezone=True)),
                    sa.column('starts_on', sa.Date), sa.column('ends_on', sa.Date))


def _day(value):
    """A stored timestamp's UTC date (SQLite hands back text or a naive datetime)."""
    if value is None:
        return datetime.now(UTC).date()
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.date()


def upgrade():
    op.create_table('body_weight',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('measured_on', sa.Date(), nullable=False),
    sa.Column('weight_kg', sa.Float(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('weight_kg > 0', name=op.f('ck_body_weight_weight_positive')),
    sa.ForeignKeyConstraint(['member_id'], ['user.id'], name=op.f('fk_body_weight_member_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_body_weight')),
    sa.UniqueConstraint('member_id', 'measured_on', name='uq_body_weight_member_day')
    )
    with op.batch_alter_table('body_weight', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_body_weight_member_id'), ['member_id'], unique=False)

    # Her current weight carries over, dated the day her profile was last saved (before that day, the
    # first weight she gave stands: app.guidance.facts.MemberHistory.weight_on).
    connection = op.get_bind()
    now = datetime.now(UTC)
    rows = connection.execute(sa.select(profile.c.user_id, profile.c.weight_kg, profile.c.updated_at)
                              .where(profile.c.weight_kg.is_not(None))).all()
    if rows:
        connection.execute(body_weight.insert(), [
            {"member_id": user_id, "measured_on": _day(updated_at), "weight_kg": kg, "created_at": now}
            for user_id, kg, updated_at in rows])
    with op.batch_alter_table('member_profile', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_member_profile_weight_positive'), type_='check')
        batch_op.drop_column('weight_kg')

    # An override in force since the day it was set; one open period per target.
    with op.batch_alter_table('target_override', schema=None) as batch_op:
        batch_op.add_column(sa.Column('starts_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('ends_on', sa.Date(), nullable=True))
    for override_id, created_at in connection.execute(sa.select(override.c.id, override.c.created_at)).all():
        connection.execute(override.update().where(override.c.id == override_id)
                           .values(starts_on=_day(created_at)))
    with op.batch_alter_table('target_override', schema=None) as batch_op:
        batch_op.alter_column('starts_on', existing_type=sa.Date(), nullable=False)
        batch_op.drop_constraint('uq_target_override_member_key', type_='unique')
        batch_op.create_check_constraint(op.f('ck_target_override_period_ordered'),
                                         'ends_on IS NULL OR ends_on > starts_on')
    op.create_index('uq_target_override_open', 'target_override', ['member_id', 'target_key'], unique=True,
                    sqlite_where=sa.text('ends_on IS NULL'), postgresql_where=sa.text('ends_on IS NULL'))


def downgrade():
    # Only the overrides in force now have a place before: ended periods go.
    op.drop_index('uq_target_override_open', table_name='target_override')
    connection = op.get_bind()
    connection.execute(override.delete().where(override.c.ends_on.is_not(None)))
    with op.batch_alter_table('target_override', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_target_override_period_ordered'), type_='check')
        batch_op.create_unique_constraint('uq_target_override_member_key', ['member_id', 'target_key'])
        batch_op.drop_column('ends_on')
        batch_op.drop_column('starts_on')

    # The profile keeps her latest weight.
    with op.batch_alter_table('member_profile', schema=None) as batch_op:
        batch_op.add_column(sa.Column('weight_kg', sa.Float(), nullable=True))
        batch_op.create_check_constraint(op.f('ck_member_profile_weight_positive'), 'weight_kg > 0')
    latest = sa.select(body_weight.c.member_id, sa.func.max(body_weight.c.measured_on).label('day')) \
        .group_by(body_weight.c.member_id).subquery()
    for member_id, kg in connection.execute(
            sa.select(body_weight.c.member_id, body_weight.c.weight_kg)
            .join(latest, sa.and_(latest.c.member_id == body_weight.c.member_id,
                                  latest.c.day == body_weight.c.measured_on))).all():
        connection.execute(profile.update().where(profile.c.user_id == member_id).values(weight_kg=kg))
    with op.batch_alter_table('body_weight', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_body_weight_member_id'))
    op.drop_table('body_weight')
