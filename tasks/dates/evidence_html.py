"""Date evidence from HTML markup: `html_evidence(html, body_hint) -> (rows, own_urls)`.

Markup sources, read with compiled regexes (no DOM: a regex pass costs well under a
millisecond where an lxml parse costs several):
  * <meta> tags: published names -> publication, modified names -> republication,
    copyrightYear -> copyright;
  * JSON-LD "datePublished"/"dateCreated" -> publication, "dateModified" -> republication;
  * <time datetime=...>: publication unless its class/itemprop says updated;
  * canonical / og:url links: the page's own URL, whose path date is returned for the caller
    to read as 'url' evidence;
  * the visible text, rendered here crudely (tags dropped, blocks on their own lines), goes
    through evidence_text so bylines, header dates and sidebars are judged as for .txt input.
"""
from __future__ import annotations

import html as htmllib
import re

from .evidence_text import text_evidence
from .scan import Found, make_date, scan_text

_META = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r"""([\w:.\-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_TIME_TAG = re.compile(r"<time\b[^>]*>", re.IGNORECASE)
# HTML5's boolean attribute, bare (<time pubdate>) or valued (pubdate="pubdate")
_PUBDATE_ATTR = re.compile(r"\spubdate\b", re.IGNORECASE)
_LINK = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
_JSONLD_DATE = re.compile(r'"(datePublished|dateCreated|uploadDate|dateModified|dateUpdated)"\s*:\s*"([^"]{6,40})"')
_ISO = re.compile(r"(?P<y>(?:19|20)\d\d)-?(?P<m>0[1-9]|1[0-2])-?(?P<d>0[1-9]|[12]\d|3[01])?"
                  r"(?:[T ](?P<h>[01]\d|2[0-3]):\d\d(?::\d\d(?:\.\d+)?)?(?P<tz>Z|[+-]\d\d:?\d\d)?)?")
# RDF blocks of old blog engines (Movable Type, TypePad, goo): <rdf:Description dc:date="...">
_RDF_DATE = re.compile(r"""\bdc:date\s*=\s*["']([^"']{8,40})["']""", re.IGNORECASE)
# UTC hours at which the local calendar day may differ (see parse_iso)
UTC_EARLY, UTC_LATE = 8, 21
_UTC = {"Z", "+00:00", "+0000", "-00:00"}
_DROP = re.compile(r"<(script|style|noscript|svg|template|head)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_BLOCK = re.compile(r"<(?:/?(?:p|div|br|li|h[1-6]|tr|td|th|section|article|header|footer|aside|"
                    r"nav|ul|ol|dl|dt|dd|table|blockquote|figure|figcaption|time)"
                    r")\b[^>]*>", re.IGNORECASE)
# an inline element the site names as a date ("<span class='ngart-hl__date'>", "post-date",
# "datum") starts a line of its own: printed at the end of a deck or a byline sentence, its
# date would otherwise read as part of that running text (an event) instead of a header date
_DATE_CLASSED = re.compile(r"""<(?:span|small|em|strong|b|i|font|a)\b[^>]*\bclass\s*=\s*["'][^"']*"""
                           r"""(?:date|datum|fecha)[^"']*["'][^>]*>""", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"[ \t\r\f\v\xa0]+")
_BLANKS = re.compile(r"\n\s*\n+")

# meta names (lower case, without the 'article:'/'og:' variety spelled out twice)
PUBLISHED_META = {
    "article:published_time", "article:published", "og:published_time", "og:article:published_time",
    "datepublished", "date", "dc.date", "dc.date.issued", "dc.date.created", "dcterms.date",
    "dcterms.issued", "dcterms.created", "pubdate", "publishdate", "publish-date", "publish_date",
    "published", "published_time", "published-date", "publication_date", "sailthru.date",
    "parsely-pub-date", "citation_publication_date", "citation_date", "citation_online_date",
    "originalpublicationdate", "original-publish-date", "article.published", "article_date_original",
    "cxenseparse:recs:publishtime", "date_published", "displaydate", "dc.created", "created",
    "datecreated", "prism.publicationdate", "bt:pubdate", "rnews:datepublished", "release_date",
    "eomportal-lastupdate", "live_date", "ga_date", "pub_date", "timestamp", "article_date",
    "og:pubdate", "parsely-pub-date", "vr:published_time", "article.created", "date.release",
    "datetime", "cxenseparse:publishtime", "uploaddate", "publication-date",
}
MODIFIED_META = {
    "article:modified_time", "article:modified", "og:updated_time", "og:modified_time",
    "datemodified", "dateupdated", "last-modified", "lastmod", "last_modified", "modified",
    "dc.date.modified", "dcterms.modified", "updated_time", "article.updated", "revised",
    "parsely-updated", "dateLastModified".lower(), "sailthru.lastmodified", "updated",
    "article:updated_time",
}
# bare "date" names: content management systems fill them with the page record's date
# (created, last saved), which is often not the day the article shows
GENERIC_DATE_NAMES = {"date", "dc.date", "dcterms.date"}
GENERIC_DATE_META = 0.5
COPYRIGHT_META = {"copyrightyear", "copyright"}


def _attrs(tag: str) -> dict[str, str]:
    return {m.group(1).lower(): (m.group(2) or m.group(3) or m.group(4) or "")
            for m in _ATTR.finditer(tag)}


def parse_iso(s: str) -> Found | None:
    """Date from an ISO-like markup value ('2020-11-23T10:00:00+03:00', '20201123').

    The calendar date as written is kept: converting to UTC would move late-evening local
    times to the next day, and the page's readers saw the local date.
    """
    mt = _ISO.search(s or "")
    if not mt:
        return None
    y, m = int(mt["y"]), int(mt["m"])
    if mt["d"]:
        d = int(mt["d"])
        f = Found(0, 0, s.strip()[:40], y, m, d, "day")
        f.invalid = make_date(y, m, d) is None
        # a UTC time may be another calendar day where the page is published: 05:30Z is
        # the evening before in the Americas (UTC-4 to -8), 23:00Z the next day in Europe
        f.ambiguous_order = bool(mt["h"] and mt["tz"] in _UTC and
                                 (int(mt["h"]) >= UTC_LATE or int(mt["h"]) < UTC_EARLY))
        return f
    return Found(0, 0, s.strip()[:40], y, m, None, "month")


def utc_day_shift(raw: str) -> int:
    """+1 or -1 when a UTC timestamp may be the next or the previous local day (see
    parse_iso), else 0: 23:00Z is already tomorrow east of UTC, 05:30Z still yesterday west."""
    mt = _ISO.search(raw or "")
    if not mt or not mt["h"] or mt["tz"] not in _UTC:
        return 0
    h = int(mt["h"])
    return 1 if h >= UTC_LATE else -1 if h < UTC_EARLY else 0


def _row(f: Found, role: str, source: str, confidence: float, position: int, context: str) -> dict:
    if f.ambiguous_order:      # set by parse_iso for UTC times near midnight
        confidence *= 0.85
    return {
        "raw": f.raw, "value": f.value, "granularity": f.granularity, "role": role,
        "source": source, "position": position, "confidence": confidence,
        "month": f.month, "day": f.day, "weekday": None, "zone": "markup",
        "context": context[:160], "note": "invalid_calendar_date" if f.invalid else None,
    }


_NOT_ARTICLE = re.compile(r"<(aside|nav|footer)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)


def strip_modified_meta(html: str) -> str:
    """The page without its modified/updated <meta> tags and without <aside>, <nav> and
    <footer> elements (other articles' dates and links), for tools that would pick them."""
    html = _NOT_ARTICLE.sub(" ", html)
    def keep(mt: re.Match) -> str:
        a = _attrs(mt.group(0))
        key = (a.get("property") or a.get("name") or a.get("itemprop") or a.get("http-equiv") or "").lower()
        return "" if key in MODIFIED_META else mt.group(0)
    return _META.sub(keep, html)


def html_to_text(html: str) -> str:
    """Crude visible text: scripts/styles/head dropped, block elements on their own lines."""
    s = _COMMENT.sub(" ", html)
    s = _DROP.sub("\n", s)
    s = _DATE_CLASSED.sub("\n", s)
    s = _BLOCK.sub("\n", s)
    s = _TAG.sub(" ", s)
    s = htmllib.unescape(s)
    s = _SPACES.sub(" ", s)
    s = "\n".join(line.strip() for line in s.split("\n"))
    return _BLANKS.sub("\n\n", s).strip()


# how far back to look for the list item or <aside> a <time> tag may sit in
TEASER_LOOKBACK = 4000


def _in_teaser(html: str, pos: int, first_article: int) -> bool:
    """True when the tag at `pos` belongs to a teaser of another article: it sits inside an
    open <li>, <aside> or later <article> element whose headline link comes before it.

    A headline link has TEASER_LINK_WORDS words or more; an author link in the page's own
    byline ("Von <a>Anna Berg</a> | <time>") has fewer. A headline (<h1>) between the
    opener and the tag means the element is the article itself, and so is the first
    <article> of a page.
    """
    start = max(0, pos - TEASER_LOOKBACK)
    back = html[start:pos]
    low = back.lower()
    for opener, closer in (("<li", "</li"), ("<aside", "</aside"), ("<article", "</article")):
        o = max(low.rfind(opener + ">"), low.rfind(opener + " "))
        if o < 0 or o < low.rfind(closer):
            continue
        if opener == "<article" and start + o <= first_article:
            continue
        if "<h1" in low[o:]:
            continue
        for mt in _A_TEXT.finditer(back, o):
            if len(_TAG.sub(" ", mt.group(1)).split()) >= TEASER_LINK_WORDS:
                return True
    return False


_A_TEXT = re.compile(r"<a\b[^>]*>(.{0,600}?)</a\s*>", re.IGNORECASE | re.DOTALL)
TEASER_LINK_WORDS = 3


def html_evidence(html: str, body_hint: str | None = None,
                  page_url: str | None = None) -> tuple[list[dict], list[str]]:
    """Evidence rows from markup and visible text, and the page's own URLs (canonical, og:url).

    page_url: the address the page was fetched from, when known (for self-links)."""
    rows: list[dict] = []
    own_urls: list[str] = []
    for mt in _META.finditer(html):
        a = _attrs(mt.group(0))
        key = (a.get("property") or a.get("name") or a.get("itemprop") or a.get("http-equiv") or "").lower()
        content = a.get("content") or a.get("datetime") or ""
        if key in ("og:url", "twitter:url"):
            own_urls.append(content)
            continue
        if key in PUBLISHED_META:
            # generic names ("date", "timestamp") are sometimes the page's build time
            role, conf = "publication", (0.9 if "pub" in key or "creat" in key or "issued" in key else
                                         GENERIC_DATE_META if key in GENERIC_DATE_NAMES else 0.8)
        elif key in MODIFIED_META:
            role, conf = "republication", 0.5
        elif key in COPYRIGHT_META:
            role, conf = "copyright", 0.1
        else:
            continue
        f = parse_iso(content)
        if f is None and role == "copyright" and content.strip()[:4].isdigit():
            f = Found(0, 0, content.strip()[:4], int(content.strip()[:4]), None, None, "year")
        if f:
            rows.append(_row(f, role, "meta_tag", conf, mt.start(), mt.group(0)))
    for mt in _LINK.finditer(html):
        a = _attrs(mt.group(0))
        if a.get("rel", "").lower() == "canonical" and a.get("href"):
            own_urls.append(a["href"])
    for mt in _JSONLD_DATE.finditer(html):
        f = parse_iso(mt.group(2))
        if f:
            pub = mt.group(1) in ("datePublished", "dateCreated", "uploadDate")
            rows.append(_row(f, "publication" if pub else "republication", "json_ld",
                             0.9 if pub else 0.5, mt.start(), mt.group(0)))
    for mt in _RDF_DATE.finditer(html):
        f = parse_iso(mt.group(1))
        if f:
            rows.append(_row(f, "publication", "meta_tag", 0.8, mt.start(), mt.group(0)))
    first_time = True
    first_article = html.lower().find("<article")
    first_h1 = _first_h1(html)
    bar_days: set = set()
    for mt in _TIME_TAG.finditer(html):
        a = _attrs(mt.group(0))
        f = parse_iso(a.get("datetime", ""))
        if not f:
            continue
        cls = (a.get("class", "") + " " + a.get("itemprop", "")).lower()
        if _in_date_bar(html, mt, first_h1):
            # the site's "today" bar in the page header: the day the page was served
            if f.value is not None:
                bar_days.add(f.value)
            rows.append(_row(f, "retrieval", "time_tag", 0.3, mt.start(), mt.group(0)))
            continue
        if _in_teaser(html, mt.start(), first_article):
            # a list item or an <aside>: another article's teaser, whatever its markup says
            role, conf = ("republication" if "modif" in cls or "updat" in cls else "publication"), 0.3
        elif "modif" in cls or "updat" in cls:
            role, conf = "republication", 0.4
        elif _PUBDATE_ATTR.search(mt.group(0)) or "publish" in cls or "pubdate" in cls or "created" in cls:
            role, conf = "publication", 0.8
        else:
            # an unlabelled <time>: the first one is usually the article's, later ones
            # belong to comments and teasers
            role, conf = "publication", (0.6 if first_time else 0.3)
            first_time = False
        rows.append(_row(f, role, "time_tag", conf, mt.start(), mt.group(0)))
    rows.extend(_self_link_rows(html, [page_url, *own_urls]))
    text = html_to_text(html)
    # positions of these rows are offsets in the rendered text, not in the HTML source
    text_rows = text_evidence(text, body_hint)
    _mark_title_dates(text_rows, _title_span(html, text), text)
    for r in text_rows:
        # the same date bar, as rendered text ("Mittwoch, 01. November 2023" atop the page)
        if r["value"] in bar_days and r["weekday"] is not None and r["role"] == "publication" \
                and r["zone"] in ("head", "text"):
            r["role"], r["confidence"], r["zone"] = "retrieval", 0.3, "stamp"
    rows.extend(text_rows)
    return rows, own_urls


_OPEN_HEADER = re.compile(r"<(header|nav)\b", re.IGNORECASE)
_H1_OPEN = re.compile(r"<h1\b", re.IGNORECASE)
_TIME_TEXT = re.compile(r"\s*>?([^<]{0,80})</time", re.IGNORECASE)


def _first_h1(html: str) -> int:
    """Offset of the page's first <h1>, or the page's length when it has none."""
    mt = _H1_OPEN.search(html)
    return mt.start() if mt else len(html)


def _in_date_bar(html: str, tag: re.Match, first_h1: int) -> bool:
    """True when a <time> is the site's date bar: above the first headline, inside a
    <header> or <nav> that is still open, and showing a weekday with its date
    ("<header>...<time datetime=2023-11-01>Mittwoch, 01. November 2023</time>").

    Sites print today's date there on every page; an article's own header holds its
    <h1> before the time, and a bare date without a weekday is left to the other rules.
    """
    pos = tag.start()
    if pos > first_h1:
        return False
    back = html[max(0, pos - TEASER_LOOKBACK):pos].lower()
    last = None
    for last in _OPEN_HEADER.finditer(back):
        pass                      # the innermost <header>/<nav> opened before the tag
    if last is None or back.rfind("</" + last.group(1)) > last.start():
        return False              # none, or it is closed again before the tag
    inner = _TIME_TEXT.match(html, tag.end() - 1)
    text = inner.group(1) if inner else ""
    return any(f.weekday is not None for f in scan_text(htmllib.unescape(text)))


# how much markup after a link to the page itself may hold that entry's date
SELF_LINK_SPAN = 300
_A_HREF = re.compile(r"""<a\b[^>]*?\bhref\s*=\s*["']([^"']+)["'][^>]*>""", re.IGNORECASE)


def _url_key(u: str) -> str:
    """A URL without scheme, 'www.', query, fragment and trailing slash, lower case."""
    u = re.sub(r"^[a-z]+://", "", u.strip().lower())
    u = u.split("#")[0].split("?")[0].rstrip("/")
    return u[4:] if u.startswith("www.") else u


def _self_link_rows(html: str, urls: list[str | None]) -> list[dict]:
    """The date of the entry that links to the page itself in a list of posts.

    Blogs list their recent posts, the page's own among them, each with its date
    ("<li><a href=THIS PAGE>Title</a> <span>26/10/2018</span></li>"): that entry's date is
    the page's. Only the markup right after the link, up to the next link or list item, is read.
    """

    # a page's own address has a path: a link to the home page is the site's logo
    keys = {k for u in urls if u and "/" in (k := _url_key(u)) and len(k.split("/", 1)[1]) > 1}
    if not keys:
        return []
    rows = []
    for mt in _A_HREF.finditer(html):
        if _url_key(htmllib.unescape(mt.group(1))) not in keys:
            continue
        tail = html[mt.end():mt.end() + SELF_LINK_SPAN]
        close = tail.lower().find("</a")
        nxt = re.search(r"<a\b|<li\b|</li", tail[close + 3:] if close >= 0 else tail, re.IGNORECASE)
        if close >= 0 and nxt:
            tail = tail[:close + 3 + nxt.start()]
        snippet = " ".join(htmllib.unescape(_TAG.sub(" ", tail[close + 3:] if close >= 0 else tail)).split())
        days = [f for f in scan_text(snippet) if f.granularity == "day" and f.value is not None]
        if len(days) == 1:
            rows.append(_row(days[0], "publication", "self_link", 0.6, mt.start(),
                             mt.group(0)[:80] + " … " + days[0].raw))
    return rows[:1]


# bounded: an unclosed <h1> must not make every later <h1> scan to the end of the page
_H1 = re.compile(r"<h1\b[^>]*>(.{0,2000}?)</h1\s*>", re.IGNORECASE | re.DOTALL)
_H2 = re.compile(r"<h2\b[^>]*>(.{0,2000}?)</h2\s*>", re.IGNORECASE | re.DOTALL)
# a date shown this close to the headline (characters of rendered text) is the page's
# displayed date: above the headline a kicker line, below it the byline
TITLE_BEFORE = 100
TITLE_AFTER = 250
# a byline or dateline is short; a longer line next to the headline is the lede
BYLINE_MAX_CHARS = 120
_CAPTION = re.compile(r"(?i)(?:archiv\w*|foto\w*|photos?|bild\w*|image|picture|credit|quelle|source)\b")


_TITLE_TAG = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)


def _words_of(s: str) -> set[str]:
    return {w for w in re.findall(r"\w+", s.lower()) if len(w) > 2}


def _title_span(html: str, text: str) -> tuple[int, int] | None:
    """(start, end) of the page's headline in the rendered text, or None.

    The headline is the first <h1> of two words or more whose words are at least half in
    the page's <title> (three words or more when there is no <title>): a site's logo is
    an <h1> too.  Pages whose <h1> is a logo, a section name or a hidden label put the
    headline in an <h2>; one is taken only when it agrees with the <title>.
    """
    tt = _TITLE_TAG.search(html)
    title_words = _words_of(htmllib.unescape(tt.group(1))) if tt else set()
    for rx in ((_H1, _H2) if title_words else (_H1,)):
        for mt in rx.finditer(html):
            title = " ".join(htmllib.unescape(_TAG.sub(" ", mt.group(1))).split())
            words = _words_of(title)
            if len(title.split()) < (2 if title_words else 3) or not words:
                continue
            if title_words and len(words & title_words) < len(words) / 2:
                continue
            if rx is _H2 and len(words & title_words) < 2:
                continue
            # the headline's words as rendered: its markup may break it over lines
            found = re.search(r"\s+".join(map(re.escape, title[:40].split())), text)
            return (found.start(), found.start() + len(title)) if found else None
    return None


def _mark_title_dates(rows: list[dict], span: tuple[int, int] | None, text: str) -> None:
    """Zone 'title' for header dates printed right above or below the headline.

    Only a byline-like line counts: a short line (BYLINE_MAX_CHARS) that is not a photo
    caption. A date inside the headline is its subject ("Protokoll vom 10. Oktober"), a
    weekday-and-date line above the headline is the site's date bar (today's date), and a
    date in the lede ("In a letter dated 12 January ...") is an event.
    """
    if span is None:
        return
    start, end = span
    near = {r["value"] or (r["month"], r["day"]) for r in rows
            if start - TITLE_BEFORE <= r["position"] <= end + TITLE_AFTER and r["granularity"] == "day"}
    if len(near) >= 3:
        return                # a list of teasers around the headline, not one byline
    for r in rows:
        if r["role"] != "publication" or r["source"] not in ("text", "byline") or r["granularity"] != "day":
            continue
        if r["zone"] == "original":
            continue              # "originally published ...": already the strongest kind
        pos = r["position"]
        above = start - TITLE_BEFORE <= pos < start and r["weekday"] is None
        if not (above or end <= pos <= end + TITLE_AFTER):
            continue
        line = text[text.rfind("\n", 0, pos) + 1:(text.find("\n", pos) + 1 or len(text) + 1) - 1].strip()
        if len(line) <= BYLINE_MAX_CHARS and not _CAPTION.match(line):
            r["zone"] = "title"
