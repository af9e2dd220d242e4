"""What the page shows its readers: a date in a date-classed element of the deck, an
"Updated ..." line that is the only date shown, and the order of slash dates on pages
that write month names month first.

Every page and sentence here is invented for this file. Each test names the rule and why.
"""
from datetime import date

import polars as pl

from tasks.dates.evidence_html import html_to_text
from tasks.dates.scan import scan_text
from tests.test_dates_helpers import one, run

PROSE = ("<p>The harbour authority said on the quay that the new ferry line would carry up to "
         "four hundred passengers a day between the two islands once the pier is finished.</p>"
         "<p>Fishermen who use the old pier were promised a new berth further along the coast, "
         "although several of them told reporters they had not yet seen any plans.</p>")


BODY = ("The harbour authority said on the quay that the new ferry line would carry up to "
        "four hundred passengers a day between the two islands once the pier is finished.\n\n"
        "Fishermen who use the old pier were promised a new berth further along the coast, "
        "although several of them told reporters they had not yet seen any plans.")


def _decide(html: str) -> tuple[dict, pl.DataFrame]:
    """Decision and evidence for an HTML page whose extracted body (the cleaner's text,
    which locates the article on the page) is the two PROSE paragraphs."""
    dec, ev = run({"content": html, "is_html": True, "text": BODY})
    return dec.row(0, named=True), ev


def _row(ev: pl.DataFrame, raw: str) -> dict:
    return ev.filter(pl.col("raw") == raw).row(0, named=True)


# --- a date-classed inline element starts its own line ----------------------------------

DECK_PAGE = (
    "<html><head><title>Goats ate this island bare. Now it is green again | Nature Weekly</title>"
    "<meta property='article:published_time' content='2020-01-03T09:48:24Z'>"
    "</head><body><article><h1>Goats ate this island bare. Now it is green again</h1>"
    "<h2 class='deck'>The rocky island lost its plants to goats; a year after they left, it "
    "makes a quick comeback.<span class='hl__date'>Monday, 6 January 2020</span></h2>"
    f"{PROSE}</article></body></html>")


def test_date_classed_span_at_the_end_of_a_deck_is_its_own_line():
    """html_to_text: <span class='hl__date'> inside the deck <h2> is rendered on a line
    of its own. Glued to the deck sentence it read as an event in running prose; alone it
    is the date printed under the headline, which beats a markup day three days away."""
    text = html_to_text(DECK_PAGE)
    assert "\nMonday, 6 January 2020" in text
    d, ev = _decide(DECK_PAGE)
    assert _row(ev, "6 January 2020")["zone"] == "title"
    assert d["published_date"] == date(2020, 1, 6)
    assert "displayed_date_differs" in d["date_flags"]


def test_date_word_inside_another_class_name_still_splits_but_plain_spans_do_not():
    """Only elements whose class names a date are split out ('post-date', 'datum');
    an ordinary <span> in a sentence stays inline."""
    assert html_to_text("<p>Posted <span class='post-datum'>3 May 2021</span></p>") == \
        "Posted\n3 May 2021"
    assert html_to_text("<p>On <span class='place'>Sunday</span> we sailed.</p>") == \
        "On Sunday we sailed."


# --- an update stamp that is the only date the page shows ----------------------------------

def _updated_page(shown: str) -> str:
    return ("<html><head><title>Why your skin looks dull in winter | Beauty Notes</title>"
            "<script type='application/ld+json'>{\"@type\": \"Article\", "
            "\"datePublished\": \"2019-10-15T16:59:59.000Z\", "
            "\"dateModified\": \"2020-03-12T14:42:17.000Z\"}</script>"
            "</head><body><article><h1>Why your skin looks dull in winter</h1>"
            f"<p class='byline'>By Dana Reyes</p><p>{shown}</p>{PROSE}</article></body></html>")


def test_update_stamp_shown_alone_under_the_headline_is_the_date():
    """_shown_update_only: the page shows readers one date, 'Updated Mar 12, 2020'; its
    October 2019 record date lives only in JSON-LD. The text we hold is the version the
    page presents as of its update: published_date is the update, flag only_update_shown,
    and the markup day stays in date_evidence with that reason."""
    d, ev = _decide(_updated_page("Updated Mar 12, 2020 @ 10:42 am"))
    assert d["published_date"] == date(2020, 3, 12)
    assert "only_update_shown" in d["date_flags"]
    hidden = ev.filter(pl.col("raw") == "2019-10-15T16:59:59.000Z").row(0, named=True)
    assert hidden["rejected_reason"] == "only_update_shown"
    assert _row(ev, "Mar 12, 2020")["used_as"] == "published"


def test_update_stamp_shown_next_to_a_publication_date_stays_an_update():
    """The contrast: when the page also shows 'Published Oct 15, 2019', readers see the
    first publication, so that is the date and the update is republished_date."""
    d, _ = _decide(_updated_page("Published Oct 15, 2019 · Updated Mar 12, 2020"))
    assert d["published_date"] == date(2019, 10, 15)
    assert d["republished_date"] == date(2020, 3, 12)
    assert "only_update_shown" not in d["date_flags"]


def test_update_stamp_in_a_text_dump_dates_an_otherwise_undated_page():
    """A recipe page rendered to text shows only 'Updated June 13, 2019' under its title;
    without the rule it had no date at all (no_date_evidence)."""
    text = ("Easy Pineapple Upside-Down Cake\n\nUpdated June 13, 2019\n\n"
            "Butter a round pan, lay the pineapple rings in the caramel and pour the batter "
            "over them; bake until a skewer comes out clean and turn it out while warm.\n\n"
            "Serve the cake warm with whipped cream, or keep it covered for two days.\n")
    d = one(text)
    assert d["published_date"] == date(2019, 6, 13)
    assert d["date_flags"] == ["only_update_shown"]


def test_a_records_own_published_at_outranks_a_shown_update():
    """A JSONL record that states its published_at (the scraper's or the user's word) keeps
    it: the update line becomes republished_date, as before the rule."""
    text = ("Easy Pineapple Upside-Down Cake\n\nUpdated June 13, 2019\n\n"
            "Butter a round pan, lay the pineapple rings in the caramel and pour the batter "
            "over them; bake until a skewer comes out clean and turn it out while warm.\n")
    d = one(text, meta_published_at="2017-03-02T10:00:00Z")
    assert d["published_date"] == date(2017, 3, 2)
    assert d["republished_date"] == date(2019, 6, 13)
    assert "only_update_shown" not in d["date_flags"]


def test_update_stamp_at_the_foot_of_a_page_is_never_the_date():
    """A re-host footer ('Last updated: 01.03.2026') is a page stamp, not something shown
    in the article's header: a page without other dates stays undated."""
    body = "\n\n".join(["The council met on a wet evening and agreed to repair the old "
                        "bridge over the river before the next flood season starts."] * 8)
    text = f"Bridge repairs agreed\n\n{body}\n\nContact us | Imprint\nLast updated: 01.03.2026\n"
    d = one(text)
    assert d["published_date"] is None
    assert "only_update_shown" not in d["date_flags"]


def test_update_stamp_after_the_fetch_is_not_taken():
    """Bounds hold for the shown update as for every candidate: a stamp after the page
    was fetched cannot date it."""
    text = ("Harbour ferry line opens\n\nUpdated 14 March 2021\n\n" + PROSE.replace("<p>", "")
            .replace("</p>", "\n\n"))
    d = one(text, meta_fetched_at="2021-03-01T08:00:00Z")
    assert d["published_date"] is None


def test_update_stamp_with_day_and_month_in_doubt_is_not_taken():
    """'Updated 11/8/2023' on a page with no other evidence of its order could be 11 August
    or 8 November: a guessed order is not a date worth showing."""
    text = ("Studios and actors resume talks\n\nUpdated\n11/8/2023 10:46 PM\n\n"
            "Negotiators for both sides met again on Wednesday, their first session since "
            "talks broke off, and said they hoped to reach a deal within days.\n")
    assert one(text)["published_date"] is None


# --- slash dates on pages that write month names month first --------------------------------

def test_slash_date_order_follows_the_pages_month_name_order():
    """_document_prefers_mdy: a page with no unambiguous slash date but 'Nov. 3, 2023'
    written month first is American: its 11/8/2023 is 8 November. A page writing
    '3 November 2023' keeps the day-first reading."""
    us = scan_text("Friday, Nov. 3, 2023, in Los Angeles. Posted 11/8/2023 10:46 PM")
    assert [f.value for f in us if f.raw == "11/8/2023"] == [date(2023, 11, 8)]
    uk = scan_text("Friday, 3 November 2023, in London. Posted 11/8/2023 10:46")
    assert [f.value for f in uk if f.raw == "11/8/2023"] == [date(2023, 8, 11)]
