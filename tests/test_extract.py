"""HTML extraction fallbacks: what is kept when trafilatura finds no article in a page."""
from __future__ import annotations

from trafilatura.utils import load_html

from tasks.extract import (_paragraph_text, extract_html, strip_chrome_boxes, strip_hidden_labels, strip_inline_teasers,
                           unwrap_layout_tables,
                           word_count)

PROSE = [
    "Der Stadtrat hat am Dienstagabend nach langer Debatte beschlossen, die Brücke über den "
    "Fluss bis zum Herbst für den Autoverkehr zu sperren und eine Fähre einzurichten.",
    "Die Bürgermeisterin sagte, die Sanierung sei unvermeidlich, weil Gutachter Risse in zwei "
    "Pfeilern gefunden hätten; die Kosten schätzt die Verwaltung auf elf Millionen Euro.",
    "Händler in der Altstadt befürchten Umsatzeinbußen und fordern kostenlose Parkplätze am "
    "Stadtrand sowie einen Pendelbus, der im Takt von zehn Minuten fahren soll.",
]


def _page(body: str, head: str = "") -> str:
    return f"<html><head><title>Brücke gesperrt</title>{head}</head><body>{body}</body></html>"


def test_word_count_counts_cjk_characters():
    """Japanese writes no spaces: 40 characters are about 20 words, not one."""
    assert word_count("宮崎県で震度5弱の地震があったと発表した。震源の深さは約30キロと推定される。") >= 15
    assert word_count("three plain words") == 3


def test_article_inside_an_aside_is_kept_from_its_paragraphs():
    """The last fallback when trafilatura finds nothing: prose <p> paragraphs. Some sites
    wrap the whole <article> in an <aside>; the nearest container decides, so the article
    is kept and the navigation and footer paragraphs are not."""
    article = "".join(f"<p>{p}</p>" for p in PROSE)
    html = _page(
        "<nav><p>Startseite Politik Wirtschaft Sport Kultur Reise Auto Digital Wissen Karriere "
        "Immobilien Lokales</p></nav>"
        f"<aside><div><article><h1>Brücke gesperrt</h1>{article}</article></div></aside>"
        "<footer><p>Impressum Datenschutz Kontakt Mediadaten Abo Newsletter Karriere Presse "
        "Cookies AGB Barrierefreiheit</p></footer>")
    text = _paragraph_text(load_html(html))
    assert "Der Stadtrat hat am Dienstagabend" in text
    assert "Pendelbus" in text
    assert "Impressum" not in text and "Startseite" not in text


def test_script_loaded_article_keeps_its_description():
    """An article page whose text is loaded by script still says what it reports in its
    description; an og:type=article page keeps that rather than becoming a reject."""
    desc = "Der Stadtrat sperrt die Brücke bis zum Herbst; Händler fürchten Umsatzeinbußen."
    html = _page('<div id="app">You need to enable JavaScript to run this app.</div>',
                 head=f'<meta property="og:type" content="article"/>'
                      f'<meta property="og:description" content="{desc}"/>')
    assert extract_html(html, "https://example.de/a")[0] == desc


def test_a_site_description_is_not_an_article():
    """A page that does not call itself an article (a home page, a menu) gets no text from
    its description: the site's tagline is not news."""
    html = _page('<div id="app">You need to enable JavaScript to run this app.</div>',
                 head='<meta property="og:type" content="website"/>'
                      '<meta name="description" content="Ihr wichtigster Touchpoint zur Digitalbranche und mehr.">')
    text = extract_html(html, "https://example.de/")[0]
    assert "Touchpoint" not in text


def test_paragraph_fallback_needs_enough_prose():
    """A few short paragraphs (buttons, captions) are not an article."""
    html = _page("<p>Jetzt abonnieren und nichts verpassen</p><p>Foto: dpa</p>")
    assert _paragraph_text(load_html(html)) == ""


def test_paragraph_fallback_never_reads_comment_or_consent_boxes():
    """The paragraph fallback (for pages where trafilatura finds almost nothing) takes the
    article's paragraphs, not readers' comments or a consent box."""
    brief = ("Die Stadtwerke erhöhen zum 1. März die Preise für Fernwärme um acht Prozent, "
             "teilte das Unternehmen am Montag mit; betroffen sind rund 12.000 Haushalte.")
    comments = "".join(
        f"<div class='comment'><p>{t}</p></div>" for t in (
            "Das ist doch wieder typisch, erst die Gaspreise und jetzt auch noch die Fernwärme für alle.",
            "Ich frage mich, wann die Politik endlich etwas gegen diese ständigen Erhöhungen unternimmt."))
    html = _page(f"<article><h1>Fernwärme wird teurer</h1><p>{brief}</p></article>"
                 f"<section id='comments'>{comments}</section>"
                 "<div class='consent-box'><p>Wir und unsere Partner verarbeiten personenbezogene Daten, "
                 "um Inhalte und Anzeigen zu personalisieren und Zugriffe zu analysieren.</p></div>")
    brief_only = _paragraph_text(load_html(html.replace("</article>", f"<p>{brief}</p></article>")))
    assert brief_only.count("Fernwärme um acht Prozent") == 2
    assert "typisch" not in brief_only and "personenbezogene" not in brief_only


def test_author_bio_related_posts_and_comment_form_boxes_go_before_extraction():
    """Boxes inside the article container that trafilatura keeps (class names it does not
    know): an author bio, "associated posts" under the post, a comment form. Removed by class
    or id; the article's paragraphs stay."""
    article = "".join(f"<p>{p}</p>" for p in PROSE * 2)
    html = _page(
        f"<article class='post'><h1>Brücke gesperrt</h1>{article}"
        "<div class='about-author-sec'><p>Maria Muster ist seit 2018 Werkstudentin in der Redaktion "
        "und bloggt über Verkehrsthemen in der Region.</p></div>"
        "<div class='associated-posts'><div class='post-excerpt'><p>Im Winter sinken die Temperaturen, "
        "und wir haben die besten Jacken für die Baustelle getestet, einige Namen kennen Sie.</p></div></div>"
        "<section class='leaveComment'><h2>Meine Meinung</h2><p>Andere Meinung? Fragen? Hier ist der "
        "Platz dafür. Alle Kommentare werden vor der Veröffentlichung gelesen.</p></section>"
        "</article>")
    text = extract_html(html, "https://example.de/bruecke")[0]
    assert "Sanierung sei unvermeidlich" in text
    assert "Werkstudentin" not in text and "Jacken" not in text and "Meine Meinung" not in text


def test_popular_carousel_and_wiki_edit_links_go_before_extraction():
    """A "popular articles" carousel set inside the article (its heading "Popular" and its
    control "Swipe →" came out as lines of the body) and a wiki's "[edit]" links beside its
    section headings go by class; the article's paragraphs and headings stay."""
    article = "".join(f"<p>{p}</p>" for p in PROSE * 2)
    html = _page(
        f"<article><h1>Brücke gesperrt</h1><h2>Geschichte<span class='mw-editsection'>[edit]</span></h2>"
        f"{article}<section class='popular-articles'><div class='swiper'><h2>Popular</h2>"
        "<span class='swipe-msg'>Swipe →</span><ol><li><a href='/a'>Ein ganz anderer Artikel über "
        "den Winter in der Stadt</a></li></ol></div></section></article>")
    text = extract_html(html, "https://example.de/bruecke")[0]
    assert "Sanierung sei unvermeidlich" in text
    assert "Popular" not in text and "Swipe" not in text and "[edit]" not in text
    assert "ganz anderer Artikel" not in text


def test_an_inline_teaser_custom_element_goes_before_extraction():
    """Found by the blind check of 2026-12-19: a ministry's page sets a teaser card between two
    paragraphs as a custom element <pp-inline-teaser> (no class): its heading "FAQs Betrieblicher
    Infektionsschutz" came out as a line of the body. Other custom elements stay."""
    first, rest = "".join(f"<p>{p}</p>" for p in PROSE), "".join(f"<p>{p}</p>" for p in PROSE)
    html = _page(
        f"<article><h1>Brücke gesperrt</h1>{first}<pp-inline-teaser><pp-link href='/faq'><h3>Fragen zur Brücke"
        "</h3></pp-link><div><p>Erhalten Sie Antworten auf Ihre Fragen zur Brücke.</p></div></pp-inline-teaser>"
        f"<pp-text>{rest}</pp-text></article>")
    text = extract_html(html, "https://example.de/bruecke")[0]
    assert "Sanierung sei unvermeidlich" in text
    assert "Fragen zur Brücke" not in text and "Erhalten Sie Antworten" not in text


def test_a_box_class_on_the_article_itself_does_not_remove_it():
    """A page whose whole article sits in a 'newsletter' container (a newsletter's own web
    edition) keeps it: a box holding most of the page's text is the article."""
    article = "".join(f"<p>{p}</p>" for p in PROSE * 2)
    tree = load_html(_page(f"<div class='newsletter-issue'><h2>Ausgabe 12</h2>{article}</div>"
                           "<nav><a href='/'>Start</a></nav>"))
    assert strip_chrome_boxes(tree) == 0
    assert "Sanierung" in tree.text_content()


# ---------------------------------------------------------------- lost leads

LEAD = ("Monatelang müssen Pendler nun mit der Fähre übersetzen: Ein Gutachten zeigt, dass das "
        "alte Bauwerk aus den Sechzigern marode ist.")


def _article(lead_html: str, head: str = "", between: str = "") -> str:
    """A news page whose lead sits in a teaser box of the article header, apart from the body
    (where trafilatura does not look), between the headline and the first paragraph."""
    body = "".join(f"<p>{p}</p>" for p in PROSE * 2)
    return _page(
        "<nav><a href='/'>Start</a> <a href='/politik'>Politik</a></nav>"
        f"<main><header class='article-header'><h1>Brücke gesperrt</h1>{lead_html}{between}</header>"
        f"<div class='article-body'>{body}</div></main>"
        "<footer><p>Impressum Datenschutz Kontakt</p></footer>", head=head)


def _text(html: str) -> str:
    return extract_html(html, "https://example.de/bruecke")[0]


def test_a_printed_lead_is_put_back_before_the_first_paragraph():
    """The lead printed in a teaser box under the headline is article text: it comes back,
    once, as the first paragraph."""
    text = _text(_article(f"<div class='teaser'><p>{LEAD}</p></div>"))
    paragraphs = [p for p in text.split("\n") if p.strip()]
    assert paragraphs[0] == LEAD
    assert text.count("Gutachten zeigt") == 1
    assert paragraphs[1].startswith("Der Stadtrat hat am Dienstagabend")


def test_the_printed_description_finds_an_unmarked_lead():
    """A lead in an unclassed element is found by the description it prints."""
    html = _article(f"<p><strong>{LEAD}</strong></p>",
                    head=f'<meta property="og:description" content="{LEAD}">')
    assert _text(html).split("\n")[0] == LEAD


def test_an_seo_description_the_page_does_not_print_is_not_added():
    """A description only in <head> (or in a script's JSON) is a summary for search engines,
    not text of the page."""
    seo = ("Alles zur Brückensperrung: Umleitungen, Fährzeiten und Parkplätze am Stadtrand "
           "jetzt im Überblick für alle Pendler.")
    html = _article("", head=f'<meta name="description" content="{seo}">'
                             f'<script type="application/ld+json">{{"description": "{seo}"}}</script>')
    html = html.replace("</main>", f'<script>var meta = {{"description": "{seo}"}};</script></main>')
    assert "Umleitungen" not in _text(html)


def test_a_lead_already_in_the_body_is_not_doubled():
    """When trafilatura keeps the lead (or the description is the first paragraph), nothing is
    added."""
    first = PROSE[0]
    html = _article(f"<p class='lead'>{first}</p>", head=f'<meta property="og:description" content="{first}">')
    assert _text(html).count("nach langer Debatte") == _text(_article("")).count("nach langer Debatte")


def test_a_truncated_description_brings_back_the_printed_lead_in_full():
    """A description cut off with "..." is looked for without the dots; the lead comes back
    as the page prints it, in full. When the page does not print it, nothing is added."""
    cut = LEAD[:90].rsplit(" ", 1)[0] + " ..."
    html = _article(f"<p>{LEAD}</p>", head=f'<meta property="og:description" content="{cut}">')
    assert _text(html).split("\n")[0] == LEAD
    unprinted = _article("", head=f'<meta property="og:description" content="{cut}">')
    assert "Gutachten zeigt" not in _text(unprinted)


def test_teasers_taglines_and_captions_are_not_leads():
    """A teaser linking to another article, a lead box outside the headline's neighbourhood
    (a site tagline above the headline) and a photo caption are not the article's lead."""
    other = ("Im Winter sinken die Temperaturen, und wir haben die besten Jacken für die Baustelle "
             "getestet, einige Namen kennen Sie sicher schon.")
    linked = _article(f"<div class='teaser'><a href='/jacken'><p>{other}</p></a></div>")
    assert "Jacken" not in _text(linked)
    tagline = _page(f"<header><p class='intro'>{other}</p></header><main><h1>Brücke gesperrt</h1>"
                    + "".join(f"<p>{p}</p>" for p in PROSE * 2) + "</main>")
    assert "Jacken" not in _text(tagline)
    caption = _article(f"<div class='teaser'><figure><img src='a.jpg'><figcaption>{other}</figcaption>"
                       "</figure></div>")
    assert "Jacken" not in _text(caption)


def test_a_lead_with_a_byline_date_after_it_is_restored_and_the_date_stays_a_header_date():
    """The lead goes back in front of the body even when the byline's date is printed between
    it and the first paragraph; the date stage still weighs that date as the page's header
    date (evidence_text.BODY_TOP_CHARS), so the decision does not move."""
    from tasks.dates.collect import evidence_for_doc

    html = _article(f"<div class='teaser'><p>{LEAD}</p></div>", between="<p class='date'>5. November 2021</p>")
    text = _text(html)
    assert "Gutachten zeigt" in text
    rows = evidence_for_doc({"content": html, "is_html": True, "text": text})
    (shown,) = [r for r in rows if r["raw"] == "5. November 2021"]
    unrestored = evidence_for_doc({"content": html, "is_html": True, "text": text.replace(LEAD, "")})
    (before,) = [r for r in unrestored if r["raw"] == "5. November 2021"]
    assert shown["confidence"] == before["confidence"]


def test_screen_reader_labels_go_before_extraction():
    """Labels for screen readers only ("You are here", "(link is external)") are never shown on
    the page: they go, by class name, before extraction. The visible text around them stays."""
    article = "".join(f"<p>{p}</p>" for p in PROSE * 2)
    html = _page(f"<h2 class='element-invisible'>You are here</h2><article><h1>Brücke gesperrt</h1>"
                 f"<p>Der Plan steht <a href='https://example.org/plan'>online<span class='sr-only'> (link is "
                 f"external)</span></a> zur Einsicht bereit, sagte die Sprecherin der Stadt am Montag.</p>"
                 f"{article}</article>")
    tree = load_html(html)
    assert strip_hidden_labels(tree) == 2
    text = extract_html(html, "https://example.de/bruecke")[0]
    assert "You are here" not in text and "link is external" not in text
    assert "Der Plan steht online zur Einsicht bereit" in text and "Sanierung sei unvermeidlich" in text


def test_navigation_lines_found_in_the_page_leave_the_body_in_clean(monkeypatch):
    """extract_docs names the body's lines that the page prints as section links (tasks.navlines)
    in nav_lines; the body keeps them, and clean flags them as chrome (chrome_text keeps them).
    The main text is given here as trafilatura writes such a page (the section link on a line of
    its own above the lead), since on a page this small it drops the link itself."""
    import polars as pl

    import tasks.extract as extract
    from tasks.clean import clean_docs

    article = "".join(f"<p>{p}</p>" for p in PROSE * 2)
    html = _page(f"<nav><a href='/verkehr'>Verkehr</a></nav><article><h1>Brücke gesperrt</h1>{article}</article>")
    monkeypatch.setattr(extract, "main_text", lambda html, tree, url: "\n".join(["Verkehr", *PROSE]))
    docs = extract.extract_docs(pl.DataFrame(
        {"doc_id": ["d1"], "record_id": ["r1"], "source_uri": ["x.html"], "content": [html],
         "is_html": [True], "meta_url": ["https://example.de/verkehr/bruecke-gesperrt"]}))
    assert docs["nav_lines"].to_list() == ["Verkehr"] and docs["body_raw"][0].startswith("Verkehr\n")
    kept, _ = clean_docs(docs, pl.DataFrame(schema={"site": pl.String, "line_key": pl.String}))
    assert kept["text"][0].startswith("Der Stadtrat") and kept["chrome_text"][0] == "Verkehr"


def test_hidden_region_headings_go_before_extraction_responsive_and_inline_ones_stay():
    """A heading or label the page hides from everyone (class 'hidden', the hidden attribute),
    such as "Hauptinhalt" between the headline and the lead, goes before extraction. An element
    that a class shows from some screen width on ("hidden md:block", "d-none d-sm-block") is
    on the page, and a hidden span inside a widget is left to the extractor."""
    article = "".join(f"<p>{p}</p>" for p in PROSE * 2)
    html = _page("<article><h1>Brücke gesperrt</h1><h2 class='conHeadline hidden'>Hauptinhalt</h2>"
                 "<p hidden>Zum Seitenanfang springen</p>"
                 "<p class='hidden md:block'>Die Fähre fährt ab Montag im Takt von zwanzig Minuten über den Fluss.</p>"
                 f"<p>Der Umweg kostet <span class='hidden'>Video starten</span>Pendler zehn Minuten am Tag, "
                 f"schätzt die Verwaltung nach einer ersten Zählung.</p>{article}</article>")
    tree = load_html(html)
    assert strip_hidden_labels(tree) == 2
    text = extract_html(html, "https://example.de/bruecke")[0]
    assert "Hauptinhalt" not in text and "Zum Seitenanfang" not in text
    assert "Die Fähre fährt ab Montag" in text and "Der Stadtrat hat am Dienstagabend" in text


def test_a_read_also_teaser_inside_a_paragraph_goes_a_sentence_with_such_words_stays():
    """A "Read also" teaser set inside a paragraph (a label and a link's text in one inline
    element) goes before extraction, so the paragraph's text runs on without it; prose that
    says "see also" with a link in a sentence, and a teaser box of its own (a heading in an
    aside), are left to the line rules."""
    article = "".join(f"<p>{p}</p>" for p in PROSE * 2)
    html = _page("<article><h1>Brücke gesperrt</h1>"
                 "<p>Die Sperrung gilt ab dem ersten Juni, teilte die Stadt mit. <span class='Capsule'>"
                 "<span class='label'>À LIRE AUSSI</span> <strong><a href='/fluss/faehre-123'>Une nouvelle "
                 "passerelle pour la ville</a></strong></span>Die Fähre soll ab dem gleichen Tag fahren, "
                 "sagte die Sprecherin der Stadt am Montag.</p>"
                 "<p>Lesen Sie auch <a href='/plan'>den Plan</a>, sagte sie, dann verstehen Sie die Sorgen "
                 "der Händler in der Altstadt besser als aus jeder Zeitung.</p>"
                 "<aside class='embed'><hgroup><h3><a href='/faehre'>Lesen Sie auch</a></h3><h2><a href='/faehre'>"
                 "Die Fähre</a></h2></hgroup><p>Wie die Stadt den Fluss ohne Brücke überqueren will und was die "
                 "Fahrt kosten soll.</p></aside>"
                 f"{article}</article>")
    tree = load_html(html)
    assert strip_inline_teasers(tree) == 1 and tree.find(".//hgroup") is not None
    text = extract_html(html, "https://example.de/bruecke")[0]
    assert "À LIRE AUSSI" not in text and "passerelle" not in text
    assert "teilte die Stadt mit. Die Fähre soll ab dem gleichen Tag fahren" in " ".join(text.split())
    assert "Lesen Sie auch den Plan, sagte sie" in text


def test_box_lines_found_in_the_page_leave_the_body_in_clean(monkeypatch):
    """extract_docs names the body's lines the page prints only in a box around the article
    (tasks.boxlines) in box_lines; clean flags them as chrome (chrome_text keeps them). The
    main text is given as trafilatura writes such a page (the column's headings after the
    article), since on a page this small it drops them itself."""
    import polars as pl

    import tasks.extract as extract
    from tasks.clean import clean_docs

    article = "".join(f"<p>{p}</p>" for p in PROSE * 2)
    html = _page(f"<article><h1>Brücke gesperrt</h1>{article}</article>"
                 "<div id='rightColumn'><div class='boxHead'>Beiträge aus dem Forum</div></div>")
    monkeypatch.setattr(extract, "main_text", lambda html, tree, url: "\n".join([*PROSE, "Beiträge aus dem Forum"]))
    docs = extract.extract_docs(pl.DataFrame(
        {"doc_id": ["d1"], "record_id": ["r1"], "source_uri": ["x.html"], "content": [html],
         "is_html": [True], "meta_url": ["https://example.de/verkehr/bruecke-gesperrt"]}))
    assert docs["box_lines"].to_list() == ["Beiträge aus dem Forum"]
    kept, _ = clean_docs(docs, pl.DataFrame(schema={"site": pl.String, "line_key": pl.String}))
    assert kept["text"][0].endswith("zehn Minuten fahren soll.") and kept["chrome_text"][0] == "Beiträge aus dem Forum"


def test_a_page_laid_out_as_a_table_comes_out_as_paragraphs_without_its_side_cells():
    """A page laid out as a table (menus and a search box in the left cell, the article's
    paragraphs in the middle one, a login row above and a copyright row below): trafilatura
    wrote each row as one line, the article glued to the menus ("| Suche ... | Brücke gesperrt
    Der Stadtrat ... |"). A table with paragraphs of prose in a cell, and the tables around it,
    are page layout and become plain blocks; a data table inside the article stays a table."""
    article = "".join(f"<p>{p}</p>" for p in PROSE * 2)
    data = "<table><tr><td>Fähre</td><td>2,50 Euro</td></tr><tr><td>Pendelbus</td><td>1,80 Euro</td></tr></table>"
    html = _page("<table><tr><td></td><td><p>Login oder neu registrieren?</p></td></tr>"
                 "<tr><td><h2>Suche</h2><p>Suchen Sie im Archiv in über 7000 Artikeln:</p><a href='/top'>Top-15</a></td>"
                 f"<td><table><tr><td><h1>Brücke gesperrt</h1>{article}{data}</td></tr></table></td>"
                 "<td><a href='/mehr'>Mehr zur Stadt</a></td></tr>"
                 "<tr><td colspan='3'><p>© 2021 Stadtblatt | Impressum | Datenschutz</p></td></tr></table>")
    tree = load_html(html)
    assert unwrap_layout_tables(tree) == 2
    assert len(tree.findall(".//table")) == 1   # the fare table
    text = extract_html(html, "https://example.de/bruecke")[0]
    lines = text.split("\n")
    assert PROSE[0] in lines and PROSE[2] in lines
    assert "| Fähre | 2,50 Euro |" in lines
    assert "© 2021 Stadtblatt | Impressum | Datenschutz" in lines   # on a line of its own: the © rule sees it
    assert not any("Suchen Sie im Archiv" in x for x in lines)


def test_data_tables_with_a_long_cell_that_is_no_paragraph_stay_tables():
    """A data table whose cells hold long text without paragraphs (a glossary, a timetable note)
    is no layout table."""
    long = " ".join(["Die Fähre fährt im Takt von zwanzig Minuten und hält an beiden Ufern."] * 12)
    tree = load_html(_page(f"<table><tr><td>Fähre</td><td>{long}</td></tr></table>"))
    assert unwrap_layout_tables(tree) == 0 and tree.find(".//table") is not None


def test_skip_link_and_category_headings_are_not_the_title():
    """Found by the blind checks of 2026-12-23/24/28: a speech page whose first <h1> is the skip
    links' heading "Navigation und Service", a post without <h1> or <title> whose first <h2> is
    its category "Allgemein", a page whose only <h1> is the site's logo. The title is the
    page's <title>, the post's second <h2>, the page's <title>."""
    body = "".join(f"<p>{p}</p>" for p in PROSE)
    speech = ("<html><head><title>Rede des Bürgermeisters zur Brücke</title></head><body>"
              "<h1 class='navSkip'>Navigation und Service</h1><ul class='navSkip'><li><a href='#c'>Inhalt</a></li></ul>"
              f"<div id='c'><h2>Rede des Bürgermeisters zur Brücke</h2>{body}</div></body></html>")
    assert extract_html(speech, "https://example.de/rede")[1] == "Rede des Bürgermeisters zur Brücke"
    post = (f"<html><body><h2 class='post_cat'>Allgemein</h2><h2 class='post_name'>Brücke gesperrt</h2>{body}"
            "</body></html>")
    assert extract_html(post, "https://example.de/post")[1] == "Brücke gesperrt"
    # the site's logo in the only <h1> (a link to the home page): the <title> is the headline
    logo = ("<html><head><title>Brücke gesperrt</title></head><body><h1><a href='http://example.de/'></a>"
            f"<i>Brückenblatt</i></h1>{body}</body></html>")
    assert extract_html(logo, "https://example.de/post")[1] == "Brücke gesperrt"
    blog = ("<html><head><title>Brückenblatt » Blog Archive » Die Brücke bleibt bis Herbst gesperrt</title></head>"
            f"<body><h1><a href='http://example.de'>Brückenblatt</a></h1><h2>Die Brücke</h2>{body}</body></html>")
    assert extract_html(blog, "https://example.de/post")[1] == "Die Brücke bleibt bis Herbst gesperrt"
    dashed = ("<html><head><title>Kiew sagt - Gespräche mit Moskau stocken | Brückenblatt</title></head><body>"
              f"<h1><a href='/'>Brückenblatt</a></h1>{body}</body></html>")
    assert extract_html(dashed, "https://example.de/post")[1] == "Kiew sagt - Gespräche mit Moskau stocken"
    # a link to another site's home page in the headline is no logo
    review = ("<html><head><title>Test | Brückenblatt</title></head><body><h1>Die neue Uhr von "
              f"<a href='https://www.apple.com/'>Apple</a> im Test</h1>{body}</body></html>")
    assert extract_html(review, "https://example.de/post")[1] == "Die neue Uhr von Apple im Test"
    anchored = f"<html><body><h1><a name='top'></a>Brücke gesperrt</h1>{body}</body></html>"
    assert extract_html(anchored, "https://example.de/post")[1] == "Brücke gesperrt"
    # a heading classed by its category elsewhere ("category-politics") is still the headline
    plain = f"<html><body><h1 class='entry-title category-politics'>Brücke gesperrt</h1>{body}</body></html>"
    assert extract_html(plain, "https://example.de/p2")[1] == "Brücke gesperrt"
