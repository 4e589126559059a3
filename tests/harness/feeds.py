"""A local news site for the feed tests: feeds (RSS, Atom, JSON Feed) and article pages
written here, every fault a real source has, and a log of the requests it was sent."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from dataclasses import dataclass, field
from email.utils import format_datetime
from xml.sax.saxutils import escape

from aiohttp import web

from tests.harness.servers import serve_locally

NOW = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)

# Articles of our own: two about Kazakhstan's relations, one about nothing of the kind.
ARTICLES = {
    "tashkent-talks": (
        "Токаев и Мирзиёев обсудили транзит в Ташкенте",
        "Президент Казахстана Касым-Жомарт Токаев 18 ноября 2026 года провёл переговоры с "
        "Президентом Узбекистана Шавкатом Мирзиёевым в Ташкенте. Стороны обсудили транзит "
        "грузов, водные ресурсы и совместные промышленные проекты.\n\n"
        "По итогам встречи подписано Соглашение о сотрудничестве в области энергетики. "
        "Товарооборот двух стран в 2025 году превысил 4 млрд долларов США.",
    ),
    "baku-visit": (
        "Kazakh foreign minister visits Baku",
        "Kazakh Foreign Minister Yermek Kosherbayev held talks with Azerbaijani Foreign "
        "Minister Jeyhun Bayramov in Baku on November 17, 2026. The ministers discussed the "
        "Middle Corridor, shipping across the Caspian Sea and new ferry lines.\n\n"
        "The sides agreed to hold the next round of consultations in Astana next year.",
    ),
    "tashkent-talks-en": (
        "Tokayev and Mirziyoyev discuss transit in Tashkent",
        "Kazakh President Kassym-Jomart Tokayev held talks with Uzbek President Shavkat "
        "Mirziyoyev in Tashkent on November 18, 2026. The two leaders spoke about cargo "
        "transit, shared water resources and new joint factories.\n\n"
        "Officials said the neighbours intend to keep meeting regularly at the highest level.",
    ),
    "weather": (
        "Снег в горах",
        "Синоптики обещают снег в горах и гололёд на дорогах в выходные. Водителям советуют "
        "не выезжать без зимней резины и следить за сообщениями о закрытии перевалов.\n\n"
        "Температура ночью опустится до минус десяти градусов.",
    ),
}


def article_page(slug: str) -> str:
    title, text = ARTICLES[slug]
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in text.split("\n\n"))
    return (
        f"<html><head><title>{escape(title)}</title></head><body>"
        f"<nav><a href='/'>Главная</a> <a href='/about'>О нас</a></nav>"
        f"<article><h1>{escape(title)}</h1>{paragraphs}</article>"
        f"<footer>© Новости, 2026</footer></body></html>"
    )


def rss(base: str, slugs: list[str], days_old: int = 0, now: dt.datetime = NOW) -> str:
    items = "".join(
        f"<item><title>{escape(ARTICLES[slug][0])}</title>"
        f"<link>{base}/news/{slug}.html?utm_source=rss</link><guid>{base}/g/{slug}</guid>"
        f"<pubDate>{format_datetime(now - dt.timedelta(days=days_old, hours=n))}</pubDate>"
        f"<description>{escape(ARTICLES[slug][1][:200])}</description></item>"
        for n, slug in enumerate(slugs)
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>Новости</title><link>{base}/</link>{items}</channel></rss>"
    )


def atom(base: str, slugs: list[str]) -> str:
    entries = "".join(
        f"<entry><title>{escape(ARTICLES[slug][0])}</title><id>urn:news:{slug}</id>"
        f"<link href='{base}/news/{slug}.html'/><updated>{NOW.isoformat()}</updated></entry>"
        for slug in slugs
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
        f"<title>Atom news</title><id>urn:news</id><updated>{NOW.isoformat()}</updated>"
        f"{entries}</feed>"
    )


def json_feed(base: str, slugs: list[str], now: dt.datetime = NOW) -> str:
    return json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": "JSON news",
            "items": [
                {
                    "id": f"json-{slug}",
                    "url": f"{base}/news/{slug}.html",
                    "title": ARTICLES[slug][0],
                    "content_text": ARTICLES[slug][1],
                    "date_published": now.isoformat(),
                }
                for slug in slugs
            ],
        },
        ensure_ascii=False,
    )


@dataclass
class FeedSite:
    """Routes: /rss.xml (ETag "v1"), /atom.xml, /feed.json, /page.html (names /rss.xml),
    /news/<slug>.html, /many.xml (30 items), /old.xml (items 10 days old), and the faults
    /gone.xml (410), /busy.xml (429, Retry-After: 120), /big.xml (6 MB), /loop.xml (a
    redirect to itself), /broken.xml (not XML), /slow.xml (drips a byte a second)."""

    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    feed_slugs: list[str] = field(default_factory=lambda: ["tashkent-talks", "weather"])
    now: dt.datetime = NOW  # when the feeds say their items were published
    url: str = ""
    _runner: web.AppRunner | None = None

    async def start(self) -> str:
        app = web.Application()
        app.router.add_get("/{name}", self._handle)
        app.router.add_get("/news/{slug}.html", self._article)
        app.router.add_get("/news/{slug}.cp1251", self._article_cp1251)
        self._runner, self.url = await serve_locally(app)
        return self.url

    async def stop(self) -> None:
        if self._runner:
            await self._runner.cleanup()

    def asked(self, path: str) -> list[dict[str, str]]:
        """The headers of every request for `path`."""
        return [headers for requested, headers in self.requests if requested == path]

    async def _article(self, request: web.Request) -> web.Response:
        self.requests.append((request.path, dict(request.headers)))
        slug = request.match_info["slug"]
        if slug not in ARTICLES:
            raise web.HTTPNotFound()
        return web.Response(text=article_page(slug), content_type="text/html")

    async def _article_cp1251(self, request: web.Request) -> web.Response:
        """The same page in the encoding many Russian-language sites still use."""
        self.requests.append((request.path, dict(request.headers)))
        body = article_page(request.match_info["slug"]).replace(
            "<head>", "<head><meta charset='windows-1251'>"
        )
        return web.Response(
            body=body.encode("cp1251"), headers={"Content-Type": "text/html; charset=windows-1251"}
        )

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        self.requests.append((request.path, dict(request.headers)))
        name = request.match_info["name"]
        base = self.url
        if name == "rss.xml":
            if request.headers.get("If-None-Match") == '"v1"':
                return web.Response(status=304)
            body = rss(base, self.feed_slugs, now=self.now)
            return web.Response(
                text=body, content_type="application/rss+xml", headers={"ETag": '"v1"'}
            )
        if name == "atom.xml":
            return web.Response(
                text=atom(base, ["baku-visit"]), content_type="application/atom+xml"
            )
        if name == "feed.json":
            return web.Response(
                text=json_feed(base, ["baku-visit", "tashkent-talks"], self.now),
                content_type="application/feed+json",
            )
        if name == "offsite.xml":  # its links point to another host name of this server
            other = base.replace("127.0.0.1", "localhost")
            return web.Response(
                text=rss(other, ["tashkent-talks"], now=self.now),
                content_type="application/rss+xml",
            )
        if name == "cp1251.xml":
            body = rss(base, ["tashkent-talks"], now=self.now).replace(".html?", ".cp1251?")
            return web.Response(text=body, content_type="application/rss+xml")
        if name == "reprints.xml":
            body = rss(base, ["tashkent-reprint"], now=self.now)
            return web.Response(text=body, content_type="application/rss+xml")
        if name == "en.json":
            body = json_feed(base, ["tashkent-talks-en"], self.now)
            return web.Response(text=body, content_type="application/feed+json")
        if name == "page.html":
            link = "<link rel='alternate' type='application/rss+xml' href='/rss.xml'>"
            return web.Response(
                text=f"<html><head>{link}</head><body>Новости</body></html>",
                content_type="text/html",
            )
        if name == "many.xml":
            return web.Response(text=_many(base), content_type="application/rss+xml")
        if name == "old.xml":
            return web.Response(
                text=rss(base, ["tashkent-talks"], days_old=10), content_type="application/rss+xml"
            )
        return await self._fault(request, name)

    async def _fault(self, request: web.Request, name: str) -> web.StreamResponse:
        if name == "gone.xml":
            return web.Response(status=410)
        if name == "busy.xml":
            return web.Response(status=429, headers={"Retry-After": "120"})
        if name == "down.xml":  # Retry-After as an HTTP date: ten minutes after NOW
            when = format_datetime(NOW + dt.timedelta(minutes=10), usegmt=True)
            return web.Response(status=503, headers={"Retry-After": when})
        if name == "big.xml":
            return web.Response(
                body=b"<rss>" + b" " * 6_000_000, content_type="application/rss+xml"
            )
        if name == "loop.xml":
            raise web.HTTPFound(location="/loop.xml")
        if name == "broken.xml":
            return web.Response(
                text="<rss><channel><item>unclosed", content_type="application/rss+xml"
            )
        if name == "slow.xml":
            response = web.StreamResponse()
            await response.prepare(request)
            for _ in range(120):
                await response.write(b" ")
                await asyncio.sleep(1)
            return response
        raise web.HTTPNotFound()


def _many(base: str) -> str:
    """30 items of one story under 30 GUIDs: a feed that suddenly lists a flood."""
    items = "".join(
        f"<item><title>Item {n}</title><link>{base}/news/weather.html?n={n}</link>"
        f"<guid>{base}/many/{n}</guid>"
        f"<pubDate>{format_datetime(NOW - dt.timedelta(minutes=n))}</pubDate></item>"
        for n in range(30)
    )
    channel = f"<channel><title>Many</title>{items}</channel>"
    return f"<?xml version='1.0'?><rss version='2.0'>{channel}</rss>"


# Another outlet's reprint of the Tashkent story: the same text with a line of its own.
ARTICLES["tashkent-reprint"] = (
    ARTICLES["tashkent-talks"][0],
    ARTICLES["tashkent-talks"][1] + " (по сообщениям пресс-служб)",
)
