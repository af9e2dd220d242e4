"""The steps of one run, as plain functions over staged Parquet files.

Each step reads the paths earlier steps wrote under the run's work folder
(`<out>/_staging/<run_id>/work/`, outside every table root), calls the stage functions of
`tasks/`, checks the result against the stage contract in `schemas/stages.py`, and writes its
own outputs there, returning only paths and small counts. `flows/pipeline.py` wraps each step
in a thin Prefect task; tests can call the steps directly.

Per-shard steps (document-local work) run once per shard of a few thousand documents; the
corpus-wide steps (chrome learning, dedupe, date decisions, assembly) read only the small
columns they need from every shard.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import polars as pl

from schemas.check import check_stage
from schemas.stages import (
    CleanDocs,
    Clusters,
    DateDecisions,
    Evidence,
    ExtractedDocs,
    IngestedDocs,
    LanguageDocs,
    Signatures,
)
from tasks.rejects import REJECT_SCHEMA, empty_rejects
from tasks.store import OutputStore

log = logging.getLogger("newsflow")

# A shard holds at most this many input files, or this many bytes of them; a JSONL file is
# never split (its records are read in one pass) and forms a shard of its own.
SHARD_MAX_FILES = 2000
SHARD_MAX_BYTES = 64 * 1024 * 1024
ENRICH_PART_DOCS = 2000


@dataclass(frozen=True)
class RunSpec:
    """What every step needs to know about the run (small, picklable: passed to tasks)."""

    input_dir: str
    output_dir: str
    run_id: str
    reprocess: bool
    max_file_bytes: int
    run_started: datetime
    window: tuple[date, date] | None
    # Only these files or folders, relative to input_dir (a backfill chunk); None = everything.
    # Paths stay relative to input_dir, so doc_ids match those of a run over the whole folder.
    include: tuple[str, ...] | None = None

    @property
    def work(self) -> Path:
        return OutputStore(self.output_dir).staging_dir(self.run_id) / "work"


def _write(df: pl.DataFrame, path: Path) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    df.write_parquet(path, compression="zstd")
    return str(path)


def _read_all(paths: list[str], columns: list[str] | None = None) -> pl.DataFrame | None:
    frames = [pl.read_parquet(p, columns=columns) for p in paths if p]
    frames = [f for f in frames if f.width]
    return pl.concat(frames, how="diagonal_relaxed") if frames else None


# --------------------------------------------------------------------------- plan
def plan_shards(spec: RunSpec) -> list[str]:
    """List the input root and group its files into shards; return one staged file list per shard."""
    from tasks.discover import list_inputs

    files = list_inputs(Path(spec.input_dir), spec.max_file_bytes)
    if spec.include:
        wanted = [p.strip("/") for p in spec.include]
        uri = pl.col("source_uri")
        keep = uri.is_in(pl.Series(wanted, dtype=pl.String).implode())
        for folder in (p for p in wanted if (Path(spec.input_dir) / p).is_dir()):
            keep = keep | uri.str.starts_with(folder + "/")
        files = files.filter(keep)
    shards: list[list[dict]] = []
    current: list[dict] = []
    current_bytes = 0
    for row in files.iter_rows(named=True):
        if row["kind"] in ("jsonl", "jsonl.gz") and row["problem"] is None:
            shards.append([row])
            continue
        if current and (len(current) >= SHARD_MAX_FILES or current_bytes + row["size_bytes"] > SHARD_MAX_BYTES):
            shards.append(current)
            current, current_bytes = [], 0
        current.append(row)
        current_bytes += row["size_bytes"] or 0
    if current:
        shards.append(current)
    out = []
    for i, rows in enumerate(shards):
        out.append(_write(pl.DataFrame(rows, schema=files.schema), spec.work / "plan" / f"shard-{i:05d}.parquet"))
    return out


# -------------------------------------------------------------- per-shard: ingest
def ingest_shard(spec: RunSpec, shard_path: str, ledger_path: str | None) -> dict:
    """Read, decode and extract one shard; drop inputs already done; return paths and counts.

    Returns {"parts" (document files of at most ENRICH_PART_DOCS), "rejects", "line_stats"}
    paths and {"seen", "skipped", "docs_n"} counts.
    """
    from tasks.chrome import line_stats
    from tasks.extract import extract_docs
    from tasks.ingest import read_inputs

    name = Path(shard_path).stem
    files = pl.read_parquet(shard_path)
    docs, rejects = read_inputs(files, spec.max_file_bytes)
    seen = docs.height + rejects.height
    skipped = 0
    if ledger_path and not spec.reprocess:
        done = pl.read_parquet(ledger_path)["doc_id"]
        before = seen
        docs = docs.filter(~pl.col("doc_id").is_in(done.implode()))
        rejects = rejects.filter(pl.col("doc_id").is_null() | ~pl.col("doc_id").is_in(done.implode()))
        skipped = before - docs.height - rejects.height
    docs, bad = check_stage(docs, IngestedDocs, "ingest")
    rejects = pl.concat([rejects.cast(REJECT_SCHEMA), bad])
    if docs.height:
        docs = extract_docs(docs)
    else:
        docs = _empty_extracted(docs)
    docs, bad = check_stage(docs, ExtractedDocs, "extract")
    rejects = pl.concat([rejects, bad])
    # Documents an earlier run already counted (a reprocess) must not count twice in the
    # stored chrome statistics: only first-time documents add to them.
    seen_before = (
        pl.col("doc_id").is_in(pl.read_parquet(ledger_path)["doc_id"].implode())
        if (ledger_path and spec.reprocess) else pl.lit(False)
    )
    docs = docs.with_columns(seen_before.alias("nf_seen_before"))
    fresh = docs.filter(~pl.col("nf_seen_before"))
    stats = line_stats(fresh) if fresh.height else pl.DataFrame(schema={"site": pl.String, "line_key": pl.String, "n_docs": pl.UInt32})
    w = spec.work
    # A JSONL file is read as one shard, but the document-local work after it (clean,
    # language, evidence, signatures) is split into parts of ENRICH_PART_DOCS, so one big
    # file still spreads over every worker.
    parts = [
        _write(docs.slice(i, ENRICH_PART_DOCS), w / "ingest" / f"{name}-{i // ENRICH_PART_DOCS:04d}.parquet")
        for i in range(0, max(docs.height, 1), ENRICH_PART_DOCS)
    ]
    return {
        "parts": parts,
        "rejects": _write(rejects, w / "rejects" / f"ingest-{name}.parquet"),
        "line_stats": _write(stats, w / "line_stats" / f"{name}.parquet"),
        "seen": seen,
        "skipped": skipped,
        "docs_n": docs.height,
    }


def _empty_extracted(docs: pl.DataFrame) -> pl.DataFrame:
    extra = {"body_raw": pl.String, "html_title": pl.String, "html_author": pl.String,
             "html_sitename": pl.String, "html_url": pl.String, "site": pl.String, "nav_lines": pl.String,
             "box_lines": pl.String}
    return docs.with_columns([pl.lit(None, dtype=t).alias(c) for c, t in extra.items()])


# ------------------------------------------------------------ corpus-wide: chrome
def learn_site_chrome(spec: RunSpec, ingested: list[dict], stored_stats_path: str | None) -> dict:
    """Sum recurring-line counts of this run (and earlier runs) per site; return the chrome file.

    Returns {"chrome": path, "run_stats": path}: run_stats are this run's counts, committed
    to `_state/line_stats` so later runs learn from them without re-reading these pages.
    """
    from tasks.chrome import learn_chrome

    stats = _read_all([r["line_stats"] for r in ingested]) 
    sites = _read_all([p for r in ingested for p in r["parts"]], columns=["site", "nf_seen_before"])
    if sites is not None:
        sites = sites.filter(~pl.col("nf_seen_before"))
    if stats is None:
        stats = pl.DataFrame(schema={"site": pl.String, "line_key": pl.String, "n_docs": pl.UInt32})
    per_site = (sites.group_by("site").len("n_docs") if sites is not None
                else pl.DataFrame(schema={"site": pl.String, "n_docs": pl.UInt32}))
    run_stats = pl.concat(
        [
            stats.group_by("site", "line_key").agg(pl.col("n_docs").sum().cast(pl.UInt32)),
            per_site.select("site", pl.lit(None, pl.String).alias("line_key"), pl.col("n_docs").cast(pl.UInt32)),
        ]
    )
    combined = run_stats
    if stored_stats_path:
        stored = pl.read_parquet(stored_stats_path).select("site", "line_key", pl.col("n_docs").cast(pl.UInt32))
        combined = pl.concat([stored, run_stats]).group_by("site", "line_key").agg(pl.col("n_docs").sum())
    line_counts = combined.filter(pl.col("line_key").is_not_null())
    site_counts = combined.filter(pl.col("line_key").is_null()).select("site", "n_docs")
    chrome = learn_chrome(line_counts, site_counts)
    w = spec.work
    return {
        "chrome": _write(chrome, w / "chrome.parquet"),
        "run_stats": _write(run_stats.sort("site", "line_key", nulls_last=True), w / "line_stats_run.parquet"),
    }


# -------------------------------------------------------------- per-shard: enrich
def enrich_shard(spec: RunSpec, docs_path: str, chrome_path: str) -> dict:
    """Clean, detect language, collect date evidence and dedupe signatures for one part."""
    from tasks.clean import clean_docs
    from tasks.dates import collect_evidence
    from tasks.dedupe import compute_signatures
    from tasks.language import detect_language

    name = Path(docs_path).stem
    docs = pl.read_parquet(docs_path)
    chrome = pl.read_parquet(chrome_path)
    rejects = [empty_rejects()]
    if docs.height:
        docs, bad = clean_docs(docs, chrome)
        rejects.append(bad.cast(REJECT_SCHEMA))
    docs, bad = check_stage(_ensure_clean_columns(docs), CleanDocs, "clean")
    rejects.append(bad)
    if docs.height:
        docs = detect_language(docs)
    else:
        docs = docs.with_columns(pl.lit(None, pl.String).alias("language"), pl.lit(None, pl.Float64).alias("language_confidence"))
    docs, bad = check_stage(docs, LanguageDocs, "language")
    rejects.append(bad)
    evidence = collect_evidence(docs) if docs.height else None
    if evidence is not None and evidence.height:
        evidence, bad_ev = check_stage(evidence, Evidence, "date_evidence")
        if bad_ev.height:
            log.warning("dropped %d malformed date candidates in %s", bad_ev.height, name)
    sigs = compute_signatures(docs.select("doc_id", "text", "source_domain")) if docs.height else None
    if sigs is not None:
        sigs, bad = check_stage(sigs, Signatures, "signatures")
        rejects.append(bad)
        docs = docs.filter(pl.col("doc_id").is_in(sigs["doc_id"].implode()))
    w = spec.work
    # The raw page and pre-clean body are no longer needed downstream: keep the files small.
    keep = docs.drop([c for c in ("content", "body_raw", "nav_lines", "box_lines") if c in docs.columns])
    return {
        "docs": _write(keep, w / "enriched" / f"{name}.parquet"),
        "evidence": _write(evidence if evidence is not None else pl.DataFrame(), w / "evidence" / f"{name}.parquet"),
        "signatures": _write(sigs if sigs is not None else pl.DataFrame(), w / "signatures" / f"{name}.parquet"),
        "rejects": _write(pl.concat(rejects), w / "rejects" / f"enrich-{name}.parquet"),
        "docs_n": keep.height,
    }


def _ensure_clean_columns(docs: pl.DataFrame) -> pl.DataFrame:
    """An empty shard still needs the clean columns, so the contract check sees a whole frame."""
    wanted = {"text": pl.String, "title": pl.String, "author": pl.String, "url": pl.String,
              "source_domain": pl.String, "publisher": pl.String, "word_count": pl.Int32, "chrome_text": pl.String}
    missing = [pl.lit(None, dtype=t).alias(c) for c, t in wanted.items() if c not in docs.columns]
    return docs.with_columns(missing) if (missing and docs.height == 0) else docs


# ------------------------------------------------------------ corpus-wide: dedupe
def dedupe_run(spec: RunSpec, enriched: list[dict], stored_sigs_path: str | None, replaced_ids_path: str | None) -> dict:
    """Cluster this run's documents with each other and with earlier runs' articles."""
    from tasks.dedupe import find_duplicates

    new = _read_all([e["signatures"] for e in enriched])
    if new is None or new.height == 0:
        return {"clusters": None, "rejects": None}
    stored = pl.read_parquet(stored_sigs_path) if stored_sigs_path else new.head(0)
    if replaced_ids_path:
        # Inputs being reprocessed must not match their own old signatures.
        replaced = pl.read_parquet(replaced_ids_path)["doc_id"]
        stored = stored.filter(~pl.col("doc_id").is_in(replaced.implode()))
    stored = stored.select([c for c in new.columns if c in stored.columns])
    clusters = find_duplicates(new, stored)
    clusters, bad = check_stage(clusters, Clusters, "dedupe")
    return {
        "clusters": _write(clusters, spec.work / "clusters.parquet"),
        "rejects": _write(bad, spec.work / "rejects" / "dedupe.parquet"),
    }


# ------------------------------------------------------------- corpus-wide: dates
def decide_run_dates(spec: RunSpec, enriched: list[dict], clusters_path: str | None) -> dict:
    """Decide every document's publication date from its evidence (and its cluster's)."""
    from tasks.dates import decide_dates

    evidence = _read_all([e["evidence"] for e in enriched])
    docs = _read_all([e["docs"] for e in enriched], columns=["doc_id", "meta_fetched_at"])
    if docs is None or docs.height == 0:
        return {"decisions": None, "evidence": None, "rejects": None}
    clusters = pl.read_parquet(clusters_path).select("doc_id", "cluster_id") if clusters_path else None
    if evidence is None:
        evidence = pl.DataFrame(schema={"doc_id": pl.String, "raw": pl.String, "value": pl.Date,
                                        "granularity": pl.String, "role": pl.String, "source": pl.String,
                                        "position": pl.Int64, "confidence": pl.Float64})
    decisions, evidence = decide_dates(evidence, docs, clusters, spec.run_started, spec.window)
    decisions, bad = check_stage(decisions, DateDecisions, "dates")
    w = spec.work
    return {
        "decisions": _write(decisions, w / "decisions.parquet"),
        "evidence": _write(evidence, w / "evidence_decided.parquet"),
        "rejects": _write(bad, w / "rejects" / "dates.parquet"),
    }
