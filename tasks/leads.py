"""The article's lost lead: `restore_lead(tree, text, title) -> text`.

trafilatura drops the lead (standfirst, teaser, dek) of many pages: it sits in the article's
header or in a box classed "intro", "lead" or "teaser", apart from the body. restore_lead puts
it back when the page prints it (measured on eval/dates/html: 44 leads restored, all of them
read and right). Called by tasks.extract.extract_html after the main text is found.
"""
from __future__ import annotations

import re
import unicodedata

from lxml import etree

from tasks.text import repair_text, squash, word_count

# a paragraph of fewer words is a caption, a button or a menu entry (as in tasks.extract)
PARAGRAPH_MIN_WORDS = 12

# Candidates are the element that prints the page's description, and elements classed like a lead:
_LEAD_CLASS = re.compile(
    r"(?:^|[\s_-])(?:lead|lede|intro|standfirst|teaser|chapo|chapeau|excerpt|summary|dek|deck|abstract"
    r"|sub-?title|subline|sapo|entradilla|bajada|vorspann|anriss|einleitung|description)(?:-?text)?(?=$|[\s_-])",
    re.I)
# ...but not boxes of other things that use those words: an author's "description", a list of
# teasers, a "lead-image", a site's tagline ("site-description"), a hidden copy
_NOT_LEAD_CLASS = re.compile(
    r"author|avatar|profile|\bbio|site|blog|widget|comment|card|list|item|slider|gallery|image|img|photo"
    r"|media|video|figure|caption|credit|cookie|consent|newsletter|promo|related|sidebar|footer|nav|menu"
    r"|share|social|\bcta|\bads?\b|hidden|sr-only|flyout|ticker|-art\b|asset", re.I)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# a lead inside these is a link to another article, a caption or a menu, not this one's lead
_NOT_LEAD_TAGS = {"nav", "footer", "aside", "form", "figure", "figcaption", "a", "button", "label"}
# a box holding these holds more than the lead (a photo and its caption, links to other
# articles, the byline's date): its lead, if any, is found in an element inside it
_MIXED_BOX = ".//figure|.//img|.//picture|.//video|.//iframe|.//ul|.//ol|.//table|.//time|.//h1"
_UNSEEN_TAGS = {"script", "style", "noscript", "template", "svg", "title", "select", "option"}
_BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "section", "header",
               "article", "main", "td", "tr", "blockquote", "figure", "figcaption", "dd", "dt"}
# a lead is one to a few sentences; a longer "intro" is the article itself or a box
LEAD_MIN_WORDS = PARAGRAPH_MIN_WORDS
LEAD_MAX_WORDS = 150
# the lead follows the headline and ends at most this many letters and digits (of byline,
# date, photo credit, share buttons) before the article's first paragraph
LEAD_MAX_GAP = 500
# at most this many leads are restored (a dek and a lead paragraph)
LEADS_MAX = 2
# A lead put in front of the body moves a date printed between lead and first paragraph (a
# byline date: 72 of 116 restored leads on eval/dates/html) from before the body's first line
# to its top; the dates stage still weighs a date there as a header date (BODY_TOP_CHARS in
# tasks/dates/evidence_text.py), so restoring these leads changes no decided date.
_TRAILING_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…|\[…\]|\[\.\.\.\])\s*$")


def restore_lead(tree, text: str, title: str | None) -> str:
    """Return text with the page's lost lead put in front of its first paragraph, or text as
    it is when no lead is printed on the page (see printed_leads) or text holds it already."""
    if tree is None or not text:
        return text
    lines = text.split("\n")
    first = next((i for i, x in enumerate(lines) if word_count(x) >= PARAGRAPH_MIN_WORDS), None)
    if first is None:
        return text
    in_text = _squash(text)
    page, leads = printed_leads(tree, lines[first], title)
    lost = [(x, end) for x, end in leads if not _mostly_in(x, in_text)]
    if not lost:
        return text
    at = _insert_at(lines, first, page, lost[0][1])
    return "\n".join(lines[:at] + [_as_paragraph(x) for x, _ in lost] + lines[at:])


def _insert_at(lines: list[str], first: int, page: str, lead_end: int) -> int:
    """Return where the lead goes among the lines: before the first of the short lines above
    the first paragraph that the page prints after the lead (a subheading, a date), else just
    before the first paragraph. The headline and what the page prints before the lead stay
    in front of it."""
    for i in range(first):
        key = _squash(lines[i])
        if key and page.find(key) >= lead_end:
            return i
    return first


def _as_paragraph(lead: str) -> str:
    """Return the lead ended as a sentence: a dek printed without a full stop ("Report claims
    staff are underpaid") would be joined to the next paragraph by clean.py, which takes a
    long line ending on a word for a sentence cut by a page break."""
    return lead + "." if lead[-1:].isalnum() else lead


def printed_leads(tree, first_paragraph: str, title: str | None) -> tuple[str, list[tuple[str, int]]]:
    """Return (page, leads): the page's visible text squashed, up to the article's first
    paragraph (see _visible_text), and the texts, in page order, of the elements that print
    the article's lead (at most LEADS_MAX), each with where it ends in page. They lie between
    the headline and the first paragraph: an element holding the page's description or
    classed like a lead (_LEAD_CLASS); failing those, the first paragraph of the article's
    own <header>. See _leads_among for the checks."""
    body = tree.find("body")
    if body is None:
        return "", []
    page, spans, raw, start = _visible_text(body, _squash(first_paragraph)[:60])
    descriptions = _descriptions(tree)
    # a page may print its headline twice (a site name and the headline may both be <h1>s)
    for h in _headlines(page, spans, (title, tree.findtext(".//title")), start):
        between = (spans[h][1], start)
        # the elements between headline and article start: few, so the class test is cheap
        found = [el for el, sp in spans.items() if sp[0] >= between[0] and _is_lead_classed(el)]
        for d in descriptions:
            at = page.find(d, *between)
            holder = _smallest_holding(spans, at, at + len(d)) if at >= 0 else None
            if holder is not None:  # the description is printed: the element holding it is the lead
                found.append(holder)
        leads = _leads_among(found, spans, raw, between)
        if not leads:
            # an unmarked paragraph in the header that holds the headline; only the first, as
            # a header also holds bylines and author bios
            header = next((a for a in h.iterancestors() if a.tag == "header"), None)
            paragraphs = [p for p in header.iter("p") if p in spans] if header is not None else []
            leads = _leads_among(paragraphs, spans, raw, between)[:1]
        if leads:
            return page, leads[:LEADS_MAX]
    return page, []


def _leads_among(elements: list, spans: dict, raw: list[str], between: tuple[int, int]) -> list[tuple[str, int]]:
    """Return (text, end in page) of the elements that can be the lead, distinct and in page
    order: lying between[0] (the headline's end) and between[1] (the article's start), ending
    at most LEAD_MAX_GAP letters before the latter, of
    LEAD_MIN_WORDS to LEAD_MAX_WORDS words, shown as text of their own (_plainly_shown); of
    nested ones, the outermost."""
    head_end, start = between
    leads = []
    for el in dict.fromkeys(elements):  # an element can hold the description and be classed too
        s, e, first, last = spans[el]
        if not (head_end <= s and e <= start and start - e <= LEAD_MAX_GAP):
            continue
        lead = repair_text(" ".join("".join(raw[first:last]).split()))
        if LEAD_MIN_WORDS <= word_count(lead) <= LEAD_MAX_WORDS and _plainly_shown(el, lead):
            leads.append((s, e, lead))
    leads.sort(key=lambda t: (t[0], -t[1]))
    kept: list[tuple[int, int, str]] = []
    for s, e, lead in leads:
        if not kept or s >= kept[-1][1]:  # not inside the one kept before
            kept.append((s, e, lead))
    # a page may print one lead twice (for small and for large screens)
    distinct = {_squash(lead): (lead, e) for _, e, lead in reversed(kept)}
    return list(reversed(distinct.values()))


def _is_lead_classed(el) -> bool:
    names = _names(el)
    return len(names) > 3 and _LEAD_CLASS.search(names) is not None and not _NOT_LEAD_CLASS.search(names)


def _names(el) -> str:
    return (el.get("class") or "") + " " + (el.get("id") or "")


def _descriptions(tree) -> list[str]:
    """Return the page's og:, twitter: and meta descriptions of LEAD_MIN_WORDS words or more,
    squashed, without a trailing "..." (a cut-off description finds the full printed lead)."""
    out: list[str] = []
    for d in tree.xpath('//meta[@property="og:description" or @name="description" or @name="twitter:description"]/@content'):
        d = _TRAILING_ELLIPSIS.sub("", " ".join(d.split()))
        if word_count(d) >= LEAD_MIN_WORDS and _squash(d) not in out:
            out.append(_squash(d))
    return out


def _visible_text(body, until: str) -> tuple[str, dict, list[str], int]:
    """Return (page, spans, raw, start) of the page's visible text up to where the squashed
    text `until` (the article's first paragraph) starts: page is that text squashed (see
    _squash), raw its pieces as written, spans maps each element that ended before to
    (start, end) in page and (first, last) in raw, and start is where `until` begins in page
    (-1 when it is not on the page). Scripts, styles and comments count for nothing: a
    description in a script's JSON is not printed. The walk stops at `until`, as no lead
    comes after the article's start."""
    parts: list[str] = []
    raw: list[str] = []
    opened: dict = {}
    spans: dict = {}
    pos = 0
    recent = ""   # the last squashed letters, where `until` is looked for
    walk = etree.iterwalk(body, events=("start", "end"))
    for event, el in walk:
        tag = el.tag if isinstance(el.tag, str) else None   # None: a comment
        if event == "start":
            if tag is None or tag in _UNSEEN_TAGS:
                walk.skip_subtree()
                continue
            opened[el] = (pos, len(raw))
            raw.append(" " if tag in _BLOCK_TAGS else "")  # "</p><p>" parts two words
            piece = el.text
        else:
            if el in opened:
                s, r = opened.pop(el)
                raw.append(" " if tag in _BLOCK_TAGS else "")
                spans[el] = (s, pos, r, len(raw))
            piece = el.tail
        if not piece or piece.isspace():  # most text between tags is layout whitespace
            continue
        sq = _squash(piece)
        parts.append(sq)
        raw.append(piece)
        pos += len(sq)
        recent = recent[-len(until):] + sq
        at = recent.find(until)
        if at >= 0:
            return "".join(parts), spans, raw, pos - len(recent) + at
    return "".join(parts), spans, raw, -1


def _headlines(page: str, spans: dict, titles: tuple, start: int) -> list:
    """Return the <h1>s, then the <h2>s, before the article's start (in the squashed page)
    whose text is one of the page's titles (metadata, <title>), each in page order. A site's
    name in an <h1> is not the headline: a tagline after it is no lead."""
    wanted = [t for t in (_squash(x or "") for x in titles) if t]
    found: dict[str, list] = {"h1": [], "h2": []}
    for h, (s, e, _, _) in spans.items():  # in the order elements end: page order for headings
        if h.tag in found and e <= start and s < e:
            text = page[s:e]
            if any(t in text or (text in t and e - s >= len(t) / 2) for t in wanted):
                found[h.tag].append(h)
    return found["h1"] + found["h2"]


def _smallest_holding(spans: dict, start: int, end: int):
    """Return the smallest element whose text covers page[start:end], or None."""
    return min((el for el, sp in spans.items() if sp[0] <= start and sp[1] >= end),
               key=lambda el: spans[el][1] - spans[el][0], default=None)


def _plainly_shown(el, text: str) -> bool:
    """True when el is shown as the article's own text: no <h1>, photo, list or date in it
    (see _MIXED_BOX), not mostly link text, not hidden, and not inside a link, figure, form or
    navigation (unless an <article> is nearer, as in _paragraph_text)."""
    if el.tag in _NOT_LEAD_TAGS or el.xpath(_MIXED_BOX):
        return False
    links = sum(len(a.text_content()) for a in el.iter("a"))
    if links > len(text) / 2:
        return False
    for a in (el, *el.iterancestors()):
        if a.tag == "article" and a is not el:
            break
        if a is not el and a.tag in _NOT_LEAD_TAGS:
            return False
        if (a.get("hidden") is not None or a.get("aria-hidden") == "true"
                or _HIDDEN_STYLE.search(a.get("style") or "") or re.search(r"\bhidden\b|sr-only|visually-hidden", a.get("class") or "")):
            return False
    return True


def _squash(s: str) -> str:
    """Return s squashed (lower-case letters and digits only) after NFC: the page's text and
    the extracted text differ in spacing, punctuation and Unicode normalisation."""
    return squash(unicodedata.normalize("NFC", s))


LEAD_SEEN_SHARE = 0.6


def _mostly_in(lead: str, squashed_text: str) -> bool:
    """True when the text holds the lead already: whole, or LEAD_SEEN_SHARE of its
    three-word runs (the lead reworded slightly, or split over two paragraphs)."""
    if _squash(lead) in squashed_text:
        return True
    words = [w for w in (_squash(x) for x in lead.split()) if w]
    runs = ["".join(words[i:i + 3]) for i in range(max(1, len(words) - 2))]
    return sum(r in squashed_text for r in runs) >= LEAD_SEEN_SHARE * len(runs)
