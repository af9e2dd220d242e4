"""Lines of an extracted body that the page prints only outside its article: `box_lines`.

trafilatura keeps some lines of the boxes around an article: the headings of a right-hand
column ("Beiträge aus dem Forum", "Weiterführende Links"), a teaser card of the page header, a
service box with a hotline under the article, the menu rows of a page laid out as nested
tables. The text alone cannot tell them from a subheading or a closing line; the page can:

- A chrome box is an <aside>, <nav>, <footer> or <address>, the page's own <header> (not one
  inside an <article> or <main>), or an element whose class or id names a side column, a
  navigation bar, the page header, a footer, a contact, copyright or legal box ("rightWrap",
  "col-right", "site-header", "top-nav", "contact-row", "copyrightModal", "legal"), or a pop-up
  over the page ("login-popup", "registerModal": whole sentences, like a footer). It counts
  only when it holds no <h1> and at most BOX_MAX_SHARE of the body's words: a site that wraps
  its article in a "sidebar" div (it happens) has no chrome box there.
- A body line is a box line when its whole text is the text of an element inside a chrome
  box and is printed nowhere on the page outside every chrome box (a heading the article
  prints and a side menu repeats stays), and it stands above the article's first paragraph or
  after its last one (paragraphs: lines of PARAGRAPH_WORDS words or more that are not box
  lines). Side columns, navigation and headers hold headings, labels and teasers: their lines
  count up to SIDE_MAX_WORDS words. Footer, contact and copyright boxes hold whole sentences
  (a service text, a legal notice): their lines count at any length.
- In a page laid out as tables (a table inside another table's cell), a row whose letters are
  mostly the text of links (or of cells that open a page when clicked) is a menu row
  ("| Home | Forum | Gallery |"), wherever it stands in the body.
- A teaser box set between the article's paragraphs ("Auch interessant", "More on this"): a
  short heading (<h2>-<h6>) whose next element is mostly the text of links, TEASER_MIN_LINKS
  or more of them to other pages of the same site. The heading line goes, and so do lines
  that are the whole text of one of those links (the teasers trafilatura kept), wherever
  they stand: the box's class names are the site's own ("not-prose font-sans"), but its
  shape, a heading over a list of the site's links, is the same everywhere. Links to other
  sites (a writer's sources under "Further reading") do not count.
- A heading left alone after the article's last paragraph: a short line whose box on the page
  (its nearest ancestor holding anything else) holds links, buttons or a script and no other
  line of the body: "Related keywords" over keyword buttons, "Recommended" over a box a script
  fills. Every element printing the line must be such a heading: one in the article's own
  element (a sign-off, a heading whose list the body kept) keeps it.

tasks.extract finds these lines (it has the page) and passes them on in `box_lines`;
tasks.clean flags every line of the body with that text, with the other chrome (chrome_text
keeps them).
"""
from __future__ import annotations

import re

from lxml import etree

from tasks.navlines import PARAGRAPH_WORDS, site_link_path
from tasks.text import line_weight, registered_domain, squash

SIDE_MAX_WORDS = 15
BOX_MAX_SHARE = 0.5
ROW_LINK_SHARE = 0.6
# a teaser box: a heading of at most HEADING_MAX_WORDS over an element with this many links to
# the site's own pages, whose letters are at least ROW_LINK_SHARE link text
TEASER_MIN_LINKS = 2
HEADING_MAX_WORDS = 10
TEASER_MAX_WORDS = 30
_HEADINGS = ("h2", "h3", "h4", "h5", "h6")

_BOX_TAGS = {"aside": "side", "nav": "side", "header": "side", "footer": "foot", "address": "foot"}
# class or id tokens, matched whole (the last part of a compound name says what the box is:
# "widget-sidebar", "top-nav"; "sidebar-layout" or "navigation-arrow" say nothing)
_SIDE_TOKEN = re.compile(
    r"^(?:[\w-]*[-_])?(?:sidebar|aside|rail|navbar|navigation|nav|menu|masthead)$"
    r"|^(?:(?:site|page|main|global|top)[-_]?)?header$"
    r"|^(?:[\w-]*[-_])?right[-_]?(?:col|column|wrap|side|rail|bar|box)s?$|^col[-_]?right$"
    r"|^right(?:Wrap|Col|Column|Side|Rail|Bar|Box)s?$"
    r"|^(?:top|left|right|side|bottom)[-_]?(?:bar|links|menu)$", re.I)
# a footer, contact, copyright or legal box: the word anywhere in a compound ("contact-row",
# "footer-links", "copyrightModal", "siteFooter", a comment section's "legal" notice)
_FOOT_TOKEN = re.compile(r"(?:^|[-_]|(?<=[a-z]))(?:[Ff]ooter|[Cc]opyright|[Cc]ontact|[Ii]mprint|[Ii]mpressum"
                         r"|[Ll]egal|[Dd]isclaimer)(?=$|[-_A-Z])")
# a pop-up over the page: a login or registration form, a modal dialog (the last part of the
# name says so: "login-popup", "registerModal"; "multimodal" does not). Not "paywall": some
# sites keep the subscriber part of the article in one.
_POPUP_TOKEN = re.compile(r"(?:^|[-_])(?i:pop-?up|modal|log-?in|sign-?in|registration)$"
                          r"|(?<=[a-z])(?:Pop[Uu]p|Modal|Log[Ii]n|Sign[Ii]n|Registration)$")
# what any of these names holds, to pass over the other elements at once
_ANY_NAME = re.compile(r"side|rail|nav|menu|masthead|header|right|footer|copyright|contact|imprint|impressum"
                       r"|legal|disclaimer|pop|modal|log|sign|registration"
                       r"|top|left|bottom|links|bar", re.I)
_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")
_UNSEEN = {"script", "style", "noscript", "template", "title", "head", "meta"}


def box_lines(tree, text: str, url: str | None = None) -> list[str]:
    """Return the lines of text (stripped) that the page prints only in chrome boxes, as menu
    rows of a table layout or in teaser boxes between the paragraphs (see the module
    docstring); [] when there are none. url: the page's address (which links are the site's)."""
    if tree is None or not text:
        return []
    lines = [x.strip() for x in text.split("\n")]
    out = (set(_boxed(tree, lines)) | set(_menu_rows(tree, lines)) | set(_teaser_boxes(tree, lines, url))
           | set(_orphan_headings(tree, lines)))
    return [lines[i] for i in sorted(out)]


def box_flags(lines: list[str], box: set[str]) -> list[bool]:
    """Return one flag per line: True where the stripped line is one of `box` (box_lines)."""
    return [bool(x.strip()) and x.strip() in box for x in lines]


def box_kind(el) -> str | None:
    """Return 'side' or 'foot' when el is a chrome box by its tag or a class or id token."""
    kind = _BOX_TAGS.get(el.tag)
    if kind:
        return kind
    names = (el.get("class") or "") + " " + (el.get("id") or "")
    if el.tag not in _HTML_TAGS:
        names += " " + el.tag   # a custom element named for its place: <toplinks>, <leftlinks>
    if len(names) < 4 or not _ANY_NAME.search(names):
        return None
    for tok in names.split():
        if _FOOT_TOKEN.search(tok) or _POPUP_TOKEN.search(tok):
            return "foot"   # footers and pop-ups hold whole sentences
        if _SIDE_TOKEN.match(tok):
            return "side"
    return None


# the elements of HTML; any other tag is the site's own, named as it likes
_HTML_TAGS = frozenset(
    "a abbr address area article aside audio b base bdi bdo blockquote body br button canvas caption cite code col"
    " colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption figure font footer"
    " form h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd label legend li link main map mark"
    " menu meta meter nav noscript object ol optgroup option output p param picture pre progress q rp rt ruby s samp"
    " script search section select slot small source span strong style sub summary sup table tbody td template"
    " textarea tfoot th thead time title tr track u ul var video wbr center big tt strike".split())


def _boxed(tree, lines: list[str]) -> list[int]:
    """Indices of the lines printed only in chrome boxes, above the first or after the last
    paragraph."""
    boxes = _outer_boxes(tree)
    if not boxes:
        return []
    keys = [_keys(x) for x in lines]
    weights = [line_weight(x) for x in lines]
    total = sum(weights) or 1
    found: dict[int, str] = {}
    used = []
    for el, kind in boxes:
        if el.find(".//h1") is not None:
            continue
        if (el.tag == "header" or _is_page_header(el)) and any(a.tag in ("article", "main") for a in el.iterancestors()):
            continue  # the article's own header: headline, lead, byline
        held = _keys(el.text_content())
        hits = [i for i, k in enumerate(keys) if k[0] and _within(k, held)]
        if not hits or sum(weights[i] for i in hits) > BOX_MAX_SHARE * total:
            continue  # nothing of the body, or the article itself stands in this box
        used.append(el)
        for i in hits:
            if kind == "foot" or weights[i] <= SIDE_MAX_WORDS:
                found.setdefault(i, kind)
    if not found:
        return []
    outside, whole = _text_outside(tree, used), _box_texts(used)
    found = {i: k for i, k in found.items()
             if (keys[i][0] in whole[0] or keys[i][1] and keys[i][1] in whole[1]) and not _within(keys[i], outside)}
    core = [i for i, w in enumerate(weights) if w >= PARAGRAPH_WORDS and i not in found]
    if not core:
        return []
    return [i for i in found if i < core[0] or i > core[-1]]


def _keys(s: str) -> tuple[str, str]:
    """A text for comparison, twice: squashed (letters and digits, lower case), and the same
    with its ASCII letters and digits only. The page and the extracted text can differ in how
    a misread encoding was mended (a page of mixed encodings); the ASCII letters agree anyway,
    and a line of Latin script is compared by them. ('' for the second when a line is mostly
    of other letters: CJK, Cyrillic.)"""
    full = squash(s)
    asc = _NOT_ASCII.sub("", full)
    return full, (asc if len(asc) * 2 >= len(full) else "")


def _within(k: tuple[str, str], text: tuple[str, str]) -> bool:
    """True when the text holds the line, by either of its keys."""
    return k[0] in text[0] or bool(k[1]) and k[1] in text[1]


def _outer_boxes(tree) -> list:
    """(element, kind) of the chrome boxes not inside another one, in page order."""
    boxes = []
    walk = etree.iterwalk(tree, events=("start",))
    for _, el in walk:
        tag = el.tag
        if not isinstance(tag, str) or tag in _UNSEEN:
            walk.skip_subtree()
            continue
        kind = box_kind(el) if tag in _BOX_TAGS or el.attrib or tag not in _HTML_TAGS else None
        if kind:
            boxes.append((el, kind))
            walk.skip_subtree()
    return boxes


_PAGE_HEADER = re.compile(r"^(?:(?:site|page|main|global|top)[-_]?)?header$|^masthead$", re.I)


def _is_page_header(el) -> bool:
    return any(_PAGE_HEADER.match(t) for t in ((el.get("class") or "") + " " + (el.get("id") or "")).split())


def _text_outside(tree, boxes: list) -> tuple[str, str]:
    """The page's visible text outside the given boxes (its _keys)."""
    skip = set(boxes)
    parts: list[str] = []
    walk = etree.iterwalk(tree, events=("start", "end"))
    for event, el in walk:
        if event == "start":
            if el in skip or not isinstance(el.tag, str) or el.tag in _UNSEEN:
                walk.skip_subtree()  # its 'end' event still comes, with its tail
                continue
            if el.text:
                parts.append(el.text)
        elif el.tail and el is not tree:
            parts.append(el.tail)
    return _keys(" ".join(parts))


def _box_texts(boxes: list) -> tuple[set[str], set[str]]:
    """The texts of the elements inside the boxes (each printed whole there), by both _keys."""
    keys = [_keys(e.text_content()) for box in boxes for e in box.iter() if isinstance(e.tag, str) and e.tag not in _UNSEEN]
    return {k[0] for k in keys}, {k[1] for k in keys if k[1]}


def _menu_rows(tree, lines: list[str]) -> list[int]:
    """Indices of the table-row lines ("| a | b |") that are menu rows of a table layout."""
    rows = {squash(x): i for i, x in enumerate(lines) if x.startswith("|")}
    rows.pop("", None)
    if not rows:
        return []
    out = []
    for tr in tree.iter("tr"):
        if tr.find(".//table") is not None or not any(a.tag == "td" for a in tr.iterancestors()):
            continue  # a row holding a table, or a row of a table that is not inside another
        k = squash(tr.text_content())
        if k not in rows:
            continue
        letters = _letters(tr.text_content())
        if letters and _linked_letters(tr) >= ROW_LINK_SHARE * letters:
            out.append(rows[k])
    return out


def _linked_letters(row) -> int:
    """Letters of a row inside links, or inside cells that open a page when clicked."""
    n = 0
    walk = etree.iterwalk(row, events=("start",))
    for _, el in walk:
        if el is not row and (el.tag == "a" or el.get("onclick")):
            n += _letters(el.text_content())
            walk.skip_subtree()
    return n


def _letters(s: str) -> int:
    return sum(ch.isalpha() for ch in s)


def _teaser_boxes(tree, lines: list[str], url: str | None) -> list[int]:
    """Indices of the lines that are a teaser box's heading or one of its teasers (see the
    module docstring)."""
    keys = {}
    for i, x in enumerate(lines):
        k = squash(x)
        if k:
            keys.setdefault(k, []).append(i)
    if not keys:
        return []
    site = registered_domain(url) if url else None
    out: list[int] = []
    for h in tree.iter(*_HEADINGS):
        head = h.text_content()
        k = squash(head)
        if k not in keys or len(head.split()) > HEADING_MAX_WORDS or _is_section_anchor(h, k):
            continue
        box = h.getnext()
        while box is not None and not isinstance(box.tag, str):
            box = box.getnext()      # a comment between the heading and its box
        if box is None or box.tag in _HEADINGS or box.tag == "table" or box.find(".//table") is not None:
            continue                 # a table under a heading is the article's (results, a filmography)
        own = [a for a in box.iter("a") if site_link_path(a.get("href"), url, site) is not None]
        letters = _letters(box.text_content())
        if len(own) < TEASER_MIN_LINKS or not letters or _linked_letters(box) < ROW_LINK_SHARE * letters:
            continue
        out.extend(keys[k])
        for a in own:
            t = a.text_content()
            if len(t.split()) <= TEASER_MAX_WORDS:
                out.extend(keys.get(squash(t), []))
    return out


# a short line after the last paragraph that a writer or an agency signs with: it stays
_SIGN_OFF = re.compile(r"^(?:\(|\[|von\s|by\s|quelle|source|fuente|text\b|fotos?\b|mit material|with reporting|additional reporting)", re.I)
_CLOSES = re.compile(r"[.!?…:;。！？]$")
# what makes an element a box of links, buttons or a widget that a script fills
_CONTROLS = ("a", "button", "input", "select", "form", "script", "iframe")


def _orphan_headings(tree, lines: list[str]) -> list[int]:
    """Indices of the short lines after the article's last paragraph that head a box of links,
    buttons or a scripted widget whose content the body does not hold: "Related keywords" over
    keyword buttons, "Follow this category" over follow buttons, "Recommended" over a box a
    recommendation script fills. The extractor dropped the links and kept the heading alone.
    The box is the heading's nearest ancestor holding anything else; a line whose box holds
    another line of the body (an article's closing line, a fact box) stays."""
    weights = [line_weight(x) for x in lines]
    core = [i for i, w in enumerate(weights) if w >= PARAGRAPH_WORDS]
    if not core:
        return []
    wanted: dict[str, list[int]] = {}
    for i in range(core[-1] + 1, len(lines)):
        x = lines[i]
        if (x and weights[i] <= HEADING_MAX_WORDS and not _CLOSES.search(x) and not _SIGN_OFF.match(x)
                and not any(ch.isdigit() for ch in x)):
            wanted.setdefault(squash(x), []).append(i)
    wanted.pop("", None)
    if not wanted:
        return []
    others = [_keys(x) for x, w in zip(lines, weights) if w >= 2]
    orphan: dict[str, bool] = {}   # every element printing the line must be an orphan heading
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag in _UNSEEN or not (el.text or "").strip():
            continue
        start = squash(el.text)
        if not start or not any(k.startswith(start) for k in wanted):
            continue  # cheap: the element's own text opens no wanted line
        k = squash(el.text_content())
        if k not in wanted or orphan.get(k) is False:
            continue
        box = _heading_box(el, k)
        if box is None:
            orphan[k] = False
            continue
        own = set(el.iter())   # a link inside the heading itself is no control of the box
        held = _keys(box.text_content())
        orphan[k] = (any(c.tag in _CONTROLS for c in box.iter() if c not in own)
                     and not any(o[0] != k and _within(o, held) for o in others))
    return [i for k, ok in orphan.items() if ok for i in wanted[k]]


def _heading_box(el, k: str):
    """The nearest ancestor of el that holds more than el's text k: other text, or other
    elements (an empty container a script fills); None at the root."""
    while (parent := el.getparent()) is not None:
        siblings = [c for c in parent if c is not el and isinstance(c.tag, str) and c.tag not in ("br",)]
        if siblings or squash(parent.text_content()) != k:
            return parent
        el = parent
    return None


def _is_section_anchor(h, k: str) -> bool:
    """True when the heading carries an anchor named after its own text (id="TV_Shows" on
    "TV Shows"): a section of the article that a table of contents links to (wikis, long
    reads), whatever list of the site's pages follows it."""
    return any(squash(el.get("id") or "") == k for el in h.iter() if isinstance(el.tag, str))
