"""`newsflow`: the command line.

    newsflow run data/sample --out data/out           process what is new in a folder
    newsflow status --out data/out                    runs so far, table sizes, lock holder
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def _cmd_run(args: argparse.Namespace) -> int:
    from flows.pipeline import news_pipeline
    from tasks.summary import summary_text
    from tasks.store import LockBusy

    try:
        summary = news_pipeline(
            input_dir=args.input,
            output_dir=args.out,
            window=args.window,
            reprocess=args.reprocess,
            lock_wait_seconds=args.wait,
        )
    except LockBusy as exc:
        print(f"newsflow: {exc}", file=sys.stderr)
        return 3
    except FileNotFoundError as exc:
        print(f"newsflow: {exc}", file=sys.stderr)
        return 2
    print(summary_text(summary))
    return 0


def _cmd_status(args: argparse.Namespace) -> int:
    import polars as pl

    from tasks.store import TABLES, OutputStore

    store = OutputStore(args.out)
    if not store.root.exists():
        print(f"no output at {store.root} yet")
        return 0
    holder = store.lock_holder()
    print(f"output root: {store.root}")
    print(f"lock: {'held by ' + holder if holder else 'free'}")
    for table in TABLES:
        files = store.table_files(table)
        rows = sum(pl.scan_parquet(f).select(pl.len()).collect().item() for f in files)
        print(f"  {table:<14} {rows:>9} rows in {len(files)} files")
    runs = store.read_table("runs")
    if runs is not None:
        cols = ["run_id", "status", "inputs_seen", "inputs_skipped", "articles_new", "duplicates_new", "rejects_new"]
        with pl.Config(tbl_rows=args.last, tbl_cols=-1, tbl_width_chars=160):
            print(runs.sort("started_at").tail(args.last).select(cols))
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="newsflow",
        description="Turn scraped news (txt, html, jsonl[.gz]) into clean, deduplicated, dated, "
        "language-tagged Parquet tables.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = p.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="process every new input in a folder (inputs already done are skipped)")
    run.add_argument("input", help="input folder, walked recursively")
    run.add_argument("--out", default="data/out", help="output root holding the tables (default: data/out)")
    run.add_argument("--window", help="collection window YYYY-MM-DD..YYYY-MM-DD: dates outside it are rejected, "
                     "year-less dates are placed inside it")
    run.add_argument("--reprocess", action="store_true", help="recompute inputs already done and replace their rows")
    run.add_argument("--wait", type=float, default=0.0, metavar="SECONDS",
                     help="wait this long for another run's lock instead of refusing at once")
    run.set_defaults(func=_cmd_run)

    status = sub.add_parser("status", help="show runs, table sizes and who holds the lock")
    status.add_argument("--out", default="data/out")
    status.add_argument("--last", type=int, default=10, help="how many recent runs to list")
    status.set_defaults(func=_cmd_status)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
