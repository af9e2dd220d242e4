"""List the input root: one row per file, with its kind and whatever stops it being read.

Nothing found under the root is silently dropped (hidden files and folders aside): a file that
cannot be read still gets a row with a `problem` code, so read_inputs turns it into a reject and
the run's accounting (inputs_seen = articles + duplicates + rejects + skipped) holds.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

import polars as pl

FILES_SCHEMA = pl.Schema(
    {
        "path": pl.String,
        "source_uri": pl.String,
        "kind": pl.String,
        "size_bytes": pl.Int64,
        "problem": pl.String,
        "problem_detail": pl.String,
    }
)

# Longest suffix first, so "x.jsonl.gz" is not taken for a ".gz" file.
_KINDS = (
    (".jsonl.gz", "jsonl.gz"),
    (".jsonl", "jsonl"),
    (".html", "html"),
    (".htm", "html"),
    (".txt", "txt"),
)


def kind_of(name: str) -> str:
    """Return the input kind for a file name ('unknown' for unsupported extensions)."""
    lower = name.lower()
    for suffix, kind in _KINDS:
        if lower.endswith(suffix):
            return kind
    return "unknown"


def list_inputs(input_root: Path, max_bytes: int) -> pl.DataFrame:
    """Return the files frame (FILES_SCHEMA), sorted by source_uri.

    Directories are walked recursively without following directory symlinks (a linked folder
    inside the root is walked under its real name anyway; outside it is not ours to read).
    File symlinks are followed only when they resolve inside the root.
    """
    root = Path(input_root).resolve()
    rows: list[dict] = []
    if not root.is_dir():
        raise FileNotFoundError(f"input root {input_root} is not a directory")
    _walk(root, root, max_bytes, rows)
    rows.sort(key=lambda r: r["source_uri"])
    return pl.DataFrame(rows, schema=FILES_SCHEMA)


def _walk(root: Path, folder: Path, max_bytes: int, rows: list[dict]) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:  # an unreadable folder: report it as one unreadable input
        rel = folder.relative_to(root).as_posix()
        rows.append(_row(folder, rel, "unknown", 0, "unreadable",
                         f"The folder {rel} cannot be listed ({exc.strerror}); fix its permissions."))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue  # hidden files and folders (.git, .DS_Store, editor swap files)
        path = Path(entry.path)
        rel = path.relative_to(root).as_posix()
        if entry.is_symlink():
            row = _symlink_row(root, path, rel, max_bytes)
            if row is not None:
                rows.append(row)
            continue
        if entry.is_dir(follow_symlinks=False):
            _walk(root, path, max_bytes, rows)
            continue
        rows.append(_file_row(path, rel, max_bytes))


def _symlink_row(root: Path, path: Path, rel: str, max_bytes: int) -> dict | None:
    """Return the row for a symlink, or None for a link to a folder inside the root."""
    kind = kind_of(path.name)
    try:
        target = path.resolve(strict=True)
    except RuntimeError:  # Python < 3.13 raises RuntimeError on loops
        return _row(path, rel, kind, 0, "symlink_loop",
                    f"{rel} is a symbolic link that loops back on itself; remove or repoint it.")
    except OSError as exc:
        if exc.errno == 40:  # ELOOP
            return _row(path, rel, kind, 0, "symlink_loop",
                        f"{rel} is a symbolic link that loops back on itself; remove or repoint it.")
        return _row(path, rel, kind, 0, "unreadable",
                    f"{rel} is a symbolic link to {os.readlink(path)!s}, which does not exist; "
                    "remove the link or restore its target.")
    if not target.is_relative_to(root):
        return _row(path, rel, kind, 0, "symlink_outside_root",
                    f"{rel} links to {target}, outside the input root; copy the file into the "
                    "input root if it should be processed.")
    if target.is_dir():
        return None  # walked under its real path already
    return _file_row(path, rel, max_bytes)


def _file_row(path: Path, rel: str, max_bytes: int) -> dict:
    kind = kind_of(path.name)
    try:
        st = path.stat()
    except OSError as exc:
        return _row(path, rel, kind, 0, "unreadable",
                    f"{rel} cannot be examined ({exc.strerror}); check that it exists and is readable.")
    size = st.st_size
    if not stat.S_ISREG(st.st_mode):
        return _row(path, rel, kind, size, "unreadable",
                    f"{rel} is not a regular file (a pipe, socket or device); replace it with a file.")
    if kind == "unknown":
        return _row(path, rel, kind, size, "unsupported_type",
                    f"{rel} is not a .txt, .html/.htm, .jsonl or .jsonl.gz file; rename it if it "
                    "is one of those, or move it out of the input root.")
    if size > max_bytes:
        return _row(path, rel, kind, size, "too_large",
                    f"{rel} is {size:,} bytes, over the {max_bytes:,}-byte limit; split it or "
                    "raise the max_bytes setting.")
    # Opening is the only honest readability test: os.access() says yes to root for mode 000.
    try:
        with open(path, "rb"):
            pass
    except OSError as exc:
        return _row(path, rel, kind, size, "unreadable",
                    f"{rel} cannot be opened ({exc.strerror}); fix its permissions.")
    return _row(path, rel, kind, size, None, None)


def _row(path: Path, rel: str, kind: str, size: int, problem: str | None, detail: str | None) -> dict:
    return {
        "path": str(path),
        "source_uri": rel,
        "kind": kind,
        "size_bytes": int(size),
        "problem": problem,
        "problem_detail": detail,
    }
