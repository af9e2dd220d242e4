"""Text normalisation for comparing articles: two copies of one story should give the same
word sequence however they were printed, wrapped, hyphenated, OCR'd or encoded.

Two vectorised steps, no per-document Python:
1. polars string expressions for what needs context or Unicode: print hyphenation, the OCR
   "rn"/"m" confusion, folding of accented, ligature, full-width and upper-case letters
   (one Aho-Corasick pass over a fixed table), non-ASCII punctuation to spaces;
2. a 256-entry byte table over the UTF-8 bytes for ASCII: upper to lower case, OCR look-alike
   digits and letters ("l", "1", "|" -> "i"; "0" -> "o"), punctuation to spaces.
Tokens are then the runs of non-space bytes (see minhash.py). Numbers are kept: folding maps
"2010" to "2oio" and "2020" to "2o2o", so two different numbers never become equal, which is
what merges distinct template stories (earnings, scores) under datatrove's norm_numbers.

These rules feed the content hash and the shingles that are persisted between runs: bump
`SIGNATURE_VERSION` in params.py when you change them.
"""
from __future__ import annotations

import unicodedata

import numpy as np
import polars as pl
import pyarrow as pa

# Blocks folded character by character: Latin-1 supplement and Latin extended (accents),
# Greek, Cyrillic, Armenian (case), Latin extended additional (Vietnamese), ligatures (ﬁ),
# full-width forms. Unicode's normalisation stability policy guarantees these decompositions
# never change, so the table (built from unicodedata at import) is the same on every Python.
_FOLD_BLOCKS = [(0xC0, 0x250), (0x370, 0x590), (0x1E00, 0x1F00), (0xFB00, 0xFB07), (0xFF01, 0xFF5F)]


def _fold_char(c: str) -> str:
    """Return `c` without accents or compatibility form, lower-cased; a space if it is not a
    letter or digit."""
    base = "".join(ch for ch in unicodedata.normalize("NFKD", c) if not unicodedata.combining(ch))
    base = base.lower()
    return base if base and all(ch.isalnum() for ch in base) else " "


def _fold_table() -> tuple[list[str], list[str]]:
    src, dst = [], []
    for lo, hi in _FOLD_BLOCKS:
        for cp in range(lo, hi):
            c = chr(cp)
            if unicodedata.category(c) == "Cn":  # unassigned: leave alone
                continue
            f = _fold_char(c)
            if f != c:
                src.append(c)
                dst.append(f)
    return src, dst


_FOLD_SRC, _FOLD_DST = _fold_table()
# Combining marks typed after their letter (decomposed text) go, like precomposed accents.
_MARKS = [chr(cp) for cp in range(0x300, 0x370)]
# OCR reads "rn" as "m" and "vv" as "w": fold towards the single letter, in any case.
_OCR = {"rn": "m", "Rn": "m", "RN": "m", "rN": "m", "vv": "w", "Vv": "w", "VV": "w", "vV": "w"}
_FOLD_SRC += _MARKS + list(_OCR)
_FOLD_DST += [""] * len(_MARKS) + list(_OCR.values())

# Scripts written without spaces between words, as code point ranges (a range class is much
# faster than \p{Script} classes): Thai, Lao, Myanmar, Khmer, CJK radicals and ideographs with
# kana (CJK punctuation U+3000-303F left out: it separates words), CJK compatibility
# ideographs, half-width katakana, CJK extension planes.
_UNSPACED = (
    "([\u0E00-\u0EFF\u1000-\u109F\u1780-\u17FF\u2E80-\u2FFF\u3040-\u9FFF\uF900-\uFAFF\uFF66-\uFF9F"
    "\U00020000-\U0003FFFF])"
)

# Byte table for ASCII (bytes >= 0x80 are parts of non-ASCII letters and pass unchanged).
_LUT = np.full(256, ord(" "), dtype=np.uint8)
_LUT[0x80:] = np.arange(0x80, 0x100, dtype=np.uint8)
for _c in "abcdefghijklmnopqrstuvwxyz0123456789":
    _LUT[ord(_c)] = ord(_c)
    _LUT[ord(_c.upper())] = ord(_c)
for _c in "lL1|I":
    _LUT[ord(_c)] = ord("i")
_LUT[ord("0")] = _LUT[ord("O")] = ord("o")


def fold_text(text: pl.Expr) -> pl.Expr:
    """Return an expression for step 1 (the polars part) of the normalisation; three passes."""
    return (
        text
        # Print hyphenation: "inter-\nnational" -> "international"; every other in-word
        # hyphen goes too, so "Nagorno-Karabakh", "Nagorno-\nKarabakh" and a copy that lost
        # the hyphen give one token. Soft hyphens (U+00AD) are invisible in print anyway.
        .str.replace_all(r"[-\u00ad\u2010\u2011](?:[ \t]*\r?\n[ \t]*)?", "")
        # Accents, ligatures, full-width forms, upper case; OCR's "rn" read as "m".
        .str.replace_many(_FOLD_SRC, _FOLD_DST)
        # Scripts without spaces between words: every character becomes a word, so shingles
        # are character 3-grams there. Whatever else non-ASCII is not a letter or digit
        # (curly quotes, dashes, ©, », CJK punctuation) separates words.
        .str.replace_all(_UNSPACED + r"|[^\p{L}\p{N}\x00-\x7F]+", " $1 ")
        # Separates documents in the byte buffer below.
        + pl.lit(" ")
    )


def normalised_bytes(texts: pl.Series) -> tuple[np.ndarray, np.ndarray]:
    """Return (buffer, offsets): the normalised UTF-8 bytes of all texts back to back, each
    followed by at least one space (tokens are runs of non-space bytes; spacing is not
    collapsed), padded with 16 zero bytes so 8-byte reads past the last token stay in
    bounds; and int64 offsets, len(texts) + 1 of them."""
    folded = texts.to_frame("t").select(fold_text(pl.col("t")))["t"]
    arr = folded.to_arrow()
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    arr = arr.cast(pa.large_string())
    _, off_buf, data_buf = arr.buffers()
    offsets = np.frombuffer(off_buf, dtype=np.int64)[arr.offset : arr.offset + len(arr) + 1]
    data = np.frombuffer(data_buf, dtype=np.uint8)[offsets[0] : offsets[-1]]
    offsets = offsets - offsets[0]
    buf = np.zeros(len(data) + 16, dtype=np.uint8)
    buf[: len(data)] = _LUT[data]
    return buf, offsets


def normalise_text(text: str) -> str:
    """Return the comparison form of one text as space-separated words (for tests and for
    looking at why two documents did or did not match)."""
    buf, offsets = normalised_bytes(pl.Series([text], dtype=pl.String))
    return " ".join(buf[: offsets[-1]].tobytes().decode("utf-8").split())
