"""supervision sweeps on record (the next sweep judges the acts of the days since)

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-04 17:30:00

Only a new table: nothing existing is altered.
"""

import sqlalchemy as sa
from alembic import op


revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('supervision_sweeps',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('swept_on', sa.Date(), nullable=False),
    sa.Column('full', sa.Boolean(), nullable=False),
    sa.Column('found', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supervision_sweeps'))
    )
    with op.batch_alter_table('supervision_sweeps', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_supervision_sweeps_at'), ['at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('supervision_sweeps', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_supervision_sweeps_at'))

    op.drop_table('supervision_sweeps')
