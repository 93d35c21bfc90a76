"""self-check answers (自查评分表 items 1, 2, 5, answered by the department)

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-04 14:46:41.578530

Only a new table: nothing existing is altered.
"""

import sqlalchemy as sa
from alembic import op


revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('self_check_answers',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('department_id', sa.String(length=36), nullable=False),
    sa.Column('item_no', sa.Integer(), nullable=False),
    sa.Column('answer', sa.String(length=4), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('answered_by', sa.String(length=20), nullable=False),
    sa.Column('answered_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_self_check_answers_department_id_departments')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_self_check_answers'))
    )
    with op.batch_alter_table('self_check_answers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_self_check_answers_department_id'), ['department_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('self_check_answers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_self_check_answers_department_id'))

    op.drop_table('self_check_answers')
