"""The newsflow run: ingest -> clean -> language -> dedupe -> dates -> Parquet, on Prefect.

This module only wires steps (tasks/steps.py, tasks/assemble.py) into Prefect tasks and knows
nothing about text. Tasks take and return paths of staged Parquet plus small counts, never
big frames, and each per-shard task handles thousands of documents (a Prefect task run costs
about 20 ms, so one task per document would cost more than the work).

    from flows.pipeline import news_pipeline
    news_pipeline("data/sample", "data/out")
"""
from __future__ import annotations

import os
import resource
import subprocess
import time
import uuid
from datetime import date, datetime, timezone
from pathlib import Path

import polars as pl
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.runtime import flow_run

from flows.runners import make_task_runner
from tasks import steps
from tasks.assemble import build_tables, plan_commit, runs_row
from tasks.store import OutputStore
from tasks.report import publish_artifacts
from tasks.summary import summary_markdown, summary_text

DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024


# ---------------------------------------------------------------- thin task wrappers
@task(name="plan-shards")
def plan_shards_task(spec: steps.RunSpec) -> list[str]:
    return steps.plan_shards(spec)


@task(name="ingest-shard")
def ingest_shard_task(spec: steps.RunSpec, shard_path: str, ledger_path: str | None) -> dict:
    return steps.ingest_shard(spec, shard_path, ledger_path)


@task(name="learn-chrome")
def learn_chrome_task(spec: steps.RunSpec, ingested: list[dict], stored_stats: str | None) -> dict:
    return steps.learn_site_chrome(spec, ingested, stored_stats)


@task(name="enrich-shard")
def enrich_shard_task(spec: steps.RunSpec, docs_path: str, chrome_path: str) -> dict:
    return steps.enrich_shard(spec, docs_path, chrome_path)


@task(name="dedupe")
def dedupe_task(spec: steps.RunSpec, enriched: list[dict], stored_sigs: str | None, replaced: str | None) -> dict:
    return steps.dedupe_run(spec, enriched, stored_sigs, replaced)


@task(name="dates")
def dates_task(spec: steps.RunSpec, enriched: list[dict], clusters_path: str | None) -> dict:
    return steps.decide_run_dates(spec, enriched, clusters_path)


# ---------------------------------------------------------------------- helpers
def parse_window(window) -> tuple[date, date] | None:
    """Return (start, end) from None, "2020-09-01..2020-12-31", or a pair of dates/ISO strings."""
    if window is None or window == "":
        return None
    if isinstance(window, str):
        if ".." not in window:
            raise ValueError(f"window must look like 2020-09-01..2020-12-31, got {window!r}")
        window = window.split("..", 1)
    start, end = (d if isinstance(d, date) else date.fromisoformat(str(d).strip()) for d in window)
    if start > end:
        raise ValueError(f"window starts after it ends: {start} > {end}")
    return start, end


def code_version() -> str:
    """Return the git commit of the code (with '-dirty'), or the package version outside git."""
    here = Path(__file__).resolve().parent.parent
    try:
        out = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=here, capture_output=True, text=True, timeout=5)
        if out.returncode == 0 and out.stdout.strip():
            return out.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    return "newsflow-0.1.0"


def new_run_id(now: datetime) -> str:
    """Sortable and unique: UTC time plus a random suffix."""
    return now.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]


class StageClock:
    """Wall time, documents and peak RSS per stage, stored in runs.stage_metrics for `make bench`."""

    def __init__(self):
        self.metrics: dict[str, dict] = {}
        self._t = time.perf_counter()

    def done(self, stage: str, docs: int) -> None:
        now = time.perf_counter()
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.metrics[stage] = {"seconds": round(now - self._t, 3), "docs": docs, "peak_rss_mb": round(peak_mb, 1)}
        self._t = now


def _state_file(store: OutputStore, table: str, work: Path, columns: list[str] | None = None) -> str | None:
    """Snapshot a state table into the work folder (one file tasks can read), or None when empty."""
    df = store.read_table(table, columns=columns)
    if df is None or df.height == 0:
        return None
    return steps._write(df, work / "state" / f"{table.replace('/', '_')}.parquet")


# ------------------------------------------------------------------------ the flow
@flow(name="news-pipeline", task_runner=make_task_runner(), log_prints=True)
def news_pipeline(
    input_dir: str = "data/sample",
    output_dir: str = "data/out",
    window: str | list[str] | None = None,
    reprocess: bool = False,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    lock_wait_seconds: float = 0.0,
    published_between: str | list[str] | None = None,
    include: list[str] | None = None,
) -> dict:
    """Process every new input under `input_dir` into the tables under `output_dir`.

    window: collection window "YYYY-MM-DD..YYYY-MM-DD" (dates outside it are rejected, and
    year-less dates are placed inside it). reprocess: recompute inputs already done and
    replace their rows instead of skipping them. published_between "YYYY-MM-DD..YYYY-MM-DD":
    write only documents whose decided publication date falls inside (a backfill over a date
    range); the others are counted as skipped and left for later runs. lock_wait_seconds: how
    long to wait for another run's lock before refusing. include: only these files or
    sub-folders of input_dir (a backfill chunk; doc_ids stay those of the whole folder).
    Returns the run's summary numbers.
    """
    logger = get_run_logger()
    started = datetime.now(timezone.utc)
    run_id = new_run_id(started)
    params = {"input_dir": str(input_dir), "output_dir": str(output_dir), "window": window,
              "reprocess": reprocess, "max_file_bytes": max_file_bytes, "published_between": published_between,
              "include": include}
    between = parse_window(published_between)
    input_root = Path(input_dir)
    if not input_root.is_dir():
        raise FileNotFoundError(f"input folder {input_root.resolve()} does not exist or is not a folder")
    store = OutputStore(output_dir)
    with store.lock(wait_seconds=lock_wait_seconds, run_id=run_id):
        rolled = store.recover()
        if rolled:
            logger.warning("finished interrupted commit(s) of run(s) %s before starting", rolled)
        spec = steps.RunSpec(str(input_root.resolve()), str(store.root), run_id, reprocess,
                             max_file_bytes, started, parse_window(window),
                             tuple(include) if include else None)
        work = spec.work
        clock = StageClock()
        ledger = _state_file(store, "_state/ledger", work, ["doc_id"])
        shard_paths = plan_shards_task(spec)
        ingested = [f.result() for f in ingest_shard_task.map(spec, shard_paths, ledger)]
        seen = sum(r["seen"] for r in ingested)
        skipped = sum(r["skipped"] for r in ingested)
        clock.done("ingest+extract", sum(r["docs_n"] for r in ingested))

        chrome = learn_chrome_task(spec, ingested, _state_file(store, "_state/line_stats", work))
        clock.done("chrome", 0)
        enriched = [f.result() for f in enrich_shard_task.map(spec, [p for r in ingested for p in r["parts"]], chrome["chrome"])]
        n_docs = sum(e["docs_n"] for e in enriched)
        clock.done("clean+language+evidence+signatures", n_docs)

        replaced = None
        if reprocess and ledger:
            processed = steps._read_all([e["docs"] for e in enriched], ["doc_id"])
            rej = steps._read_all([r["rejects"] for r in ingested], ["doc_id"])
            ids = pl.concat([x for x in (processed, rej) if x is not None]) if (processed is not None or rej is not None) else None
            if ids is not None:
                done = pl.read_parquet(ledger)["doc_id"]
                hit = ids.filter(pl.col("doc_id").is_in(done.implode())).unique()
                replaced = steps._write(hit, work / "replaced.parquet") if hit.height else None
        dedupe = dedupe_task(spec, enriched, _state_file(store, "_state/signatures", work), replaced)
        clock.done("dedupe", n_docs)
        dates = dates_task(spec, enriched, dedupe["clusters"])
        clock.done("dates", n_docs)

        reject_paths = [r["rejects"] for r in ingested] + [e["rejects"] for e in enriched] + [dedupe.get("rejects"), dates.get("rejects")]
        tables = build_tables(run_id, started, enriched, reject_paths, dedupe["clusters"], dates["decisions"], dates["evidence"], store, between)
        replaced_ids = set(pl.read_parquet(replaced)["doc_id"].to_list()) if replaced else set()
        # Only documents written now replace their old rows (published_between holds some back).
        replaced_ids &= set(tables.ledger["doc_id"].to_list()) if tables.ledger.height else set()
        clock.done("assemble", n_docs)
        row = runs_row(run_id, _flow_run_id(), started, params, code_version(), seen, skipped, tables, clock.metrics)
        line_stats = pl.read_parquet(chrome["run_stats"]).with_columns(pl.lit(run_id).alias("run_id"))
        plan = plan_commit(store, run_id, tables, row, replaced_ids, line_stats)
        store.commit(plan, run_id, crash_hook=_crash_hook())
        clock.done("commit", n_docs)

    summary = {
        "run_id": run_id,
        "output_dir": str(store.root),
        "inputs_seen": seen,
        "inputs_skipped": int(row["inputs_skipped"][0]),
        "articles_new": tables.articles.height,
        "duplicates_new": tables.duplicates.height,
        "rejects_new": tables.rejects.height,
        "dates_corrected": int(row["dates_corrected"][0]),
        "languages": row["languages"][0],
        "reject_reasons": tables.rejects.group_by("reason").len().sort("reason").rows() if tables.rejects.height else [],
        "stage_metrics": clock.metrics,
    }
    print(summary_text(summary))
    create_markdown_artifact(key="newsflow-run-summary", markdown=summary_markdown(summary),
                             description=f"newsflow run {run_id}")
    try:  # the report's numbers (tasks/report.py) for the whole output root, as table artifacts
        publish_artifacts(store.root)
    except Exception as exc:  # noqa: BLE001 - the run has committed; a chart must not fail it
        logger.warning("could not publish the report artifacts: %s", exc)
    return summary


def _flow_run_id() -> str | None:
    try:
        return str(flow_run.id) if flow_run.id else None
    except Exception:  # noqa: BLE001 - outside a flow run (tests calling .fn)
        return None


def _crash_hook():
    """Test hook: NEWSFLOW_CRASH_AT=<point> kills the process at that commit point (SIGKILL)."""
    point = os.environ.get("NEWSFLOW_CRASH_AT")
    if not point:
        return None

    def hook(at: str) -> None:
        if at == point:
            os.kill(os.getpid(), 9)

    return hook


if __name__ == "__main__":
    import sys

    news_pipeline(*(sys.argv[1:3] or ["data/sample", "data/out"]))
