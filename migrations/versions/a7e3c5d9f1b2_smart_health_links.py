"""SMART Health Links she makes (share_link: an unguessable manifest id, the key, expiry, passcode hash, the
encrypted record) and each time one is opened (share_access: when, and the recipient the viewer gave)

Revision ID: a7e3c5d9f1b2
Revises: f1c7d9a3b5e8
Create Date: 2026-12-08 00:10:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'a7e3c5d9f1b2'
down_revision = 'f1c7d9a3b5e8'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'share_link',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('member_id', sa.Integer(), nullable=False),
        sa.Column('manifest_id', sa.String(length=43), nullable=False),
        sa.Column('key', sa.String(length=43), nullable=False),
        sa.Column('label', sa.String(length=80), nullable=False),
        sa.Column('include', sa.String(length=12), nullable=False),
        sa.Column('passcode_hash', sa.String(length=255), nullable=True),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('disabled_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('jwe', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("include IN ('everything', 'bone')", name=op.f('ck_share_link_include')),
        sa.ForeignKeyConstraint(['member_id'], ['user.id'], name=op.f('fk_share_link_member_id_user'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_share_link')),
        sa.UniqueConstraint('manifest_id', name=op.f('uq_share_link_manifest_id')),
    )
    op.create_index(op.f('ix_share_link_member_id'), 'share_link', ['member_id'], unique=False)
    op.create_table(
        'share_access',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('link_id', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('recipient', sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(['link_id'], ['share_link.id'], name=op.f('fk_share_access_link_id_share_link'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_share_access')),
    )
    op.create_index(op.f('ix_share_access_link_id'), 'share_access', ['link_id'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_share_access_link_id'), table_name='share_access')
    op.drop_table('share_access')
    op.drop_index(op.f('ix_share_link_member_id'), table_name='share_link')
    op.drop_table('share_link')
