"""decide_dates(evidence, docs, clusters, run_started, window) -> (decisions, evidence).

Per document:
 1. bounds (bounds.py): run clock, retrieval date, cited tweets, window;
 2. every candidate that breaks a bound is rejected with the flag saying which;
 3. roles that never give the publication date are marked with why (copyright, sidebar,
    access date, link newer than the page ...);
 4. the publication date is the best-supported day among surviving publication-role
    candidates (equal days add up); year-less dates are placed only when a bound pins
    their year; a citation's full date is used only when nothing else is;
 5. when the page shows its readers only an "Updated ..." line in its header (no
    publication date in its visible text), that day is the date of the text we hold;
 6. later re-publication stamps become republished_date, retrieval becomes retrieved_date;
 7. undated documents may take the earliest credible date of their duplicate cluster.
"""
from __future__ import annotations

import calendar
from collections import defaultdict
from datetime import date, datetime, timedelta

import polars as pl

from .bounds import ZONE_SLACK, Bounds, doc_bounds, reject_reason
from .collect import EVIDENCE_SCHEMA
from .evidence_html import parse_iso, utc_day_shift
from .scan import make_date

DECISION_SCHEMA = {
    "doc_id": pl.String,
    "published_date": pl.Date,
    "published_date_source": pl.String,
    "date_confidence": pl.Float64,
    "republished_date": pl.Date,
    "retrieved_date": pl.Date,
    "date_flags": pl.List(pl.String),
}
# roles that are never the publication date, and the flag they leave when present
IGNORED_ROLE_FLAG = {
    "copyright": "copyright_year_ignored",
    "sidebar": "sidebar_date_ignored",
    "retrieval": "access_date_ignored",
    "republication": "republish_stamp_ignored",
}
# a year-less date is placed after a lower bound only if it falls this close to it
PIN_DAYS = 31
# below this support the best day is "weak"; a rival day of another year with at least
# RIVAL_SHARE of its support makes the answer null (flag conflicting_years)
WEAK = 0.6
RIVAL_SHARE = 0.85
# a published date below this confidence does not date the other copies of its cluster
CLUSTER_MIN_CONFIDENCE = 0.5
# a date printed next to the headline at least this confident overrules the markup's day
DISPLAYED_MIN = 0.41


def _support(cands: list[tuple[float, dict]]) -> float:
    """How well one day is supported: the best candidate of each source, combined noisy-or.

    Independent sources (a meta tag, the URL, a byline) reinforce each other; the same
    source repeated (four JSON-LD blocks, a list of identical dates) counts once.
    """
    best: dict[str, float] = {}
    for conf, r in cands:
        best[r["source"]] = max(best.get(r["source"], 0.0), conf)
    p = 1.0
    for c in best.values():
        p *= 1.0 - min(max(c, 0.0), 0.99)
    return 1.0 - p


def _stamp_values(rows: list[dict]) -> dict[date, str]:
    """Days (and copyright years as Jan 1) that the page's stamps carry -> the flag.

    The record's fetch time is not a stamp on the page: news is often fetched the day it
    is published."""
    out: dict[date, str] = {}
    for r in rows:
        if r["value"] is None or r["source"] == "metadata":
            continue
        if r["role"] in IGNORED_ROLE_FLAG:
            out.setdefault(r["value"], IGNORED_ROLE_FLAG[r["role"]])
        elif r["role"] == "link":
            out.setdefault(r["value"], "link_date_impossible")
    return out


def _first_position(cands: list[tuple[float, dict]]) -> tuple[int, int]:
    """Where the first candidate for a day sits: markup, URL and record metadata before any
    visible text, and among markup the tag met first (a <head> meta before body microdata)."""
    return min((0, r["position"]) if r["zone"] in ("markup", "url", "meta") else (1, r["position"])
               for _, r in cands)


def _place_yearless(r: dict, b: Bounds) -> date | None:
    """The date of a year-less candidate when a bound pins its year, else None.

    A window pins it when exactly one year puts the day inside the window; a cited tweet
    pins it when the first such day on or after the tweet is within PIN_DAYS of it.
    """
    m, d = r["month"], r["day"]
    if m is None or d is None:
        return None
    if b.window is not None:
        hits = [x for y in range(b.window[0].year, b.window[1].year + 1)
                if (x := make_date(y, m, d)) and b.window[0] <= x <= b.window[1]]
        return hits[0] if len(hits) == 1 else None
    if b.lower is not None and b.lower_is_tweet:
        for y in (b.lower.year, b.lower.year + 1):
            x = make_date(y, m, d)
            if x and b.lower <= x <= b.upper:
                return x if (x - b.lower).days <= PIN_DAYS else None
    return None


def _decide_one(rows: list[dict], fetched: date | None, run_day: date,
                window: tuple[date, date] | None) -> dict:
    """Decision for one document; fills used_as / rejected_reason in `rows` in place."""
    b = doc_bounds(rows, fetched, run_day, window)
    flags: list[str] = []
    pubs: dict[date, list[tuple[float, dict]]] = defaultdict(list)
    citations: dict[date, list[tuple[float, dict]]] = defaultdict(list)
    yearless: list[dict] = []
    stamps = _stamp_values(rows)
    yearless_days = {(r["month"], r["day"]) for r in rows
                     if r["role"] == "publication" and r["value"] is None and r["month"] and r["day"]}
    months: dict[tuple[int, int], list[tuple[float, dict]]] = defaultdict(list)
    for r in rows:
        r["used_as"], r["rejected_reason"] = None, None
        role = r["role"]
        if role in ("publication", "citation"):
            reason = reject_reason(r, b)
            if reason is None and r["source"] == "htmldate" and r["value"] in stamps:
                reason = stamps[r["value"]]   # htmldate returned one of the page's stamps
            if reason is None and r["source"] == "htmldate" and r["value"] is not None and \
                    (r["value"].month, r["value"].day) in yearless_days:
                reason = "year_unknown"       # the page shows this day without a year
            if reason:
                r["rejected_reason"] = reason
                continue
            if r["value"] is None:
                yearless.append(r)
            elif r["granularity"] == "month" and role == "publication":
                # "first published in April 2017" supports the days of April 2017
                months[(r["value"].year, r["value"].month)].append((r["confidence"], r))
            elif r["granularity"] == "day":
                (pubs if role == "publication" else citations)[r["value"]].append((r["confidence"], r))
            elif role == "citation":
                r["rejected_reason"] = "citation_year_ignored"  # "Doe. 2026." template year
        elif role == "event" and r["value"] is None:
            yearless.append(r)
        elif role == "copyright":
            r["rejected_reason"] = "copyright_year_ignored"

    _drop_after_original(pubs, months)
    source = None
    published = None
    confidence = None
    pool = pubs or citations
    if pool:
        # best supported day; ties go to the day found first on the page (the header),
        # then to the earlier day
        scored = sorted(((_support(c + months.get((d.year, d.month), [])), d) for d, c in pool.items()),
                        key=lambda t: (-round(t[0], 6), _first_position(pool[t[1]]), t[1]))
        confidence, published = scored[0]
        rival = next((sc for sc, d in scored[1:] if d.year != published.year), 0.0)
        if confidence < WEAK and rival >= RIVAL_SHARE * confidence:
            # weak evidence split between years: a wrong year is the worst error, say so
            for _, r in pool[published]:
                r["rejected_reason"] = "conflicting_years"
            flags.append("conflicting_years")
            pool, published, confidence = {}, None, None
    if published is not None and pool is pubs:
        published, confidence = _prefer_displayed(pool, published, confidence, flags)
        published, confidence = _local_day(pool, published, confidence)
    shown = _shown_update_only(rows, published, b)
    if shown is not None:
        for _, r in (pool.get(published, []) if published is not None else []):
            r["rejected_reason"] = "only_update_shown"
        published, confidence = shown["value"], HEADER_UPDATE_CONFIDENCE
        pool = {published: [(confidence, shown)]}
        flags.append("only_update_shown")
    if published is not None:
        best = max(pool[published], key=lambda t: t[0])[1]
        source = "citation" if pool is citations else best["source"]
        if pool is citations:
            confidence *= 0.8
        for _, r in pool[published]:
            r["used_as"] = "published"
    elif "conflicting_years" not in flags:
        placed = []
        for r in yearless:
            x = _place_yearless(r, b)
            if x is not None and reject_reason({**r, "value": x}, b) is None:
                placed.append((x, r))
        if placed:
            # a report is published on or after the latest day it speaks of
            published, r = max(placed, key=lambda t: t[0])
            r["used_as"] = "published"
            source = "window" if b.window is not None else "text"
            confidence = 0.35
            flags.append("year_from_window" if b.window is not None else "year_from_bound")
        elif yearless:
            flags.append("year_unknown")

    republished = _republication(rows, published, b)
    retrieved = b.retrieved
    if retrieved is not None and published is not None and retrieved + ZONE_SLACK < published:
        retrieved = None   # an "Accessed" date older than the page belongs to a cited source
    _mark_other_roles(rows, published, republished, retrieved, flags)
    if published is None and "no_date_evidence" not in flags:
        flags.insert(0, "no_date_evidence")
    return {"published_date": published, "published_date_source": source,
            "date_confidence": round(confidence, 3) if confidence is not None else None,
            "republished_date": republished, "retrieved_date": retrieved,
            "date_flags": sorted(set(flags))}


# an update stamp counts as shown in the page's header when its position weight kept it
# at least this strong (evidence_text: 0.3 times the header/body-top weight)
HEADER_UPDATE_MIN = 0.25
HEADER_UPDATE_CONFIDENCE = 0.5


def _shown_update_only(rows: list[dict], published: date | None, b: Bounds) -> dict | None:
    """The update stamp the page shows its readers in its header, when that is the only
    date it shows ("Updated Mar 12, 2020 @ 10:42 am", "Stand: 07.11.2023"), else None.

    The text we hold is the version the page presents as of that day; the earlier day of
    the CMS record (datePublished in markup, never shown) stays in date_evidence with the
    reason only_update_shown. A page that also shows a publication date keeps it, and the
    update becomes republished_date. Re-host stamps are never candidates: they are markup,
    footers, sidebars or access lines (a footer update has zone 'tail' or a low position
    weight), and the bounds (fetch time, run clock) hold as for every date.
    """
    visible_pub = [r for r in rows if r["source"] in ("text", "byline") and r["role"] == "publication"
                   and r["granularity"] == "day" and r["value"] is not None
                   and r["zone"] not in ("tail", "stamp") and not r["rejected_reason"]]
    # a record's own published_at (JSONL) is the scraper's or the user's word: it stays
    stated = [r for r in rows if r["source"] == "metadata" and r["role"] == "publication"
              and not r["rejected_reason"]]
    if visible_pub or stated:
        return None
    ups = [r for r in rows if r["source"] == "text" and r["role"] == "republication"
           and r["granularity"] == "day" and r["value"] is not None and r["zone"] not in ("tail", "stamp")
           and r["confidence"] >= HEADER_UPDATE_MIN and reject_reason(r, b) is None
           and (published is None or r["value"] > published)]
    if not ups:
        return None
    return min(ups, key=lambda r: r["position"])


def _original_end(cands: list[tuple[float, dict]]) -> date | None:
    """The last day of the period an explicit first-publication statement names (the day
    itself, or the end of its month or year), or None when the page makes no such statement."""
    ends = []
    for _, r in cands:
        if r["zone"] != "original" or r["value"] is None:
            continue
        v = r["value"]
        if r["granularity"] == "day":
            ends.append(v)
        elif r["granularity"] == "month":
            ends.append(v.replace(day=calendar.monthrange(v.year, v.month)[1]))
        else:
            ends.append(date(v.year, 12, 31))
    return min(ends) if ends else None


def _drop_after_original(pubs: dict, months: dict) -> None:
    """Remove from `pubs` the days after the first publication the page itself states
    ("Cet article, initialement publié en avril 2017, a fait l'objet d'une mise à jour"):
    those are the update's dates, however strongly markup and headline carry them."""
    end = _original_end([c for cands in (*pubs.values(), *months.values()) for c in cands])
    if end is None:
        return
    for day in [d for d in pubs if d > end]:
        for _, r in pubs.pop(day):
            r["rejected_reason"] = "after_original_publication"   # flagged by _mark_other_roles


def _prefer_displayed(pool: dict, published: date, confidence: float,
                      flags: list[str]) -> tuple[date, float]:
    """The date the page prints next to its headline, when markup says another day.

    Markup dates are often the CMS record's (created, imported, re-indexed), while the
    headline date is the one the publisher shows its readers. A displayed day one later
    than the markup's is left to the markup (a time-zone difference: the markup carries
    the zone); one earlier wins, as a page is out no later than the first day it shows.
    """
    shown = [(c, d) for d, cands in pool.items() for c, r in cands
             if r["zone"] == "title" and c >= DISPLAYED_MIN]
    if not shown or any(d == published for _, d in shown):
        return published, confidence
    conf, day = max(shown, key=lambda t: t[0])
    if (day.day, day.month) == (published.month, published.day):
        return published, confidence      # the same digits swapped (06/01, 01/06): the order
    if abs((day - published).days) == 1 and day > published:
        # a day later than the markup: the markup's own time zone is the better witness;
        # a day earlier: the page was out before its markup time (an update, a re-index)
        return published, confidence
    for _, r in pool[published]:
        r["rejected_reason"] = "displayed_date_differs"
    flags.append("displayed_date_differs")
    return day, _support(pool[day])


def _local_day(pool: dict, published: date, confidence: float) -> tuple[date, float]:
    """The page's local day when its markup gives only a UTC time near midnight and the
    page prints the neighbouring day that time is in its zone ("2021-11-04T23:00Z" and
    "5. November 2021" on a page in Central Europe)."""
    markup = [r for _, r in pool[published] if r["zone"] == "markup"]
    if not markup or any(r["zone"] != "markup" for _, r in pool[published]):
        return published, confidence
    shifts = {utc_day_shift(r["raw"]) for r in markup}
    if len(shifts) != 1 or 0 in shifts:
        return published, confidence
    day = published + timedelta(days=shifts.pop())
    # a weekday with the date is the site's "today" bar more often than the article's day
    # (a header date may sit at the body's top when a lead stands above it: the confidence
    # bound keeps out dates further down, which are weighed less)
    shown = [c for c, r in pool.get(day, []) if r["zone"] in ("title", "head", "body")
             and r["weekday"] is None and c >= DISPLAYED_MIN]
    if not shown:
        return published, confidence
    for _, r in pool[published]:
        r["rejected_reason"] = "utc_day_not_local"
    return day, _support(pool[day])


def _republication(rows: list[dict], published: date | None, b: Bounds) -> date | None:
    """The latest credible update/re-host date after publication (a stamp), or None.

    A citation's own later day ("Blog ... November 25" after "23.11.2020") is a
    re-publication too.
    """
    best = None
    for r in rows:
        if r["role"] not in ("republication", "citation", "publication") or r["value"] is None:
            continue
        if r["granularity"] != "day" or r.get("used_as") == "published":
            continue
        if r["role"] == "publication" and r["source"] not in ("meta_tag", "json_ld", "time_tag", "byline"):
            continue
        v = r["value"]
        if v > b.run_day or (b.retrieved and v > b.retrieved) or (published and v <= published):
            continue
        if r["role"] != "republication" and published is None:
            continue
        if best is None or v > best:
            best = v
    return best


def _mark_other_roles(rows, published, republished, retrieved, flags: list[str]) -> None:
    """used_as / rejected_reason for the candidates that did not give the publication date."""
    for r in rows:
        role, v = r["role"], r["value"]
        if r["used_as"] or r["rejected_reason"]:
            if r["rejected_reason"] and r["rejected_reason"] not in ("before_earliest",):
                if r["role"] in ("publication", "citation") or r["rejected_reason"].endswith("ignored"):
                    flags.append(r["rejected_reason"])
            continue
        if v is not None and republished is not None and v == republished and role in (
                "republication", "citation", "publication"):
            r["used_as"] = "republished"
            if role == "republication":
                flags.append("republish_stamp_ignored")
            continue
        if role == "retrieval":
            if v is not None and v == retrieved:
                r["used_as"] = "retrieved"
            if r["source"] != "metadata":
                r["rejected_reason"] = "access_date_ignored"
                flags.append("access_date_ignored")
        elif role in ("republication", "sidebar", "copyright"):
            r["rejected_reason"] = IGNORED_ROLE_FLAG[role]
            flags.append(IGNORED_ROLE_FLAG[role])
        elif role == "link" and v is not None and published is not None and v > published:
            r["rejected_reason"] = "link_date_impossible"
            flags.append("link_date_impossible")


def decide_dates(evidence: pl.DataFrame, docs: pl.DataFrame, clusters: pl.DataFrame | None,
                 run_started: datetime, window: tuple[date, date] | None
                 ) -> tuple[pl.DataFrame, pl.DataFrame]:
    """One decision row per document of `docs`, and the evidence with used_as/rejected_reason."""
    run_day = run_started.date() if isinstance(run_started, datetime) else run_started
    # evidence may come back from storage without the optional columns (or with none at
    # all for an empty shard): add them as nulls so every rule can read them
    missing = [pl.lit(None, dtype).alias(c) for c, dtype in EVIDENCE_SCHEMA.items()
               if c not in evidence.columns]
    if missing:
        evidence = evidence.with_columns(missing) if evidence.columns else pl.DataFrame(schema=EVIDENCE_SCHEMA)
    by_doc: dict[str, list[dict]] = defaultdict(list)
    ev_cols = list(evidence.columns)
    for r in evidence.iter_rows(named=True):
        by_doc[r["doc_id"]].append(r)
    fetched_col = "meta_fetched_at" in docs.columns
    decisions = []
    for doc in docs.select(["doc_id"] + (["meta_fetched_at"] if fetched_col else [])).iter_rows(named=True):
        f = parse_iso(doc.get("meta_fetched_at") or "") if fetched_col else None
        fetched = f.value if f is not None else None
        rows = by_doc.get(doc["doc_id"], [])
        decisions.append({"doc_id": doc["doc_id"], **_decide_one(rows, fetched, run_day, window)})
    dec = pl.DataFrame(decisions, schema=DECISION_SCHEMA, strict=False) if decisions else \
        pl.DataFrame(schema=DECISION_SCHEMA)
    if clusters is not None and dec.height:
        dec = _date_from_clusters(dec, clusters)
    out_rows = [r for rows in by_doc.values() for r in rows]
    schema = {**{c: evidence.schema[c] for c in ev_cols}, "used_as": pl.String,
              "rejected_reason": pl.String}
    ev = pl.DataFrame(out_rows, schema=schema, strict=False) if out_rows else pl.DataFrame(schema=schema)
    return dec, ev


def _date_from_clusters(dec: pl.DataFrame, clusters: pl.DataFrame) -> pl.DataFrame:
    """Undated copies take the earliest credible published date of their cluster."""
    c = clusters.select("doc_id", "cluster_id").unique("doc_id")
    d = dec.join(c, on="doc_id", how="left")
    credible = (d.filter(pl.col("published_date").is_not_null()
                         & (pl.col("date_confidence") >= CLUSTER_MIN_CONFIDENCE)
                         & pl.col("cluster_id").is_not_null())
                .group_by("cluster_id").agg(pl.col("published_date").min().alias("_cluster_date")))
    d = d.join(credible, on="cluster_id", how="left")
    take = pl.col("published_date").is_null() & pl.col("_cluster_date").is_not_null()
    d = d.with_columns(
        published_date=pl.when(take).then(pl.col("_cluster_date")).otherwise(pl.col("published_date")),
        published_date_source=pl.when(take).then(pl.lit("cluster")).otherwise(pl.col("published_date_source")),
        date_confidence=pl.when(take).then(pl.lit(0.5)).otherwise(pl.col("date_confidence")),
        date_flags=pl.when(take).then(
            pl.col("date_flags").list.set_difference(pl.lit(["no_date_evidence"])).list.concat(
                pl.lit(["date_from_cluster"])).list.sort())
        .otherwise(pl.col("date_flags")),
    )
    return d.select(list(DECISION_SCHEMA))
