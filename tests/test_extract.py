"""HTML extraction fallbacks: what is kept when trafilatura finds no article in a page."""
from __future__ import annotations

from trafilatura.utils import load_html

from tasks.extract import _paragraph_text, extract_html, strip_chrome_boxes, word_count

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


def test_a_box_class_on_the_article_itself_does_not_remove_it():
    """A page whose whole article sits in a 'newsletter' container (a newsletter's own web
    edition) keeps it: a box holding most of the page's text is the article."""
    article = "".join(f"<p>{p}</p>" for p in PROSE * 2)
    tree = load_html(_page(f"<div class='newsletter-issue'><h2>Ausgabe 12</h2>{article}</div>"
                           "<nav><a href='/'>Start</a></nav>"))
    assert strip_chrome_boxes(tree) == 0
    assert "Sanierung" in tree.text_content()
