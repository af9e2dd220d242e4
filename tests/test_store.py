"""The output store: atomic commits, crash recovery, one writer at a time."""
from __future__ import annotations

import multiprocessing as mp
import os
import time

import polars as pl
import pytest

from tasks.store import CommitPlan, LockBusy, OutputStore


def _articles(ids, month="2020-11"):
    return pl.DataFrame({"doc_id": ids, "text": [f"text {i}" for i in ids], "published_month": [month] * len(ids)})


def _commit(store, run_id, table, rows, drop=None):
    plan = CommitPlan()
    store.plan_table(table, rows, run_id, drop, plan)
    store.commit(plan, run_id)


def test_commit_writes_partitioned_files_outside_staging(tmp_path):
    store = OutputStore(tmp_path)
    _commit(store, "r1", "articles", _articles(["a", "b"]))
    files = store.table_files("articles")
    assert [f.relative_to(tmp_path).as_posix() for f in files] == ["articles/published_month=2020-11/part-r1.parquet"]
    assert not (tmp_path / "_staging" / "r1").exists()
    assert not list((tmp_path / "_journal").glob("*.json"))
    back = pl.scan_parquet(str(tmp_path / "articles/**/*.parquet"), hive_partitioning=True).collect()
    assert sorted(back["doc_id"]) == ["a", "b"] and set(back["published_month"]) == {"2020-11"}


def test_drop_keys_rewrite_old_files_without_doubling(tmp_path):
    store = OutputStore(tmp_path)
    _commit(store, "r1", "articles", _articles(["a", "b"]))
    _commit(store, "r2", "articles", _articles(["b"], "2021-01"), drop={"b"})
    back = store.read_table("articles").sort("doc_id")
    assert back["doc_id"].to_list() == ["a", "b"]
    assert back.filter(pl.col("doc_id") == "b")["published_month"].item() == "2021-01"
    # a file left with no rows is deleted, with its partition folder
    _commit(store, "r3", "articles", None, drop={"a"})
    assert not (tmp_path / "articles/published_month=2020-11").exists()


def test_crash_after_journal_is_rolled_forward(tmp_path):
    store = OutputStore(tmp_path)
    plan = CommitPlan()
    store.plan_table("articles", _articles(["a"]), "r1", None, plan)

    class Crash(Exception):
        pass

    def hook(point):
        if point == "after_journal":
            raise Crash

    with pytest.raises(Crash):
        store.commit(plan, "r1", crash_hook=hook)
    assert store.read_table("articles") is None  # not visible yet
    with store.lock():
        assert store.recover() == ["r1"]
    assert store.read_table("articles")["doc_id"].to_list() == ["a"]


def test_crash_before_journal_leaves_old_tables(tmp_path):
    store = OutputStore(tmp_path)
    _commit(store, "r1", "articles", _articles(["a"]))
    plan = CommitPlan()
    store.plan_table("articles", _articles(["b"]), "r2", {"a"}, plan)

    def hook(point):
        if point == "before_journal":
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        store.commit(plan, "r2", crash_hook=hook)
    with store.lock():
        assert store.recover() == []
    assert store.read_table("articles")["doc_id"].to_list() == ["a"]
    assert not (tmp_path / "_staging").exists()


def _hold_lock(root, ready, release):
    store = OutputStore(root)
    with store.lock(run_id="holder"):
        ready.set()
        release.wait(10)


def test_second_writer_is_refused_then_waits(tmp_path):
    ctx = mp.get_context("fork")
    ready, release = ctx.Event(), ctx.Event()
    p = ctx.Process(target=_hold_lock, args=(str(tmp_path), ready, release))
    p.start()
    assert ready.wait(10)
    store = OutputStore(tmp_path)
    with pytest.raises(LockBusy, match="Another newsflow run"):
        with store.lock(wait_seconds=0):
            pass
    assert "run_id=holder" in store.lock_holder()
    release.set()
    with store.lock(wait_seconds=10):
        pass
    p.join(5)


def test_lock_of_a_killed_process_is_recovered(tmp_path):
    ctx = mp.get_context("fork")
    ready, release = ctx.Event(), ctx.Event()
    p = ctx.Process(target=_hold_lock, args=(str(tmp_path), ready, release))
    p.start()
    assert ready.wait(10)
    os.kill(p.pid, 9)
    p.join(5)
    store = OutputStore(tmp_path)
    t = time.monotonic()
    with store.lock(wait_seconds=0):
        pass
    assert time.monotonic() - t < 1
