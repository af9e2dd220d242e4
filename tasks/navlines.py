"""Lines of an extracted body that the page prints as navigation: `nav_lines`, `nav_flags`.

trafilatura keeps some of the links and labels around an article: the section link above the
headline ("World", "Leben"), the tag box under the byline ("Gesundheit Angst"), the teaser
links to other stories under the article. In the text they look like short headings, and a
rule on the text alone cannot tell them from a dateline, a byline or a recipe title (a rule
that dropped short lines at the top was tried and reverted for that). The page can: such a
line is the whole text of a link to another page of the same site, or of a box the page
classes as tags, categories or breadcrumbs. Only lines above the article's first paragraph
and after its last one are looked at: inside the article, a linked phrase on a line of its
own is the writer's.

A post's meta line can run its date into its category link ("31.01.2016 Hardware"):
`split_dated_nav` breaks such a line in two first, so the date stays and the link goes.

tasks.extract finds these lines (it has the page) and passes them on in `nav_lines`;
tasks.clean flags them with the other chrome (so chrome_text keeps them, and the menu and
trailing-zone rules still see the lines around them).
"""
from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from tasks.text import line_weight, registered_domain

# a line of this many words (CJK-aware) or more is a paragraph: the article runs from the first
# such line to the last
PARAGRAPH_WORDS = 12
# a section label or tag line above the article is short; a teaser headline below it may be longer
TOP_MAX_WORDS = 8
BOTTOM_MAX_WORDS = 15
# a link to a writer's page is a byline, which stays (so is one whose text is the page's author)
_AUTHOR_PATH = re.compile(
    r"author|autor|auteur|profil|people|person|/users?/|journalist|redakteur|contributor|staff|writer"
    r"|mitarbeiter|/team/", re.I)
# a box of tags, categories or breadcrumbs: the last part of a class name says so
# ("news-info-tag", "article-tags", "entry-categories"), not a prefix ("category-politics",
# "tag-trump": WordPress marks the article element itself that way)
_NAV_BOX_CLASS = re.compile(r"(?:^|[\s_-])(?:tags?|categor(?:y|ies)|breadcrumbs?)(?=\s|$)")
_NAV_BOX_XPATH = ("//*[contains(translate(@class, 'TAGCRB', 'tagcrb'), 'tag') or "
                  "contains(translate(@class, 'CATEGORY', 'category'), 'categor') or "
                  "contains(translate(@class, 'BREADCRUM', 'breadcrum'), 'breadcrumb')]")
NAV_BOX_MAX_WORDS = 12
_LIST_MARK = re.compile(r"^(?:[-*•▪●◦–—]\s+)")
# the extractor breaks a line before and after a link inside a sentence ("tested positive for" /
# "Covid-19" / " died on Monday"): a line whose next line goes on with a space, a small letter
# or a closing mark is a piece of a sentence, not a link of its own
_GOES_ON = re.compile(r"""^(?:\s|[a-zà-ÿа-яё]|[.,;:!?)\]»”’'"])""")
# a post's meta line that runs its date into its category link ("31.01.2016 Hardware",
# "March 3, 2020 | Politics"): the date, then up to TOP_MAX_WORDS words
_DATED = re.compile(
    r"^((?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}\.?\s+\w{3,10}\.?\s+\d{4}"
    r"|\w{3,9}\.?\s+\d{1,2},?\s+\d{4})(?:,?\s+\d{1,2}:\d{2}(?:\s?(?:uhr|[ap]\.?m\.?))?)?)"
    r"\s*[|·•/–-]?\s+(\w.*)$", re.I)


def nav_lines(tree, text: str, url: str | None, title: str | None = None,
              author: str | None = None) -> list[str]:
    """Return the lines of text that are navigation (see the module docstring), stripped; []
    when the body has no paragraph or the page no such texts."""
    if tree is None or not text:
        return []
    lines = text.split("\n")
    weights = [line_weight(x) for x in lines]
    body = [i for i, w in enumerate(weights) if w >= PARAGRAPH_WORDS]
    if not body:
        return []
    # only the short lines above the first and after the last paragraph can be navigation:
    # the page's links are looked up for those texts alone (a page has hundreds of links)
    wanted = {key(x) for i, (x, w) in enumerate(zip(lines, weights))
              if 0 < w <= (TOP_MAX_WORDS if i < body[0] else BOTTOM_MAX_WORDS if i > body[-1] else 0)}
    if not wanted:
        return []
    nav = nav_texts(tree, url, wanted)
    nav -= {key(title or ""), key(author or "")} | headings(tree)
    return [x.strip() for x, f in zip(lines, nav_flags(lines, nav)) if f]


def split_dated_nav(tree, text: str, url: str | None) -> str:
    """Return text with each meta line above the first paragraph that runs a date into a link
    to another page of the site ("31.01.2016 Hardware": the post's category) broken in two:
    the date stays a line of its own (a byline date), the link becomes a line nav_lines finds."""
    if tree is None or not text:
        return text
    lines = text.split("\n")
    weights = [line_weight(x) for x in lines]
    first = next((i for i, w in enumerate(weights) if w >= PARAGRAPH_WORDS), None)
    if first is None:
        return text
    dated = {i: m for i in range(first) if (m := _DATED.match(lines[i].strip()))
             and line_weight(m.group(2)) <= TOP_MAX_WORDS}
    if not dated:
        return text
    nav = nav_texts(tree, url, {key(m.group(2)) for m in dated.values()})
    for i in sorted(dated, reverse=True):
        m = dated[i]
        if key(m.group(2)) in nav:
            lines[i:i + 1] = [m.group(1), m.group(2)]
    return "\n".join(lines)


def nav_flags(lines: list[str], nav: set[str]) -> list[bool]:
    """Return one flag per line: True for a line above the first paragraph (at most
    TOP_MAX_WORDS words) or after the last one (at most BOTTOM_MAX_WORDS) whose text is in
    `nav` (keys, as `key` makes them) and that stands on its own."""
    flags = [False] * len(lines)
    if not nav:
        return flags
    weights = [line_weight(x) for x in lines]
    body = [i for i, w in enumerate(weights) if w >= PARAGRAPH_WORDS]
    if not body:
        return flags
    for i in range(len(lines)):
        limit = TOP_MAX_WORDS if i < body[0] else BOTTOM_MAX_WORDS if i > body[-1] else 0
        if 0 < weights[i] <= limit and key(lines[i]) in nav:
            flags[i] = not (i + 1 < len(lines) and _GOES_ON.match(lines[i + 1]))
    return flags


def nav_texts(tree, url: str | None, wanted: set[str] | None = None) -> set[str]:
    """Return the keys of the texts the page prints as navigation: links to other pages of the
    same site (not to the page itself, nor to a writer's page), and tag, category and
    breadcrumb boxes. wanted: when given, only these keys are looked for (a link with another
    text is passed over before its address is read)."""
    site = registered_domain(url) if url else None
    own = _path(url) if url else None
    out: set[str] = set()
    for a in tree.iter("a"):
        k = key(a.text_content())
        if k and (wanted is None or k in wanted) and _is_nav_link(a, url, site, own):
            out.add(k)
    # a line of several such links joined by a word or a comma ("Digitalisierung und
    # IT-Sicherheit": a post's topic pages): the element holding them, when the links make
    # nearly all of its letters
    if wanted is not None and wanted - out:
        seen = set()
        for a in tree.iter("a"):
            parent = a.getparent()
            if parent is None or len(parent) < 2 or parent in seen:
                continue
            seen.add(parent)
            k = key(parent.text_content())
            if k in wanted and k not in out and _site_links_cover(parent, url, site, own):
                out.add(k)
    # only elements whose class holds one of the words at all (an XPath test, in C) are read
    for el in tree.xpath(_NAV_BOX_XPATH):
        if _NAV_BOX_CLASS.search((el.get("class") or "").lower()):
            t = el.text_content()
            if len(t.split()) <= NAV_BOX_MAX_WORDS and key(t) and (wanted is None or key(t) in wanted):
                out.add(key(t))
    return out


# share of an element's letters that its links to the site's pages must hold to make it a
# line of links
LINKED_SHARE = 0.8


def _site_links_cover(el, url: str | None, site: str | None, own: str | None) -> bool:
    """True when el holds two or more links to other pages of the site (no writer's page) and
    their texts make LINKED_SHARE of its letters."""
    links = [a for a in el.iter("a") if _is_nav_link(a, url, site, own)]
    letters = sum(ch.isalpha() for ch in el.text_content())
    linked = sum(ch.isalpha() for a in links for ch in a.text_content())
    return len(links) >= 2 and letters > 0 and linked >= LINKED_SHARE * letters


def _is_nav_link(a, url: str | None, site: str | None, own: str | None) -> bool:
    """True when link a leads to another page of the site (`own`: this page's path) that is
    not a writer's page; not to another site (a source, a partner), the page itself, a byline."""
    path = site_link_path(a.get("href"), url, site)
    return path is not None and path != own and not _AUTHOR_PATH.search(path)


def site_link_path(href: str | None, url: str | None, site: str | None) -> str | None:
    """Return the path a link leads to when it leads to a page of the page's own site (`site`:
    the registered domain of `url`; relative links always do), else None: no link, an anchor,
    a script or mail link, another site."""
    href = (href or "").strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
        return None
    if href.startswith("/") and not href.startswith("//"):
        return href.split("#", 1)[0].split("?", 1)[0].rstrip("/")   # the site's own, as is
    absolute = "://" in href or href.startswith("//")
    try:
        target = (href if "://" in href else "http:" + href) if absolute else urljoin(url or "", href)
    except ValueError:  # a malformed host in the href
        return None
    internal = registered_domain(target) == site if site else not absolute
    return _path(target) if internal else None


def headings(tree) -> set[str]:
    """Return the keys of the page's <h1> texts: the headline stays, whatever links to it."""
    return {k for k in (key(h.text_content()) for h in tree.iter("h1")) if k}


def key(s: str) -> str:
    """A line's text for comparison: no list mark, spacing squashed, case folded (trailing
    punctuation kept, so the dateline "Bergisch Gladbach -" is not the link "Bergisch Gladbach")."""
    return " ".join(_LIST_MARK.sub("", s.strip()).split()).casefold()


def _path(url: str) -> str:
    """The path of a URL without its trailing slash (query and fragment dropped)."""
    try:
        return urlsplit(url).path.rstrip("/")
    except ValueError:
        return url
