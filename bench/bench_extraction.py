"""Extraction speed (issue: uploads). Prints figures; asserts nothing.

    .venv/bin/python -m bench.bench_extraction [--quick]

Articles are cut to about 3,000 characters (Cyrillic: about 5.5 KB of UTF-8), stricter
than "3 KB".

1. model load: a fresh interpreter imports the extractor and loads natasha's embeddings
   and NER, the language model and the money grammar; against the bare interpreter start;
2. extraction throughput on one core: articles of about 3 KB (the five seed articles cut
   at a paragraph near 3,000 characters, and our own test articles), extracted one after
   another in one thread, against natasha's segmentation + NER alone on the same texts
   (the floor any natasha-based extractor pays);
3. a 1 MB upload, the largest accepted: document cleaning and extraction end to end;
4. pages that must give no fact (issue: extraction on real news): nothing but furniture,
   a third language, an article about two other countries, 1 MB on a single line; the
   facts each gives (must be none), its time, and the worst case.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot import PROJECT_ROOT, SEEDS_DIR
from bot.extraction.documents import MAX_UPLOAD_BYTES, load_document, parse_text
from bot.extraction.extractor import Extractor
from bot.extraction.gazetteer import gazetteer_from_seeds
from bot.extraction.models import MODELS, warm_up

SHARED = PROJECT_ROOT.parent / "shared" / "seeds"
FIXTURES = PROJECT_ROOT / "tests" / "fixtures" / "articles"
TARGET_CHARS = 3_000

LOAD_SCRIPT = """
import time
started = time.perf_counter()
from bot.extraction.models import warm_up
warm_up()
print(time.perf_counter() - started)
"""


def model_load(runs: int) -> tuple[list[float], list[float]]:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    loads, bare = [], []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", LOAD_SCRIPT],
            cwd=PROJECT_ROOT, capture_output=True, text=True, check=True, env=env,
        )  # fmt: skip
        loads.append(float(done.stdout.strip().splitlines()[-1]))
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        bare.append(time.perf_counter() - started)
    return loads, bare


def three_kb_texts() -> list[str]:
    texts = []
    # the five seed articles and the longest of ours; short notes would flatter the figure
    sources = [*sorted(SHARED.glob("*.txt")), FIXTURES / "kz_uz_visit.txt"]
    for path in sources:
        try:
            text = load_document(path.read_bytes(), path.name).text
        except ValueError:
            continue
        if len(text) > TARGET_CHARS:
            cut = text.rfind("\n", 0, TARGET_CHARS + 500)
            text = text[: cut if cut > TARGET_CHARS // 2 else TARGET_CHARS]
        texts.append(text)
    return texts


def throughput(texts: list[str], rounds: int) -> tuple[list[float], list[float]]:
    extractor = Extractor(gazetteer_from_seeds(SEEDS_DIR))
    documents = [parse_text(text) for text in texts]
    for document in documents:  # warm caches: lemmas, grammar
        extractor.extract(document)
    ours, floor = [], []
    from natasha import Doc

    segmenter, ner = MODELS.get()
    for _ in range(rounds):
        for document in documents:
            started = time.perf_counter()
            extractor.extract(document)
            ours.append(time.perf_counter() - started)
            started = time.perf_counter()
            doc = Doc(document.text)
            doc.segment(segmenter)
            doc.tag_ner(ner)
            floor.append(time.perf_counter() - started)
    return ours, floor


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    with contextlib.suppress(AttributeError, OSError):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core

    loads, bare = model_load(2 if args.quick else 5)
    print(
        f"model load (fresh interpreter): median {statistics.median(loads):.2f} s, "
        f"max {max(loads):.2f} s  (target < 3 s; bare interpreter start "
        f"{statistics.median(bare):.2f} s)"
    )

    warm_up()
    texts = three_kb_texts()
    sizes = [len(t.encode()) for t in texts]
    ours, floor = throughput(texts, 3 if args.quick else 10)
    rate = len(ours) / sum(ours)
    print(
        f"extraction, {len(texts)} articles of {min(sizes) // 1000}-{max(sizes) // 1000} KB "
        f"(mean {statistics.mean(sizes) / 1000:.1f} KB), one core: {rate:.1f} articles/s "
        f"(target >= 20), p50 {percentile(ours, 0.5) * 1000:.1f} ms, "
        f"p99 {percentile(ours, 0.99) * 1000:.1f} ms"
    )
    print(
        f"baseline natasha segmentation + NER alone: {len(floor) / sum(floor):.1f} articles/s; "
        f"ours costs {sum(ours) / sum(floor):.2f}x that"
    )

    paragraph = texts[0] + "\n\n"
    big = (paragraph * (MAX_UPLOAD_BYTES // len(paragraph.encode()) + 1)).encode()
    big = big[: MAX_UPLOAD_BYTES - 10].decode(errors="ignore").encode()
    started = time.perf_counter()
    document = load_document(big, "big.txt")
    cleaned = time.perf_counter() - started
    started = time.perf_counter()
    Extractor(gazetteer_from_seeds(SEEDS_DIR)).extract(document)
    print(
        f"1 MB upload: cleaning {cleaned * 1000:.0f} ms, extraction "
        f"{(time.perf_counter() - started):.2f} s"
    )
    print("pages that must give no fact:")
    no_fact_figures(Extractor(gazetteer_from_seeds(SEEDS_DIR)))


# Texts of our own, as the tests use: each must give no fact at all.
FURNITURE_LINES = (
    "Главная | Новости | Политика | Экономика | Спорт",
    "Читайте также",
    "Курс тенге на 5 марта 2026: доллар 452,1, евро 489,7",
    "Подписывайтесь на наш канал в Telegram",
    "Read more: Kazakhstan news",
    "Поделиться: ВКонтакте Facebook Telegram",
    "© 2026 Все права защищены",
)
GERMAN = (
    "Der kasachische Präsident traf am 3. März 2026 in Berlin den Bundeskanzler. Beide "
    "Seiten unterzeichneten ein Abkommen über Rohstoffe im Wert von 2 Milliarden Euro. "
)
OTHER_COUNTRIES = (
    "Президент Узбекистана Шавкат Мирзиёев 3 марта 2026 года провёл переговоры с "
    "Президентом Таджикистана Эмомали Рахмоном в Душанбе. Стороны подписали соглашение о "
    "совместном использовании водных ресурсов, товарооборот достиг 600 млн долларов.\n\n"
)
ONE_LINE = "Погода в Астане сегодня солнечная, ветер слабый, без осадков. "


def no_fact_pages() -> dict[str, str]:
    return {
        "nothing but furniture (3 KB)": "\n".join(FURNITURE_LINES * 12),
        "a third language, German (3 KB)": GERMAN * 20,
        "two other countries (3 KB)": OTHER_COUNTRIES * 10,
        "1 MB on a single line": (ONE_LINE * 20_000)[: MAX_UPLOAD_BYTES // 2],
    }


def no_fact_figures(extractor: Extractor) -> None:
    worst = ("", 0.0)
    for label, text in no_fact_pages().items():
        started = time.perf_counter()
        try:
            found = extractor.extract(load_document(text.encode(), "page.txt"))
            facts = len(found.events) + len(found.agreements) + len(found.trade)
            outcome = f"{facts} facts"
        except ValueError as refused:  # DocumentError: refused with a reason
            outcome = f"refused ({refused})"
        elapsed = time.perf_counter() - started
        worst = max(worst, (label, elapsed), key=lambda pair: pair[1])
        print(f"  {label}: {outcome}, {elapsed:.2f} s")
    print(f"worst case: {worst[0]}, {worst[1]:.2f} s")


if __name__ == "__main__":
    main()
