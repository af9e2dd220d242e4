"""Text helpers shared by extract, clean (and usable by dedupe/dates): repair, unwrap, count.

Print-to-text dumps wrap paragraphs at a fixed width and hyphenate words at line ends; web
dumps put one paragraph per line. `unwrap_lines` tells the two apart per document and joins
only what was wrapped, mending hyphenated breaks while keeping the hyphen of real compounds.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from urllib.parse import urlsplit

import ftfy
import ftfy.badness
import polars as pl

# ftfy: fix mojibake, HTML entities in plain text, control characters, ligatures; keep curly
# quotes (they are the author's punctuation, not an encoding slip); NFC at the end.
_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, normalization="NFC")

_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_TRAILING_WS = re.compile(r"[ \t\u00a0]+$", re.M)


# What ftfy would change: mojibake (its own badness test), control characters, C1 codes,
# replacement chars, ligatures, HTML entities. ftfy works line by line and costs ~50 ms on a
# 12 KB page; most pages have none of these, so it only runs where one is present.
_FTFY_WORK = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd\ufb00-\ufb06\u200b\ufeff]|&#?[A-Za-z0-9]+;")
# ftfy's own badness test is a big regex (~8 ms on a 12 KB page). Mojibake of UTF-8 read as
# cp1252/latin-1 always shows a lead char (Â-ß, à-ï) followed by continuation chars (C1
# range or cp1252 punctuation); read as cp1251 it alternates Р/С with such chars. Only text
# with such a pair is worth the full test.
_CONT = "\u0080-\u00bf\u2013-\u203a\u20ac\u2122\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
_MOJIBAKE_HINT = re.compile(
    f"[\u00c2-\u00df][{_CONT}]|[\u00e0-\u00ef][{_CONT}]{{2}}|(?:[РС][\u0400-\u045f\u2013-\u203a\u20ac\u2116]){{2}}"
)


# Chinese text stored as GBK (GB2312/GB18030) bytes that a scraper read one byte a character,
# as latin-1 or cp1252, before saving it as UTF-8: '»°¾ç' for '话剧'. ftfy undoes only UTF-8
# read that way (and garbles this further), so it is undone first, and only when the text
# says so: nearly all its letters are such characters (no Western text has that), the bytes
# decode strictly as GB18030, and the result is Chinese (Han and CJK punctuation).
_CP1252_ONLY = "\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
_SINGLE_BYTE_HIGH = re.compile(f"[\u0080-\u00ff{_CP1252_ONLY}]")
_ABOVE_SINGLE_BYTE = re.compile(f"[^\u0000-\u00ff{_CP1252_ONLY}]")
_ASCII_LETTERS = re.compile(r"[A-Za-z]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_CHINESE = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef\u2014\u2015\u2018-\u201d\u2026\u00b7]")
GBK_MIN_CHARS = 20
GBK_MIN_SHARE = 0.5   # share of the letters that are misread bytes (French: ~0.03)
GBK_MIN_CHINESE = 0.9  # share of the repaired non-ASCII characters that are Chinese


def repair_gbk_mojibake(s: str) -> str:
    """Return s with GBK bytes read as latin-1/cp1252 decoded as Chinese, else s unchanged."""
    high = len(_SINGLE_BYTE_HIGH.findall(s))
    if high < GBK_MIN_CHARS or high < GBK_MIN_SHARE * (high + len(_ASCII_LETTERS.findall(s))):
        return s
    if len(_ABOVE_SINGLE_BYTE.findall(s)) > 0.01 * high:
        return s  # real characters beyond one byte: not a byte-by-byte misreading
    raw = bytearray()
    for ch in s:
        # cp1252 puts quotes, dashes and € at 0x80-0x9F; latin-1 keeps C1 codes there.
        raw += bytes([ord(ch)]) if ord(ch) < 0x100 else ch.encode("cp1252")
    try:
        fixed = raw.decode("gb18030")
    except UnicodeDecodeError:
        return s
    non_ascii = len(_NON_ASCII.findall(fixed))
    if non_ascii and len(_CHINESE.findall(fixed)) >= GBK_MIN_CHINESE * non_ascii:
        return fixed
    return s


def repair_text(s: str) -> str:
    """Return s with mojibake/HTML entities/control chars fixed, newlines unified, NFC."""
    s = _NEWLINES.sub("\n", s)
    s = repair_gbk_mojibake(s)
    if _FTFY_WORK.search(s) or (_MOJIBAKE_HINT.search(s) and ftfy.badness.is_bad(s)):
        s = ftfy.fix_text(s, config=_FTFY)
    s = _TRAILING_WS.sub("", s)
    return unicodedata.normalize("NFC", s)


# ---------------------------------------------------------------- print line-wrap joining

# A line that starts a list item or is a URL never continues the previous line.
_LIST_ITEM = re.compile(r"^\s*(?:[-*•▪●◦–—]\s|\d{1,3}[.)]\s)")
_SENTENCE_END = re.compile(r"""[.!?…:;]["'”’»)\]]*$""")
_HYPHEN_END = re.compile(r"(\w+)-$")
_FIRST_WORD = re.compile(r"^(\w+)")
_URL_LINE = re.compile(r"^\S*(?:https?://|www\.)\S+$")

# Word parts that make a compound when followed by a hyphen, whatever comes after them.
COMPOUND_PREFIXES = frozenset(
    "anti co counter cross ex extra half inter intra long mid multi neo non post pre pro pseudo "
    "quasi self semi short so sub super trans ultra well all low high".split()
)


def wrap_width(lines: list[str]) -> int | None:
    """Return the print wrap width of a document, or None when it is not print-wrapped.

    Wrapped text has many lines ending close to one margin; a one-paragraph-per-line dump has
    long lines of very different lengths (or one line per menu item), so it returns None.
    """
    lengths = sorted(len(x.strip()) for x in lines if len(x.strip()) > 20)
    if len(lengths) < 6:
        return None
    p90 = lengths[int(len(lengths) * 0.9) - 1]
    if p90 > 140:
        return None
    near_margin = sum(1 for n in lengths if n >= 0.75 * p90)
    return p90 if near_margin >= 0.5 * len(lengths) else None


# Stands for a removed line that was a whole sentence (a contact line, a pitch): the text
# before it ended there, so merge_broken_paragraphs never joins across it.
BARRIER = "\x00"


def unwrap_lines(lines: list[str], width: int | None, vocab: str = "") -> list[str]:
    """Return paragraphs built from lines: blank lines (and '' or BARRIER placeholders for
    removed lines) always separate; with a wrap width, a line reaching near the margin is
    continued by the next one unless that one starts a list item or an indented new sentence.

    `vocab` is the whole document text, used to decide whether a hyphen at a line end belongs
    to a compound ("Nagorno-Karabakh" also written elsewhere) or only to the break.
    """
    paragraphs: list[str] = []
    current = ""
    prev_raw = ""
    for raw in lines:
        line = raw.strip()
        if not line or line == BARRIER:
            if current:
                paragraphs.append(current)
            if line:
                paragraphs.append(BARRIER)
            current, prev_raw = "", ""
            continue
        if current and _continues(prev_raw, raw, width):
            current = join_wrapped(current, line, vocab)
        else:
            if current:
                paragraphs.append(current)
            current = line
        prev_raw = raw
    if current:
        paragraphs.append(current)
    return merge_broken_paragraphs(paragraphs, vocab)


# A paragraph never ends on a comma; a long one ending on a bare lower-case word was cut by
# a page break or by chrome (a link list, a "Related article" line) placed mid-sentence.
_FUNCTION_WORD_END = re.compile(
    r"\s(?:a|an|the|of|to|for|in|on|at|by|with|from|and|or|but|as|that|his|her|their|its"
    r"|der|die|das|den|dem|des|ein|eine|einen|und|oder|mit|von|zu|für|auf|im|am|an"
    r"|le|la|les|de|du|des|un|une|et|à|au|aux|pour|par|sur|dans"
    r"|el|los|las|del|y|en|con|por|para|o|em|do|da|dos|das|na|no|il|lo|gli|di|e|per)$"
)
_STARTS_LOWER = re.compile(r"^[a-zà-ÿа-яё]")
_OPEN_END = re.compile(r"(?:[,;—–]|\w-|[a-zà-ÿа-я])$")


def merge_broken_paragraphs(paragraphs: list[str], vocab: str = "") -> list[str]:
    """Return paragraphs with sentences split by a page break or removed chrome put back
    (never across a BARRIER, which is dropped)."""
    out: list[str] = []
    for i, p in enumerate(paragraphs):
        if p == BARRIER or out and out[-1] == BARRIER:
            out.append(p)
        elif out and (
            _OPEN_END.search(out[-1]) and (out[-1].endswith((",", ";", "—", "–", "-"))
                                           or count_words(out[-1]) >= 12
                                           and not _is_heading(out[-1], p, paragraphs[i + 1:i + 2]))
            # ... or the next piece starts in lower case after an unfinished one: an inline
            # link or name that the extractor set on a line of its own ("positive for / Covid-19 / died")
            or _STARTS_LOWER.match(p) and not _SENTENCE_END.search(out[-1]) and not _LIST_ITEM.match(p)
            # ... or it stopped on an article, preposition or conjunction ("tested positive for")
            or _FUNCTION_WORD_END.search(out[-1]) and not _LIST_ITEM.match(p)
        ):
            out[-1] = join_wrapped(out[-1], p, vocab)
        else:
            out.append(p)
    return [p for p in out if p != BARRIER]


HEADING_MAX_WORDS = 6
HEADING_BODY_MIN_WORDS = 8


_NEW_SENTENCE = re.compile(r"""^(?:[^\W\d_]|\d|["'„“«‚‘¿¡(\[-])""")


def _is_heading(before: str, p: str, after: list[str]) -> bool:
    """A few capitalised words without a sentence end ("Cheaper than the rest") before a
    paragraph that opens a new sentence: a subheading, which opens a part of its own. A name
    set on a line of its own by an inline link ("Emmanuel Macron" / ", who said") is followed
    by the rest of its sentence, in lower case or after a comma; a link at a paragraph's end
    ("under the licence" / "Creative Commons") by a heading or nothing; and a paragraph cut
    after a word in lower case before a single word ("der großen" / "Gewerkschaften") goes on
    with its noun."""
    if not (p[:1].isupper() and count_words(p) <= HEADING_MAX_WORDS and not _SENTENCE_END.search(p)):
        return False
    if len(p.split()) == 1 and before.rsplit(None, 1)[-1][:1].islower():
        return False   # "... mit den Chefs der großen" / "Gewerkschaften": a noun, the sentence goes on
    nxt = after[0] if after else ""
    return (_NEW_SENTENCE.match(nxt) is not None and not nxt[:1].islower()
            and count_words(nxt) >= HEADING_BODY_MIN_WORDS)


def _continues(prev_raw: str, raw: str, width: int | None) -> bool:
    prev = prev_raw.strip()
    line = raw.strip()
    if _URL_LINE.match(prev) and prev.endswith(("-", "/", "_", "=", "&", "?")) and " " not in line:
        return True  # a URL broken at the margin
    if width is None:
        return False
    ends_sentence = bool(_SENTENCE_END.search(prev))
    if _LIST_ITEM.match(raw) and (ends_sentence or prev.endswith(":")) and not line[2:3].islower():
        return False
    if len(prev) >= width - max(18, width // 4):
        # The previous line reached the margin: continued, unless an indented new sentence
        # starts after a full stop (the print layout's paragraph start).
        starts_upper = line[:1].isupper() or line[:1] in "\"“«'‘"
        return not (raw[:1].isspace() and starts_upper and ends_sentence)
    # A short line that stops mid-sentence (a deck or title set in a larger font) is
    # continued by a line starting in lower case.
    return not ends_sentence and bool(re.match(r"^[—–-]?\s*[a-zà-ÿа-я]", line))


# punctuation that belongs to the word before it (".NET" does not: a full stop is followed by a space)
_CLOSES_SENTENCE_PART = re.compile(r"[,;:!?)\]]|\.(?:\s|$)")


def join_wrapped(left: str, right: str, vocab: str = "") -> str:
    """Return left + right joined across a line break, mending a hyphenated word."""
    if _URL_LINE.match(left.rsplit(" ", 1)[-1]) and left.endswith(("-", "/", "_", "=", "&", "?")):
        return left + right
    if _CLOSES_SENTENCE_PART.match(right):
        return left + right   # the rest of the sentence after a name an inline link set apart
    m = _HYPHEN_END.search(left)
    w = _FIRST_WORD.match(right)
    if not m or not w or left.endswith((" -", "--")):
        return f"{left} {right}"
    a, b = m.group(1), w.group(1)
    if keeps_hyphen(a, b, vocab):
        return left + right
    return left[:-1] + right


def keeps_hyphen(a: str, b: str, vocab: str = "") -> bool:
    """Return True when 'a-' + 'b' at a line break is a compound (keep the hyphen).

    Evidence, strongest first: the document itself writes the pair one way or the other
    elsewhere; a capital or digit after the break (Nagorno-Karabakh, COVID-19); a prefix that
    forms compounds. Otherwise the hyphen was the typesetter's and goes.
    """
    if vocab:
        low = vocab.lower()
        hyphenated = low.count(f"{a}-{b}".lower())
        joined = len(re.findall(rf"\b{re.escape((a + b).lower())}\b", low))
        # The break being mended reads 'a-\nb' in vocab, so neither count includes it.
        if hyphenated != joined:
            return hyphenated > joined
    if b[:1].isupper() or b[:1].isdigit() or a[-1:].isdigit():
        return True
    return a.lower() in COMPOUND_PREFIXES


# ---------------------------------------------------------------- counting

# A word is a run of letters/digits (compounds and contractions as one); each Han or kana
# character counts as one word, as word processors count East Asian text, so a Japanese or
# Chinese article is not taken for an empty page.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = rf"[{_CJK}]|[^\W{_CJK}]+(?:[-'’.][^\W{_CJK}]+)*"
WORD_PATTERN = _WORD


def word_count_expr(col: str = "text") -> pl.Expr:
    """Return a polars expression counting words (letter/digit runs, compounds as one) as i32."""
    return pl.col(col).str.count_matches(_WORD).cast(pl.Int32)


_CJK_CHAR = re.compile(rf"[{_CJK}]")
_NON_CJK_WORD = re.compile(rf"[^\W{_CJK}]+(?:[-'’.][^\W{_CJK}]+)*")


def line_weight(s: str) -> int:
    """Return the length of a line in words for layout rules (menu item, short line, paragraph):
    like count_words, but three Han/kana characters make one word, about the length of a
    Japanese or Chinese word, so a four-character menu item stays a one-or-two-word line."""
    cjk = len(_CJK_CHAR.findall(s))
    if not cjk:
        return len(s.split())
    return len(_NON_CJK_WORD.findall(s)) + (cjk + 2) // 3


_CJK_WORD_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def word_count(text: str) -> int:
    """Words in `text`: whitespace-separated words, plus one per two CJK characters
    (Chinese and Japanese write no spaces; a word is about two characters)."""
    cjk = len(_CJK_WORD_CHAR.findall(text))
    return len(text.split()) + cjk // 2


def count_words(s: str) -> int:
    """Return the number of words in s (same rule as word_count_expr)."""
    return len(re.findall(_WORD, s))


# ---------------------------------------------------------------- URLs and domains

_URL = re.compile(r"""(?:https?://|www\.)[^\s<>"'()\[\]{}]+""", re.I)
# A URL broken at the print margin: the next line continues it (no spaces, not a new URL).
_URL_BREAK = re.compile(r"((?:https?://|www\.)\S*[-/_=&?])\n(?!https?://|www\.)([^\s]+)(?=\n|$)", re.I)


def join_broken_urls(s: str) -> str:
    """Return s with URLs that were wrapped across lines put back together."""
    prev = None
    while prev != s:  # a long URL may be broken more than once
        prev, s = s, _URL_BREAK.sub(r"\1\2", s)
    return s


def find_urls(s: str) -> list[str]:
    """Return the URLs in s, trailing punctuation stripped, in order of appearance."""
    return [u.rstrip(".,;:!?") for u in _URL.findall(s)]


def registered_domain(url: str | None) -> str | None:
    """Return the registrable domain of a URL or host ('news.bbc.co.uk' -> 'bbc.co.uk')."""
    if not url:
        return None
    u = url.strip()
    if "://" not in u:
        u = "http://" + u
    try:
        host = urlsplit(u).netloc.rsplit("@", 1)[-1].lower()
    except ValueError:       # a malformed host ("http://[::1")
        return None
    return _host_domain(host) if host else None


@functools.lru_cache(maxsize=65536)
def _host_domain(host: str) -> str | None:
    """The registrable domain of a host (with its port, if any), looked up once per host: a
    page links to the same few hosts hundreds of times, and tld's lookup costs ~20 µs."""
    from tld import get_fld

    dom = get_fld("http://" + host, fail_silently=True)
    return dom.lower() if dom else None


_NOT_LETTERS = re.compile(r"[\W_]+")


def squash(s: str) -> str:
    """Return s lower-cased with everything but letters and digits removed."""
    return _NOT_LETTERS.sub("", s.lower())
