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
            return _strict_or_replace(data[len(bom):], enc, bom_name=enc)
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


def _strict_or_replace(data: bytes, enc: str, bom_name: str | None = None) -> Decoded:
    """Decode after a BOM (or a UTF-16 pattern); a file cut mid-character keeps what decodes."""
    codec = "utf-8" if enc == "utf-8-sig" else enc
    try:
        return Decoded(data.decode(codec), enc)
    except UnicodeDecodeError:
        return Decoded(data.decode(codec, errors="replace"), f"{enc}+replace")


def _utf16_without_bom(sample: bytes) -> str | None:
    """Return 'utf-16-le'/'utf-16-be' for BOM-less UTF-16 text, else None.

    In UTF-16 text one byte of every code unit (the high byte) takes very few values: 0x00
    for Latin, 0x04 for Cyrillic, and so on. Binary data spreads over many values on both
    sides, so it is not mistaken for UTF-16.
    """
    n = len(sample) // 2 * 2
    if n < 8 or sample.count(0) < n // 20:
        return None
    for enc, high in (("utf-16-le", sample[1:n:2]), ("utf-16-be", sample[0:n:2])):
        top = sorted((high.count(b) for b in set(high)), reverse=True)[:3]
        if sum(top) >= 0.95 * len(high) and high.count(0) >= 0.05 * len(high):
            try:
                text = sample[:n].decode(enc)
            except UnicodeDecodeError:
                continue
            if sum(ch.isprintable() or ch.isspace() for ch in text) >= 0.97 * len(text):
                return enc
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
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    # Browsers read a declared latin-1 as windows-1252 (WHATWG), and so do pages' authors.
    return "cp1252" if codec in ("latin-1", "iso8859-1") else codec


# Legacy charsets whose text, wrongly read as latin-1 upstream (a scraper that ignored the
# page's <meta charset>), comes to us as a soup of Ã, ¸, Ô ... characters.
_NON_LATIN_CHARSETS = {
    "gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "big5": "big5hkscs",
    "shift_jis": "cp932", "sjis": "cp932", "euc-jp": "euc_jp", "euc-kr": "cp949", "ks_c_5601-1987": "cp949",
    "windows-1251": "cp1251", "cp1251": "cp1251", "koi8-r": "koi8_r", "koi8-u": "koi8_u",
    "windows-1256": "cp1256", "windows-1253": "cp1253", "windows-1255": "cp1255", "tis-620": "cp874",
}
_LATIN1_RANGE = re.compile(r"[\u0080-\u00ff]")
_ABOVE_LATIN1 = re.compile(r"[^\u0000-\u00ff]")
_ALL_CHARSETS = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I)


def repair_misread_html(html: str) -> str:
    """Return html re-decoded with its declared non-Latin charset when it was read as latin-1.

    Only acts when nearly all non-ASCII characters are in U+0080-U+00FF (the mark of bytes
    read one by one) and re-decoding with the declared charset succeeds strictly.
    """
    head = html[:20000]
    latin = len(_LATIN1_RANGE.findall(head))
    if latin < 50 or len(_ABOVE_LATIN1.findall(head)) > 0.05 * latin:
        return html
    declared = [m.lower() for m in _ALL_CHARSETS.findall(html[:8192])]
    codec = next((_NON_LATIN_CHARSETS[d] for d in declared if d in _NON_LATIN_CHARSETS), None)
    if codec is None:
        return html
    for single_byte in ("latin-1", "cp1252"):
        try:
            return html.encode(single_byte).decode(codec)
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return html
