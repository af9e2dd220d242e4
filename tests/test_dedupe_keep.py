"""choose_kept: which document of a cluster becomes the article."""
from datetime import date

import polars as pl

from tasks.dedupe import choose_kept

CLUSTER_SCHEMA = {"doc_id": pl.String, "cluster_id": pl.String, "match": pl.String, "similarity": pl.Float64,
                  "matched_doc_id": pl.String, "stored_match": pl.Boolean}
FACT_SCHEMA = {"doc_id": pl.String, "published_date": pl.Date, "date_confidence": pl.Float64, "word_count": pl.Int32}


def clusters(rows):
    return pl.DataFrame([dict(zip(CLUSTER_SCHEMA, r)) for r in rows], schema=CLUSTER_SCHEMA, orient="row")


def facts(rows):
    return pl.DataFrame(rows, schema=FACT_SCHEMA, orient="row")


def kept(c, f) -> dict[str, str]:
    out = choose_kept(c, f)
    return dict(zip(out["doc_id"], out["kept_doc_id"]))


def test_earliest_credible_date_wins_over_more_words():
    c = clusters([("a", "a", "near", 0.8, "b", False), ("b", "a", "near", 0.8, "a", False),
                  ("c", "a", "exact", 1.0, "b", False)])
    f = facts([("a", date(2020, 11, 25), 0.9, 900), ("b", date(2020, 11, 23), 0.8, 700),
               ("c", None, None, 950)])
    assert kept(c, f) == {"a": "b", "b": "b", "c": "b"}


def test_low_confidence_date_does_not_count():
    # "c" carries a page stamp read as a date with little confidence: not credible.
    c = clusters([("a", "a", "near", 0.8, "c", False), ("c", "a", "near", 0.8, "a", False)])
    f = facts([("a", date(2020, 11, 23), 0.9, 500), ("c", date(2019, 1, 1), 0.3, 600)])
    assert kept(c, f) == {"a": "a", "c": "a"}


def test_without_dates_the_most_complete_text_wins_then_smallest_id():
    c = clusters([("x1", "x1", "near", 0.9, "x2", False), ("x2", "x1", "near", 0.9, "x1", False),
                  ("x3", "x1", "exact", 1.0, "x2", False)])
    f = facts([("x1", None, None, 400), ("x2", None, None, 480), ("x3", None, None, 480)])
    assert kept(c, f) == {"x1": "x2", "x2": "x2", "x3": "x2"}


def test_earlier_runs_article_stays_kept_even_if_a_new_copy_is_older():
    c = clusters([("new1", "old_article", "near", 0.7, "old_article", True)])
    f = facts([("new1", date(2001, 1, 1), 1.0, 5000)])
    assert kept(c, f) == {"new1": "old_article"}


def test_singletons_keep_themselves_and_row_order_does_not_matter():
    c = clusters([("s", "s", None, None, None, False), ("a", "a", "near", 0.8, "b", False),
                  ("b", "a", "near", 0.8, "a", False)])
    f = facts([("s", None, None, 10), ("a", None, None, 300), ("b", None, None, 300)])
    first = kept(c, f)
    assert first == {"s": "s", "a": "a", "b": "a"}
    assert kept(c.reverse(), f.reverse()) == first
