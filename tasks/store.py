"""The output root: Parquet tables, run state, one writer at a time, and atomic commits.

Layout under the output root (default `data/out/`):

    articles/published_month=2020-11/part-<run_id>.parquet   analysts' tables (CONTRACT.md)
    articles/published_month=undated/part-<run_id>.parquet
    duplicates/part-<run_id>.parquet, date_evidence/..., rejects/..., runs/...
    _state/ledger/      which inputs are done (doc_id, outcome, run)   } read by later runs,
    _state/signatures/  dedupe signatures of kept articles              } never by analysts
    _state/line_stats/  recurring-line counts per site (chrome learning)}
    _staging/<run_id>/  work files and files about to be committed (outside every table root)
    _journal/<run_id>.json  the commit record (see `commit`)
    .lock               held with fcntl.flock by the one writing run

A commit is: stage every new or rewritten file under `_staging/`, write the list of moves to
`_journal/<run_id>.json` (atomic rename: this is the commit point), apply the moves with
`os.replace`, delete the journal. Every file a reader can see is always whole (each move is
an atomic rename of a complete file). A crash before the journal exists leaves the old tables
(the staging folder is swept at the next start); a crash after it is rolled forward by the next
writer (`recover`), so a commit either happens whole or not at all.
"""
from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import socket
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import polars as pl
import pyarrow.parquet as pq

TABLES = ("articles", "duplicates", "date_evidence", "rejects", "runs")
STATE_TABLES = ("_state/ledger", "_state/signatures", "_state/line_stats")
PARTITIONED = {"articles": "published_month"}
UNDATED_PARTITION = "undated"

# The column naming the input a row belongs to, per table: reprocessing an input removes
# exactly the rows with its doc_id from every table.
KEY_COLUMN = {
    "articles": "doc_id",
    "duplicates": "doc_id",
    "date_evidence": "doc_id",
    "rejects": "doc_id",
    "_state/ledger": "doc_id",
    "_state/signatures": "doc_id",
}


class LockBusy(RuntimeError):
    """Another run holds the output root's lock."""


class TableReadError(RuntimeError):
    """A table file could not be read (it should never happen: writes are atomic)."""


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_parquet_atomic(df: pl.DataFrame, path: Path) -> None:
    """Write `df` to `path` so that `path` is either absent/old or complete (tmp + fsync + rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    df.write_parquet(tmp, compression="zstd", statistics=True)
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, path)


@dataclass
class CommitPlan:
    """Files to move into table roots and files to delete, applied in that order."""

    puts: list[tuple[str, str]] = field(default_factory=list)  # (staged path, final path), relative to root
    deletes: list[str] = field(default_factory=list)  # final paths, relative to root

    def to_json(self) -> str:
        return json.dumps({"puts": self.puts, "deletes": self.deletes}, indent=1)

    @classmethod
    def from_json(cls, text: str) -> "CommitPlan":
        d = json.loads(text)
        return cls(puts=[tuple(p) for p in d["puts"]], deletes=list(d["deletes"]))


class OutputStore:
    """The tables and state of one output root. Only a holder of `lock()` may write."""

    def __init__(self, root: Path | str):
        self.root = Path(root).resolve()
        self.lock_path = self.root / ".lock"
        self.journal_dir = self.root / "_journal"
        self.staging_root = self.root / "_staging"

    # ----------------------------------------------------------------- locking
    @contextlib.contextmanager
    def lock(self, wait_seconds: float = 0.0, run_id: str = ""):
        """Hold the exclusive writer lock; wait up to `wait_seconds`, else raise LockBusy.

        fcntl.flock is released by the kernel when the holding process dies, so a lock left by
        a killed run never blocks the next one; the file's text only says who held it last.
        """
        self.root.mkdir(parents=True, exist_ok=True)
        fh = open(self.lock_path, "a+")
        deadline = time.monotonic() + max(wait_seconds, 0.0)
        while True:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    fh.seek(0)
                    holder = fh.read().strip() or "unknown"
                    fh.close()
                    raise LockBusy(
                        f"Another newsflow run is writing to {self.root} ({holder}). "
                        f"Wait for it to finish, or start this run with a lock wait "
                        f"(--wait SECONDS / lock_wait_seconds=...)."
                    ) from None
                time.sleep(0.2)
        try:
            fh.seek(0)
            fh.truncate()
            fh.write(
                f"pid={os.getpid()} host={socket.gethostname()} run_id={run_id} "
                f"since={datetime.now(timezone.utc).isoformat(timespec='seconds')}\n"
            )
            fh.flush()
            yield self
        finally:
            with contextlib.suppress(OSError):
                fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
            fh.close()

    def lock_holder(self) -> str | None:
        """Return who holds the lock now (its recorded text), or None when it is free."""
        if not self.lock_path.exists():
            return None
        with open(self.lock_path, "a+") as fh:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                fh.seek(0)
                return fh.read().strip() or "unknown"
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
            return None

    # ---------------------------------------------------------------- recovery
    def recover(self) -> list[str]:
        """Finish commits a crash interrupted and sweep uncommitted staging. Needs the lock.

        Returns the run_ids whose commits were rolled forward.
        """
        rolled = []
        if self.journal_dir.exists():
            for journal in sorted(self.journal_dir.glob("*.json")):
                self._apply(CommitPlan.from_json(journal.read_text()))
                journal.unlink()
                rolled.append(journal.stem)
            _fsync_dir(self.journal_dir)
        if self.staging_root.exists():
            shutil.rmtree(self.staging_root, ignore_errors=True)
        # Stray temp files of an interrupted write_parquet_atomic.
        for table in (*TABLES, *STATE_TABLES):
            tdir = self.root / table
            if tdir.exists():
                for tmp in tdir.rglob(".*.tmp-*"):
                    tmp.unlink(missing_ok=True)
        return rolled

    # ------------------------------------------------------------------ reading
    def table_files(self, table: str) -> list[Path]:
        """Return the committed Parquet files of a table, sorted."""
        tdir = self.root / table
        if not tdir.exists():
            return []
        return sorted(p for p in tdir.rglob("*.parquet") if not p.name.startswith("."))

    def read_table(self, table: str, columns: list[str] | None = None) -> pl.DataFrame | None:
        """Return a table's rows (partition column included for articles), or None when empty."""
        files = self.table_files(table)
        if not files:
            return None
        frames = [self._read_file(table, f, columns) for f in files]
        return pl.concat(frames, how="diagonal_relaxed")

    def _read_file(self, table: str, f: Path, columns: list[str] | None = None) -> pl.DataFrame:
        try:
            df = pl.read_parquet(f, columns=columns)
        except Exception as exc:  # noqa: BLE001 - name the file in the error
            raise TableReadError(f"cannot read {f}: {exc}") from exc
        part = PARTITIONED.get(table)
        if part and columns is None:
            value = f.parent.name.split("=", 1)[1] if "=" in f.parent.name else None
            df = df.with_columns(pl.lit(value, pl.String).alias(part))
        return df

    # ------------------------------------------------------------------ writing
    def staging_dir(self, run_id: str) -> Path:
        """Return (and create) this run's staging folder, outside every table root."""
        d = self.staging_root / run_id
        d.mkdir(parents=True, exist_ok=True)
        return d

    def plan_table(
        self,
        table: str,
        new_rows: pl.DataFrame | None,
        run_id: str,
        drop_keys: set[str] | None,
        plan: CommitPlan,
    ) -> None:
        """Stage this run's rows of `table`, and rewrites of old files that hold `drop_keys`.

        New rows go to `part-<run_id>.parquet` (one per partition for partitioned tables);
        an old file holding a dropped key is rewritten without those rows (or deleted when
        nothing is left), under the same name, so a re-run never doubles rows.
        """
        stage = self.staging_dir(run_id) / "commit"
        key = KEY_COLUMN.get(table)
        part = PARTITIONED.get(table)
        groups: dict = {}
        if new_rows is not None and new_rows.height:
            if part:
                for value, rows in new_rows.partition_by(part, as_dict=True, maintain_order=True).items():
                    groups[value[0] if isinstance(value, tuple) else value] = rows.drop(part)
            else:
                groups[None] = new_rows

        def stage_file(rel: Path, rows: pl.DataFrame) -> None:
            staged = stage / rel
            write_parquet_atomic(rows.sort(key) if key in rows.columns else rows, staged)
            plan.puts.append((str(staged.relative_to(self.root)), str(rel)))

        if drop_keys and key:
            drop = pl.Series(key, sorted(drop_keys), dtype=pl.String)
            for f in self.table_files(table):
                keys = pl.read_parquet(f, columns=[key])[key]
                if not keys.is_in(drop.implode()).any():
                    continue
                rel = f.relative_to(self.root)
                kept = pl.read_parquet(f).filter(~pl.col(key).is_in(drop.implode()))
                # Re-processed rows that stay in this file's partition go into the rewritten
                # file itself: old rows and their replacements swap in one atomic rename.
                value = f.parent.name.split("=", 1)[1] if part and "=" in f.parent.name else None
                if value in groups:
                    kept = pl.concat([kept, groups.pop(value)], how="diagonal_relaxed")
                if kept.height == 0:
                    plan.deletes.append(str(rel))
                else:
                    stage_file(rel, kept)
        for value, rows in sorted(groups.items(), key=lambda kv: str(kv[0])):
            sub = Path(table) / (f"{part}={value}" if part else "")
            stage_file(sub / f"part-{run_id}.parquet", rows)

    def commit(self, plan: CommitPlan, run_id: str, crash_hook=None) -> None:
        """Make a staged plan visible: journal (the commit point), moves, journal removal.

        `crash_hook(point)` is called between steps; tests use it to kill the process there.
        """
        hook = crash_hook or (lambda point: None)
        self.journal_dir.mkdir(parents=True, exist_ok=True)
        tmp = self.journal_dir / f".{run_id}.json.tmp"
        tmp.write_text(plan.to_json())
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        hook("before_journal")
        os.replace(tmp, self.journal_dir / f"{run_id}.json")
        _fsync_dir(self.journal_dir)
        hook("after_journal")
        self._apply(plan, hook)
        (self.journal_dir / f"{run_id}.json").unlink()
        _fsync_dir(self.journal_dir)
        hook("after_apply")
        shutil.rmtree(self.staging_root / run_id, ignore_errors=True)
        with contextlib.suppress(OSError):
            self.staging_root.rmdir()  # only when no other staging is left

    def _apply(self, plan: CommitPlan, hook=None) -> None:
        """Apply moves idempotently (safe to repeat after a crash half-way).

        Order: rewrites of existing files (rows taken out) first, then deletions, then new
        files. A reader who looks mid-way (or after a crash, until the next run rolls the
        commit forward) may miss re-processed rows for a moment but never sees one twice.
        """
        hook = hook or (lambda point: None)
        rewrites = [(i, p) for i, p in enumerate(plan.puts) if (self.root / p[1]).exists() or not (self.root / p[0]).exists()]
        additions = [(i, p) for i, p in enumerate(plan.puts) if (i, p) not in rewrites]
        for i, (src, dst) in rewrites:
            self._put(src, dst)
            hook(f"put:{i}")
        for rel in plan.deletes:
            p = self.root / rel
            if p.exists():
                p.unlink()
                _fsync_dir(p.parent)
                with contextlib.suppress(OSError):
                    p.parent.rmdir()  # an emptied partition folder
        hook("deletes_done")
        for i, (src, dst) in additions:
            self._put(src, dst)
            hook(f"put:{i}")

    def _put(self, src: str, dst: str) -> None:
        s, d = self.root / src, self.root / dst
        if s.exists():
            d.parent.mkdir(parents=True, exist_ok=True)
            os.replace(s, d)
            _fsync_dir(d.parent)
