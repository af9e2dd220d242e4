"""Backfills: process an old archive (or re-process it after a rule improved) in resumable chunks.

    from flows.backfill import backfill
    backfill("archive/", "data/out", reprocess=True)                 # every sub-folder, one by one
    backfill("archive/", "data/out", folders=["2020/11", "2020/12"])  # only these
    backfill("archive/", "data/out", files_per_chunk=2)               # chunks of 2 input files

A backfill splits its input into chunks (by default: each immediate sub-folder of the input
folder, plus one chunk for the files lying directly in it) and runs `news_pipeline` once per
chunk, as a subflow, with `include=<the chunk>`. Paths stay relative to the input folder, so a
document keeps the doc_id a run over the whole folder gave it, and `reprocess=True` replaces
exactly its rows in every table.

Progress is recorded after every chunk in `<output>/_state/backfills/<name>.json` (written
atomically). Running the same backfill again (same arguments, or the same `name`) skips the
chunks already done: a backfill interrupted by a failure, Ctrl-C or a dead machine resumes
where it stopped. A chunk that committed but died before its record was written is simply
run again: with `reprocess` it replaces its own rows (same result), without it every input is
found in the ledger and skipped. `max_chunks` stops after that many chunks (run a long
backfill a slice at a time).
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from prefect import flow, get_run_logger

from flows.pipeline import DEFAULT_MAX_FILE_BYTES, news_pipeline, parse_window
from flows.runners import make_task_runner

STATE_DIR = Path("_state") / "backfills"

# Set by the command line to draw a progress bar: called with (event, chunk, state) where
# event is "start" (before the first chunk), "chunk-start" or "chunk-done".
ProgressCallback = Callable[[str, "Chunk | None", "BackfillState"], None]
_progress: ProgressCallback | None = None


def set_progress_callback(callback: ProgressCallback | None) -> None:
    """Register a function told about each chunk (the CLI's progress bar); None to remove it."""
    global _progress
    _progress = callback


def _tell(event: str, chunk: "Chunk | None", state: "BackfillState") -> None:
    if _progress is not None:
        with contextlib.suppress(Exception):  # a broken progress bar must not stop a backfill
            _progress(event, chunk, state)


class BackfillError(ValueError):
    """The backfill cannot start as asked (the message says why)."""


class BackfillMismatch(BackfillError):
    """A backfill of this name exists with other parameters."""


@dataclass
class Chunk:
    """One slice of the backfill: files and folders relative to the input folder."""

    key: str  # a readable, unique label: "2020-11" or "docs/part-00000.jsonl.gz..part-00001.jsonl.gz"
    include: list[str]
    status: str = "pending"  # pending | done
    run_id: str | None = None
    finished_at: str | None = None
    counts: dict = field(default_factory=dict)


@dataclass
class BackfillState:
    """The resumable record of one backfill (`_state/backfills/<name>.json`)."""

    name: str
    parameters: dict
    chunks: list[Chunk]
    created_at: str

    @property
    def done(self) -> int:
        return sum(c.status == "done" for c in self.chunks)

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=1, default=str)

    @classmethod
    def from_json(cls, text: str) -> "BackfillState":
        d = json.loads(text)
        return cls(d["name"], d["parameters"], [Chunk(**c) for c in d["chunks"]], d["created_at"])


# ------------------------------------------------------------------------ planning
def _input_files(folder: Path) -> list[str]:
    """Input files under `folder`, relative to it, sorted (hidden names skipped, as a run does)."""
    out = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        rel = Path(dirpath).relative_to(folder)
        out += [(rel / f).as_posix() for f in filenames if not f.startswith(".")]
    return sorted(out)


def plan_chunks(input_dir: Path, folders: list[str] | None = None, files_per_chunk: int = 0) -> list[Chunk]:
    """Split the input into chunks.

    folders: the chunks are these files or folders (relative to input_dir). files_per_chunk > 0:
    chunks of that many input files (within `folders` when given), in path order. Otherwise one
    chunk per immediate sub-folder, plus one for the files directly in input_dir.
    """
    root = input_dir.resolve()
    if folders:
        rels = []
        for f in folders:
            p = Path(f)
            p = p.resolve() if p.is_absolute() else (root / p).resolve()
            if not p.is_relative_to(root):
                raise BackfillError(f"{f} is not inside the input folder {root}")
            if not p.exists():
                raise FileNotFoundError(f"{f} does not exist under the input folder {root}")
            rels.append(p.relative_to(root).as_posix())
        if "." in rels:
            rels = ["."]
    else:
        rels = None

    if files_per_chunk > 0:
        files = set()
        for rel in rels or ["."]:
            if (root / rel).is_dir():
                files |= {f if rel == "." else f"{rel}/{f}" for f in _input_files(root / rel)}
            else:
                files.add(rel)
        files = sorted(files)
        chunks = []
        for i in range(0, len(files), files_per_chunk):
            group = files[i:i + files_per_chunk]
            key = group[0] if len(group) == 1 else f"{group[0]}..{Path(group[-1]).name}"
            chunks.append(Chunk(key=key, include=group))
        return chunks

    if rels is not None:
        return [Chunk(key=r, include=[] if r == "." else [r]) for r in rels]

    chunks = [Chunk(key=d.name, include=[d.name])
              for d in sorted(root.iterdir()) if d.is_dir() and not d.name.startswith(".")]
    top = sorted(f.name for f in root.iterdir() if f.is_file() and not f.name.startswith("."))
    if top and chunks:
        chunks.insert(0, Chunk(key="(top-level files)", include=top))
    if not chunks:  # a flat folder: one chunk with everything
        chunks = [Chunk(key=".", include=[])]
    return chunks


def default_name(parameters: dict) -> str:
    """A stable name from what is backfilled, so the same command resumes the same backfill."""
    digest = hashlib.sha256(json.dumps(parameters, sort_keys=True, default=str).encode()).hexdigest()[:8]
    base = Path(parameters["input_dir"]).name or "input"
    return f"{base}-{digest}"


# ------------------------------------------------------------------------ the record
def state_path(output_dir: str | Path, name: str) -> Path:
    return Path(output_dir).resolve() / STATE_DIR / f"{name}.json"


def load_state(output_dir: str | Path, name: str) -> BackfillState | None:
    path = state_path(output_dir, name)
    return BackfillState.from_json(path.read_text()) if path.exists() else None


def save_state(output_dir: str | Path, state: BackfillState) -> None:
    """Write the record atomically: a reader (or a resume) sees the old or the new one, whole."""
    path = state_path(output_dir, state.name)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    with open(tmp, "w") as fh:
        fh.write(state.to_json())
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def list_backfills(output_dir: str | Path) -> list[BackfillState]:
    folder = Path(output_dir).resolve() / STATE_DIR
    return [BackfillState.from_json(p.read_text()) for p in sorted(folder.glob("*.json"))] if folder.exists() else []


@contextlib.contextmanager
def _backfill_lock(output_dir: str | Path, name: str):
    """One process per backfill name (the output root's own lock is taken per chunk)."""
    path = state_path(output_dir, name).with_suffix(".lock")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as fh:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RuntimeError(f"backfill {name!r} is already running in another process "
                               f"(lock {path}); wait for it or stop it first") from None
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


# ------------------------------------------------------------------------ the flow
@flow(name="newsflow-backfill", log_prints=True)
def backfill(
    input_dir: str,
    output_dir: str = "data/out",
    folders: list[str] | None = None,
    files_per_chunk: int = 0,
    published_between: str | None = None,
    reprocess: bool = False,
    window: str | None = None,
    name: str | None = None,
    restart: bool = False,
    max_chunks: int | None = None,
    lock_wait_seconds: float = 600.0,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    runner: str | None = None,
) -> dict:
    """Run `news_pipeline` over `input_dir` chunk by chunk, resumably.

    folders: only these sub-folders/files (each one chunk, unless files_per_chunk is set).
    files_per_chunk: chunks of that many input files instead of one per sub-folder.
    published_between "YYYY-MM-DD..YYYY-MM-DD": only write documents published in that range.
    reprocess: recompute inputs already done and replace exactly their rows.
    name: the backfill's record name (default: derived from the arguments, so rerunning the
    same command resumes). restart: forget the record and start over. max_chunks: stop after
    this many chunks in this call (resume later). lock_wait_seconds: how long each chunk waits
    for another run (e.g. the hourly inbox run) to release the output root. runner: "thread" or
    "dask" for the chunks' task runner (default: the NEWSFLOW_TASK_RUNNER setting).
    Returns {"name", "chunks", "done", "ran", "remaining", "totals"}.
    """
    logger = get_run_logger()
    root = Path(input_dir)
    if not root.is_dir():
        raise FileNotFoundError(f"input folder {root.resolve()} does not exist or is not a folder")
    parse_window(published_between)  # fail early on a malformed range
    parse_window(window)
    parameters = {"input_dir": str(root.resolve()), "folders": sorted(folders) if folders else None,
                  "files_per_chunk": files_per_chunk, "published_between": published_between,
                  "reprocess": reprocess, "window": window}
    name = name or default_name(parameters)
    pipeline = news_pipeline.with_options(task_runner=make_task_runner(runner)) if runner else news_pipeline

    with _backfill_lock(output_dir, name):
        state = None if restart else load_state(output_dir, name)
        if state is not None and state.parameters != parameters:
            raise BackfillMismatch(
                f"a backfill named {name!r} already exists with other parameters "
                f"({state.parameters}); choose another name, or restart it")
        if state is None:
            chunks = plan_chunks(root, folders, files_per_chunk)
            state = BackfillState(name, parameters, chunks, datetime.now(timezone.utc).isoformat(timespec="seconds"))
            save_state(output_dir, state)
            logger.info("backfill %s: %d chunks planned", name, len(chunks))
        else:
            logger.info("backfill %s: resuming, %d of %d chunks already done", name, state.done, len(state.chunks))

        _tell("start", None, state)
        ran = 0
        for chunk in state.chunks:
            if chunk.status == "done":
                continue
            if max_chunks is not None and ran >= max_chunks:
                break
            _tell("chunk-start", chunk, state)
            summary = pipeline.with_options(flow_run_name=f"backfill-{name}-{chunk.key}"[:120])(
                input_dir=str(root),
                output_dir=output_dir,
                window=window,
                reprocess=reprocess,
                max_file_bytes=max_file_bytes,
                lock_wait_seconds=lock_wait_seconds,
                published_between=published_between,
                include=chunk.include or None,
            )
            chunk.status, chunk.run_id = "done", summary["run_id"]
            chunk.finished_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
            chunk.counts = {k: summary[k] for k in ("inputs_seen", "inputs_skipped", "articles_new",
                                                    "duplicates_new", "rejects_new")}
            save_state(output_dir, state)
            ran += 1
            _tell("chunk-done", chunk, state)
            logger.info("backfill %s: chunk %s done (%d/%d)", name, chunk.key, state.done, len(state.chunks))

    totals: dict[str, int] = {}
    for c in state.chunks:
        for k, v in c.counts.items():
            totals[k] = totals.get(k, 0) + v
    result = {"name": name, "chunks": len(state.chunks), "done": state.done, "ran": ran,
              "remaining": len(state.chunks) - state.done, "totals": totals,
              "state_file": str(state_path(output_dir, name))}
    print(f"backfill {name}: {state.done}/{len(state.chunks)} chunks done ({ran} in this run)"
          + (f", {result['remaining']} left: run the same command again to continue" if result["remaining"] else ""))
    return result
