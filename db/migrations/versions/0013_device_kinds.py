"""devices with a scope: the kind of machine an enrollment code enrolls, and the device that issued a ticket

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 10:00:00.000000
"""

import sqlalchemy as sa
from alembic import op


revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Every machine enrolled so far was enrolled as a workstation, and every code made so far is one.
    for table in ('enrollment_codes', 'workstations'):
        op.add_column(table, sa.Column('kind', sa.String(length=12), server_default='workstation', nullable=False))
        op.add_column(table, sa.Column('window_no', sa.Integer(), nullable=True))
    op.add_column('tickets', sa.Column('issued_by', sa.String(length=36), nullable=True))


def downgrade() -> None:
    op.drop_column('tickets', 'issued_by')
    for table in ('workstations', 'enrollment_codes'):
        op.drop_column(table, 'window_no')
        op.drop_column(table, 'kind')
