"""Navigation lines: short lines above or below the article that the page prints as links to
its own sections, tags or other stories (tasks/navlines.py)."""
from __future__ import annotations

from trafilatura.utils import load_html

from tasks.navlines import nav_flags, nav_lines

URL = "https://www.saltmere-gazette.example/news/harbour/wall-repairs-1234"
PARA = ("The council voted on Tuesday to spend two million on the harbour wall, which three "
        "winter storms had damaged, and work will start in April.")
PARA2 = ("Residents had asked for the repairs since the first storm in November, when waves "
         "broke over the promenade and flooded two cafés on the seafront.")


def _page(extra: str = "") -> str:
    return (
        "<html><body><nav><a href='/'>Home</a> <a href='/news/harbour'>Harbour</a>"
        " <a href='/news/world'>World</a></nav><main>"
        "<span class='story-section'><a href='/news/harbour'>Harbour</a></span>"
        "<h1>Harbour wall to be repaired</h1>"
        "<p class='news-info-tag'><span>Local</span> Storms</p>"
        "<p class='byline'><a href='/authors/anna-berg'>Anna Berg</a></p>"
        f"<p>{PARA}</p><p>{PARA2}</p>"
        "<ul class='more'><li><a href='/news/ferry-timetable-5678'>Ferry timetable changes in March</a></li>"
        "<li><a href='https://www.met-office.example/storms'>Storm warnings for the coast</a></li></ul>"
        f"{extra}</main></body></html>")


def test_section_link_tag_box_and_teaser_links_are_navigation():
    """Above the article: the section link and the tag box; below it: a teaser link to another
    story of the site. They stand on lines of their own, as trafilatura writes them."""
    text = "\n".join(["Harbour", "Local Storms", PARA, PARA2, "Ferry timetable changes in March"])
    assert nav_lines(load_html(_page()), text, URL) == ["Harbour", "Local Storms", "Ferry timetable changes in March"]


def test_bylines_headlines_datelines_sources_and_prose_are_not_navigation():
    """A byline that links to the writer's page, the headline (an <h1>, whatever links to it),
    a dateline that only starts like a section link, a source on another site, a link inside a
    sentence that the extractor put on a line of its own, and any line inside the article."""
    page = load_html(_page("<p><a href='/news/harbour/wall-repairs-1234'>Harbour wall to be repaired</a></p>"))
    text = "\n".join([
        "Harbour wall to be repaired", "Anna Berg", "Harbour -",
        "The harbour master of the town of Saltmere said the", "World", " had noticed the storms.",
        PARA, "Harbour", PARA2, "Storm warnings for the coast",
    ])
    assert nav_lines(page, text, URL, title="Harbour wall to be repaired", author="Anna Berg") == []


def test_flags_are_checked_where_the_lines_stand():
    """nav_flags (what clean uses): the same text is navigation above the article and a
    subheading inside it; a body without a paragraph has no top or bottom."""
    lines = ["Harbour", PARA, "Harbour", PARA2]
    assert nav_flags(lines, {"harbour"}) == [True, False, False, False]
    assert nav_flags(["Harbour", "Two short words"], {"harbour"}) == [False, False]


def test_a_date_run_into_the_posts_category_link_is_split_and_the_link_goes():
    """Found by the blind check of 2026-12-16: a post's meta line "31.01.2016 Hardware", the
    date followed by a link to the site's category page. The date stays a line of its own; the
    category link is navigation. A date followed by a place that is no link stays whole."""
    from tasks.navlines import split_dated_nav

    page = ("<html><body><article><h3>Harbour wall to be repaired</h3>"
            "<p class='art_info'>31.01.2016 <a href='../cat/3_harbour/index.html'>Harbour</a></p>"
            f"<p>{PARA}</p><p>{PARA2}</p></article></body></html>")
    tree = load_html(page)
    text = "\n".join(["31.01.2016 Harbour", PARA, PARA2])
    split = split_dated_nav(tree, text, URL)
    assert split.split("\n") == ["31.01.2016", "Harbour", PARA, PARA2]
    assert nav_lines(tree, split, URL) == ["Harbour"]
    plain = "\n".join(["31.01.2016 Saltmere", PARA, PARA2])
    assert split_dated_nav(tree, plain, URL) == plain


def test_a_line_of_topic_links_joined_by_a_word_is_navigation():
    """Found by the blind check of 2026-12-18: "Zugehörige Themenseiten: Digitalisierung und
    IT-Sicherheit" above a post, two links to the site's topic pages joined by "und" (the
    label went by another rule). A line of the article that holds two links among its own
    words is no such line."""
    page = ("<html><body><article><h1>Harbour wall to be repaired</h1>"
            "<section class='secondary'>Topic pages: <span><br/><a href='/topic/harbour/'>Harbour</a> and "
            "<a href='/topic/storms/'>Storm damage</a></span></section>"
            "<p>Reported by <a href='/topic/harbour/'>our harbour desk</a> with <a href='/topic/storms/'>the storm team</a></p>"
            f"<p>{PARA}</p><p>{PARA2}</p></article></body></html>")
    text = "\n".join(["Harbour and Storm damage", "Reported by our harbour desk with the storm team", PARA, PARA2])
    assert nav_lines(load_html(page), text, URL) == ["Harbour and Storm damage"]
