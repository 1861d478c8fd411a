"""Credentials die with the account: an account key, unsubscribe keys, account ids never reused on SQLite;
a sign-up keeps no password until its address is proven; templates keep no client's notes

Revision ID: ca1c1b109e23
Revises: d96ceeef64dd
Create Date: 2026-12-07 14:38:07.035127

"""
import secrets

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'ca1c1b109e23'
down_revision = 'd96ceeef64dd'
branch_labels = None
depends_on = None


def _rebuild_user(autoincrement: bool) -> None:
    """SQLite: rebuild the account table with (or without) AUTOINCREMENT, so a deleted account's id is never given
    again (SQLite keeps the highest id ever used in sqlite_sequence). PostgreSQL's sequences never reuse one."""
    if op.get_bind().dialect.name != "sqlite":
        return
    with op.batch_alter_table('user', recreate="always",
                              table_kwargs={"sqlite_autoincrement": autoincrement}) as batch_op:
        batch_op.alter_column('id', existing_type=sa.Integer())


def upgrade():
    # A waiting sign-up carried a password chosen by whoever typed the address: none survives. Their owners ask
    # for a new link (it is 24 hours at most).
    op.execute("DELETE FROM pending_registration")
    with op.batch_alter_table('pending_registration', schema=None) as batch_op:
        batch_op.drop_column('password_hash')
        batch_op.drop_column('display_name')

    with op.batch_alter_table('reminder_setting', schema=None) as batch_op:
        batch_op.add_column(sa.Column('unsubscribe_key', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_reminder_setting_unsubscribe_key'), ['unsubscribe_key'])

    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('account_key', sa.String(length=64), nullable=True))
    bind = op.get_bind()
    user = sa.table('user', sa.column('id', sa.Integer), sa.column('account_key', sa.String))
    for (user_id,) in bind.execute(sa.select(user.c.id)).all():
        bind.execute(user.update().where(user.c.id == user_id).values(account_key=secrets.token_urlsafe(32)))
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.alter_column('account_key', existing_type=sa.String(length=64), nullable=False)
    _rebuild_user(autoincrement=True)

    # A template saved from a client's program kept her program's notes: they were hers, not the template's.
    op.execute("UPDATE program_template_item SET notes = NULL")


def downgrade():
    _rebuild_user(autoincrement=False)
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('account_key')

    with op.batch_alter_table('reminder_setting', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_reminder_setting_unsubscribe_key'), type_='unique')
        batch_op.drop_column('unsubscribe_key')

    # The earlier sign-up made the account from the row; one without a name and password can't be finished there.
    op.execute("DELETE FROM pending_registration")
    with op.batch_alter_table('pending_registration', schema=None) as batch_op:
        batch_op.add_column(sa.Column('display_name', sa.VARCHAR(length=80), nullable=False, server_default=""))
        batch_op.add_column(sa.Column('password_hash', sa.VARCHAR(length=255), nullable=False, server_default=""))
