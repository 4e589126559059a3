"""facts carry their texts in English beside the Russian

Revision ID: 0009
Revises: 0008

The free texts of a fact (an event's title, summary and place; a document's title and
summary; a trade figure's or relation level's note) get an English column each. Curated
facts fill them from the seeds; for uploaded facts the English is generated from the
structured fields when shown (an event's title) or when published (a document's title,
rendered by rule: `title_en_sure` says whether every word of it was known).
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS: dict[str, tuple[tuple[str, sa.types.TypeEngine[Any]], ...]] = {
    "events": (
        ("title_en", sa.String(500)),
        ("summary_en", sa.Text()),
        ("place_en", sa.String(200)),
    ),
    "agreements": (
        ("title_en", sa.String(500)),
        ("summary_en", sa.Text()),
        # False: a rendering by rule with a word the glossary lacks; shown with the original
        ("title_en_sure", sa.Boolean()),
    ),
    "trade_figures": (("note_en", sa.Text()),),
    "relation_levels": (("note_en", sa.Text()),),
}


def upgrade() -> None:
    for table, columns in COLUMNS.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name, type_ in columns:
                batch_op.add_column(sa.Column(name, type_, nullable=True))


def downgrade() -> None:
    for table, columns in COLUMNS.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name, _type in reversed(columns):
                batch_op.drop_column(name)
