"""Bytes -> text, with the encoding detected rather than assumed.

Order of evidence, strongest first: a byte-order mark; a UTF-16 pattern of NUL bytes; the
file being binary (magic numbers, NULs, control characters); strict UTF-8 (which almost never
decodes legacy 8-bit text by accident); an HTML <meta charset>; then a small heuristic for the
legacy code pages our scrapers meet (cp1251 Cyrillic, cp1254 Turkish, cp1252/latin-1 Western).
charset-normalizer was measured on short Turkish and Spanish samples and picked cp1252/cp1250
for cp1254/latin-1 input, so it is only asked when the heuristic has nothing to go on.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Decoded:
    """The outcome of decoding one unit: text + encoding, or a reject reason + detail."""

    text: str | None
    encoding: str | None
    reason: str | None = None  # 'empty' | 'not_text' | 'undecodable'
    detail: str | None = None


_BOMS = (  # UTF-32 before UTF-16: the UTF-32-LE BOM starts with the UTF-16-LE one.
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or Office document)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\x7fELF", "an executable"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ", "xz-compressed data"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data"),
    (b"PAR1", "a Parquet file"),
)

_SAMPLE = 16384
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I)
# Bytes where cp1254 (Turkish) and cp1252/latin-1 disagree on letters: Ğ İ Ş ğ ı ş vs Ð Ý Þ ð ý þ.
_TURKISH_BYTES = re.compile(rb"[\xd0\xdd\xde\xf0\xfd\xfe]")
_HIGH_LETTER = re.compile(rb"[\xc0-\xff]")
_ASCII_LETTER = re.compile(rb"[A-Za-z]")


def decode_bytes(data: bytes, is_html: bool = False) -> Decoded:
    """Return the decoded text and encoding name, or a reject reason with a readable detail."""
    if not data:
        return Decoded(None, None, "empty", "The file is empty (0 bytes); re-export it or remove it.")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return _strict_or_replace(data, enc)
    utf16 = _utf16_without_bom(data[:_SAMPLE])
    if utf16:
        return _strict_or_replace(data, utf16)
    binary = _binary_kind(data[:_SAMPLE])
    if binary:
        return Decoded(None, None, "not_text", f"The content is {binary}, not text; convert it to "
                       "text or HTML, or move it out of the input root.")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if is_html:
        declared = _declared_charset(data[:4096])
        if declared:
            try:
                return Decoded(data.decode(declared), declared)
            except (UnicodeDecodeError, LookupError):
                pass  # the declaration lies: fall through to detection
    enc = guess_single_byte(data)
    return Decoded(data.decode(enc, errors="replace"), enc)


def guess_single_byte(data: bytes) -> str:
    """Return the most likely legacy 8-bit code page for non-UTF-8 bytes.

    Cyrillic text written in cp1251 has most of its letters in 0xC0-0xFF; Western and Turkish
    text has a few accented letters among ASCII ones. Among those, the six bytes whose letters
    differ between cp1254 and latin-1 (ğ ı ş and capitals) decide Turkish: in latin-1 they are
    Icelandic ð ý þ, rare elsewhere.
    """
    sample = data[: _SAMPLE * 4]
    high = len(_HIGH_LETTER.findall(sample))
    ascii_letters = len(_ASCII_LETTER.findall(sample))
    if high and high / (high + ascii_letters) > 0.4:
        return "cp1251"
    if _TURKISH_BYTES.search(sample):
        return "cp1254"
    if re.search(rb"[\x80-\x9f]", sample):
        # 0x80-0x9F are C1 controls in latin-1 but quotes/dashes in cp1252 (the usual case).
        try:
            sample.decode("cp1252")
            return "cp1252"
        except UnicodeDecodeError:
            pass
    if high == 0:
        return _charset_normalizer_guess(sample) or "latin-1"
    return "latin-1"


def _charset_normalizer_guess(sample: bytes) -> str | None:
    """Ask charset-normalizer when no letter byte gave a hint (rare: odd bytes only)."""
    from charset_normalizer import from_bytes

    best = from_bytes(sample).best()
    return best.encoding if best is not None else None


def _strict_or_replace(data: bytes, enc: str) -> Decoded:
    try:
        return Decoded(data.decode(enc), enc)
    except UnicodeDecodeError:
        # A BOM'd file cut mid-character: keep what decodes, mark the replacement.
        return Decoded(data.decode(enc, errors="replace"), f"{enc}+replace")


def _utf16_without_bom(sample: bytes) -> str | None:
    """Return 'utf-16-le'/'utf-16-be' when NULs sit on one side of every code unit (ASCII-heavy
    UTF-16 text); binary data has NULs scattered over both sides."""
    n = len(sample) // 2 * 2
    if n < 4:
        return None
    even_nul = sample[0:n:2].count(0) / (n / 2)
    odd_nul = sample[1:n:2].count(0) / (n / 2)
    if odd_nul > 0.3 and even_nul < 0.02:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.02:
        return "utf-16-be"
    return None


def _binary_kind(sample: bytes) -> str | None:
    """Return a description of binary content, or None when it looks like text."""
    for magic, what in _MAGIC:
        if sample.startswith(magic):
            return what
    if b"\x00" in sample:
        return "binary data (it contains NUL bytes)"
    controls = len(_CONTROL.findall(sample))
    if controls > max(4, len(sample) // 50):
        return "binary data (it is full of control characters)"
    return None


def _declared_charset(head: bytes) -> str | None:
    m = _META_CHARSET.search(head)
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None
