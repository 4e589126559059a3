"""aiogram routers, one module per command group; `get_routers` assembles them in order.

Each module builds its router in `create_router()`, so every dispatcher gets fresh routers
(an aiogram router can belong to one parent only) and nothing is built at import time.
"""

from aiogram import Router

from handlers import common, country, person, treaty


def get_routers() -> list[Router]:
    # common last: its fallback answers whatever no other router took.
    return [
        country.create_router(),
        treaty.create_router(),
        person.create_router(),
        common.create_router(),
    ]
