"""list views belong to a chat

Revision ID: 0007
Revises: 0006

Views stored before this have no chat: they are served to nobody (they expire within a
week anyway) and pruned with the rest.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("list_views", schema=None) as batch_op:
        batch_op.add_column(sa.Column("chat_id", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("list_views", schema=None) as batch_op:
        batch_op.drop_column("chat_id")
