"""Box lines: body lines the page prints only in boxes around the article (a side column, the
page header, a footer or contact box) or as menu rows of a table layout (tasks/boxlines.py)."""
from __future__ import annotations

from trafilatura.utils import load_html

from tasks.boxlines import box_flags, box_lines

PARA = ("The council voted on Tuesday to spend two million on the harbour wall, which three "
        "winter storms had damaged, and work will start in April.")
PARA2 = ("Residents had asked for the repairs since the first storm in November, when waves "
         "broke over the promenade and flooded two cafés on the seafront.")
PARA3 = ("The harbour master said the ferry would keep its timetable while the builders work "
         "on the northern half of the wall during the spring tides.")


def _page(article: str, around: str = "", before: str = "") -> str:
    return (f"<html><body>{before}<div id='main'><div id='content'><article><h1>Harbour wall to be repaired</h1>"
            f"{article}</article></div>{around}</div></body></html>")


def _paras(*extra: str) -> str:
    return "".join(f"<p>{p}</p>" for p in (PARA, PARA2, PARA3, *extra))


def test_box_headings_of_a_right_column_below_the_article_are_box_lines():
    """A right-hand column whose boxes' headings are no links ("Pictures of the week", "From
    the forum"): trafilatura keeps the headings after the article; the column's class says
    where they stand. Its teaser lines are longer than a heading and still go."""
    column = ("<div id='rightWrap'><div class='rightBx'><div class='rightBxHead'>Pictures of the week</div>"
              "<ul><li><a href='/p/1'>Storm over the pier</a></li></ul></div>"
              "<div class='rightBx'><div class='rightBxHead'>From the forum</div>"
              "<p>Who else saw the waves reach the lighthouse on Sunday night?</p></div></div>")
    text = "\n".join([PARA, PARA2, PARA3, "Pictures of the week", "From the forum",
                      "Who else saw the waves reach the lighthouse on Sunday night?"])
    assert box_lines(load_html(_page(_paras(), around=column)), text) == [
        "Pictures of the week", "From the forum", "Who else saw the waves reach the lighthouse on Sunday night?"]


def test_a_card_of_the_page_header_above_the_article_is_box_lines():
    """The page's own header (outside <article> and <main>) holds a teaser card of another
    story: its label and its sentence stand above the article."""
    header = ("<div class='header'><div class='card'><h5>Front page</h5>"
              "<div><a href='https://epaper.example/x'>Floods cost billions</a></div>"
              "<p>The damage to shops is not counted yet.</p></div></div>")
    text = "\n".join(["Front page", "The damage to shops is not counted yet.", PARA, PARA2, PARA3])
    assert box_lines(load_html(_page(_paras(), before=header)), text) == [
        "Front page", "The damage to shops is not counted yet."]


def test_a_service_box_in_a_contact_footer_goes_at_any_length():
    """A footer or contact box holds whole sentences (a service text, a hotline, a legal
    notice): its lines go at any length, after the article's last paragraph."""
    service = ("Do you need tips for your holiday? Our experts advise you in person and free of charge "
               "from nine to one, by e-mail or through our call-back service.")
    box = (f"<div class='row contact-row'><p><strong>{service}</strong></p>"
           "<address class='contact'><p>Free from all countries in the region</p></address></div>")
    text = "\n".join([PARA, PARA2, PARA3, service, "Free from all countries in the region"])
    assert box_lines(load_html(_page(_paras(), around=box)), text) == [service, "Free from all countries in the region"]


def test_the_legal_notice_of_a_comment_section_goes():
    """A comment section's legal notice ("Comments are the users' own opinion ...") in a box
    classed "legal", after the article: a legal box, its lines go at any length; a paragraph
    of the article about a court case, printed outside that box, stays."""
    notice = ("Comments are the opinion of their writers, not of the editors. We delete comments "
              "without giving reasons, in particular when they break the law or offend others.")
    legal = (f"<div class='commentbox'></div><div class='legal'><strong>Legal notice:</strong><p>{notice}</p></div>")
    court = ("The legal dispute over the wall went to the regional court, which ruled that the "
             "council must pay for the repairs on its own.")
    text = "\n".join([PARA, PARA2, PARA3, court, "Legal notice:", notice])
    assert box_lines(load_html(_page(_paras(court), around=legal)), text) == ["Legal notice:", notice]


def test_an_article_wrapped_in_a_sidebar_div_is_no_box():
    """Some sites print the whole article inside a 'sidebar' element; a box that holds half the
    body or more is the article itself, and its closing line stays."""
    html = ("<html><body><div id='sidebar'><div class='entry'>"
            f"<p>{PARA}</p><p>{PARA2}</p><p>{PARA3}</p><p>Enjoy your meal!</p></div></div></body></html>")
    text = "\n".join([PARA, PARA2, PARA3, "Enjoy your meal!"])
    assert box_lines(load_html(html), text) == []


def test_lines_the_article_prints_too_and_lines_inside_the_article_stay():
    """A subheading the article prints that a side menu repeats, a closing line of the article,
    the article's own header (byline, kicker) and a box line between two paragraphs all stay:
    only lines printed nowhere but in boxes, above the first or after the last paragraph, go."""
    side = ("<aside><ul><li>What happens next</li><li>Enjoy the view</li><li>Storm log</li></ul></aside>")
    article = (f"<header><p>Coast</p><p>By Anna Berg</p></header><p>{PARA}</p><p>{PARA2}</p>"
               f"<h2>What happens next</h2><p>{PARA3}</p><p>Enjoy the view</p>")
    text = "\n".join(["Coast", "By Anna Berg", PARA, "Storm log", PARA2, PARA3, "What happens next", "Enjoy the view"])
    assert box_lines(load_html(_page(article, around=side)), text) == []


def test_menu_rows_of_a_table_layout_go_data_tables_stay():
    """A forum page laid out as nested tables: a row whose text is mostly links (or cells that
    open a page when clicked) is a menu row, wherever it stands. The post's own row stays, and
    so does a data table of the article whose cells are links, since it is not inside another
    table."""
    layout = ("<html><body><table><tr><td><table>"
              "<tr><td><a href='/city'>City home</a></td><td><a href='/forum'>Forum</a></td>"
              "<td onclick=\"window.open('/gallery')\">Gallery</td><td>Guestbook (0)</td></tr>"
              "</table></td></tr><tr><td><table>"
              "<tr><td>The waves reached the lighthouse on Sunday night, <a href='/u/1'>Mira</a> wrote.</td></tr>"
              "</table></td></tr></table></body></html>")
    text = "\n".join(["| City home | Forum | Gallery | Guestbook (0) |",
                      "| The waves reached the lighthouse on Sunday night, Mira wrote. |"])
    assert box_lines(load_html(layout), text) == ["| City home | Forum | Gallery | Guestbook (0) |"]
    data = ("<html><body><article><table><tr><td><a href='/p/a'>Anna Berg</a></td><td><a href='/party/g'>Greens</a></td>"
            "</tr></table></article></body></html>")
    assert box_lines(load_html(data), "| Anna Berg | Greens |") == []


def test_box_flags_flag_every_line_with_a_box_text():
    assert box_flags(["From the forum", PARA, " From the forum ", ""], {"From the forum"}) == [True, False, True, False]


def test_a_teaser_box_between_paragraphs_loses_its_heading_and_kept_teasers():
    """_teaser_boxes: "Also on our site" over a list of the site's own stories, set between
    two paragraphs. trafilatura kept the heading and one teaser headline as lines of the body;
    both go, wherever they stand, because the heading sits over a box of the site's links."""
    box = ("<h4 class='mb-3 uppercase'>Also on our site</h4><div class='not-prose'>"
           "<a href='/news/ferry-prices-rise'>Ferry prices rise in spring</a> "
           "<a href='https://www.example.com/news/new-pier'>A new pier for the east bank</a></div>")
    page = _page(f"<p>{PARA}</p>{box}<p>{PARA2}</p><p>{PARA3}</p>")
    text = "\n".join([PARA, "Also on our site", "Ferry prices rise in spring", PARA2, PARA3])
    assert box_lines(load_html(page), text, "https://www.example.com/news/harbour-wall") == [
        "Also on our site", "Ferry prices rise in spring"]


def test_a_heading_over_sources_elsewhere_or_over_a_table_stays():
    """The contrast: a "Further reading" heading over links to other sites (the writer's
    sources), a "Results" heading over a table whose cells link to the site's own product
    pages, and a wiki section "TV Shows" (its heading anchored by its own name) over a list of
    the wiki's pages are the article's, so nothing goes."""
    sources = ("<h3>Further reading</h3><ul><li><a href='https://harbours.example.org/report'>Harbour "
               "report 2021</a></li><li><a href='https://coast.example.net/storms'>Storm records</a></li></ul>")
    table = ("<h3>Results</h3><table><tr><td><a href='/seats/a'>Seat A</a></td><td>2.1</td></tr>"
             "<tr><td><a href='/seats/b'>Seat B</a></td><td>3.4</td></tr></table>")
    shows = ("<h2><span class='mw-headline' id='TV_Shows'>TV Shows</span></h2><ul>"
             "<li><a href='/Harbour_Lights'>Harbour Lights</a> (KBS2, 2020)</li>"
             "<li><a href='/Tide_Line'>Tide Line</a> (MBC, 2019)</li></ul>")
    page = _page(f"<p>{PARA}</p>{sources}<p>{PARA2}</p>{table}<p>{PARA3}</p>{shows}")
    text = "\n".join([PARA, "Further reading", "Harbour report 2021", PARA2, "Results", PARA3,
                      "TV Shows", "Harbour Lights (KBS2, 2020)"])
    assert box_lines(load_html(page), text, "https://www.example.com/news/harbour-wall") == []


def test_a_heading_left_alone_over_buttons_or_a_scripted_box_after_the_article_goes():
    """Found by the blind check of 2026-12-16: after the article, "Follow this category" over
    follow buttons, "Related keywords" over keyword buttons and "Recommended" over an empty box
    that a script fills. The extractor dropped the buttons and kept the headings alone."""
    after = ("<div class='cmp-lst'><p class='hdg'>Follow this category</p><ul><li><button>Harbour</button>"
             "<div class='tip'><p>Members can follow a category on their page.</p></div></li></ul></div>"
             "<div class='cmp-lst'><p class='hdg'>Related keywords</p><ul><li><a href='/news/harbour'>"
             "<span>Harbour</span></a></li></ul></div>"
             "<div class='cmp-misc'><div class='txt pr'>Recommended</div><div class='txt lnk'></div>"
             "<script>load_widget()</script></div>")
    text = "\n".join([PARA, PARA2, PARA3, "Follow this category", "Related keywords", "Recommended"])
    assert box_lines(load_html(_page(_paras(), around=after)), text) == [
        "Follow this category", "Related keywords", "Recommended"]


def test_short_lines_after_the_article_that_belong_to_it_stay():
    """The article's own closing lines stay: a sign-off in the article's element, a heading
    whose list the body kept, a line also printed in the article's box, a source line."""
    article = _paras() + ("<h3>Opening hours</h3><ul><li>Monday to Friday, nine to five</li>"
                          "<li>Saturday, nine to noon</li></ul><p>Anna Berg, Saltmere</p>")
    after = ("<div class='src'><p>(Saltmere Press Agency)</p><a href='/share'>Share</a></div>"
             "<div class='more'><p class='hdg'>Anna Berg, Saltmere</p><a href='/authors/anna'>All stories</a></div>")
    text = "\n".join([PARA, PARA2, PARA3, "Opening hours", "- Monday to Friday, nine to five", "- Saturday, nine to noon",
                      "Anna Berg, Saltmere", "(Saltmere Press Agency)"])
    assert box_lines(load_html(_page(article, around=after)), text) == []


def test_a_login_popup_after_the_article_and_the_imprint_before_it_go():
    """Found on 2026-12-17: a login pop-up printed after the page's footer; its sentences made
    the last "paragraph" of the body, so the imprint line above it was taken for article text.
    A pop-up (login, registration, paywall, modal) is a box of whole sentences, like a footer."""
    imprint = "Register of publications no. 2019-0427, owner Saltmere Press Ltd., editor: Anna Berg, 1 Harbour Street."
    message = ("Should you have any trouble signing in, please write to our systems team at the address "
               "printed below, and we will answer within a day.")
    after = (f"<div class='copyright'><p>{imprint}</p></div>"
             f"<div id='login-popup' class='login-popup popup'><p>Welcome</p><p>{message}</p>"
             "<a href='/register'>Register at saltmere.example</a></div>")
    text = "\n".join([PARA, PARA2, PARA3, imprint, "Welcome", message, "Register at saltmere.example"])
    assert box_lines(load_html(_page(_paras(), around=after)), text) == [
        imprint, "Welcome", message, "Register at saltmere.example"]


def test_custom_elements_named_for_their_place_are_boxes():
    """Found by the blind check of 2026-12-18: a page whose top menu stands in a custom element
    <toplinks> (no class, no id): its row above the article is a box line."""
    top = "<toplinks><table><tr><td><a href='/about'>About</a> | <a href='/search'>Search</a></td></tr></table></toplinks>"
    text = "\n".join(["| About | Search |", PARA, PARA2, PARA3])
    assert box_lines(load_html(_page(_paras(), before=top)), text) == ["| About | Search |"]
    # the same row in a cell classed as a top menu (the page's other marking)
    cell = "<table><tr><td class='topmenu'><a href='/about'>About</a> | <a href='/search'>Search</a></td></tr></table>"
    assert box_lines(load_html(_page(_paras(), before=cell)), text) == ["| About | Search |"]
    # an element of HTML with no class is no box: a <section> above the article stays
    plain = "<section><p>About | Search</p></section>"
    assert box_lines(load_html(_page(_paras(), before=plain)), "\n".join(["About | Search", PARA, PARA2, PARA3])) == []


def test_article_text_in_a_paywall_or_lightbox_container_stays():
    """The subscriber part of an article in a "paywall" container, a picture's lightbox, a
    "multimodal" class: none is a pop-up box (review of stop 11)."""
    article = (_paras() + "<div class='article-paywall'><p>A final vote on the parking fees is expected next "
               "month, when the council returns from its summer recess.</p></div>")
    text = "\n".join([PARA, PARA2, PARA3, "A final vote on the parking fees is expected next month, when the "
                      "council returns from its summer recess."])
    assert box_lines(load_html(_page(article)), text) == []
    for cls in ("wp-lightbox", "multimodal", "contentDialog"):
        box = f"<div class='{cls}'><p>The harbour master's office opens at nine on weekdays and at ten on Saturdays.</p></div>"
        t = "\n".join([PARA, PARA2, PARA3, "The harbour master's office opens at nine on weekdays and at ten on Saturdays."])
        assert box_lines(load_html(_page(_paras() + box)), t) == [], cls
