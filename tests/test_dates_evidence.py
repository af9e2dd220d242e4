"""Every kind of date evidence, each with a sentence written for this test."""
from datetime import date

import pytest

from tasks.dates.scan import scan_text, scan_url, tweet_datetime
from tests.test_dates_helpers import evidence, one


def _values(text: str) -> list:
    return [f.value for f in scan_text(text)]


@pytest.mark.parametrize("text, expected", [
    # numeric, every order and separator
    ("The council met on 2021-03-15 to vote.", date(2021, 3, 15)),
    ("Sitzung vom 15.03.2021 im Rathaus.", date(2021, 3, 15)),
    ("Filed 03/15/2021 by the clerk.", date(2021, 3, 15)),
    ("Publié le 15/03/2021 à midi.", date(2021, 3, 15)),
    ("Ref. 15-03-2021 in the archive.", date(2021, 3, 15)),
    ("Printed 2021/03/15 in the evening.", date(2021, 3, 15)),
    # month names in the corpus languages
    ("The ferry sank on 4 February 2019 near the coast.", date(2019, 2, 4)),
    ("The ferry sank on February 4, 2019 near the coast.", date(2019, 2, 4)),
    ("Die Fähre sank am 4. Februar 2019 vor der Küste.", date(2019, 2, 4)),
    ("Le ferry a coulé le 4 février 2019 près de la côte.", date(2019, 2, 4)),
    ("El ferry se hundió el 4 de febrero de 2019 cerca de la costa.", date(2019, 2, 4)),
    ("A balsa afundou em 4 de fevereiro de 2019 perto da costa.", date(2019, 2, 4)),
    ("Il traghetto è affondato il 4 febbraio 2019 vicino alla costa.", date(2019, 2, 4)),
    ("Паром затонул 4 февраля 2019 года у побережья.", date(2019, 2, 4)),
    ("Feribot 4 Şubat 2019 tarihinde kıyı açıklarında battı.", date(2019, 2, 4)),
    # ordinals, abbreviations, the re-host sidebar shape, CJK
    ("The ferry sank on the 4th of February 2019.", date(2019, 2, 4)),
    ("The ferry sank Feb. 4, 2019, officials said.", date(2019, 2, 4)),
    ("Harbour Works Resume\n04.Feb.2019", date(2019, 2, 4)),
    ("フェリーは2019年2月4日に沈没した。", date(2019, 2, 4)),
])
def test_full_dates_in_every_shape(text, expected):
    assert expected in _values(text)


def test_year_less_dates_keep_month_and_day_only():
    found = scan_text("The ministers spoke by phone on 12 March and again on Nov. 9.")
    assert [(f.year, f.month, f.day) for f in found] == [(None, 3, 12), (None, 11, 9)]


def test_month_granularity():
    (f,) = scan_text("The report covers March 2018 only.")
    assert (f.granularity, f.value) == ("month", date(2018, 3, 1))


def test_a_date_never_spans_two_lines():
    # a year at the end of one line and "Jan 04" on the next are two things
    assert all(f.year is None or f.year != 2021 or f.month != 1
               for f in scan_text("Bird of the year 2021\n\nJan 04"))


def test_url_path_dates():
    assert scan_url("https://example.org/world/2019/02/04/ferry-sinks/").value == date(2019, 2, 4)
    assert scan_url("https://example.org/news/20190204/ferry").value == date(2019, 2, 4)
    assert scan_url("https://example.org/a/ferry-sinks-04-02-2019").value == date(2019, 2, 4)
    assert scan_url("https://example.org/about/") is None


def test_tweet_snowflake_decodes_to_utc_time():
    # an id built from a known time: 2021-06-01T12:00:00Z
    ms = 1622548800000
    tweet_id = (ms - 1288834974657) << 22
    assert tweet_datetime(tweet_id).isoformat() == "2021-06-01T12:00:00+00:00"


def test_url_in_page_text_is_a_link_and_tweet_is_a_tweet():
    page = ("Harbour chief resigns\n\nThe harbour chief resigned, citing the ferry report.\n"
            "See https://example.org/news/2019/02/05/ferry-report/ and\n"
            "https://twitter.com/harbourwatch/status/1092722185591857152\n")
    ev = evidence(page)
    roles = dict(zip(ev["role"], ev["value"]))
    assert roles["link"] == date(2019, 2, 5)
    assert roles["tweet"] == date(2019, 2, 5)


def test_html_meta_json_ld_time_and_url_sources():
    html = ("<html><head><meta property='article:published_time' content='2019-02-04T08:00:00+01:00'>"
            "<script type='application/ld+json'>{\"datePublished\": \"2019-02-04\"}</script></head>"
            "<body><time datetime='2019-02-04T08:00'>4 Feb</time><p>The ferry sank.</p></body></html>")
    ev = evidence(html, is_html=True, url="https://example.org/2019/02/04/ferry")
    sources = set(ev.filter(ev["role"] == "publication")["source"])
    assert {"meta_tag", "json_ld", "time_tag", "url"} <= sources
    d = one(html, is_html=True, url="https://example.org/2019/02/04/ferry")
    assert d["published_date"] == date(2019, 2, 4)


def test_byline_with_publication_word():
    d = one("Ferry sinks off the coast\nPublished: 4 February 2019\n\nThe ferry sank on Monday.")
    assert (d["published_date"], d["published_date_source"]) == (date(2019, 2, 4), "byline")


def test_verb_final_publication_word():
    d = one("Dieser Beitrag wurde am 4. Februar 2019 veröffentlicht.\nDie Fähre sank vor der Küste.")
    assert d["published_date"] == date(2019, 2, 4)


def test_header_date_alone_on_its_line():
    d = one("Ferry sinks off the coast\n04.02.2019 | 08:15\n\nThe ferry sank early on Monday "
            "morning, the coast guard said in a statement to reporters.")
    assert (d["published_date"], d["published_date_source"]) == (date(2019, 2, 4), "text")


def test_record_metadata_is_strong_evidence():
    d = one("Ferry sinks. The ferry sank on Monday.", meta_published_at="2019-02-04T08:00:00Z",
            meta_fetched_at="2019-03-01T00:00:00Z")
    assert (d["published_date"], d["published_date_source"]) == (date(2019, 2, 4), "metadata")
    assert d["retrieved_date"] == date(2019, 3, 1)


def test_citation_date_is_used_when_nothing_else_is():
    page = ("Ferry sinks off the coast\n\nThe ferry sank on Monday, officials said.\n\n"
            "To cite this article: Jane Roe. 2026. \"Ferry sinks - COAST NEWS - 04.02.2019.\"\n"
            "Harbour Review, Note No.2019 / 41. February 6. Accessed January 08, 2026.\n")
    d = one(page)
    assert (d["published_date"], d["published_date_source"]) == (date(2019, 2, 4), "citation")
    assert d["republished_date"] == date(2019, 2, 6)
    assert d["retrieved_date"] == date(2026, 1, 8)
    assert "access_date_ignored" in d["date_flags"]
