"""The date a page displays next to its headline, and the other rules added with it.

Every page and sentence here is invented for this file. Each test names the rule it pins
down and why the rule exists.
"""
from datetime import date

import polars as pl
import pytest

from tasks.dates.decide import DISPLAYED_MIN
from tasks.dates.evidence_html import GENERIC_DATE_META, html_evidence, parse_iso
from tests.test_dates_helpers import evidence, run

HEADLINE = "Stadtrat beschließt neuen Radweg am Hafen"
PARAGRAPH = ("<p>Der Stadtrat hat am Abend mit knapper Mehrheit den Bau eines neuen Radwegs entlang "
             "der Hafenkante beschlossen. Die Arbeiten sollen im Frühjahr beginnen und rund zwei "
             "Jahre dauern.</p>")


def _page(meta: str, byline: str, between: str = "", h1: str = HEADLINE) -> str:
    """A one-article news page: <title>, markup date, <h1> headline, byline, paragraph."""
    return ("<html><head>"
            f"<title>{HEADLINE} | Kieler Rundschau</title>{meta}"
            "</head><body><article>"
            f"<h1>{h1}</h1><p class='byline'>{byline}</p>{between}{PARAGRAPH}"
            "</article></body></html>")


def _decide(html: str) -> tuple[dict, pl.DataFrame]:
    dec, ev = run({"content": html, "is_html": True})
    return dec.row(0, named=True), ev


def _row(ev: pl.DataFrame, raw: str, source: str | None = None) -> dict:
    rows = ev.filter(pl.col("raw") == raw)
    if source is not None:
        rows = rows.filter(pl.col("source") == source)
    assert rows.height == 1, f"expected one evidence row for {raw!r} ({source}), got {rows.height}"
    return rows.row(0, named=True)


PUBLISHED_TIME = "<meta property='article:published_time' content='{}'>"


# --- 1-3: the displayed date against the markup day ------------------------------------

@pytest.mark.parametrize("meta, markup_raw", [
    ("<meta name='date' content='2021-11-29'>", "2021-11-29"),
    (PUBLISHED_TIME.format("2021-11-29T10:00:00+01:00"), "2021-11-29T10:00:00+01:00"),
])
def test_displayed_date_overrules_a_markup_day_far_away(meta, markup_raw):
    """_prefer_displayed: the byline under the headline says 12.01.2022, the markup says
    29 Nov 2021 (a CMS record date). Readers saw the displayed date, so it wins, the flag
    says so and the markup row is rejected with the same reason. The byline row sits right
    below the <h1> whose words are in <title>: zone 'title'."""
    d, ev = _decide(_page(meta, "Von Anna Berg | 12.01.2022"))
    assert d["published_date"] == date(2022, 1, 12)
    assert "displayed_date_differs" in d["date_flags"]
    markup = _row(ev, markup_raw, "meta_tag")
    assert (markup["role"], markup["rejected_reason"]) == ("publication", "displayed_date_differs")
    shown = _row(ev, "12.01.2022")
    assert (shown["role"], shown["source"], shown["zone"]) == ("publication", "text", "title")
    assert shown["used_as"] == "published" and shown["rejected_reason"] is None


def test_displayed_date_one_day_after_the_markup_keeps_the_markup_day():
    """_prefer_displayed: a displayed day one later than the markup's is a time-zone
    difference (late evening in one zone is the next day in another); the markup carries
    the zone, so its day is kept even though the displayed row is a confident 'title' row."""
    d, ev = _decide(_page(PUBLISHED_TIME.format("2022-01-11T10:00:00+01:00"),
                          "Von Anna Berg | 12.01.2022"))
    row = _row(ev, "12.01.2022")
    assert row["zone"] == "title" and row["confidence"] >= DISPLAYED_MIN   # the rule is in play
    assert d["published_date"] == date(2022, 1, 11)
    assert d["published_date_source"] == "meta_tag"
    assert "displayed_date_differs" not in d["date_flags"]
    assert _row(ev, "2022-01-11T10:00:00+01:00")["rejected_reason"] is None


def test_displayed_date_one_day_before_the_markup_wins():
    """_prefer_displayed: a page shown to readers on 12 January was out by then, whatever a
    later markup time says (an update time, a re-index): the earlier displayed day wins."""
    d, ev = _decide(_page(PUBLISHED_TIME.format("2022-01-13T10:00:00+01:00"),
                          "Von Anna Berg | 12.01.2022"))
    assert d["published_date"] == date(2022, 1, 12)
    assert "displayed_date_differs" in d["date_flags"]
    assert _row(ev, "2022-01-13T10:00:00+01:00")["rejected_reason"] == "displayed_date_differs"


def test_displayed_date_with_swapped_digits_keeps_the_markup_day():
    """_prefer_displayed: "06/01/2020" next to markup 2020-06-01 is the same day written
    month-first; the text scanner read it day-first (6 January). Same digits swapped means
    the order is in doubt, not the day, so the markup's 1 June stands."""
    html = _page(PUBLISHED_TIME.format("2020-06-01T10:00:00+02:00"), "Published 06/01/2020")
    d, ev = _decide(html)
    shown = _row(ev, "06/01/2020")
    assert shown["value"] == date(2020, 1, 6)                  # read day-first
    assert shown["zone"] == "title" and shown["confidence"] >= DISPLAYED_MIN
    assert d["published_date"] == date(2020, 6, 1)
    assert "displayed_date_differs" not in d["date_flags"]


# --- 4-6: what counts as the headline and its window -----------------------------------

def test_date_inside_the_headline_is_not_a_title_date():
    """_mark_title_dates: a date inside the <h1> is the headline's subject ("minutes of the
    meeting of 10 October"), not the day the page was published. The byline under the same
    headline still gets zone 'title', so the headline was found."""
    h1 = "Protokoll der Sitzung vom 10. Oktober 2019"
    html = ("<html><head><title>Protokoll der Sitzung vom 10. Oktober 2019 - Gemeinderat Lindenau"
            f"</title></head><body><article><h1>{h1}</h1><p>Veröffentlicht am 14.10.2019</p>"
            f"{PARAGRAPH}</article></body></html>")
    ev = evidence(html, is_html=True)
    inside = _row(ev, "10. Oktober 2019")
    assert inside["role"] == "publication" and inside["source"] == "text"
    assert inside["zone"] != "title"
    assert _row(ev, "14.10.2019")["zone"] == "title"


def test_one_word_logo_h1_is_not_the_headline():
    """_title_span: a site's logo is often an <h1> ("Deutschlandfunk"), and the date bar
    under it ("Mittwoch, 26.02.2020") is today's date, not the article's. A one-word <h1>
    is never the headline, so nothing near it gets zone 'title'."""
    html = ("<html><head><title>Bundestag debattiert über den Kohleausstieg | Deutschlandfunk"
            "</title></head><body><header><h1>Deutschlandfunk</h1>"
            "<div class='datebar'>Mittwoch, 26.02.2020</div></header>"
            "<article><h2>Bundestag debattiert über den Kohleausstieg</h2>"
            f"{PARAGRAPH}</article></body></html>")
    ev = evidence(html, is_html=True)
    bar = _row(ev, "26.02.2020")
    assert bar["role"] == "publication" and bar["source"] == "text"
    assert bar["zone"] != "title"
    assert "title" not in ev["zone"].to_list()


TEASER_1 = "<li>Fährpreise steigen: Reederei nennt die höheren Treibstoffkosten als Grund, 11.01.2022</li>"
TEASER_2 = "<li>Neuer Kreuzfahrtkai am Ostufer nach zwei Jahren Bauzeit feierlich eröffnet, 10.01.2022</li>"


def test_three_dates_around_the_headline_are_a_teaser_list():
    """_mark_title_dates: three or more different days within the window around the
    headline are a list of other stories, not one byline, so no row there is a 'title'
    date. With only two different days the byline does get zone 'title' (the contrast)."""
    byline = "Von Anna Berg | 12.01.2022"
    two = evidence(_page("", byline, f"<ul class='more'>{TEASER_1}</ul>"), is_html=True)
    assert _row(two, "12.01.2022")["zone"] == "title"
    three = evidence(_page("", byline, f"<ul class='more'>{TEASER_1}{TEASER_2}</ul>"), is_html=True)
    assert _row(three, "12.01.2022")["role"] == "publication"
    assert "title" not in three["zone"].to_list()


# --- 7-8: markup sources ---------------------------------------------------------------

@pytest.mark.parametrize("own_attrs, own_conf", [
    ("", 0.6),                                  # the first unlabelled <time>
    (" pubdate='pubdate'", 0.8),                # marked as the publication time
    (" pubdate", 0.8),                          # the same, as HTML5 writes it (bare)
])
def test_time_tag_in_a_teaser_item_is_weak(own_attrs, own_conf):
    """_in_teaser: a <time> inside a list item that links to another story first is that
    story's date, whatever its markup says (here even pubdate): 0.3. The teaser strip comes
    first on the page, so without the rule it would be the "first unlabelled" 0.6. The
    page's own byline list item has no link before its <time> and keeps its normal
    confidence."""
    html = ("<html><head><title>Fähre läuft vor Helgoland auf Grund | Inselbote</title></head><body>"
            "<header><ul class='top-stories'><li><a href='/other'>Neuer Leuchtturmwärter gefunden</a> "
            "<time datetime='2021-02-20T08:00:00+01:00' pubdate>20.02.2021</time></li></ul></header>"
            "<article><h1>Fähre läuft vor Helgoland auf Grund</h1>"
            "<ul class='meta'><li class='author'>Jan Peters</li><li class='meta-time'>"
            f"<time datetime='2021-03-04T09:00:00+01:00'{own_attrs}>4. März 2021</time></li></ul>"
            "<p>Die Fähre saß bei Niedrigwasser fest und wurde am Nachmittag freigeschleppt.</p>"
            "</article></body></html>")
    rows, _ = html_evidence(html)
    times = {r["raw"]: r for r in rows if r["source"] == "time_tag"}
    teaser, own = times["2021-02-20T08:00:00+01:00"], times["2021-03-04T09:00:00+01:00"]
    assert teaser["confidence"] == pytest.approx(0.3)
    assert own["role"] == "publication"
    assert own["confidence"] == pytest.approx(own_conf)


def test_rdf_dc_date_of_old_blog_engines():
    """_RDF_DATE: Movable Type style blogs carry the entry date only in an RDF block
    (inside a comment), <rdf:Description ... dc:date="...">. It is a publication row from
    the markup, with the calendar day as written (22:00 in +09:00 stays 12 July)."""
    html = ("<html><head><title>Sommerfest im Garten | Tagebuch von Keiko</title></head><body>"
            "<!--\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
            "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
            "<rdf:Description rdf:about=\"https://keiko.example.net/2020/07/sommerfest.html\" "
            "dc:title=\"Sommerfest im Garten\" dc:date=\"2020-07-12T22:00:00+09:00\" />\n"
            "</rdf:RDF>\n-->"
            "<div class='entry'><p>Heute haben wir mit den Nachbarn im Garten gegrillt.</p></div>"
            "</body></html>")
    ev = evidence(html, is_html=True)
    rdf = _row(ev, "2020-07-12T22:00:00+09:00")
    assert (rdf["role"], rdf["source"], rdf["value"]) == ("publication", "meta_tag", date(2020, 7, 12))
    assert rdf["confidence"] == pytest.approx(0.8)


# --- 9-10: words around a date in text -------------------------------------------------

def test_verb_final_publication_word_after_a_time_of_day():
    """roles.context_role: German puts the verb last, and a time may sit between the date
    and the verb ("am 19. Mai 2010 um 23:03 Uhr gepostet"). The time is skipped, so the
    verb still makes the date a publication (it used to read as an 'event')."""
    text = ("Fotos vom Hafenfest\n"
            "Dieser Eintrag wurde am 19. Mai 2010 um 23:03 Uhr gepostet und unter Notizen abgelegt.\n"
            "Das Wetter hielt bis zum Feuerwerk, und am Kai drängten sich die Besucher.")
    row = _row(evidence(text), "19. Mai 2010")
    assert row["role"] == "publication"
    assert row["source"] == "byline"


def test_publication_word_inside_a_long_paragraph_is_weak():
    """evidence_text LONG_PARAGRAPH: "Beitrag von 5. Januar 2015" deep inside a running
    paragraph speaks of another text, so it is a weak byline (0.4); "Veröffentlicht am
    9. Januar 2015" on its own short line is this page's byline (0.75)."""
    paragraph = ("Die Debatte um die Hafenerweiterung reißt nicht ab. In seinem Beitrag von "
                 "5. Januar 2015 erörtert der Stadtplaner Jens Ahrens ausführlich, warum die "
                 "neue Kaimauer den Fischern mehr schadet als nützt, und er fordert eine zweite "
                 "Anhörung für alle Anwohner.")
    assert len(paragraph) > 200
    content = ("Hafenblog Nord\nWarum die Kaimauer umstritten bleibt\n"
               f"Veröffentlicht am 9. Januar 2015\n{paragraph}\nImpressum | Kontakt | Datenschutz\n")
    # the cleaner's text (the article body) places both dates at full position weight
    ev = evidence(content, text=paragraph)
    inside = _row(ev, "5. Januar 2015")
    assert (inside["role"], inside["source"]) == ("publication", "byline")
    assert inside["confidence"] == pytest.approx(0.4)
    own = _row(ev, "9. Januar 2015")
    assert (own["role"], own["source"]) == ("publication", "byline")
    assert own["confidence"] == pytest.approx(0.75)


# --- 11-12: markup values and names ----------------------------------------------------

@pytest.mark.parametrize("value, ambiguous", [
    ("2023-11-09T05:30:59Z", True),          # UTC early morning: the evening before in the Americas
    ("2021-11-04T23:00Z", True),             # UTC late evening: the next day in Europe
    ("2023-11-09T12:00:00Z", False),         # UTC midday: the same day nearly everywhere
    ("2023-11-09T05:30:59+01:00", False),    # a local time: the day is the page's own
])
def test_parse_iso_marks_utc_times_near_midnight(value, ambiguous):
    """parse_iso: a UTC time before 08:00 or from 21:00 may be another calendar day where
    the page is published; only those are ambiguous. The day as written is kept."""
    f = parse_iso(value)
    assert f.value == date.fromisoformat(value[:10])
    assert f.ambiguous_order is ambiguous


@pytest.mark.parametrize("attr, conf", [
    ("name='date'", GENERIC_DATE_META),
    ("name='DC.date'", GENERIC_DATE_META),
    ("name='DCTERMS.date'", GENERIC_DATE_META),
    ("property='article:published_time'", 0.9),
])
def test_generic_date_meta_names_are_weaker(attr, conf):
    """GENERIC_DATE_META: bare 'date' names are often the CMS record's date (created,
    last saved), so they count 0.5; article:published_time names the publication: 0.9."""
    assert GENERIC_DATE_META == 0.5
    html = (f"<html><head><meta {attr} content='2019-04-02T10:15:00+02:00'></head>"
            f"<body>{PARAGRAPH}</body></html>")
    rows, _ = html_evidence(html)
    (meta,) = [r for r in rows if r["source"] == "meta_tag"]
    assert (meta["role"], meta["value"]) == ("publication", date(2019, 4, 2))
    assert meta["confidence"] == pytest.approx(conf)


def test_recent_posts_entry_linking_to_the_page_dates_it():
    """_self_link_rows: a blog with no date in its markup lists its recent posts, the page's
    own among them, each with its date. The entry whose link is the page's own address
    (fetched URL or canonical) gives the page's date; the other entries are sidebar dates."""
    url = "http://www.example-blog.de/blog/wahlrecht-im-wandel/"
    html = ("<html><head><title>Wahlrecht im Wandel | Ein Blog</title>"
            f"<link rel='canonical' href='{url}' /></head><body>"
            f"<article><h1>Wahlrecht im Wandel</h1>{PARAGRAPH}</article>"
            "<aside><h3>Letzte Beiträge</h3><ul>"
            f"<li><a href='{url}'>Wahlrecht im Wandel</a> <span class='post-date'>26/10/2018</span></li>"
            "<li><a href='http://www.example-blog.de/blog/brasilien/'>Brasilien am Scheideweg</a>"
            " <span class='post-date'>19/10/2018</span></li>"
            "<li><a href='http://www.example-blog.de/blog/herbst/'>Herbstlese</a>"
            " <span class='post-date'>02/10/2018</span></li>"
            "</ul></aside></body></html>")
    dec, ev = run({"content": html, "is_html": True, "url": url.replace("http://www.", "https://")})
    d = dec.row(0, named=True)
    assert d["published_date"] == date(2018, 10, 26)
    assert d["published_date_source"] == "self_link"
    # without the page's address, nothing ties the list to this page
    dec2, _ = run({"content": html.replace(f"<link rel='canonical' href='{url}' />", ""), "is_html": True})
    assert dec2.row(0, named=True)["published_date"] is None


def test_utc_time_near_midnight_takes_the_local_day_the_page_prints():
    """_local_day: markup that only says 23:00Z on 4 November is already 5 November in
    Central Europe, and the page prints "5. November 2021" above the article: the local
    day wins and the markup row says why. Without the printed day the markup stands."""
    meta = PUBLISHED_TIME.format("2021-11-04T23:00Z")
    page = ("<html><head><title>Kommunalwahl in der Region | Kieler Rundschau</title>"
            f"{meta}</head><body><div class='kicker'>Länderbericht</div>"
            "<div class='date'>5. November 2021</div><p>Anna Berg</p>"
            "<p>Ein Bericht über die Wahlbeteiligung und die Ergebnisse.</p><article>"
            f"{PARAGRAPH}</article></body></html>")
    body = PARAGRAPH[3:-4]          # the cleaner's article text: the printed date is above it

    def decide(html):
        dec, ev = run({"content": html, "is_html": True, "text": body})
        return dec.row(0, named=True), ev

    d, ev = decide(page)
    assert _row(ev, "5. November 2021")["zone"] == "head"
    assert d["published_date"] == date(2021, 11, 5)
    assert _row(ev, "2021-11-04T23:00Z")["rejected_reason"] == "utc_day_not_local"
    d, _ = decide(page.replace("5. November 2021", ""))
    assert d["published_date"] == date(2021, 11, 4)


# --- what must NOT count (found by review) ----------------------------------------------

def test_a_lede_sentence_or_a_caption_under_the_headline_does_not_overrule_markup():
    """Only a byline-like line next to the headline is the displayed date: a lede that
    speaks of an earlier letter, or a photo caption with an archive date, is not."""
    meta = PUBLISHED_TIME.format("2021-05-10T09:00:00+02:00")
    lede = ("In a letter dated 12 January 2021, the minister offered her resignation, which "
            "the prime minister refused until the inquiry had finished its work this spring.")
    d, _ = _decide(_page(meta, "Von Anna Berg", h1=HEADLINE).replace(
        "<p class='byline'>Von Anna Berg</p>", f"<p class='byline'>Von Anna Berg</p><p>{lede}</p>"))
    assert d["published_date"] == date(2021, 5, 10)
    d, _ = _decide(_page(meta, "Archivbild: 14.08.2019"))
    assert d["published_date"] == date(2021, 5, 10)
    assert "displayed_date_differs" not in d["date_flags"]


def test_a_weekday_date_bar_is_not_the_local_day_of_a_utc_time():
    """_local_day: 23:10Z on 4 November is the evening of the 4th in New York; the site's
    'Friday, November 5, 2021' bar is today's date, not the article's."""
    page = ("<html><head><title>Council votes on budget | Evening Post</title>"
            f"{PUBLISHED_TIME.format('2021-11-04T23:10:00Z')}</head><body>"
            "<div class='datebar'>Friday, November 5, 2021</div><article><h1>Council votes on budget</h1>"
            "<p>The council approved the budget after a long debate, officials said on Thursday.</p>"
            "</article></body></html>")
    dec, _ = run({"content": page, "is_html": True,
                  "text": "The council approved the budget after a long debate, officials said on Thursday."})
    assert dec.row(0, named=True)["published_date"] == date(2021, 11, 4)


def test_a_link_to_the_home_page_is_not_a_self_link():
    """_self_link_rows: og:url set to the home page (a CMS slip) must not turn the logo link
    next to the site's date bar into the page's date."""
    html = ("<html><head><title>Hafenfest abgesagt | Kieler Rundschau</title>"
            "<meta property='og:url' content='https://www.kieler-rundschau.de/'></head><body>"
            "<a href='https://www.kieler-rundschau.de/'><img src='logo.png'></a> <span>Montag, 26.10.2020</span>"
            f"<article><h1>Hafenfest abgesagt</h1>{PARAGRAPH}</article></body></html>")
    rows, _ = html_evidence(html)
    assert not [r for r in rows if r["source"] == "self_link"]


def test_an_author_link_in_the_byline_item_is_not_a_teaser():
    """_in_teaser: the page's own byline list item may link the author before its <time>;
    a name is not a headline, so the time keeps its confidence."""
    html = ("<html><head><title>Fähre läuft auf Grund | Inselbote</title></head><body><article>"
            "<h1>Fähre läuft auf Grund</h1><ul class='meta'><li>Von <a href='/autor/berg'>Anna Berg</a> | "
            "<time datetime='2021-03-04T09:00:00+01:00'>4. März 2021</time></li></ul>"
            f"{PARAGRAPH}</article></body></html>")
    rows, _ = html_evidence(html)
    own = [r for r in rows if r["source"] == "time_tag"][0]
    assert own["confidence"] == pytest.approx(0.6)
