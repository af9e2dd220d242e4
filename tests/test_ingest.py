"""Reading inputs: good units load, every bad one becomes a reject with a reason, none is lost.

The bad corpus below holds every kind of broken input the issue lists; it is read by
read_inputs directly and, at the end, run through the real Prefect flow.
"""
from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import polars as pl
import pytest

from tasks.discover import list_inputs
from tasks.identity import make_doc_id, sha256_hex
from tasks.ingest import DOCS_SCHEMA, read_inputs, record_stem
from tasks.rejects import REJECT_COLUMNS

MAX = 20_000

GOOD_EN = """Night buses return to the river district

The transport authority will run night buses through the river district again from the first
of June, after a two-year pause that residents said left shift workers without a safe way
home. Three routes will run every half hour between midnight and five in the morning.
The authority said the service would cost about four hundred thousand a year and would be
reviewed after twelve months, once passenger numbers were known.
"""
GOOD_TR = ("Belediye, nehir kıyısındaki gece otobüslerinin haziran ayından itibaren yeniden "
           "çalışacağını açıkladı. Üç hat gece yarısından sabah beşe kadar her yarım saatte bir "
           "sefer yapacak ve vardiyalı çalışanlar güvenli bir şekilde evlerine dönebilecek.")
GOOD_RU = ("Городские власти сообщили, что ночные автобусы снова будут ходить через речной район "
           "с первого июня. Три маршрута будут работать каждые полчаса с полуночи до пяти утра, "
           "и жители смогут безопасно возвращаться домой после смены.")
GOOD_FR = ("La régie des transports relancera les bus de nuit dans le quartier du fleuve dès le "
           "premier juin. Trois lignes circuleront toutes les demi-heures entre minuit et cinq "
           "heures du matin, a précisé la régie, qui fera le bilan après un an.")
GOOD_HTML = f"""<html><head><title>Night buses return | River Times</title>
<meta property="og:site_name" content="River Times">
<link rel="canonical" href="https://www.rivertimes.example.com/2024/05/night-buses">
</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Night buses return</h1><p>{GOOD_EN.split(chr(10), 2)[2]}</p></article>
<footer>© 2024 River Times. All rights reserved.</footer></body></html>"""
MENU_ONLY_HTML = """<html><head><title>Index</title></head><body><nav><ul>
<li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/weather">Weather</a></li><li><a href="/contact">Contact</a></li></ul></nav></body></html>"""

# what a scraper saves when a bot wall answers instead of the site
BLOCKED_HTML = """<html><head><title>Just a moment</title></head><body><p>Request unsuccessful.
Incapsula incident ID: 703000160143928249-191398964119929859</p></body></html>"""


def write_bad_corpus(root: Path, outside: Path) -> dict[str, str]:
    """Write good and bad inputs under root; return {source_uri: expected reject reason or ''}."""
    (root / "enc").mkdir(parents=True)
    (root / "bad").mkdir()
    (root / "feeds").mkdir()
    expect: dict[str, str] = {}

    def put(rel: str, data: bytes, reason: str = "") -> None:
        (root / rel).write_bytes(data)
        expect[rel] = reason

    put("enc/utf8.txt", GOOD_EN.encode("utf-8"))
    put("enc/utf8_bom.txt", b"\xef\xbb\xbf" + GOOD_FR.replace("bus", "autobus").encode("utf-8"))
    put("enc/utf16.txt", ("Bus de nuit\n\n" + GOOD_FR).encode("utf-16"))
    put("enc/cp1251.txt", GOOD_RU.encode("cp1251"))
    put("enc/cp1254.txt", GOOD_TR.encode("cp1254"))
    put("enc/latin1.txt", ("Les bus de nuit\n\n" + GOOD_FR.replace("premier", "1er")).encode("latin-1"))
    put("page.html", GOOD_HTML.encode("utf-8"))
    put("bad/empty.txt", b"", "empty")
    put("bad/blank.txt", b"  \n\t\n \r\n", "empty")
    put("bad/binary.txt", bytes(range(256)) * 16, "not_text")
    put("bad/image.html", b"\x89PNG\r\n\x1a\n" + bytes(200), "not_text")
    put("bad/oversized.txt", (GOOD_EN * 100).encode(), "too_large")
    put("bad/menu.html", MENU_ONLY_HTML.encode(), "no_article_text")
    put("bad/blocked.html", BLOCKED_HTML.encode(), "blocked_page")
    put("bad/notes.pdf", b"%PDF-1.4 not for us", "unsupported_type")
    os.symlink(outside, root / "bad" / "escape.txt")
    expect["bad/escape.txt"] = "symlink_outside_root"
    os.symlink(root / "bad" / "loop2.txt", root / "bad" / "loop1.txt")
    os.symlink(root / "bad" / "loop1.txt", root / "bad" / "loop2.txt")
    expect["bad/loop1.txt"] = expect["bad/loop2.txt"] = "symlink_loop"
    os.mkfifo(root / "bad" / "pipe.txt")
    expect["bad/pipe.txt"] = "unreadable"

    lines = [
        json.dumps({"id": "bus-1", "text": GOOD_EN, "url": "https://news.example.org/bus",
                    "fetched_at": "2024-05-02T08:00:00Z", "source": "example.org"}),
        "{this is not json",
        json.dumps({"id": "empty-rec", "text": "   "}),
        json.dumps({"text": GOOD_TR}),  # no id: record_id from file stem and line
        "",
        json.dumps(["a", "list"]),
        json.dumps({"id": "html-rec", "html": GOOD_HTML, "text": "ignored"}),
    ]
    put("feeds/mixed.jsonl", ("\n".join(lines) + "\n").encode())
    expect.update({"feeds/mixed.jsonl#1": "", "feeds/mixed.jsonl#2": "malformed_json",
                   "feeds/mixed.jsonl#3": "no_text", "feeds/mixed.jsonl#4": "",
                   "feeds/mixed.jsonl#6": "malformed_json", "feeds/mixed.jsonl#7": ""})
    del expect["feeds/mixed.jsonl"]

    recs = "".join(json.dumps({"id": f"gz-{i}", "text": f"{GOOD_RU} Рейс номер {i}."}) + "\n" for i in range(40))
    full = gzip.compress(recs.encode())
    put("feeds/cut.jsonl.gz", full[: len(full) * 2 // 3])
    del expect["feeds/cut.jsonl.gz"]
    return expect


@pytest.fixture
def corpus(tmp_path) -> tuple[Path, dict[str, str]]:
    outside = tmp_path / "outside.txt"
    outside.write_text(GOOD_EN)
    root = tmp_path / "in"
    root.mkdir()
    return root, write_bad_corpus(root, outside)


def test_read_inputs_accounts_for_every_unit(corpus):
    root, expect = corpus
    files = list_inputs(root, MAX)
    docs, rejects = read_inputs(files, MAX)
    assert docs.schema == DOCS_SCHEMA
    assert rejects.columns == REJECT_COLUMNS
    got = {u: "" for u in docs["source_uri"]}
    got.update(dict(zip(rejects["source_uri"], rejects["reason"])))
    # pages whose text turns out not to be an article are rejected later, by the cleaner
    ingest_expect = {u: ("" if r in ("no_article_text", "blocked_page") else r) for u, r in expect.items()}
    for uri, reason in ingest_expect.items():
        assert got.get(uri) == reason, (uri, got.get(uri))
    # every reject explains itself; ids are stable functions of origin and content
    assert rejects["detail"].str.len_chars().min() > 30
    assert rejects["doc_id"].null_count() == 0
    assert docs["doc_id"].n_unique() == docs.height


def test_decoded_units_and_metadata(corpus):
    root, _ = corpus
    docs, _ = read_inputs(list_inputs(root, MAX), MAX)
    d = {r["source_uri"]: r for r in docs.iter_rows(named=True)}
    assert d["enc/cp1251.txt"]["content"] == GOOD_RU and d["enc/cp1251.txt"]["encoding"] == "cp1251"
    assert d["enc/cp1254.txt"]["content"] == GOOD_TR and d["enc/cp1254.txt"]["encoding"] == "cp1254"
    assert d["enc/utf16.txt"]["content"].startswith("Bus de nuit")
    assert not d["enc/utf8_bom.txt"]["content"].startswith("\ufeff")
    assert d["page.html"]["is_html"] and d["page.html"]["input_kind"] == "html"
    rec = d["feeds/mixed.jsonl#1"]
    assert rec["record_id"] == "bus-1" and rec["input_kind"] == "jsonl"
    assert rec["meta_url"] == "https://news.example.org/bus" and rec["meta_fetched_at"] == "2024-05-02T08:00:00Z"
    assert rec["meta_source"] == "example.org"
    line = json.dumps({"id": "bus-1", "text": GOOD_EN, "url": "https://news.example.org/bus",
                       "fetched_at": "2024-05-02T08:00:00Z", "source": "example.org"}).encode()
    assert rec["raw_sha256"] == sha256_hex(line)
    assert rec["doc_id"] == make_doc_id("feeds/mixed.jsonl#1", sha256_hex(line))
    assert d["feeds/mixed.jsonl#4"]["record_id"] == "mixed#4"
    assert d["feeds/mixed.jsonl#7"]["is_html"] and "<article>" in d["feeds/mixed.jsonl#7"]["content"]
    assert d["feeds/mixed.jsonl#7"]["record_text"] == "ignored" and d["feeds/mixed.jsonl#1"]["record_text"] is None
    assert d["enc/utf8.txt"]["record_id"] == "utf8"


def test_truncated_gzip_keeps_records_before_the_break(corpus):
    root, _ = corpus
    docs, rejects = read_inputs(list_inputs(root, MAX), MAX)
    gz_docs = docs.filter(pl.col("source_uri").str.starts_with("feeds/cut.jsonl.gz#"))
    gz_rej = rejects.filter(pl.col("source_uri").str.starts_with("feeds/cut.jsonl.gz#"))
    assert 5 < gz_docs.height < 40
    assert gz_docs["record_id"].to_list() == [f"gz-{i}" for i in range(gz_docs.height)]
    assert gz_rej.height == 1 and gz_rej["reason"][0] == "truncated_gzip"
    assert gz_rej["source_uri"][0] == f"feeds/cut.jsonl.gz#{gz_docs.height + 1}"
    assert "re-fetch" in gz_rej["detail"][0]


def test_file_that_vanishes_after_listing_is_unreadable(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD_EN)
    files = list_inputs(tmp_path, MAX)
    (tmp_path / "a.txt").unlink()
    docs, rejects = read_inputs(files, MAX)
    assert docs.height == 0
    assert rejects["reason"].to_list() == ["unreadable"]
    assert rejects["doc_id"][0] == make_doc_id("a.txt", sha256_hex(b""))


def test_oversized_record_in_small_gzip_is_rejected_alone(tmp_path):
    big = json.dumps({"id": "big", "text": "word " * 3000})  # compresses to a few hundred bytes
    ok = json.dumps({"id": "ok", "text": GOOD_EN})
    (tmp_path / "f.jsonl.gz").write_bytes(gzip.compress((big + "\n" + ok + "\n").encode()))
    docs, rejects = read_inputs(list_inputs(tmp_path, 10_000), 10_000)
    assert docs["record_id"].to_list() == ["ok"]
    assert rejects["reason"].to_list() == ["too_large"] and rejects["source_uri"][0] == "f.jsonl.gz#1"


def test_record_stem():
    assert record_stem("pages.jsonl.gz") == "pages"
    assert record_stem("000_abc.txt") == "000_abc"
    assert record_stem("README") == "README"


# ------------------------------------------------------------------ the real flow

@pytest.fixture(scope="module")
def flow_run(prefect_harness, tmp_path_factory):
    from flows.pipeline import news_pipeline

    base = tmp_path_factory.mktemp("bad")
    outside = base / "outside.txt"
    outside.write_text(GOOD_EN)
    root = base / "in"
    root.mkdir()
    expect = write_bad_corpus(root, outside)
    out = base / "out"
    news_pipeline(str(root), str(out), max_file_bytes=MAX)
    return out, expect


def _table(out: Path, name: str) -> pl.DataFrame:
    if not list((out / name).rglob("*.parquet")):
        return pl.DataFrame()
    return pl.scan_parquet(str(out / name / "**" / "*.parquet"), hive_partitioning=True).collect()


def test_bad_corpus_through_the_flow_loses_nothing(flow_run):
    out, expect = flow_run
    arts, dups, rejs = _table(out, "articles"), _table(out, "duplicates"), _table(out, "rejects")
    outcome: dict[str, str] = {}
    for t in (arts, dups):
        if t.height:
            outcome.update({u: "" for u in t["source_uri"]})
    outcome.update(dict(zip(rejs["source_uri"], rejs["reason"])))
    for uri, reason in expect.items():
        assert outcome.get(uri) == reason, (uri, outcome.get(uri))
    truncated = [u for u, r in outcome.items() if r == "truncated_gzip"]
    assert len(truncated) == 1
    assert all(d and len(d) > 30 for d in rejs["detail"])
    run = _table(out, "runs").row(0, named=True)
    assert run["inputs_seen"] == run["inputs_skipped"] + run["articles_new"] + run["duplicates_new"] + run["rejects_new"]
    # the Turkish text is in a txt file and a JSONL record: one of them is the article
    langs = dict(zip(arts["source_uri"], arts["language"]))
    assert {langs.get("enc/cp1254.txt"), langs.get("feeds/mixed.jsonl#4")} == {"tr", None}
    assert langs.get("enc/cp1251.txt") == "ru"
    assert langs.get("enc/latin1.txt", langs.get("enc/utf8_bom.txt")) == "fr"
