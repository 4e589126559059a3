"""The extraction service: documents (encodings, HTML, furniture, bad files), dates, money,
language, the facts of texts we wrote ourselves, the JSON schema, and quality on the seeds."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from bot import PROJECT_ROOT, SEEDS_DIR
from bot.extraction.dates import find_dates
from bot.extraction.documents import (
    MAX_UPLOAD_BYTES,
    DocumentError,
    load_document,
)
from bot.extraction.extractor import Extractor
from bot.extraction.facts import Extraction
from bot.extraction.gazetteer import gazetteer_from_seeds
from bot.extraction.language import detect_language
from bot.extraction.money import find_amounts
from store.seed_files import read_seeds
from store.similarity import decode_sketch, similarity, sketch, text_hash

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
SHARED_SEEDS = PROJECT_ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(gazetteer_from_seeds(SEEDS_DIR))


def _extract(extractor: Extractor, name: str, data: bytes | None = None) -> Extraction:
    raw = data if data is not None else (FIXTURES / name).read_bytes()
    return extractor.extract(load_document(raw, name))


# ---------------------------------------------------------------- documents


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251", "koi8-r"])
def test_encodings_are_detected(encoding: str) -> None:
    # KOI8-R has no en dash: such files write a hyphen
    text = (FIXTURES / "kz_uz_visit.txt").read_text(encoding="utf-8").replace("–", "-")
    document = load_document(text.encode(encoding), "article.txt")
    assert "Касым-Жомарт Токаев прибыл с государственным визитом в Ташкент" in document.text
    assert document.encoding == {"utf-8-sig": "utf-8"}.get(encoding, encoding)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"   \n\t ", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10, "binary"),
        (b"\xff\xd8\xff\xe0" + b"\x00JFIF" * 100, "binary"),
        (b"PK\x03\x04" + b"\x14\x00" * 200, "archive"),
        (b"\x1f\x8b\x08" + b"\x00" * 100, "archive"),
        (bytes(range(256)) * 40, "binary"),
        ("Коротко.".encode(), "no_text"),
        (b"x" * (MAX_UPLOAD_BYTES + 1), "too_large"),
        (("Слово " * 900_000).encode(), "too_large"),  # 5 MB of text
    ],
    ids=["empty", "blank", "png", "jpeg", "zip", "gzip", "noise", "tiny", "over-limit", "5mb"],
)
def test_bad_files_are_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(DocumentError) as caught:
        load_document(data, "article.txt")
    assert caught.value.reason == reason


def test_html_is_reduced_to_the_article(extractor: Extractor) -> None:
    document = load_document((FIXTURES / "kz_uz_visit.html").read_bytes(), "page.html")
    assert document.source_format == "html"
    assert document.title == "Токаев и Мирзиёев договорились нарастить торговлю до 10 млрд долларов"
    assert document.outlet == "Деловой вестник"
    assert document.published_at == dt.date(2026, 3, 13)
    assert "Программу экономического сотрудничества" in document.text
    # navigation, script, related headlines, poll and comments are gone
    for furniture in ("Главная", "Президент Китая", "Франции", "Опрос", "Турции", "window."):
        assert furniture not in document.text


def test_html_with_scripts_and_ten_thousand_nested_tags_does_not_break() -> None:
    paragraph = (
        "<p>Министр иностранных дел Казахстана провёл переговоры в Бишкеке с коллегой из "
        "Кыргызстана; стороны обсудили границу, воду и транзит грузов по железной дороге.</p>"
    )
    page = (
        "<html><head><script>for(;;){alert('x')}</script></head><body>"
        + "<div>" * 10_000
        + paragraph * 3
        + "</div>" * 10_000
        + "<script>document.write('Путин')</script></body></html>"
    )
    document = load_document(page.encode(), "deep.html")
    assert "переговоры в Бишкеке" in document.text
    assert "alert" not in document.text and "Путин" not in document.text


def test_plain_text_furniture_is_dropped() -> None:
    document = load_document((FIXTURES / "kz_uz_visit.txt").read_bytes(), "page.txt")
    assert document.title == "Токаев и Мирзиёев договорились нарастить торговлю до 10 млрд долларов"
    assert document.published_at == dt.date(2026, 3, 13)
    assert "Шавката Мирзиёева" in document.text
    # the site header, the list of other headlines and the poll
    for furniture in ("Главная |", "Курс тенге", "50 млрд", "Всего голосов", "Наш опрос"):
        assert furniture not in document.text


def test_markdown_marks_are_removed() -> None:
    text = (FIXTURES / "kz_uz_visit.txt").read_text(encoding="utf-8")
    markdown = "# Заголовок статьи о визите в Ташкент\n\n**" + text.split("\n\n", 3)[3] + "**"
    document = load_document(markdown.encode(), "article.md")
    assert document.source_format == "markdown"
    assert "**" not in document.text and "#" not in document.text


# ---------------------------------------------------------------- dates and money


@pytest.mark.parametrize(
    ("text", "reference", "date", "precision", "date_end"),
    [
        ("прилетел вчера, 22 августа.", dt.date(2024, 8, 23), dt.date(2024, 8, 22), "day", None),
        ("в прошлом году", dt.date(2026, 2, 18), dt.date(2025, 1, 1), "year", None),
        ("15 марта т. г. стороны", dt.date(2026, 5, 1), dt.date(2026, 3, 15), "day", None),
        ("22-23 августа 2024 года", None, dt.date(2024, 8, 22), "day", dt.date(2024, 8, 23)),
        ("16–17 марта 2025 года", None, dt.date(2025, 3, 16), "day", dt.date(2025, 3, 17)),
        ("on August 22, 2024,", None, dt.date(2024, 8, 22), "day", None),
        ("в октябре 2025 года", None, dt.date(2025, 10, 1), "month", None),
        ("в 2022 году в Астане", None, dt.date(2022, 1, 1), "year", None),
        ("15 декабря стороны", dt.date(2026, 1, 10), dt.date(2025, 12, 15), "day", None),
        ("от 23.08.2024 17:09", None, dt.date(2024, 8, 23), "day", None),
        ("сегодня", dt.date(2026, 2, 5), dt.date(2026, 2, 5), "day", None),
    ],
)
def test_dates_are_resolved_against_the_article(
    text: str,
    reference: dt.date | None,
    date: dt.date,
    precision: str,
    date_end: dt.date | None,
) -> None:
    found = find_dates(text, reference)
    assert found, text
    assert (found[0].date, found[0].precision, found[0].date_end) == (date, precision, date_end)


def test_impossible_dates_are_ignored() -> None:
    assert find_dates("31 февраля 2025 года и 45 мая", None) == []


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("превысил $1,5 млрд", "1500000000", "USD"),
        ("цель 2 млрд долл. США", "2000000000", "USD"),
        ("объём 1,2 млрд долларов", "1200000000", "USD"),
        ("до двух миллиардов долларов", "2000000000", "USD"),
        ("инвестиции 500 млрд тенге", "500000000000", "KZT"),
        ("$28 billion", "28000000000", "USD"),
        ("доля 13,8%", "13.8", "percent"),
        ("выросла в 1,5 раза", "1.5", "times"),
        ("выросла вдвое", "2", "times"),
        ("более 26 миллиардов долларов", "26000000000", "USD"),
    ],
)
def test_money_grammar(text: str, value: str, unit: str) -> None:
    amounts = find_amounts(text)
    assert [(a.value, a.unit) for a in amounts] == [(Decimal(value), unit)]


def test_numbers_without_money_are_not_money() -> None:
    assert find_amounts("В 2024 году было подписано 15 меморандумов и 3 протокола.") == []


@pytest.mark.parametrize(
    ("name", "language"),
    [("kz_uz_visit.txt", "ru"), ("english_news.txt", "en"), ("kazakh.txt", "kk")],
)
def test_language_detection(name: str, language: str) -> None:
    assert detect_language((FIXTURES / name).read_text(encoding="utf-8")) == language


# ---------------------------------------------------------------- facts


def test_facts_of_an_article_we_wrote(extractor: Extractor) -> None:
    result = _extract(extractor, "kz_uz_visit.txt")
    assert result.language == "ru"
    assert result.countries == ("KZ", "UZ")
    people = {p.name: (p.role, p.country) for p in result.people}
    assert people["Касым-Жомарт Токаев"] == ("Президент Казахстана", "KZ")
    assert people["Шавкат Мирзиёев"] == ("Президент Узбекистана", "UZ")
    assert people["Бахтиёр Саидов"] == ("Министр иностранных дел Узбекистана", "UZ")
    assert people["Арман Шаккалиев"][1] == "KZ"
    visit = next(e for e in result.events if e.kind == "state_visit")
    assert (visit.date, visit.place, visit.countries) == (
        dt.date(2026, 3, 12),
        "Ташкент",
        ("KZ", "UZ"),
    )
    # the talks in Tashkent were held during the visit: one occasion, one event
    assert not [e for e in result.events if e.kind == "talks"]
    assert set(visit.participants) == {"Касым-Жомарт Токаев", "Шавкат Мирзиёев"}
    # "обсудили подготовку заседания Высшего государственного совета": a session of the
    # two states' council still ahead (a meeting, not a summit), not one that took place
    (session,) = [e for e in result.events if e.planned]
    assert (session.kind, session.date, session.countries) == ("meeting", None, ("KZ", "UZ"))
    titles = {a.title: a for a in result.agreements}
    assert set(titles) == {
        "Соглашение о демаркации казахстанско-узбекской государственной границы",
        "Программа экономического сотрудничества на 2026–2030 годы",
    }
    programme = titles["Программа экономического сотрудничества на 2026–2030 годы"]
    assert (programme.period, programme.status, programme.parties) == (
        (2026, 2030),
        "signed",
        ("KZ", "UZ"),
    )
    trade = {(t.value, t.kind, t.year, t.qualifier) for t in result.trade}
    assert (Decimal("4400000000"), "actual", 2025, "exceeds") in trade
    assert (Decimal("10000000000"), "target", 2030, None) in trade
    # the headline list below the article reported reserves of 50 bn: furniture, no fact
    assert all(t.value != Decimal("50000000000") for t in result.trade)
    for fact in (*result.people, *result.events, *result.agreements, *result.trade):
        assert 0 < fact.confidence <= 1
        assert fact.evidence.phrase


def test_html_and_text_of_the_same_article_agree(extractor: Extractor) -> None:
    from_text = _extract(extractor, "kz_uz_visit.txt")
    from_html = _extract(extractor, "kz_uz_visit.html")
    # (the page's text has one paragraph more, on a session still ahead)
    assert {(e.kind, e.date) for e in from_html.events} == {
        (e.kind, e.date) for e in from_text.events if not e.planned
    }
    assert {a.title for a in from_html.agreements} == {a.title for a in from_text.agreements}
    assert {(t.value, t.kind) for t in from_html.trade} == {
        (t.value, t.kind) for t in from_text.trade
    }
    assert "CN" not in from_html.countries and "FR" not in from_html.countries


def test_english_article_gives_countries_people_dates_and_money(extractor: Extractor) -> None:
    result = _extract(extractor, "english_news.txt")
    assert result.language == "en"
    assert "language_english" in result.warnings
    assert set(result.countries) == {"KZ", "AZ"}
    people = {p.name: p.country for p in result.people}
    assert people == {
        "Kassym-Jomart Tokayev": "KZ",
        "Ilham Aliyev": "AZ",
        "Yermek Kosherbayev": "KZ",  # "Foreign Minister Yermek Kosherbayev"
    }
    # the talks were held during Aliyev's official visit: one event, the visit
    assert {(e.kind, e.date, e.place) for e in result.events} == {
        ("official_visit", dt.date(2026, 4, 1), "Astana")
    }
    assert {(t.value, t.kind) for t in result.trade} == {
        (Decimal("640000000"), "actual"),
        (Decimal("1000000000"), "target"),
    }


def test_kazakh_article_is_flagged_and_no_facts_are_invented(extractor: Extractor) -> None:
    result = _extract(extractor, "kazakh.txt")
    assert result.language == "kk"
    assert "language_not_supported:kk" in result.warnings
    assert result.fact_count == 0


def test_article_without_facts(extractor: Extractor) -> None:
    result = _extract(extractor, "no_facts.txt")
    assert result.fact_count == 0
    assert "no_facts" in result.warnings


# Our own texts, written for these rules.
PHONE_EN = (
    "Leaders discuss water and transit\n\n"
    "On 3 March 2026 the President of Kazakhstan, Kassym-Jomart Tokayev, held a telephone "
    "conversation with the President of Uzbekistan, Shavkat Mirziyoyev. The two leaders "
    "discussed water sharing on transboundary rivers and new transit corridors to the south."
)
PHONE_RU = (
    "Лидеры обсудили транзит\n\n"
    "3 марта 2026 года Президент Казахстана Касым-Жомарт Токаев провёл телефонные переговоры "
    "с Президентом Узбекистана Шавкатом Мирзиёевым. Стороны обсудили совместное использование "
    "трансграничных рек и новые транзитные коридоры на юг."
)
ONE_SIDE_NAMED = (
    "Казахстан и Кыргызстан обсудили границу\n\n"
    "Отношения Казахстана и Кыргызстана развиваются динамично, заявили в МИД. "
    "12 марта 2026 года в Бишкеке состоялись переговоры заместителей министров иностранных "
    "дел, посвящённые демаркации границы и работе пунктов пропуска."
)


SIGNED_DURING_A_VISIT = (
    "Визит в Бишкек\n\n"
    "14 апреля 2026 года Президент Казахстана Касым-Жомарт Токаев прибыл с государственным "
    "визитом в Бишкек. Лидеры Казахстана и Кыргызстана обсудили водные и транспортные "
    "вопросы.\n\nПо итогам переговоров стороны подписали Соглашение о совместном управлении "
    "водными ресурсами бассейна реки Чу."
)


def test_a_document_signed_during_the_reported_visit_carries_its_day(
    extractor: Extractor,
) -> None:
    agreements = extractor.extract(
        load_document(SIGNED_DURING_A_VISIT.encode(), "v.txt")
    ).agreements
    assert [(a.status, str(a.signed_on), a.precision) for a in agreements] == [
        ("signed", "2026-04-14", "day")
    ]


TRADE_CLAUSES = (
    "Казахстан и Кыргызстан нарастили торговлю\n\n"
    "Товарооборот Казахстана и Кыргызстана в 2025 году составил 600 млн долларов, из них "
    "экспорт казахстанских товаров — 450 млн долларов. Кроме того, кыргызская сторона "
    "инвестировала в Казахстан почти 2 млрд долларов за последние десять лет."
)
TRADE_EN = (
    "Kazakhstan and Hungary expand trade\n\n"
    "Trade between Kazakhstan and Hungary grew from $1.1 billion in 2018 to $2.3 billion in "
    "2020. President Tokayev announced plans to bring trade turnover with Hungary to $3 billion."
)


def test_each_figure_takes_the_metric_and_year_of_its_own_clause(extractor: Extractor) -> None:
    trade = extractor.extract(load_document(TRADE_CLAUSES.encode(), "t.txt")).trade
    assert {(t.metric, int(t.value), t.kind) for t in trade} == {
        ("turnover", 600_000_000, "actual"),
        ("exports", 450_000_000, "actual"),
        ("investment", 2_000_000_000, "actual"),
    }
    english = extractor.extract(load_document(TRADE_EN.encode(), "t.txt")).trade
    assert {(int(t.value), t.kind, t.year) for t in english} == {
        (1_100_000_000, "actual", 2018),
        (2_300_000_000, "actual", 2020),
        (3_000_000_000, "target", None),
    }


NAMES_EN = (
    "Leaders meet in Astana\n\n"
    "On 5 May 2026 Kazakhstan’s President Kassym-Jomart Tokayev held talks in Astana with the "
    "Amir of Qatar, Sheikh Tamim bin Hamad Al Thani, and with Hungarian Prime Minister Viktor "
    "Orbán. Former South Korean President Moon Jae-in also attended the forum in Astana."
)


def test_english_names_keep_their_particles_accents_and_spelling(extractor: Extractor) -> None:
    people = extractor.extract(load_document(NAMES_EN.encode(), "n.txt")).people
    names = {p.name for p in people}
    assert {"Kassym-Jomart Tokayev", "Tamim bin Hamad Al Thani", "Viktor Orbán"} <= names
    assert "Moon Jae-in" in names or not any("Moon" in name for name in names)


@pytest.mark.parametrize("text", [PHONE_EN, PHONE_RU])
def test_a_phone_call_is_one_call_in_either_language(extractor: Extractor, text: str) -> None:
    events = extractor.extract(load_document(text.encode(), "call.txt")).events
    assert [(e.kind, str(e.date), set(e.countries)) for e in events] == [
        ("phone_call", "2026-03-03", {"KZ", "UZ"})
    ]


def test_an_event_naming_one_side_gets_the_other_from_the_article(extractor: Extractor) -> None:
    events = extractor.extract(load_document(ONE_SIDE_NAMED.encode(), "talks.txt")).events
    assert [(e.kind, set(e.countries)) for e in events] == [("talks", {"KG", "KZ"})]


# Our own texts: diplomacy that does not involve Kazakhstan, and a domestic story.
NEIGHBOURS_ONLY = (
    "Душанбе и Ташкент договорились о воде\n\n"
    "12 марта 2026 года президент Узбекистана Шавкат Мирзиёев провёл в Душанбе переговоры "
    "с президентом Таджикистана Эмомали Рахмоном. Стороны подписали Соглашение о совместном "
    "использовании водных ресурсов и договорились довести товарооборот до 2 млрд долларов."
)
DOMESTIC = (
    "В области Абай построят завод\n\n"
    "Аким области Берик Уали сообщил, что в 2026 году в регион привлекут 300 млрд тенге "
    "инвестиций. Меморандум о строительстве завода подписан с местной компанией, а в Семее "
    "прошла встреча с предпринимателями региона."
)


@pytest.mark.parametrize("text", [NEIGHBOURS_ONLY, DOMESTIC])
def test_no_facts_from_an_article_not_about_kazakhstans_foreign_relations(
    extractor: Extractor, text: str
) -> None:
    result = extractor.extract(load_document(text.encode(), "other.txt"))
    assert result.fact_count == 0 and result.countries == ()
    assert "not_about_foreign_relations" in result.warnings


def test_json_has_exactly_the_documented_schema(extractor: Extractor) -> None:
    data = _extract(extractor, "kz_uz_visit.txt").to_json()
    assert set(data) == {
        "language", "title", "outlet", "published_at", "countries", "people", "events",
        "agreements", "trade", "warnings",
    }  # fmt: skip
    assert all(set(p) == {"name", "role", "country"} for p in data["people"])
    event_fields = {"kind", "date", "date_end", "precision", "place", "countries"}
    assert all(set(e) == event_fields | {"participants", "planned"} for e in data["events"])
    assert all(
        set(a)
        == {"title", "type", "signed_on", "precision", "count", "period", "parties", "status"}
        for a in data["agreements"]
    )
    assert all(
        set(t) == {"value", "currency", "kind", "metric", "year", "qualifier", "countries"}
        for t in data["trade"]
    )
    visit, session = data["events"]
    assert (visit["precision"], visit["planned"]) == ("day", None)
    assert (session["precision"], session["planned"]) == (None, True)
    assert data["published_at"] == "2026-03-13"
    assert {t["value"] for t in data["trade"]} >= {4400000000, 10000000000}
    json.dumps(data)  # serialisable as is


# ---------------------------------------------------------------- seeds


needs_shared = pytest.mark.skipif(
    not SHARED_SEEDS.is_dir(), reason="../shared/seeds is not beside the project"
)


@needs_shared
def test_quality_on_the_seed_articles_reaches_the_target() -> None:
    from bench.eval_extraction import evaluate

    for kind, score in evaluate(Extractor(gazetteer_from_seeds(SEEDS_DIR))).items():
        assert score.precision >= 0.85, (kind, score.false)
        assert score.recall >= 0.85, (kind, score.misses)


@needs_shared
def test_seed_articles_carry_their_duplicate_fingerprints() -> None:
    """articles.yaml holds each seed article's text hash and sketch: a re-upload of the
    same page (or a near copy) must be recognised although the text is not stored."""
    for article in read_seeds(SEEDS_DIR).articles:
        assert article.seed_file and article.sketch and article.text_hash
        document = load_document((SHARED_SEEDS / article.seed_file).read_bytes(), "a.txt")
        assert article.text_hash == text_hash(document.text), article.key
        assert similarity(decode_sketch(article.sketch), sketch(document.text)) == 1.0


def test_near_copies_score_above_the_threshold_and_other_texts_far_below() -> None:
    text = load_document((FIXTURES / "kz_uz_visit.txt").read_bytes(), "a.txt").text
    edited = text.replace("узком и расширенном составе", "узком составе").replace(
        "водное хозяйство", "водные ресурсы"
    )
    other = load_document((FIXTURES / "english_news.txt").read_bytes(), "b.txt").text
    assert similarity(sketch(text), sketch(edited)) >= 0.9
    assert similarity(sketch(text), sketch(other)) < 0.1
    assert text_hash(text) == text_hash(text.upper().replace(" ", "  "))


# ---------------------------------------------------------------- CLI


def _cli(*args: str, cwd: Path = PROJECT_ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_cli_extract_json_prints_exactly_one_object() -> None:
    done = _cli("extract", str(FIXTURES / "kz_uz_visit.html"), "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)  # one object, nothing else on stdout
    assert data["language"] == "ru" and data["countries"] == ["KZ", "UZ"]
    assert data["events"][0]["date"] == "2026-03-12"


def test_an_impossible_header_date_is_ignored_with_a_warning(tmp_path: Path) -> None:
    article = tmp_path / "feb30.txt"
    body = (FIXTURES / "kz_uz_visit.txt").read_text(encoding="utf-8")
    article.write_text("Date: 2024-02-30\n" + body, encoding="utf-8")
    done = _cli("extract", str(article), "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert "bad_header_date:2024-02-30" in data["warnings"]
    assert data["published_at"] != "2024-02-30" and data["events"]


def test_cli_extract_refuses_a_binary_file(tmp_path: Path) -> None:
    image = tmp_path / "photo.txt"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    done = _cli("extract", str(image), "--json")
    assert done.returncode == 1
    assert done.stdout == ""
    assert "not a text file" in done.stderr


def _cli_env(database: Path) -> dict[str, str]:
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("BOT_TOKEN", "ADMIN_IDS")}
    env["DATABASE_URL"] = f"sqlite+aiosqlite:///{database}"
    return env


def test_cli_import_dry_run_then_publish_then_all_duplicates(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    (folder / "nested").mkdir(parents=True)
    (folder / "visit.txt").write_bytes((FIXTURES / "kz_uz_visit.txt").read_bytes())
    (folder / "nested" / "english.txt").write_bytes((FIXTURES / "english_news.txt").read_bytes())
    (folder / "nested" / "visit-copy.md").write_bytes((FIXTURES / "kz_uz_visit.txt").read_bytes())
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (folder / "archive.zip").write_bytes(b"PK\x03\x04")  # not an article type: not walked
    env = _cli_env(tmp_path / "bot.sqlite3")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "bot", "import", *args],
            cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=180, check=False,
        )  # fmt: skip

    dry = run(str(folder), str(tmp_path / "missing.txt"))
    assert dry.returncode == 0, dry.stderr
    assert "Would import (add --publish to store): 2" in dry.stdout
    assert "Duplicates: 1" in dry.stdout and "Failed: 2" in dry.stdout
    assert "not a text file" in dry.stdout and "not found" in dry.stdout
    assert "importing" in dry.stderr  # the progress bar

    published = run(str(folder), "--publish")
    assert "Imported: 2" in published.stdout, published.stdout + published.stderr
    assert "Duplicates: 1" in published.stdout and "Failed: 1" in published.stdout

    again = run(str(folder), "--publish")
    assert "Imported: 0" in again.stdout and "Duplicates: 3" in again.stdout
    assert "article #" in again.stdout  # a pointer to what is already there


def test_ordinary_commands_never_load_the_extraction_models(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from bot.cli import main\n"
        "main(['ask', '/country TJ'])\n"
        "print('LOADED', any(m in sys.modules for m in ('natasha', 'slovnet', 'trafilatura')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT_ROOT, env=_cli_env(tmp_path / "bot.sqlite3"),
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    assert "Таджикистан" in done.stdout, done.stderr
    assert "LOADED False" in done.stdout


def test_language_by_script_agrees_with_the_model_and_defers_when_unsure() -> None:
    from bot.extraction.language import _model, detect_language

    russian = "Министры обсудили вопросы торговли, и стороны были готовы подписать соглашение. " * 3
    english = "The ministers discussed trade and the sides were ready to sign the agreement. " * 3
    kazakh = (
        "Қазақстан мен Өзбекстан министрлері сауда мәселелерін талқылады және келісім жасады. " * 3
    )
    ukrainian = "Міністри обговорили питання торгівлі, і сторони були готові підписати угоду. " * 3
    for text in (russian, english):
        assert detect_language(text) == _model().classify(text)[0]
    assert detect_language(russian) == "ru" and detect_language(english) == "en"
    assert detect_language(kazakh) == "kk"  # the model decides: Kazakh letters
    assert detect_language(ukrainian) == "uk"


def test_gazetteer_cache_is_reused_and_survives_a_broken_file(tmp_path: Path) -> None:
    from bot import SEEDS_DIR
    from bot.extraction.shared import cached_gazetteer

    first = cached_gazetteer(SEEDS_DIR, tmp_path)
    [written] = list(tmp_path.glob("gazetteer-*.pickle"))
    again = cached_gazetteer(SEEDS_DIR, tmp_path)
    assert again is not first  # read back from the file, not the in-process copy
    assert again.countries.resolve("Таджикистаном").partner == "TJ"
    written.write_bytes(b"not a pickle")
    rebuilt = cached_gazetteer(SEEDS_DIR, tmp_path)
    assert rebuilt.countries.resolve("Душанбе").partner == "TJ"
    unwritable = tmp_path / "file-not-dir"
    unwritable.write_text("x")
    assert cached_gazetteer(SEEDS_DIR, unwritable).countries.resolve("TJ").partner == "TJ"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Переговоры прошли в среду в Астане.", "2022-10-12"),  # published on a Wednesday
        ("The leaders met on Monday in Astana.", "2022-10-10"),
        ("Визит начался во вторник.", "2022-10-11"),
        ("Talks were held last Sunday.", "2022-10-09"),
    ],
)
def test_a_weekday_is_the_latest_such_day_of_the_week_reported(text: str, expected: str) -> None:
    published = dt.date(2022, 10, 12)  # a Wednesday
    assert [str(d.date) for d in find_dates(text, published)] == [expected]
    assert find_dates(text, None) == []  # no article date: no guess


def test_a_currency_said_once_covers_the_next_scaled_number() -> None:
    sentence = "Товарооборот составил 600 млн долларов, из них 450 млн пришлись на экспорт."
    assert [(int(a.value), a.unit) for a in find_amounts(sentence)] == [
        (600_000_000, "USD"),
        (450_000_000, "USD"),
    ]
    people = "Инвестиции составили 2 млрд долларов, а население выросло на 20 млн человек."
    assert [int(a.value) for a in find_amounts(people)] == [2_000_000_000]


@pytest.mark.parametrize(
    "text",
    [
        "Kazakhstan and Kyrgyzstan\n\nTrade between Kazakhstan and Kyrgyzstan reached "
        "1.3 billion U.S. dollars in 2025, the ministers of the two countries said in Bishkek "
        "after a meeting on customs, transit and the new border crossings between them.",
        "Казахстан и Кыргызстан\n\nТоварооборот Казахстана и Кыргызстана в 2025 году достиг "
        "1,3 млрд долларов США, сообщили министры двух стран в Бишкеке после встречи, "
        "посвящённой таможне, транзиту и новым пунктам пропуска на границе.",
    ],
)
def test_dollars_of_the_united_states_make_it_no_party(extractor: Extractor, text: str) -> None:
    result = extractor.extract(load_document(text.encode(), "t.txt"))
    assert [(int(t.value), t.currency) for t in result.trade] == [(1_300_000_000, "USD")]
    assert "US" not in result.countries and set(result.trade[0].countries) == {"KG", "KZ"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In January-July, commodity turnover rose by 13%.", "2023-07-01"),
        ("В январе-октябре этого года товарооборот вырос.", "2023-10-01"),
        ("За январь-сентябрь 2022 года экспорт составил 1 млрд долларов.", "2022-09-01"),
    ],
)
def test_a_period_from_january_is_of_the_year_given_or_reported(text: str, expected: str) -> None:
    found = find_dates(text, dt.date(2023, 9, 24))
    assert [(str(d.date), d.precision) for d in found][:1] == [(expected, "month")]


FIGURE_FELL = (
    "Korea and Kazakhstan\n\n"
    "Trade between Kazakhstan and South Korea reached $4.2 billion in 2019. Hit by the "
    "pandemic, the figure fell to $3.1 billion in 2020, officials in Seoul said on Monday, "
    "adding that both governments expect a recovery as new flights and investment projects "
    "between the two countries start."
)


def test_the_figure_of_the_sentence_before_is_the_same_metric(extractor: Extractor) -> None:
    trade = extractor.extract(load_document(FIGURE_FELL.encode(), "t.txt")).trade
    assert {(t.metric, int(t.value), t.year) for t in trade} == {
        ("turnover", 4_200_000_000, 2019),
        ("turnover", 3_100_000_000, 2020),
    }


MEMORANDUM_EN = (
    "Water talks in Astana\n\n"
    "On 5 May 2026 President of Kazakhstan Kassym-Zhomart Tokayev met President of Uzbekistan "
    "Shavkat Mirziyoyev in Astana. The parties signed a Memorandum of Understanding on the "
    "joint implementation of a water programme for the Syr Darya basin, officials said."
)


def test_a_title_speaks_neither_of_its_status_nor_of_another_document(
    extractor: Extractor,
) -> None:
    result = extractor.extract(load_document(MEMORANDUM_EN.encode(), "m.txt"))
    # "implementation" is part of the title, not news that the memorandum is in force, and
    # the programme it names is no document of its own
    assert [(a.type, a.status) for a in result.agreements] == [("меморандум", "signed")]
    # a known person keeps the page's own spelling in an English text
    assert "Kassym-Zhomart Tokayev" in {p.name for p in result.people}


def test_a_date_without_a_year_on_an_undated_page_takes_the_latest_year_named() -> None:
    text = "В октябре 2017 года ввели контроль. 2 декабря стороны подписали соглашение."
    found = find_dates(text, None)
    assert [(m.date, m.precision) for m in found] == [
        (dt.date(2017, 10, 1), "month"),
        (dt.date(2017, 12, 2), "day"),
    ]
    assert find_dates("2 декабря стороны встретились.", None) == []  # nothing to go by


ENGLISH_DOCUMENTS = (
    "Kazakhstan and Georgia deepen ties\n\n"
    "On May 12, 2026, in Tbilisi, Kazakh President Kassym-Jomart Tokayev and Georgian President "
    "Mikheil Kavelashvili adopted a declaration to strengthen the strategic partnership. "
    "The ministers also signed an agreement on energy cooperation during the visit, and the "
    "two leaders issued a joint statement on regional connectivity. Officials said they plan "
    "to open new flights."
)
RUSSIAN_OCCASION = (
    "Казахстан и Монголия: парламентский диалог\n\n"
    "12 мая 2026 года в Астане стороны подписали меморандум о сотрудничестве в ходе встречи "
    "председателей парламентов Казахстана и Монголии, обсудив законодательное сотрудничество."
)


def test_english_documents_their_titles_and_statuses(extractor: Extractor) -> None:
    found = extractor.extract(load_document(ENGLISH_DOCUMENTS.encode(), "e.txt")).agreements
    by_type = {a.type: a for a in found}
    assert set(by_type) == {"декларация", "соглашение", "заявление"}
    assert by_type["декларация"].status == "signed"
    assert by_type["соглашение"].title == "Agreement on energy cooperation"  # not "...during"
    assert all(a.parties == ("GE", "KZ") for a in found)


def test_a_title_ends_before_the_occasion(extractor: Extractor) -> None:
    found = extractor.extract(load_document(RUSSIAN_OCCASION.encode(), "r.txt")).agreements
    assert [a.title for a in found] == ["Меморандум о сотрудничестве"]


def test_an_event_takes_place_in_the_city_the_text_names(extractor: Extractor) -> None:
    """Any city of the gazetteer, in any case, not only capitals; a residence is no city."""
    russian = (
        "Президент Казахстана Касым-Жомарт Токаев 2 сентября 2025 года провёл переговоры с "
        "Председателем КНР Си Цзиньпином в Тяньцзине.\n\n"
        "Позднее Токаев встретился с премьер-министром Пакистана Шахбазом Шарифом в Акорде.\n\n"
        "Стороны обсудили транспортные коридоры, поставки зерна и совместные проекты в "
        "энергетике, а также договорились продолжить контакты на уровне министров."
    )
    found = extractor.extract(load_document(russian.encode(), "a.txt"))
    talks = next(event for event in found.events if event.kind == "talks")
    assert talks.place == "Тяньцзинь"
    assert all(event.place != "Акорда" for event in found.events)
    english = (
        "ASTANA, March 3, 2026. Kazakh President Kassym-Jomart Tokayev held talks with "
        "Uzbek President Shavkat Mirziyoyev in Samarkand on March 2, 2026.\n\n"
        "The leaders discussed water sharing, transit routes and joint industrial projects, "
        "and agreed that their foreign ministers would meet again before the summer."
    )
    found = extractor.extract(load_document(english.encode(), "b.txt"))
    assert any(e.kind == "talks" and e.place == "Samarkand" for e in found.events), found.events


def test_a_dateline_places_an_event_in_its_capital(extractor: Extractor) -> None:
    text = (
        "АСТАНА, 4 марта 2026. Президент Узбекистана Шавкат Мирзиёев прибыл в Казахстан с "
        "официальным визитом 4 марта 2026 года.\n\n"
        "В тот же день Касым-Жомарт Токаев провёл телефонный разговор с президентом "
        "Кыргызстана Садыром Жапаровым.\n\n"
        "Стороны обсудили водные ресурсы, транзит и совместные промышленные проекты."
    )
    found = extractor.extract(load_document(text.encode(), "c.txt"))
    visit = next(event for event in found.events if event.kind == "official_visit")
    assert visit.place == "Астана"
    call = next(event for event in found.events if event.kind == "phone_call")
    assert call.place is None  # a phone call takes place nowhere


def test_an_english_list_of_subjects_gives_one_document_each(extractor: Extractor) -> None:
    text = (
        "ASTANA, March 3, 2026. Kazakh President Kassym-Jomart Tokayev held talks with Uzbek "
        "President Shavkat Mirziyoyev in Astana on March 3, 2026.\n\n"
        "The two countries signed agreements on water management, tourism and customs "
        "cooperation.\n\n"
        "Further cooperation agreements were reached in areas such as energy, higher "
        "education, and healthcare.\n\n"
        "Ministers also signed 12 agreements on trade, transport and culture."
    )
    found = extractor.extract(load_document(text.encode(), "list.txt"))
    titles = sorted(a.title for a in found.agreements if a.quantity == 1)
    assert titles == [
        "agreement on customs cooperation",
        "agreement on tourism",
        "agreement on water management",
        "cooperation agreement on energy",
        "cooperation agreement on healthcare",
        "cooperation agreement on higher education",
    ], titles
    counted = [a for a in found.agreements if a.quantity > 1]
    assert [a.quantity for a in counted] == [12]  # a count is one entry, not split
    assert all(a.status == "signed" for a in found.agreements)


def test_foreign_names_come_out_in_the_nominative(extractor: Extractor) -> None:
    """Names the dictionary does not know: an instrumental ending undone, a man's surname in
    -и left as it is, particles of Arabic names never declined."""
    text = (
        "Президент Казахстана Касым-Жомарт Токаев 3 марта 2026 года провёл переговоры с "
        "Председателем Великого Хурала Монголии Дамдинсурэном Гомбожавом в Астане.\n\n"
        "Премьер-министр Казахстана Олжас Бектенов встретился с исполняющим обязанности "
        "министра торговли Афганистана Нуриддином Азизи.\n\n"
        "Позднее Токаев провёл телефонный разговор с королём Саудовской Аравии Сальманом бен "
        "Абдель Азизом Аль Саудом и обсудил с ним инвестиции."
    )
    found = extractor.extract(load_document(text.encode(), "names.txt"))
    names = {person.name for person in found.people}
    assert {"Нуриддин Азизи", "Сальман бен Абдель Азиз Аль Сауд"} <= names, names
    assert "Дамдинсурэн Гомбожав" in names, names


def test_the_value_of_a_deal_is_a_target_not_trade_done(extractor: Extractor) -> None:
    text = (
        "ASTANA, March 3, 2026. The Kazakh government signed a $2.5 billion agreement on "
        "investment cooperation with the Emirati government in Abu Dhabi on March 2, 2026.\n\n"
        "Trade between Kazakhstan and the UAE reached $1.1 billion in 2025, the ministry said."
    )
    found = extractor.extract(load_document(text.encode(), "deal.txt"))
    by_value = {float(f.value): f.kind for f in found.trade}
    assert by_value == {2.5e9: "target", 1.1e9: "actual"}, found.trade
