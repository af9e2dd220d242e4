"""The bundled sample corpus through the real flow: every MUST line of data/SAMPLE_EXPECTED.md."""
from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from flows.pipeline import news_pipeline

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"

TITLES = {
    "council-harbour-wall-budget": "Varnholm council approves harbour wall budget after late-night session",
    "kestrel-ferry-winter-crossings": "Kestrel Sound ferry line adds winter crossings between Varnholm and Ostby",
    "cape-marrow-lighthouse-reopens": "Cape Marrow lighthouse museum reopens after three-year restoration",
    "regional-trade-fair-record": "Lindmark Regional Trade Fair opens with record number of exhibitors",
    "saltmere-varnholm-corridor": "Saltmere-Varnholm freight corridor could halve lorry traffic, study finds",
    "dockworkers-resume-talks": "Ostby dockworkers and port operator agree to resume pay talks",
    "verkhneladozhsk-tram": "В Верхнеладожске запустят трамвай до нового микрорайона",
    "yeni-feribot-iskelesi": "Denizova'ya yeni feribot iskelesi: seferler haziranda başlıyor",
    "radwegenetz": "Stadtrat Wendelsbrück beschließt neues Radwegenetz",
    "pf-0001": "Puerto Alcaraván estrena su nueva lonja de pescado",
    "pf-0002": "Зимняя переправа через Ладомшу заработает раньше срока",
    "pf-0003": "Karaçam Bölge Fuarı'na rekor katılım",
}
PUBLISHED = {
    "council-harbour-wall-budget": None,
    "kestrel-ferry-winter-crossings": date(2024, 10, 3),
    "cape-marrow-lighthouse-reopens": date(2025, 8, 22),
    "regional-trade-fair-record": date(2025, 4, 11),
    "saltmere-varnholm-corridor": date(2024, 6, 18),
    "dockworkers-resume-talks": None,
    "verkhneladozhsk-tram": date(2025, 3, 12),
    "yeni-feribot-iskelesi": date(2024, 5, 27),
    "radwegenetz": date(2024, 9, 4),
    "pf-0001": date(2024, 2, 15),
    "pf-0002": date(2023, 11, 28),
    "pf-0003": date(2025, 1, 20),
}
RETRIEVED = {
    "saltmere-varnholm-corridor": date(2026, 1, 8),
    "pf-0001": date(2026, 1, 8),
    "pf-0002": date(2026, 1, 8),
    "pf-0003": date(2026, 1, 9),
}


def _copy_inputs(dst: Path) -> Path:
    shutil.copytree(SAMPLE, dst)
    return dst


def _read(out: Path, table: str) -> pl.DataFrame:
    return pl.scan_parquet(str(out / table / "**" / "*.parquet"), hive_partitioning=True).collect()


@pytest.fixture(scope="module")
def sample_out(prefect_harness, tmp_path_factory):
    inp = _copy_inputs(tmp_path_factory.mktemp("sample") / "in")
    out = tmp_path_factory.mktemp("sample_out")
    summary = news_pipeline(str(inp), str(out))
    return out, summary


@pytest.fixture(scope="module")
def articles(sample_out):
    a = _read(sample_out[0], "articles")
    return {r["record_id"]: r for r in a.iter_rows(named=True)}


def test_counts_and_invariant(sample_out):
    _, s = sample_out
    assert (s["inputs_seen"], s["articles_new"], s["duplicates_new"], s["rejects_new"]) == (15, 12, 1, 2)


def test_languages(articles):
    langs = pl.Series([a["language"] for a in articles.values()]).value_counts()
    assert dict(langs.iter_rows()) == {"en": 6, "ru": 2, "tr": 2, "de": 1, "es": 1}


@pytest.mark.parametrize("record_id", sorted(TITLES))
def test_title(articles, record_id):
    assert articles[record_id]["title"] == TITLES[record_id]


@pytest.mark.parametrize("record_id", sorted(PUBLISHED))
def test_published_date(articles, record_id):
    assert articles[record_id]["published_date"] == PUBLISHED[record_id]


@pytest.mark.parametrize("record_id", sorted(RETRIEVED))
def test_retrieved_date(articles, record_id):
    assert articles[record_id]["retrieved_date"] == RETRIEVED[record_id]


def test_no_2026_publication_anywhere(sample_out):
    out, _ = sample_out
    for table in ("articles", "duplicates"):
        df = _read(out, table)
        # republished_date may carry a page's own 2026 modification stamp (SAMPLE_EXPECTED #5, #10)
        assert not any(d and d.year == 2026 for d in df["published_date"].to_list()), table


def test_syndicated_copy_is_a_near_duplicate_of_the_original(sample_out, articles):
    dups = _read(sample_out[0], "duplicates")
    assert dups["record_id"].to_list() == ["ferry-winter-timetable"]
    original = articles["kestrel-ferry-winter-crossings"]
    row = dups.row(0, named=True)
    assert row["duplicate_of"] == original["article_id"] and row["match"] == "near"
    assert row["similarity"] >= 0.7
    assert row["published_date"] in (date(2024, 10, 3), date(2024, 10, 5))
    assert original["duplicate_count"] == 1


def test_chrome_gone_and_print_wraps_joined(articles):
    kestrel = articles["kestrel-ferry-winter-crossings"]["text"]
    assert "Varnholm-Ostby route" in kestrel and "government" in kestrel and "Latest news" not in kestrel
    council = articles["council-harbour-wall-budget"]["text"]
    assert "Latest news" not in council and "14 Jan 2026" not in council
    dock = articles["dockworkers-resume-talks"]["text"]
    for chrome in ("Since July 1", "Payment methods", "Remind me later"):
        assert chrome not in dock
    corridor = articles["saltmere-varnholm-corridor"]["text"]
    assert "government" in corridor and "Saltmere-Varnholm line" in corridor
    assert "\n" not in corridor.split("\n\n")[0]  # paragraphs joined


def test_encodings_and_metadata(articles):
    assert "трамвай" in articles["verkhneladozhsk-tram"]["text"]
    tr = articles["yeni-feribot-iskelesi"]["text"]
    assert "iskelesi" in tr and "Ayşe Karakuş" in tr
    assert not articles["radwegenetz"]["title"].startswith("\ufeff")
    assert articles["regional-trade-fair-record"]["url"] == (
        "https://www.lindmark-post.example/business/regional-trade-fair-record-exhibitors"
    )
    assert articles["kestrel-ferry-winter-crossings"]["url"] is None


def test_bad_files_are_rejected_with_raw_bytes(sample_out):
    rej = {r["record_id"]: r for r in _read(sample_out[0], "rejects").iter_rows(named=True)}
    assert set(rej) == {"broken", "empty"}
    assert rej["broken"]["reason"] in ("not_text", "undecodable") and rej["broken"]["raw"]
    assert rej["empty"]["reason"] == "empty"


def test_window_places_a_year_less_date_but_not_a_weekday(prefect_harness, tmp_path):
    inp = _copy_inputs(tmp_path / "in")
    out = tmp_path / "out"
    news_pipeline(str(inp), str(out), window="2024-09-01..2024-12-31")
    a = {r["record_id"]: r for r in _read(out, "articles").iter_rows(named=True)}
    assert a["council-harbour-wall-budget"]["published_date"] in (date(2024, 11, 7), date(2024, 11, 8))
    assert a["dockworkers-resume-talks"]["published_date"] is None
