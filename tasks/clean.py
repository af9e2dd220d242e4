"""Clean extracted documents into articles: drop chrome, join wrapped lines, name things.

For each document: flag chrome lines (chrome.py: fixed rules + what learn_chrome found for its
site), keep them in `chrome_text`, join print line-wraps into paragraphs, take the headline
(metadata, else the text's own first line or citation), byline, URL, domain and publisher.
A document left without article text becomes a `no_article_text` reject.
"""
from __future__ import annotations

import re

import polars as pl

from tasks.chrome import (chrome_by_site, chrome_flags, is_date_only, is_related_label, split_glued_related,
                          split_glued_tail, split_meta_tail)
from tasks.extract import domain_matching_publisher, page_url
from tasks.rejects import empty_rejects, rejects_from_frame
from tasks.text import count_words, find_urls, line_weight, join_broken_urls, registered_domain, unwrap_lines, wrap_width, BARRIER

STAGE = "clean"

CLEAN_COLUMNS = {
    "text": pl.String,
    "title": pl.String,
    "author": pl.String,
    "url": pl.String,
    "source_domain": pl.String,
    "publisher": pl.String,
    "word_count": pl.Int32,
    "chrome_text": pl.String,
}

# A document needs at least one line of this many words to count as an article: pages that
# are only menus, link lists or a headline are rejected rather than kept as junk.
MIN_PARAGRAPH_WORDS = 6
# what bot checks and block pages say instead of the article (kept to phrases no news
# article of under BLOCK_PAGE_MAX_WORDS words would use)
BLOCK_PAGE_PATTERN = (r"(?i)incapsula incident|request unsuccessful\. incapsula|project shield"
                      r"|you will be connected to .{0,60}in just a moment|checking your browser before"
                      r"|checking if the site connection is secure|needs to review the security of your connection"
                      r"|attention required! \| cloudflare|enable javascript and cookies to continue"
                      r"|please verify you are a human|access to this page has been denied|ddos protection by")
BLOCK_PAGE_MAX_WORDS = 60
TITLE_MAX_WORDS = 25


def clean_docs(docs: pl.DataFrame, chrome: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Return (docs + text, title, author, url, source_domain, publisher, word_count,
    chrome_text; rejects for documents with no article text left)."""
    learned = chrome_by_site(chrome)
    cols = ["body_raw", "site", "is_html", "html_title", "html_author", "html_sitename", "html_url",
            "meta_url", "meta_title", "meta_source", "text_url", "text_publisher", "nav_lines", "box_lines"]
    present = {c: (docs[c].to_list() if c in docs.columns else [None] * len(docs)) for c in cols}
    rows = [clean_one(*(present[c][i] for c in cols), learned=learned) for i in range(len(docs))]
    out = pl.concat(
        [docs.drop([c for c in CLEAN_COLUMNS if c in docs.columns]),
         pl.DataFrame(rows, schema=CLEAN_COLUMNS, orient="row")],
        how="horizontal",
    )
    # a bot check or block page (Incapsula, Cloudflare, Project Shield) stands where the
    # article should be: the page must be fetched again, which a separate reason says
    # judged on the extracted body and the page title before chrome removal: the chrome
    # rules take "enable JavaScript and cookies" lines out, and Cloudflare names itself in
    # the title only
    body = "body_raw" if "body_raw" in out.columns else "text"
    raw = pl.concat_str([pl.col(body).fill_null(""), pl.col("html_title").fill_null("")
                         if "html_title" in out.columns else pl.lit("")], separator="\n")
    blocked = (raw.str.split(" ").list.len() < BLOCK_PAGE_MAX_WORDS) & raw.str.contains(BLOCK_PAGE_PATTERN)
    out = out.with_columns(_blocked=blocked.fill_null(False))
    empty = pl.col("text").is_null() & ~pl.col("_blocked")
    no_text = out.filter(empty)
    walled = out.filter(pl.col("_blocked"))
    parts = []
    if len(no_text):
        parts.append(rejects_from_frame(
            no_text, STAGE, "no_article_text",
            pl.format("{}: no article text is left after removing site chrome (menus, appeals, "
                      "footers, link lists); check that the input holds an article body.", pl.col("source_uri"))))
    if len(walled):
        parts.append(rejects_from_frame(
            walled, STAGE, "blocked_page",
            pl.format("{}: the page is a bot check or block page ('{}'), not the article; fetch it "
                      "again (another client, or later).", pl.col("source_uri"),
                      pl.col(body).fill_null("").str.slice(0, 60).str.replace_all("\n", " "))))
    rejects = pl.concat(parts, how="vertical_relaxed") if parts else empty_rejects()
    return out.filter(~empty & ~pl.col("_blocked")).drop("_blocked"), rejects


def clean_one(body_raw, site, is_html, html_title, html_author, html_sitename, html_url,
              meta_url, meta_title, meta_source, text_url, text_publisher, nav_lines=None, box_lines=None, *,
              learned) -> tuple:
    """Return the CLEAN_COLUMNS values of one document (text None when nothing is left)."""
    body_raw = body_raw or ""
    lines = _split_glued(join_broken_urls(body_raw).split("\n"))
    flags = chrome_flags(lines, learned.get(site or "*", set()), nav_lines.split("\n") if nav_lines else None,
                         box_lines.split("\n") if box_lines else None)
    chrome_text = "\n".join(x.strip() for x, f in zip(lines, flags) if f and x.strip())
    kept = kept_lines(lines, flags)

    title = _first(html_title, meta_title)
    title_from_text = None
    if title is None and not is_html:
        title_from_text, kept = _headline_from_top(lines, flags, kept)
        title = title_from_text or citation_title(body_raw)

    width = _wrap_width(lines, kept, is_html)
    head_chrome: list[str] = []
    if width is None:
        # one line a paragraph: the headline's copies go before broken sentences are mended,
        # which would join a headline ending on "zu" or "for" to the paragraph after it
        kept, head_chrome = drop_headline_lines(kept, title)
    paragraphs = unwrap_lines(kept, width, vocab=body_raw)
    paragraphs, more = drop_headline_repeats(paragraphs, title)
    head_chrome += more
    if head_chrome:
        chrome_text = "\n".join(x for x in (chrome_text, *head_chrome) if x)
    if not any(line_weight(p) >= MIN_PARAGRAPH_WORDS for p in paragraphs):
        text = None
    else:
        text = "\n\n".join(paragraphs)

    author = _first(html_author, None if is_html else byline_from_text(body_raw))
    url = _first(page_url(meta_url, html_url), text_url)
    publisher = _first(html_sitename, None if _looks_like_domain(meta_source) else meta_source, text_publisher)
    source_domain = (
        registered_domain(url)
        or (site if site and site != "*" else None)
        or (registered_domain(meta_source) if _looks_like_domain(meta_source) else None)
        or (domain_matching_publisher(publisher, find_urls(body_raw)) if publisher else None)
    )
    wc = count_words(text) if text else 0
    return text, title, author, url, source_domain, publisher, wc, chrome_text


# a removed line of this many words that ends a sentence was a sentence of its own
BARRIER_MIN_WORDS = 6
_WHOLE_SENTENCE = re.compile(r"""[.!?…。！？]["'”’»)」]*$""")


def kept_lines(lines: list[str], flags: list[bool]) -> list[str]:
    """Return the lines without the flagged ones: '' where a line went, BARRIER where it was a
    whole sentence (a contact line, a pitch), after which no sentence of the article goes on.
    A teaser headline set into a sentence ("Lesen Sie auch: Wie sicher ist die Rente?") is no
    such barrier: the sentence around it is mended."""
    return [x if not f else BARRIER if (_WHOLE_SENTENCE.search(x.strip()) and line_weight(x) >= BARRIER_MIN_WORDS
                                        and is_related_label(x) is None) else ""
            for x, f in zip(lines, flags)]


def _wrap_width(lines: list[str], kept: list[str], is_html) -> int | None:
    """Return the print wrap width to join lines by (None: do not join).

    Measured on the lines left after chrome removal; but an HTML page counts as print-wrapped
    only when its extracted lines look wrapped with the chrome still in: the extractor writes
    one paragraph per line, and taking a page's menu or teaser lines out can leave paragraphs
    of similar length that look like a wrapped dump (measured: 5 of 598 eval pages).
    """
    width = wrap_width(kept)
    if width is not None and is_html and wrap_width(lines) is None:
        return None
    return width


# the headline is printed again within this many paragraphs of the body's top
HEAD_PARAGRAPHS = 4
# a section label above the headline ("Business Law", "MIDDLE EAST CRISIS") is this short
KICKER_MAX_WORDS = 4
_SENTENCE_END = re.compile(r"""[.!?…:。！？]["'”’»)」]*$""")


def drop_headline_repeats(paragraphs: list[str], title: str | None) -> tuple[list[str], list[str]]:
    """Return (paragraphs, removed): the body without the copies of its headline among its
    first HEAD_PARAGRAPHS paragraphs, nor the short section label (kicker) printed right
    above each copy.

    Extractors keep the page's header block, which often prints "Section / Headline" once
    for the page and once for the article; the headline is in `title` already. A short line
    above anything but the headline is left alone (it may be a subheading).
    """
    order = headline_repeats(paragraphs, title)
    gone = set(order)
    return [p for i, p in enumerate(paragraphs) if i not in gone], [paragraphs[i] for i in order]


def headline_repeats(paragraphs: list[str], title: str | None) -> list[int]:
    """Return the positions of the paragraphs drop_headline_repeats removes, in the order it
    finds them (each copy of the headline, then its kicker)."""
    if not title:
        return []
    heads = headline_forms(title)
    left = list(range(len(paragraphs)))   # positions of the paragraphs still there
    removed: list[int] = []
    i = 0
    while i < min(HEAD_PARAGRAPHS, len(left)):
        if not any(_same(paragraphs[left[i]], h) for h in heads):
            i += 1
            continue
        removed.append(left.pop(i))
        if i > 0 and _is_kicker(paragraphs[left[i - 1]]):
            removed.append(left.pop(i - 1))
            i -= 1
    return removed


def drop_headline_lines(lines: list[str], title: str | None) -> tuple[list[str], list[str]]:
    """Return (lines, removed): drop_headline_repeats over the non-blank lines, the removed ones
    left blank (so they still part the paragraphs around them)."""
    at = [i for i, x in enumerate(lines) if x.strip() and x != BARRIER]
    gone = [at[j] for j in headline_repeats([lines[i].strip() for i in at], title)]
    if not gone:
        return lines, []
    return ["" if i in gone else x for i, x in enumerate(lines)], [lines[i].strip() for i in gone]


# "Headline | Site", "Site - Headline": a page title often adds the site's name (or a section)
# before or after the headline the page prints
_TITLE_PARTS = re.compile(r"\s+(?:\||-|–|—|::|·)\s+")
HEADLINE_MIN_WORDS = 4


def headline_forms(title: str) -> list[str]:
    """Return the title and the headline it holds without the site's name: the part before its
    last separator and the part after its first one, when that part has HEADLINE_MIN_WORDS
    words or more (a one-word section name is not a headline)."""
    seps = list(_TITLE_PARTS.finditer(title))
    forms = [title]
    if seps:
        for cut in (title[:seps[-1].start()], title[seps[0].end():]):
            if len(cut.split()) >= HEADLINE_MIN_WORDS:
                forms.append(cut)
    return forms


def _is_kicker(p: str) -> bool:
    """True for a section label: a few words (CJK characters counted as words), no sentence end,
    no date (a "Veröffentlicht: 30.07.2019 09:35 Uhr" line above the headline is the byline's)."""
    return (0 < line_weight(p) <= KICKER_MAX_WORDS and not _SENTENCE_END.search(p.strip())
            and not _HAS_DIGIT_DATE.search(p))


def _split_glued(lines: list[str]) -> list[str]:
    """Return lines with "Read also" headlines glued to a paragraph, a portal's home link glued
    to its end, and the category and tag list at the end of a post's meta line, put on lines of
    their own."""
    out: list[str] = []
    for x in lines:
        parts = split_glued_related(x) if len(x) > 150 else None
        if parts is None:
            parts = split_glued_tail(x)
        if parts is None and ":" in x:
            meta = split_meta_tail(x)
            parts = tuple(p for p in meta if p) if meta else None
        out.extend(parts if parts else (x,))
    return out


def _first(*values: str | None) -> str | None:
    for v in values:
        if v and v.strip():
            return v.strip()
    return None


def _same(a: str, b: str) -> bool:
    norm = lambda s: re.sub(r"\W+", " ", s.lower()).strip()
    return norm(a) == norm(b)


def _looks_like_domain(s: str | None) -> bool:
    return bool(s) and re.fullmatch(r"(?:https?://)?[\w-]+(?:\.[\w-]+)+/?", s.strip()) is not None


# ---------------------------------------------------------------- headline and byline

_BYLINE = re.compile(r"^(?:by|von|par|por|автор|yazan|текст)\s*:?\s+([A-ZÀ-ÖØ-ÞА-ЯЁÇĞİÖŞÜ][\w.'’-]+(?:\s+(?:and\s+|&\s+|de\s+|van\s+|von\s+)?[A-ZÀ-ÖØ-ÞА-ЯЁÇĞİÖŞÜ][\w.'’-]+){0,4})\s*$", re.I)
_AUTHOR_LABEL = re.compile(r"^(?:author|yazar|автор)\s*:\s*(.{3,80})$", re.I)
_CITE_AUTHOR = re.compile(r"to cite this (?:article|page)\s*:\s*([^.\n]{3,60}?)\.\s", re.I)


# The headline is looked for in the first few blocks of the page only.
HEADLINE_BLOCKS = 4
_HAS_DIGIT_DATE = re.compile(r"\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b(?:19|20)\d\d\b")


def _headline_from_top(lines: list[str], flags: list[bool], kept: list[str]) -> tuple[str | None, list[str]]:
    """Return (headline, kept lines without it) from the first blocks of a text dump (kept:
    kept_lines of lines and flags).

    A block is a run of non-blank lines. The headline is the first block of at most three
    lines and few words, without a full stop at the end, that is not a date, URL, byline or
    pipe-separated label line, and that did not sit beside chrome: a site's masthead ("THE
    VARNHOLM COURIER") shares its block with the menu the chrome rules removed, so it is
    skipped rather than taken for the headline. Stops at the first paragraph of prose.
    """
    blocks, i = [], 0
    while i < len(lines) and len(blocks) < HEADLINE_BLOCKS:
        if not lines[i].strip():
            i += 1
            continue
        j = i
        while j < len(lines) and lines[j].strip():
            j += 1
        blocks.append((i, j))
        i = j
    for start, end in blocks:
        block = [lines[k].strip() for k in range(start, end) if not flags[k]]
        if not block:
            continue
        if any(flags[start:end]):
            continue  # the rest of a chrome block: a masthead, a banner's leftover line
        head = " ".join(block)
        n = count_words(head)
        prose = head.endswith((".", "!", "?")) and n > TITLE_MAX_WORDS // 2
        if prose or len(block) > 3:
            return None, kept  # the article has started without a headline
        if not (2 <= n <= TITLE_MAX_WORDS) or head.endswith((".", ",", ";", ":")):
            continue
        if is_date_only(head) or find_urls(head) or _BYLINE.match(head) or "|" in head or _HAS_DIGIT_DATE.search(head):
            continue
        return head, kept[:start] + [""] * (end - start) + kept[end:]
    return None, kept


def citation_title(body: str) -> str | None:
    """Return the title quoted in a 'To cite this article' line, recased when all capitals."""
    m = re.search(r"to cite this (?:article|page)\s*:[^\"“]{0,120}[\"“]([^\"”]{10,300})[\"”]", body, re.I)
    if not m:
        return None
    t = re.sub(r"-\n(?=[A-ZА-Я])", "-", m.group(1))
    t = re.sub(r"\s+", " ", t).strip().rstrip(".")
    # "TITLE - PUBLISHER - 23.11.2020": a re-host appends the origin and its date.
    parts = [p.strip() for p in t.split(" - ")]
    while len(parts) > 1 and (is_date_only(parts[-1]) or len(parts[-1].split()) <= 4 and parts[-1].isupper()):
        parts.pop()
    t = " - ".join(parts)
    return recase_caps(t, body) if t.isupper() else t


def recase_caps(title: str, body: str) -> str:
    """Return an all-capitals title in sentence case, keeping capitals on the words the body
    writes capitalised (names): 'ANKARA, MOSCOW CAN ...' -> 'Ankara, Moscow can ...'."""
    caps: dict[str, int] = {}
    for w in re.findall(r"\b\w[\w'’]*", body):
        if w.isupper():
            continue
        caps[w.lower()] = caps.get(w.lower(), 0) + (1 if w[0].isupper() else -1)
    out = []
    for i, tok in enumerate(re.split(r"(\W+)", title)):
        if not tok or not tok[0].isalpha():
            out.append(tok)
            continue
        low = tok.lower()
        out.append(tok.capitalize() if i == 0 or caps.get(low, 0) > 0 else low)
    return "".join(out)


def byline_from_text(body: str) -> str | None:
    """Return the author from a 'By ...' / 'Author:' line near the top or a citation line."""
    for line in body.split("\n")[:15]:
        s = line.strip()
        m = _BYLINE.match(s) or _AUTHOR_LABEL.match(s)
        if m:
            return m.group(1).strip()
    m = _CITE_AUTHOR.search(body)
    if m:
        name = re.sub(r"\s+", " ", m.group(1)).strip()
        if 2 <= len(name.split()) <= 5:
            return " ".join(w.capitalize() if w.isupper() and len(w) > 2 else w for w in name.split())
    return None
