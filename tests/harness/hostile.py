"""Generated hostile uploads: a plausible article of ours followed by a run of one shape
that once made a pattern backtrack (quadratic time) or the NER swell; at any size."""

from __future__ import annotations

from collections.abc import Callable

ARTICLE = (
    "Казахстан и Узбекистан обсудили водные вопросы. 12 марта 2026 года в Ташкенте прошли "
    "переговоры министров иностранных дел двух стран о совместном использовании рек "
    "бассейна Сырдарьи и о графике попусков воды на летний сезон.\n\n"
)
SHAPES: dict[str, tuple[str, Callable[[int], str]]] = {
    "digits": ("a.txt", lambda n: "1" * n),
    "one then spaces": ("a.txt", lambda n: "1" + " " * n + "x"),
    "open brackets": ("a.md", lambda n: "[" * n),
    "unclosed links": ("a.md", lambda n: "[a](" * (n // 4)),
    "open tags": ("a.txt", lambda n: "<" * n),
    "open tags in html": ("a.html", lambda n: "<p>" + "<" * n),
    "nested divs": ("a.html", lambda n: "<div>" * (n // 5)),
    "digits before раз": ("a.txt", lambda n: "Встречались " + "1" * n + " раз."),
}
SIZES = (10_000, 100_000, 1_000_000)


def hostile_upload(shape: str, size: int) -> tuple[str, bytes]:
    """(file name, content) of about `size` bytes, at most the upload limit."""
    name, run = SHAPES[shape]
    body = ARTICLE * 40 + run(size)
    if name.endswith(".html"):
        body = f"<html><body><p>{ARTICLE * 40}</p>{run(size)}</body></html>"
    return name, body.encode("utf-8")[:1_000_000]
