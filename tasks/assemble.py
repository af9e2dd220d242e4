"""Turn a run's staged pieces into the output tables of CONTRACT.md and commit them at once."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import polars as pl

from schemas.check import check_stage
from schemas.output import Articles, DateEvidence, Duplicates, Rejects, Runs
from tasks.rejects import REJECT_SCHEMA
from tasks.store import UNDATED_PARTITION, CommitPlan, OutputStore

# Dates below this confidence do not count as "credible" when choosing a cluster's article.
ARTICLE_COLUMNS = [
    "doc_id", "record_id", "source_uri", "run_id", "article_id", "url", "source_domain", "publisher",
    "title", "author", "text", "language", "language_confidence", "published_date",
    "published_date_source", "date_confidence", "republished_date", "retrieved_date", "date_flags",
    "content_hash", "word_count", "duplicate_count", "ingested_at",
    # beyond the contract
    "cluster_id", "input_kind", "published_month",
]
DUPLICATE_COLUMNS = [
    "doc_id", "record_id", "source_uri", "run_id", "duplicate_of", "match", "similarity", "url", "title",
    "published_date", "retrieved_date",
    # beyond the contract
    "language", "content_hash", "source_domain", "ingested_at",
]
EVIDENCE_COLUMNS = ["doc_id", "run_id", "raw", "value", "granularity", "role", "used_as", "rejected_reason"]
EVIDENCE_EXTRA = ["source", "position", "confidence"]


# Flags that mean a date candidate was set aside (a stamp, or an impossible date): an article
# with one of them counts as "date corrected" in the run summary. Informational flags such as
# no_date_evidence, year_from_window or date_from_cluster do not.
CORRECTION_FLAGS = frozenset({
    "republish_stamp_ignored", "access_date_ignored", "copyright_year_ignored", "citation_year_ignored",
    "sidebar_date_ignored", "future_date_rejected", "link_date_impossible", "outside_window",
    "weekday_mismatch", "before_tweet", "invalid_calendar_date", "displayed_date_differs", "utc_day_not_local",
})


class InvariantError(RuntimeError):
    """The run could not account for every input it saw: nothing is committed."""


@dataclass
class RunTables:
    articles: pl.DataFrame
    duplicates: pl.DataFrame
    date_evidence: pl.DataFrame
    rejects: pl.DataFrame
    ledger: pl.DataFrame
    signatures: pl.DataFrame
    updated_articles: pl.DataFrame  # earlier runs' articles whose duplicate_count grew
    out_of_range: int = 0  # documents left unwritten by a published_between filter (counted as skipped)


def _read(paths: list[str | None], columns: list[str] | None = None) -> pl.DataFrame | None:
    frames = []
    for p in paths:
        if p and Path(p).exists():
            f = pl.read_parquet(p, columns=columns)
            if f.width and f.height:
                frames.append(f)
    return pl.concat(frames, how="diagonal_relaxed") if frames else None


def build_tables(
    run_id: str,
    now: datetime,
    enriched: list[dict],
    reject_paths: list[str | None],
    clusters_path: str | None,
    decisions_path: str | None,
    evidence_path: str | None,
    store: OutputStore,
    published_between: tuple | None = None,
) -> RunTables:
    """Join docs, clusters and date decisions into articles, duplicates, evidence and rejects.

    With `published_between` (a backfill over a publication-date range) documents whose
    decided date falls outside it (or is unknown) are not written and not recorded as done,
    so a later run still picks them up; they count as skipped.
    """
    from tasks.dedupe import choose_kept

    docs = _read([e["docs"] for e in enriched])
    sigs = _read([e["signatures"] for e in enriched])
    rejects = _read(reject_paths)
    rejects = (rejects if rejects is not None else pl.DataFrame(schema=REJECT_SCHEMA)).cast(REJECT_SCHEMA)
    rejects = rejects.with_columns(pl.lit(run_id).alias("run_id"))

    if docs is None or docs.height == 0:
        empty = pl.DataFrame()
        return RunTables(empty, empty, empty, rejects, _ledger(run_id, None, None, rejects), empty, empty)

    decisions = pl.read_parquet(decisions_path)
    clusters = pl.read_parquet(clusters_path)
    docs = (
        docs.join(sigs.select("doc_id", "content_hash"), on="doc_id", how="left")
        .join(decisions, on="doc_id", how="left")
        .join(clusters.select("doc_id", "cluster_id", "match", "similarity", "stored_match"), on="doc_id", how="left")
    )
    out_of_range = 0
    if published_between:
        lo, hi = published_between
        inside = pl.col("published_date").is_between(lo, hi).fill_null(False)
        out_of_range = docs.filter(~inside).height
        docs = docs.filter(inside)
        clusters = clusters.filter(pl.col("doc_id").is_in(docs["doc_id"].implode()))
    facts = docs.select("doc_id", "published_date", "date_confidence", "word_count")
    kept = choose_kept(clusters, facts)
    docs = docs.join(kept, on="doc_id", how="left").with_columns(
        pl.col("kept_doc_id").fill_null(pl.col("doc_id")),
        pl.col("date_flags").fill_null(pl.lit([], dtype=pl.List(pl.String))),
        pl.lit(run_id).alias("run_id"),
        pl.lit(now).dt.replace_time_zone("UTC").dt.cast_time_unit("us").alias("ingested_at"),
    )
    is_article = pl.col("kept_doc_id") == pl.col("doc_id")
    dup_counts = docs.filter(~is_article).group_by("kept_doc_id").len("n").rename({"kept_doc_id": "doc_id"})

    articles = (
        docs.filter(is_article)
        .join(dup_counts, on="doc_id", how="left")
        .with_columns(
            pl.col("doc_id").alias("article_id"),
            pl.col("n").fill_null(0).cast(pl.Int32).alias("duplicate_count"),
            pl.col("word_count").cast(pl.Int32),
            pl.coalesce(pl.col("published_date").dt.strftime("%Y-%m"), pl.lit(UNDATED_PARTITION)).alias("published_month"),
        )
    )
    articles = _select(articles, ARTICLE_COLUMNS).sort("doc_id")

    # Similarity of an exact copy is 1; a near copy carries its verified score.
    duplicates = docs.filter(~is_article).with_columns(
        pl.col("kept_doc_id").alias("duplicate_of"),
        pl.col("match").fill_null("near"),
        pl.when(pl.col("match") == "exact").then(1.0).otherwise(pl.col("similarity")).fill_null(0.0).alias("similarity"),
    )
    duplicates = _select(duplicates, DUPLICATE_COLUMNS).sort("doc_id")

    # Earlier runs' articles that gained copies in this run: re-stated with the new count.
    new_ids = set(docs["doc_id"].to_list())
    stored_hits = dup_counts.filter(~pl.col("doc_id").is_in(pl.Series(list(new_ids), dtype=pl.String).implode()))
    updated = pl.DataFrame()
    if stored_hits.height:
        old = store.read_table("articles")
        if old is not None:
            # Recount, not add: stored copies that this run re-processes are in `n` again.
            stored_dups = store.read_table("duplicates", columns=["doc_id", "duplicate_of"])
            standing = (
                stored_dups.filter(~pl.col("doc_id").is_in(pl.Series(list(new_ids), dtype=pl.String).implode()))
                .group_by("duplicate_of").len("standing").rename({"duplicate_of": "doc_id"})
                if stored_dups is not None else pl.DataFrame(schema={"doc_id": pl.String, "standing": pl.UInt32})
            )
            updated = (
                old.join(stored_hits, on="doc_id", how="inner")
                .join(standing, on="doc_id", how="left")
                .with_columns((pl.col("standing").fill_null(0) + pl.col("n")).cast(pl.Int32).alias("new_count"))
                .filter(pl.col("new_count") != pl.col("duplicate_count"))  # unchanged rows stay in their files
                .with_columns(pl.col("new_count").alias("duplicate_count"))
                .drop("n", "standing", "new_count")
            )

    articles, bad_a = check_stage(articles, Articles, "output:articles")
    duplicates, bad_d = check_stage(duplicates, Duplicates, "output:duplicates")
    rejects = pl.concat([rejects, _stamp(bad_a, run_id), _stamp(bad_d, run_id)], how="diagonal_relaxed")

    evidence = _evidence(evidence_path, run_id)
    kept_ids = pl.concat([articles["doc_id"], duplicates["doc_id"]]).implode()
    evidence = evidence.filter(pl.col("doc_id").is_in(kept_ids)) if evidence.height else evidence
    signatures = sigs.filter(pl.col("doc_id").is_in(articles["doc_id"].implode())).with_columns(pl.lit(run_id).alias("run_id"))
    ledger = _ledger(run_id, articles, duplicates, rejects)
    return RunTables(articles, duplicates, evidence, rejects, ledger, signatures.sort("doc_id"), updated, out_of_range)


def _select(df: pl.DataFrame, cols: list[str]) -> pl.DataFrame:
    return df.select([c for c in cols if c in df.columns])


def _stamp(rejects: pl.DataFrame, run_id: str) -> pl.DataFrame:
    return rejects.with_columns(pl.lit(run_id).alias("run_id"))


def _evidence(path: str | None, run_id: str) -> pl.DataFrame:
    if not path or not Path(path).exists():
        return pl.DataFrame()
    ev = pl.read_parquet(path)
    if ev.height == 0:
        return pl.DataFrame()
    for c, t in (("used_as", pl.String), ("rejected_reason", pl.String)):
        if c not in ev.columns:
            ev = ev.with_columns(pl.lit(None, t).alias(c))
    ev = ev.with_columns(pl.lit(run_id).alias("run_id"))
    ev = ev.select([c for c in EVIDENCE_COLUMNS + EVIDENCE_EXTRA if c in ev.columns])
    ev, _bad = check_stage(ev, DateEvidence, "output:date_evidence")
    return ev.sort("doc_id", "position" if "position" in ev.columns else "raw")


def _ledger(run_id, articles, duplicates, rejects) -> pl.DataFrame:
    parts = []
    for df, outcome in ((articles, "article"), (duplicates, "duplicate"), (rejects, "reject")):
        if df is not None and df.height:
            parts.append(df.select("doc_id", "source_uri", pl.lit(outcome).alias("outcome")))
    if not parts:
        return pl.DataFrame(schema={"doc_id": pl.String, "source_uri": pl.String, "outcome": pl.String, "run_id": pl.String})
    return pl.concat(parts).filter(pl.col("doc_id").is_not_null()).with_columns(pl.lit(run_id).alias("run_id")).sort("doc_id")


def runs_row(
    run_id: str,
    flow_run_id: str | None,
    started_at: datetime,
    parameters: dict,
    code_version: str,
    seen: int,
    skipped: int,
    tables: RunTables,
    stage_metrics: dict,
) -> pl.DataFrame:
    """Return the run's row; raise InvariantError when an input is unaccounted for."""
    arts, dups, rejs = tables.articles.height, tables.duplicates.height, tables.rejects.height
    skipped += tables.out_of_range
    if seen != skipped + arts + dups + rejs:
        raise InvariantError(
            f"run {run_id} saw {seen} inputs but accounts for {skipped + arts + dups + rejs} "
            f"(skipped {skipped} + articles {arts} + duplicates {dups} + rejects {rejs}); nothing was committed"
        )
    utc = timezone.utc
    langs = (
        tables.articles.group_by("language").len().sort("language").rows() if arts else []
    )
    corrected = (
        tables.articles.filter(pl.col("date_flags").list.eval(pl.element().is_in(list(CORRECTION_FLAGS))).list.any()).height
        if arts
        else 0
    )
    row = pl.DataFrame(
        {
            "run_id": [run_id],
            "flow_run_id": [flow_run_id],
            "started_at": [started_at.astimezone(utc)],
            "finished_at": [datetime.now(utc)],
            "status": ["completed"],
            "parameters": [json.dumps(parameters, default=str, sort_keys=True)],
            "code_version": [code_version],
            "inputs_seen": [seen],
            "inputs_skipped": [skipped],
            "articles_new": [arts],
            "duplicates_new": [dups],
            "rejects_new": [rejs],
            "dates_corrected": [corrected],
            "languages": [json.dumps(dict(langs))],
            "stage_metrics": [json.dumps(stage_metrics)],
        }
    ).with_columns(pl.col("started_at", "finished_at").dt.cast_time_unit("us"))
    row, bad = check_stage(row, Runs, "output:runs")
    if bad.height:
        raise InvariantError(f"run {run_id}: the runs row breaks its contract: {bad['reason'].to_list()}")
    return row


def plan_commit(store: OutputStore, run_id: str, tables: RunTables, runs: pl.DataFrame,
                replaced_ids: set[str], line_stats: pl.DataFrame | None) -> CommitPlan:
    """Stage every table's new files and rewrites; return the moves that make them visible."""
    plan = CommitPlan()
    updated_ids = set(tables.updated_articles["doc_id"].to_list()) if tables.updated_articles.height else set()
    articles = tables.articles
    if tables.updated_articles.height:
        articles = pl.concat([articles, _select(tables.updated_articles, articles.columns)], how="diagonal_relaxed")
    # rejected_at is stamped here, once: the moment the rows are written.
    rejects = tables.rejects.with_columns(pl.lit(datetime.now(timezone.utc)).dt.cast_time_unit("us").alias("rejected_at"))
    for table, rows, drop in (
        ("articles", articles, replaced_ids | updated_ids),
        ("duplicates", tables.duplicates, replaced_ids),
        ("date_evidence", tables.date_evidence, replaced_ids),
        ("rejects", rejects, replaced_ids),
        ("_state/ledger", tables.ledger, replaced_ids),
        ("_state/signatures", tables.signatures, replaced_ids),
        ("_state/line_stats", line_stats, None),
        ("runs", runs, None),
    ):
        store.plan_table(table, rows if rows is not None and rows.width else None, run_id, drop, plan)
    return plan
