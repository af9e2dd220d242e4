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
