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
MIN_LETTERS = 40
# Below this top probability the text is mixed or ambiguous: say 'und' rather than guess.
MIN_CONFIDENCE = 0.70
# Characters given to langdetect: a few paragraphs decide as well as the whole article.
SAMPLE_CHARS = 2000

_LETTER = re.compile(r"[^\W\d_]")
_URLS = re.compile(r"\S*(?:https?://|www\.)\S*|\S+@\S+")
# langdetect reports Chinese by script; the contract asks for ISO 639-1.
_CODE_MAP = {"zh-cn": "zh", "zh-tw": "zh"}

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
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        return "und", 0.0
    from langdetect.lang_detect_exception import LangDetectException

    factory = _detector_factory()
    detector = factory.create()
    detector.set_max_text_length(SAMPLE_CHARS)
    detector.append(sample)
    try:
        probs = detector.get_probabilities()
    except LangDetectException:
        return "und", 0.0
    if not probs:
        return "und", 0.0
    best = probs[0]
    code = _CODE_MAP.get(best.lang, best.lang)
    conf = round(float(best.prob), 4)
    if conf < MIN_CONFIDENCE:
        return "und", conf
    return code, conf


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
