"""outbox: mutation ids unique per workstation

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-14 10:00:00.000000
"""

from alembic import op


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Ids are counted per workstation; a store holding another workstation's entries (seeded or
    # restored elsewhere) must not collide with them.
    with op.batch_alter_table('sync_outbox', schema=None, recreate='always') as batch_op:
        batch_op.drop_constraint('pk_sync_outbox', type_='primary')
        batch_op.create_primary_key('pk_sync_outbox', ['workstation_id', 'mutation_id'])


def downgrade() -> None:
    with op.batch_alter_table('sync_outbox', schema=None, recreate='always') as batch_op:
        batch_op.drop_constraint('pk_sync_outbox', type_='primary')
        batch_op.create_primary_key('pk_sync_outbox', ['mutation_id'])
