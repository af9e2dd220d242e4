"""The five seed pages (../shared/seeds) decided as EXPECTED.md says; skipped without them."""
from datetime import date
from pathlib import Path

import pytest

from tests.test_dates_helpers import run

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
WINDOW = (date(2020, 9, 1), date(2020, 12, 31))

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")


def _decide(window=None) -> dict[str, dict]:
    files = sorted(SEEDS.glob("00[0-4]_*.txt"))
    docs = [{"doc_id": f.name[:3], "content": f.read_text(encoding="utf-8")} for f in files]
    dec, _ = run(*docs, window=window)
    return {r["doc_id"]: r for r in dec.iter_rows(named=True)}


@pytest.fixture(scope="module")
def seeds():
    return _decide()


def test_no_seed_is_dated_by_a_stamp(seeds):
    for d in seeds.values():
        assert d["published_date"] is None or d["published_date"].year == 2020


def test_000_year_less_call_date_is_not_guessed(seeds):
    d = seeds["000"]
    assert d["published_date"] is None
    assert {"sidebar_date_ignored", "year_unknown"} <= set(d["date_flags"])


def test_000_window_places_7_november():
    d = _decide(WINDOW)["000"]
    assert (d["published_date"], d["published_date_source"]) == (date(2020, 11, 7), "window")


def test_001_original_republished_and_accessed(seeds):
    d = seeds["001"]
    assert d["published_date"] == date(2020, 11, 23)
    assert d["republished_date"] == date(2020, 11, 25)
    assert d["retrieved_date"] == date(2026, 1, 8)
    assert "copyright_year_ignored" in d["date_flags"]


def test_002_no_year_anywhere(seeds):
    assert seeds["002"]["published_date"] is None


def test_003_tweet_pins_oct_14_and_rewritten_link_is_impossible(seeds):
    d = seeds["003"]
    assert d["published_date"] == date(2020, 10, 14)
    assert "link_date_impossible" in d["date_flags"]


def test_004_donation_banner_is_not_the_date(seeds):
    d = seeds["004"]
    assert d["published_date"] is None
    assert "no_date_evidence" in d["date_flags"]
