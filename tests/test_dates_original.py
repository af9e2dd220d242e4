"""Rules added for the html date variant this stop: the page's own word on its first
publication, the header date bar, two-digit dateline years, headlines in <h2>.

Every page and sentence here is invented for this file. Each test names the rule and why.
"""
from datetime import date

import polars as pl
import pytest

from tasks.dates.evidence_html import html_evidence
from tasks.dates.scan import scan_text
from tests.test_dates_helpers import one, run

PARAGRAPH = ("<p>Der Stadtrat hat am Abend mit knapper Mehrheit den Bau eines neuen Radwegs entlang "
             "der Hafenkante beschlossen. Die Arbeiten sollen im Frühjahr beginnen und rund zwei "
             "Jahre dauern, sagte die Bürgermeisterin nach der Sitzung.</p>")


def _decide(html: str) -> tuple[dict, pl.DataFrame]:
    dec, ev = run({"content": html, "is_html": True})
    return dec.row(0, named=True), ev


# --- an explicit statement of the first publication ------------------------------------

UPDATED_PAGE = (
    "<html><head><title>Bien manger pour un intestin en forme | Magazine</title>"
    "<meta property='article:published_time' content='2017-04-12T18:33:59+02:00'>"
    "<meta property='article:modified_time' content='2020-02-19T15:24:33+01:00'>"
    "</head><body><article><h1>Bien manger pour un intestin en forme</h1>"
    "<p class='date'>19 février 2020</p>"
    "<meta itemprop='datePublished' content='2020-02-19'>"
    "<p>Les fibres, les légumes fermentés et une bonne hydratation aident le transit, "
    "expliquent les nutritionnistes interrogés pour cet article de conseils pratiques.</p>"
    "<p>* Cet article, initialement publié en avril 2017, a fait l'objet d'une mise à jour.</p>"
    "</article></body></html>")


def test_initially_published_in_a_month_outranks_the_update_shown_under_the_headline():
    """_drop_after_original: the page says it first appeared in April 2017 and was updated.
    The update's day is printed under the headline and in body microdata, which would
    otherwise win; the statement keeps the April 2017 markup day, and the update becomes
    republished_date with its rows flagged after_original_publication."""
    d, ev = _decide(UPDATED_PAGE)
    assert d["published_date"] == date(2017, 4, 12)
    assert d["republished_date"] == date(2020, 2, 19)
    assert "after_original_publication" in d["date_flags"]
    stmt = ev.filter(pl.col("raw") == "avril 2017").row(0, named=True)
    assert (stmt["zone"], stmt["granularity"]) == ("original", "month")
    shown = ev.filter(pl.col("raw") == "19 février 2020").row(0, named=True)
    assert shown["rejected_reason"] == "after_original_publication"


def test_without_the_statement_the_update_under_the_headline_wins():
    """The same page without its footnote: the displayed day (2020) beats the markup day
    three years away (_prefer_displayed), which is what makes the statement rule matter."""
    d, _ = _decide(UPDATED_PAGE.replace("initialement publié en avril 2017, a", "a"))
    assert d["published_date"] == date(2020, 2, 19)


@pytest.mark.parametrize("sentence, day", [
    ("This story was originally published on 3 May 2019 and has been updated since.", date(2019, 5, 3)),
    ("Dieser Artikel ist ursprünglich am 27. Februar 2017 erschienen.", date(2017, 2, 27)),
    ("Este artículo fue publicado originalmente el 4 de marzo de 2018.", date(2018, 3, 4)),
])
def test_original_statement_in_any_word_order_dates_a_republished_text(sentence, day):
    """A re-run article carries its new date in markup and its first day in a sentence,
    before the verb (en, es) or, in German, with the verb after the date."""
    html = ("<html><head><title>Tubeless-Reifen richtig montieren</title>"
            "<meta property='article:published_time' content='2022-01-26T08:00:50+00:00'>"
            "</head><body><h1>Tubeless-Reifen richtig montieren</h1>"
            f"<p>26. Januar 2022</p>{PARAGRAPH}<p>{sentence}</p></body></html>")
    d, _ = _decide(html)
    assert d["published_date"] == day
    assert d["republished_date"] == date(2022, 1, 26)


def test_original_plan_is_not_an_original_publication():
    """'ursprünglich am 5. Mai geplant' (originally planned for) names an event: no verb of
    publishing follows the date, so the markup day stands."""
    html = ("<html><head><title>Hafenfest verschoben</title>"
            "<meta property='article:published_time' content='2021-04-20T08:00:00+02:00'>"
            "</head><body><h1>Hafenfest verschoben</h1>"
            f"{PARAGRAPH}<p>Das Fest war ursprünglich am 5. Mai 2021 geplant.</p></body></html>")
    d, _ = _decide(html)
    assert d["published_date"] == date(2021, 4, 20)


# --- the site's date bar in the page header --------------------------------------------

def _bar_page(header_time: str, article_time: str = "") -> str:
    return ("<html><head><title>Im Schlepptau | Theaterkritik</title></head><body>"
            f"<header><nav><span class='today'>{header_time}</span><a href='/'>Start</a></nav></header>"
            f"<article><h1>Im Schlepptau</h1>{article_time}"
            "<p><span class='datum'>31. Oktober 2023.</span> Dragqueens stehen zunehmend im "
            "Zentrum einer Debatte, die weit über die Bühnen der Stadttheater hinausreicht.</p>"
            f"{PARAGRAPH}</article></body></html>")


def test_weekday_date_bar_in_the_header_is_the_day_served_not_published():
    """_in_date_bar: 'Mittwoch, 01. November 2023' in a <time> of the site header, above the
    headline, is today's date on every page of the site. It and its rendered text become
    retrieval evidence, and the article's own dateline (31 October) dates the page."""
    d, ev = _decide(_bar_page("<time datetime='2023-11-01T13:56:20+01:00'>Mittwoch, 01. November 2023</time>"))
    assert d["published_date"] == date(2023, 10, 31)
    bar = ev.filter(pl.col("value") == date(2023, 11, 1))
    assert set(bar["role"]) == {"retrieval"}


def test_time_in_the_articles_own_header_stays_publication():
    """An article's <header> holds its <h1> before the time: that is the byline, not a bar
    (and a <time> without a weekday is never taken for one)."""
    html = ("<html><head><title>Neuer Radweg am Hafen</title></head><body><article>"
            "<header class='entry-header'><h1>Neuer Radweg am Hafen</h1>"
            "<time class='entry-date published' datetime='2023-11-01T09:00:00+01:00'>Mittwoch, 1. November 2023</time>"
            f"</header>{PARAGRAPH}</article></body></html>")
    rows, _ = html_evidence(html)
    tag = [r for r in rows if r["source"] == "time_tag"]
    assert [r["role"] for r in tag] == ["publication"]
    rows, _ = html_evidence(_bar_page("<time datetime='2023-11-01'>01.11.2023</time>"))
    assert [r["role"] for r in rows if r["source"] == "time_tag"] == ["publication"]


# --- a two-digit year closing a dateline ---------------------------------------------

def test_two_digit_year_after_a_month_name_in_a_dateline():
    """'(Pescasseroli, 14 Gennaio 20)': an old CMS prints the year in two digits; before a
    bracket or at the end of the line it is a year (century guessed, so weaker)."""
    (f,) = [f for f in scan_text("Nuovi sentieri nel parco ( Pescasseroli, 14 Gennaio 20 )") if f.day]
    assert (f.value, f.short_year) == (date(2020, 1, 14), True)
    d = one("Nuovi sentieri nel parco\n\n( Pescasseroli, 14 Gennaio 20 )\n\n"
            "Il parco nazionale apre tre nuovi sentieri per le famiglie, con cartelli in "
            "quattro lingue e punti di sosta lungo il fiume.")
    assert d["published_date"] == date(2020, 1, 14)


def test_a_count_after_a_month_name_is_not_a_year():
    """'on 7 November 20 people were evacuated': digits followed by more words are a count."""
    found = scan_text("On 7 November 20 people were evacuated from the valley.")
    assert [(f.year, f.month, f.day) for f in found] == [(None, 11, 7)]


# --- the headline in an <h2>, or broken over lines ----------------------------------

def test_headline_in_h2_when_the_h1_is_a_hidden_label():
    """_title_span: the page's <h1> is 'Details' (a screen-reader label); the <h2> agrees
    with <title>, so the date printed under it is the displayed date and beats a generic
    <meta name='date'> of the CMS record five weeks earlier."""
    html = ("<html><head><title>Riesling-Geburtstag: Posts gewinnen</title>"
            "<meta name='date' content='2021-12-20T11:02:44+01:00'></head><body>"
            "<h1 class='sr-only'>Details</h1><div class='article'><h2>Riesling-Geburtstag: Posts gewinnen</h2>"
            f"<span class='date'>27.01.2022</span>{PARAGRAPH}</div></body></html>")
    d, ev = _decide(html)
    assert d["published_date"] == date(2022, 1, 27)
    assert ev.filter(pl.col("raw") == "27.01.2022")["zone"].to_list() == ["title"]


def test_headline_broken_over_lines_is_still_found():
    """The <h1> text runs over several source lines (a subline <span> inside it); the
    rendered text has line breaks where the title string has spaces."""
    html = ("<html><head><title>Schneesport mit Rücksicht auf Wildtiere | Alpenclub</title></head><body>"
            "<h1>\n   Schneesport mit Rücksicht\n   auf Wildtiere\n</h1><p>Von Lea Frei | 25.01.2022</p>"
            f"{PARAGRAPH}</body></html>")
    rows, _ = html_evidence(html)
    (row,) = [r for r in rows if r["raw"] == "25.01.2022"]
    assert row["zone"] == "title"


def test_equal_markup_days_go_to_the_head_meta():
    """Two markup days with equal support: the <head> meta (met first in the source) wins
    over body microdata, not merely the earlier calendar day."""
    html = ("<html><head><title>Frühlingsgemüse</title>"
            "<meta property='article:published_time' content='2017-04-12T18:33:59+02:00'></head>"
            "<body><meta itemprop='dateCreated' content='2017-04-11'>"
            f"<h1>Frühlingsgemüse</h1>{PARAGRAPH}</body></html>")
    d, _ = _decide(html)
    assert d["published_date"] == date(2017, 4, 12)


# --- teaser lists under a heading, and an event's own date line ----------------------

ARTICLE = ("Die Bahn bietet Geschäftskunden ab dem Winter flexiblere Tarife an, die sich kurzfristig "
           "umbuchen lassen; Vielreisende sollen damit bis zu ein Fünftel der Kosten sparen, "
           "teilte das Unternehmen am Freitag in Berlin mit und kündigte weitere Angebote an.")


def test_date_under_a_related_articles_heading_is_a_sidebar():
    """_teaser_blocks: below the article, 'Das könnte Dich auch interessieren …' opens a
    list of other posts; their dates are sidebar dates, and the byline's day stands."""
    text = (f"Neue Tarife für Vielreisende\n\n18. Oktober 2019\n\n{ARTICLE}\n\n"
            "Das könnte Dich auch interessieren …\n\nNachtzüge kehren zurück\n\n21. Juli 2017\n\n"
            "Impressum\nKontakt\n")
    d = one(text)
    assert d["published_date"] == date(2019, 10, 18)
    ev = run({"content": text})[1]
    assert ev.filter(pl.col("raw") == "21. Juli 2017")["role"].to_list() == ["sidebar"]


def test_menu_entry_above_the_headline_is_not_a_teaser_heading():
    """'Latest News' in the site menu, before any prose: the date below it is the article's
    byline, not a teaser's."""
    text = f"Home\nNews\nLatest News\nNeue Tarife für Vielreisende\n12:43, 20 Apr 2026\n\n{ARTICLE}\n"
    assert one(text)["published_date"] == date(2026, 4, 20)


def test_event_date_line_is_an_event():
    """'Termin: 28.02.2020, 18:30 Uhr' announces when an event takes place; the post says
    when it was published in words ('Der Beitrag wurde am ... veröffentlicht')."""
    text = (f"Whisky-Verkostung in Halle\n\nTermin: 28.02.2020, 18:30 Uhr\n\nOrt: Marktplatz\n\n{ARTICLE}\n\n"
            "Der Beitrag wurde am 27. November 2019 veröffentlicht.\n")
    ev = run({"content": text})[1]
    assert ev.filter(pl.col("raw") == "28.02.2020")["role"].to_list() == ["event"]
    assert one(text)["published_date"] == date(2019, 11, 27)
