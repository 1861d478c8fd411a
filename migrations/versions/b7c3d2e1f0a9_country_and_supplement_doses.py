"""Her country (from her time zone; it picks the regional food defaults) and how many units of a supplement she
takes at one time (a dose), beside how many a day

Revision ID: b7c3d2e1f0a9
Revises: a41ef5a85c8a
Create Date: 2026-12-07 17:40:00.000000

"""
from importlib import resources

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'b7c3d2e1f0a9'
down_revision = 'a41ef5a85c8a'
branch_labels = None
depends_on = None


def _zone_countries() -> dict[str, str]:
    """IANA's zone.tab (the tzdata package): time zone → ISO 3166 country code. Read here, not through the app,
    so this migration says the same thing whatever the app's code becomes."""
    text = resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return {row[2]: row[0] for row in rows}


def upgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('country', sa.String(length=2), nullable=True))
    with op.batch_alter_table('supplement', schema=None) as batch_op:
        batch_op.add_column(sa.Column('per_dose', sa.Float(), nullable=False, server_default='1'))
        batch_op.create_check_constraint('per_dose_range', 'per_dose > 0 AND per_dose <= 20')
    # Every account's country from its time zone, as a new account gets it.
    user = sa.table('user', sa.column('timezone', sa.String), sa.column('country', sa.String))
    zones = _zone_countries()
    connection = op.get_bind()
    for (timezone,) in connection.execute(sa.select(user.c.timezone).distinct()).all():
        if timezone in zones:
            connection.execute(user.update().where(user.c.timezone == timezone).values(country=zones[timezone]))


def downgrade():
    with op.batch_alter_table('supplement', schema=None) as batch_op:
        batch_op.drop_constraint('per_dose_range', type_='check')
        batch_op.drop_column('per_dose')
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('country')
