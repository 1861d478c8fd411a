"""Sign-ins kept on the server (login_session replaces user.session_token); receipts of handled forms;
invitations by email that wait for an account; registrations that wait for their mailed link

Revision ID: 483446a41bea
Revises: fcdf195f88ec
Create Date: 2026-12-01 22:30:22.022703

"""
import secrets

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '483446a41bea'
down_revision = 'fcdf195f88ec'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('form_receipt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('submission_id', sa.String(length=32), nullable=False),
    sa.Column('form_path', sa.String(length=200), nullable=False),
    sa.Column('location', sa.String(length=400), nullable=False),
    sa.Column('made_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_form_receipt_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_form_receipt')),
    sa.UniqueConstraint('user_id', 'submission_id', 'form_path', name='uq_form_receipt_submission')
    )
    with op.batch_alter_table('form_receipt', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_form_receipt_user_id'), ['user_id'], unique=False)

    op.create_table('login_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('secret_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_login_session_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_login_session')),
    sa.UniqueConstraint('secret_hash', name=op.f('uq_login_session_secret_hash'))
    )
    with op.batch_alter_table('login_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_login_session_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_user_session_token'), type_='unique')
        batch_op.drop_column('session_token')

    op.create_table('pending_registration',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('secret_hash', sa.String(length=64), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('display_name', sa.String(length=80), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pending_registration')),
    sa.UniqueConstraint('secret_hash', name=op.f('uq_pending_registration_secret_hash'))
    )
    with op.batch_alter_table('pending_registration', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pending_registration_email'), ['email'], unique=False)

    # An invitation by email waits for a therapist account with that address.
    with op.batch_alter_table('care_link', schema=None) as batch_op:
        batch_op.add_column(sa.Column('invited_email', sa.String(length=254), nullable=True))
        batch_op.alter_column('therapist_id', existing_type=sa.INTEGER(), nullable=True)



def downgrade():
    # Invitations still waiting for an account had no place before: they go.
    care_link = sa.table('care_link', sa.column('therapist_id', sa.Integer))
    op.get_bind().execute(care_link.delete().where(care_link.c.therapist_id.is_(None)))
    with op.batch_alter_table('care_link', schema=None) as batch_op:
        batch_op.alter_column('therapist_id', existing_type=sa.INTEGER(), nullable=False)
        batch_op.drop_column('invited_email')

    # Every account gets a fresh token: signed in nowhere, as after "sign out everywhere".
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_token', sa.VARCHAR(length=64), nullable=True))
    connection = op.get_bind()
    user = sa.table('user', sa.column('id', sa.Integer), sa.column('session_token', sa.String))
    for (user_id,) in connection.execute(sa.select(user.c.id)).all():
        connection.execute(user.update().where(user.c.id == user_id).values(session_token=secrets.token_urlsafe(32)))
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.alter_column('session_token', existing_type=sa.VARCHAR(length=64), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_user_session_token'), ['session_token'])

    with op.batch_alter_table('pending_registration', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pending_registration_email'))
    op.drop_table('pending_registration')

    with op.batch_alter_table('login_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_login_session_user_id'))

    op.drop_table('login_session')
    with op.batch_alter_table('form_receipt', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_form_receipt_user_id'))

    op.drop_table('form_receipt')
