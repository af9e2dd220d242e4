"""collect_evidence(docs) -> one row per date candidate (see INTERFACES.md, "dates")."""
from __future__ import annotations

import polars as pl

from .evidence_html import html_evidence, parse_iso, strip_modified_meta
from .evidence_text import text_evidence
from .scan import scan_url

EVIDENCE_SCHEMA = {
    "doc_id": pl.String,
    "raw": pl.String,
    "value": pl.Date,            # null for year-less dates and impossible calendar dates
    "granularity": pl.String,    # day | month | year
    "role": pl.String,
    "source": pl.String,         # metadata | url | meta_tag | json_ld | time_tag | byline | text
    "position": pl.Int64,        # offset in the scanned string (content, or rendered HTML text)
    "confidence": pl.Float64,
    "month": pl.Int8,            # kept for year-less dates ("7 November")
    "day": pl.Int8,
    "weekday": pl.Int8,          # weekday written next to the date, Monday=0
    "zone": pl.String,           # markup | url | meta | head | body | tail | text
    "context": pl.String,        # the words around the date, for people reading the table
    "note": pl.String,           # a rejection known at collection time (invalid_calendar_date)
}


def _meta_rows(doc: dict, own_urls: list[str]) -> list[dict]:
    """Evidence from the record's metadata and from the page's own URL."""
    rows = []
    pub = doc.get("meta_published_at")
    if pub:
        f = parse_iso(pub)
        if f:
            rows.append(_plain(f, "publication", "metadata", 0.95, "meta", pub))
    fetched = doc.get("meta_fetched_at")
    if fetched:
        f = parse_iso(fetched)
        if f:
            rows.append(_plain(f, "retrieval", "metadata", 0.95, "meta", fetched))
    seen = set()
    for u in [doc.get("url"), doc.get("meta_url"), *own_urls]:
        if not u or u in seen:
            continue
        seen.add(u)
        f = scan_url(u)
        if f:
            conf = 0.7 if f.granularity == "day" else 0.2
            rows.append(_plain(f, "publication", "url", conf, "url", u))
            break  # one own URL is enough; the others are usually the same address
    return rows


def _plain(f, role, source, conf, zone, context) -> dict:
    return {"raw": f.raw, "value": f.value, "granularity": f.granularity, "role": role,
            "source": source, "position": -1, "confidence": conf, "month": f.month,
            "day": f.day, "weekday": None, "zone": zone, "context": str(context)[:160],
            "note": "invalid_calendar_date" if f.invalid else None}


# a publication candidate this strong makes the htmldate fallback unnecessary
STRONG = 0.7


def evidence_for_doc(doc: dict) -> list[dict]:
    """All evidence rows of one document (a dict with the docs columns)."""
    content = doc.get("content") or ""
    hint = doc.get("text")
    if doc.get("is_html"):
        rows, own = html_evidence(content, hint, doc.get("url") or doc.get("meta_url"))
    else:
        rows, own = text_evidence(content, hint if hint != content else None, page_stamps=True), []
    rows.extend(_meta_rows(doc, own))
    if doc.get("is_html") and not any(
            r["role"] == "publication" and r["confidence"] >= STRONG and r["value"] is not None
            for r in rows):
        rows.extend(htmldate_rows(content))
    return rows


def htmldate_rows(html: str) -> list[dict]:
    """htmldate's answer as one more, modest, candidate (source 'htmldate').

    Run only for pages without strong markup evidence (it parses the page: ~10-20 ms), it
    finds dates in places our scan does not read (script calls, image names, attributes).
    Its answer is weighed like any other candidate, and decide.py drops it when it is one
    of the page's stamps (a modified time, a sidebar date).
    """
    try:
        from htmldate import find_date
        # htmldate falls back on modified-time tags ("reserve"); we never want those as the
        # original date, so they are cut out of the copy it reads
        found = find_date(strip_modified_meta(html), extensive_search=True, original_date=True,
                          outputformat="%Y-%m-%d")
    except Exception:  # htmldate raises on some malformed pages; it is only a fallback
        return []
    f = parse_iso(found) if found else None
    if f is None:
        return []
    # htmldate pads what it found: a month ("/2018/08/") becomes the 1st, a year
    # (often the copyright year) January 1st.  Read those as the month or year they are.
    gran = "year" if (f.month, f.day) == (1, 1) else "month" if f.day == 1 else "day"
    row = _plain(f, "publication", "htmldate", 0.4, "markup", "htmldate.find_date")
    row["granularity"] = gran
    return [row]


def collect_evidence(docs: pl.DataFrame) -> pl.DataFrame:
    """One row per date candidate of every document (columns: EVIDENCE_SCHEMA)."""
    want = ["doc_id", "content", "is_html", "text", "chrome_text", "url", "meta_url",
            "meta_fetched_at", "meta_published_at"]
    cols = [c for c in want if c in docs.columns]
    out: list[dict] = []
    for doc in docs.select(cols).iter_rows(named=True):
        for r in evidence_for_doc(doc):
            r["doc_id"] = doc["doc_id"]
            out.append(r)
    if not out:
        return pl.DataFrame(schema=EVIDENCE_SCHEMA)
    return pl.DataFrame(out, schema=EVIDENCE_SCHEMA, strict=False)
