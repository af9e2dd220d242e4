"""Encoding detection: every encoding the scrapers deliver decodes to the same text."""
from __future__ import annotations

import codecs
import gzip

import pytest

from tasks.decode import decode_bytes, guess_single_byte

RU = ("Городской совет утвердил новый бюджет на ремонт набережной. Работы начнутся весной "
      "и продлятся всё лето, сообщили в мэрии.")
TR = ("Belediye meclisi, sahil yolunun onarımı için yeni bütçeyi onayladı. Çalışmaların "
      "ilkbaharda başlayıp yaz boyunca süreceği açıklandı; ğ, ı ve ş harfleri doğru okunmalı.")
FR = ("Le conseil municipal a approuvé le nouveau budget pour la rénovation du quai. Les "
      "travaux commenceront au printemps et dureront tout l'été, a précisé la mairie.")
EN = "The council approved the harbour budget on Tuesday.\nWork starts in April.\n"


@pytest.mark.parametrize(
    "text, enc, expected",
    [
        (EN, "utf-8", "utf-8"),
        (RU, "utf-8", "utf-8"),
        (RU, "cp1251", "cp1251"),
        (TR, "cp1254", "cp1254"),
        (FR, "latin-1", "latin-1"),
        (FR, "utf-16", "utf-16-le"),  # Python writes a little-endian BOM
        (RU, "utf-16-be", "utf-16-be"),  # no BOM: found by the NUL pattern
        (TR, "utf-16-le", "utf-16-le"),
    ],
)
def test_each_encoding_decodes_to_the_original(text, enc, expected):
    dec = decode_bytes(text.encode(enc))
    assert dec.reason is None
    assert dec.text == text
    assert dec.encoding == expected


def test_utf8_bom_is_detected_and_stripped():
    dec = decode_bytes(codecs.BOM_UTF8 + FR.encode("utf-8"))
    assert dec.text == FR and dec.encoding == "utf-8-sig"


def test_cp1252_quotes_are_not_c1_controls():
    text = "He said \u201cnever\u201d \u2014 twice. Café."
    dec = decode_bytes(text.encode("cp1252"))
    assert dec.text == text and dec.encoding == "cp1252"


def test_html_meta_charset_is_used_when_not_utf8():
    html = f'<html><head><meta charset="windows-1251"></head><body><p>{RU}</p></body></html>'
    dec = decode_bytes(html.encode("cp1251"), is_html=True)
    assert RU in dec.text and dec.encoding == "cp1251"


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "not_text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not_text"),
        (gzip.compress(b"hello"), "not_text"),
        (bytes(range(256)) * 8, "not_text"),
    ],
)
def test_empty_and_binary_content_is_refused_with_a_reason(data, reason):
    dec = decode_bytes(data)
    assert dec.text is None and dec.reason == reason
    assert dec.detail and len(dec.detail) > 20


def test_single_byte_guess_prefers_turkish_only_on_turkish_letters():
    assert guess_single_byte(TR.encode("cp1254")) == "cp1254"
    assert guess_single_byte(FR.encode("latin-1")) == "latin-1"
    assert guess_single_byte(RU.encode("cp1251")) == "cp1251"
