"""An English reader finds Russian-titled documents and facts by English words, through
the dispatcher: /treaty, /search and plain text."""

from __future__ import annotations

from tests.harness import Harness

TREATY = "Treaty on Allied Relations"  # as an English reader sees it


async def test_treaty_in_english(harness: Harness) -> None:
    for query in ("alliance", "allied", "allied relations treaty"):
        reply = "\n".join(await harness.send(f"/treaty {query}", language="en"))
        assert TREATY in reply, query
        assert "Found for" in reply
    reply = "\n".join(await harness.send("/treaty strategic partnership", language="en"))
    assert "Treaty on Strategic Partnership" in reply
    assert TREATY not in reply


async def test_search_and_plain_text_in_english(harness: Harness) -> None:
    reply = "\n".join(await harness.send("/search alliance treaty", language="en"))
    first = reply.split("\n1. ", 1)[1].split("\n", 1)[0]
    assert TREATY in first
    plain = "\n".join(await harness.send("alliance treaty", language="en"))
    assert TREATY in plain
