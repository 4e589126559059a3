"""Correcting published facts (/fix) through the real dispatcher, buttons pressed by label:
a field chosen or typed, bad values, hide / show, detach / reattach a source, two admins on
the same fact, strangers, another process, and seeding that must not undo a correction."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot import SEEDS_DIR, fixes
from bot.runtime import Runtime, prepare_database
from bot.telegram.client import as_plain_text
from handlers.callback_data import FixButton, SectionButton
from store.models import Agreement, AuditEntry, Event, EventCountry
from store.seed import load_seeds
from store.seed_files import read_seeds
from tests.harness import Harness, make_callback, make_update
from tests.harness.uploads import ADMIN, OTHER_ADMIN, alerts, shown

STRANGER = 77
TREATY = "Договор о союзнических отношениях"


async def _treaty_id(runtime: Runtime) -> int:
    async with runtime.session_factory() as session:
        found = await session.scalar(select(Agreement.id).where(Agreement.title == TREATY))
    assert found is not None
    return found


async def _agreement(runtime: Runtime, agreement_id: int) -> Agreement:
    async with runtime.session_factory() as session:
        row = await session.get(Agreement, agreement_id)
    assert row is not None
    return row


async def _fixes(runtime: Runtime) -> list[dict[str, object]]:
    async with runtime.session_factory() as session:
        entries = (
            await session.scalars(select(AuditEntry).where(AuditEntry.action == "fix"))
        ).all()
    return [dict(entry.details) for entry in entries]


async def _treaty(harness: Harness, user_id: int = ADMIN) -> str:
    return as_plain_text("\n".join(await harness.send("/treaty союзнич", user_id=user_id)))


async def test_open_from_search_and_correct_by_choice_and_by_reply(
    admin_harness: Harness, runtime: Runtime
) -> None:
    treaty = await _treaty_id(runtime)
    await admin_harness.send("/search союзнических", user_id=ADMIN)
    opened = await admin_harness.click("1", user_id=ADMIN)
    assert f"Исправить a{treaty}" in str(opened)
    card = shown(await admin_harness.click(f"✏️ Исправить a{treaty}", user_id=ADMIN))
    assert f"документ a{treaty}" in card and "Источники (3)" in card

    await admin_harness.click("статус", user_id=ADMIN)
    saved = await admin_harness.click("действует", user_id=ADMIN)
    assert "Сохранено" in alerts(saved)[0] and "(договор, действует)" in shown(saved)
    assert "(договор, действует)" in await _treaty(admin_harness)

    await admin_harness.click("дата", user_id=ADMIN)
    for bad, message in [("31.02.2024", "Такой даты не бывает"), ("завтра", "Не понял дату")]:
        answer = as_plain_text("\n".join(await admin_harness.send(bad, user_id=ADMIN)))
        assert message in answer and "Ничего не изменено" in answer
    assert (await _agreement(runtime, treaty)).signed_on.isoformat() == "2024-08-22"  # type: ignore[union-attr]
    done = as_plain_text("\n".join(await admin_harness.send("08.2024", user_id=ADMIN)))
    assert "август 2024" in done
    stored = await _agreement(runtime, treaty)
    assert (stored.signed_precision, stored.revision) == ("month", 2)

    await admin_harness.click("страны", user_id=ADMIN)
    await admin_harness.send("Марс", user_id=ADMIN)
    await admin_harness.send("/cancel", user_id=ADMIN)
    assert "Таджикистан" in await _treaty(admin_harness)  # nothing changed, and lookups work

    fixes = await _fixes(runtime)
    assert [(f["field"], f["fact"]) for f in fixes] == [
        ("status", f"a{treaty}"),
        ("date", f"a{treaty}"),
    ]
    assert fixes[0]["before"] == {"status": "signed"} and fixes[0]["after"] == {
        "status": "in_force"
    }
    assert fixes[1]["before"]["signed_on"] == "2024-08-22"  # type: ignore[index]


async def test_hide_show_detach_and_reattach(admin_harness: Harness, runtime: Runtime) -> None:
    treaty = await _treaty_id(runtime)
    card = "\n".join(await admin_harness.send("/country TJ"))
    assert f"</b> — {TREATY} (договор" in card
    await admin_harness.send(f"/fix a{treaty}", user_id=ADMIN)
    await admin_harness.click("✂️ Отвязать [1]", user_id=ADMIN)
    sources = await _treaty(admin_harness)
    assert "Нацелены на укрепление взаимодействия" not in sources
    hidden = await admin_harness.click("🙈 Скрыть факт", user_id=ADMIN)
    assert "Скрыт" in shown(hidden)
    assert "документов не найдено" in await _treaty(admin_harness)
    card = "\n".join(await admin_harness.send("/country TJ"))
    assert f"</b> — {TREATY} (договор" not in card  # not among the card's documents
    await admin_harness.click("👁 Показать факт", user_id=ADMIN)
    await admin_harness.click("🔗 Вернуть [1]", user_id=ADMIN)
    assert "Нацелены на укрепление взаимодействия" in await _treaty(admin_harness)
    assert [(f["field"], f["after"]) for f in await _fixes(runtime)] == [
        ("source", "detached"),
        ("hidden", True),
        ("hidden", False),
        ("source", "attached"),
    ]


async def test_two_admins_the_later_stale_press_is_refused_visibly(
    admin_harness: Harness, runtime: Runtime
) -> None:
    treaty = await _treaty_id(runtime)
    for admin in (ADMIN, OTHER_ADMIN):
        await admin_harness.send(f"/fix a{treaty}", user_id=admin)
    stale = FixButton(kind="a", id=treaty, revision=0, action="choose", field="status", choice=0)
    await admin_harness.click("статус", user_id=ADMIN)
    await admin_harness.click("действует", user_id=ADMIN)
    # the other admin's card was drawn at revision 0: their press changes nothing
    refused = await admin_harness.feed(make_callback(stale.pack(), user_id=OTHER_ADMIN))
    assert "уже изменили" in alerts(refused)[0]
    assert "(договор, действует)" in shown(refused)  # the fresh fact is shown instead
    stored = await _agreement(runtime, treaty)
    assert (stored.status, stored.revision) == ("in_force", 1)
    # a typed value begun on an old revision is refused the same way
    await admin_harness.send(f"/fix a{treaty}", user_id=OTHER_ADMIN)
    await admin_harness.click("дата", user_id=OTHER_ADMIN)
    await admin_harness.click("🙈 Скрыть факт", user_id=ADMIN)
    late = "\n".join(await admin_harness.send("2023", user_id=OTHER_ADMIN))
    assert "уже изменили" in late
    assert (await _agreement(runtime, treaty)).signed_on.isoformat() == "2024-08-22"  # type: ignore[union-attr]


async def test_strangers_forged_and_unknown_references(
    admin_harness: Harness, runtime: Runtime
) -> None:
    treaty = await _treaty_id(runtime)
    assert "администраторов" in (await admin_harness.send(f"/fix a{treaty}", user_id=STRANGER))[0]
    forged = FixButton(kind="a", id=treaty, revision=0, action="hide").pack()
    refused = await admin_harness.feed(make_callback(forged, user_id=STRANGER))
    assert "администраторов" in alerts(refused)[0]
    assert not (await _agreement(runtime, treaty)).hidden
    assert "Укажите факт" in (await admin_harness.send("/fix", user_id=ADMIN))[0]
    for text in ("/fix 12", "/fix x12", "/fix a<b>", "/fix a99999999999999", "/fix 🙂"):
        answer = (await admin_harness.send(text, user_id=ADMIN))[0]
        assert "фактов не найдено" in answer, text
    assert "Факта e999999 нет" in (await admin_harness.send("/fix e999999", user_id=ADMIN))[0]
    bad_field = FixButton(kind="a", id=treaty, revision=0, action="field", field="title").pack()
    answer = await admin_harness.feed(make_callback(bad_field, user_id=ADMIN))
    assert "не исправляется" in alerts(answer)[0]
    bad_source = FixButton(kind="a", id=treaty, revision=0, action="detach", evidence=1).pack()
    answer = await admin_harness.feed(make_callback(bad_source, user_id=ADMIN))
    assert alerts(answer)[0]
    assert (await _agreement(runtime, treaty)).revision == 0


async def test_another_process_and_a_seed_reload_keep_the_correction(
    admin_harness: Harness, runtime: Runtime
) -> None:
    other = Harness(await prepare_database(runtime.settings))
    try:
        before = "\n".join(await other.send("/country TJ"))
        async with runtime.session_factory() as session:
            visit = await session.scalar(  # the newest: first among the card's contacts
                select(Event.id)
                .join(EventCountry, EventCountry.event_id == Event.id)
                .where(EventCountry.iso2 == "TJ")
                .order_by(Event.date_start.desc(), Event.id.desc())
                .limit(1)
            )
        assert visit is not None
        await admin_harness.send(f"/fix e{visit}", user_id=ADMIN)
        await admin_harness.click("место", user_id=ADMIN)
        await admin_harness.send("Худжанд", user_id=ADMIN)
        after = "\n".join(await other.send("/country TJ"))
        assert after != before and "Худжанд" in after
        async with runtime.session_factory() as session:
            await load_seeds(session, read_seeds(SEEDS_DIR))
            await session.commit()
        assert "Худжанд" in "\n".join(await other.send("/country TJ"))
    finally:
        await other.runtime.close()


async def test_fix_in_english(admin_harness: Harness, runtime: Runtime) -> None:
    treaty = await _treaty_id(runtime)
    card = "\n".join(await admin_harness.send(f"/fix a{treaty}", user_id=ADMIN, language="en"))
    assert "Correcting" in card and "Sources (3)" in card
    await admin_harness.click("status", user_id=ADMIN, language="en")
    saved = await admin_harness.click("in force", user_id=ADMIN, language="en")
    assert "Saved" in alerts(saved)[0]
    await admin_harness.click("date", user_id=ADMIN, language="en")
    bad = "\n".join(await admin_harness.send("30.02.2024", user_id=ADMIN, language="en"))
    assert "There is no such date" in bad
    cancelled = await admin_harness.send("/cancel", user_id=ADMIN, language="en")
    assert "Correction cancelled" in cancelled[0]
    await admin_harness.click("date", user_id=ADMIN, language="en")
    pressed = await admin_harness.click("✖️ Cancel the correction", user_id=ADMIN, language="en")
    assert "Correction cancelled" in alerts(pressed)[0]
    await admin_harness.send("2020", user_id=ADMIN, language="en")
    assert (await _agreement(runtime, treaty)).signed_on.isoformat() == "2024-08-22"  # type: ignore[union-attr]


async def test_a_write_racing_another_is_refused_by_the_store(runtime: Runtime) -> None:
    """Both admins read revision 0; the second write, arriving after the first committed,
    changes nothing at all (no half-applied countries or columns)."""
    treaty = await _treaty_id(runtime)
    async with runtime.session_factory() as session:
        seen = await fixes.open_fact(session, "agreement", treaty)
    assert seen is not None
    async with runtime.session_factory() as session:
        await fixes.change_field(session, None, seen, "status", "in_force", ADMIN)
    async with runtime.session_factory() as session:
        with pytest.raises(fixes.StaleRevision):
            await fixes.change_field(session, None, seen, "countries", ("KZ", "UZ"), OTHER_ADMIN)
    async with runtime.session_factory() as session:
        now = await fixes.open_fact(session, "agreement", treaty)
    assert now is not None
    assert now.values["countries"] == ("KZ", "TJ") and now.values["status"] == "in_force"
    assert now.revision == 1 and len(await _fixes(runtime)) == 1


async def test_fix_by_words_lists_the_facts_to_open(
    admin_harness: Harness, runtime: Runtime
) -> None:
    treaty = await _treaty_id(runtime)
    found = as_plain_text(
        "\n".join(await admin_harness.send("/fix союзнических отношениях", user_id=ADMIN))
    )
    assert f"a{treaty} " in found and TREATY in found
    card = shown(await admin_harness.click(f"✏️ Исправить a{treaty}", user_id=ADMIN))
    assert f"документ a{treaty}" in card


async def test_an_admin_opens_any_fact_of_a_card_for_correction(
    admin_harness: Harness, runtime: Runtime
) -> None:
    treaty = await _treaty_id(runtime)
    card = await admin_harness.send("/country TJ", user_id=ADMIN)
    assert card
    listed = await admin_harness.click("✏️ Исправить факты", user_id=ADMIN)
    text = shown(listed)
    assert f"a{treaty} " in text and "p" in text and "Факты карточки «Таджикистан»" in text
    opened = shown(await admin_harness.click(f"✏️ Исправить a{treaty}", user_id=ADMIN))
    assert f"документ a{treaty}" in opened
    # not for anyone else: no such button, and a forged press is refused
    stranger_card = await admin_harness.feed(make_update("/country TJ", user_id=STRANGER))
    assert "Исправить факты" not in str(stranger_card)
    forged = SectionButton(country="TJ", section="fix").pack()
    refused = await admin_harness.feed(make_callback(forged, user_id=STRANGER))
    assert "администраторов" in alerts(refused)[0]
