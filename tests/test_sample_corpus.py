"""The bundled sample corpus (data/sample) is well formed and carries the traps SAMPLE_EXPECTED.md states.

These tests check the corpus itself, not the pipeline: kinds and counts, encodings, the tweet id,
the traps, and that SAMPLE_EXPECTED.md lists every input.
"""
import gzip
import json
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"
EXPECTED = SAMPLE.parent / "SAMPLE_EXPECTED.md"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

TWITTER_EPOCH_MS = 1288834974657

# source_uri -> encoding the file is written in (None: not text, a reject)
TEXT_FILES = {
    "varnholm_courier/council-harbour-wall-budget.txt": "utf-8",
    "varnholm_courier/kestrel-ferry-winter-crossings.txt": "utf-8",
    "northcape_wire/transport/ferry-winter-timetable.txt": "utf-8",
    "northcape_wire/culture/cape-marrow-lighthouse-reopens.txt": "utf-8",
    "lindmark_post/regional-trade-fair-record.html": "utf-8",
    "coastal_institute/saltmere-varnholm-corridor.txt": "utf-8",
    "ostby_observer/dockworkers-resume-talks.txt": "utf-8",
    "ladoga_vestnik/verkhneladozhsk-tram.txt": "cp1251",
    "denizova_postasi/yeni-feribot-iskelesi.txt": "cp1254",
    "wendelsbruecker_anzeiger/radwegenetz.txt": "utf-8-sig",
}
FEED = "feeds/partner-feed.jsonl.gz"
BAD_FILES = {"varnholm_courier/broken.txt": "not_text", "ostby_observer/empty.txt": "empty"}
INPUT_SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".jsonl.gz")


def read(rel):
    return (SAMPLE / rel).read_bytes().decode(TEXT_FILES[rel])


def feed_records():
    with gzip.open(SAMPLE / FEED, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def input_files():
    return sorted(p.relative_to(SAMPLE).as_posix() for p in SAMPLE.rglob("*")
                  if p.is_file() and p.name.endswith(INPUT_SUFFIXES))


def tweet_datetime(tweet_id):
    return datetime.fromtimestamp(((tweet_id >> 22) + TWITTER_EPOCH_MS) / 1000, timezone.utc)


def test_inventory_matches_the_stated_kinds_and_layout():
    files = input_files()
    assert set(files) == set(TEXT_FILES) | {FEED} | set(BAD_FILES)
    kinds = [next(s for s in (".jsonl.gz", ".jsonl", ".html", ".htm", ".txt") if f.endswith(s)) for f in files]
    assert kinds.count(".txt") == 11 and kinds.count(".html") == 1 and kinds.count(".jsonl.gz") == 1
    assert len({f.split("/")[0] for f in files}) >= 3, "inputs should sit in several sub-folders"
    assert any(f.count("/") >= 2 for f in files), "at least one input two folders deep"
    assert len(feed_records()) == 3
    # 10 article files + 3 records = 13 documents (12 articles + 1 copy), plus 2 rejects
    assert len(TEXT_FILES) + len(feed_records()) == 13


def test_corpus_is_small():
    total = sum(p.stat().st_size for p in SAMPLE.rglob("*") if p.is_file())
    assert total < 100_000


@pytest.mark.parametrize("rel", sorted(TEXT_FILES))
def test_text_files_decode_as_stated(rel):
    raw = (SAMPLE / rel).read_bytes()
    enc = TEXT_FILES[rel]
    text = raw.decode(enc)  # strict
    assert "\x00" not in text and "\ufffd" not in text
    if enc == "utf-8":
        assert not raw.startswith(b"\xef\xbb\xbf")
    if enc == "utf-8-sig":
        assert raw.startswith(b"\xef\xbb\xbf")
    if enc in ("cp1251", "cp1254"):
        with pytest.raises(UnicodeDecodeError):
            raw.decode("utf-8")


def test_legacy_encodings_hold_their_own_scripts():
    assert "трамвай" in read("ladoga_vestnik/verkhneladozhsk-tram.txt")
    tr = read("denizova_postasi/yeni-feribot-iskelesi.txt")
    assert "Ayşe Karakuş" in tr and "iskelesi" in tr and "ı" in tr
    assert "beschließt" in read("wendelsbruecker_anzeiger/radwegenetz.txt")


def test_feed_records_have_the_contract_fields():
    recs = feed_records()
    assert [r["id"] for r in recs] == ["pf-0001", "pf-0002", "pf-0003"]
    for r in recs:
        assert r["text"].strip() and r["url"].startswith("https://") and r["source"]
        datetime.fromisoformat(r["fetched_at"].replace("Z", "+00:00"))
    assert recs[0]["published_at"].startswith("2024-02-15")
    assert "published_at" not in recs[1] and "/2023/11/28/" in recs[1]["url"]
    assert recs[2]["published_at"] == "2025-01-20"


def test_bad_files_are_bad():
    broken = (SAMPLE / "varnholm_courier/broken.txt").read_bytes()
    assert b"\x00" in broken and broken.startswith(b"\x89PNG")
    assert (SAMPLE / "ostby_observer/empty.txt").stat().st_size == 0


def test_tweet_id_decodes_to_the_stated_date():
    for rel in ("varnholm_courier/kestrel-ferry-winter-crossings.txt",
                "northcape_wire/transport/ferry-winter-timetable.txt"):
        ids = re.findall(r"https://twitter\.com/\w+/status/(\d+)", read(rel))
        assert ids, rel
        for tid in ids:
            when = tweet_datetime(int(tid))
            assert when.date().isoformat() == "2024-10-02"
            assert when.date().isoformat() in EXPECTED.read_text()
            assert "2024-10-02 14:37:05" in EXPECTED.read_text()


def test_traps_are_present():
    council = read("varnholm_courier/council-harbour-wall-budget.txt")
    ferry = read("varnholm_courier/kestrel-ferry-winter-crossings.txt")
    copy = read("northcape_wire/transport/ferry-winter-timetable.txt")
    inst = read("coastal_institute/saltmere-varnholm-corridor.txt")
    ostby = read("ostby_observer/dockworkers-resume-talks.txt")
    html = read("lindmark_post/regional-trade-fair-record.html")
    # re-host stamps
    for page in (council, ferry):
        assert page.rstrip().endswith("14 Jan 2026")
        assert "Latest news" in page and len(re.findall(r"\b\d{2}\.Jan\.2026\b", page)) == 6
    # year-less and weekday-only dates, and no year in those articles' bodies
    assert "on 7 November" in council and not re.search(r"\b(19|20)\d\d\b", council.split("Latest news")[0])
    article = ostby.split("Support us", 1)[1].split("... and one more thing", 1)[0]
    assert "on Thursday" in article and not re.search(r"\b(19|20)\d\d\b", article)
    assert "Since July 1, 2024, we have disabled all ads" in ostby
    # citation with a template year, access date, copyright range
    assert "MARKEN. 2026." in inst and "Accessed January 08, 2026." in inst and "18.06.2024" in inst
    for rel in ("coastal_institute/saltmere-varnholm-corridor.txt", "ladoga_vestnik/verkhneladozhsk-tram.txt",
                "denizova_postasi/yeni-feribot-iskelesi.txt", "lindmark_post/regional-trade-fair-record.html"):
        assert "2009-2025" in read(rel), rel
    # print wraps: a compound keeps its hyphen, a split word does not
    assert "govern-\nment" in copy and "govern-\nment" in inst
    assert "Varnholm-\nOstby" in copy and "Saltmere-\nVarnholm" in inst
    assert "Varnholm-Ostby" in ferry and "government" in ferry
    # a linked URL whose year was rewritten to 2026
    assert "https://www.varnholm-courier.example/2026/09/18/ferry-fares-review" in ferry
    assert "https://www.varnholm-courier.example/2026/09/18/ferry-fares-review" in copy
    # the copy is a copy, with other chrome
    assert "NORTHCAPE DAILY WIRE" in copy and "VARNHOLM COURIER" not in copy
    assert "Zuletzt aktualisiert: 14.01.2026" in read("wendelsbruecker_anzeiger/radwegenetz.txt")
    # HTML metadata
    for needle in ('property="og:title"', 'property="article:published_time" content="2025-04-11',
                   'property="article:modified_time" content="2026-01-14', 'rel="canonical"'):
        assert needle in html
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert ld["datePublished"].startswith("2025-04-11") and ld["dateModified"].startswith("2026")


def test_articles_are_short_news_pieces():
    bodies = [read(r) for r in TEXT_FILES] + [r["text"] for r in feed_records()]
    for b in bodies:
        words = len(re.findall(r"\w+", re.sub(r"<[^>]+>", " ", b)))
        assert 110 <= words <= 420, words


def test_expected_lists_every_input():
    text = EXPECTED.read_text()
    for rel in input_files():
        assert rel in text, f"SAMPLE_EXPECTED.md does not mention {rel}"
    for r in feed_records():
        assert f"`{r['id']}`" in text
    for rel, reason in BAD_FILES.items():
        assert rel in text and f"`{reason}`" in text


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")
def test_no_seed_text_was_copied():
    # the donation banner sentence is the one line the sample repeats on purpose
    allowed = {"Since July 1, 2024, we have disabled all ads to improve your reading experience."}
    corpus = "\n".join(read(r) for r in TEXT_FILES) + "\n".join(r["text"] for r in feed_records())
    for seed in SEEDS.glob("*.txt"):
        for line in seed.read_text(errors="replace").splitlines():
            line = line.strip()
            if len(line) >= 40 and line not in allowed:
                assert line not in corpus, f"{seed.name}: {line[:60]}"
