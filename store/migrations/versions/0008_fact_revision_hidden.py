"""facts can be corrected and hidden after publishing

Revision ID: 0008
Revises: 0007

`revision` counts an admin's corrections of a fact (a write names the revision it was made
against, so two admins cannot half-apply a change; seeding leaves an edited fact alone);
`hidden` takes a fact out of every card, list, search and digest without deleting it.
Existing facts start unedited and shown.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("events", "agreements", "trade_figures", "person_roles")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("revision", sa.Integer(), server_default="0", nullable=False)
            )
            batch_op.add_column(
                sa.Column("hidden", sa.Boolean(), server_default=sa.false(), nullable=False)
            )


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("hidden")
            batch_op.drop_column("revision")
