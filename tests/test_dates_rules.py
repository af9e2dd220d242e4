"""Every rejection rule and role, each with a sentence written for this test."""
from datetime import date

import polars as pl

from tests.test_dates_helpers import evidence, one, run

BODY = ("The harbour authority closed the northern pier after inspectors found cracks in "
        "two of its pillars, and repairs are expected to take most of the season.")


def _reason(ev: pl.DataFrame, raw_part: str) -> str | None:
    rows = ev.filter(pl.col("raw").str.contains(raw_part, literal=True))
    assert rows.height, f"no evidence row for {raw_part!r}"
    return rows["rejected_reason"][0]


def test_no_evidence_gives_null_and_flag():
    d = one("Pier closed\n\n" + BODY)
    assert d["published_date"] is None
    assert d["date_flags"] == ["no_date_evidence"]


def test_every_doc_gets_exactly_one_decision():
    dec, _ = run({"content": "Pier closed on 3 May 2021.\n" + BODY}, {"content": BODY},
                 {"content": ""})
    assert dec.height == 3 and dec["doc_id"].n_unique() == 3


def test_future_date_is_rejected():
    d = one("Pier closed\nPublished: 3 May 2031\n\n" + BODY)
    assert d["published_date"] is None
    assert "future_date_rejected" in d["date_flags"]


def test_date_after_retrieval_is_rejected():
    d = one("Pier closed\nPublished: 3 May 2021\n\n" + BODY, meta_fetched_at="2021-04-30T10:00:00Z")
    assert d["published_date"] is None and "future_date_rejected" in d["date_flags"]
    assert d["retrieved_date"] == date(2021, 4, 30)


def test_local_date_one_day_after_a_utc_fetch_is_possible():
    """Fetch times are UTC; a Taipei page fetched at 22:35Z on 15 October is already dated
    the 16th where it is published. One day later than the fetch is a time zone, two days
    is impossible."""
    page = "Pier closed\nPublished: 16 October 2024\n\n" + BODY
    d = one(page, meta_fetched_at="2024-10-15T22:35:38Z")
    assert d["published_date"] == date(2024, 10, 16)
    assert d["retrieved_date"] == date(2024, 10, 15)        # still the fetch, not dropped
    d = one(page.replace("16 October", "17 October"), meta_fetched_at="2024-10-15T22:35:38Z")
    assert d["published_date"] is None and "future_date_rejected" in d["date_flags"]


def test_date_before_a_cited_tweet_is_rejected():
    tweet_id = (1622548800000 - 1288834974657) << 22          # 2021-06-01
    page = (f"Pier closed\n12.05.2021\n\n{BODY}\n"
            f"https://twitter.com/harbourwatch/status/{tweet_id}\n")
    d = one(page)
    assert d["published_date"] is None
    assert "before_tweet" in d["date_flags"]


def test_link_newer_than_the_page_is_impossible():
    page = (f"Pier closed\nPublished: 3 May 2021\n\n{BODY}\n"
            "Read more: https://example.org/news/2026/01/12/pier-reopens/\n")
    ev = evidence(page)
    assert _reason(ev, "2026/01/12") == "link_date_impossible"
    assert one(page)["published_date"] == date(2021, 5, 3)


def test_invalid_calendar_date():
    d = one("Pier closed\nPublished: 31.02.2021\n\n" + BODY)
    assert d["published_date"] is None
    assert "invalid_calendar_date" in d["date_flags"]


def test_weekday_mismatch():
    # 3 May 2021 was a Monday, not a Friday
    d = one("Pier closed\nPublished Friday, 3 May 2021\n\n" + BODY)
    assert d["published_date"] is None and "weekday_mismatch" in d["date_flags"]
    assert one("Pier closed\nPublished Monday, 3 May 2021\n\n" + BODY)["published_date"] == date(2021, 5, 3)


def test_outside_window():
    d = one("Pier closed\nPublished: 3 May 2021\n\n" + BODY, window=(date(2020, 1, 1), date(2020, 12, 31)))
    assert d["published_date"] is None and "outside_window" in d["date_flags"]


def test_copyright_year_is_ignored():
    d = one("Pier closed\n\n" + BODY + "\n© 2009-2025 Harbour Gazette. All rights reserved.\n")
    assert d["published_date"] is None
    assert "copyright_year_ignored" in d["date_flags"]


def test_access_date_becomes_retrieved_date():
    page = f"Pier closed\nPublished: 3 May 2021\n\n{BODY}\nAccessed January 03, 2026.\n"
    d = one(page)
    assert d["published_date"] == date(2021, 5, 3)
    assert d["retrieved_date"] == date(2026, 1, 3)
    assert "access_date_ignored" in d["date_flags"]


def test_later_modified_stamp_becomes_republished_date():
    html = ("<html><head><meta property='article:published_time' content='2021-05-03T09:00:00+02:00'>"
            "<meta property='article:modified_time' content='2026-01-09T09:30:00+00:00'></head>"
            f"<body><p>{BODY}</p></body></html>")
    d = one(html, is_html=True)
    assert d["published_date"] == date(2021, 5, 3)
    assert d["republished_date"] == date(2026, 1, 9)
    assert "republish_stamp_ignored" in d["date_flags"]


def test_modified_stamp_alone_is_not_a_publication_date():
    html = ("<html><head><meta property='article:modified_time' content='2026-01-09T09:30:00+00:00'>"
            f"</head><body><p>{BODY}</p></body></html>")
    d = one(html, is_html=True)
    assert d["published_date"] != date(2026, 1, 9)
    assert d["republished_date"] == date(2026, 1, 9)


def test_sidebar_of_newer_articles_is_ignored():
    page = ("Pier closed\n\n" + BODY + "\nLatest news\nFerry timetable changes\n12.Jan.2026\n"
            "New lighthouse keeper\n11.Jan.2026\nFish market reopens\n10.Jan.2026\n")
    d = one(page)
    assert d["published_date"] is None
    assert "sidebar_date_ignored" in d["date_flags"]


def test_trailing_page_stamp_is_retrieval_not_publication():
    page = "Pier closed\nPublished: 3 May 2021\n\n" + BODY + "\n" + BODY + "\n\n\n\n\n\n3 Jan 2026\n"
    d = one(page)
    assert d["published_date"] == date(2021, 5, 3)
    assert d["retrieved_date"] == date(2026, 1, 3)


def test_since_banner_is_an_event():
    d = one("Since July 1, 2024, this site carries no advertising.\n\nPier closed\n\n" + BODY)
    assert d["published_date"] is None


def test_year_less_date_needs_a_bound():
    page = "Pier closed\n\nInspectors found the cracks on 7 November during a routine dive.\n" + BODY
    d = one(page)
    assert d["published_date"] is None and "year_unknown" in d["date_flags"]
    d = one(page, window=(date(2020, 9, 1), date(2020, 12, 31)))
    assert (d["published_date"], d["published_date_source"]) == (date(2020, 11, 7), "window")


def test_year_less_date_pinned_by_a_cited_tweet():
    tweet_id = (1602849600000 - 1288834974657) << 22          # 2020-10-16 12:00 UTC
    page = (f"Pier closed\n\nOn Oct. 16, the harbour master posted photos of the cracks.\n{BODY}\n"
            f"https://twitter.com/harbourwatch/status/{tweet_id}\n")
    assert one(page)["published_date"] == date(2020, 10, 16)


def test_genuine_2026_article_keeps_its_date():
    d = one("Pier reopens\nPublished: 12 January 2026\n\n" + BODY + "\n© 2026 Harbour Gazette\n")
    assert d["published_date"] == date(2026, 1, 12)


def test_undated_copy_takes_its_cluster_date():
    dated = {"doc_id": "a", "content": "Pier closed\nPublished: 3 May 2021\n\n" + BODY}
    copy = {"doc_id": "b", "content": "Pier closed\n\n" + BODY}
    clusters = pl.DataFrame({"doc_id": ["a", "b"], "cluster_id": ["c1", "c1"]})
    dec, _ = run(dated, copy, clusters=clusters)
    b = dec.filter(pl.col("doc_id") == "b").row(0, named=True)
    assert (b["published_date"], b["published_date_source"]) == (date(2021, 5, 3), "cluster")


def test_evidence_gets_used_as_and_rejected_reason():
    _, ev = run({"content": "Pier closed\nPublished: 3 May 2021\n\n" + BODY + "\n© 2025 Gazette\n"})
    assert {"used_as", "rejected_reason", "raw", "value", "granularity", "role", "source",
            "position", "confidence"} <= set(ev.columns)
    assert ev.filter(pl.col("used_as") == "published")["raw"].to_list() == ["3 May 2021"]
