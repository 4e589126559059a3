"""CLI speed: `python -m bot extract FILE --json` against a bare script that loads natasha's
embedding and NER models and tags the same text, measured alternately in the same run;
and which heavy libraries `extract` imports (none of aiogram, SQLAlchemy, matplotlib).

    .venv/bin/python -m bench.bench_cli [--runs N] [FILE]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ARTICLE = PROJECT_ROOT / "tests" / "fixtures" / "articles" / "kz_uz_visit.txt"
BARE = (
    "import sys\n"
    "from natasha import Doc, NewsEmbedding, NewsNERTagger, Segmenter\n"
    "text = open(sys.argv[1], encoding='utf-8').read()\n"
    "doc = Doc(text)\n"
    "doc.segment(Segmenter())\n"
    "doc.tag_ner(NewsNERTagger(NewsEmbedding()))\n"
    "print(len(doc.spans))\n"
)
HEAVY = ("aiogram", "sqlalchemy", "matplotlib")


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=PROJECT_ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("file", nargs="?", default=str(DEFAULT_ARTICLE))
    args = parser.parse_args()
    ours, bare = [], []
    for _ in range(args.runs):  # alternate, so load on the machine hits both alike
        ours.append(timed([sys.executable, "-m", "bot", "extract", args.file, "--json"]))
        bare.append(timed([sys.executable, "-c", BARE, args.file]))
    size = Path(args.file).stat().st_size
    ratio = statistics.median(ours) / statistics.median(bare)
    print(f"extract --json of a {size / 1000:.1f} KB article ({args.runs} runs each):")
    print(f"  python -m bot extract: median {statistics.median(ours):.2f} s")
    print(f"  bare natasha NER script: median {statistics.median(bare):.2f} s")
    print(f"  ratio {ratio:.2f} (target at most 1.5)")
    traced = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "bot", "extract", args.file, "--json"],
        cwd=PROJECT_ROOT, check=True, capture_output=True, text=True,
    )  # fmt: skip
    modules = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in traced.stderr.splitlines()}
    print(f"  heavy libraries imported by extract: {sorted(modules & set(HEAVY)) or 'none'}")


if __name__ == "__main__":
    main()
