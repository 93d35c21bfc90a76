"""supervision signals, problem ledger, where workstations stand

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-04 14:32:11.573831

Signals are found by the center's sweep (app.supervision); ledger rows are entered by supervisors.
Every workstation enrolled so far stands in the hall until a manager records otherwise.
"""

import sqlalchemy as sa
from alembic import op


revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('ledger_items',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('item_no', sa.String(length=40), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('found_on', sa.Date(), nullable=False),
    sa.Column('department_id', sa.String(length=36), nullable=True),
    sa.Column('matter', sa.String(length=200), nullable=False),
    sa.Column('window_no', sa.Integer(), nullable=True),
    sa.Column('staff_no', sa.String(length=20), nullable=False),
    sa.Column('problem_type', sa.String(length=20), nullable=False),
    sa.Column('facts', sa.Text(), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('responsible_unit', sa.String(length=120), nullable=False),
    sa.Column('measure', sa.Text(), nullable=False),
    sa.Column('deadline_days', sa.Integer(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('created_by', sa.String(length=20), nullable=False),
    sa.Column('verifier', sa.String(length=20), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_ledger_items_department_id_departments')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ledger_items')),
    sa.UniqueConstraint('item_no', name=op.f('uq_ledger_items_item_no'))
    )
    with op.batch_alter_table('ledger_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ledger_items_department_id'), ['department_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ledger_items_status'), ['status'], unique=False)

    op.create_table('supervision_signals',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('key', sa.String(length=300), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('level', sa.String(length=4), nullable=False),
    sa.Column('department_id', sa.String(length=36), nullable=True),
    sa.Column('case_no', sa.String(length=40), nullable=False),
    sa.Column('staff_no', sa.String(length=20), nullable=False),
    sa.Column('occurred_at', sa.DateTime(), nullable=True),
    sa.Column('found_at', sa.DateTime(), nullable=False),
    sa.Column('why', sa.Text(), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('explained_at', sa.DateTime(), nullable=True),
    sa.Column('explained_by', sa.String(length=20), nullable=False),
    sa.Column('explanation', sa.Text(), nullable=False),
    sa.Column('ledger_item_id', sa.String(length=36), nullable=True),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_supervision_signals_department_id_departments')),
    sa.ForeignKeyConstraint(['ledger_item_id'], ['ledger_items.id'], name=op.f('fk_supervision_signals_ledger_item_id_ledger_items')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supervision_signals')),
    sa.UniqueConstraint('key', name=op.f('uq_supervision_signals_key'))
    )
    with op.batch_alter_table('supervision_signals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_supervision_signals_department_id'), ['department_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_supervision_signals_kind'), ['kind'], unique=False)

    # Plain columns, not a batch copy: other tables' foreign keys point at workstations.
    op.add_column('workstations', sa.Column('in_hall', sa.Boolean(), server_default=sa.true(), nullable=False))
    op.add_column('workstations', sa.Column('place', sa.String(length=60), server_default='', nullable=False))
    op.add_column('enrollment_codes', sa.Column('place', sa.String(length=60), server_default='', nullable=False))



def downgrade() -> None:
    op.drop_column('enrollment_codes', 'place')
    op.drop_column('workstations', 'place')
    op.drop_column('workstations', 'in_hall')

    with op.batch_alter_table('supervision_signals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_supervision_signals_kind'))
        batch_op.drop_index(batch_op.f('ix_supervision_signals_department_id'))

    op.drop_table('supervision_signals')
    with op.batch_alter_table('ledger_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ledger_items_status'))
        batch_op.drop_index(batch_op.f('ix_ledger_items_department_id'))

    op.drop_table('ledger_items')
