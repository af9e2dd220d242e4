"""Listing the input root: kinds, hidden files, symlink safety, size limit, unreadable files."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from tasks.discover import FILES_SCHEMA, kind_of, list_inputs

ARTICLE = "Harbour repairs approved\n\nThe council voted on Tuesday to repair the harbour wall.\n"


def _by_uri(files):
    return {r["source_uri"]: r for r in files.iter_rows(named=True)}


def test_kinds_by_extension_recursive_and_sorted(tmp_path):
    (tmp_path / "b" / "deep").mkdir(parents=True)
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b" / "page.HTML").write_text("<html><body><p>x</p></body></html>")
    (tmp_path / "b" / "old.htm").write_text("<html></html>")
    (tmp_path / "b" / "deep" / "feed.jsonl").write_text('{"id": 1, "text": "x"}\n')
    (tmp_path / "b" / "deep" / "feed2.jsonl.gz").write_bytes(b"")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / ".hidden.txt").write_text(ARTICLE)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text(ARTICLE)

    files = list_inputs(tmp_path, 10_000)
    assert files.schema == FILES_SCHEMA
    assert files["source_uri"].to_list() == sorted(files["source_uri"].to_list())
    rows = _by_uri(files)
    assert set(rows) == {"a.txt", "b/page.HTML", "b/old.htm", "b/deep/feed.jsonl", "b/deep/feed2.jsonl.gz", "notes.docx"}
    assert rows["b/page.HTML"]["kind"] == "html" and rows["b/old.htm"]["kind"] == "html"
    assert rows["b/deep/feed2.jsonl.gz"]["kind"] == "jsonl.gz"
    assert rows["notes.docx"]["kind"] == "unknown" and rows["notes.docx"]["problem"] == "unsupported_type"
    assert rows["a.txt"]["problem"] is None and rows["a.txt"]["size_bytes"] == len(ARTICLE)
    assert Path(rows["a.txt"]["path"]).is_absolute()


def test_kind_of():
    assert kind_of("x.jsonl.gz") == "jsonl.gz"
    assert kind_of("x.gz") == "unknown"
    assert kind_of("X.TXT") == "txt"


def test_size_limit(tmp_path):
    (tmp_path / "big.txt").write_text("word " * 1000)
    (tmp_path / "small.txt").write_text(ARTICLE)
    rows = _by_uri(list_inputs(tmp_path, 1000))
    assert rows["big.txt"]["problem"] == "too_large"
    assert "1,000-byte limit" in rows["big.txt"]["problem_detail"]
    assert rows["small.txt"]["problem"] is None


def test_symlinks_outside_root_loops_and_broken(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    outside = tmp_path / "secret.txt"
    outside.write_text(ARTICLE)
    (root / "real.txt").write_text(ARTICLE)
    os.symlink(outside, root / "escape.txt")
    os.symlink(root / "loop_b.txt", root / "loop_a.txt")
    os.symlink(root / "loop_a.txt", root / "loop_b.txt")
    os.symlink(root / "missing.txt", root / "dangling.txt")
    os.symlink(root / "real.txt", root / "alias.txt")  # inside the root: read like a file
    os.symlink(root, root / "self_dir")  # a folder link back to the root: not walked twice

    rows = _by_uri(list_inputs(root, 10_000))
    assert rows["escape.txt"]["problem"] == "symlink_outside_root"
    assert rows["loop_a.txt"]["problem"] == "symlink_loop"
    assert rows["loop_b.txt"]["problem"] == "symlink_loop"
    assert rows["dangling.txt"]["problem"] == "unreadable"
    assert rows["alias.txt"]["problem"] is None
    assert not any(uri.startswith("self_dir") for uri in rows)
    for r in rows.values():
        assert (r["problem"] is None) == (r["problem_detail"] is None)


def test_not_a_regular_file_is_unreadable(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")  # opening it would block the run forever
    rows = _by_uri(list_inputs(tmp_path, 10_000))
    assert rows["pipe.txt"]["problem"] == "unreadable"


def test_permission_denied_is_unreadable(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("running as root: chmod 000 does not stop root from reading "
                    "(the FIFO test and test_ingest's vanished-file test cover 'unreadable')")
    p = tmp_path / "locked.txt"
    p.write_text(ARTICLE)
    p.chmod(0)
    try:
        rows = _by_uri(list_inputs(tmp_path, 10_000))
        assert rows["locked.txt"]["problem"] == "unreadable"
    finally:
        p.chmod(0o644)


def test_missing_root_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        list_inputs(tmp_path / "nope", 10)
