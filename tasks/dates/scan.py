"""Find every date-shaped string in a piece of text: `scan_text(text) -> list[Found]`.

Only shapes and calendar arithmetic live here; what a date *means* (its role) is decided
in roles.py from the words around it.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import date, datetime, timezone

from . import patterns as P


@dataclass(slots=True)
class Found:
    """One date-shaped string. `value` is None for year-less dates and invalid calendar dates."""
    start: int
    end: int
    raw: str
    year: int | None
    month: int | None
    day: int | None
    granularity: str            # 'day' | 'month' | 'year'
    weekday: int | None = None  # weekday named next to the date (Monday=0)
    invalid: bool = False       # e.g. 31.02.2020
    ambiguous_order: bool = False  # 03/04/2020: both readings possible
    short_year: bool = False    # 23.11.20: the century is a guess

    @property
    def value(self) -> date | None:
        if self.year is None or self.invalid:
            return None
        return date(self.year, self.month or 1, self.day or 1)


def make_date(y: int, m: int, d: int) -> date | None:
    """The calendar date, or None when it does not exist (31 February)."""
    try:
        return date(y, m, d)
    except ValueError:
        return None


def year4(y: str) -> int:
    """Four-digit year from '2020' or '20' (two digits: 00-40 -> 20xx, else 19xx)."""
    n = int(y)
    if len(y) == 2:
        return 2000 + n if n <= 40 else 1900 + n
    return n


def tweet_datetime(tweet_id: int) -> datetime | None:
    """UTC time encoded in a Twitter/X snowflake id; None for pre-snowflake (2010) ids."""
    ms = (tweet_id >> 22) + P.TWITTER_EPOCH_MS
    if tweet_id < (1 << 32):  # sequential ids from before Nov 2010 decode to nonsense
        return None
    return datetime.fromtimestamp(ms / 1000, tz=timezone.utc)


def _weekday_near(text: str, start: int, end: int) -> int | None:
    before = P.WEEKDAY_BEFORE.search(text, max(0, start - 16), start)  # anchored at `start`
    if before:
        return P.WEEKDAYS.get(before.group("wd").lower())
    after = P.WEEKDAY_AFTER.match(text[end:end + 16])
    if after:
        return P.WEEKDAYS.get(after.group("wd").lower())
    return None


class _Spans:
    """Non-overlapping (start, end) spans kept sorted, with an O(log n) overlap test."""

    def __init__(self, spans=()):
        self.starts: list[int] = []
        self.ends: list[int] = []
        for a, b in sorted(spans):
            self.add(a, b)

    def overlaps(self, s: int, e: int) -> bool:
        i = bisect.bisect_left(self.starts, e)      # spans starting before e
        return i > 0 and max(self.ends[max(0, i - 4):i]) > s

    def add(self, s: int, e: int) -> None:
        i = bisect.bisect_left(self.starts, s)
        self.starts.insert(i, s)
        self.ends.insert(i, e)


def scan_text(text: str, prefer_mdy: bool | None = None,
              skip: list[tuple[int, int]] | None = None) -> list[Found]:
    """All dates in `text`, left to right, without overlaps.

    Full dates (day, month, year) are found first; month-year and year-less day-month
    shapes only where no full date was found.  `skip` spans (URLs) are ignored.
    `prefer_mdy` decides 03/04/2020 when the document has no unambiguous numeric date.
    """
    spans = _Spans(skip or [])
    out: list[Found] = []

    def add(s: int, e: int, y, m, d, gran, ambiguous=False, short_year=False):
        if spans.overlaps(s, e):
            return
        spans.add(s, e)
        invalid = gran == "day" and y is not None and make_date(y, m, d) is None
        out.append(Found(s, e, text[s:e], y, m, d, gran, invalid=invalid,
                         ambiguous_order=ambiguous, short_year=short_year))

    for mt in P.YMD.finditer(text):
        add(mt.start(), mt.end(), int(mt["y"]), int(mt["m"]), int(mt["d"]), "day")
    for mt in P.CJK.finditer(text):
        add(mt.start(), mt.end(), int(mt["y"]), int(mt["m"]), int(mt["d"]), "day")
    # month-name shapes: full dates now, month-year and year-less ones after the numbers
    partial = []
    for rx in (P.DAY_FIRST_NAME, P.MONTH_FIRST_NAME):
        for mt in rx.finditer(text):
            if not (mt["y"] or mt["d"]):
                continue                     # a month name alone
            if mt["y"] and mt["d"]:
                add(mt.start(), mt.end(), int(mt["y"]), P.MONTHS[mt["mn"].lower()], int(mt["d"]), "day")
            else:
                partial.append(mt)
    for mt in P.YMD_NAME.finditer(text):
        add(mt.start(), mt.end(), int(mt["y"]), P.MONTHS[mt["mn"].lower()], int(mt["d"]), "day")
    for mt in P.DAY_NAME_SHORT_YEAR.finditer(text):
        add(mt.start(), mt.end(), year4(mt["y"]), P.MONTHS[mt["mn"].lower()], int(mt["d"]), "day",
            short_year=True)
    nums = list(P.NUM3.finditer(text))
    if prefer_mdy is None:
        prefer_mdy = _document_prefers_mdy(nums, text)
    for mt in nums:
        a, b, sep = int(mt["a"]), int(mt["b"]), mt["s"]
        ys = mt["y"]
        if len(ys) == 2 and sep == "-":
            continue  # 12-10-20 is as often a score or a code as a date
        y = year4(ys)
        if a > 12 and b <= 12:
            d, m, amb = a, b, False
        elif b > 12 and a <= 12:
            d, m, amb = b, a, False
        elif a <= 12 and b <= 12:
            # dots are day-first everywhere; slashes follow the document's own habit
            mdy = sep == "/" and prefer_mdy
            d, m = (b, a) if mdy else (a, b)
            amb = a != b and sep == "/"
        else:
            d, m, amb = a, b, False  # neither reading is a date: keep, it is rejected as invalid
        add(mt.start(), mt.end(), y, m, d, "day", ambiguous=amb, short_year=len(ys) == 2)
    for mt in partial:                       # November 2020
        if mt["y"] and not mt["d"]:
            add(mt.start(), mt.end(), int(mt["y"]), P.MONTHS[mt["mn"].lower()], None, "month")
    for mt in partial:                       # 7 November, Nov. 9
        if mt["y"]:
            continue
        mn = mt["mn"]
        if mn.lower() in ("may", "mar", "mai", "sat", "sun") and not mn[0].isupper():
            continue  # "you may 5 ..." is not a date
        add(mt.start(), mt.end(), None, P.MONTHS[mn.lower()], int(mt["d"]), "day")
    out.sort(key=lambda f: f.start)
    for f in out:
        f.weekday = _weekday_near(text, f.start, f.end)
    return out


def _document_prefers_mdy(nums, text: str) -> bool:
    """True when the document writes month first: its unambiguous slash dates are
    month-first (11/23/2020), or, when it has none, its dates with month names are
    ("Nov. 3, 2023" against "3 November 2023"): American pages write both ways alike."""
    mdy = dmy = 0
    for mt in nums:
        if mt["s"] != "/":
            continue
        a, b = int(mt["a"]), int(mt["b"])
        if a > 12 >= b:
            dmy += 1
        elif b > 12 >= a:
            mdy += 1
    if mdy or dmy:
        return mdy > dmy
    if not any(mt["s"] == "/" for mt in nums):
        return False                       # nothing to decide: skip the name scan
    first = sum(1 for mt in P.MONTH_FIRST_NAME.finditer(text) if mt["d"])
    later = sum(1 for mt in P.DAY_FIRST_NAME.finditer(text) if mt["d"])
    return first > later


def scan_url(url: str) -> Found | None:
    """The date written in a URL path (/2020/11/23/, -2020-11-23, /20201123/), if any."""
    for rx, gran in ((P.URL_YMD, "day"), (P.URL_YMD_SHORT, "day"), (P.URL_DMY, "day"),
                     (P.URL_YM, "month")):
        mt = rx.search(url)
        if mt:
            y, m = int(mt["y"]), int(mt["m"])
            d = int(mt["d"]) if gran == "day" else None
            f = Found(mt.start(), mt.end(), mt.group(0).strip("/_-."), y, m, d, gran)
            f.invalid = gran == "day" and make_date(y, m, d) is None
            return f
    return None
