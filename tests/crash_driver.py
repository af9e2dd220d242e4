"""Run news_pipeline once and SIGKILL this process at a chosen point (used by test_crash.py).

    python tests/crash_driver.py POINT INPUT OUT [--reprocess]

POINT is one of
  ingest:N           when the N-th shard starts being read (earlier shards may be done)
  stage:dedupe       when the corpus-wide dedupe starts (every shard read and enriched)
  write:N            half-way through writing the N-th staged table file (a truncated file)
  commit:<point>     at a commit point of tasks/store.py (before_journal, after_journal,
                     put:<i>, deletes_done, after_apply), through the flow's own
                     NEWSFLOW_CRASH_AT hook
A run that reaches the end without being killed exits with status 17.
"""
from __future__ import annotations

import os
import signal
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def kill_on_call(module, name: str, n: int, before=None) -> None:
    """Replace module.name by a wrapper that kills the process on its n-th call."""
    original = getattr(module, name)
    calls = {"n": 0}
    lock = threading.Lock()

    def wrapper(*args, **kwargs):
        with lock:
            calls["n"] += 1
            if calls["n"] == n:
                if before:
                    before(*args, **kwargs)
                die()
        return original(*args, **kwargs)

    setattr(module, name, wrapper)


def half_written(df, path) -> None:
    """Leave a truncated Parquet file where write_parquet_atomic writes its temp file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    df.write_parquet(tmp)
    data = tmp.read_bytes()
    tmp.write_bytes(data[: len(data) // 2])


def arm(point: str) -> None:
    kind, _, arg = point.partition(":")
    if kind == "commit":
        os.environ["NEWSFLOW_CRASH_AT"] = arg
    elif kind == "ingest":
        from tasks import steps

        kill_on_call(steps, "ingest_shard", int(arg))
    elif kind == "stage" and arg == "dedupe":
        from tasks import steps

        kill_on_call(steps, "dedupe_run", 1)
    elif kind == "write":
        from tasks import store

        kill_on_call(store, "write_parquet_atomic", int(arg), before=half_written)
    else:
        raise SystemExit(f"unknown crash point {point!r}")


def main() -> int:
    point, input_dir, output_dir, *rest = sys.argv[1:]
    arm(point)
    from flows.pipeline import news_pipeline

    news_pipeline(input_dir, output_dir, reprocess="--reprocess" in rest)
    return 17


if __name__ == "__main__":
    sys.exit(main())
