"""The whole flow, run for real through Prefect, with the Parquet tables read back."""
from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import duckdb
import polars as pl
import pytest

from flows.pipeline import news_pipeline

HARBOUR = """Harbour wall repairs approved after winter storms

The town council of Saltmere voted on Tuesday to spend 2.4 million euros on repairing the
harbour wall, which was damaged by three storms in January. Engineers told councillors that
the northern section had lost a third of its facing stones and could fail if another storm
of the same strength arrived before the summer.
The repairs will begin in April and are expected to take eleven weeks. Fishing boats will be
moved to the southern quay while the work goes on, and the ferry to the islands will keep its
timetable, the harbour master said.
Local fishermen welcomed the decision but asked the council to publish the engineers' report
in full. "We have been asking for this since the autumn," said the chair of the fishermen's
association, who added that the cost of delay had been paid by the crews.
The council will vote on a second budget for the promenade in May.
"""

LIBRARY = """City library extends opening hours for students

The central library of Brenford will open until midnight on weekdays from next month, the
city's culture office announced, after students collected more than four thousand signatures
asking for quiet places to study during the examination period.
The longer hours will be paid for by moving money from the events budget, and two additional
staff members will be hired on temporary contracts. The library's café will stay closed after
eight in the evening.
The director said the trial would last six months and that the office would count visitors
every night to decide whether to keep the new hours. Students' unions called the decision a
first step and asked for the branch libraries in the suburbs to follow.
"""

FERRY_RU = """Новый паром начнёт работу на озере в мае

Администрация района сообщила, что новый пассажирский паром начнёт ходить между двумя
берегами озера в начале мая. Судно рассчитано на сто двадцать пассажиров и двадцать
автомобилей, а переправа будет занимать около сорока минут.
По словам главы района, жители давно просили увеличить число рейсов, потому что старое
судно часто выходило из строя зимой. Билеты можно будет купить онлайн и в кассе у причала.
Местные предприниматели надеются, что паром привлечёт туристов и поможет малому бизнесу
на северном берегу, где летом проходит ярмарка ремёсел.
"""

CHROME_A = "Home\nNews\nSport\nSubscribe\n\n"
CHROME_B = "\n\nSupport independent journalism. Donate today.\n© 2009-2025 The Brenford Echo\n"


def _write_corpus(root: Path) -> None:
    (root / "site_a").mkdir(parents=True)
    (root / "site_b").mkdir()
    (root / "feeds").mkdir()
    (root / "site_a" / "harbour.txt").write_text(CHROME_A + HARBOUR)
    (root / "site_a" / "library.txt").write_text(CHROME_A + LIBRARY)
    # The same harbour story re-published by another outlet with its own chrome.
    (root / "site_b" / "harbour-copy.txt").write_text("Brenford Echo | Local\n\n" + HARBOUR + CHROME_B)
    (root / "site_b" / "ferry-ru.txt").write_bytes(FERRY_RU.encode("cp1251"))
    (root / "site_b" / "empty.txt").write_text("   \n\n")
    with gzip.open(root / "feeds" / "feed.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "lib-feed-1", "text": LIBRARY.replace("Brenford", "Brenford"),
                             "url": "https://echo.example.org/2021/03/02/library-hours", "fetched_at": "2021-03-05T10:00:00Z"}) + "\n")
        fh.write("{not json at all\n")
        fh.write(json.dumps({"id": "no-text"}) + "\n")


def _tables(out: Path) -> dict[str, pl.DataFrame]:
    tables = {}
    for name in ("articles", "duplicates", "date_evidence", "rejects", "runs"):
        files = list((out / name).rglob("*.parquet"))
        tables[name] = (
            pl.scan_parquet(str(out / name / "**" / "*.parquet"), hive_partitioning=True).collect()
            if files else pl.DataFrame()
        )
    return tables


def _digest(out: Path, tables=("articles", "duplicates", "date_evidence", "rejects")) -> dict[str, str]:
    """File name -> content hash of every data table file (runs excluded: it grows by a row)."""
    return {
        str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
        for t in tables for p in sorted((out / t).rglob("*.parquet"))
    }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    _write_corpus(root)
    return root


@pytest.fixture(scope="module")
def first_run(prefect_harness, corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    summary = news_pipeline(str(corpus), str(out))
    return out, summary


def test_every_input_is_accounted_for(first_run):
    out, summary = first_run
    t = _tables(out)
    run = t["runs"].row(0, named=True)
    # 5 txt files + 3 JSONL lines = 8 inputs
    assert run["inputs_seen"] == 8
    assert run["inputs_seen"] == run["inputs_skipped"] + run["articles_new"] + run["duplicates_new"] + run["rejects_new"]
    assert run["status"] == "completed"
    assert t["articles"].height == run["articles_new"] and t["duplicates"].height == run["duplicates_new"]
    assert t["rejects"].height == run["rejects_new"]


def test_articles_duplicates_and_rejects_are_right(first_run):
    out, _ = first_run
    t = _tables(out)
    arts = t["articles"]
    by_record = {r["record_id"]: r for r in arts.iter_rows(named=True)}
    dups = {r["record_id"]: r for r in t["duplicates"].iter_rows(named=True)}
    # harbour + copy -> one article; library (txt) + library (feed) -> one article; ferry
    assert len(by_record) == 3, sorted(by_record)
    # one copy of each pair is a duplicate (which one depends on the keep rule: dates, length)
    assert len(dups) == 2
    assert all(len(set(dups) & pair) == 1 for pair in ({"harbour", "harbour-copy"}, {"library", "lib-feed-1"}))
    for d in dups.values():
        assert d["duplicate_of"] in set(arts["article_id"])
        assert d["match"] in ("exact", "near") and 0 <= d["similarity"] <= 1
    harbour = next(r for r in arts.iter_rows(named=True) if "harbour wall" in r["text"])
    assert harbour["duplicate_count"] == 1
    assert harbour["title"] == "Harbour wall repairs approved after winter storms"
    assert "Subscribe" not in harbour["text"] and "Donate" not in harbour["text"]
    langs = dict(zip(arts["record_id"], arts["language"]))
    assert langs["ferry-ru"] == "ru"
    assert all(v == "en" for k, v in langs.items() if k != "ferry-ru")
    reasons = sorted(t["rejects"]["reason"].to_list())
    assert len(reasons) == 3, reasons  # empty file, malformed JSON line, record without text
    assert all(t["rejects"]["detail"].str.len_chars() > 10)
    assert set(t["rejects"]["run_id"]) == set(t["runs"]["run_id"])


def test_tables_read_in_duckdb_with_partitions(first_run):
    out, _ = first_run
    con = duckdb.connect()
    n = con.execute(
        f"select count(*) from read_parquet('{out}/articles/**/*.parquet', hive_partitioning=true)"
    ).fetchone()[0]
    months = con.execute(
        f"select distinct published_month from read_parquet('{out}/articles/**/*.parquet', hive_partitioning=true)"
    ).fetchall()
    assert n == 3 and months
    assert not list((out / "articles").rglob("*.tmp*")) and not (out / "_staging").exists()


def test_second_run_skips_everything_and_changes_no_table(first_run, corpus):
    out, _ = first_run
    before = _digest(out)
    summary = news_pipeline(str(corpus), str(out))
    assert summary["inputs_skipped"] == summary["inputs_seen"] == 8
    assert summary["articles_new"] == summary["duplicates_new"] == summary["rejects_new"] == 0
    assert _digest(out) == before
    assert _tables(out)["runs"].height == 2


def test_reprocess_replaces_rows_without_doubling(first_run, corpus):
    out, _ = first_run
    before = _tables(out)
    summary = news_pipeline(str(corpus), str(out), reprocess=True)
    after = _tables(out)
    assert summary["inputs_skipped"] == 0
    for name in ("articles", "duplicates", "rejects"):
        assert after[name].height == before[name].height, name
        assert sorted(after[name]["doc_id"].drop_nulls()) == sorted(before[name]["doc_id"].drop_nulls())
    assert after["articles"]["doc_id"].n_unique() == after["articles"].height
    newest = after["runs"].sort("started_at")["run_id"][-1]
    assert set(after["articles"]["run_id"]) == {newest}


def test_a_new_copy_in_a_later_run_points_at_the_stored_article(prefect_harness, tmp_path):
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    (inbox / "harbour.txt").write_text(HARBOUR)
    news_pipeline(str(inbox), str(out))
    (inbox / "harbour-wrapped.txt").write_text("Coastal Weekly\n\n" + HARBOUR.replace("\n", " ") + "\n\nPrinted from coastalweekly\n")
    summary = news_pipeline(str(inbox), str(out))
    assert summary["inputs_skipped"] == 1 and summary["duplicates_new"] == 1
    t = _tables(out)
    assert t["articles"].height == 1
    assert t["duplicates"]["duplicate_of"].item() == t["articles"]["article_id"].item()
    assert t["articles"]["duplicate_count"].item() == 1


def test_missing_input_folder_is_a_clear_error(prefect_harness, tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        news_pipeline(str(tmp_path / "nope"), str(tmp_path / "out"))
