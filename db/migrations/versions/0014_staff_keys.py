"""staff keys: each person's signing key wrapped under their password, the center's public keys,
person sessions, challenges and failed logins; signed outbox mutations

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03 18:00:00.000000

A person's password no longer has a hash of its own: opening their wrapped key is the check.
Staff migrated from an older store have no key yet; a manager's reset gives them one.
"""

import sqlalchemy as sa
from alembic import op


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.add_column(sa.Column('signing_key', sa.Text(), nullable=True))
        batch_op.add_column(
            sa.Column('must_change_password', sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.drop_column('password_hash')
    op.create_table('staff_keys',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('staff_id', sa.String(length=36), nullable=False),
    sa.Column('public_key', sa.String(length=64), nullable=False),
    sa.Column('valid_from', sa.DateTime(), nullable=False),
    sa.Column('revoked_at', sa.DateTime(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_staff_keys_staff_id_staff'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_keys'))
    )
    op.create_index('ix_staff_keys_staff', 'staff_keys', ['staff_id'], unique=False)
    op.create_table('person_sessions',
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('staff_id', sa.String(length=36), nullable=False),
    sa.Column('workstation_id', sa.String(length=36), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=False),
    sa.Column('last_used_at', sa.DateTime(), nullable=False),
    sa.Column('ended_at', sa.DateTime(), nullable=True),
    sa.Column('end_reason', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_person_sessions_staff_id_staff'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('token_hash', name=op.f('pk_person_sessions'))
    )
    op.create_table('session_challenges',
    sa.Column('nonce', sa.String(length=64), nullable=False),
    sa.Column('workstation_id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('used_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('nonce', name=op.f('pk_session_challenges'))
    )
    op.create_table('login_failures',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('staff_id', sa.String(length=36), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('workstation_id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_login_failures_staff_id_staff'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_login_failures'))
    )
    op.create_index('ix_login_failures_staff_at', 'login_failures', ['staff_id', 'at'], unique=False)
    with op.batch_alter_table('sync_outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('signature', sa.String(length=100), nullable=False, server_default=''))
    with op.batch_alter_table('received_mutations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('signed_by', sa.String(length=40), nullable=False, server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('received_mutations', schema=None) as batch_op:
        batch_op.drop_column('signed_by')
    with op.batch_alter_table('sync_outbox', schema=None) as batch_op:
        batch_op.drop_column('signature')
    op.drop_index('ix_login_failures_staff_at', table_name='login_failures')
    op.drop_table('login_failures')
    op.drop_table('session_challenges')
    op.drop_table('person_sessions')
    op.drop_index('ix_staff_keys_staff', table_name='staff_keys')
    op.drop_table('staff_keys')
    with op.batch_alter_table('staff', schema=None) as batch_op:
        # Nobody can log in with this: a manager's reset on the older code gives each a password.
        batch_op.add_column(sa.Column('password_hash', sa.String(length=200), nullable=False, server_default='-'))
        batch_op.drop_column('must_change_password')
        batch_op.drop_column('signing_key')
