"""aiogram routers, one module per command group; `get_routers` assembles them in order.

Each module builds its router in `create_router()`, so every dispatcher gets fresh routers
(an aiogram router can belong to one parent only) and nothing is built at import time.
"""

from aiogram import Router

from handlers import (
    admin,
    browse,
    common,
    country,
    exports,
    feeds,
    fixes,
    inline,
    language,
    navigation,
    person,
    refusals,
    review,
    search,
    subscriptions,
    treaty,
    uploads,
)


def get_routers() -> list[Router]:
    return [
        country.create_router(),
        treaty.create_router(),
        person.create_router(),
        browse.create_router(),
        exports.create_router(),
        subscriptions.create_router(),
        admin.create_router(),
        # Before plain-text search: an admin's pasted article is not a query.
        uploads.create_router(),
        review.create_router(),
        fixes.create_router(),
        feeds.create_router(),
        refusals.create_router(),
        language.create_router(),
        inline.create_router(),
        navigation.create_router(),
        # Plain-text search after every command router, the fallback for commands last.
        search.create_router(),
        common.create_router(),
    ]
