"""review mode is the base mode; special steps are added to it

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 10:00:00.000000
"""

import sqlalchemy as sa
from alembic import op


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

# 特别程序 was stored as a mode of its own and meant 一审一核 plus the matter's registered special
# steps. The mode is now the base mode only, and 特别程序 is how a matter with steps is shown.
LEGACY, BASE = '特别程序', '一审一核'
HAS_STEPS = 'EXISTS (SELECT 1 FROM special_step_defs d WHERE d.version_id = matter_versions.id)'


def upgrade() -> None:
    op.execute(sa.text('UPDATE matter_versions SET review_mode = :base WHERE review_mode = :legacy')
               .bindparams(base=BASE, legacy=LEGACY))


def downgrade() -> None:
    # The older code needs 特别程序 on every matter with special steps and reads it as 一审一核 plus
    # the steps: exactly the 一审一核 versions with steps. A 审核合一 or 一审两核 version with steps
    # (which that code could not express) keeps its mode, so its people are not changed.
    op.execute(sa.text(f'UPDATE matter_versions SET review_mode = :legacy WHERE review_mode = :base AND {HAS_STEPS}')
               .bindparams(base=BASE, legacy=LEGACY))
