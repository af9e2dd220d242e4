"""Month and weekday names, date regexes and context-word regexes for the date stage.

Everything here is compiled once at import.  Month names cover the corpus languages
(en, de, fr, es, pt, it, ru, tr) plus neighbours that share the scraped sites
(nl, pl, cs, uk, bg/mk/sr, hr/bs, sq, ro, hu, id, sv/da/no, el).  Tokens that name different
months in two languages (Croatian "listopad" = October, Polish "listopad" = November) are
left out on purpose: a wrong month is worse than a missed one.
"""
from __future__ import annotations

import re

# month number -> names (full, genitive and abbreviated forms, lower case)
_MONTHS: dict[int, str] = {
    1: "january jan janvier janv januar jänner jän enero ene janeiro gennaio gen januari "
       "ocak oca января январь янв січня січень stycznia styczeń sty ledna leden "
       "јануари јануар януари siječnja siječanj sij janar ianuarie ian január "
       "januar ιανουαρίου ιανουάριος",
    2: "february feb février févr fevrier februar feber febrero febr fevereiro fev fév febbraio "
       "februari şubat subat şub февраля февраль фев лютого лютий lutego luty lut února únor "
       "февруари фебруари фебруар veljače veljača velj shkurt februarie február "
       "februári φεβρουαρίου φεβρουάριος",
    3: "march mar mars märz maerz marzo março marco maart mart марта март мар березня березень "
       "marca marzec března březen ožujka ožujak ožu mars martie március μαρτίου μάρτιος",
    4: "april apr avril abril aprile nisan nis апреля апрель апр квітня квітень "
       "kwietnia kwiecień kwi dubna duben април travnja travanj tra prill aprilie "
       "április απριλίου απρίλιος",
    5: "may mai mayo maio maggio mei mayıs mayis мая май травня травень maja maj května květen "
       "мај svibnja svibanj svi maj mai május μαΐου μαΐου μάιος",
    6: "june jun juin juni junio junho giugno haziran haz июня июнь июн червня червень czerwca "
       "czerwiec cze června červen јуни јун юни lipnja lipanj qershor iunie június ιουνίου "
       "ιούνιος",
    7: "july jul juillet juil juli julio julho luglio lug temmuz tem июля июль июл липня липень "
       "lipca lipiec lip července červenec јули јул юли srpnja srpanj korrik iulie július "
       "ιουλίου ιούλιος",
    8: "august aug août aout august agosto ago augustus ağustos agustos ağu августа август авг "
       "серпня серпень sierpnia sierpień sie srpna srpen kolovoza kolovoz gusht augusti "
       "augusztus αυγούστου αύγουστος agustus",
    9: "september sep sept septembre septiembre setiembre setembro set settembre eylül eylul "
       "eyl сентября сентябрь сен вересня вересень września wrzesień wrz září září септември "
       "септембар rujna rujan ruj shtator septembrie szeptember σεπτεμβρίου σεπτέμβριος",
    10: "october oct octobre okt oktober octubre outubro out ottobre ott ekim eki октября "
        "октябрь окт жовтня жовтень października październik paź října říjen октомври "
        "октобар tetor octombrie október οκτωβρίου οκτώβριος",
    11: "november nov novembre novembro noviembre kasım kasim kas ноября ноябрь ноя "
        "листопада listopada listopadu listopad nëntor noiembrie noi ноември новембар "
        "studenoga studenog studeni stu november nopember νοεμβρίου νοέμβριος",
    12: "december dec décembre decembre dezember dez diciembre dic dezembro dicembre aralık "
        "aralik ara декабря декабрь дек грудня грудень grudnia grudzień gru prosince prosinec "
        "декември децембар prosinca prosinac dhjetor decembrie dece december desember "
        "δεκεμβρίου δεκέμβριος",
}
# Names that mean different months in two languages of the region (see module docstring).
_AMBIGUOUS = {"listopada", "listopad"}

MONTHS: dict[str, int] = {}
for _num, _names in _MONTHS.items():
    for _n in _names.split():
        if _n not in _AMBIGUOUS:
            MONTHS.setdefault(_n, _num)

# weekday index (Monday=0, as date.weekday()) -> names
_WEEKDAYS: dict[int, str] = {
    0: "monday mon montag lundi lunes segunda-feira lunedì lunedi понедельник pazartesi",
    1: "tuesday tue tues dienstag mardi martes terça-feira martedì martedi вторник salı sali",
    2: "wednesday wed mittwoch mercredi miércoles miercoles quarta-feira mercoledì mercoledi "
       "среда çarşamba carsamba",
    3: "thursday thu thur thurs donnerstag jeudi jueves quinta-feira giovedì giovedi четверг "
       "perşembe persembe",
    4: "friday fri freitag vendredi viernes sexta-feira venerdì venerdi пятница cuma",
    5: "saturday sat samstag sonnabend samedi sábado sabado sabato суббота cumartesi",
    6: "sunday sun sonntag dimanche domingo domenica воскресенье pazar",
}
# Two-letter abbreviations (de "Do", "So", ru "пн") and short forms that are also ordinary
# words or month names (fr "mar", pl "do") are left out: a false weekday would reject a
# correct date as weekday_mismatch.
WEEKDAYS: dict[str, int] = {}
for _num, _names in _WEEKDAYS.items():
    for _n in _names.split():
        WEEKDAYS.setdefault(_n, _num)


def _alt(words) -> str:
    """Regex for any of the words, as a trie: (?:j(?:an(?:uary|vier)?|...)).

    Python's re tries the branches of a flat alternation one by one at every position; a
    trie fails after one character at most positions, which makes scanning a 100 kB page
    for 350 month names ~20x faster.  Longer words are tried first ('sept' before 'sep').
    """
    trie: dict = {}
    for w in set(words):
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return emit(trie)


MONTH_ALT = _alt(MONTHS)
WEEKDAY_ALT = _alt(WEEKDAYS)

# --- date shapes ---------------------------------------------------------------------------
# Each named group set is read by scan.py: y, m (number), mn (month name), d.
_D = r"(?P<d>0?[1-9]|[12]\d|3[01])"
_ORD = r"(?:st|nd|rd|th|er|º|°|\.)?"          # 1st, 1er, 1º, "1." (de)
_Y = r"(?P<y>(?:19|20)\d\d)"
_MN = rf"(?P<mn>{MONTH_ALT})\.?"
_B = r"(?<![\w.\-/])"                          # left boundary: not inside a word or number
_E = r"(?![\w\-/]|\.\d)"                       # right boundary

# ISO-like year first: 2020-11-23, 2020/11/23, 2020.11.23, 2020. 11. 23.
YMD = re.compile(rf"{_B}{_Y}(?P<s>[-/.])[^\S\n]?(?P<m>0?[1-9]|1[0-2])(?P=s)[^\S\n]?{_D}(?:T\d\d:\d\d)?(?!\d)")
# day-first or month-first numbers: 23.11.2020, 11/23/2020, 23-11-20 (order decided in scan.py)
NUM3 = re.compile(rf"{_B}(?P<a>\d{{1,2}})(?P<s>[./-])(?P<b>\d{{1,2}})(?P=s)(?P<y>(?:19|20)\d\d|\d\d){_E}")
# Month-first shapes start with a word; the lookahead (a short word followed by a digit)
# rejects almost every position before the month-name trie is tried: 2x faster scans.
_MFIRST = r"(?<!\w)(?=[^\W\d_]{3,12}\.?[ \t\xa0,]{0,3}(?:de[^\S\n]+)?\d)"
_H = r"[^\S\n]"
# One regex pass for all day-first name shapes and one for all month-first ones (each pass
# over a page costs ~1 ms); scan.py reads which groups matched.
# Day first: 23 November 2020, 23. November 2020, 23 de noviembre de 2020, 11.Jan.2026,
# 1er mars 2020; without a year: 7 November, 7. Januar
DAY_FIRST_NAME = re.compile(
    rf"{_B}{_D}{_ORD}[ \t\xa0.\-/]*(?:de{_H}+|of{_H}+)?{_MN}"
    rf"(?:(?:[ \t\xa0.,\-/]|{_H}+de{_H}+|{_H}+del{_H}+)*{_Y}(?!\d)|(?![\w]))",
    re.IGNORECASE)
# Month first: November 23, 2020, Nov. 9 2020, Nov 9th, 2020; month granularity:
# November 2020, novembre de 2020; without a year: Nov. 9, "on Oct. 14"
MONTH_FIRST_NAME = re.compile(
    rf"{_MFIRST}{_MN}(?:{_H}*{_D}{_ORD})?"
    rf"(?:(?:,{_H}*|{_H}+|,)(?:de{_H}+)?{_Y}(?!\d)|(?![\w:]|\.\d))",
    re.IGNORECASE)
# a two-digit year after a month name, closing a dateline: "(Pescasseroli, 14 Gennaio 20)",
# "| 3 Nov 20": only before a bracket, a bar or the line's end, since "7 November 20 people"
# is a count
DAY_NAME_SHORT_YEAR = re.compile(
    rf"{_B}{_D}{_ORD}[ \t\xa0.\-/]*{_MN}[ \t\xa0.,'’]*(?P<y>\d\d)(?=[^\S\n]*(?:[)\]|]|$))",
    re.IGNORECASE | re.MULTILINE)
# 2020. november 23. (hu), 2020 Nov 23
YMD_NAME = re.compile(rf"{_B}{_Y}\.?{_H}+{_MN}{_H}+{_D}\b", re.IGNORECASE)
# 2020年11月23日, 2020년 11월 23일
CJK = re.compile(r"(?P<y>(?:19|20)\d\d)[^\S\n]*[年년][^\S\n]*(?P<m>\d{1,2})[^\S\n]*[月월][^\S\n]*(?P<d>\d{1,2})[^\S\n]*[日일]?")
# a weekday written next to a date: "Tuesday, 3 November 2020", "Di., 03.11.2020"
WEEKDAY_BEFORE = re.compile(rf"(?<!\w)(?P<wd>{WEEKDAY_ALT})\.?,?[^\S\n]*$", re.IGNORECASE)
WEEKDAY_AFTER = re.compile(rf"^[^\S\n]*[,(]?[^\S\n]*(?P<wd>{WEEKDAY_ALT})(?!\w)", re.IGNORECASE)
# a bare year or year range (copyright / citation templates): © 2009-2025, "Doe. 2026."
YEAR = re.compile(r"(?<![\w.\-/])(?:(?P<y0>(?:19|20)\d\d)[^\S\n]*[-–][^\S\n]*)?(?P<y>(?:19|20)\d\d)(?![\w\-/]|\.\d)")

# --- URLs and tweets -------------------------------------------------------------------------
URL = re.compile(r"(?:https?://|www\.)[^\s\"'<>()\[\]]+", re.IGNORECASE)
# dates inside a URL path: /2020/11/23/, /2020-11-23, /20201123/, _2020_11_23
URL_YMD = re.compile(r"[/_\-.](?P<y>(?:19|20)\d\d)[/_\-]?(?P<m>0[1-9]|1[0-2])[/_\-]?(?P<d>0[1-9]|[12]\d|3[01])(?=[/_\-.]|$)")
URL_YMD_SHORT = re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>[1-9]|1[0-2])/(?P<d>[1-9]|[12]\d|3[01])/")
URL_DMY = re.compile(r"[/_\-](?P<d>0[1-9]|[12]\d|3[01])-(?P<m>0[1-9]|1[0-2])-(?P<y>(?:19|20)\d\d)(?=[/_\-.]|$)")
URL_YM = re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>0[1-9]|1[0-2])/")
TWEET = re.compile(r"(?:twitter|x)\.com/(?:#!/)?\w+/status(?:es)?/(?P<id>\d{15,20})", re.IGNORECASE)
TWITTER_EPOCH_MS = 1288834974657

# --- context words (any language of the corpus), matched on lower-cased context ------------
def _words(*ws: str) -> re.Pattern:
    return re.compile("|".join(ws), re.IGNORECASE)


RETRIEVAL_WORDS = _words(
    r"\baccessed\b", r"\bretrieved\b", r"\bdownloaded\b", r"\bprinted\b", r"\barchived\b",
    r"\bfetched\b", r"\bcrawled\b", r"\bviewed on\b", r"\baccess(?:ed)? date\b", r"\babgerufen\b",
    r"\bzugegriffen\b", r"\bzugriff\b", r"\bconsulté\b", r"\bconsultado\b", r"\bconsultato\b",
    r"\bdata di accesso\b", r"\bacesso em\b", r"дата обращения", r"\berişim\b", r"\berişildi\b",
    r"\bdostęp\b", r"\bgeraadpleegd\b")
REPUBLICATION_WORDS = _words(
    r"\bupdated?\b", r"\bmodified\b", r"\brevised\b", r"\bedited\b", r"\brepublished\b",
    r"\breposted\b", r"\bre-?hosted\b", r"\baktualisiert\b", r"\bgeändert\b", r"\bstand:",
    r"\bmis à jour\b", r"\bmise à jour\b", r"\bmodifié\b", r"\bactualizad[oa]\b",
    r"\bactualización\b", r"\batualizad[oa]\b", r"\batualização\b", r"\baggiornat[oa]\b",
    r"\baggiornamento\b", r"обновлено", r"обновлен", r"изменено", r"\bgüncellen\w*",
    r"\bgüncelleme\b", r"\bbijgewerkt\b", r"\bzaktualizowano\b", r"\baktualizacja\b",
    r"\bažurirano\b", r"\baktualizováno\b")
PUBLICATION_WORDS = _words(
    r"\bpublished\b", r"\bposted\b", r"\bpublication date\b", r"\bdate published\b",
    r"\breleased\b", r"\bveröffentlicht\b", r"\berschienen\b", r"\bpublié\b", r"\bpubliée\b",
    r"\bpublicad[oa]\b", r"\bpublicación\b", r"\bpublicação\b", r"\bpubblicat[oa]\b",
    r"опубликован\w*", r"дата публикации", r"\bopublikowan\w*", r"\bobjavljen\w*",
    r"\bpublikováno\b", r"\bgepubliceerd\b", r"\byay[ıi]n(?:lan|lanma|lanmış)\w*",
    r"\byay[ıi]mlan\w*", r"\bpostad[oa]\b", r"\bpubliceret\b", r"\bpublicerad\b",
    r"\bpublicat\b", r"\bditerbitkan\b", r"\bpubliziert\b", r"\bgepostet\b", r"\berstellt\b", r"\bbeitrag von\b",
    r"\bposted by\b", r"\bpublicado por\b", r"\bpublié par\b", r"\bdate\s*:", r"\bdatum\s*:", r"\bfecha\s*:",
    r"\bdata\s*:", r"\bdátum\s*:", r"\btarih\s*:", r"\bdated\b")
# an explicit statement of the first publication ("Cet article, initialement publié en avril
# 2017, a fait l'objet d'une mise à jour", "originally published on 3 May 2019"): the page
# says itself which of its dates is the original, so that date outranks every later one
ORIGINAL_WORDS = _words(
    r"\boriginally (?:published|posted|appeared|created)\b", r"\bfirst (?:published|posted|appeared)\b",
    r"\binitially published\b", r"\binitialement (?:publiée?|paru)\b", r"\bpublié(?:e)? initialement\b",
    r"\bpublié(?:e)? pour la première fois\b", r"\burspr[üu]nglich (?:veröffentlicht|erschienen)\b",
    r"\b(?:zuerst|erstmals) (?:veröffentlicht|erschienen)\b",
    r"\bpublicad[oa] (?:originalmente|originariamente|inicialmente|por primera vez)\b",
    r"\b(?:originalmente|inicialmente) publicad[oa]\b",
    r"\bpubblicat[oa] (?:originariamente|originalmente|inizialmente|per la prima volta)\b",
    r"\b(?:originariamente|originalmente|inizialmente) pubblicat[oa]\b",
    r"впервые опубликован\w*", r"первоначально опубликован\w*",
    r"\bilk (?:olarak )?yay[ıi]mlan\w*")
# the same in verb-final order: "ursprünglich am 27. Februar 2017 erschienen"
ORIGINAL_BEFORE_VERB = _words(r"\b(?:ursprünglich|urspruenglich|erstmals|zuerst)\s+(?:am|im|vom)?\s*$")
ORIGINAL_VERB_AFTER = _words(r"^[\s,]*(?:\d{1,2}[:.]\d\d\s*(?:uhr)?\s*)?(?:erschienen|veröffentlicht|publiziert)\b")
COPYRIGHT_WORDS = _words(
    r"©", r"&copy;", r"\bcopyright\b", r"\(c\)", r"all rights reserved", r"alle rechte",
    r"tous droits", r"todos los derechos", r"todos os direitos", r"tutti i diritti",
    r"все права", r"hakları saklıdır", r"haklar[ıi] sakl[ıi]d[ıi]r", r"wszelkie prawa",
    r"sva prava", r"alle rechten")
CITATION_WORDS = _words(
    r"\bto cite\b", r"\bcite this\b", r"\bhow to cite\b", r"\bcitation\b", r"\bcited as\b",
    r"\bzitiervorschlag\b", r"\bzitierweise\b", r"\bpour citer\b", r"\bc[oó]mo citar\b",
    r"\bpara citar\b", r"\bcome citare\b", r"для цитирования", r"\bkaynak göster\b",
    r"\batıf için\b", r"\bjak cytować\b")
# words heading a block of other articles' dates ("Latest news" sidebar, related links)
SIDEBAR_WORDS = _words(
    r"\blatest\b", r"\bmost read\b", r"\bmost popular\b", r"\brelated\b", r"\bread more\b",
    r"\bread also\b", r"\bsee also\b", r"\bmore news\b", r"\bmore from\b", r"\btrending\b",
    r"\brecommended\b", r"\bweitere\b", r"\bmehr zum thema\b", r"\blesen sie auch\b",
    r"\bneueste\b", r"\blire aussi\b", r"\bà lire\b", r"\bdernières\b", r"\bleia também\b",
    r"\bleia mais\b", r"\búltimas\b", r"\blee también\b", r"\brelacionad[ao]s\b",
    r"\bleggi anche\b", r"\bultime notizie\b", r"читайте также", r"смотрите также",
    r"последние новости", r"\bson dakika\b", r"\bilgili haberler\b", r"\ben çok okunan\b",
    r"\bson haberler\b", r"\bpopular\b", r"\bprevious\b", r"\bnext\b", r"\barchive\b")
# a heading line that opens a list of other articles; stricter than SIDEBAR_WORDS (which
# also names "next", "archive": menu entries above many headlines)
TEASER_HEADING = re.compile(
    r"^\W{0,3}(?:related(?: (?:posts|articles|stories|news))?|read (?:more|also|next)|see also|more news"
    r"|more from\b.{0,40}|more (?:stories|articles)|most (?:read|popular|viewed)|latest (?:news|stories|posts|articles)"
    r"|you (?:may|might) also (?:like|enjoy)|recommended (?:for you|stories|articles)"
    r"|lesen sie (?:auch|mehr)|mehr zum thema|(?:das )?könnte (?:dich|sie|euch) auch interessieren"
    r"|ähnliche (?:beiträge|artikel)|verwandte (?:beiträge|artikel)|weitere (?:artikel|beiträge|nachrichten|meldungen)"
    r"|(?:à )?lire aussi|à lire également|sur le même sujet|leia também|lee también|noticias relacionadas"
    r"|leggi anche|articoli correlati|читайте также|похожие (?:новости|статьи)|ilgili haberler|son haberler"
    r"|ultime notizie|dernières (?:nouvelles|infos|actualités))\W{0,3}$", re.IGNORECASE)
# dates that are about the world, not about the page: "since July 1, 2024", "until 2021"
EVENT_WORDS = _words(
    r"\bsince\b", r"\buntil\b", r"\btill\b", r"\bby the end of\b", r"\bstarting\b",
    r"\beffective\b", r"\bfrom\b", r"\bbetween\b", r"\bborn\b", r"\bdied\b", r"\bseit\b",
    r"\bbis\b", r"\bab dem\b", r"\bdepuis\b", r"\bjusqu", r"\bdesde\b", r"\bhasta\b",
    r"\bfino al\b", r"\bdal\b", r"\bс\b", r"\bдо\b", r"\bitibaren\b", r"\bkadar\b",
    r"\bsejak\b", r"\bod\b", r"\bdo\b",
    # an event's own date line ("Termin: 28.02.2020, 18:30 Uhr", "When: 3 May 2020")
    r"\btermin\s*:", r"\bwann\s*:", r"\bwhen\s*:", r"\bevent date\b", r"\bveranstaltungsdatum\b",
    # account and membership dates on forums and blogs
    r"\bregistriert\b", r"\bregistered\b", r"\bjoined\b", r"\bmember since\b",
    r"\bmitglied seit\b", r"\binscrit\b", r"\bmiembro desde\b")
# a byline: "By Jane Doe", "Von", "Par", "Por", "Di", "Автор"
BYLINE_WORDS = _words(r"^\s*by\s+\w", r"\|\s*by\s", r"^\s*von\s+\w", r"^\s*par\s+\w",
                      r"^\s*por\s+\w", r"^\s*автор", r"\bwritten by\b", r"\bauthor\b",
                      r"\(reuters\)", r"\(ap\)", r"\(afp\)", r"\(aa\)", r"\(dpa\)")
