"""What a date found in text is about: `context_role(line_before, line_after, block) -> role`.

Roles (CONTRACT.md): publication, republication, retrieval, copyright, citation, link,
sidebar, event, tweet, metadata.  The nearest context word before the date decides, in any
of the corpus languages ("Published 3 May 2020, updated 9 May 2020": the second date is the
update).  Structure (sidebars, trailing page stamps, header lines) is judged in
evidence_text.py, which knows the lines around the date.
"""
from __future__ import annotations

from . import patterns as P

# how far before the date a context word still speaks about it (characters)
NEAR = 48
# event words must sit right before the date ("since July 1, 2024")
EVENT_NEAR = 14

_KEYED = (
    ("retrieval", P.RETRIEVAL_WORDS),
    ("republication", P.REPUBLICATION_WORDS),
    ("publication", P.PUBLICATION_WORDS),
)


def _last_hit(rx, s: str) -> int:
    """End offset of the last match of rx in s, or -1."""
    end = -1
    for mt in rx.finditer(s):
        end = mt.end()
    return end


def context_role(before: str, after: str, block: str) -> str | None:
    """Role from the words around a date, or None when the words say nothing.

    Order: a copyright sign on the line; else the nearest of the retrieval / update /
    publication words just before the date ("Accessed January 8, 2026" inside a citation
    is a retrieval); else a citation notice in the block; else an event word right before.

    before: the text of the date's line before it (a few previous lines for wrapped text);
    after: the rest of the line; block: the date's line plus the lines just above it
    (citation and copyright notices run over several lines).
    """
    if P.COPYRIGHT_WORDS.search(before[-80:]):
        return "copyright"
    near = before[-NEAR:]
    best, best_end = None, -1
    for role, rx in _KEYED:
        end = _last_hit(rx, near)
        if end > best_end:
            best, best_end = role, end
    if best is not None:
        return best
    if P.CITATION_WORDS.search(block):
        return "citation"
    if P.EVENT_WORDS.search(before[-EVENT_NEAR:]):
        return "event"
    return None
