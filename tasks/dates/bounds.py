"""Bounds on a page's publication date, and the rejection rules that follow from them.

`doc_bounds(rows, fetched, run_day, window) -> Bounds` and `reject_reason(row, bounds) -> flag`.

Upper bounds: the run's clock, the record's fetch time (a page cannot be published after
it was fetched), the end of the collection window.  Lower bounds: the newest cited
tweet (a page is never older than a tweet it cites), the start of the window.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

# a date before this is a parse accident in a news corpus (htmldate uses 1995 the same way)
EARLIEST = date(1990, 1, 1)
# a local calendar day may run one day ahead of the UTC day of a clock or a fetch time
ZONE_SLACK = timedelta(days=1)


@dataclass(slots=True)
class Bounds:
    upper: date                  # latest possible day: the run's clock or the fetch date, + 1 day
    run_day: date
    lower: date | None           # earliest possible publication day (tweets, window)
    lower_is_tweet: bool
    window: tuple[date, date] | None
    retrieved: date | None       # the retrieval date to report


def doc_bounds(rows: list[dict], fetched: date | None, run_day: date,
               window: tuple[date, date] | None) -> Bounds:
    """Bounds from one document's evidence rows, its fetch date and the run's clock."""
    # Only the record's own fetch time bounds the publication.  "Accessed ..." lines and
    # bare dates at the end of a page are reported as the retrieval date, but an access
    # date may belong to a reference the page cites, so it rejects nothing.
    texts = [r["value"] for r in rows
             if r["role"] == "retrieval" and r["value"] is not None and r["source"] != "metadata"
             and r["granularity"] == "day" and r["value"] <= run_day]
    retrieved = fetched or (max(texts) if texts else None)
    # clocks and fetch times are UTC, pages carry their local day: east of UTC (up to +14 h)
    # a page fetched at 22:35Z on the 15th is already dated the 16th
    upper = (min(run_day, fetched) if fetched is not None else run_day) + ZONE_SLACK
    tweets = [r["value"] for r in rows if r["role"] == "tweet" and r["value"] is not None
              and r["value"] <= upper]
    lower = max(tweets) if tweets else None
    lower_is_tweet = lower is not None
    if window is not None and (lower is None or window[0] > lower):
        lower, lower_is_tweet = window[0], False
    return Bounds(upper, run_day, lower, lower_is_tweet, window, retrieved)


def reject_reason(row: dict, b: Bounds) -> str | None:
    """Why this candidate cannot be the publication date, or None when it can."""
    if row.get("note"):
        return row["note"]                       # invalid_calendar_date, found at collection
    v = row["value"]
    if v is None:
        return None                              # year-less: placed later, or not at all
    if row["weekday"] is not None and row["granularity"] == "day" and v.weekday() != row["weekday"]:
        return "weekday_mismatch"
    if v > b.upper:
        return "future_date_rejected"
    if v < EARLIEST:
        return "before_earliest"
    if b.window is not None and not (b.window[0] <= v <= b.window[1]):
        return "outside_window"
    if b.lower_is_tweet and b.lower is not None and v < b.lower and row["granularity"] == "day":
        return "before_tweet"
    return None
