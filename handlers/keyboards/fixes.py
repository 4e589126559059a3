"""The buttons under a published fact opened for correction (/fix)."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.corrections import choices
from bot.fixes import FIELDS, LETTER_OF, fix_ref_of, ref_of
from bot.i18n import Translator
from bot.lists import Entry
from bot.render.fixes import MAX_SOURCES_SHOWN
from bot.render.upload import choice_label, field_label
from handlers.callback_data import FixButton
from store.dto import FixableFact


def _press(fact: FixableFact, action: str, **values: int | str) -> str:
    button = FixButton(
        kind=LETTER_OF[fact.kind],
        id=fact.id,
        revision=fact.revision,
        action=action,
        **values,  # type: ignore[arg-type]
    )
    return button.pack()


def _rows(buttons: list[InlineKeyboardButton], width: int) -> list[list[InlineKeyboardButton]]:
    return [buttons[index : index + width] for index in range(0, len(buttons), width)]


def fix_keyboard(t: Translator, fact: FixableFact) -> InlineKeyboardMarkup:
    """The fields to correct, hide / show, and detach / reattach per source."""
    fields = [
        InlineKeyboardButton(
            text=field_label(t, field), callback_data=_press(fact, "field", field=field)
        )
        for field in FIELDS[fact.kind]
    ]
    visibility = (
        InlineKeyboardButton(text=t("fix-button-show"), callback_data=_press(fact, "show"))
        if fact.hidden
        else InlineKeyboardButton(text=t("fix-button-hide"), callback_data=_press(fact, "hide"))
    )
    sources = [
        InlineKeyboardButton(
            text=t("fix-button-attach" if source.detached else "fix-button-detach", number=number),
            callback_data=_press(
                fact, "attach" if source.detached else "detach", evidence=source.evidence_id
            ),
        )
        for number, source in enumerate(fact.sources[:MAX_SOURCES_SHOWN], start=1)
    ]
    return InlineKeyboardMarkup(
        inline_keyboard=[*_rows(fields, 3), [visibility], *_rows(sources, 3)]
    )


def fix_choices_keyboard(t: Translator, fact: FixableFact, field: str) -> InlineKeyboardMarkup:
    options = choices(fact.kind, field) or ()
    buttons = [
        InlineKeyboardButton(
            text=choice_label(t, field, value),
            callback_data=_press(fact, "choose", field=field, choice=index),
        )
        for index, value in enumerate(options)
    ]
    back = InlineKeyboardButton(text=t("review-button-back"), callback_data=_press(fact, "open"))
    return InlineKeyboardMarkup(inline_keyboard=[*_rows(buttons, 3), [back]])


def fix_cancel_keyboard(t: Translator, fact: FixableFact) -> InlineKeyboardMarkup:
    """Under the question for a typed value: leave it, the fact unchanged."""
    cancel = InlineKeyboardButton(
        text=t("review-button-cancel-correction"), callback_data=_press(fact, "cancel")
    )
    return InlineKeyboardMarkup(inline_keyboard=[[cancel]])


def open_fix_keyboard(t: Translator, kind: str, fact_id: int) -> InlineKeyboardMarkup:
    """Under a search result or list entry an admin opened: correct this fact."""
    button = FixButton(kind=LETTER_OF[kind], id=fact_id, revision=0, action="open")
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text=t("fix-button-open", ref=ref_of(kind, fact_id)),
                    callback_data=button.pack(),
                )
            ]
        ]
    )


def found_facts_keyboard(t: Translator, found: list[Entry]) -> InlineKeyboardMarkup:
    """One button per fact `/fix <words>` found."""
    refs = [fix_ref_of(entry) for entry in found]
    buttons = [
        InlineKeyboardButton(
            text=t("fix-button-open", ref=ref_of(kind, fact_id)),
            callback_data=FixButton(
                kind=LETTER_OF[kind], id=fact_id, revision=0, action="open"
            ).pack(),
        )
        for kind, fact_id in refs
    ]
    return InlineKeyboardMarkup(inline_keyboard=_rows(buttons, 2))
