"""Small builders shared by the tests/test_dates_*.py files (no tests here)."""
from __future__ import annotations

from datetime import date, datetime, timezone

import polars as pl

from tasks.dates import collect_evidence, decide_dates

RUN = datetime(2026, 11, 22, 3, 0, tzinfo=timezone.utc)
STR_COLS = ("text", "chrome_text", "url", "meta_url", "meta_fetched_at", "meta_published_at")


def docs_frame(*docs: dict) -> pl.DataFrame:
    """docs frame with every column collect_evidence reads; missing values are null."""
    rows = []
    for i, d in enumerate(docs):
        rows.append({"doc_id": d.get("doc_id", f"d{i}"), "content": d["content"],
                     "is_html": d.get("is_html", False),
                     **{c: d.get(c) for c in STR_COLS}})
    return pl.DataFrame(rows, schema={"doc_id": pl.String, "content": pl.String,
                                      "is_html": pl.Boolean, **{c: pl.String for c in STR_COLS}})


def run(*docs: dict, window: tuple[date, date] | None = None, clusters=None):
    """(decisions, evidence) for the documents."""
    df = docs_frame(*docs)
    ev = collect_evidence(df)
    return decide_dates(ev, df.select("doc_id", "meta_fetched_at"), clusters, RUN, window)


def one(content: str, window=None, **kw) -> dict:
    """The decision row (as a dict) for a single document."""
    dec, _ = run({"content": content, **kw}, window=window)
    assert dec.height == 1
    return dec.row(0, named=True)


def evidence(content: str, **kw) -> pl.DataFrame:
    _, ev = run({"content": content, **kw})
    return ev
