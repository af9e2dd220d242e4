"""Date evidence from visible text: `text_evidence(content, body_hint) -> list[dict]`.

Each row is one candidate with its role, judged from the words around it (roles.py) and
from where it sits on the page:
  * a cluster of short lines each carrying a different date is a list of other articles
    ("Latest news" sidebars, archives): role 'sidebar';
  * a date alone on one of the last lines of the page is a print / re-host stamp: 'retrieval';
  * a date on a short line (alone, or with an author or a time) is a header date:
    'publication', stronger the closer it is to the start of the article body;
  * a date inside a running sentence is about an event: 'event';
  * URLs in the text give 'link' dates, and Twitter/X status ids give 'tweet' dates.
"""
from __future__ import annotations

import bisect
import re

from . import patterns as P
from .roles import context_role, states_original
from .scan import Found, make_date, scan_text, scan_url, tweet_datetime

# a line is "short" (a header, a dateline, a list item) below this many non-date characters
SHORT_LINE = 70
SHORT_WORDS = 8
# a dateline: the date comes after at most this many characters (a place name) of its line
DATELINE_PREFIX = 30
# a sidebar: at least this many lines with distinct dates within SIDEBAR_SPAN lines
SIDEBAR_MIN = 3
SIDEBAR_SPAN = 12
# ... and at most this many lines apart from one dated line to the next: a list of other
# articles gives a date every line or two, while a byline followed by a few paragraphs and
# then a sidebar is not one run
SIDEBAR_GAP = 4
# "originally published in April 2017": the page's own word on its first publication
ORIGINAL_CONFIDENCE = 0.9
# a line this long is running prose, not a byline or a header
LONG_PARAGRAPH = 200
_NEWLINE = re.compile(r"\n")
_TIME = re.compile(r"\b\d{1,2}[:h.]\d\d(?::\d\d)?\s*(?:[ap]\.?m\.?|h|uhr|hs)?\b", re.IGNORECASE)


def _row(f: Found, role: str, source: str, confidence: float, context: str,
         zone: str, note: str | None = None) -> dict:
    return {
        "raw": f.raw, "value": f.value, "granularity": f.granularity, "role": role,
        "source": source, "position": f.start, "confidence": confidence,
        "month": f.month, "day": f.day, "weekday": f.weekday, "zone": zone,
        "context": context[:160], "note": note if note else ("invalid_calendar_date" if f.invalid else None),
    }


def _locate_body(content: str, body_hint: str | None) -> tuple[int, int] | None:
    """(start, end) of the article body inside content, from the cleaner's text; None if unknown."""
    if not body_hint or body_hint is content or len(body_hint) >= 0.97 * len(content):
        return None
    lines = [ln.strip() for ln in body_hint.splitlines() if len(ln.strip()) >= 25]
    if not lines:
        return None
    first = content.find(lines[0][:60])
    last = content.rfind(lines[-1][-60:])
    if first < 0 or last < 0 or last < first:
        return None
    return first, last + min(60, len(lines[-1]))


def text_evidence(content: str, body_hint: str | None = None, page_stamps: bool = False) -> list[dict]:
    """Every date in `content` (plain visible text) as evidence rows (see module doc).

    page_stamps: treat a date alone on one of the last lines as a print/re-host stamp
    (for text dumps; rendered HTML ends with footers whose last date may be the page's own).
    """
    rows: list[dict] = []
    if not content:
        return rows
    n = len(content)
    # --- URLs and tweets: their dates are links, never the page's own date ---------------
    url_spans = []
    for mt in P.URL.finditer(content):
        url_spans.append((mt.start(), mt.end()))
        u = mt.group(0)
        tw = P.TWEET.search(u)
        if tw:
            dt = tweet_datetime(int(tw["id"]))
            if dt:
                f = Found(mt.start(), mt.end(), tw["id"], dt.year, dt.month, dt.day, "day")
                rows.append(_row(f, "tweet", "text", 0.9, u, "text"))
            continue
        f = scan_url(u)
        if f:
            f.start += mt.start()
            rows.append(_row(f, "link", "url", 0.3, u, "text"))
    found = scan_text(content, skip=url_spans)
    if not found:
        rows.extend(_year_notices(content, url_spans))
        return rows

    nl = [mt.start() for mt in _NEWLINE.finditer(content)]
    line_of = [bisect.bisect_left(nl, f.start) for f in found]
    body = _locate_body(content, body_hint)
    last_line = content.rstrip().count("\n")

    # lines that carry a date on a short line, for the sidebar test
    short = {}
    for f, ln in zip(found, line_of):
        ls = nl[ln - 1] + 1 if ln > 0 else 0
        le = nl[ln] if ln < len(nl) else n
        rest = (content[ls:f.start] + content[f.end:le]).strip()
        short.setdefault(ln, (len(_TIME.sub("", rest)) < SHORT_LINE, f.value or (f.month, f.day)))
    short_lines = sorted(ln for ln, (is_short, _) in short.items() if is_short)
    teaser_lines = _teaser_blocks(content)

    for f, ln in zip(found, line_of):
        ls = nl[ln - 1] + 1 if ln > 0 else 0
        le = nl[ln] if ln < len(nl) else n
        before = content[ls:f.start]
        after = content[f.end:le]
        # lines wrapped for print: the context of a date may start on the line above
        prev_start = nl[ln - 3] + 1 if ln >= 3 else 0
        block = content[prev_start:le]
        before_wide = content[max(prev_start, f.start - 120):f.start] if len(before.strip()) < 8 else before
        rest = _TIME.sub("", (before + after)).strip(" \t|,-–—·•:()[]")
        is_short = len(rest) < SHORT_LINE and len(rest.split()) < SHORT_WORDS
        # a dateline opens a paragraph: "Karlsruhe, (12.11.2021). Traditionell ..."
        is_dateline = (not is_short and len(before.strip()) <= DATELINE_PREFIX
                       and len(before.split()) <= 3)
        zone = _zone(f.start, body, n)
        ctx = content[max(ls, f.start - 80):min(le, f.end + 40)]

        role = context_role(before_wide, after, block, before, f.granularity)
        zone_override = None
        source = "text"
        conf = 0.3
        if ln in teaser_lines and is_short and role is None:
            # an unlabelled date under a "Related articles" heading: another article's
            role = "sidebar"
        elif role == "publication" and states_original(before_wide, after):
            # the page names its own first publication: strong wherever it stands
            source, conf, zone_override = "byline", ORIGINAL_CONFIDENCE, "original"
        elif role == "publication":
            # "Published 3 May 2020" heads a short line; inside a running paragraph the
            # same words speak of another text ("In seinem Beitrag vom 5. Januar ...")
            source, conf = "byline", (0.4 if le - ls > LONG_PARAGRAPH and not is_dateline else 0.75)
        elif role == "citation" and f.year is None:
            _year_from_citation(f, before_wide)
        elif role is None:
            if page_stamps and is_short and ln >= last_line - 2 and ln > 5 and not rest:
                role = "retrieval"           # a date alone at the very end: a page stamp
                conf = 0.4
                zone_override = "stamp"
            elif _in_sidebar(ln, short_lines, short):
                role = "sidebar"
            elif is_short:
                role = "publication"
                # alone on its line, with a time, or with a byline: a header timestamp
                timed = _TIME.search(before + after) is not None
                conf = 0.55 if timed or not rest or P.BYLINE_WORDS.search(before + after) else 0.45
            elif is_dateline:
                role = "publication"
                conf = 0.35
            else:
                role = "event"
                conf = 0.15
        if role in ("publication", "republication"):
            # header dates weigh more than dates further down; so does an "Updated ..." line,
            # which decide.py may take when it is the only date the page shows its readers
            if zone_override != "original":
                conf *= _position_weight(f.start, body, n, zone)
            if f.short_year or f.ambiguous_order:
                conf *= 0.6   # "19.6.11", "03/04/2020": the year or the order is a guess
        rows.append(_row(f, role, source, round(conf, 3), ctx, zone_override or zone))
    rows.extend(_year_notices(content, url_spans))
    return rows


_CITED_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)[^\n]{0,24}$")


def _year_from_citation(f: Found, before: str) -> None:
    """Complete a year-less day inside a citation from a year written just before it
    ("Blog No.2020 / 39. November 25"): citation templates put the year first."""
    mt = _CITED_YEAR.search(before.replace("\n", " ")[-40:])
    if mt and make_date(int(mt.group(1)), f.month, f.day):
        f.year = int(mt.group(1))


def _zone(pos: int, body: tuple[int, int] | None, n: int) -> str:
    """'head' (before the article body), 'body', 'tail' (after it) or 'text' (body unknown)."""
    if body is None:
        return "text"
    if pos < body[0]:
        return "head"
    if pos > body[1]:
        return "tail"
    return "body"


# a date this close to the body's start is still its header's (a lead of up to ~150 words,
# put back by tasks/leads.py, may stand between the headline block and the byline date)
BODY_TOP_CHARS = 1200


def _position_weight(pos: int, body: tuple[int, int] | None, n: int, zone: str) -> float:
    """Header dates near the start of the article count more than dates further down."""
    if body is None:
        # body unknown (raw text): header dates come early, lists and footers late
        return 1.0 - 0.3 * pos / max(n, 1)
    if zone == "head":
        return 1.0 if body[0] - pos < 1500 else 0.85
    if zone == "body":
        return 1.0 if pos - body[0] < BODY_TOP_CHARS else 0.7
    return 0.6


def _in_sidebar(ln: int, short_lines: list[int], short: dict) -> bool:
    """True when `ln` sits in a run of short lines carrying several different dates."""
    lo = bisect.bisect_left(short_lines, ln - SIDEBAR_SPAN)
    hi = bisect.bisect_right(short_lines, ln + SIDEBAR_SPAN)
    window = short_lines[lo:hi]
    if len(window) < SIDEBAR_MIN or not short.get(ln, (False,))[0]:
        return False
    # the run must be dense: SIDEBAR_MIN dated lines within SIDEBAR_SPAN consecutive lines
    # and list different dates: the same date repeated (header, share bar) is the page's own
    for i in range(len(window) - SIDEBAR_MIN + 1):
        chunk = window[i:i + SIDEBAR_MIN]
        dense = all(b - a <= SIDEBAR_GAP for a, b in zip(chunk, chunk[1:]))
        if dense and chunk[-1] - chunk[0] <= SIDEBAR_SPAN and chunk[0] <= ln <= chunk[-1]:
            if len({short[c][1] for c in chunk}) >= 2:
                return True
    return False


# a teaser list runs from its heading to the next paragraph of prose, at most this many lines
TEASER_SPAN = 12


def _teaser_blocks(content: str) -> set[int]:
    """Line numbers inside lists of other articles: from a heading such as "Related
    articles" or "Das könnte Dich auch interessieren" up to TEASER_SPAN lines on, stopping
    at the first line of running prose (LONG_PARAGRAPH characters).

    Only headings below the article's first prose line count: above it, "Latest News" or
    "More news" are entries of the site menu, and the next date is the article's byline."""
    out: set[int] = set()
    lines = content.split("\n")
    first_prose = next((i for i, line in enumerate(lines) if len(line) >= LONG_PARAGRAPH), len(lines))
    for i, line in enumerate(lines):
        if i < first_prose or len(line) > 80 or not P.TEASER_HEADING.match(line.strip()):
            continue
        for j in range(i + 1, min(len(lines), i + 1 + TEASER_SPAN)):
            if len(lines[j]) >= LONG_PARAGRAPH:
                break
            out.add(j)
    return out


def _year_notices(content: str, url_spans) -> list[dict]:
    """Bare years that matter: copyright lines ("© 2009-2025") and citation templates
    ("Doe, J. 2026. Title."), kept so they can be shown as ignored.

    Years are found first (a cheap digit pattern); only their own line, and for citations
    the 300 characters before them, are searched for the notice words.
    """
    rows = []
    for ym in P.YEAR.finditer(content):     # a year or a range "2009-2025" (value: its end)
        pos = ym.start()
        if any(a <= pos < b for a, b in url_spans):
            continue
        if re.match(r"[-/.]\d", content[ym.end():ym.end() + 2]):
            continue  # 2020-11-23: a full date, found by scan_text
        ls = content.rfind("\n", 0, pos) + 1
        line_before = content[ls:pos]
        if P.COPYRIGHT_WORDS.search(line_before[-60:]):
            role = "copyright"
        elif P.CITATION_WORDS.search(content[max(0, pos - 300):pos]) and \
                re.search(r"[.,(]\s*$", line_before) is not None and re.match(r"\s*[.,)]", content[ym.end():ym.end() + 2]):
            role = "citation"   # "Doe, J. 2026." / "(2026)": an author-year citation template
        else:
            continue
        f = Found(pos, ym.end(), ym.group(0), int(ym["y"]), None, None, "year")
        rows.append(_row(f, role, "text", 0.1, content[max(ls, pos - 80):ym.end()], "text"))
    return rows
