"""From uploaded bytes to an article's main text and metadata: size and type checks,
encoding detection, HTML boiled down to its main text, page furniture dropped.

Pure: no Telegram, no database. Every refusal is a `DocumentError` whose `reason` is a key
the bot turns into a friendly message.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field
from typing import Literal

from bot.extraction.source_url import article_url, leading_url, outlet_of

log = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 1_000_000
# A document warning: the header's date does not exist (2024-02-30); the value follows ":".
BAD_HEADER_DATE = "bad_header_date"
# What an upload or an import may be, by file name; archives get a message of their own.
ACCEPTED_EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm")
ARCHIVE_EXTENSIONS = (".zip", ".rar", ".7z", ".gz", ".tar", ".bz2", ".xz")
# Below this the text cannot hold an article's worth of facts; it is refused, not guessed at.
MIN_TEXT_CHARS = 200

Reason = Literal["empty", "too_large", "binary", "archive", "encoding", "no_text"]

# File signatures of what people most often rename to .txt by mistake.
_ARCHIVE_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"\x1f\x8b", b"Rar!", b"7z\xbc\xaf", b"BZh")
_BINARY_MAGIC = (
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"%PDF",
    b"\x00\x00\x01\x00",
    b"RIFF",
    b"\x7fELF",
    b"MZ",
    b"ID3",
    b"OggS",
    b"\xd0\xcf\x11\xe0",  # old MS Office
)
_CANDIDATE_ENCODINGS = ("utf_8", "cp1251", "koi8_r")


class DocumentError(ValueError):
    def __init__(self, reason: Reason, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason: Reason = reason
        self.detail = detail


@dataclass(frozen=True, slots=True)
class Document:
    text: str  # the main text, paragraphs separated by blank lines
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    published_at: dt.date | None = None
    encoding: str = "utf-8"
    source_format: str = "text"  # text | markdown | html
    warnings: tuple[str, ...] = field(default_factory=tuple)


# ---------------------------------------------------------------- bytes -> str


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was in: UTF-8 (with or without BOM), CP1251 or KOI8-R."""
    if not data.strip():
        raise DocumentError("empty")
    head = data[:16]
    if head.startswith(_ARCHIVE_MAGIC):
        raise DocumentError("archive")
    if head.startswith(_BINARY_MAGIC) or b"\x00" in data[:4096]:
        raise DocumentError("binary")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        if error.start >= len(data) - 3:  # a file cut in the middle of its last character
            return data[: error.start].decode("utf-8"), "utf-8"
    from charset_normalizer import from_bytes  # imported here: only uploads need it

    best = from_bytes(data, cp_isolation=list(_CANDIDATE_ENCODINGS)).best()
    if best is None:
        raise DocumentError("encoding")
    return str(best), _encoding_label(best.encoding)


def _encoding_label(name: str) -> str:
    return {"utf_8": "utf-8", "cp1251": "cp1251", "koi8_r": "koi8-r"}.get(name, name)


def _looks_binary(text: str) -> bool:
    sample = text[:20_000]
    if not sample:
        return False
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    replacement = sample.count("\ufffd")
    letters = sum(1 for ch in sample if ch.isalpha())
    return (
        control / len(sample) > 0.01
        or replacement / len(sample) > 0.02
        or letters < 0.3 * len(sample)
    )


# ---------------------------------------------------------------- formats

_HTML_HINT = re.compile(r"<(?:!doctype|html|head|body|p|div|article|br|span|table)\b", re.I)


def sniff_format(text: str, filename: str | None) -> str:
    name = (filename or "").lower()
    if name.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if name.endswith((".md", ".markdown")):
        return "markdown"
    if _HTML_HINT.search(text[:2000]) and text.count("<") > 5:
        return "html"
    return "text"


def html_to_document(html: str) -> tuple[str, dict[str, str | None]]:
    """Main text and metadata of a page. trafilatura drops navigation, comments, polls and
    link lists; a page too broken for it (10,000 nested tags exceed libxml2's depth) falls
    back to selecting paragraph text ourselves rather than refusing the upload."""
    import trafilatura  # imported here: heavy, and only uploads need it

    meta: dict[str, str | None] = {}
    try:
        result = trafilatura.bare_extraction(
            html,
            include_comments=False,
            include_tables=False,
            include_links=False,
            include_images=False,
            favor_precision=True,
            with_metadata=True,
            # Its duplicate filter remembers paragraphs across calls for the life of the
            # process: a page read twice (an upload discarded and sent again) lost its text.
            deduplicate=False,
        )
    except Exception:
        result = None
    if result is not None:
        data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
        text = str(data.get("text") or "")
        for key in ("title", "sitename", "date", "url", "author"):
            value = data.get(key)
            meta[key] = str(value) if value else None
        if len(text) >= MIN_TEXT_CHARS:
            return text, meta
    return _paragraphs_from_html(html), meta


# Every pattern here runs on whatever an admin uploads, so each runs in linear time: no
# repetition that can backtrack over what another one already took ("<" never inside a
# tag, "[" never inside a link's text), and a search for a closing tag is a plain find.
_SCRIPT_OPEN = re.compile(r"<(script|style|noscript|template)\b", re.I)
_BLOCK_TAGS = re.compile(r"</?(?:p|div|br|li|h[1-6]|tr|section|article)\b[^<>]*>", re.I)
_TAGS = re.compile(r"<[^<>]*>")


def _paragraphs_from_html(html: str) -> str:
    import html as html_lib

    body = _without_scripts(html)
    body = _BLOCK_TAGS.sub("\n\n", body)
    body = _TAGS.sub(" ", body)
    return html_lib.unescape(body)


def _without_scripts(html: str) -> str:
    """Scripts, styles and templates cut out; one left open runs to the end of the page."""
    parts: list[str] = []
    position = 0
    lowered = html.lower()
    while (opening := _SCRIPT_OPEN.search(html, position)) is not None:
        parts.append(html[position : opening.start()])
        closing = lowered.find(f"</{opening[1].lower()}", opening.end())
        if closing < 0:
            return " ".join(parts)
        end = lowered.find(">", closing)
        position = len(html) if end < 0 else end + 1
    parts.append(html[position:])
    return " ".join(parts)


_MD_LINK = re.compile(r"!?\[([^\[\]\n]{0,500})\]\(([^()\[\]\s]{0,2000})\)")
_MD_MARKS = re.compile(
    r"(^|\s)[*_]{1,3}|[*_]{1,3}(?=\s|$|[.,;:!?])|^\s{0,3}(?:#{1,6}|>|[-*+])\s+", re.M
)


def markdown_to_text(text: str) -> str:
    text = _MD_LINK.sub(r"\1", text)
    text = re.sub(r"```.*?```", " ", text, flags=re.S)
    return _MD_MARKS.sub(r"\1", text)


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

_HEADER_DATE = re.compile(r"^\s*date[:\s]+(\d{4}-\d{2}-\d{2})\s*", re.I)
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_OUTLET = re.compile(
    r"\b((?:[A-Za-z][\w-]*\.)+(?:kz|ru|uz|tj|kg|tm|az|com|net|org|info|asia|news))\b"
    r"|\b(News-Asia|Kazinform|Казинформ|Tengrinews|Интерфакс|ТАСС|РИА Новости|Sputnik|"
    r"Khovar|Ховар|Азаттык|Азия-Плюс|Asia-Plus|Kun\.uz|Trend|Report\.az|Reuters|AP|AFP)\b"
)
_BYLINE_NAME = re.compile(r"^[А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+\.?$")
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


def find_publication_date(head: str) -> dt.date | None:
    """The first full date in the page's head: ISO, 23.08.2024 or 18 февраля 2026."""
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
    if not found:
        from bot.extraction.dates import find_dates  # "April 2, 2026", "2 April 2026"

        english = [d for d in find_dates(head, None) if d.precision == "day"]
        return english[0].date if english else None
    return min(found)[1]


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


def load_document(data: bytes, filename: str | None = None) -> Document:
    if len(data) > MAX_UPLOAD_BYTES:
        raise DocumentError("too_large", str(len(data)))
    raw, encoding = decode(data)
    if _looks_binary(raw):
        raise DocumentError("binary")
    return parse_text(raw, filename, encoding)


def parse_text(raw: str, filename: str | None = None, encoding: str = "utf-8") -> Document:
    if len(raw.encode("utf-8", errors="replace")) > MAX_UPLOAD_BYTES * 4:
        raise DocumentError("too_large")
    warnings: list[str] = []
    given_url, raw = leading_url(raw)
    source_format = sniff_format(raw, filename)
    meta: dict[str, str | None] = {}
    if source_format == "html":
        raw, meta = html_to_document(raw)
    elif source_format == "markdown":
        raw = markdown_to_text(raw)

    published_at: dt.date | None = None
    header = _HEADER_DATE.match(raw)
    if header:
        published_at = _parse_iso(header[1])
        if published_at is None:  # 2024-02-30: the rest of the article is still good
            log.warning("ignored an impossible date in the article header: %s", header[1])
            warnings.append(f"{BAD_HEADER_DATE}:{header[1]}")
        raw = raw[header.end() :]
    if meta.get("date"):
        published_at = published_at or _parse_iso(meta["date"])

    text, dropped = drop_furniture(raw)
    if dropped:
        warnings.append(f"furniture_lines:{dropped}")
    title = meta.get("title")
    body_title, body = split_title(text)
    if title is None:
        title = body_title
        text = body
    elif body_title and body_title.casefold() == title.casefold():
        text = body
    author = meta.get("author")
    last_line = text.rsplit("\n", 1)[-1].strip()
    if author is None and _BYLINE_NAME.match(last_line):
        author = last_line.rstrip(".")
    if len(text) < MIN_TEXT_CHARS:
        raise DocumentError("no_text")
    head = raw[:600]
    url = given_url or article_url(meta.get("url") or "")
    outlet = meta.get("sitename") or find_outlet(head + "\n" + text[-1500:])
    return Document(
        text=text,
        title=title,
        outlet=outlet or (outlet_of(url) if url else None),
        author=author,
        url=url,
        published_at=published_at or find_publication_date(head),
        encoding=encoding,
        source_format=source_format,
        warnings=tuple(warnings),
    )


def _parse_iso(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
