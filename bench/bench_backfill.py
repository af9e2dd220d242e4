#!/usr/bin/env python3
"""Measure a chunked backfill that is killed half-way and resumed.

    python bench/bench_backfill.py [--docs 100000] [--files-per-chunk 2] [--kill-after 2]

1. Uses (or generates) the corpus `.bench/corpus-N-s1/docs` made by
   `../shared/tools/make_corpus.py --docs N --format jsonl` (jsonl.gz files of 10,000 records).
2. Runs `newsflow backfill DOCS --out .bench/backfill-N --files-per-chunk F` in a child process
   and SIGKILLs it once `--kill-after` chunks are recorded as done (a machine dying mid-run).
3. Runs the same command again: it resumes with the first unfinished chunk, to the end.
4. Prints the wall time and peak RSS (os.wait4 of each child: the largest process of that
   child's tree) of both parts, docs per second, and the final table sizes.

Prefect: with PREFECT_API_URL set the runs go to that server; otherwise each command starts a
temporary local server (about 10-25 s, included in the times).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO / ".bench"
SHARED = REPO.parent / "shared"


def corpus(n: int) -> Path:
    target = BENCH / f"corpus-{n}-s1"
    if not (target / "docs").exists():
        print(f"generating {n} documents into {target} ...", flush=True)
        subprocess.run([sys.executable, str(SHARED / "tools" / "make_corpus.py"), "--bodies",
                        str(SHARED / "eval" / "bodies.jsonl"), "--out", str(target), "--docs", str(n),
                        "--format", "jsonl", "--seed", "1"], check=True)
    return target / "docs"


def state(out: Path) -> dict | None:
    files = list((out / "_state" / "backfills").glob("*.json"))
    return json.loads(files[0].read_text()) if files else None


def run(cmd: list[str], env: dict, out: Path, kill_after: int | None) -> dict:
    """Run the command; SIGKILL it once `kill_after` chunks are done. Return time and peak RSS."""
    t0 = time.perf_counter()
    child = subprocess.Popen(cmd, cwd=REPO, env=env)
    killed = False
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        s = state(out) if kill_after else None
        if s and sum(c["status"] == "done" for c in s["chunks"]) >= kill_after and not killed:
            child.send_signal(signal.SIGKILL)
            killed = True
        time.sleep(0.5)
    return {"seconds": round(time.perf_counter() - t0, 1), "peak_rss_mb": round(usage.ru_maxrss / 1024),
            "exit": os.waitstatus_to_exitcode(status), "killed": killed}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--files-per-chunk", type=int, default=2, help="jsonl.gz files (10k docs each) per chunk")
    ap.add_argument("--kill-after", type=int, default=2, help="SIGKILL the first run after this many chunks")
    args = ap.parse_args()

    docs = corpus(args.docs)
    out = BENCH / f"backfill-{args.docs}"
    shutil.rmtree(out, ignore_errors=True)
    env = dict(os.environ, PREFECT_SERVER_ANALYTICS_ENABLED="false", PREFECT_LOGGING_LEVEL="WARNING",
               PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS="90")
    env.setdefault("PREFECT_HOME", str(BENCH / "prefect-home"))
    cmd = [sys.executable, "-m", "flows.cli", "backfill", str(docs), "--out", str(out),
           "--files-per-chunk", str(args.files_per_chunk), "--no-progress"]

    print(f"backfill of {args.docs} docs in chunks of {args.files_per_chunk} files -> {out}", flush=True)
    first = run(cmd, env, out, args.kill_after)
    s = state(out)
    done_first = sum(c["status"] == "done" for c in s["chunks"])
    print(f"part 1 (killed after {done_first}/{len(s['chunks'])} chunks): {first}", flush=True)
    second = run(cmd, env, out, None)
    s = state(out)
    print(f"part 2 (resume): {second}", flush=True)

    import polars as pl

    sizes = {t: pl.scan_parquet(str(out / t / "**" / "*.parquet"), hive_partitioning=True).select(pl.len()).collect().item()
             for t in ("articles", "duplicates", "date_evidence", "rejects", "runs")}
    total = first["seconds"] + second["seconds"]
    chunks = [{"key": c["key"], "status": c["status"], **c["counts"]} for c in s["chunks"]]
    result = {"docs": args.docs, "chunks": len(s["chunks"]), "killed_after_chunks": done_first,
              "part1": first, "part2": second, "total_seconds": round(total, 1),
              "docs_per_second": round(args.docs / total, 1),
              "peak_rss_mb": max(first["peak_rss_mb"], second["peak_rss_mb"]), "tables": sizes,
              "per_chunk": chunks}
    print(json.dumps(result, indent=1))
    (BENCH / f"backfill-{args.docs}.json").write_text(json.dumps(result, indent=1))
    ok = second["exit"] == 0 and all(c["status"] == "done" for c in s["chunks"])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
