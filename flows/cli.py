"""`newsflow`: the command line.

    newsflow run data/sample --out data/out              process what is new in a folder
    newsflow backfill archive/ --out data/out --reprocess process an archive in resumable chunks
    newsflow serve --inbox data/inbox --out data/out     hourly scheduled runs (needs a Prefect server)
    newsflow status --out data/out                       runs, table sizes, lock holder, backfills
    newsflow report --out data/out                       HTML page with charts and the run history

Every command that runs the pipeline goes through Prefect. Without PREFECT_API_URL a temporary
local Prefect server is started for the run (10-25 s); point PREFECT_API_URL at a running
`prefect server start` to skip that and keep the run history in its UI.
"""
from __future__ import annotations

import argparse
import os
import sys
import threading
from pathlib import Path

EXAMPLES = """\
examples:
  newsflow run data/sample --out data/out
      process every new input in data/sample (inputs already done are skipped)
  newsflow run data/inbox --out data/out --wait 600
      wait up to 10 minutes if another run is writing to data/out
  newsflow backfill /archive --out data/out
      process /archive one sub-folder at a time; rerun the same command to resume
  newsflow backfill /archive --out data/out --only 2020/11 2020/12 --reprocess
      recompute two sub-folders after a rule improved; exactly their rows are replaced
  newsflow backfill /archive --out data/out --published-between 2020-01-01..2020-06-30
      only write documents published in the first half of 2020
  PREFECT_API_URL=http://127.0.0.1:4200/api newsflow serve --inbox data/inbox --out data/out
      scheduled runs over an inbox folder (start the server first: prefect server start)
  newsflow report --out data/out && xdg-open data/out/report.html

exit codes: 0 ok, 1 the run failed, 2 bad arguments or input, 3 another run holds the lock,
4 no Prefect server (serve), 130 interrupted.
settings: NEWSFLOW_TASK_RUNNER=thread|dask (or --runner), NEWSFLOW_THREADS, NEWSFLOW_DASK_WORKERS,
NEWSFLOW_DASK_ADDRESS=tcp://host:8786 (join an existing Dask cluster), PREFECT_API_URL.
"""


# ------------------------------------------------------------------------ progress
def _console():
    from rich.console import Console

    return Console(stderr=True)


class RunProgress:
    """A progress bar for one pipeline run, read from the run's work folder as it fills.

    The flow writes one file per shard and stage under `<out>/_staging/<run_id>/work/`; this
    watches the newest such folder from a background thread. It never touches the run.
    """

    STEPS = ("plan", "ingest", "enriched", "clusters.parquet", "decisions.parquet", "commit")

    def __init__(self, progress, out: str | Path, label: str):
        self.progress, self.staging = progress, Path(out).resolve() / "_staging"
        self.before = set(self.staging.glob("*")) if self.staging.exists() else set()
        self.task = progress.add_task(label, total=None, stage="starting")
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(timeout=2)
        total = self.progress.tasks[self.task].total or 1
        self.progress.update(self.task, total=total, completed=total, stage="done" if exc[0] is None else "stopped")

    def _watch(self) -> None:
        while not self._stop.wait(0.5):
            try:
                self._look()
            except OSError:  # the run removed its work folder while we looked: it committed
                pass

    def _look(self) -> None:
        """Update the bar from the newest work folder created since this run started."""
        runs = [p for p in self.staging.glob("*") if p not in self.before] if self.staging.exists() else []
        if not runs:
            return
        work = max(runs, key=lambda p: p.stat().st_mtime) / "work"
        shards = len(list((work / "plan").glob("*.parquet")))
        ingested = len(list((work / "ingest").glob("*.parquet")))
        enriched = len(list((work / "enriched").glob("*.parquet")))
        later = [(work / "clusters.parquet").exists(), (work / "decisions.parquet").exists(),
                 (work.parent / "commit").exists()]
        stage = ("committing" if later[2] else "assembling" if later[1] else "dates" if later[0]
                 else "clean+language+dedupe" if enriched or ingested == shards and shards else "ingest")
        self.progress.update(self.task, total=2 * shards + 3 if shards else None,
                             completed=ingested + enriched + sum(later),
                             stage=f"{stage} ({ingested}/{shards} shards read, {enriched} enriched)")


def _progress_bar():
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                    TextColumn("{task.completed}/{task.total}", style="dim"), TimeElapsedColumn(),
                    TextColumn("{task.fields[stage]}", style="cyan"), console=_console(), transient=False)


def _pipeline(runner: str | None):
    from flows.pipeline import news_pipeline
    from flows.runners import make_task_runner

    return news_pipeline.with_options(task_runner=make_task_runner(runner)) if runner else news_pipeline


class BadArgument(ValueError):
    """An argument the run cannot use (exit code 2)."""


def _check_range(value: str | None) -> None:
    """Reject a malformed FROM..TO date range before anything starts."""
    if not value:
        return
    from datetime import date

    try:
        start, end = (date.fromisoformat(v.strip()) for v in value.split("..", 1))
    except ValueError:
        raise BadArgument(f"{value!r} is not a date range: write it as YYYY-MM-DD..YYYY-MM-DD") from None
    if start > end:
        raise BadArgument(f"{value!r} starts after it ends")


def _fail(msg: str, code: int) -> int:
    print(f"newsflow: {msg}", file=sys.stderr)
    return code


# ------------------------------------------------------------------------ commands
def _cmd_run(args: argparse.Namespace) -> int:
    from tasks.summary import summary_text

    if not Path(args.input).is_dir():
        return _fail(f"input folder {Path(args.input).resolve()} does not exist or is not a folder", 2)
    flow = _pipeline(args.runner)
    kwargs = dict(input_dir=args.input, output_dir=args.out, window=args.window, reprocess=args.reprocess,
                  lock_wait_seconds=args.wait)
    if args.published_between:
        kwargs["published_between"] = args.published_between
    if args.no_progress:
        summary = flow(**kwargs)
    else:
        with _progress_bar() as bar, RunProgress(bar, args.out, f"run {args.input}"):
            summary = flow(**kwargs)
    print(summary_text(summary))
    return 0


def _cmd_backfill(args: argparse.Namespace) -> int:
    from flows import backfill as bf

    if args.files_per_chunk < 0 or (args.max_chunks is not None and args.max_chunks < 1):
        raise BadArgument("--files-per-chunk must be >= 0 and --max-chunks >= 1")
    if not Path(args.input).is_dir():
        return _fail(f"input folder {Path(args.input).resolve()} does not exist or is not a folder", 2)
    kwargs = dict(input_dir=args.input, output_dir=args.out, folders=args.only or None,
                  files_per_chunk=args.files_per_chunk, published_between=args.published_between,
                  reprocess=args.reprocess, window=args.window, name=args.name, restart=args.restart,
                  max_chunks=args.max_chunks, lock_wait_seconds=args.wait, runner=args.runner)
    try:
        result = _backfill_with_progress(bf, kwargs, args) if not args.no_progress else bf.backfill(**kwargs)
    except bf.BackfillMismatch as exc:
        return _fail(f"{exc} (--name NAME or --restart)", 2)
    except bf.BackfillError as exc:
        return _fail(str(exc), 2)
    totals = result["totals"]
    print(f"backfill {result['name']}: {result['done']}/{result['chunks']} chunks done, "
          f"{result['ran']} in this call; record: {result['state_file']}")
    if totals:
        print("  " + ", ".join(f"{k} {v}" for k, v in totals.items()))
    if result["remaining"]:
        print(f"  {result['remaining']} chunks left: run the same command again to continue")
    return 0


def _backfill_with_progress(bf, kwargs: dict, args: argparse.Namespace) -> dict:
    """Run the backfill flow with a bar over chunks and one for the chunk being processed."""
    with _progress_bar() as bar:
        chunks = bar.add_task("backfill", total=None, stage="planning")
        current: dict = {}

        def on_progress(event, chunk, state):
            bar.update(chunks, total=len(state.chunks), completed=state.done,
                       description=f"backfill {state.name}",
                       stage=f"chunk {chunk.key}" if chunk is not None and event == "chunk-start" else "")
            if event == "chunk-start":
                current["watch"] = RunProgress(bar, args.out, f"  chunk {chunk.key}").__enter__()
            elif event == "chunk-done" and "watch" in current:
                current.pop("watch").__exit__(None, None, None)

        bf.set_progress_callback(on_progress)
        try:
            return bf.backfill(**kwargs)
        finally:
            bf.set_progress_callback(None)
            if "watch" in current:
                current.pop("watch").__exit__(RuntimeError, None, None)


def _cmd_serve(args: argparse.Namespace) -> int:
    from flows.deployments import NoServer, serve

    print(f"serving: news-pipeline/inbox-hourly over {Path(args.inbox).resolve()} "
          f"({'every %ss' % args.interval if args.interval else 'cron ' + args.cron}) "
          f"and newsflow-backfill/backfill -> {Path(args.out).resolve()}; Ctrl-C stops (and pauses the schedule)",
          file=sys.stderr)
    try:
        serve(args.inbox, args.out, cron=args.cron, interval=args.interval, limit=args.limit)
    except NoServer as exc:
        return _fail(str(exc), 4)
    return 0


def _cmd_status(args: argparse.Namespace) -> int:
    import polars as pl

    from flows.backfill import list_backfills
    from tasks.store import TABLES, OutputStore

    store = OutputStore(args.out)
    if not store.root.exists():
        print(f"no output at {store.root} yet")
        return 0
    holder = store.lock_holder()
    print(f"output root: {store.root}")
    print(f"lock: {'held by ' + holder if holder else 'free'}")
    pending = sorted(p.stem for p in store.journal_dir.glob("*.json")) if store.journal_dir.exists() else []
    if pending:
        print(f"interrupted commit(s) of {', '.join(pending)}: the next run finishes them")
    for table in TABLES:
        files = store.table_files(table)
        rows = sum(pl.scan_parquet(f).select(pl.len()).collect().item() for f in files)
        print(f"  {table:<14} {rows:>9} rows in {len(files)} files")
    for b in list_backfills(store.root):
        print(f"backfill {b.name}: {b.done}/{len(b.chunks)} chunks done"
              + ("" if b.done == len(b.chunks) else " (rerun the same backfill command to continue)"))
    runs = store.read_table("runs")
    if runs is not None:
        cols = ["run_id", "status", "inputs_seen", "inputs_skipped", "articles_new", "duplicates_new", "rejects_new"]
        with pl.Config(tbl_rows=args.last, tbl_cols=-1, tbl_width_chars=160):
            print(runs.sort("started_at").tail(args.last).select(cols))
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    from tasks.report import write_report

    if not Path(args.out).is_dir():
        return _fail(f"no output at {Path(args.out).resolve()}: run the pipeline first", 2)
    with _console().status("reading the tables and drawing the charts"):
        path = write_report(args.out, args.html)
    print(f"report written to {path}")
    return 0


# ------------------------------------------------------------------------ parser
def _add_run_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", default="data/out", help="output root holding the tables (default: data/out)")
    p.add_argument("--window", metavar="FROM..TO",
                   help="collection window YYYY-MM-DD..YYYY-MM-DD: dates outside it are rejected, "
                        "year-less dates are placed inside it")
    p.add_argument("--published-between", metavar="FROM..TO",
                   help="only write documents whose publication date is in YYYY-MM-DD..YYYY-MM-DD; "
                        "the others are counted as skipped")
    p.add_argument("--reprocess", action="store_true",
                   help="recompute inputs already done and replace exactly their rows in every table")
    p.add_argument("--runner", choices=["thread", "dask"],
                   help="task runner (default: $NEWSFLOW_TASK_RUNNER or thread); dask starts a local "
                        "cluster of $NEWSFLOW_DASK_WORKERS processes or joins $NEWSFLOW_DASK_ADDRESS")
    p.add_argument("--no-progress", action="store_true", help="no progress bar (for logs and cron)")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="newsflow",
        description="Turn scraped news (txt, html, jsonl[.gz]) into clean, deduplicated, dated, "
        "language-tagged Parquet tables (articles, duplicates, date_evidence, rejects, runs). "
        "One run writes to an output root at a time; a run killed half-way leaves every table "
        "whole and the next run finishes its work.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("-v", "--verbose", action="store_true", help="show Prefect's info logs")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = sub.add_parser("run", help="process every new input in a folder (inputs already done are skipped)",
                         description="Process every new input in a folder, walked recursively. Inputs "
                         "already processed (same path and content) are skipped, so running again is cheap.")
    run.add_argument("input", help="input folder, walked recursively")
    _add_run_options(run)
    run.add_argument("--wait", type=float, default=0.0, metavar="SECONDS",
                     help="wait this long for another run's lock instead of refusing at once")
    run.set_defaults(func=_cmd_run)

    bf = sub.add_parser(
        "backfill", help="process an archive in resumable chunks (optionally re-process, or a date range)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Process an archive folder chunk by chunk: by default one chunk per immediate "
        "sub-folder (plus one for files directly inside). Each chunk is one pipeline run that commits "
        "on its own; progress is recorded in <out>/_state/backfills/<name>.json, so running the same "
        "command again after a failure or Ctrl-C resumes with the first unfinished chunk. Paths stay "
        "relative to INPUT, so with --reprocess a document's rows are replaced in place (never doubled).",
        epilog="examples:\n  newsflow backfill /archive --out data/out --reprocess --only 2020/11\n"
               "  newsflow backfill corpus/ --out data/out --files-per-chunk 2 --max-chunks 1   # one slice now",
    )
    bf.add_argument("input", help="the archive's root folder (document paths are taken relative to it)")
    _add_run_options(bf)
    bf.add_argument("--only", nargs="+", metavar="PATH",
                    help="only these sub-folders or files of INPUT (each is one chunk)")
    bf.add_argument("--files-per-chunk", type=int, default=0, metavar="N",
                    help="chunks of N input files instead of one per sub-folder (a .jsonl.gz counts as one file)")
    bf.add_argument("--name", help="the backfill's name (default: derived from the arguments)")
    bf.add_argument("--restart", action="store_true", help="forget this backfill's progress and start over")
    bf.add_argument("--max-chunks", type=int, metavar="N", help="stop after N chunks (continue later)")
    bf.add_argument("--wait", type=float, default=600.0, metavar="SECONDS",
                    help="how long each chunk waits for another run's lock (default 600)")
    bf.set_defaults(func=_cmd_backfill)

    sv = sub.add_parser(
        "serve", help="scheduled runs over an inbox folder, plus an on-demand backfill deployment",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Register two deployments on the Prefect server at PREFECT_API_URL and run their "
        "flow runs until stopped: news-pipeline/inbox-hourly (cron, processes whatever is new in the "
        "inbox) and newsflow-backfill/backfill (no schedule; start it from the UI or with "
        "`prefect deployment run newsflow-backfill/backfill -p input_dir=/archive`).",
        epilog="first start a server:\n  prefect server start --host 127.0.0.1 --port 4200\n"
               "  export PREFECT_API_URL=http://127.0.0.1:4200/api",
    )
    sv.add_argument("--inbox", default="data/inbox", help="folder new pages land in (default: data/inbox)")
    sv.add_argument("--out", default="data/out", help="output root (default: data/out)")
    sv.add_argument("--cron", default="0 * * * *", help='schedule (default "0 * * * *": hourly)')
    sv.add_argument("--interval", type=float, metavar="SECONDS", help="run every SECONDS instead of the cron")
    sv.add_argument("--limit", type=int, help="at most this many flow runs at once in this process")
    sv.set_defaults(func=_cmd_serve)

    status = sub.add_parser("status", help="show runs, table sizes, backfills and who holds the lock")
    status.add_argument("--out", default="data/out")
    status.add_argument("--last", type=int, default=10, help="how many recent runs to list")
    status.set_defaults(func=_cmd_status)

    rp = sub.add_parser("report", help="write an HTML page with charts and the run history",
                        description="Write a self-contained HTML page (no scripts, works offline): articles "
                        "per day by publisher and by language, dates corrected by flag, duplicates per "
                        "cluster size, rejects by reason, and the run history.")
    rp.add_argument("--out", default="data/out", help="output root to report on (default: data/out)")
    rp.add_argument("--html", metavar="FILE", help="where to write the page (default: <out>/report.html)")
    rp.set_defaults(func=_cmd_report)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if not args.verbose:
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    from tasks.store import LockBusy

    try:
        for value in (getattr(args, "window", None), getattr(args, "published_between", None)):
            _check_range(value)
        return args.func(args)
    except LockBusy as exc:
        return _fail(str(exc), 3)
    except (FileNotFoundError, NotADirectoryError, BadArgument) as exc:
        return _fail(str(exc), 2)
    except KeyboardInterrupt:
        return _fail("interrupted; nothing half-written is visible, the next run finishes or redoes the work", 130)
    except Exception as exc:  # noqa: BLE001 - one readable line; the traceback is in Prefect's logs
        return _fail(f"the run failed: {type(exc).__name__}: {exc}", 1)


if __name__ == "__main__":
    sys.exit(main())
