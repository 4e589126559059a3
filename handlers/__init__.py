"""aiogram routers, one module per command group; `get_routers` assembles them in order."""

from aiogram import Router

from handlers import common, country, person, treaty


def get_routers() -> list[Router]:
    # common last: its fallback answers whatever no other router took.
    return [country.router, treaty.router, person.router, common.router]
