"""Stage contracts and the run invariant."""
from __future__ import annotations

from datetime import datetime, timezone

import polars as pl
import pytest

from schemas.check import StageContractError, check_stage
from schemas.stages import IngestedDocs, LanguageDocs
from tasks.assemble import InvariantError, RunTables, runs_row


def _ingested(**over):
    base = {
        "doc_id": ["0123456789abcdef0123", "fedcba9876543210fedc"],
        "record_id": ["a", "b"],
        "source_uri": ["x/a.txt", "x/b.txt"],
        "input_kind": ["txt", "txt"],
        "raw_sha256": ["0" * 64, "1" * 64],
        "is_html": [False, False],
        "content": ["Some text.", "More text."],
        "meta_url": [None, None],
        "meta_fetched_at": [None, None],
        "meta_published_at": [None, None],
        "encoding": ["utf-8", "utf-8"],
    }
    base.update(over)
    return pl.DataFrame(base)


def test_missing_column_stops_the_run_and_names_the_stage():
    with pytest.raises(StageContractError, match=r"stage 'language'.*language_confidence"):
        check_stage(_ingested(), LanguageDocs, "language")


def test_rows_breaking_a_rule_become_rejects_and_extra_columns_survive():
    df = _ingested(content=["Some text.", "   "])
    valid, rejects = check_stage(df, IngestedDocs, "ingest")
    assert valid["record_id"].to_list() == ["a"]
    assert "encoding" in valid.columns  # not in the contract, passed through
    assert rejects["reason"].to_list() == ["schema:content_not_blank"]
    assert rejects["stage"].to_list() == ["ingest"]
    assert rejects["doc_id"].to_list() == ["fedcba9876543210fedc"]


def _tables(a, d, r):
    frame = lambda n: pl.DataFrame({"doc_id": [f"{i:020x}" for i in range(n)]})
    arts = frame(a).with_columns(pl.lit("en").alias("language"), pl.lit([], dtype=pl.List(pl.String)).alias("date_flags"))
    return RunTables(arts, frame(d), pl.DataFrame(), frame(r), pl.DataFrame(), pl.DataFrame(), pl.DataFrame())


def test_run_fails_loudly_when_an_input_is_unaccounted_for():
    now = datetime.now(timezone.utc)
    row = runs_row("r1", None, now, {}, "v", 6, 1, _tables(3, 1, 1), {})
    assert row["inputs_seen"].item() == 6
    with pytest.raises(InvariantError, match="saw 7 inputs but accounts for 6"):
        runs_row("r1", None, now, {}, "v", 7, 1, _tables(3, 1, 1), {})
