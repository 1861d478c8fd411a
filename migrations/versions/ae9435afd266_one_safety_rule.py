"""One safety rule: a fall reviewed by her own "a clinician has checked me" when she has no therapist
(fall.cleared_on); the impact ladder's landings (exercise.landing); exercises retired from the catalog
(exercise.retired: the kneeling band crunch and the band woodchop)

Revision ID: ae9435afd266
Revises: ca1c1b109e23
Create Date: 2026-12-07 15:40:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'ae9435afd266'
down_revision = 'ca1c1b109e23'
branch_labels = None
depends_on = None

# Guidance README, third build, "Catalog content": loaded spinal flexion and loaded trunk rotation leave the catalog.
RETIRED = ("band_kneeling_crunch", "band_woodchop")
LANDINGS = {"grounded": ("gentle_heel_drops", "vigorous_heel_drops", "stamping", "marching"),
            "two_feet": ("low_jumps", "skipping", "star_jumps"),
            "one_foot": ("hopping", "jogging_on_the_spot")}


def upgrade():
    with op.batch_alter_table('exercise', schema=None) as batch_op:
        batch_op.add_column(sa.Column('landing', sa.String(length=10), server_default='none', nullable=False))
        batch_op.add_column(sa.Column('retired', sa.Boolean(), server_default=sa.text('false'), nullable=False))
        batch_op.create_check_constraint('landing', "landing IN ('none', 'grounded', 'two_feet', 'one_foot')")
    exercise = sa.table('exercise', sa.column('slug', sa.String), sa.column('landing', sa.String),
                        sa.column('retired', sa.Boolean))
    for landing, slugs in LANDINGS.items():
        op.execute(exercise.update().where(exercise.c.slug.in_(slugs)).values(landing=landing))
    op.execute(exercise.update().where(exercise.c.slug.in_(RETIRED)).values(retired=True))

    with op.batch_alter_table('fall', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cleared_on', sa.Date(), nullable=True))


def downgrade():
    with op.batch_alter_table('fall', schema=None) as batch_op:
        batch_op.drop_column('cleared_on')

    with op.batch_alter_table('exercise', schema=None) as batch_op:
        batch_op.drop_constraint('landing', type_='check')
        batch_op.drop_column('retired')
        batch_op.drop_column('landing')
