"""The reject sink: inputs (or rows) that could not become articles, and why.

Every stage that drops something hands it here instead, so nothing is lost: the runs row
checks that every input seen ends as an article, a duplicate or a reject.
"""
from __future__ import annotations

import polars as pl

# Raw bytes are kept in the rejects table when at most this large, so a reject can be
# inspected (or re-fed) even after the input folder has been cleaned.
MAX_KEPT_RAW_BYTES = 256 * 1024

REJECT_SCHEMA = pl.Schema(
    {
        "doc_id": pl.String,
        "record_id": pl.String,
        "source_uri": pl.String,
        "stage": pl.String,
        "reason": pl.String,
        "detail": pl.String,
        "raw_sha256": pl.String,
        "raw": pl.Binary,
    }
)
REJECT_COLUMNS = list(REJECT_SCHEMA.names())


def make_rejects(rows: list[dict]) -> pl.DataFrame:
    """Return a rejects frame from dicts with REJECT_COLUMNS keys (missing keys become null).

    `raw` is dropped (set null) when larger than MAX_KEPT_RAW_BYTES; `raw` given as str is
    stored as its UTF-8 bytes.
    """
    clean = []
    for row in rows:
        r = {c: row.get(c) for c in REJECT_COLUMNS}
        raw = r["raw"]
        if isinstance(raw, str):
            raw = raw.encode("utf-8", "surrogateescape")
        if raw is not None and len(raw) > MAX_KEPT_RAW_BYTES:
            raw = None
        r["raw"] = raw
        clean.append(r)
    return pl.DataFrame(clean, schema=REJECT_SCHEMA)


def empty_rejects() -> pl.DataFrame:
    """Return an empty rejects frame with the canonical schema."""
    return pl.DataFrame(schema=REJECT_SCHEMA)


def rejects_from_frame(df: pl.DataFrame, stage: str, reason: pl.Expr | str, detail: pl.Expr | str) -> pl.DataFrame:
    """Return rejects for every row of a document frame (doc_id, record_id, source_uri, raw_sha256).

    Used by stages that drop whole documents (e.g. no article text left after cleaning). The
    row's `content` (when present) is kept as `raw` if small enough.
    """
    to_expr = lambda v: v if isinstance(v, pl.Expr) else pl.lit(v)
    raw = pl.col("content").cast(pl.Binary) if "content" in df.columns else pl.lit(None, dtype=pl.Binary)
    col = lambda c: pl.col(c).cast(pl.String) if c in df.columns else pl.lit(None, pl.String).alias(c)
    # int_range ties the literal columns to the frame's height (a select of literals alone
    # would make one row even from an empty frame).
    out = df.select(
        pl.int_range(pl.len()).alias("_n"),
        col("doc_id"),
        col("record_id"),
        col("source_uri"),
        pl.lit(stage).alias("stage"),
        to_expr(reason).cast(pl.String).alias("reason"),
        to_expr(detail).cast(pl.String).alias("detail"),
        col("raw_sha256"),
        raw.alias("raw"),
    ).drop("_n")
    return out.with_columns(
        pl.when(pl.col("raw").bin.size() <= MAX_KEPT_RAW_BYTES).then(pl.col("raw")).otherwise(None).alias("raw")
    ).cast(REJECT_SCHEMA)  # type: ignore[arg-type]
