"""Helpers for the production tests (crash, lock, backfill, Dask, serve): corpora, tables, runs.

Not a test module. Tables are compared "minus run identity and clock": the columns that name
the run or the moment of writing are dropped, every other value must be equal.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import polars as pl

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "data" / "sample"
DATA_TABLES = ("articles", "duplicates", "date_evidence", "rejects")
STATE = ("_state/ledger", "_state/signatures")
# Columns that differ between two runs doing the same work: who wrote the row, and when.
VOLATILE = {"run_id", "ingested_at", "rejected_at", "flow_run_id", "started_at", "finished_at",
            "stage_metrics", "parameters", "code_version"}


def copy_sample(dest: Path) -> Path:
    """A private copy of the sample corpus (sub-folders per publisher, a jsonl.gz feed)."""
    shutil.copytree(SAMPLE, dest)
    return dest


def read_table(out: Path, table: str) -> pl.DataFrame:
    """Read a table the way analysts do (polars, hive partitions); empty frame when absent."""
    if not list((out / table).rglob("*.parquet")):
        return pl.DataFrame()
    return pl.scan_parquet(str(out / table / "**" / "*.parquet"), hive_partitioning=True).collect()


def read_table_duckdb(out: Path, table: str) -> int:
    """Read every row of a table with DuckDB; return the row count."""
    if not list((out / table).rglob("*.parquet")):
        return 0
    con = duckdb.connect()
    rows = con.execute(
        f"select * from read_parquet('{out / table}/**/*.parquet', hive_partitioning=true)").fetchall()
    return len(rows)


def assert_tables_read_whole(out: Path) -> dict[str, int]:
    """Every file of every table is complete Parquet, readable by polars and DuckDB; no temp
    or staging files inside a table folder. Returns the row count per table."""
    counts = {}
    for table in (*DATA_TABLES, "runs", *STATE):
        folder = out / table
        if folder.exists():
            stray = [p for p in folder.rglob("*") if p.is_file() and not p.name.endswith(".parquet")]
            assert not stray, f"non-Parquet files inside {table}: {stray}"
            for f in folder.rglob("*.parquet"):
                pl.read_parquet(f)  # raises on a truncated file
        df = read_table(out, table)
        assert read_table_duckdb(out, table) == df.height, table
        counts[table] = df.height
    return counts


def normalised(out: Path, table: str) -> pl.DataFrame:
    """The table minus volatile columns, rows in a canonical order."""
    df = read_table(out, table)
    if df.height == 0:
        return df
    df = df.drop([c for c in df.columns if c in VOLATILE]).select(sorted(c for c in df.columns if c not in VOLATILE))
    keys = [c for c, t in df.schema.items() if not isinstance(t, (pl.List, pl.Struct, pl.Array))]
    return df.sort(keys, nulls_last=True)


def assert_same_tables(out: Path, reference: Path, tables=(*DATA_TABLES, *STATE)) -> None:
    for table in tables:
        got, want = normalised(out, table), normalised(reference, table)
        assert got.columns == want.columns, table
        assert got.equals(want), f"{table} differs from the uninterrupted run's:\n{got}\n{want}"


def runs_accounting_holds(out: Path) -> None:
    runs = read_table(out, "runs")
    for r in runs.iter_rows(named=True):
        assert r["inputs_seen"] == r["inputs_skipped"] + r["articles_new"] + r["duplicates_new"] + r["rejects_new"]


def api_url() -> str:
    """The Prefect API the tests use (the session harness's server), for child processes."""
    from prefect.settings import PREFECT_API_URL

    return PREFECT_API_URL.value()


def child_env(**extra: str) -> dict:
    """Environment for a child process: the test Prefect server, quiet logs, the repo importable."""
    env = dict(os.environ)
    env.update({"PREFECT_API_URL": api_url(), "PREFECT_LOGGING_LEVEL": "WARNING",
                "PYTHONPATH": str(REPO) + os.pathsep + env.get("PYTHONPATH", "")})
    env.pop("NEWSFLOW_CRASH_AT", None)
    env.update(extra)
    return env


def newsflow(*args: str, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run the `newsflow` command line in a child process."""
    return subprocess.run([sys.executable, "-m", "flows.cli", *args], cwd=REPO, env=env or child_env(),
                          capture_output=True, text=True, timeout=timeout)
