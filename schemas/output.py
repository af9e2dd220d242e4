"""The output tables of ../shared/CONTRACT.md, in code: analysts, tests and benchmarks rely on them."""
from __future__ import annotations

import dataframely as dy
import polars as pl

from schemas.stages import DOC_ID, ISO_639_1_OR_UND


class _Identity(dy.Schema):
    doc_id = dy.String(nullable=False, regex=DOC_ID)
    record_id = dy.String(nullable=False)
    source_uri = dy.String(nullable=False)
    run_id = dy.String(nullable=False)


class Articles(_Identity):
    article_id = dy.String(nullable=False, regex=DOC_ID)
    url = dy.String(nullable=True)
    source_domain = dy.String(nullable=True)
    publisher = dy.String(nullable=True)
    title = dy.String(nullable=True)
    author = dy.String(nullable=True)
    text = dy.String(nullable=False, min_length=1)
    language = dy.String(nullable=False, regex=ISO_639_1_OR_UND)
    language_confidence = dy.Float64(nullable=False, min=0.0, max=1.0)
    published_date = dy.Date(nullable=True)
    published_date_source = dy.String(nullable=True)
    date_confidence = dy.Float64(nullable=True, min=0.0, max=1.0)
    republished_date = dy.Date(nullable=True)
    retrieved_date = dy.Date(nullable=True)
    date_flags = dy.List(dy.String(nullable=False), nullable=False)
    content_hash = dy.String(nullable=False)
    word_count = dy.Int32(nullable=False, min=1)
    duplicate_count = dy.Int32(nullable=False, min=0)
    ingested_at = dy.Datetime(nullable=False, time_zone="UTC", time_unit="us")

    @dy.rule()
    def article_is_its_doc(cls) -> pl.Expr:
        return pl.col("article_id") == pl.col("doc_id")


class Duplicates(_Identity):
    duplicate_of = dy.String(nullable=False, regex=DOC_ID)
    match = dy.String(nullable=False, regex=r"^(exact|near)$")
    similarity = dy.Float64(nullable=False, min=0.0, max=1.0)
    url = dy.String(nullable=True)
    title = dy.String(nullable=True)
    published_date = dy.Date(nullable=True)
    retrieved_date = dy.Date(nullable=True)


class DateEvidence(dy.Schema):
    doc_id = dy.String(nullable=False, regex=DOC_ID)
    run_id = dy.String(nullable=False)
    raw = dy.String(nullable=False)
    value = dy.Date(nullable=True)  # a year-less date nothing could place
    granularity = dy.String(nullable=False, regex=r"^(day|month|year)$")
    role = dy.String(nullable=False)
    used_as = dy.String(nullable=True, regex=r"^(published|republished|retrieved)$")
    rejected_reason = dy.String(nullable=True)


class Rejects(dy.Schema):
    doc_id = dy.String(nullable=True)
    record_id = dy.String(nullable=True)
    source_uri = dy.String(nullable=False)
    run_id = dy.String(nullable=False)
    stage = dy.String(nullable=False)
    reason = dy.String(nullable=False, min_length=1)
    detail = dy.String(nullable=False, min_length=1)
    raw_sha256 = dy.String(nullable=True)
    raw = dy.Binary(nullable=True)


class Runs(dy.Schema):
    run_id = dy.String(nullable=False)
    flow_run_id = dy.String(nullable=True)
    started_at = dy.Datetime(nullable=False, time_zone="UTC", time_unit="us")
    finished_at = dy.Datetime(nullable=False, time_zone="UTC", time_unit="us")
    status = dy.String(nullable=False)
    parameters = dy.String(nullable=False)
    code_version = dy.String(nullable=False)
    inputs_seen = dy.Int64(nullable=False, min=0)
    inputs_skipped = dy.Int64(nullable=False, min=0)
    articles_new = dy.Int64(nullable=False, min=0)
    duplicates_new = dy.Int64(nullable=False, min=0)
    rejects_new = dy.Int64(nullable=False, min=0)

    @dy.rule()
    def inputs_accounted_for(cls) -> pl.Expr:
        return pl.col("inputs_seen") == (
            pl.col("inputs_skipped") + pl.col("articles_new") + pl.col("duplicates_new") + pl.col("rejects_new")
        )


OUTPUT_SCHEMAS: dict[str, type[dy.Schema]] = {
    "articles": Articles,
    "duplicates": Duplicates,
    "date_evidence": DateEvidence,
    "rejects": Rejects,
    "runs": Runs,
}
