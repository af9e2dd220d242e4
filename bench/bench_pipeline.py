#!/usr/bin/env python3
"""Benchmark the whole newsflow pipeline (the Prefect flow) on generated corpora.

    python bench/bench_pipeline.py [--sizes 10000 100000] [--out DIR] [--keep] [--eval]

For each size N it
  1. generates N scraped-looking documents (jsonl.gz shards) with the shared corpus generator
     `../shared/tools/make_corpus.py --bodies ../shared/eval/bodies.jsonl --docs N --format jsonl`,
     cached under `.bench/corpus-N-sS/` (the `.bench/` folder ignores itself for git);
  2. runs `flows.pipeline.news_pipeline(input_dir, output_dir)` through Prefect in a child
     process, on an empty output folder, and measures its wall time and peak RSS (os.wait4);
  3. reads the run's row of the `runs` table (OUT/runs/**/*.parquet): counts, and the per-stage
     timings in `stage_metrics` (JSON {"stage": {"seconds", "peak_rss_mb", "docs"}});
  4. scores dedupe against the generator's labels.csv with ../shared/tools/score_dedupe.py.
     Generated corpora carry no date labels; `--eval` also runs the labelled evaluation sets
     (../shared/eval/dedupe and ../shared/eval/dates/*) and prints their score lines.

Outputs go to `--out` (default `.bench/out`), one folder per corpus, deleted after the report
unless `--keep`. Needs ../shared (the development share); without it the script says so and
exits 0.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = REPO.parent / "shared"
BENCH_DIR = REPO / ".bench"
FLOW_FILE = REPO / "flows" / "pipeline.py"


# --------------------------------------------------------------------------- child mode
def run_child(input_dir: str, output_dir: str) -> int:
    """Runs in the measured child process: import the flow and run it once."""
    sys.path.insert(0, str(REPO))
    t0 = time.perf_counter()
    from flows.pipeline import news_pipeline  # noqa: E402  (import time is part of the run)

    t1 = time.perf_counter()
    news_pipeline(input_dir, output_dir)
    t2 = time.perf_counter()
    print(json.dumps({"bench_import_s": round(t1 - t0, 3), "bench_flow_call_s": round(t2 - t1, 3)}), flush=True)
    return 0


# --------------------------------------------------------------------------- helpers
def say(msg: str = "") -> None:
    print(msg, flush=True)


def ensure_bench_dir() -> None:
    BENCH_DIR.mkdir(exist_ok=True)
    ignore = BENCH_DIR / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# benchmark corpora, outputs and logs: never committed\n*\n")


def file_fingerprint(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()[:16]


def generate_corpus(shared: Path, n: int, seed: int) -> tuple[Path, str]:
    """Return (corpus dir, note). The corpus dir holds docs/ and labels.csv."""
    tool, bodies = shared / "tools" / "make_corpus.py", shared / "eval" / "bodies.jsonl"
    target = BENCH_DIR / f"corpus-{n}-s{seed}"
    stamp = {"docs": n, "seed": seed, "format": "jsonl",
             "bodies": file_fingerprint(bodies), "tool": file_fingerprint(tool)}
    marker = target / "CORPUS.json"
    if marker.exists():
        try:
            if json.loads(marker.read_text()) == stamp:
                return target, "cached"
        except ValueError:
            pass
    if target.exists():
        shutil.rmtree(target)
    t0 = time.perf_counter()
    cmd = [sys.executable, str(tool), "--bodies", str(bodies), "--out", str(target),
           "--docs", str(n), "--format", "jsonl", "--seed", str(seed)]
    res = subprocess.run(cmd, capture_output=True, text=True)
    if res.returncode != 0:
        raise SystemExit(f"bench: make_corpus failed for {n} docs:\n{res.stderr[-2000:]}")
    marker.write_text(json.dumps(stamp))
    return target, f"generated in {time.perf_counter() - t0:.1f}s ({res.stdout.strip()})"


def child_env() -> dict:
    env = dict(os.environ)
    # the same defaults as the Makefile (make exports them; a direct run gets them here)
    env.setdefault("PREFECT_HOME", str(REPO / ".prefect"))
    env.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    env.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "60")
    env.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    env.setdefault("PYTHONHASHSEED", "0")
    env["PYTHONPATH"] = str(REPO) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def run_pipeline(input_dir: Path, output_dir: Path, log_path: Path, timeout: float | None) -> dict:
    """Run the flow in a child process; return wall seconds, peak RSS (MB), exit code."""
    if output_dir.exists():
        shutil.rmtree(output_dir)
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    log_path.parent.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", str(input_dir), str(output_dir)]
    timed_out = threading.Event()
    with open(log_path, "wb") as log:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=REPO, env=child_env(), stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)

        def kill():
            timed_out.set()
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill) if timeout else None
        if timer:
            timer.start()
        try:
            # wait4 gives this child's own rusage (its peak RSS, including children it reaped),
            # unlike RUSAGE_CHILDREN which mixes in every earlier child (make_corpus, scorers).
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            if timer:
                timer.cancel()
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss is in KiB on Linux, bytes on macOS
    rss_mb = usage.ru_maxrss / (1024 * 1024) if sys.platform == "darwin" else usage.ru_maxrss / 1024
    child = {}
    for line in reversed(log_path.read_text(errors="replace").splitlines()):
        if line.startswith('{"bench_import_s"'):
            try:
                child = json.loads(line)
            except ValueError:
                pass
            break
    return {"wall_s": wall, "peak_rss_mb": rss_mb, "rc": proc.returncode, "timed_out": timed_out.is_set(),
            "log": log_path, "child": child}


def read_run_row(output_dir: Path) -> dict | None:
    """The latest row of OUT/runs (one per run; the bench output holds one run)."""
    files = sorted((output_dir / "runs").rglob("*.parquet"))
    if not files:
        return None
    import polars as pl

    df = pl.concat([pl.read_parquet(f) for f in files], how="diagonal_relaxed")
    if "started_at" in df.columns:
        df = df.sort("started_at", nulls_last=False)
    return df.row(-1, named=True)


def reject_reasons(output_dir: Path) -> str:
    if not any((output_dir / "rejects").rglob("*.parquet")):
        return ""
    import polars as pl

    try:
        df = (pl.scan_parquet(str(output_dir / "rejects" / "**" / "*.parquet"), hive_partitioning=True)
              .group_by("reason").len().sort("len", descending=True).collect())
    except Exception as exc:  # noqa: BLE001 - a report line, never a crash
        return f"unreadable ({type(exc).__name__})"
    return ", ".join(f"{r}={n}" for r, n in df.iter_rows())


def parse_stage_metrics(row: dict | None) -> dict:
    if not row or row.get("stage_metrics") in (None, ""):
        return {}
    sm = row["stage_metrics"]
    try:
        return json.loads(sm) if isinstance(sm, str) else dict(sm)
    except (TypeError, ValueError):
        return {}


def run_scorer(script: Path, labels: Path, output_dir: Path) -> str:
    res = subprocess.run([sys.executable, str(script), str(labels), str(output_dir)],
                         capture_output=True, text=True, cwd=REPO)
    lines = [ln for ln in res.stdout.strip().splitlines() if ln.strip()]
    if res.returncode != 0 or not lines:
        err = (res.stderr.strip().splitlines() or ["no output"])[-1]
        return f"scorer failed: {err[:160]}"
    return lines[-1]


def fmt(x, spec):
    width = int("".join(ch for ch in spec.split(".")[0] if ch.isdigit()) or 0)
    return "-".rjust(width) if x is None else format(x, spec)


def count_docs_per_s(docs, seconds):
    return docs / seconds if docs and seconds and seconds > 0 else None


def stage_rows(label: str, n: int, metrics: dict, whole: dict | None, row: dict | None) -> list[tuple]:
    rows = []
    for stage, m in metrics.items():
        m = m or {}
        secs, docs = m.get("seconds"), m.get("docs")
        rows.append((label, stage, secs, docs, count_docs_per_s(docs, secs), m.get("peak_rss_mb")))
    flow_s = None
    if row and row.get("started_at") is not None and row.get("finished_at") is not None:
        try:
            flow_s = (row["finished_at"] - row["started_at"]).total_seconds()
        except TypeError:
            flow_s = None
    if flow_s is not None:
        rows.append((label, "flow (runs row)", flow_s, n, count_docs_per_s(n, flow_s), None))
    if whole is not None:
        child = whole.get("child") or {}
        if child.get("bench_import_s") is not None:
            rows.append((label, "import (python, prefect, flow)", child["bench_import_s"], None, None, None))
        if child.get("bench_flow_call_s") is not None and flow_s is not None:
            rows.append((label, "prefect overhead (call - flow)", child["bench_flow_call_s"] - flow_s, None, None, None))
        rows.append((label, "WHOLE RUN (wall)", whole["wall_s"], n, count_docs_per_s(n, whole["wall_s"]),
                     whole["peak_rss_mb"]))
    return rows


def print_table(rows: list[tuple]) -> None:
    head = ("corpus", "stage", "seconds", "docs", "docs/s", "peak_rss_mb")
    if not rows:
        say("no results to show")
        return
    w = [max([len(head[0])] + [len(str(r[0])) for r in rows]), max([len(head[1])] + [len(str(r[1])) for r in rows])]
    say(f"{head[0]:<{w[0]}}  {head[1]:<{w[1]}}  {head[2]:>9}  {head[3]:>8}  {head[4]:>10}  {head[5]:>11}")
    for r in rows:
        say(f"{r[0]:<{w[0]}}  {r[1]:<{w[1]}}  {fmt(r[2], '9.2f')}  {fmt(r[3], '8d')}  "
            f"{fmt(r[4], '10.1f')}  {fmt(r[5], '11.1f')}")


def counts_line(row: dict | None) -> str:
    if not row:
        return "runs: no runs row found"
    keys = ["status", "inputs_seen", "inputs_skipped", "articles_new", "duplicates_new", "rejects_new"]
    parts = [f"{k}={row.get(k)}" for k in keys if k in row]
    try:
        ok = row["inputs_seen"] == row["inputs_skipped"] + row["articles_new"] + row["duplicates_new"] + row["rejects_new"]
        parts.append("invariant=" + ("ok" if ok else "BROKEN"))
    except (KeyError, TypeError):
        pass
    return "runs: " + " ".join(parts)


def bench_one(label: str, input_dir: Path, output_dir: Path, n: int, args, scores: list[tuple[str, Path, Path]]):
    """Run (unless --report-only) and report one corpus; return table rows."""
    whole = None
    if not args.report_only:
        say(f"[{label}] running news_pipeline({input_dir}, {output_dir}) ...")
        whole = run_pipeline(input_dir, output_dir, BENCH_DIR / "logs" / f"{label}.log", args.timeout)
        if whole["rc"] != 0:
            why = "timed out" if whole["timed_out"] else f"exit code {whole['rc']}"
            say(f"[{label}] pipeline FAILED ({why}) after {whole['wall_s']:.1f}s; last lines of {whole['log']}:")
            tail = Path(whole["log"]).read_text(errors="replace").splitlines()[-25:]
            for ln in tail:
                say("    " + ln)
            return [(label, "FAILED", whole["wall_s"], n, None, whole["peak_rss_mb"])], False
    row = read_run_row(output_dir)
    say(f"[{label}] " + counts_line(row))
    reasons = reject_reasons(output_dir)
    if reasons:
        say(f"[{label}] rejects by reason: {reasons}")
    metrics = parse_stage_metrics(row)
    if not metrics:
        say(f"[{label}] no stage_metrics in the runs table: per-stage lines unavailable")
    for what, script, labels in scores:
        if labels.exists():
            say(f"[{label}] {what}: {run_scorer(script, labels, output_dir)}")
    return stage_rows(label, n, metrics, whole, row), True


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10000, 100000], help="corpus sizes (documents)")
    ap.add_argument("--out", type=Path, default=BENCH_DIR / "out", help="output root; one folder per corpus")
    ap.add_argument("--keep", action="store_true", help="keep the output tables after the report")
    ap.add_argument("--eval", action="store_true",
                    help="also run the labelled sets ../shared/eval/dedupe and ../shared/eval/dates/* and score them")
    ap.add_argument("--seed", type=int, default=1, help="make_corpus seed")
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the development share (default ../shared)")
    ap.add_argument("--timeout", type=float, default=None, help="kill a pipeline run after this many seconds")
    ap.add_argument("--generate-only", action="store_true", help="only generate (and cache) the corpora")
    ap.add_argument("--report-only", action="store_true",
                    help="do not run: report the existing output folders under --out")
    ap.add_argument("--child", nargs=2, metavar=("INPUT_DIR", "OUTPUT_DIR"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.child:
        return run_child(*args.child)

    shared = args.shared.resolve()
    tool, bodies = shared / "tools" / "make_corpus.py", shared / "eval" / "bodies.jsonl"
    if not (tool.is_file() and bodies.is_file()):
        say(f"bench: the development share is not here ({shared}): it needs {tool.relative_to(shared)} and "
            f"{bodies.relative_to(shared)} to generate corpora. Nothing to benchmark; skipping.")
        return 0
    ensure_bench_dir()
    out_root = args.out.resolve()

    import polars as pl  # noqa: F401  (fail early, before long generation, if the venv is wrong)

    try:
        from importlib.metadata import version
        versions = f"prefect {version('prefect')}, polars {version('polars')}"
    except Exception:
        versions = ""
    say(f"newsflow pipeline benchmark: {os.cpu_count()} cores, python {platform.python_version()}, {versions}")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    if load > 0.5 * (os.cpu_count() or 1):
        say(f"warning: load average {load:.1f} on {os.cpu_count()} cores before the start: other work is "
            "running, so times and docs/s will read low")

    corpora = []
    for n in args.sizes:
        cdir, note = generate_corpus(shared, n, args.seed)
        size_mb = sum(p.stat().st_size for p in (cdir / "docs").glob("*")) / 1e6
        say(f"corpus {n}: {cdir} ({size_mb:.1f} MB jsonl.gz, {note})")
        n_docs = sum(1 for _ in open(cdir / "labels.csv")) - 1  # make_corpus may overshoot N by a copy or two
        corpora.append((n_docs, cdir))
    if args.generate_only:
        return 0
    if not FLOW_FILE.exists() and not args.report_only:
        say(f"bench: {FLOW_FILE.relative_to(REPO)} does not exist yet: nothing to run.")
        return 1

    dedupe_scorer, dates_scorer = shared / "tools" / "score_dedupe.py", shared / "tools" / "score_dates.py"
    all_rows, failed = [], False
    for (n, cdir), size in zip(corpora, args.sizes):
        label = f"gen-{size}"
        rows, ok = bench_one(label, cdir / "docs", out_root / label, n, args,
                             [("dedupe", dedupe_scorer, cdir / "labels.csv")])
        if ok:
            say(f"[{label}] dates: no date labels in generated corpora (use --eval for the labelled date sets)")
        all_rows += rows
        failed |= not ok
        if not args.keep and not args.report_only:
            shutil.rmtree(out_root / label, ignore_errors=True)

    if args.eval:
        ev = shared / "eval"
        sets = [("eval-dedupe", ev / "dedupe" / "docs", [("dedupe", dedupe_scorer, ev / "dedupe" / "labels.csv")])]
        for variant in ("html", "html_stamped", "text", "text_stamped"):
            sets.append((f"eval-dates-{variant}", ev / "dates" / variant,
                         [("dates", dates_scorer, ev / "dates" / "labels.csv")]))
        for label, inp, scores in sets:
            if not inp.exists():
                say(f"[{label}] {inp} missing; skipped")
                continue
            n = sum(1 for _ in open(scores[0][2])) - 1
            rows, ok = bench_one(label, inp, out_root / label, n, args, scores)
            all_rows += rows
            failed |= not ok
            if not args.keep and not args.report_only:
                shutil.rmtree(out_root / label, ignore_errors=True)

    say()
    print_table(all_rows)
    say("stage peak_rss_mb: the flow process's peak so far at the end of that stage (ru_maxrss only grows); "
        "WHOLE RUN: wall time and peak RSS of the child process (os.wait4), Prefect start-up included")
    if args.keep or args.report_only:
        say(f"outputs: {out_root}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
