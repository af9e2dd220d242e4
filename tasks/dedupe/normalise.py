"""Text normalisation for comparing articles: two copies of one story should normalise to the
same token sequence however they were printed, wrapped, OCR'd or encoded.

Everything is a polars expression (vectorised, multi-threaded); no per-document Python.
The output is lower-case letters and digits separated by single spaces, with no leading or
trailing space. The same rules feed the exact hash and the shingles, so changing any of them
changes stored signatures: bump `SIGNATURE_VERSION` in `params.py` when you do.
"""
from __future__ import annotations

import polars as pl

# OCR and typographic look-alikes, applied after lower-casing and accent stripping, so "I", "l",
# "1", "|" and "í" all become "i", and "O"/"0" become "o". Numbers stay distinct from each other
# ("2010" -> "2oio", "2020" -> "2o2o"): folding must never make two different numbers equal,
# which is what breaks template stories (earnings, scores) in datatrove's norm_numbers.
# Multi-letter confusions come first ("rn" read as "m", "vv" as "w").
_OCR_SEQUENCES = [("rn", "m"), ("vv", "w")]
_OCR_CHARS = [(r"[l1|]", "i"), (r"0", "o")]


def normalise(text: pl.Expr) -> pl.Expr:
    """Return an expression giving the comparison form of `text` (see module docstring)."""
    e = (
        text
        # Compatibility decomposition: ligatures (ﬁ), full-width and superscript forms become
        # plain letters/digits, and accents split off as combining marks, removed next.
        .str.normalize("NFKD")
        .str.replace_all(r"\p{M}+", "")
        .str.to_lowercase()
        # Print hyphenation: "inter-\nnational" -> "international". Then every remaining
        # in-word hyphen goes too, so "Nagorno-Karabakh", "Nagorno-\nKarabakh" and a copy that
        # lost the hyphen all give one token. Soft hyphens (U+00AD) are invisible in print.
        .str.replace_all("\u00ad", "", literal=True)
        .str.replace_all(r"[-\u2010\u2011][ \t]*\r?\n[ \t]*", "")
        .str.replace_all(r"[-\u2010\u2011]", "")
    )
    for pattern, repl in _OCR_SEQUENCES:
        e = e.str.replace_all(pattern, repl, literal=True)
    for pattern, repl in _OCR_CHARS:
        e = e.str.replace_all(pattern, repl)
    return (
        # Punctuation, quotes (straight or curly), line breaks: all just separate words, so a
        # re-wrapped copy and its original give the same tokens.
        e.str.replace_all(r"[^\p{L}\p{N}]+", " ")
        .str.strip_chars(" ")
    )
