"""inbox index: open cases by matter

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 19:20:00.000000
"""

from alembic import op


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # An inbox reads its departments' open cases: with matter_id in the index it no longer visits
    # every open case of the hall.
    op.drop_index('ix_cases_open', table_name='cases')
    op.create_index('ix_cases_open', 'cases', ['status', 'decision', 'matter_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_cases_open', table_name='cases')
    op.create_index('ix_cases_open', 'cases', ['status', 'decision'], unique=False)
