"""Extract the article text of each document, before corpus-wide chrome removal.

HTML (files, or JSONL records with `html`) goes through trafilatura for the main text and its
metadata (title, author, site name, canonical URL). Plain text is repaired (ftfy, NFC). Every
document also gets a `site`, the key that recurring chrome lines are counted per (chrome.py),
and the clues found in a text dump's own words: the page's URL and the publisher's sign-off.
"""
from __future__ import annotations

import logging
import re

import polars as pl

from tasks.decode import repair_misread_html
from tasks.boxlines import box_lines
from tasks.leads import restore_lead
from tasks.navlines import nav_lines, split_dated_nav
from tasks.text import find_urls, join_broken_urls, registered_domain, repair_text, squash, word_count

# trafilatura settings, measured on eval/dates/html (598 pages; see README): favor_precision
# keeps sidebars and link lists out; fast=True skips the readability/justext fallbacks, which
# cost time and mostly add back the boilerplate favor_precision dropped.
TRAFILATURA_OPTS = dict(
    fast=True,
    favor_precision=True,
    include_comments=False,
    include_tables=True,
    include_images=False,
    include_links=False,
    with_metadata=False,  # metadata comes from page_metadata, without the date search
    deduplicate=False,
)

# trafilatura logs a warning for every page it finds no text in; rejects already say so.
logging.getLogger("trafilatura").setLevel(logging.ERROR)

# Retry settings, in order, while the text has fewer words than RETRY_BELOW_WORDS.
_CASCADE = ({}, {"fast": False}, {"fast": True, "favor_precision": False})
RETRY_BELOW_WORDS = 40

EXTRACT_COLUMNS = {
    "body_raw": pl.String,
    "html_title": pl.String,
    "html_author": pl.String,
    "html_sitename": pl.String,
    "html_url": pl.String,
    "site": pl.String,
    "text_url": pl.String,
    "text_publisher": pl.String,
    "nav_lines": pl.String,
    "box_lines": pl.String,
}


def extract_docs(docs: pl.DataFrame) -> pl.DataFrame:
    """Return docs + body_raw, html_title, html_author, html_sitename, html_url, site,
    text_url (the page's own URL as the text states it), text_publisher (sign-off),
    nav_lines (the body's lines the page prints as navigation, one a line; tasks.navlines) and
    box_lines (the body's lines the page prints only in boxes around the article, or as menu
    rows of a table layout, one a line; tasks.boxlines)."""
    alt = docs["record_text"].to_list() if "record_text" in docs.columns else [None] * len(docs)
    rows = [
        _extract_one(c, h, u, a)
        for c, h, u, a in zip(docs["content"].to_list(), docs["is_html"].to_list(), docs["meta_url"].to_list(), alt)
    ]
    extra = pl.DataFrame(rows, schema=EXTRACT_COLUMNS, orient="row")
    return pl.concat([docs.drop([c for c in EXTRACT_COLUMNS if c in docs.columns]), extra], how="horizontal")


def _extract_one(content: str, is_html: bool, meta_url: str | None, record_text: str | None = None) -> tuple:
    title = author = sitename = html_url = None
    nav: list[str] = []
    box: list[str] = []
    if is_html:
        body, title, author, sitename, html_url, nav, box = extract_html(repair_misread_html(content), meta_url)
        if record_text and len(body.split()) < RETRY_BELOW_WORDS:
            body, nav, box = repair_text(record_text), [], []  # the scraper's text beats an empty extraction
    else:
        body = repair_text(content)
    clue_text = join_broken_urls(body if not is_html else "")
    text_url = page_url_from_text(clue_text) if not is_html else None
    publisher = publisher_from_text(body) if not is_html else None
    site = site_of(meta_url, html_url, text_url, publisher, clue_text)
    return (body, title, author, sitename, html_url, site, text_url, publisher, "\n".join(nav) or None,
            "\n".join(box) or None)


def extract_html(html: str, url: str | None) -> tuple[str, str | None, str | None, str | None, str | None,
                                                      list[str], list[str]]:
    """Return (main text, title, author, site name, canonical URL, navigation lines of the text,
    box lines of the text) of an HTML page; '' text when trafilatura finds no article
    (menus-only pages, error pages)."""
    from trafilatura.utils import load_html

    try:
        tree = load_html(html)
    except Exception:
        tree = None
    if tree is None:
        return "", None, None, None, None, [], []
    try:
        title, author, sitename, canonical = page_metadata(tree, url)
    except Exception:  # metadata is a bonus: never lose the text over it
        title = author = sitename = canonical = None
    text = main_text(html, tree, url)
    try:
        text = restore_lead(tree, text, title)
    except Exception:  # the lead is a bonus too
        pass
    try:
        text = split_dated_nav(tree, text, url)
    except Exception:  # the split is a bonus
        pass
    try:
        nav = nav_lines(tree, text, url, title, author)
    except Exception:  # a bonus as well
        nav = []
    try:
        box = box_lines(tree, text, url)
    except Exception:  # and so is this
        box = []
    return (text, _clean_title(title), _clean_meta(author), _clean_sitename(sitename, title), _clean_meta(canonical),
            nav, box)


def main_text(html: str, tree, url: str | None) -> str:
    """Return the article text: trafilatura in its fast, precise mode first; for the few pages
    where that finds almost nothing (measured: 20 of 598, several of them real articles of
    600-1,400 words), again with its fallback extractors, then favouring recall."""
    from trafilatura import bare_extraction
    from trafilatura.utils import load_html

    text = ""
    for i, opts in enumerate(_CASCADE):
        try:
            page = tree if i == 0 else load_html(html)
            unwrap_layout_tables(page)
            strip_chrome_boxes(page)
            strip_hidden_labels(page)
            strip_inline_teasers(page)
            doc = bare_extraction(page, url=url, **{**TRAFILATURA_OPTS, **opts})
        except Exception:  # trafilatura raises on some malformed trees
            doc = None
        text = repair_text(doc.text or "") if doc is not None else ""
        # whitespace words on purpose: a CJK page (no spaces) goes through every setting and
        # keeps the recall-favouring one, which measured better on Japanese news sites
        if len(text.split()) >= RETRY_BELOW_WORDS:
            return text
    if word_count(text) >= FALLBACK_BELOW_WORDS:
        return text   # a short article (a brief) is still the article
    # trafilatura found nothing: an article page may still hold its text in plain <p>
    # paragraphs (a browser warning first confuses the extractors), or, when its text is
    # loaded by script, say what it is about only in its description
    for fallback in (_paragraph_text, _article_description):
        alt = repair_text(fallback(tree) or "") if tree is not None else ""
        if len(alt) > len(text):
            return alt
    return text


# Boxes that sit inside the article container, which trafilatura keeps because their class
# names are not on its own lists (measured on eval/dates/html): author bios ("about-author-sec"),
# "associated posts" teasers under a post, comment forms ("leaveComment"), testimonial teasers,
# newsletter and donation boxes, "popular" / "most read" carousels set inside the article, and
# a wiki's "[edit]" links beside its section headings, a teaser card set between paragraphs
# ("inline-teaser"). Matched on class and id, compound names included, and on the tag name of
# a custom element (<pp-inline-teaser>).
_CHROME_BOX = re.compile(
    r"about-?(?:the-?)?author|author-?(?:bio|box)|(?:related|associated)-?(?:posts?|articles?|stories)"
    r"|leave-?(?:a-?)?comment|comment-?(?:form|respond)|testimonial|newsletter|donat(?:e|ion)"
    r"|popular-?(?:posts?|articles?|stories)|most-?(?:read|viewed|popular)|editsection|inline-?teaser", re.I)
# a box holding more than this share of the page's text is the article itself, whatever its
# class says (a newsletter site's post, an article wrapped in "related-posts" markup)
BOX_MAX_SHARE = 0.25
_KEEP_TAGS = {"html", "body", "main", "article"}


def strip_chrome_boxes(tree) -> int:
    """Remove, in place, the chrome boxes of a parsed page (see _CHROME_BOX) that hold less than
    BOX_MAX_SHARE of its text and no <h1>; return how many were removed."""
    if tree is None:
        return 0
    boxes = []
    # far fewer than all elements; custom elements are named for what they are (<pp-inline-teaser>)
    for el in tree.xpath("//*[@class or @id or contains(local-name(), '-')]"):
        if el.tag in _KEEP_TAGS:
            continue
        names = (el.get("class") or "") + " " + (el.get("id") or "") + (" " + el.tag if "-" in el.tag else "")
        if len(names) > 4 and _CHROME_BOX.search(names):
            boxes.append(el)
    if not boxes:
        return 0
    total = len(tree.text_content()) or 1
    removed: list = []
    for el in boxes:
        if el.getparent() is None or any(a in removed for a in el.iterancestors()):
            continue  # an outer box went, and took this one with it
        if len(el.text_content()) > BOX_MAX_SHARE * total or el.find(".//h1") is not None:
            continue
        el.drop_tree()
        removed.append(el)
    return len(removed)


# Labels for screen readers only ("You are here", "Ressorts", "(link is external)", a hidden
# "detail" heading): never shown on the page, yet extracted as lines of their own. Matched on a
# class token (compound names included: "o-VisuallyHidden"); only short ones, labels.
_HIDDEN_LABEL = re.compile(
    r"(?:^|\s)(?:[\w-]*[-_])?(?:sr-only|sr-text|screen-?reader-?(?:text|only)|visually-?hidden|element-?invisible"
    r"|hide-?accessible|is-aural|a11y-?hidden|assistive-?text|show-for-sr|hidden-?visually)(?=\s|$)", re.I)
# Headings and labels the page hides from everyone (a "hidden" class, the hidden attribute): a
# region's name such as "Hauptinhalt" over the article, "Sie befinden sich hier:". Block
# elements only: a hidden span inside a player or a widget goes with it, and taking it out alone
# changes how the extractor weighs that block. A class list that also shows the element from
# some screen width on ("hidden md:block", "d-none d-sm-block") hides it on phones only.
_HIDDEN_CLASS = re.compile(r"(?:^|\s)(?:hidden|is-hidden|u-hidden)(?=\s|$)")
_HIDDEN_BLOCK_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "div", "li", "label", "legend"}
_SHOWN_SOMEWHERE = re.compile(r":|(?:^|\s)(?:[\w-]*[-_])?(?:block|flex|inline|grid|show|visible)(?=\s|$|[-_])")
HIDDEN_LABEL_MAX_WORDS = 20


def strip_hidden_labels(tree) -> int:
    """Remove, in place, the labels of a parsed page that are for screen readers only (see
    _HIDDEN_LABEL) or hidden from everyone (_HIDDEN_CLASS, the hidden attribute), of at most
    HIDDEN_LABEL_MAX_WORDS words; return how many were removed."""
    if tree is None:
        return 0
    removed = 0
    for el in tree.xpath("//*[@class or @hidden]"):
        if el.tag in _KEEP_TAGS or not _is_hidden(el):
            continue
        if el.getparent() is None or len(el.text_content().split()) > HIDDEN_LABEL_MAX_WORDS:
            continue
        el.drop_tree()
        removed += 1
    return removed


def _is_hidden(el) -> bool:
    names = el.get("class") or ""
    if _HIDDEN_LABEL.search(names):
        return True
    if el.tag not in _HIDDEN_BLOCK_TAGS or el.get("hidden") is None and not _HIDDEN_CLASS.search(names):
        return False
    return not _SHOWN_SOMEWHERE.search(names)


# A page laid out as a table: the article's paragraphs stand in one cell, the menus, search box,
# sidebars and footer in the others. trafilatura writes a table row as one line of cells, so
# the whole article and the sidebars around it come out as one line. A data table never holds
# paragraphs of prose in a cell; a table that does is turned into plain blocks before extraction,
# where the extractor tells the article from the menus as on any other page.
LAYOUT_CELL_WORDS = 100
_TABLE_PARTS = ("thead", "tbody", "tfoot", "tr", "td", "th")


def unwrap_layout_tables(tree) -> int:
    """Turn, in place, the tables that hold LAYOUT_CELL_WORDS words or more of <p> paragraphs in
    one of their own cells (not a nested table's), and the tables around such a table, into
    <div>s; return how many tables."""
    if tree is None:
        return 0
    layout: dict = {}
    for table in tree.iter("table"):
        cells = [e for e in table.iter("td", "th") if _nearest_table(e) is table]
        if any(sum(word_count(p.text_content()) for p in c.iter("p") if _nearest_table(p) is table)
               >= LAYOUT_CELL_WORDS for c in cells):
            layout[table] = True
            layout.update((a, True) for a in table.iterancestors("table"))
    # renamed after all are judged: a data table inside the article keeps its own verdict
    parts = [e for t in layout for e in t.iter(*_TABLE_PARTS) if _nearest_table(e) in layout]
    for el in [*layout, *parts]:
        el.tag = "div"
    return len(layout)


def _nearest_table(el):
    return next((a for a in el.iterancestors() if a.tag == "table"), None)


# A "Read also" teaser set inside a paragraph ("... en ligne ». <span>À LIRE AUSSI <a>Headline</a>
# </span>Son domicile ..."): the extractor writes it into the paragraph's text, where no line rule
# can find where it ends. It is the label and a link's text, and nothing else.
INLINE_TEASER_MAX_WORDS = 30
_INLINE_TAGS = {"span", "a", "strong", "b", "em", "i", "small", "font", "mark", "u"}


def strip_inline_teasers(tree) -> int:
    """Remove, in place, the "Read also" teasers that stand inside a paragraph's text (an inline
    element whose text is a related-article label (tasks.chrome) followed by the text of a link
    in it, with at least PARAGRAPH_MIN_WORDS more words of text around it in its parent); return
    how many were removed."""
    from tasks.chrome import is_related_label

    if tree is None:
        return 0
    removed = 0
    for t in tree.xpath("//text()[normalize-space()]"):
        label = t.strip()
        if len(label) > 80 or is_related_label(label) is None:
            continue  # the label opens a short text node ("À LIRE AUSSI", "Lesen Sie auch:")
        el = t.getparent()
        if el is None or t.is_tail:
            el = el.getparent() if el is not None else None
        for _ in range(3):   # the label's element, the capsule around it, one more
            if el is None or el.tag not in _INLINE_TAGS or el.getparent() is None:
                break  # a teaser box of its own (a heading, an aside) is left to the line rules
            text = " ".join(el.text_content().split())
            if len(text.split()) > INLINE_TEASER_MAX_WORDS:
                break
            rest = is_related_label(text)
            if rest and any(squash(a.text_content()) == squash(rest) for a in el.iter("a")):
                if word_count(el.getparent().text_content()) - word_count(text) >= PARAGRAPH_MIN_WORDS:
                    el.drop_tree()
                    removed += 1
                break
            el = el.getparent()
    return removed


# below this many words trafilatura found nothing: the page's other text is tried
FALLBACK_BELOW_WORDS = 12
# containers whose paragraphs are not the article, by class or id
_NOT_ARTICLE_BOX = re.compile(r"comment|consent|cookie|related|teaser|newsletter|promo|footer|sidebar", re.I)

# a <p> of fewer words is a caption, a button or a menu entry, not article prose
PARAGRAPH_MIN_WORDS = 12
# a description shorter than this (characters) is a tagline, not a summary
DESCRIPTION_MIN_CHARS = 40
_NOT_PROSE = ("nav", "footer", "aside", "header", "form", "figcaption")


def _paragraph_text(tree) -> str:
    """Return the page's prose <p> paragraphs (those of PARAGRAPH_MIN_WORDS words or more,
    not in navigation, headers, footers, asides or forms unless inside an <article> there),
    or '' when they add up to fewer than RETRY_BELOW_WORDS words."""
    paras = []
    for p in tree.iter("p"):
        # the nearest of <article> and the chrome containers decides (some sites put
        # the <article> inside an <aside>)
        nearest = next((a.tag for a in p.iterancestors() if a.tag in _NOT_PROSE or a.tag == "article"), None)
        if nearest in _NOT_PROSE:
            continue
        if _in_box(p):
            continue
        t = " ".join(p.text_content().split())
        if word_count(t) >= PARAGRAPH_MIN_WORDS:
            paras.append(t)
    text = "\n\n".join(paras)
    return text if word_count(text) >= RETRY_BELOW_WORDS else ""


def _in_box(p) -> bool:
    """True when a comment, consent, related or promo box holds the paragraph, looking up
    to the nearest <article> (a site may put its whole article inside a 'sidebar')."""
    for a in p.iterancestors():
        if a.tag == "article":
            return False
        if _NOT_ARTICLE_BOX.search((a.get("class") or "") + " " + (a.get("id") or "")):
            return True
    return False


def _article_description(tree) -> str:
    """Return the og:/meta description of a page that declares itself an article (og:type
    article, or JSON-LD of an Article type), or ''. A site's home or menu page has a
    description too, but does not call itself an article."""
    og_type = tree.xpath('string(//meta[@property="og:type"]/@content)').strip().lower()
    ld = " ".join(tree.xpath('//script[@type="application/ld+json"]/text()'))
    is_article = og_type == "article" or re.search(
        r'"@type"\s*:\s*"(?:News|Blog|Report|Scholarly)?Article"|"BlogPosting"', ld) is not None
    if not is_article:
        return ""
    for xp in ('//meta[@property="og:description"]/@content', '//meta[@name="description"]/@content'):
        d = " ".join(" ".join(tree.xpath(xp)[:1]).split())
        if len(d) >= DESCRIPTION_MIN_CHARS:
            return d
    return ""


def page_metadata(tree, url: str | None) -> tuple[str | None, str | None, str | None, str | None]:
    """Return (title, author, site name, canonical URL) from meta tags, JSON-LD and markup.

    This is trafilatura's extract_metadata without its htmldate call, which was most of the
    extraction time (the dates stage reads dates itself, from `content`).
    """
    from trafilatura import metadata as tm

    meta = tm.examine_meta(tree)
    if meta.author and " " not in meta.author:
        meta.author = None  # a lone handle or site name, not a person
    try:
        meta = tm.extract_meta_json(tree, meta)
    except Exception:  # trafilatura's JSON-LD parser has known bugs on odd markup
        pass
    title = meta.title or _markup_title(tree, url)
    author = meta.author or tm.extract_author(tree)
    canonical = meta.url or tm.extract_url(tree, url)
    sitename = meta.sitename or tm.extract_sitename(tree)
    if sitename:
        sitename = sitename.lstrip("@")
    return title, author, sitename, canonical


# a heading for screen readers or skip links ("<h1 class="navSkip">Navigation und Service</h1>"
# above a speech): it names a part of the page, not the article
_SKIP_HEADING = re.compile(r"nav-?skip|skip-?(?:nav|links?|to)|jump-?links?", re.I)
# a heading that names the post's category or section above the headline ("<h2
# class="post_cat">Allgemein</h2>"): the last part of a class name says so
_CATEGORY_HEADING = re.compile(r"(?:^|[\s_-])(?:cat|category|categories|kicker|rubrik|ressort|section-?name)(?=\s|$)",
                               re.I)


def _markup_title(tree, url: str | None = None) -> str | None:
    """trafilatura's title from the markup (a lone <h1>, else <title>, ..., else the first
    <h2>), not counting skip-link, hidden and category headings, and the <title> instead of a
    site's logo."""
    from trafilatura import metadata as tm

    skip = [h for h in tree.iter("h1", "h2") if _not_a_headline(h)]
    tags = [h.tag for h in skip]
    for h in skip:
        h.tag = "p"   # set back below: the tree is the caller's
    try:
        title = tm.extract_title(tree)
    finally:
        for h, tag in zip(skip, tags):
            h.tag = tag
    # the site's logo taken for the headline: the page's <title> names the article better
    site = registered_domain(url) if url else None
    logos = {" ".join(h.text_content().split()) for h in tree.iter("h1") if _is_logo(h, site)}
    if title and title in logos:
        named = {x.casefold() for x in logos}
        page_title = " ".join((tree.findtext(".//title") or "").split())
        for separators in _TITLE_SEPARATORS:   # the strong signs first: a headline may hold " - "
            raw = [p.strip() for p in separators.split(page_title) if p.strip()]
            if len(raw) > 1 or separators is _TITLE_SEPARATORS[-1]:
                parts = [p for p in raw if p.casefold() not in named]
                if parts:
                    title = max(parts, key=len)   # the headline is the longest part; the rest name the site
                    # "Headline : Logo" inside that part: the logo goes too
                    inner = [p.strip() for p in _TITLE_SEPARATORS[-1].split(title)]
                    if len(inner) > 1 and any(p.casefold() in named for p in inner):
                        title = max((p for p in inner if p.casefold() not in named), key=len)
                break
    return title


# what a <title> sets between the headline and the site's name or section: "Headline | Site",
# "Site » Blog Archive » Headline" first; "Headline - Site", "Headline : Site" only when the
# title has none of those (a headline itself may say "Kyiv says - talks stalled")
_TITLE_SEPARATORS = (re.compile(r"\s+(?:[|»«·•]|::)\s+"), re.compile(r"\s+(?:[-–—:])\s+"))


def _not_a_headline(h) -> bool:
    """A skip-link, category or hidden heading."""
    names = (h.get("class") or "") + " " + (h.get("id") or "")
    return bool(_SKIP_HEADING.search(names) or _CATEGORY_HEADING.search(names)) or _is_hidden(h)


def _is_logo(h, site: str | None) -> bool:
    """A heading holding a link to the site's own home page: the site's logo ("<h1><a
    href="http://www.l-mag.de/"></a><i>L-Mag</i></h1>"). A link to another site's home page
    (a review's "Apple") is not one."""
    for a in h.iter("a"):
        href = (a.get("href") or "").strip()
        if href and _HOME_LINK.match(href) and ("//" not in href or site and registered_domain(href) == site):
            return True
    return False


# a link to a site's home page: "/", "./", "index.html", "http://www.example.de/"
_HOME_LINK = re.compile(r"^(?:(?:https?:)?//[^/?#]+)?(?:/|\./)?(?:index\.\w{3,4})?$", re.I)


def _clean_title(v: str | None) -> str | None:
    """Headline without stray separators left by '<title>Site | Headline</title>' splitting."""
    v = _clean_meta(v)
    if v:
        v = v.strip(" |–—-:·•").strip() or None
    return v


def _clean_sitename(v: str | None, title: str | None) -> str | None:
    """Site name, unless it is the headline again or too long to be a name."""
    v = _clean_meta(v)
    if not v or (title and v.strip().lower() == title.strip().lower()) or len(v.split()) > 8:
        return None
    return v


def _clean_meta(v: str | None) -> str | None:
    if not v:
        return None
    v = repair_text(v).strip()
    return v or None


# ---------------------------------------------------------------- clues in a text dump

# Lines that state the page's own address: a citation's "Accessed <date>. <url>", or a
# "Source:/Original:/Permalink:/URL:" label. A bare URL in the body is a link, not the page.
_CITE_URL = re.compile(r"(?:accessed|retrieved|erişim|abgerufen|consulté)[^\n]{0,60}?\s((?:https?://|www\.)\S+)", re.I)
_LABEL_URL = re.compile(r"^(?:url|permalink|link to this (?:article|page)|canonical)\s*:\s*((?:https?://|www\.)\S+)", re.I | re.M)


def page_url_from_text(text: str) -> str | None:
    """Return the URL a text dump gives as its own address, or None."""
    for pattern in (_CITE_URL, _LABEL_URL):
        m = pattern.search(text)
        if m:
            urls = find_urls(m.group(1))
            if urls:
                return urls[0]
    return None


_NAME = r"(?:The\s+)?[A-Z][\w&'’.-]*(?:\s+(?:of|for|and|&|de|la|el)?\s*[A-Z][\w&'’.-]*){0,5}(?:\s*\([A-Za-z]{2,10}\))?"
_PUBLISHER_PATTERNS = (
    # "The views expressed ... do not necessarily reflect the position of The Moscow Times."
    re.compile(rf"(?:position|views|opinion|policy)\s+of\s+({_NAME})\s*\.", re.M),
    # "The Moscow Times, an independent news source" / "journalists of The Moscow Times"
    re.compile(rf"({_NAME}),\s+an?\s+independent\s+(?:news|media|journalism)"),
    re.compile(rf"journalists\s+(?:of|at)\s+({_NAME})[,.]"),
    # "© 2009-2025 Avrasya Incelemeleri Merkezi (AVIM) All rights reserved"
    re.compile(rf"(?:©|\(c\)|copyright)\s*(?:\d{{4}}\s*(?:[-–]\s*\d{{4}})?\s*)?({_NAME})", re.I),
)


def publisher_from_text(text: str) -> str | None:
    """Return the publisher named by a sign-off, disclaimer or copyright line, or None."""
    for pattern in _PUBLISHER_PATTERNS:
        m = pattern.search(text)
        if m:
            name = re.sub(r"\s+", " ", m.group(1)).strip(" .,")
            name = re.sub(r"\s+(?:All|Tüm|Tum|Tiim|Todos|Tous|Alle)$", "", name)
            if 3 <= len(name) <= 80 and not re.match(r"(?i)all rights", name):
                return name
    return None


# Hosts that only forward to (or archive) the article: the page's own address is its
# canonical link, or the one embedded in an archive URL.
_REDIRECTORS = re.compile(
    r"^https?://(?:feedproxy\.google\.com|news\.google\.com|feeds\.feedburner\.com|t\.co|bit\.ly|ow\.ly"
    r"|lnkd\.in|flip\.it|web\.archive\.org|archive\.(?:org|today|ph|is))/", re.I)
_ARCHIVED = re.compile(r"^https?://web\.archive\.org/web/\d+[a-z_]*/(https?://.+)$", re.I)


def page_url(meta_url: str | None, html_url: str | None) -> str | None:
    """Return the article's own URL: the fetched URL, unless that is a redirector or an
    archive copy, in which case the canonical link (or the archived original) names it."""
    if meta_url and _REDIRECTORS.match(meta_url):
        archived = _ARCHIVED.match(meta_url)
        if html_url and registered_domain(html_url) and not _REDIRECTORS.match(html_url):
            return html_url
        if archived:
            return archived.group(1)
    return meta_url or html_url


def site_of(meta_url: str | None, html_url: str | None, text_url: str | None,
            publisher: str | None, text: str) -> str:
    """Return the registered domain chrome is learned per, or '*' when it cannot be told.

    Besides stated URLs, a URL in the text whose domain spells the publisher's name
    (themoscowtimes.com for "The Moscow Times") names the site.
    """
    for u in (page_url(meta_url, html_url), text_url):
        dom = registered_domain(u)
        if dom:
            return dom
    if publisher and text:
        dom = domain_matching_publisher(publisher, find_urls(text))
        if dom:
            return dom
    return "*"


def domain_matching_publisher(publisher: str, urls: list[str]) -> str | None:
    """Return the domain among urls whose name matches the publisher (or its acronym)."""
    names = {squash(publisher), squash(re.sub(r"^the\s+", "", publisher, flags=re.I))}
    names |= {squash(a) for a in re.findall(r"\(([A-Za-z]{2,10})\)", publisher)}
    names.discard("")
    for u in urls:
        dom = registered_domain(u)
        if not dom:
            continue
        label = squash(dom.split(".")[0])
        if len(label) >= 3 and any(label == n or (len(label) >= 5 and (label in n or n in label)) for n in names):
            return dom
    return None
