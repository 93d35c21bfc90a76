"""hall settings: the center's name, address and phone; each department's seals, reconsideration body and court

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 10:00:00.000000
"""

import sqlalchemy as sa
from alembic import op


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Empty on an existing hall: until a manager fills them in, notices print no center name and
    # the generic wording of the rights of appeal, and each seal carries the department's name.
    op.create_table('hall_settings',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('center_name', sa.String(length=60), nullable=False),
    sa.Column('center_address', sa.String(length=200), nullable=False),
    sa.Column('center_phone', sa.String(length=40), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hall_settings'))
    )
    op.create_table('department_settings',
    sa.Column('department_id', sa.String(length=36), nullable=False),
    sa.Column('acceptance_seal', sa.String(length=30), nullable=False),
    sa.Column('acceptance_seal_purpose', sa.String(length=12), nullable=False),
    sa.Column('approval_seal', sa.String(length=30), nullable=False),
    sa.Column('approval_seal_purpose', sa.String(length=12), nullable=False),
    sa.Column('reconsideration_body', sa.String(length=60), nullable=False),
    sa.Column('court', sa.String(length=60), nullable=False),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_department_settings_department_id_departments'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('department_id', name=op.f('pk_department_settings'))
    )


def downgrade() -> None:
    op.drop_table('department_settings')
    op.drop_table('hall_settings')
