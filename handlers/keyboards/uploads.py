"""The upload preview's review and decision, the retraction confirmation and the /articles
pager."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.drafts import Draft
from bot.i18n import Translator
from bot.render.upload import REVIEW_PAGE_SIZE, choice_label, field_label, review_pages
from bot.review import ARTICLE, choices_at, fields_at
from handlers.callback_data import ArticlesPage, RetractButton, ReviewButton, UploadButton


def _decision_row(t: Translator, draft: Draft) -> list[InlineKeyboardButton]:
    kept = draft.extraction.fact_count - len(draft.dropped)
    return [
        InlineKeyboardButton(
            text=t("upload-button-publish", kept=kept),
            callback_data=UploadButton(action="publish", token=draft.token).pack(),
        ),
        InlineKeyboardButton(
            text=t("upload-button-discard"),
            callback_data=UploadButton(action="discard", token=draft.token).pack(),
        ),
    ]


def _review(draft: Draft, action: str, **values: int | str) -> str:
    return ReviewButton(token=draft.token, action=action, **values).pack()  # type: ignore[arg-type]


def review_keyboard(t: Translator, draft: Draft, page: int) -> InlineKeyboardMarkup:
    """Per fact on the page: drop or keep it, and correct it; then the pager and the
    decision."""
    rows: list[list[InlineKeyboardButton]] = []
    first = page * REVIEW_PAGE_SIZE + 1
    last = min(first + REVIEW_PAGE_SIZE, draft.extraction.fact_count + 1)
    for number in range(first, last):
        toggle = "keep" if number in draft.dropped else "drop"
        rows.append(
            [
                InlineKeyboardButton(
                    text=t(f"review-button-{toggle}", number=number),
                    callback_data=_review(draft, "toggle", number=number, page=page),
                ),
                InlineKeyboardButton(
                    text=t("review-button-edit", number=number),
                    callback_data=_review(draft, "edit", number=number, page=page),
                ),
            ]
        )
    rows.append(
        [
            InlineKeyboardButton(
                text=t("review-button-article"),
                callback_data=_review(draft, "edit", number=ARTICLE, page=page),
            )
        ]
    )
    pages = review_pages(draft)
    pager = []
    if page > 0:
        pager.append(
            InlineKeyboardButton(text="◀", callback_data=_review(draft, "page", page=page - 1))
        )
    if page + 1 < pages:
        pager.append(
            InlineKeyboardButton(text="▶", callback_data=_review(draft, "page", page=page + 1))
        )
    if pager:
        rows.append(pager)
    rows.append(_decision_row(t, draft))
    return InlineKeyboardMarkup(inline_keyboard=rows)


def fields_keyboard(t: Translator, draft: Draft, number: int, page: int) -> InlineKeyboardMarkup:
    """The fields of fact `number` that a correction may change."""
    buttons = [
        InlineKeyboardButton(
            text=field_label(t, field),
            callback_data=_review(draft, "field", number=number, page=page, field=field),
        )
        for field in fields_at(draft, number)
    ]
    rows = [buttons[index : index + 3] for index in range(0, len(buttons), 3)]
    back = InlineKeyboardButton(
        text=t("review-button-back"), callback_data=_review(draft, "page", page=page)
    )
    return InlineKeyboardMarkup(inline_keyboard=[*rows, [back]])


def choices_keyboard(
    t: Translator, draft: Draft, number: int, page: int, field: str
) -> InlineKeyboardMarkup:
    options = choices_at(draft, number, field) or ()
    buttons = [
        InlineKeyboardButton(
            text=choice_label(t, field, value),
            callback_data=_review(
                draft, "choose", number=number, page=page, field=field, choice=index
            ),
        )
        for index, value in enumerate(options)
    ]
    rows = [buttons[index : index + 3] for index in range(0, len(buttons), 3)]
    back = InlineKeyboardButton(
        text=t("review-button-back"),
        callback_data=_review(draft, "edit", number=number, page=page),
    )
    return InlineKeyboardMarkup(inline_keyboard=[*rows, [back]])


def correction_cancel_keyboard(t: Translator, draft: Draft) -> InlineKeyboardMarkup:
    """Under the question for a typed correction: leave it, the draft as it was."""
    cancel = InlineKeyboardButton(
        text=t("review-button-cancel-correction"), callback_data=_review(draft, "cancel")
    )
    return InlineKeyboardMarkup(inline_keyboard=[[cancel]])


def waiting_keyboard(t: Translator) -> InlineKeyboardMarkup:
    """Under the /upload prompt: a way out without typing /cancel."""
    cancel = UploadButton(action="cancel", token="-").pack()
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [InlineKeyboardButton(text=t("upload-button-cancel"), callback_data=cancel)]
        ]
    )


def retract_keyboard(t: Translator, article_id: int, step: str) -> InlineKeyboardMarkup:
    """`step`: confirm (an upload) | continue (a curated article's first step) | curated
    (its second, explicit one)."""
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text=t(f"retract-button-{step}"),
                    callback_data=RetractButton(action=step, article=article_id).pack(),
                ),
                InlineKeyboardButton(
                    text=t("retract-button-cancel"),
                    callback_data=RetractButton(action="cancel", article=article_id).pack(),
                ),
            ]
        ]
    )


def articles_pager(page: int, pages: int) -> InlineKeyboardMarkup | None:
    buttons = []
    if page > 0:
        buttons.append(
            InlineKeyboardButton(text="◀", callback_data=ArticlesPage(page=page - 1).pack())
        )
    if page + 1 < pages:
        buttons.append(
            InlineKeyboardButton(text="▶", callback_data=ArticlesPage(page=page + 1).pack())
        )
    return InlineKeyboardMarkup(inline_keyboard=[buttons]) if buttons else None
