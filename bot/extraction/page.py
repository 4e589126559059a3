"""The page around an article: furniture lines (menus, time stamps, share buttons, lists
of other headlines) dropped, and the headline, the publication date and the outlet found
among what remains. Pure text in, text out; documents.py calls it for every upload."""

from __future__ import annotations

import datetime as dt
import re

MIN_TEXT_CHARS = 200


# ---------------------------------------------------------------- page furniture

_MONTHS_RU = "январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр"
# "10 августа 2011 16:51" or "Сегодня 07:58": the time stamp of a headline in a news list.
_TIMESTAMP_LINE = re.compile(
    rf"^\s*(?:\d{{1,2}}\s+(?:{_MONTHS_RU})\w*(?:\s+\d{{4}})?|сегодня|вчера|\d{{1,2}}\.\d{{1,2}}\.\d{{2,4}})"
    r"[\s,]*(?:в\s*)?\d{1,2}:\d{2}\b.{0,40}$",
    re.I,
)
# Lines that open a block of furniture: everything from them to the end is not the article.
_TAIL_MARKERS = re.compile(
    r"^\s*(?:следите за новостями|поделиться|читайте также|читайте нас|похожие новости|"
    r"другие новости|новости по теме|наш опрос|все опросы|комментарии\s*[\[(]?\d|"
    r"если вы видите данное сообщение|подпишитесь на наш|сообщите об ошибке|"
    r"related (?:news|articles|stories)|read more|share this|comments?\s*\(\d|"
    r"loading comments)",
    re.I,
)
_DEBRIS_MIN_CHARS = 300
_DEBRIS_LETTER_SHARE = 0.3
# Matched whole (fullmatch) against a stripped line: no leading or trailing "\s*" for a
# repetition to backtrack against.
_FURNITURE_LINE = re.compile(
    r"лента новостей|фото:.{0,80}|фото с сайта.{0,80}|источник:.{0,80}|"
    r"\d{1,3}\s*%|всего голосов:?\s*\d+|голосовать|результаты|реклама|"
    r"будьте в тренде!?|включите уведомления.*|уведомления можно отключить.*|"
    r"нажмите на иконку.*|ошибка в тексте:?|теги:.*|tags:.*|advertisement|"
    r"[\d.…]+(?:\s+[\d.…]+)*",
    re.I,
)


def _is_debris(line: str) -> bool:
    """A long line that is mostly not letters (markup left over, a run of symbols, a table
    of numbers) is no sentence of the article: no rule reads it, and the NER would spend
    seconds on it."""
    if len(line) < _DEBRIS_MIN_CHARS:
        return False
    letters = sum(1 for ch in line if ch.isalpha())
    return letters < _DEBRIS_LETTER_SHARE * len(line)


def drop_furniture(text: str) -> tuple[str, int]:
    """The article's paragraphs without page furniture, and how many lines were dropped.

    News-list blocks (a time stamp, a headline, a teaser) are removed wherever they are;
    after a tail marker ("Следите за новостями", a poll, a comment widget) the rest of the
    page is furniture once the article body has been seen."""
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    kept: list[str] = []
    dropped = 0
    skip_block = 0
    body_chars = 0
    for line in lines:
        if not line:
            if kept and kept[-1]:
                kept.append("")
            continue
        if _TIMESTAMP_LINE.match(line):
            # the next two non-empty lines are the listed item's headline and teaser
            skip_block = 2
            dropped += 1
            continue
        if skip_block:
            skip_block -= 1
            dropped += 1
            continue
        if _TAIL_MARKERS.match(line) and body_chars > MIN_TEXT_CHARS:
            dropped += sum(1 for rest in lines[lines.index(line) :] if rest)
            break
        if _FURNITURE_LINE.fullmatch(line) or _is_debris(line):
            dropped += 1
            continue
        kept.append(line)
        body_chars += len(line)
    return "\n".join(kept).strip(), dropped


# ---------------------------------------------------------------- metadata

_NUMERIC_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_OUTLET = re.compile(
    r"\b((?:[A-Za-z][\w-]*\.)+(?:kz|ru|uz|tj|kg|tm|az|com|net|org|info|asia|news))\b"
    r"|\b(News-Asia|Kazinform|Казинформ|Tengrinews|Интерфакс|ТАСС|РИА Новости|Sputnik|"
    r"Khovar|Ховар|Азаттык|Азия-Плюс|Asia-Plus|Kun\.uz|Trend|Report\.az|Reuters|AP|AFP)\b"
)
_MONTH_NUMBERS = {
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6,
    "июл": 7, "август": 8, "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
}  # fmt: skip
_RU_DATE = re.compile(rf"\b(\d{{1,2}})\s+({_MONTHS_RU})\w*\s+(\d{{4}})\b", re.I)


def _date_or_none(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# "Алматы: 11oC", "+3 °C": the weather beside a site's "today" panel
_TEMPERATURE = re.compile(r"(?<![\d.])[+−-]?\d{1,2}\s?(?:°\s?|o)[CС]\b")
# how far after a date the rest of a "today" panel (weather, exchange rates) stands
_PANEL_REACH = 300


def find_publication_date(head: str) -> dt.date | None:
    """The first full date in the page's head: ISO, 23.08.2024 or 18 февраля 2026; not
    the date of a "today" panel that shows the weather beside it (the day the page was
    saved, not the day the article came out)."""
    found = [
        (at, date)
        for at, date in _full_dates(head) or _english_days(head)
        if not _TEMPERATURE.search(head, at, at + _PANEL_REACH)
    ]
    return min(found)[1] if found else None


def _english_days(head: str) -> list[tuple[int, dt.date]]:
    """ "April 2, 2026", "2 April 2026"; a day read against another date ("в понедельник")
    is not the page's own date."""
    from bot.extraction.dates import find_dates

    return [
        (d.start, d.date) for d in find_dates(head, None) if d.precision == "day" and not d.relative
    ][:1]


def _full_dates(head: str) -> list[tuple[int, dt.date]]:
    found: list[tuple[int, dt.date]] = []
    for match in _ISO_DATE.finditer(head):
        date = _date_or_none(int(match[1]), int(match[2]), int(match[3]))
        if date:
            found.append((match.start(), date))
    for match in _NUMERIC_DATE.finditer(head):
        date = _date_or_none(int(match[3]), int(match[2]), int(match[1]))
        if date:
            found.append((match.start(), date))
    for match in _RU_DATE.finditer(head):
        month = next(n for stem, n in _MONTH_NUMBERS.items() if match[2].lower().startswith(stem))
        date = _date_or_none(int(match[3]), month, int(match[1]))
        if date:
            found.append((match.start(), date))
    return found


def find_outlet(text: str) -> str | None:
    match = _OUTLET.search(text)
    if match is None:
        return None
    name = match[1] or match[2]
    # "новостями zakon.kz" and "Zakon.kz" are one outlet; show it as sites spell themselves
    return name[0].upper() + name[1:] if name.islower() else name


_DATE_START = re.compile(
    rf"^\s*(?:\w+,\s*)?(?:\d{{1,2}}\s+(?:{_MONTHS_RU})|\d{{1,2}}\.\d{{1,2}}\.\d{{2,4}}|\d{{4}}-\d{{2}})",
    re.I,
)
_DATE_ANYWHERE = re.compile(
    rf"\d{{1,2}}\s+(?:{_MONTHS_RU})\w*\s+\d{{4}}|\d{{1,2}}\.\d{{1,2}}\.\d{{4}}", re.I
)


_TIME = re.compile(r"\b\d{1,2}:\d{2}\b")
# a date widget, a list bullet, an advertisement: never a headline
_NOT_A_HEADLINE = re.compile(
    r"^[•·*]|\b\d{1,2}\s{1,3}(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?"
    r"\s{1,3}\d{4}|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?\s{1,3}"
    r"\d{1,2},\s{1,3}\d{4}|^(?:Реклама|Advertisement)\b|\+\d[\d ()-]{7,20}"
)
# a photo caption's credit: "... на встрече с Си Цзиньпином / Акорда", "Фото: ...", "(Photo: ...)"
_CREDIT = re.compile(r"\s/\s{0,3}[\w .-]{2,40}$|^(?:Фото|Photo)\b|\((?:Фото|Photo)\b", re.I)


def _headline_like(line: str) -> bool:
    words = line.split()
    return (
        4 <= len(words) <= 40
        and 20 <= len(line) <= 250
        and not line.endswith((".", ";", ",", "!"))
        and ". " not in line
        and "|" not in line
        and not _DATE_START.match(line)
        and not _DATE_ANYWHERE.search(line)
        and not _TIME.search(line)
        and not _CREDIT.search(line)
        and not _NOT_A_HEADLINE.search(line)
        and not _menu_like(words)
    )


def _menu_like(words: list[str]) -> bool:
    """ "Новости Казахстана Новости мира Политика Экономика": a Russian headline is written
    in sentence case, a row of menu items is capitalised word after word."""
    cyrillic = [w for w in words if re.match(r"[А-Яа-яЁё]", w)]
    capitalised = [w for w in cyrillic if w[0].isupper()]
    return len(cyrillic) >= 5 and len(capitalised) >= 0.8 * len(cyrillic)


def _body_like(line: str) -> bool:
    return len(line) >= 100 and line.rstrip().endswith((".", "!", "?", "»", '"', "…"))


def split_title(text: str) -> tuple[str | None, str]:
    """The headline and the text below it. Lines above the headline are the site's header
    (date, tagline, menu) and are dropped with it. A page flattened into one line has its
    headline before the first date ("Заголовок Рубрика 18 февраля 2026 г. 4:20 ...")."""
    lines = text.split("\n")
    # the headline opens the last run of headline-like lines before the body: a run above
    # it is the site's tagline; lines after it in the run are the lead, part of the text
    headline: int | None = None
    in_run = after_credit = False
    for position, line in enumerate(lines[:15]):
        candidate = line.strip()
        if _body_like(candidate):
            break
        if not candidate:
            continue  # a blank line between a headline and its lead keeps them one run
        # a caption follows its photo's credit: not the headline
        if _headline_like(candidate) and not after_credit:
            if not in_run:
                headline = position
            in_run = True
        else:
            in_run = False
        after_credit = bool(_CREDIT.search(candidate))
        if len(candidate) > 250:
            break
    if headline is not None:
        rest = "\n".join(lines[headline + 1 :]).strip()
        if len(rest) >= MIN_TEXT_CHARS:
            return lines[headline].strip(), rest
    first = lines[0].strip()
    date = _DATE_ANYWHERE.search(first[:300])
    if date is not None:
        head = first[: date.start()].strip(" ,|-–—")
        if 3 <= len(head.split()) <= 20:
            return head, text
    return None, text
