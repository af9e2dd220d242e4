"""What a date found in text is about: `context_role(line_before, line_after, block) -> role`.

Roles (CONTRACT.md): publication, republication, retrieval, copyright, citation, link,
sidebar, event, tweet, metadata.  The nearest context word before the date decides, in any
of the corpus languages ("Published 3 May 2020, updated 9 May 2020": the second date is the
update).  Structure (sidebars, trailing page stamps, header lines) is judged in
evidence_text.py, which knows the lines around the date.
"""
from __future__ import annotations

import re

from . import patterns as P

# how far before the date a context word still speaks about it (characters)
NEAR = 48
# how far after the date a context word still speaks about it
AFTER_NEAR = 40
# event words must sit right before the date ("since July 1, 2024")
EVENT_NEAR = 14

_CLOCK = re.compile(r"\b(?:um|at|à|a las|alle|в)?\s*\d{1,2}[:.h]\d\d(?::\d\d)?\s*(?:uhr|h|[ap]\.?m\.?)?",
                    re.IGNORECASE)

_KEYED = (
    ("retrieval", P.RETRIEVAL_WORDS),
    ("republication", P.REPUBLICATION_WORDS),
    ("publication", P.PUBLICATION_WORDS),
    ("publication", P.ORIGINAL_WORDS),     # "updated 4 Jun 2020, originally created 17 Jun 2019"
)


def _last_hit(rx, s: str) -> int:
    """End offset of the last match of rx in s, or -1."""
    end = -1
    for mt in rx.finditer(s):
        end = mt.end()
    return end


def context_role(before: str, after: str, block: str, line_before: str | None = None,
                 granularity: str = "day") -> str | None:
    """Role from the words around a date, or None when the words say nothing.

    Order: a copyright sign on the line; else the nearest of the retrieval / update /
    publication words just before the date ("Accessed January 8, 2026" inside a citation
    is a retrieval); else a citation notice in the block; else an event word right before.

    before: the text before the date (its line, or the lines above when the line starts
    with the date: print-wrapped text); line_before: its own line only;
    after: the rest of the line; block: the date's line plus the lines just above it
    (citation and copyright notices run over several lines).
    """
    # a copyright notice names a year ("© 2009-2025"); a full date on a "© dpa" credit line
    # is the item's own timestamp
    if granularity == "year" and P.COPYRIGHT_WORDS.search((line_before if line_before is not None else before)[-80:]):
        return "copyright"
    near = before[-NEAR:]
    best, best_end = None, -1
    for role, rx in _KEYED:
        end = _last_hit(rx, near)
        if end > best_end:
            best, best_end = role, end
    if best is not None:
        return best
    # verb-final languages put the word after the date: "am 3. Dezember 2011 veröffentlicht"
    # (only up to the next number, which may start the next date: "3.4.2020, updated 5.4.")
    # a time of day may sit between the date and the verb: "am 19. Mai 2010 um 23:03 Uhr gepostet"
    tail = _CLOCK.sub(" ", after[:AFTER_NEAR + 16].split("\n")[0])[:AFTER_NEAR]
    tail = tail[:next((i for i, ch in enumerate(tail) if ch.isdigit()), len(tail))]
    if P.PUBLICATION_WORDS.search(tail) and not P.REPUBLICATION_WORDS.search(tail):
        return "publication"
    if P.CITATION_WORDS.search(block):
        return "citation"
    if P.EVENT_WORDS.search(before[-EVENT_NEAR:]):
        return "event"
    return None


def states_original(before: str, after: str = "") -> bool:
    """True when the words around a date say it is the first publication
    ("initialement publié en avril 2017", "originally published on", "ursprünglich am
    27. Februar 2017 erschienen")."""
    if P.ORIGINAL_WORDS.search(before[-NEAR:]):
        return True
    return bool(P.ORIGINAL_BEFORE_VERB.search(before[-NEAR:]) and P.ORIGINAL_VERB_AFTER.search(after[:AFTER_NEAR]))
