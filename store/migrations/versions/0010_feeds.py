"""watched sources and the items they list

Revision ID: 0010
Revises: 0009

`feed_sources`: the feeds (or pages naming one) admins trust, with what polite polling
needs (ETag, Last-Modified, the next poll, back-off, the last error). `feed_items`: every
item seen, recorded before it is processed, unique per source and GUID.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "feed_sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(1000), nullable=False),
        sa.Column("feed_url", sa.String(1000), nullable=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("trust", sa.String(10), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("interval_seconds", sa.Integer(), nullable=False),
        sa.Column("etag", sa.String(300), nullable=True),
        sa.Column("last_modified", sa.String(100), nullable=True),
        sa.Column("next_poll_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_polled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.String(500), nullable=True),
        sa.Column("allowed_hosts", sa.JSON(), nullable=False),
        sa.Column("polled_once", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feed_sources")),
        sa.UniqueConstraint("url", name=op.f("uq_feed_sources_url")),
    )
    op.create_index(
        op.f("ix_feed_sources_next_poll_at"), "feed_sources", ["next_poll_at"], unique=False
    )
    op.create_table(
        "feed_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("guid", sa.String(500), nullable=False),
        sa.Column("url", sa.String(1000), nullable=True),
        sa.Column("title", sa.String(500), nullable=True),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("error", sa.String(500), nullable=True),
        sa.Column("draft", sa.JSON(), nullable=True),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("announced", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["feed_sources.id"],
            name=op.f("fk_feed_items_source_id_feed_sources"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_feed_items_article_id_articles"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feed_items")),
        sa.UniqueConstraint("source_id", "guid", name=op.f("uq_feed_items_source_id_guid")),
    )
    op.create_index(op.f("ix_feed_items_source_id"), "feed_items", ["source_id"], unique=False)
    op.create_index(op.f("ix_feed_items_url"), "feed_items", ["url"], unique=False)
    op.create_index(op.f("ix_feed_items_status"), "feed_items", ["status"], unique=False)


def downgrade() -> None:
    op.drop_table("feed_items")
    op.drop_index(op.f("ix_feed_sources_next_poll_at"), table_name="feed_sources")
    op.drop_table("feed_sources")
