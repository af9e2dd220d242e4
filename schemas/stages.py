"""One contract per stage boundary (dataframely schemas).

Each schema names the columns the *next* stage relies on and the rules a row must meet to be
worth passing on. dataframely was chosen over pandera because `Schema.filter` returns the
valid rows plus, per row, which rule failed: exactly a reject sink (see schemas/check.py);
rules are plain polars expressions.
"""
from __future__ import annotations

import dataframely as dy
import polars as pl

DOC_ID = r"^[0-9a-f]{20}$"
ISO_639_1_OR_UND = r"^([a-z]{2}|und)$"


class IngestedDocs(dy.Schema):
    """After ingest: one decoded input unit per row."""

    doc_id = dy.String(nullable=False, regex=DOC_ID)
    record_id = dy.String(nullable=False)
    source_uri = dy.String(nullable=False, min_length=1)
    input_kind = dy.String(nullable=False, regex=r"^(txt|html|jsonl)$")
    raw_sha256 = dy.String(nullable=False, regex=r"^[0-9a-f]{64}$")
    is_html = dy.Bool(nullable=False)
    content = dy.String(nullable=False)
    meta_url = dy.String(nullable=True)
    meta_fetched_at = dy.String(nullable=True)
    meta_published_at = dy.String(nullable=True)

    @dy.rule()
    def content_not_blank(cls) -> pl.Expr:
        return pl.col("content").str.strip_chars().str.len_chars() > 0


class ExtractedDocs(IngestedDocs):
    """After extract: the page's article text before corpus-wide chrome removal."""

    body_raw = dy.String(nullable=False)
    site = dy.String(nullable=False, min_length=1)


class CleanDocs(ExtractedDocs):
    """After clean: the article as analysts will read it."""

    text = dy.String(nullable=False, min_length=1)
    title = dy.String(nullable=True)
    url = dy.String(nullable=True)
    source_domain = dy.String(nullable=True)
    publisher = dy.String(nullable=True)
    word_count = dy.Int32(nullable=False, min=1)
    chrome_text = dy.String(nullable=False)

    @dy.rule()
    def text_not_blank(cls) -> pl.Expr:
        return pl.col("text").str.strip_chars().str.len_chars() > 0


class LanguageDocs(CleanDocs):
    """After language: every article has a code or 'und'."""

    language = dy.String(nullable=False, regex=ISO_639_1_OR_UND)
    language_confidence = dy.Float64(nullable=False, min=0.0, max=1.0)


class Evidence(dy.Schema):
    """Date evidence of one shard (doc-local, before the decision)."""

    doc_id = dy.String(nullable=False, regex=DOC_ID)
    raw = dy.String(nullable=False)
    value = dy.Date(nullable=True)  # null for a year-less date ("7 November") until a bound places it
    granularity = dy.String(nullable=False, regex=r"^(day|month|year)$")
    role = dy.String(nullable=False, min_length=1)


class Signatures(dy.Schema):
    """Dedupe signatures of one shard."""

    doc_id = dy.String(nullable=False, regex=DOC_ID)
    content_hash = dy.String(nullable=False, min_length=8)


class Clusters(dy.Schema):
    """After dedupe: which article each new document belongs to."""

    doc_id = dy.String(nullable=False, regex=DOC_ID)
    cluster_id = dy.String(nullable=False)
    match = dy.String(nullable=True, regex=r"^(exact|near)$")
    similarity = dy.Float64(nullable=True, min=0.0, max=1.0)


class DateDecisions(dy.Schema):
    """After dates: one decision per document."""

    doc_id = dy.String(nullable=False, regex=DOC_ID)
    published_date = dy.Date(nullable=True)
    published_date_source = dy.String(nullable=True)
    date_confidence = dy.Float64(nullable=True, min=0.0, max=1.0)
    republished_date = dy.Date(nullable=True)
    retrieved_date = dy.Date(nullable=True)
    date_flags = dy.List(dy.String(nullable=False), nullable=False)

    @dy.rule()
    def confidence_with_date(cls) -> pl.Expr:
        return pl.col("published_date").is_null() | pl.col("date_confidence").is_not_null()
