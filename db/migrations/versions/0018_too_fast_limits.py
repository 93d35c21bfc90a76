"""per-matter limits of 提前办结异常, set by a manager

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-04 17:50:00

Only a new table: nothing existing is altered.
"""

import sqlalchemy as sa
from alembic import op


revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('too_fast_limits',
    sa.Column('matter_id', sa.String(length=36), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('set_by', sa.String(length=20), nullable=False),
    sa.Column('set_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['matter_id'], ['matters.id'], name=op.f('fk_too_fast_limits_matter_id_matters')),
    sa.PrimaryKeyConstraint('matter_id', name=op.f('pk_too_fast_limits'))
    )


def downgrade() -> None:
    op.drop_table('too_fast_limits')
