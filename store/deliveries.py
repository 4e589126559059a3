"""Subscriptions and the delivery ledger. All SQL of the digest machinery lives here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import and_, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from store.dto import (
    AgreementInfo,
    ClaimedDelivery,
    DigestStats,
    DueDelivery,
    EventInfo,
    TradeInfo,
)
from store.mappers import agreement_infos, aware, event_infos, trade_infos
from store.models import (
    Agreement,
    Delivery,
    DigestRun,
    Event,
    Subscription,
    TradeFigure,
)
from store.subscriptions import subscription_info
from store.visibility import agreement_visible, event_visible, trade_visible

# ------------------------------------------------------------------ subscriptions


# ------------------------------------------------------------------ the tick


async def create_due_deliveries(
    session: AsyncSession, due: Sequence[DueDelivery], now: dt.datetime
) -> int:
    """Insert the ledger rows; an existing (subscription, period) row is left alone. Each new
    row covers from its subscription's last coverage to now, which then moves to now: after
    downtime that is one catch-up digest, not one per missed day."""
    if not due:
        return 0
    run = DigestRun(started_at=now, created=0)
    session.add(run)
    await session.flush()
    coverage = dict(
        (
            await session.execute(
                select(Subscription.id, Subscription.covered_until).where(
                    Subscription.id.in_([d.subscription_id for d in due])
                )
            )
        ).all()
    )
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    created = 0
    for chunk_start in range(0, len(due), 500):
        chunk = due[chunk_start : chunk_start + 500]
        statement = (
            insert(Delivery)
            .values(
                [
                    {
                        "subscription_id": d.subscription_id,
                        "run_id": run.id,
                        "period": d.period,
                        "due_at": d.due_at,
                        "covers_from": aware(coverage[d.subscription_id]),
                        "covers_to": now,
                        "status": "pending",
                        "next_attempt_at": now,
                        "attempts": 0,
                        "messages_sent": 0,
                    }
                    for d in chunk
                    if d.subscription_id in coverage
                ]
            )
            .on_conflict_do_nothing(index_elements=["subscription_id", "period"])
        )
        inserted = (await session.execute(statement.returning(Delivery.subscription_id))).all()
        ids = [row[0] for row in inserted]
        created += len(ids)
        if ids:
            await session.execute(
                update(Subscription).where(Subscription.id.in_(ids)).values(covered_until=now)
            )
    run.created = created
    await session.commit()
    return created


async def newest_fact_at(session: AsyncSession) -> dt.datetime | None:
    """When the newest fact entered the database (instant subscriptions wait for one)."""
    newest = [
        aware(await session.scalar(select(func.max(model.created_at))))
        for model in (Event, Agreement, TradeFigure)
    ]
    present = [moment for moment in newest if moment is not None]
    return max(present) if present else None


async def existing_periods(
    session: AsyncSession, wanted: Sequence[tuple[int, str]]
) -> set[tuple[int, str]]:
    found: set[tuple[int, str]] = set()
    ids = sorted({subscription_id for subscription_id, _ in wanted})
    for start in range(0, len(ids), 900):
        rows = await session.execute(
            select(Delivery.subscription_id, Delivery.period).where(
                Delivery.subscription_id.in_(ids[start : start + 900])
            )
        )
        found |= {(a, b) for a, b in rows}
    return found


# ------------------------------------------------------------------ the sender


async def claim(
    session: AsyncSession, worker: str, now: dt.datetime, limit: int
) -> list[ClaimedDelivery]:
    """Take pending deliveries that are due. On PostgreSQL `FOR UPDATE SKIP LOCKED` lets
    several senders claim side by side without ever taking the same row."""
    query = (
        select(Delivery, Subscription)
        .join(Subscription, Subscription.id == Delivery.subscription_id)
        .where(
            Delivery.status == "pending",
            Delivery.next_attempt_at <= now,
            Subscription.active.is_(True),
        )
        .order_by(Delivery.due_at, Delivery.id)
        .limit(limit)
    )
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True, of=Delivery)
    rows = (await session.execute(query)).all()
    claimed = []
    for delivery, subscription in rows:
        delivery.status, delivery.claimed_by, delivery.claimed_at = "claimed", worker, now
        delivery.attempts += 1
        claimed.append(
            ClaimedDelivery(
                delivery.id,
                subscription_info(subscription),
                delivery.period,
                aware(delivery.covers_from) or now,
                aware(delivery.covers_to) or now,
                delivery.attempts,
                list(delivery.payload) if delivery.payload else None,
                delivery.messages_sent,
            )
        )
    await session.commit()
    return claimed


async def release_stale_claims(
    session: AsyncSession, now: dt.datetime, lease: dt.timedelta, worker: str
) -> int:
    """Claims of a sender that died (killed, crashed, stalled) go back to the queue once
    their lease ran out; a live sender renews its own (`renew_claims`), and never releases
    them itself: it would claim its own work again and send it twice."""
    result = await session.execute(
        update(Delivery)
        .where(
            Delivery.status == "claimed",
            Delivery.claimed_at < now - lease,
            Delivery.claimed_by != worker,
        )
        .values(status="pending", claimed_by=None, next_attempt_at=now)
    )
    await session.commit()
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def renew_claims(session: AsyncSession, worker: str, now: dt.datetime) -> int:
    """The sender's heartbeat: its claims stay its own while it lives, however long a
    flood wait or a batch takes."""
    result = await session.execute(
        update(Delivery)
        .where(Delivery.status == "claimed", Delivery.claimed_by == worker)
        .values(claimed_at=now)
    )
    await session.commit()
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def keep_claim(
    session: AsyncSession, delivery_id: int, worker: str, now: dt.datetime
) -> bool:
    """Right before a send: renew the claim if it is still this sender's, in one statement,
    so no other sender can take it over between the check and the send's lease start."""
    result = await session.execute(
        update(Delivery)
        .where(
            Delivery.id == delivery_id,
            Delivery.status == "claimed",
            Delivery.claimed_by == worker,
        )
        .values(claimed_at=now)
    )
    await session.commit()
    return int(result.rowcount or 0) == 1  # type: ignore[attr-defined]


async def release_claims_of(session: AsyncSession, worker: str, now: dt.datetime) -> int:
    """On a graceful stop: hand unfinished deliveries back at once."""
    result = await session.execute(
        update(Delivery)
        .where(Delivery.status == "claimed", Delivery.claimed_by == worker)
        .values(status="pending", claimed_by=None, next_attempt_at=now)
    )
    await session.commit()
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def save_payloads(session: AsyncSession, payloads: dict[int, list[str]]) -> None:
    """Store composed digests in one transaction, before anything is sent: a resend after a
    crash then sends exactly the same text."""
    if payloads:
        await session.execute(
            update(Delivery), [{"id": key, "payload": value} for key, value in payloads.items()]
        )
        await session.commit()


async def finish_many(
    session: AsyncSession, ids: Sequence[int], status: str, now: dt.datetime
) -> None:
    if ids:
        await session.execute(
            update(Delivery)
            .where(Delivery.id.in_(ids))
            .values(status=status, finished_at=now, claimed_by=None)
        )
        await session.commit()


async def mark_sent(session: AsyncSession, delivery_id: int, messages_sent: int) -> None:
    await session.execute(
        update(Delivery).where(Delivery.id == delivery_id).values(messages_sent=messages_sent)
    )
    await session.commit()


async def finish(
    session: AsyncSession, delivery_id: int, status: str, now: dt.datetime, error: str | None = None
) -> None:
    await session.execute(
        update(Delivery)
        .where(Delivery.id == delivery_id)
        .values(
            status=status, finished_at=now, error=(error or None) and error[:500], claimed_by=None
        )
    )
    if status == "failed":
        # Give the failed window back, so the next digest carries what this one could not.
        delivery = await session.get(Delivery, delivery_id)
        if delivery is not None:
            await session.execute(
                update(Subscription)
                .where(
                    Subscription.id == delivery.subscription_id,
                    Subscription.covered_until == delivery.covers_to,
                )
                .values(covered_until=delivery.covers_from)
            )
    await session.commit()


async def retry_later(session: AsyncSession, delivery_id: int, at: dt.datetime, error: str) -> None:
    await session.execute(
        update(Delivery)
        .where(Delivery.id == delivery_id)
        .values(status="pending", claimed_by=None, next_attempt_at=at, error=error[:500])
    )
    await session.commit()


# ------------------------------------------------------------------ what a digest holds

Entry = tuple[str, EventInfo | AgreementInfo | TradeInfo, dt.datetime]


async def entries_published_between(
    session: AsyncSession, start: dt.datetime, end: dt.datetime
) -> list[Entry]:
    """Facts that entered the database in (start, end] and are visible now."""
    found: list[Entry] = []
    events = (
        await session.scalars(
            select(Event).where(Event.created_at > start, Event.created_at <= end, event_visible())
        )
    ).all()
    for info, row in zip(await event_infos(session, events), events, strict=True):
        found.append(("event", info, aware(row.created_at) or end))
    agreements = (
        await session.scalars(
            select(Agreement).where(
                Agreement.created_at > start, Agreement.created_at <= end, agreement_visible()
            )
        )
    ).all()
    for agreement_info, agreement in zip(
        await agreement_infos(session, agreements), agreements, strict=True
    ):
        found.append(("agreement", agreement_info, aware(agreement.created_at) or end))
    figures = (
        await session.scalars(
            select(TradeFigure).where(
                TradeFigure.created_at > start, TradeFigure.created_at <= end, trade_visible()
            )
        )
    ).all()
    for trade_info, figure in zip(await trade_infos(session, figures), figures, strict=True):
        found.append(("trade", trade_info, aware(figure.created_at) or end))
    return found


# ------------------------------------------------------------------ statistics


async def stats(session: AsyncSession) -> DigestStats:
    counts: dict[str, Any] = {}
    for label, condition in (
        ("active", and_(Subscription.active.is_(True), Subscription.paused.is_(False))),
        ("paused", and_(Subscription.active.is_(True), Subscription.paused.is_(True))),
        ("deactivated", Subscription.active.is_(False)),
    ):
        counts[label] = int(
            await session.scalar(select(func.count()).select_from(Subscription).where(condition))
            or 0
        )
    by_status = dict(
        (
            await session.execute(select(Delivery.status, func.count()).group_by(Delivery.status))
        ).all()
    )
    runs = (
        await session.execute(
            select(DigestRun.started_at, DigestRun.created)
            .order_by(DigestRun.started_at.desc())
            .limit(5)
        )
    ).all()
    return DigestStats(
        counts["active"],
        counts["paused"],
        counts["deactivated"],
        {str(k): int(v) for k, v in by_status.items()},
        [(aware(at) or dt.datetime.now(dt.UTC), int(n)) for at, n in runs],
    )
