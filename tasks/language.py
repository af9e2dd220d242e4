"""Language of each article's cleaned text: langdetect, seeded, with an honest 'und'.

langdetect picks random n-gram trials, so it is seeded (DetectorFactory.seed = 0) for
identical results on every run. It runs on a bounded sample of the cleaned text (the chrome
is gone by now, so a Turkish footer cannot outvote an English article), once per distinct
sample. 'und' when the text is too short to tell, langdetect finds no features, or the best
language's probability is low (a mixed or ambiguous text).
"""
from __future__ import annotations

import re
import threading

import polars as pl

# Fewer letters than this and langdetect guesses (short headlines flip between languages).
MIN_LETTERS = 50
# Below this top probability the text is mixed or ambiguous: say 'und' rather than guess.
MIN_CONFIDENCE = 0.70
# Characters given to langdetect: a few paragraphs decide as well as the whole article.
SAMPLE_CHARS = 2000

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
    r"|decemb\w*|vazduh\w*|izvještaj\w*|izveštaj\w*|šta|takođe|hleb\w*|hljeb\w*)\b")
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


def language_sample(text: str | None) -> str:
    """Return the part of the text language is detected on: URLs and e-mails removed, the
    first SAMPLE_CHARS characters cut at a word boundary."""
    if not text:
        return ""
    s = _URLS.sub(" ", text)
    if len(s) > SAMPLE_CHARS:
        s = s[:SAMPLE_CHARS].rsplit(" ", 1)[0]
    return s


def detect_one(sample: str) -> tuple[str, float]:
    """Return (ISO 639-1 code or 'und', confidence 0..1) for a sample."""
    letters = len(_LETTER.findall(sample))
    by_script = _script_language(sample, letters)
    if by_script is not None:
        return by_script
    if letters < MIN_LETTERS:
        return "und", 0.0
    lang, conf = _langdetect(sample)
    if lang == "und" or conf < MIN_CONFIDENCE:
        return "und", conf
    return _lookalike(lang, sample, letters), conf


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
    samples = [language_sample(t) for t in docs["text"].to_list()]
    cache: dict[str, tuple[str, float]] = {}
    langs, confs = [], []
    for s in samples:
        if s not in cache:
            cache[s] = detect_one(s)
        lang, conf = cache[s]
        langs.append(lang)
        confs.append(conf)
    return docs.drop([c for c in ("language", "language_confidence") if c in docs.columns]).with_columns(
        pl.Series("language", langs, dtype=pl.String),
        pl.Series("language_confidence", confs, dtype=pl.Float64),
    )
