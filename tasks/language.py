"""Language of each article's cleaned text: langdetect, seeded, with an honest 'und'.

langdetect picks random n-gram trials, so it is seeded (DetectorFactory.seed = 0) for
identical results on every run. It runs once per distinct sample: a bounded part of the
cleaned text made of its running prose (sentences), because the chrome that survives
cleaning is menus, logins and name lists, and a German sidebar must not outvote an English
review. Repeated lines (and a phrase repeated at the start of a line) count once; scrambled
paywall text (letters without vowels) not at all.

'und' when the text is too short to tell or langdetect finds no features. When langdetect is
unsure of the sample as a whole, each of its longest paragraphs votes, weighted by length: a
language holding DOMINANT_SHARE of that weight wins. If none does, the sample of all
paragraphs (headings and menus too: a site's chrome is in the site's language) decides, and
when it is unsure as well the text is truly mixed: 'und'.
"""
from __future__ import annotations

import re
import threading
import unicodedata

import polars as pl

# Fewer letters than this and langdetect guesses (short headlines flip between languages).
MIN_LETTERS = 50
# Below this top probability the text is mixed or ambiguous: say 'und' rather than guess.
MIN_CONFIDENCE = 0.70
# Characters given to langdetect: a few paragraphs decide as well as the whole article.
SAMPLE_CHARS = 2000
# A paragraph is prose when it has this many words and a sentence end; with fewer prose
# letters than PROSE_MIN_LETTERS in the whole text, the sample keeps every paragraph.
PROSE_WORDS = 8
PROSE_MIN_LETTERS = 150
# Menus, tag clouds and cast lists are runs of capitalised names; prose (German included,
# with its capitalised nouns: about 30-45 %) stays below this share of capitalised words.
NAME_LIST_SHARE = 0.6
# ... and most of its non-space characters are letters (not a results table).
PROSE_LETTER_SHARE = 0.6
# Text in Latin letters with fewer vowels than this is not language: random letters give
# about 0.23 (6 of 26), every language we meet 0.33 or more (Czech and Croatian included).
MIN_VOWEL_SHARE = 0.28
# Fallback vote on a sample langdetect is unsure of: the longest paragraphs, weighted by
# letters squared (long paragraphs are the article; langdetect is surer on them, too).
VOTE_PARAGRAPHS = 6
DOMINANT_SHARE = 0.75

_LETTER = re.compile(r"[^\W\d_]")
_URLS = re.compile(r"\S*(?:https?://|www\.)\S*|\S+@\S+")
# langdetect reports Chinese by script; the contract asks for ISO 639-1.
_CODE_MAP = {"zh-cn": "zh", "zh-tw": "zh"}

# Scripts written by one language (among those news comes in), several of which langdetect
# has no profile for: it answered 'et' for Armenian and Georgian pages. Kana means Japanese
# even when Han characters and English names outnumber it.
_SCRIPT_LANGS = (
    (re.compile(r"[\u0531-\u058f]"), "hy"),
    (re.compile(r"[\u10a0-\u10ff\u1c90-\u1cbf]"), "ka"),
    (re.compile(r"[\u1200-\u137f]"), "am"),
    (re.compile(r"[\u1780-\u17ff]"), "km"),
    (re.compile(r"[\u0e80-\u0eff]"), "lo"),
    (re.compile(r"[\u1000-\u109f]"), "my"),
    (re.compile(r"[\u0d80-\u0dff]"), "si"),
    (re.compile(r"[\u0f00-\u0fff]"), "bo"),
    (re.compile(r"[\uac00-\ud7af\u1100-\u11ff]"), "ko"),
)
_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
SCRIPT_SHARE = 0.4
# Icelandic (no langdetect profile; it says 'no' or 'sv') is the language that writes ð and þ.
_ICELANDIC = re.compile(r"[ðþÐÞ]")
# langdetect has no Zulu or Xhosa and calls both Swahili: Swahili text is full of these
# short function words, Nguni text (written conjunctively) is not; then Xhosa 'kwaye'/'ukuba'
# against Zulu 'ukuthi'/'futhi' tell the two apart.
_SWAHILI_WORDS = frozenset("na ya wa kwa katika ni za la cha kwamba hiyo hii pia kuwa amesema".split())
_XHOSA_WORDS = frozenset("kwaye ukuba ukuze ngoko kakhulu namhlanje ngexesha kwakhona".split())
_ZULU_WORDS = frozenset("ukuthi futhi kanye ngoba noma kodwa uthe kusho manje".split())

# langdetect has one profile for the Serbo-Croatian continuum, 'hr'. Bosnian, Croatian and
# Serbian (Latin script) differ in vocabulary and in the reflex of old 'ě': Croatian has its
# own month names and words (tisuća, tjedan, obitelj, točka, tko); Serbian and Bosnian share
# another set (hiljada, sedmica, porodica, tačka, opština, januar ...); Serbian writes it
# ekavian (gde, vreme, svet), Bosnian ijekavian like Croatian (gdje, vrijeme, svijet).
_HR_WORDS = re.compile(
    r"\b(?:tisuć\w*|tjed(?:an|na|nu|nom|ni|ne|ana|nima)|siječ\w*|veljač\w*|ožuj\w*|trav(?:anj|nj\w+)"
    r"|svib(?:anj|nj\w+)|lip(?:anj|nj\w+)|srp(?:anj|nj\w+)|kolovoz\w*|ruj(?:an|n\w+)|listopad\w*"
    r"|studen(?:i|og|oga|om|ome)|prosin(?:ac|c\w+)|obitelj\w*|suradnj\w*|točk\w*|uvjet\w*|zrakoplov\w*"
    r"|kazališt\w*|sveučilišt\w*|tko|nogomet\w*|vlak(?:a|om|u|ovi|ova)?|kruh\w*|glazb\w*|tijekom"
    r"|povijest\w*|izvješ\w*)\b")
_SRBS_WORDS = re.compile(
    r"\b(?:hiljad\w*|sedmic\w*|porodic\w*|saradnj\w*|tačk\w*|uslov\w*|opštin\w*|opstin\w*"
    r"|pozorišt\w*|univerzitet\w*|fudbal\w*|istorij\w*|historij\w*|januar\w*|februar\w*"
    r"|mart(?:a|u|om)?|jun(?:i|a|u)?|jul(?:i|a|u)?|avgust\w*|septemb\w*|oktob\w*|novemb\w*"
    r"|decemb\w*|vazduh\w*|izvještaj\w*|izveštaj\w*|šta|takođe|hleb\w*|hljeb\w*|pređ\w*|preći)\b")
_EKAVIAN = frozenset("gde posle uvek vreme vremena mesto mesta reka reke deca dece dete svet sveta "
                     "sveta lepo mleko ceo celi cele celu pesma reč reči mesec meseca belo video "
                     "sedište primer primera tekst".split()) - {"tekst", "video"}
_IJEKAVIAN = frozenset("gdje poslije uvijek vrijeme vremena mjesto mjesta rijeka rijeke djeca djece "
                       "dijete svijet svijeta lijepo mlijeko cijeli cijela cijelu pjesma riječ "
                       "riječi mjesec mjeseca bijelo primjer primjera obavijest obavijestim "
                       "obavijestio sjedište".split())

_factory = None
# Shards run in parallel threads: loading the profiles must happen once, and no thread may
# use langdetect's module-level factory before its profiles are loaded.
_factory_lock = threading.Lock()


def _detector_factory():
    """Return langdetect's profile factory, loaded once (it reads ~55 profiles, ~1 s)."""
    global _factory
    with _factory_lock:
        return _load_factory()


def _load_factory():
    global _factory
    if _factory is None:
        from langdetect import DetectorFactory
        from langdetect.detector_factory import init_factory
        from langdetect import detector_factory as df_module

        DetectorFactory.seed = 0
        init_factory()
        _factory = df_module._factory
    return _factory


_WORDS = re.compile(r"[^\W\d_]+")
# A sentence end after a word (not "1." in a table): . ! ? … or the full stops of CJK,
# Devanagari (danda), Armenian, Arabic and Urdu, before a space, a closing quote or the end.
_SENTENCE_END = re.compile(r"[^\W\d_][\"'”’»)\]]*[.!?…。！？।։؟۔](?=[\s\"'”’»)\]]|$)")
_TABLE_CHARS = re.compile(r"[\d\-–—|/.,:;+*=#%()\[\]]")
_CJK_CHARS = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
# Latin vowels with their accented forms (á, ě, ů, ø ...), built once from Unicode names.
_LATIN_VOWEL = re.compile("[" + "".join(
    c for c in map(chr, range(0x41, 0x250))
    if c.isalpha() and unicodedata.normalize("NFD", c)[0].lower() in "aeiouy" or c in "øØæÆœŒ") + "]")


def language_sample(text: str | None) -> str:
    """Return the part of the text language is detected on, one paragraph a line.

    URLs and e-mails removed; each distinct line once (a title repeated as the first line of
    the body, a byline repeated in the footer); scrambled text dropped; then the prose
    paragraphs when they hold PROSE_MIN_LETTERS letters, else all; the first SAMPLE_CHARS
    characters, cut at a word boundary.
    """
    return _samples(text)[0]


def _samples(text: str | None) -> tuple[str, str]:
    """Return (the sample, the same made of all paragraphs, prose or not)."""
    if not text:
        return "", ""
    prose: list[str] = []
    everything: list[str] = []
    seen: set[str] = set()
    prose_len = all_len = prose_letters = 0
    for line in _URLS.sub(" ", text).split("\n"):
        p = " ".join(_once(line.split()))
        if not p or p in seen or _is_scrambled(p):
            continue
        seen.add(p)
        if all_len < SAMPLE_CHARS:
            everything.append(p)
            all_len += len(p) + 1
        if _is_prose(p):
            prose.append(p)
            prose_len += len(p) + 1
            prose_letters += len(_LETTER.findall(p))
        if prose_len >= SAMPLE_CHARS:
            break  # both samples are full: long articles cost no more than short ones
    full = _bounded(everything)
    return (_bounded(prose) if prose_letters >= PROSE_MIN_LETTERS else full), full


# the longest phrase looked for when a line opens with one phrase said again and again
REPEAT_MAX_WORDS = 12


def _once(words: list[str]) -> list[str]:
    """The words of a line with a phrase repeated at its start kept once: "bong2 effect
    finish never bong2 effect finish never ..." is one phrase, not a paragraph of prose,
    and must not outweigh the rest of the page as if it were (like a repeated line)."""
    for k in range(1, min(REPEAT_MAX_WORDS, len(words) // 2) + 1):
        if words[k:2 * k] != words[:k]:
            continue
        r = 2
        while words[r * k:(r + 1) * k] == words[:k]:
            r += 1
        return words[:k] + words[r * k:]
    return words


def _bounded(paragraphs: list[str]) -> str:
    s = "\n".join(paragraphs)
    if len(s) > SAMPLE_CHARS:
        s = s[:SAMPLE_CHARS].rsplit(" ", 1)[0]
    return s


def _is_prose(p: str) -> bool:
    """Return True for running text: enough words, a sentence end, not a list of names."""
    if len(_CJK_CHARS.findall(p)) >= 20:  # CJK has no spaces: count characters
        return bool(_SENTENCE_END.search(p))
    words = _WORDS.findall(p)
    # Words, not a table of numbers and dashes (vowel signs of Indic scripts are marks, not
    # letters, so what is counted is the table's characters).
    if len(words) < PROSE_WORDS or len(_TABLE_CHARS.findall(p)) > (1 - PROSE_LETTER_SHARE) * len(p.replace(" ", "")):
        return False
    cased = [w for w in words if w[0].isupper() or w[0].islower()]
    if len(cased) < len(words) / 2:
        # Scripts without capitals (Devanagari, Arabic, Thai, Georgian ...): some write no
        # full stop either, and their pages' chrome is often English, so their long
        # paragraphs count as prose as they are.
        return True
    if not _SENTENCE_END.search(p):
        return False
    return sum(w[0].isupper() for w in cased) <= NAME_LIST_SHARE * len(cased)


def _is_scrambled(p: str) -> bool:
    """Return True for Latin-letter text with too few vowels to be any language (paywalls
    scramble the article's letters; keys and hashes look the same)."""
    latin = len(_LATIN_LETTER.findall(p))
    return latin >= 40 and len(_LATIN_VOWEL.findall(p)) < MIN_VOWEL_SHARE * latin


def detect_one(sample: str, full_sample: str | None = None) -> tuple[str, float]:
    """Return (ISO 639-1 code or 'und', confidence 0..1) for a sample.

    `full_sample` (all paragraphs, menus and headings too) breaks the tie when the prose of
    `sample` is mixed: a site's own chrome is written in the site's language."""
    letters = len(_LETTER.findall(sample))
    by_script = _script_language(sample, letters)
    if by_script is not None:
        return by_script
    if letters < MIN_LETTERS:
        return "und", 0.0
    lang, conf = _langdetect(sample)
    if lang == "und" or conf < MIN_CONFIDENCE:
        lang, conf = _paragraph_vote(sample, conf)
        if lang == "und" and full_sample and full_sample != sample:
            lang, conf = detect_one(full_sample)
            return lang, conf  # already corrected for lookalikes
        if lang == "und":
            return "und", conf
    return _lookalike(lang, sample, letters), conf


def _paragraph_vote(sample: str, whole_conf: float) -> tuple[str, float]:
    """Return (language, share) when one language dominates the sample's longest paragraphs.

    Used only when langdetect is unsure of the sample as a whole: an English review between
    German sidebar paragraphs mixes the n-grams, but paragraph by paragraph the review's long
    paragraphs outweigh the sidebar's short ones. A paragraph langdetect is unsure of votes
    for nobody but keeps its weight, so a truly mixed text stays 'und'.
    """
    paras = [p for p in sample.split("\n") if len(_LETTER.findall(p)) >= MIN_LETTERS]
    if len(paras) < 2:
        return "und", whole_conf
    paras = sorted(paras, key=len, reverse=True)[:VOTE_PARAGRAPHS]
    votes: dict[str, float] = {}
    total = 0.0
    for p in paras:
        n = len(_LETTER.findall(p))
        weight = float(n * n)
        total += weight
        lang, conf = _script_language(p, n) or _langdetect(p)
        if lang != "und" and conf >= MIN_CONFIDENCE:
            votes[lang] = votes.get(lang, 0.0) + weight
    if not votes:
        return "und", whole_conf
    best = max(votes, key=lambda c: (votes[c], c))
    share = votes[best] / total
    return (best, round(share, 4)) if share >= DOMINANT_SHARE else ("und", whole_conf)


def _script_language(sample: str, letters: int) -> tuple[str, float] | None:
    """Return (language, share) when a single-language script makes up the text.

    The share is capped at 1: kana marks such as 'ー' count as kana but not as letters."""
    if letters < 10:
        return None
    for pattern, lang in _SCRIPT_LANGS:
        n = len(pattern.findall(sample))
        if n >= SCRIPT_SHARE * letters:
            return lang, round(min(1.0, n / letters), 4)
    kana = len(_KANA.findall(sample))
    if kana >= 0.05 * letters:
        cjk = kana + len(_HAN.findall(sample))
        if cjk >= 0.2 * letters:  # Japanese text full of English names is still Japanese
            return "ja", round(min(1.0, cjk / letters), 4)
    han = len(_HAN.findall(sample))
    if han >= SCRIPT_SHARE * letters and han >= 10:  # Han without kana or hangul: Chinese
        return "zh", round(min(1.0, han / letters), 4)
    if letters >= MIN_LETTERS and len(_ICELANDIC.findall(sample)) >= 0.01 * letters:
        return "is", 1.0
    return None


def _langdetect(sample: str) -> tuple[str, float]:
    from langdetect.lang_detect_exception import LangDetectException

    detector = _detector_factory().create()
    detector.set_max_text_length(SAMPLE_CHARS)
    detector.append(sample)
    try:
        probs = detector.get_probabilities()
    except LangDetectException:
        return "und", 0.0
    # zh-cn and zh-tw are one language for us: add their probabilities before the threshold.
    merged: dict[str, float] = {}
    for p in probs:
        code = _CODE_MAP.get(p.lang, p.lang)
        merged[code] = merged.get(code, 0.0) + float(p.prob)
    if not merged:
        return "und", 0.0
    code = max(merged, key=lambda c: (merged[c], c))
    return code, round(min(merged[code], 1.0), 4)


def _lookalike(lang: str, sample: str, letters: int) -> str:
    """Correct langdetect where it has no profile for the language and names a neighbour."""
    if lang == "sw":
        words = re.findall(r"\w+", sample.lower())
        if words and sum(w in _SWAHILI_WORDS for w in words) < 0.06 * len(words):
            xh = sum(w in _XHOSA_WORDS for w in words)
            zu = sum(w in _ZULU_WORDS for w in words)
            return "xh" if xh > zu else "zu" if zu > xh else "und"
    if lang == "hr":
        return _serbo_croatian(sample)
    return lang


def _serbo_croatian(sample: str) -> str:
    """Return 'hr', 'bs' or 'sr' for a Latin-script text langdetect calls Croatian.

    Croatian unless the Serbian/Bosnian vocabulary outweighs the Croatian; then Serbian
    when the text is ekavian, Bosnian when it is ijekavian (a tie stays Croatian).
    """
    low = sample.lower()
    words = re.findall(r"\w+", low)
    # whole words with their endings: a stem alone would count "vozač" or "Martina"
    hr = len(_HR_WORDS.findall(low))
    srbs = len(_SRBS_WORDS.findall(low))
    if srbs <= hr:
        return "hr"
    ek = sum(w in _EKAVIAN for w in words)
    ij = sum(w in _IJEKAVIAN for w in words)
    return "sr" if ek > ij else "bs" if ij > ek else "hr"


def detect_language(docs: pl.DataFrame) -> pl.DataFrame:
    """Return docs + language (str, 'und' when unsure) and language_confidence (f64)."""
    samples = [_samples(t) for t in docs["text"].to_list()]
    cache: dict[tuple[str, str], tuple[str, float]] = {}
    langs, confs = [], []
    for s in samples:
        if s not in cache:
            cache[s] = detect_one(*s)
        lang, conf = cache[s]
        langs.append(lang)
        confs.append(conf)
    return docs.drop([c for c in ("language", "language_confidence") if c in docs.columns]).with_columns(
        pl.Series("language", langs, dtype=pl.String),
        pl.Series("language_confidence", confs, dtype=pl.Float64),
    )
