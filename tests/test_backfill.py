"""Backfills: re-processing a sub-folder replaces exactly its rows; chunked runs resume.

- After a full run over the sample corpus, `backfill --only northcape_wire --reprocess`
  replaces the rows of those documents in every table (same documents, the backfill's run id)
  and leaves every other row, and every file holding none of them, byte-for-byte as it was.
- A backfill over a publication-date range with --reprocess writes only documents published in
  the range and leaves the others' rows alone.
- A chunked backfill killed with SIGKILL half-way (the real command line, in a child process)
  resumes when the same command is run again, and ends with the tables of an uninterrupted
  chunked backfill. `max_chunks` runs a long backfill a slice at a time.
"""
from __future__ import annotations

import hashlib
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import polars as pl
import pytest

from tests.prodkit import (
    DATA_TABLES,
    REPO,
    STATE,
    assert_same_tables,
    assert_tables_read_whole,
    child_env,
    copy_sample,
    read_table,
    runs_accounting_holds,
)

KEYED = (*DATA_TABLES, *STATE)


def _file_digests(out: Path) -> dict[str, str]:
    return {str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
            for t in KEYED for p in sorted((out / t).rglob("*.parquet"))}


def _files_holding(out: Path, doc_ids: set[str]) -> set[str]:
    return {str(p.relative_to(out)) for t in KEYED for p in (out / t).rglob("*.parquet")
            if set(pl.read_parquet(p, columns=["doc_id"])["doc_id"].drop_nulls()) & doc_ids}


def _rows(out: Path, table: str) -> pl.DataFrame:
    df = read_table(out, table)
    return df.sort([c for c, t in df.schema.items() if not isinstance(t, (pl.List, pl.Struct))], nulls_last=True)


@pytest.fixture(scope="module")
def full_run(prefect_harness, tmp_path_factory):
    from flows.pipeline import news_pipeline

    tmp = tmp_path_factory.mktemp("backfill")
    corpus = copy_sample(tmp / "corpus")
    out = tmp / "out"
    news_pipeline(str(corpus), str(out))
    return corpus, out


def test_reprocessing_a_subfolder_replaces_exactly_its_rows(full_run):
    from flows.backfill import backfill

    corpus, out = full_run
    ledger = read_table(out, "_state/ledger")
    target = set(ledger.filter(pl.col("source_uri").str.starts_with("northcape_wire/"))["doc_id"])
    assert len(target) >= 2
    before = {t: _rows(out, t) for t in KEYED}
    untouched_files = set(_file_digests(out)) - _files_holding(out, target)
    digests = _file_digests(out)

    result = backfill(str(corpus), str(out), folders=["northcape_wire"], reprocess=True)
    assert result["done"] == result["chunks"] == 1
    run_id = json.loads(Path(result["state_file"]).read_text())["chunks"][0]["run_id"]

    after_digests = _file_digests(out)
    for f in untouched_files:
        assert after_digests.get(f) == digests[f], f"{f} holds no re-processed row but changed"
    for t in KEYED:
        old, new = before[t], _rows(out, t)
        is_target = pl.col("doc_id").is_in(pl.Series(sorted(target), dtype=pl.String).implode())
        # every other row is exactly as it was, run id and timestamps included
        assert new.filter(~is_target | pl.col("doc_id").is_null()).equals(
            old.filter(~is_target | pl.col("doc_id").is_null())), t
        # the re-processed documents have the same rows, now written by the backfill's run
        assert sorted(new.filter(is_target)["doc_id"]) == sorted(old.filter(is_target)["doc_id"]), t
        assert set(new.filter(is_target)["run_id"]) <= {run_id}, t
    assert_tables_read_whole(out)
    runs_accounting_holds(out)


def test_reprocessing_a_date_range_leaves_other_dates_alone(prefect_harness, tmp_path):
    from flows.backfill import backfill
    from flows.pipeline import news_pipeline

    corpus, out = copy_sample(tmp_path / "corpus"), tmp_path / "out"
    news_pipeline(str(corpus), str(out))
    before = _rows(out, "articles")
    inside = pl.col("published_date").is_between(pl.date(2024, 1, 1), pl.date(2024, 12, 31)).fill_null(False)
    assert before.filter(inside).height >= 2 and before.filter(~inside).height >= 2

    result = backfill(str(corpus), str(out), published_between="2024-01-01..2024-12-31", reprocess=True)
    backfill_runs = {c["run_id"] for c in json.loads(Path(result["state_file"]).read_text())["chunks"]}
    after = _rows(out, "articles")
    assert after.filter(~inside).equals(before.filter(~inside)), "articles outside the range changed"
    assert sorted(after["doc_id"]) == sorted(before["doc_id"]), "articles were lost or doubled"
    # Inside the range: re-written by the backfill (a document whose re-decided date now falls
    # outside the range is not written, and keeps its old row untouched).
    replaced = after.filter(inside & pl.col("run_id").is_in(pl.Series(sorted(backfill_runs)).implode()))
    assert replaced.height >= 2
    kept = after.filter(inside & ~pl.col("doc_id").is_in(replaced["doc_id"].implode()))
    assert kept.equals(before.filter(pl.col("doc_id").is_in(kept["doc_id"].implode())))
    assert_tables_read_whole(out)
    runs_accounting_holds(out)


def test_chunked_backfill_resumes_after_sigkill(prefect_harness, tmp_path):
    from flows.backfill import backfill, load_state

    corpus = copy_sample(tmp_path / "corpus")
    reference, out = tmp_path / "reference", tmp_path / "out"

    # Uninterrupted, a slice at a time: 4 chunks now, the rest later.
    first = backfill(str(corpus), str(reference), max_chunks=4)
    assert first["ran"] == 4 and first["remaining"] == first["chunks"] - 4 > 0
    rest = backfill(str(corpus), str(reference))
    assert rest["ran"] == first["remaining"] and rest["remaining"] == 0

    # The command line, killed once two chunks are recorded, then run again.
    cmd = [sys.executable, "-m", "flows.cli", "backfill", str(corpus), "--out", str(out), "--no-progress"]
    child = subprocess.Popen(cmd, cwd=REPO, env=child_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300
    state = None
    while time.monotonic() < deadline and child.poll() is None:
        files = list((out / "_state" / "backfills").glob("*.json"))
        state = load_state(out, files[0].stem) if files else None
        if state and state.done >= 2:
            break
        time.sleep(0.1)
    assert child.poll() is None, f"the backfill ended before it could be interrupted:\n{child.communicate()[1][-3000:]}"
    child.send_signal(signal.SIGKILL)
    child.communicate()
    assert_tables_read_whole(out)
    assert 2 <= load_state(out, state.name).done < len(state.chunks)

    resumed = subprocess.run(cmd, cwd=REPO, env=child_env(), capture_output=True, text=True, timeout=600)
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    assert f"{len(state.chunks)}/{len(state.chunks)} chunks done" in resumed.stdout
    assert load_state(out, state.name).done == len(state.chunks)
    assert_tables_read_whole(out)
    assert_same_tables(out, reference)
    runs_accounting_holds(out)


def test_plan_chunks_by_subfolder_files_and_selection(tmp_path):
    from flows.backfill import plan_chunks

    for rel in ("a/1.txt", "a/2.txt", "b/c/3.txt", "top.txt", ".hidden/x.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    assert [(c.key, c.include) for c in plan_chunks(tmp_path)] == [
        ("(top-level files)", ["top.txt"]), ("a", ["a"]), ("b", ["b"])]
    assert [c.include for c in plan_chunks(tmp_path, files_per_chunk=2)] == [["a/1.txt", "a/2.txt"], ["b/c/3.txt", "top.txt"]]
    assert [c.include for c in plan_chunks(tmp_path, folders=["b/c", "a"])] == [["b/c"], ["a"]]
    with pytest.raises(ValueError, match="not inside"):
        plan_chunks(tmp_path, folders=["../elsewhere"])
