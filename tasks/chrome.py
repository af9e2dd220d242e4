"""Site chrome: the lines of a page that are the website, not the article.

Two kinds of evidence, combined by `chrome_flags`:
1. Learned per site across the corpus (`line_stats` -> `learn_chrome`): a line that recurs on
   many documents of the same site is a menu, a footer, an appeal. Counting per site (never
   across sites) keeps syndicated copies of the same article on different sites from erasing
   each other.
2. Fixed rules for what is chrome on any site, in the languages the corpus shows: donation
   and subscription appeals, cookie prompts, copyright, contact footers (address, phone,
   e-mail, social handles), "Latest news" sidebars, "Related article" lines, bare URL lists,
   menus (runs of one-to-three-word lines), lines repeated inside one document (print page
   headers), teaser lines repeated by the next paragraph, fact boxes printed twice and pull
   quotes, picture-credit lists, excerpts of other posts ending in " […]".
"""
from __future__ import annotations

import re
from collections import Counter

import polars as pl

from tasks.boxlines import box_flags
from tasks.navlines import key as nav_key
from tasks.navlines import nav_flags
from tasks.text import line_weight, wrap_width

# ---------------------------------------------------------------- line keys

_DIGITS = re.compile(r"\d+")
_NON_WORD = re.compile(r"[\W_]+")
KEY_MAX_CHARS = 200


def line_key(line: str) -> str:
    """Return the normalised key of a line: lower-case, digits as 0, punctuation and spacing
    dropped, so a menu line with a changed date or count still matches ('' for lines without
    letters, which are never counted)."""
    k = _NON_WORD.sub(" ", _DIGITS.sub("0", line.lower())).strip()
    if not any(ch.isalpha() for ch in k):
        return ""
    return k[:KEY_MAX_CHARS]


def line_stats(docs: pl.DataFrame) -> pl.DataFrame:
    """Return (site, line_key, n_docs u32): on how many documents of each site a line occurs.

    Each line counts once per document, and documents with an identical body count once, so a
    page ingested twice does not make its own paragraphs look like chrome.
    """
    counts: Counter = Counter()
    seen_bodies: set[tuple[str, int]] = set()
    for site, body in zip(docs["site"].to_list(), docs["body_raw"].to_list()):
        if not body:
            continue
        ident = (site, hash(body))
        if ident in seen_bodies:
            continue
        seen_bodies.add(ident)
        keys = {line_key(x) for x in body.split("\n")}
        keys.discard("")
        counts.update((site, k) for k in keys)
    # A line seen once in this shard may recur in other shards, so short lines are kept even
    # as singletons (the flow sums shards); long lines need 20 documents to count as chrome
    # and are kept from 2 on, which keeps the persisted stats far smaller than the corpus.
    rows = [(s, k, n) for (s, k), n in counts.items() if n >= 2 or line_weight(k) <= SHORT_LINE_WORDS]
    return pl.DataFrame(rows, schema={"site": pl.String, "line_key": pl.String, "n_docs": pl.UInt32},
                        orient="row").sort("site", "line_key")


# Thresholds (see learn_chrome). Short lines are menus, labels, footer lines; long lines are
# paragraphs, which repeat on many pages of one site only as appeals or disclaimers.
SHORT_LINE_WORDS = 12
MIN_SHORT_REPEAT = 3
SHORT_SHARE = 0.02
MAX_SHORT_REPEAT = 50
# research/dedupe.md §6.4 item 3: a paragraph-repeat threshold of 5 stripped real wire text,
# 20 removed boilerplate only.
MIN_LONG_REPEAT = 20


def learn_chrome(stats: pl.DataFrame, docs_per_site: pl.DataFrame) -> pl.DataFrame:
    """Return (site, line_key): lines that are chrome for their site.

    A short line is chrome on a site when it occurs on at least max(3, 2 % of the site's
    documents, capped at 50) of them; a long line (more than 12 words) needs at least 20 and
    the same share. For '*' (documents whose site is unknown, pooled from many sites) only
    short lines are learned: there, long repeated lines are as likely syndicated paragraphs.
    """
    words = pl.col("line_key").map_elements(line_weight, return_dtype=pl.Int64)  # CJK-aware length
    n_site = pl.col("site_docs").cast(pl.Float64)
    short_min = pl.max_horizontal(
        pl.lit(MIN_SHORT_REPEAT), pl.min_horizontal(pl.lit(MAX_SHORT_REPEAT), (n_site * SHORT_SHARE).ceil().cast(pl.Int64))
    )
    summed = stats.group_by("site", "line_key").agg(pl.col("n_docs").sum()).filter(pl.col("n_docs") >= MIN_SHORT_REPEAT)
    per_site = docs_per_site.group_by("site").agg(pl.col("n_docs").sum().alias("site_docs"))
    joined = summed.join(per_site, on="site", how="left").with_columns(pl.col("site_docs").fill_null(0))
    is_short = words <= SHORT_LINE_WORDS
    threshold = pl.when(is_short).then(short_min).otherwise(pl.max_horizontal(pl.lit(MIN_LONG_REPEAT), short_min))
    keep = (pl.col("n_docs") >= threshold) & (is_short | (pl.col("site") != "*"))
    return joined.filter(keep).select("site", "line_key").sort("site", "line_key")


# ---------------------------------------------------------------- fixed rules

_I = re.I | re.U

# Whole short lines (up to ~30 words) that are chrome wherever they appear. Matched on the
# lower-cased line and anchored at a word start: a case-insensitive alternation tried at every
# character cost 85 µs a line (measured), this costs about 7.
_CHROME_PHRASES = re.compile(
    r"\b(?:enjoying ad-free content|we have disabled all ads|disabled all ads"
    r"|support us\b|support (?:our|independent) journalism|your support (?:can|will|helps|makes)"
    r"|we need your (?:help|support)|make a (?:donation|contribution)|donate (?:now|today)"
    r"|become a (?:member|supporter|patron|subscriber)|not ready to support|remind me later"
    r"|payment methods|paiment methods|a small fav(?:o|ou)r to ask"
    r"|subscribe (?:now|today|to (?:our|the))|sign up (?:for|to) (?:our|the)|already a subscriber"
    r"|privacy (?:policy|settings)|terms (?:of (?:use|service)|and conditions)"
    r"|all rights reserved|rights reserved|tüm hakları saklıdır|haklar[ıi] sakl[ıi]d[ıi]r"
    r"|все права защищены|всі права захищені|alle rechte vorbehalten|tous droits réservés"
    r"|todos los derechos reservados|tutti i diritti riservati|wszelkie prawa zastrzeżone"
    r"|this block is broken or missing|you may be missing content|enable (?:the original module|javascript)"
    r"|views expressed in (?:opinion pieces|this article)|do not necessarily reflect the (?:position|views)"
    r"|^about the author\s*:?$|^share (?:this|on)\b|^follow us\b|^skip to (?:main )?content"
    r"|^advertisement$|^реклама$|^anzeige$|^publicité$|^reklam$|^back to top$|^read more\.?$|^load more"
    # newsletters and donations in other languages
    r"|(?:in|to) your inbox|get the latest news|jetzt (?:unterstützen|spenden|abonnieren)|unterstützen sie uns"
    r"|faire un don|soutenez-nous|abonnez-vous|dona ahora|apóyanos|suscríbete|поддержите нас|підтримайте нас"
    r"|подпишитесь|bağış yap|abone ol|leserbriefe können|kommentare sind geschlossen|comments are closed"
    r"|leave a (?:comment|reply)"
    # the heading of the comment section, in the languages of the corpus
    r"|^(?:\d+\s+)?(?:comments?|kommentare?|kommentarer|commentaires?|comentarios?|commenti|reacties|komentarze"
    r"|комментарии|коментарі|yorumlar)$"
    r"|^stay up to date|^our standards:|^was this (?:article|page|story) helpful"
    # a pointer to more of the site ("For more stories like this, check our news page.")
    r"|^for more (?:stories|news|articles|updates|content) like this\b"
    # a comment box's prompt to log in, a picture toggle
    r"|^(?:um (?:einen kommentar|kommentare) zu (?:hinterlassen|schreiben|verfassen)|to (?:leave|post|write) a comment)"
    r"\b.{0,40}\b(?:loggen sie sich|einloggen|anmelden|log in|sign in)\b|^sie sind (?:aktuell |derzeit )?nicht eingeloggt"
    r"|^(?:show|hide) (?:images|photos|pictures)$|^(?:bilder|fotos) (?:ein|aus)blenden$"
    # a video site's queue widget
    r"|^(?:watch |tv )?queue$"
    r"|(?:fandest du|war) (?:den|dieser) artikel hilfreich|cet article vous a-t-il été utile"
    r"|^want to join the conversation|^this is a live blog|affiliate[- ]links?|^article content$"
    r"|^(?:photo|image|foto|fotos|bild|bildcredit|photo credit|credit)s?\s*:"
    # a credit line naming both writer and photographer ("Words: A. Name Photos: B. Name")
    r"|^(?:words|text|texte)\s*:.{1,80}\b(?:photos?|fotos?|bilder|images?)\s*:"
    # messenger channels, forwarded newsletters, carousels, comment policies, bank details
    # (calls to action only: anchored at the line start or worded as the widget words them,
    # so that "joined the international community" or "a WhatsApp group of parents" stay)
    r"|^(?:join|follow|subscribe to|folge|folgen sie|abonniere)\b.{0,50}\b(?:whatsapp|telegram)\b"
    r"|^join (?:the|our) [\w' ]{0,40}(?:community|channel)\b"
    r"|was this (?:e-?mail|newsletter) forwarded|^sign up here|swipe (?:left|right) below"
    r"|^auf sie kommt es an|\biban\s*:"
    r"|(?:kommentar\w*|beiträge|user|leser\w*)\b.{0,60}geben nicht (?:notwendigerweise|unbedingt|zwingend) die meinung"
    # a site's notes on its pictures and prices ("Fotos sind ggf. beispielhafte Symbolbilder!")
    r"|^(?:fotos?|bilder) (?:sind|ist) .{0,30}symbol(?:bild|foto)(?:er|s)?\b|^alle angaben ohne gewähr)"
)
# A comment policy or a disclaimer that readers' comments are not the newsroom's view ("Die
# Kommentare geben nicht notwendigerweise die Meinung der Redaktion wieder", "Kommentare von
# Lesern stellen keinesfalls die Meinung der Redaktion dar!"), up to DISCLAIMER_MAX_WORDS words
# with the rules around it.
_DISCLAIMER = re.compile(
    r"\b(?:kommentar\w*|beiträge|user|leser\w*)\b.{0,60}\b(?:nicht|keinesfalls)\b.{0,30}meinung der redaktion"
    r"|\bcomments?\b.{0,60}\b(?:do not|don't|does not)\b.{0,20}\breflect the (?:views?|opinions?) of", _I)
DISCLAIMER_MAX_WORDS = 60
# A rights notice under an excerpt or a picture ("Excerpted from … Copyright © 2018 by … All
# rights reserved."): the sign or the word and the reservation, up to DISCLAIMER_MAX_WORDS words.
_RIGHTS = re.compile(r"(?:©|\bcopyright\b).{0,300}\b(?:all rights reserved|alle rechte vorbehalten"
                     r"|tous droits réservés|todos los derechos reservados)", _I)
# Bank details under an order or donation form ("BIC: POFICHBEXXX", "Kto.Nr.: 89-521766-7"):
# the label and a value shaped like a code or an account number (a speaker "Swift:" in an
# interview is neither)
_BANK_LINE = re.compile(r"^(?:BIC|SWIFT|BLZ)\s*:?\s*[A-Z0-9]{6,11}$|^(?:Kto\.?\s*-?Nr\.?|Kontonummer|Account (?:No\.?|number))"
                        r"\s*:?\s*[\d .-]{5,}$")
# A call to follow a link, on a short line of its own without a sentence end ("Learn more about
# our programs", "Check out our public reports and financials", "Mehr erfahren"): a button.
_CALL_TO_ACTION = re.compile(
    r"^(?:learn more|find out more|discover more)(?: about (?:our|us)\b.*)?$|^(?:check out|discover) our\b"
    r"|^(?:mehr erfahren|erfahren sie mehr|en savoir plus|más información|scopri di più)$", _I)
CALL_TO_ACTION_MAX_WORDS = 8
# A "more information" label whose links went: the next line is another label, or nothing.
_MORE_INFO = re.compile(r"^(?:weitere|mehr) (?:informationen|infos?)\b|^(?:more|further) (?:information|info)\b"
                        r"|^plus d'informations?\b|^más información\b", _I)
# A copyright or picture credit on a line of its own: "© Shutterstock", "© 2023 Foo Media GmbH",
# "Copyright 2021 Example News", "(Bild: Claudia Fischbacher)". The signs are not word
# characters, so these stand apart from the word-anchored phrases; prose never opens so.
_CREDIT_LINE = re.compile(
    r"^(?:©|&copy;|\(c\)\s|copyright\s+(?:©\s*)?(?:\d{4}|by\b)"
    r"|\((?:photo|image|foto|fotos|bild|credit|quelle|source)s?\s*:[^)]{1,80}\)$)", _I)
CREDIT_LINE_MAX_WORDS = 12
# Widgets around an article, whole short lines (found by the blind checks of 2026-12-10): a
# reading-time label, feedback and rating prompts, an error-report button, a loading
# placeholder, form and comment-box messages, a CMS placeholder, membership and "journalism
# needs your support" pitches. Each is worded as the widget words it, anchored at the line
# start, so a sentence that mentions reading time, ratings or members stays.
_WIDGET_LINE = re.compile(
    r"^(?:lesezeit|lesedauer|reading time|read time|temps de lecture|tiempo de lectura|tempo di lettura"
    r"|время чтения|okuma süresi)\s*:?\s*(?:ca\.\s*)?\d+\s*(?:min|minuten|minutes|minutos|minuti|мин|dk|dakika)\b"
    r"|^\d+\s*(?:min|minute)s?\.?\s+(?:read|lesezeit|lesedauer|de lecture)$"
    r"|^wie hat (?:ihnen|dir|euch) (?:dieser|der|unser) (?:artikel|beitrag|text) gefallen\?"
    r"|^(?:gefällt|gefiel) (?:ihnen|dir|euch) (?:dieser|der|unser) (?:artikel|beitrag)\?$"
    r"|^(?:durchschnittliche bewertung|average rating|note moyenne)\s*:"
    r"|^rate this (?:article|story|post)\b|^(?:did you find|was) this (?:article|story|page) (?:useful|helpful)"
    r"|^fehler gefunden\s*\?|^(?:spotted|found) an? (?:error|mistake|typo)\s*\?|^report an? (?:error|typo|correction)$"
    r"|^(?:loading|working|wird geladen|chargement|cargando|загрузка)\s*(?:\.\.\.|…)?$"
    r"|^(?:this|dieses?) (?:portlet|widget|module|modul) (?:should|is|has|does|cannot|ist|wurde|sollte)\b"
    r"|^(?:ein fehler ist aufgetreten|an error (?:has )?occurred)\s*(?:[.!]|$)|^bitte überprüfen sie ihre eingabe"
    r"|^ihr kommentar (?:ist|wurde|wird)\b|^your comment (?:is|was) (?:too long|awaiting moderation)"
    r"|^kommentare?\s*\(\s*\d*\s*\)?$"
    # a list's pagination ("Ergebnis 661 bis 680 von 795", "1 - 5 of 218 results.")
    r"|^(?:ergebnis(?:se)?|results?|einträge|beiträge|treffer)\s+\d+\s*(?:bis|-|–|to)\s*\d+\s+(?:von|of)\s+\d+"
    r"|^\d+\s*(?:-|–|bis|to)\s*\d+\s+(?:of|von)\s+\d+\s+(?:results?|ergebnissen?|treffern?|einträgen?)\.?$"
    # a slideshow's counter ("2/5", "Bild 3 von 12")
    r"|^\d{1,3}\s*/\s*\d{1,3}$|^(?:bild|foto|image|photo|slide)\s+\d{1,3}\s+(?:von|of|de|sur)\s+\d{1,3}$"
    r"|\bjournalis\w* (?:braucht (?:deine|ihre|eure) unterstützung|needs your (?:support|help)"
    r"|a besoin de (?:votre|ton) soutien|necesita (?:tu|su) apoyo|има нужда от твоята помощ"
    r"|нуждается в вашей поддержке)"
    # a tag or keyword list ("Schlagworte: Cybercrime, Hacking"), a line of hashtags only
    r"|^(?:tags?|schlagw(?:o|ö)rte?r?|stichw(?:o|ö)rter|kategorisiert unter|filed under|posted in|tagged(?: with)?"
    r"|etiquetas|étiquettes|mots-clés|етикети|теги|метки|etiketler)\s*:"
    r"|^(?:#[\w-]+[\s,]*){2,}$"
    # a post's category and tag list, split from its meta line (split_meta_tail)
    r"|^(?:abgelegt unter|kategorien?|categor(?:y|ies)|rubriken?)\s*:.{0,300}?\b(?:tags?|tagged(?: with)?"
    r"|schlagw(?:o|ö)rte?r?|stichw(?:o|ö)rter)\s*:"
)
# The serial number a magazine or site prints in its imprint ("ISSN 2222-2464", "Online-ISSN:
# 1234-567X (Online)"), on a line of its own. A book's ISBN is left alone: a review prints the
# reviewed book's details.
_ISSN_LINE = re.compile(r"^(?:(?:print|online|e|p)[- ]?)?issn\b\s*:?\s*\d{4}[- ]?\d{3}[\dx]\b", re.I)
ISSN_LINE_MAX_WORDS = 8
# A membership pitch ("Werden Sie Mitglied bei ... und erhalten Sie exklusive Angebote!"): short,
# unlike a paragraph that quotes such a call ("Werden Sie Mitglied, rief die Vorsitzende ...").
_MEMBERSHIP = re.compile(r"^(?:werden sie|werde|jetzt) (?:mitglied|abonnent(?:in)?|fördermitglied)\b"
                         r"|^devenez (?:membre|abonné)|^hazte (?:socio|miembro)\b")
MEMBERSHIP_MAX_WORDS = 15
# A share bar whose button labels the extractor ran together: "FacebookTwitterLinkedinEMail".
_SHARE_NAME = re.compile(
    r"facebook|twitter|linkedin|xing|whatsapp|telegram|pinterest|reddit|flipboard|messenger|pocket|threads"
    r"|bluesky|mastodon|e-?mail|mail|print|drucken|teilen|share|tweet|copy link|link kopieren", re.I)
SHARE_BAR_MAX_CHARS = 80
# A caption: a line that ends in its photo credit, "... im Hafen (Foto: Anna Berg)",
# "... in the harbour. Photo: Anna Berg", "... Olympia-Star. © AFP / Anna Berg" or "... / Фото
# РБК". Captions are one or two sentences; "(Quelle: ...)" is left out, since reporting cites
# its sources that way at a paragraph's end.
_CAPTION_CREDIT = re.compile(
    r"\((?:fotos?|photos?|bild(?:er)?|images?|pictures?|credits?)\s*:[^()]{1,80}\)$"
    r"|[.!?]\s+(?:fotos?|photos?|bild)\s*:\s*[^.!?:]{1,60}$"
    r"|\S\s+©\s?[^.!?©():]{1,60}$|\s/\s*(?:фото|foto|photo|bild)\s*:?\s+[^.!?/]{1,60}$", _I)
CAPTION_MAX_WORDS = 50
# A copyright notice opening with the sign ("© Name | Alle Bilder und Inhalte sind
# urheberrechtlich geschützt ..."): prose never opens with ©, so it goes up to this length.
COPYRIGHT_SIGN_MAX_WORDS = 60
# A pitch for the site's newsletter, push alerts or messenger channel, also longer than the
# phrase rules reach (up to 60 words): it names the channel and asks the reader to sign up. A
# news paragraph that mentions a newsletter does not also ask to subscribe to it.
_PITCH_CHANNEL = re.compile(
    r"newsletter|push[- ]?(?:alerts?|notifications?|nachrichten|mitteilungen)|whatsapp[- ]?(?:kanal|channel)"
    r"|telegram[- ]?(?:kanal|channel)|delivered to your inbox|in ihr(?:em)? (?:privaten )?postfach|podcast")
_PITCH_CALL = re.compile(
    r"\bsign up\b|\bsubscribe\b|\babonnier\w*|\bzur anmeldung\b|\bmelden sie sich\b|\bhier geht|\bclick here\b"
    r"|\bklicken sie hier\b|\binscrivez|\bsuscríbete\b")
PITCH_MAX_WORDS = 60
# Also inside words (German "Werbecookies") or in scripts without word breaks.
_CHROME_SUBSTRINGS = re.compile(r"cookie|newsletter|返回搜狐|关闭窗口|打印本稿|发表评论|返回顶部|分享到|有料会員|会員限定|有料記事")

# "Related article: ...", "Read also: ...", in the languages of the corpus.
_RELATED = re.compile(
    r"^(?:related(?: article| story| news| content)?s?|read (?:also|more|next)|see also|more on this"
    r"|also read|recommended|читайте (?:также|тоже)|читайте також|по теме|дивіться також|lesen sie auch"
    r"|mehr zum thema|lire aussi|à lire aussi|voir aussi|leer también|lea también|ver también"
    r"|leggi anche|ayrıca (?:okuyun|bakınız)|ilgili haber(?:ler)?|czytaj (?:też|także)|zobacz też)\b\s*[:\-–—]?",
    _I,
)

def is_related_label(s: str) -> str | None:
    """Return what follows a "Read also" / "À lire aussi" label that opens s, or None."""
    m = _RELATED.match(s.strip())
    return s.strip()[m.end():].strip() if m else None


# Teaser labels that are ordinary words too ("Auch interessant ist, dass ..."), so only with
# the colon that introduces the linked headline, or alone on their line (a box heading whose
# teasers went: "Auch interessant").
_RELATED_COLON = re.compile(
    r"^(?:auch interessant|ebenfalls interessant|das könnte (?:sie|dich) auch interessieren"
    r"|passend zum thema|you might also like|you may also be interested in|also of interest"
    r"|à lire également|también te puede interesar|lesen sie mehr|don'?t miss|nicht verpassen"
    r"|à ne pas manquer)\s*(?::|[.!]?$|\.\.\.$|…$)", _I)

# Headers that open a sidebar of headlines (and dates) running to the next real paragraph.
_SIDEBAR = re.compile(
    r"^(?:latest news|latest stories|most read|most popular|popular (?:now|stories|news)?|trending"
    r"|more from (?:the |our )?[\w ]{2,30}$"
    r"|top stories|more (?:news|stories)|editor'?s picks|you may also like|story timeline|in other news"
    r"|related (?:articles|stories|news)|(?:related links|further reading|weiterführende links)\s*:?$|son dakika|en çok okunan(?:lar)?|последние новости|популярное"
    r"|главное|останні новини|найпопулярніше|neueste nachrichten|meistgelesen|dernières nouvelles"
    r"|les plus lus|últimas noticias|lo más leído|ultime notizie|najnowsze)",
    _I,
)

_CONTACT = re.compile(
    r"^(?:tel|phone|fax|telefon|telefax|тел|факс|e-?mail|e-?posta|email|adres|address|адрес)\b\s*[.:：]"
    r"|\b(?:sok\.|sokak|cad\.|caddesi|mah\.|p\.?\s?o\.? box|postfach|ул\.|улица|д\.\s?\d)"
)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+")  # searched only when the line has an '@'
# A phone number written as one: with a country code ("+41", or the "00" that dials abroad:
# "00800 400 200 00") or an area code in brackets. Bare digit groups are not enough: "Published
# 23.11.2020 14:00" is a date line and must stay.
_PHONE = re.compile(r"(?:\+\d{1,3}|\b00\d{1,3})[\s.-]?\(?\d{1,4}\)?(?:[\s.-]?\d{2,4}){2,}"
                    r"|\(\d{2,5}\)\s?\d{2,4}[\s.-]?\d{2,4}")
# An invitation to write to the newsroom or the writer ("Submit a letter to the editor or write
# to letters@…", "Got a story? Get in touch … at news@…", "Contact reporter … at …"): an e-mail
# address and a call to use it, up to CONTACT_CALL_MAX_WORDS words. A report that gives an
# address in passing ("applications to jobs@…", "is reachable at …") has no such call.
_CONTACT_CALL = re.compile(
    r"\b(?:write to|send (?:it|them|us|your)|get in touch|contact (?:the )?(?:reporter|writer|author|us|our)"
    r"|e-?mail (?:us|me|the reporter)|emailing us|message me|hit reply|tips? (?:to|or)|schreiben sie (?:uns|an)"
    r"|kontaktieren sie|écrivez-nous|escríbenos)\b", _I)
CONTACT_CALL_MAX_WORDS = 40
# a report of what someone said or asked: a police appeal, a spokesman's words (article text)
_REPORTED = re.compile(r"\b(?:said|says|told|asked|urged|according to|sagte|sagten|sagt|teilte|teilten|erklärte"
                       r"|bat|baten|rief|riefen|laut)\b", _I)
# A helpline note under a report on suicide, abuse or crisis ("How to get help: In the US, call
# the National Suicide Prevention Lifeline at 1-800-273-8255 …", "Die Helpline steht Dir unter
# der Nummer 0800 133 133 zur Verfügung"): a helpline named, a phone number, up to
# HELPLINE_MAX_WORDS words. A report that mentions a hotline gives no number to call.
_HELPLINE = re.compile(r"helpline|lifeline|crisis (?:line|cent(?:er|re)s?)|seelsorge|hilfetelefon"
                       r"|sorgentelefon|samaritans|befrienders|krisentelefon|sos amitié", _I)
_DIAL = re.compile(r"\b\d{3,4}(?:[ .-]\d{2,4}){2,3}\b|\b1-800-\d{3}-\d{4}\b")
HELPLINE_MAX_WORDS = 50
_SOCIAL = re.compile(
    r"^(?:\W?\w\W?\s+)?(?:@\w{3,}|(?:https?://)?(?:www\.)?(?:facebook|twitter|x|instagram|youtube|t|linkedin|vk|tiktok)\.(?:com|me)/\S*)$",
    _I,
)
_URL_ONLY = re.compile(r"^\W{0,3}(?:https?://|www\.)\S+$", _I)
_DATE_ONLY = re.compile(
    r"^(?:\d{1,2}[./-](?:\d{1,2}|[A-Za-zА-Яа-я]{3,9})[./-]\d{2,4}|\d{1,2}\s+[A-Za-zА-Яа-яÇĞİÖŞÜçğıöşü]{3,10}\.?\s+\d{4}"
    r"|[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2})(?:[ ,T]+\d{1,2}:\d{2}(?::\d{2})?)?$"
)
# Navigation: a lone menu word, or a breadcrumb / link bar ("Echo | Local", "Terms | Privacy").
_NAV_WORD = re.compile(
    r"^(?:home|menu|search|subscribe|sign in|sign up|log ?in|log out|register|contact(?: us)?|about(?: us)?"
    r"|newsletters?|podcasts?|videos?|archive|share|print|e-?mail|whatsapp|facebook|twitter|telegram|next|previous"
    r"|tweet|teilen|drucken|download|herunterladen|télécharger|imprimer|partager|compartir|descargar"
    r"|главная|поиск|меню|подписаться|войти|anasayfa|ana sayfa|giriş|abone ol|startseite|suche|accueil|rechercher"
    r"|inicio|buscar|suscríbete)$",
    _I,
)
_SEPARATORS = re.compile(r"[|·•]+|\s{2,}")
_BAR = re.compile(r"^[^|]{1,40}(?:\s[|»›]\s[^|]{1,40})+$")
# "Bildnachweise (von oben nach unten):" opens a list of short credit lines.
_CREDITS = re.compile(
    r"^(?:bildnachweise?|bildquellen?|fotonachweise?|photo credits|image credits|picture credits"
    r"|crédits photos?)\b[^.!?]{0,40}:?$", _I)
CREDIT_LINE_WORDS = 12
_CITATION = re.compile(r"^(?:to cite this (?:article|page)|cite this (?:article|page)|how to cite)\b", _I)
_SENTENCE_END = re.compile(r"""[.!?…]["'”’»)]*$""")
_APPEAL_WORDS = re.compile(
    r"\b(?:support|donat|contribut|journalis|subscri|independent|help us|your help|monthly|reader"
    # the instructions under a messenger-channel invitation (specific words only: a news
    # paragraph speaks of communities and joining too)
    r"|signed up|sign up|qr code|click here|newsletter|special offers|exit group|privacy notice"
    r"|privacy policy|daily updates|top headlines|notifications"
    # bank details and payment options under a donation appeal
    r"|spende\w*|überweisung|iban|paypal|kreditkarte|bitcoin)")
# openers of an appeal that runs to the end of the page; the messenger forms are calls to
# action, so they must open their line
_APPEAL_OPENER = re.compile(
    r"\b(?:a small fav(?:o|ou)r to ask|support (?:our|independent) journalism|please (?:consider )?(?:support|donat)"
    r"|we need your (?:help|support))"
    # "Hat dir dieser Artikel gefallen? Dann ... unterstützt": the question opens the appeal
    r"|^(?:hat|haben) (?:dir|ihnen|euch) (?:dieser|der|unser) (?:artikel|beitrag|text) gefallen\?"
    r"|^(?:did you )?(?:like|enjoy(?:ed)?) (?:this|our) (?:article|story|reporting)\?"
    r"|^(?:join|follow) (?:the|our|us on) [\w' ]{0,40}(?:whatsapp|telegram|community|channel)\b")

MENU_RUN = 4          # this many one-to-three-word lines in a row (blank lines aside) are a menu
MENU_ITEM_WORDS = 3
IN_DOC_REPEAT = 3     # a short line printed this often in one document is a page header/footer
IN_DOC_REPEAT_LONG = 4  # a longer one, this often (or IN_DOC_REPEAT times in a row)
PARAGRAPH_WORDS = 20  # a line this long is article text unless a rule says otherwise


def _words(s: str) -> int:
    """Words of a line for the length rules (three CJK characters count as one word)."""
    return line_weight(s)


def rule_flags(lines: list[str]) -> list[bool]:
    """Return one flag per line: True where a fixed rule says the line is chrome."""
    n = len(lines)
    stripped = [x.strip() for x in lines]
    wc = [_words(x) for x in stripped]
    flags = [False] * n
    for i, s in enumerate(stripped):
        if not s:
            continue
        w = wc[i]
        low = s.lower() if w <= 30 else ""
        if sum(ch.isalnum() for ch in s) <= 2 and not s[:1].isdigit():
            flags[i] = True  # layout debris: table pipes, lone quote marks, icon letters ("f", "t")
        elif w <= 6 and _NAV_WORD.match(_SEPARATORS.sub(" ", s).strip()):
            flags[i] = True  # a share bar: "| Tweet |", "· Teilen ·"
        elif w <= 30 and (_CHROME_PHRASES.search(low) or _CHROME_SUBSTRINGS.search(low) or _RELATED.match(s)
                          or _RELATED_COLON.match(s)):
            flags[i] = True
        elif w <= 30 and (_WIDGET_LINE.search(low) or _is_share_bar(s)
                          or w <= MEMBERSHIP_MAX_WORDS and _MEMBERSHIP.search(low)):
            flags[i] = True
        elif w <= CREDIT_LINE_MAX_WORDS and _CREDIT_LINE.match(s) or w <= ISSN_LINE_MAX_WORDS and _ISSN_LINE.match(s):
            flags[i] = True
        elif (w <= COPYRIGHT_SIGN_MAX_WORDS and s.startswith(("©", "&copy;"))
              or w <= CAPTION_MAX_WORDS and _CAPTION_CREDIT.search(s)):
            flags[i] = True
        elif w <= PITCH_MAX_WORDS and _is_pitch(s.lower()):
            flags[i] = True
        elif (w <= CALL_TO_ACTION_MAX_WORDS and _CALL_TO_ACTION.match(s) and not _SENTENCE_END.search(s)
              or w <= 6 and _BANK_LINE.match(s)):
            flags[i] = True
        elif w <= DISCLAIMER_MAX_WORDS and (_DISCLAIMER.search(s) or _RIGHTS.search(s)) and not _REPORTED.search(s):
            flags[i] = True
        elif w <= 90 and s.lower().count("cookie") >= 2:
            flags[i] = True  # a cookie-consent paragraph ("We use cookies ... our cookies ...")
        elif w <= 15 and (_CONTACT.search(low) or _SOCIAL.match(s) or _contact_number_or_mail(s)):
            flags[i] = True
        elif ((w <= CONTACT_CALL_MAX_WORDS and "@" in s and _EMAIL.search(s) and _CONTACT_CALL.search(s)
               or w <= HELPLINE_MAX_WORDS and _is_helpline_note(s)) and not _REPORTED.search(s)):
            flags[i] = True
        elif _URL_ONLY.match(s) or (w <= 4 and _SOCIAL.match(s)) or (w <= 3 and _NAV_WORD.match(s)):
            flags[i] = True
        elif w <= 12 and _BAR.match(s) and all(len(seg.split()) <= 4 for seg in re.split(r"\s[|»›]\s", s)):
            flags[i] = True
    _flag_sentence_tails(stripped, wc, flags)
    _flag_blocks(stripped, wc, flags)
    _flag_menus(stripped, wc, flags)
    _flag_repeats(stripped, wc, flags)
    _flag_teasers(stripped, flags)
    _flag_duplicates(stripped, wc, flags)
    _flag_excerpt_tail(stripped, flags)
    _flag_appeal_tail(stripped, wc, flags)
    _flag_about_tail(stripped, wc, flags)
    _flag_press_tail(stripped, wc, flags)
    _flag_trailing_zone(stripped, wc, flags)
    _flag_dangling_lead(stripped, wc, flags)
    return flags


SENTENCE_TAIL_WORDS = 12


def _flag_sentence_tails(stripped: list[str], wc: list[int], flags: list[bool]) -> None:
    """The rest of a chrome sentence that the extractor broke at a link or a bold name
    ("Werden Sie Mitglied bei" / "for me und erhalten Sie exklusive Angebote!"): the short line
    right after a flagged line of three words or more that stops mid-sentence, when it goes on
    in small letters. Runs on the line rules' flags only."""
    for i in range(len(stripped) - 1):
        nxt = stripped[i + 1]
        if (flags[i] and not flags[i + 1] and nxt[:1].islower() and wc[i] >= 3
                and wc[i + 1] <= SENTENCE_TAIL_WORDS and not _SENTENCE_END.search(stripped[i])):
            flags[i + 1] = True


def _flag_dangling_lead(stripped: list[str], wc: list[int], flags: list[bool]) -> None:
    """The last kept line, when it only introduces a link that is gone ("More at:"), and a
    "More information:" label followed by another label."""
    last = next((i for i in range(len(stripped) - 1, -1, -1) if stripped[i] and not flags[i]), None)
    if last is not None and wc[last] <= 10 and stripped[last].endswith((":", "：")):  # CJK colon too
        flags[last] = True
    # ... and a "More information:" label right before another label ("Sources:")
    kept = [i for i, s in enumerate(stripped) if s and not flags[i]]
    for a, b in zip(kept, kept[1:]):
        if (wc[a] <= 10 and stripped[a].endswith(":") and _MORE_INFO.match(stripped[a])
                and wc[b] <= 10 and stripped[b].endswith((":", "："))):
            flags[a] = True


# A post's meta line that lists its categories and then its tags after its date or byline
# ("Veröffentlicht: 05.01.2020 Abgelegt unter: Fotografie | Tags: Abendhimmel, Gegenlicht"):
# the lists are navigation, the date before them stays. Both labels are needed: "Kategorie:"
# alone also opens a line of an awards list.
_META_CATEGORY = re.compile(
    r"(?:^|\s|\|)\s*((?:abgelegt unter|kategorien?|categor(?:y|ies)|filed under|posted in|rubriken?)\s*:)", _I)
_META_TAGS = re.compile(r"\b(?:tags?|tagged(?: with)?|schlagw(?:o|ö)rte?r?|stichw(?:o|ö)rter)\s*:", _I)
META_LINE_MAX_WORDS = 40
META_LIST_MAX_WORDS = 15


def split_meta_tail(line: str) -> tuple[str, str] | None:
    """Return (what comes before, the category-and-tag list) of a post's meta line, else None;
    the first part is '' when the line opens with the list."""
    s = line.strip()
    if len(s.split()) > META_LINE_MAX_WORDS:
        return None
    m = _META_CATEGORY.search(s)
    t = _META_TAGS.search(s, m.end()) if m else None
    if t is None or len(s[m.end():t.start()].split()) > META_LIST_MAX_WORDS or len(s[t.end():].split()) > META_LIST_MAX_WORDS:
        return None  # lists of a few words each, not sentences
    return s[:m.start(1)].strip(" |"), s[m.start(1):]


# A "Read also" headline glued to the paragraph after it by the extractor:
# "À LIRE AUSSI Guerre ... du pogromC'est ce que ..." (no space where the link ended).
_GLUED_RELATED = re.compile(r"^(.{8,250}?[a-zà-ÿа-я0-9.!?»”\"])([A-ZÀ-ÝА-Я«“\"][a-zà-ÿа-я'’ ])")


def split_glued_related(line: str) -> tuple[str, str] | None:
    """Return (related-link part, paragraph part) for a glued "Read also" line, else None."""
    s = line.strip()
    if not _RELATED.match(s) or len(s.split()) <= 30:
        return None
    m = _GLUED_RELATED.match(s)
    if not m:
        return None
    return m.group(1), s[len(m.group(1)):]


# A portal's "back to the home page" link that the extractor runs into the article's last
# sentence ("…表示哀悼。返回搜狐，查看更多": Sohu's "back to Sohu, see more").
_GLUED_TAIL = re.compile(r"^(.*\S)\s*(返回搜狐[，,]\s*查看更多)$")


def split_glued_tail(line: str) -> tuple[str, str] | None:
    """Return (the article's text, the link) of a line ending in a glued home link, else None."""
    m = _GLUED_TAIL.match(line.strip()) if "返回" in line else None
    return (m.group(1), m.group(2)) if m else None


def _is_share_bar(s: str) -> bool:
    """A line of two or more share-button labels and nothing else, run together or not."""
    if len(s) > SHARE_BAR_MAX_CHARS or len(_SHARE_NAME.findall(s)) < 2:
        return False
    return not _SHARE_NAME.sub("", s).strip(" |·•/-,")


def _is_pitch(low: str) -> bool:
    """A newsletter, push-alert or channel pitch: it names the channel and asks to sign up."""
    return _PITCH_CHANNEL.search(low) is not None and _PITCH_CALL.search(low) is not None


def _contact_number_or_mail(s: str) -> bool:
    """An e-mail address or phone number (cheap checks first: most lines have neither)."""
    if "@" in s and _EMAIL.search(s):
        return True
    return sum(ch.isdigit() for ch in s) >= 7 and _PHONE.search(s) is not None


def _is_helpline_note(s: str) -> bool:
    """A helpline named and a number given to call (cheap check first)."""
    return sum(ch.isdigit() for ch in s) >= 7 and _HELPLINE.search(s) is not None and _DIAL.search(s) is not None


def _flag_blocks(stripped: list[str], wc: list[int], flags: list[bool]) -> None:
    """Sidebars ("Latest news" + headlines + dates) and citation blocks, to their end."""
    i, n = 0, len(stripped)
    while i < n:
        s = stripped[i]
        if s and wc[i] <= 25 and _SIDEBAR.match(s):
            j = i
            while j < n and (not stripped[j] or j == i or wc[j] < PARAGRAPH_WORDS
                             and not (_SENTENCE_END.search(stripped[j]) and wc[j] > 12)):
                flags[j] = flags[j] or bool(stripped[j])
                j += 1
            i = j
            continue
        if s and _CREDITS.match(s):
            j = i  # the opener, then its credit lines up to the first longer line
            while j < n and (j == i or not stripped[j] or wc[j] <= CREDIT_LINE_WORDS):
                flags[j] = flags[j] or bool(stripped[j])
                j += 1
            i = j
            continue
        if s and _CITATION.match(s):
            j = i
            while j < n and stripped[j]:
                flags[j] = True
                j += 1
            i = j
            continue
        i += 1


def _flag_menus(stripped: list[str], wc: list[int], flags: list[bool]) -> None:
    """Runs of at least MENU_RUN lines of one to three words, blank lines skipped."""
    run: list[int] = []

    def close() -> None:
        if len(run) >= MENU_RUN:
            for j in run:
                flags[j] = True
        run.clear()

    for i, s in enumerate(stripped):
        if not s:
            continue
        if wc[i] <= MENU_ITEM_WORDS and not (wc[i] > 1 and _SENTENCE_END.search(s)):
            run.append(i)
        else:
            close()
    close()


def _flag_repeats(stripped: list[str], wc: list[int], flags: list[bool]) -> None:
    """Short lines printed IN_DOC_REPEAT times or more in one document (page headers); longer
    lines printed IN_DOC_REPEAT times in a row or IN_DOC_REPEAT_LONG times in all (a "recent
    posts" list naming the same post again and again, a forum signature under every post, one
    caption under every photo). A writer may quote a sentence twice or three times along a
    text, but never prints it three times in a row or four times. Table rows are left out:
    two rows of a table may well be the same."""
    # short lines compare with their digits as 0 (a page header with a changing page number),
    # longer ones as printed, digits and all (list items that differ by a number only)
    keys = [(line_key(s) if wc[i] <= 10 else _NON_WORD.sub(" ", s.lower()).strip()) if s else ""
            for i, s in enumerate(stripped)]
    # a bare number printed again and again is a widget's counter (the votes under every post
    # of a forum thread: "0"); its key would be empty, so it is counted as printed. A number
    # that the next line goes on from in lower case is a quantity ("1" / "can of pineapple").
    nxt = {}
    for i, s in enumerate(stripped):
        if s.isdigit() and len(s) <= 4:
            j = next((j for j in range(i + 1, len(stripped)) if stripped[j]), None)
            if j is None or not stripped[j][:1].islower():
                nxt[i] = s
    numbers = Counter(nxt.values())
    for i, s in nxt.items():
        if numbers[s] >= IN_DOC_REPEAT_LONG:
            flags[i] = True
    counts = Counter(k for k in keys if k)
    for i, k in enumerate(keys):
        if k and (counts[k] >= IN_DOC_REPEAT and wc[i] <= 10
                  or counts[k] >= IN_DOC_REPEAT_LONG and not _TABLE_ROW.search(stripped[i])):
            flags[i] = True
    nonblank = [i for i, k in enumerate(keys) if k]
    for a in range(len(nonblank) - IN_DOC_REPEAT + 1):
        run = nonblank[a:a + IN_DOC_REPEAT]
        if len({keys[i] for i in run}) == 1 and not _TABLE_ROW.search(stripped[run[0]]):
            for i in run:
                flags[i] = True


def _flag_teasers(stripped: list[str], flags: list[bool]) -> None:
    """A line that the next non-blank line repeats in full (a cut-off teaser of the lead)."""
    prev = None
    for i, s in enumerate(stripped):
        if not s:
            continue
        if prev is not None:
            p = stripped[prev].rstrip(".…  ")
            if len(p) >= 40 and s != stripped[prev] and s.startswith(p):
                flags[prev] = True
        prev = i


DUPLICATE_MIN_WORDS = 8
DUPLICATE_MAX_WORDS = 80
PULL_QUOTE_EXTRA_CHARS = 20
_TABLE_ROW = re.compile(r"\|| {3,}|\t")
_PARAGRAPH_END = re.compile(r"""(?:[.!?…:;]|["'”“’‘»«)\]])$""")


def _flag_duplicates(stripped: list[str], wc: list[int], flags: list[bool]) -> None:
    """A block of paragraphs printed twice (a fact box shown above and below the article): the
    later copy, when at least two paragraphs in a row repeat (one repeated paragraph may be
    the writer's own); and a pull quote, a line whose whole text is also inside a longer
    paragraph.

    Only where lines are paragraphs: in a print-wrapped dump a line is a piece of one, and
    taking the first line of a repeated standfirst would leave its tail ("from bad to
    worse.") as a paragraph of its own. For the same reason a candidate must end like a
    paragraph (a full stop, a closing quote or bracket).
    """
    if wrap_width(stripped) is not None:
        return
    norm = [_NON_WORD.sub(" ", s.lower()).strip() if s else "" for s in stripped]
    longer = [k for k in norm if k]
    everything = "\n".join(longer)  # one search finds the lines that occur twice at all
    seen: set[str] = set()
    repeats: list[int] = []   # non-blank lines in order, and which of them repeat
    for i, k in enumerate(norm):
        if not k:
            continue
        # table rows repeat by nature (two players of one club), so only prose lines count
        sized = (DUPLICATE_MIN_WORDS <= wc[i] <= DUPLICATE_MAX_WORDS and not _TABLE_ROW.search(stripped[i])
                 and _PARAGRAPH_END.search(stripped[i]) is not None and everything.count(k) >= 2)
        # "longer" by a clause at least: lines of a print dump are all about one width
        if sized and any(len(o) >= len(k) + PULL_QUOTE_EXTRA_CHARS and k in o for o in longer):
            flags[i] = True
        repeats.append(i if sized and k in seen else -1)
        seen.add(k)
    for pos, i in enumerate(repeats):
        if i >= 0 and ((pos > 0 and repeats[pos - 1] >= 0) or (pos + 1 < len(repeats) and repeats[pos + 1] >= 0)):
            flags[i] = True


# A WordPress-style excerpt of another post ends in " […]" or " [...]".
_EXCERPT_END = re.compile(r"\s\[(?:…|\.\.\.|mehr|more)\]$", _I)


def _flag_excerpt_tail(stripped: list[str], flags: list[bool]) -> None:
    """Teaser excerpts of other posts at the end of the body (from the end back, while every
    non-blank line is one or already chrome)."""
    for i in range(len(stripped) - 1, -1, -1):
        s = stripped[i]
        if not s or flags[i]:
            continue
        if not _EXCERPT_END.search(s):
            return
        flags[i] = True


# The boilerplate a press release ends with: the issuer's company profile and its press
# contact ("Media contact:", "Pressekontakt", "【会社概要】", "【リリース発信元】"). The heading
# opens it; it runs to the end when every line after it is short (names, "key: value" lines,
# addresses, numbers), up to PRESS_TAIL_MAX_LINES lines.
_PRESS_TAIL = re.compile(
    r"^(?:media|press|presse)[ -]?(?:contacts?|kontakte?|inquiries|enquiries|anfragen)\s*:?$|^pressekontakte?\s*:?$"
    r"|^contacts? (?:presse|médias?)\s*:?$|^contacto (?:de )?prensa\s*:?$"
    r"|^[【\[［]?[^【】\[\]［］]{0,30}(?:会社概要|企業概要|リリース発信元|本件に関する(?:お)?問い?合わ?せ先?|報道関係者[^】\]］]{0,10}問い?合わ?せ先?)[】\]］]?$", _I)
# An "about this series" box after the article: the series described in a paragraph under
# its heading ("Über diese Reihe", "About this series"). Only after an article paragraph
# ("About us" or "Über uns" would also be menu entries above the article: not matched at all).
_ABOUT_TAIL = re.compile(r"^(?:(?:über|zu) diese[rn]? (?:reihe|serie)|about this series|à propos de cette série"
                         r"|sobre esta serie)\s*:?$", _I)
ABOUT_TAIL_MAX_PARAGRAPHS = 1
PRESS_TAIL_MAX_LINES = 30
PRESS_LINE_MAX_WORDS = 25


def _flag_about_tail(stripped: list[str], wc: list[int], flags: list[bool]) -> None:
    """An "about this series" box at the end, after an article paragraph: its heading and its
    paragraph."""
    for i, s in enumerate(stripped):
        if s and not flags[i] and _ABOUT_TAIL.match(s):
            before = any(wc[j] >= PARAGRAPH_WORDS and not flags[j] for j in range(i))
            rest = [j for j in range(i + 1, len(stripped)) if stripped[j] and not flags[j]]
            if before and len(rest) <= ABOUT_TAIL_MAX_PARAGRAPHS:
                for j in [i, *rest]:
                    flags[j] = True
                return


def _flag_press_tail(stripped: list[str], wc: list[int], flags: list[bool]) -> None:
    """A press release's company profile and press contact, from their heading to the end."""
    for i, s in enumerate(stripped):
        if not (s and wc[i] <= 12 and _PRESS_TAIL.match(s)):
            continue
        rest = [j for j in range(i + 1, len(stripped)) if stripped[j]]
        if len(rest) <= PRESS_TAIL_MAX_LINES and all(wc[j] <= PRESS_LINE_MAX_WORDS for j in rest):
            for j in [i, *rest]:
                flags[j] = True
            return


def _flag_appeal_tail(stripped: list[str], wc: list[int], flags: list[bool]) -> None:
    """A donation appeal after the article: from an opener to the end, when every paragraph
    after the opener still speaks of support, journalism or subscriptions."""
    n = len(stripped)
    for i, s in enumerate(stripped):
        if not (s and _APPEAL_OPENER.search(s.lower())):
            continue
        rest = [j for j in range(i + 1, n) if stripped[j] and not flags[j]]
        if all(wc[j] <= 6 or _APPEAL_WORDS.search(stripped[j].lower()) for j in rest):
            for j in [i, *rest]:
                flags[j] = True
            return


def _flag_trailing_zone(stripped: list[str], wc: list[int], flags: list[bool]) -> None:
    """After the last paragraph: short lines (logos, stamps, dates) around chrome are chrome.

    Walking back from the end over short or flagged lines; the zone is dropped only when it
    holds at least one line a rule flagged, or when it is just a date stamp.
    """
    i = len(stripped) - 1
    zone: list[int] = []
    while i >= 0:
        s = stripped[i]
        if s and not flags[i] and (wc[i] > 8 or _SENTENCE_END.search(s) and wc[i] > 3):
            break
        if s:
            zone.append(i)
        i -= 1
    if not zone or len(zone) == sum(1 for j in range(len(stripped)) if stripped[j]):
        return  # nothing trailing, or the whole document is short lines (decided elsewhere)
    has_rule = any(flags[j] for j in zone)
    only_dates = all(_DATE_ONLY.match(stripped[j]) for j in zone if not flags[j])
    if has_rule or only_dates:
        for j in zone:
            flags[j] = True


def is_date_only(s: str) -> bool:
    """Return True when a line is nothing but a date (a stamp or a sidebar date)."""
    return bool(_DATE_ONLY.match(s.strip()))


def chrome_flags(lines: list[str], learned: set[str], nav: list[str] | None = None,
                 box: list[str] | None = None) -> list[bool]:
    """Return one flag per line: rule chrome, a line whose key is learned chrome for the
    document's site (`learned`: that site's keys), a line the page prints as navigation
    (`nav`: the lines tasks.navlines found, checked again where they stand here), or a line the
    page prints only in a box around the article (`box`: the lines tasks.boxlines found)."""
    flags = rule_flags(lines)
    if learned:
        for i, x in enumerate(lines):
            if not flags[i] and x.strip() and line_key(x) in learned:
                flags[i] = True
    if nav:
        flags = [f or n for f, n in zip(flags, nav_flags(lines, {nav_key(x) for x in nav}))]
    if box:
        flags = [f or b for f, b in zip(flags, box_flags(lines, set(box)))]
    return flags


def chrome_by_site(chrome: pl.DataFrame) -> dict[str, set[str]]:
    """Return {site: set of chrome line keys} from learn_chrome's frame."""
    out: dict[str, set[str]] = {}
    for site, key in chrome.select("site", "line_key").iter_rows():
        out.setdefault(site, set()).add(key)
    return out


__all__ = ["line_key", "line_stats", "learn_chrome", "rule_flags", "chrome_flags", "chrome_by_site",
           "is_date_only", "split_glued_related", "split_glued_tail", "split_meta_tail", "is_related_label"]
