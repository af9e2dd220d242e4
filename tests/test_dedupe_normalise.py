"""Normalisation: every look-alike kind folds to the same words, numbers stay distinct."""
import polars as pl
import pytest

from tasks.dedupe import compute_signatures, normalise_text

ORIGINAL = ("The port authority in Constanța said on Tuesday that grain shipments rose 12 percent "
            "in October, the first increase since the modern terminal opened in 2019.")

LOOK_ALIKES = {
    # kind: a copy of ORIGINAL as a scraper, printer or OCR engine delivered it
    "accents_dropped": ORIGINAL.replace("ț", "t"),
    "upper_case_title_style": ORIGINAL.upper(),
    "ocr_l_as_I": ORIGINAL.replace("l", "I"),
    "ocr_l_as_1": ORIGINAL.replace("rail", "rai1").replace("first", "first").replace("l", "1"),
    "ocr_O_as_0": ORIGINAL.replace("O", "0"),
    "ocr_rn_as_m": ORIGINAL.replace("rn", "m"),
    "ocr_accented_vowels": ORIGINAL.replace("i", "í").replace("e", "é").replace("a", "á"),
    "ligature_fi": ORIGINAL.replace("fi", "\ufb01"),
    "full_width_digits": ORIGINAL.replace("12", "\uff11\uff12").replace("2019", "\uff12\uff10\uff11\uff19"),
    "curly_vs_straight_quotes": ORIGINAL.replace("said", "“said”"),
    "print_wrap_with_hyphenation": ORIGINAL.replace("shipments ", "ship-\nments\n").replace("increase ", "in-\ncrease "),
    "soft_hyphens": ORIGINAL.replace("authority", "autho\u00adrity"),
    "decomposed_accent": ORIGINAL.replace("ț", "t\u0326"),
    "non_breaking_spaces": ORIGINAL.replace(" ", "\u00a0"),
    "windows_line_breaks": ORIGINAL.replace(" that ", "\r\nthat\r\n"),
}


@pytest.mark.parametrize("kind", sorted(LOOK_ALIKES))
def test_look_alike_normalises_like_the_original(kind):
    assert normalise_text(LOOK_ALIKES[kind]) == normalise_text(ORIGINAL)


@pytest.mark.parametrize("kind", sorted(LOOK_ALIKES))
def test_look_alike_is_an_exact_duplicate(kind):
    sigs = compute_signatures(pl.DataFrame({"doc_id": ["a", "b"], "text": [ORIGINAL, LOOK_ALIKES[kind]]}))
    assert sigs["content_hash"][0] == sigs["content_hash"][1]


def test_compound_hyphen_and_line_break_hyphen_agree():
    assert normalise_text("talks on Nagorno-Karabakh resumed") == normalise_text("talks on Nagorno-\nKarabakh resumed")
    assert normalise_text("talks on Nagorno-Karabakh resumed") == normalise_text("talks on NagornoKarabakh resumed")


def test_numbers_are_kept_distinct():
    a = "Quarterly revenue rose to 4.2 billion euros in 2023, up 7 percent."
    b = "Quarterly revenue rose to 5.8 billion euros in 2024, up 9 percent."
    assert normalise_text(a) != normalise_text(b)
    assert normalise_text("in 2010") != normalise_text("in 2020")
    sigs = compute_signatures(pl.DataFrame({"doc_id": ["a", "b"], "text": [a, b]}))
    assert sigs["content_hash"][0] != sigs["content_hash"][1]


def test_cyrillic_case_and_yo_fold():
    assert normalise_text("ЗАЯВИЛ МИНИСТР Лавров, ёлка") == normalise_text("заявил министр лавров, елка")


def test_unspaced_scripts_become_character_words():
    assert normalise_text("フジテレビ問題で、スポーツ界") == "フ ジ テ レ ビ 問 題 で ス ポ ー ツ 界"


def test_punctuation_and_spacing_do_not_matter():
    assert normalise_text("Ankara — Moscow: “cooperation”!") == normalise_text("ankara moscow cooperation")
    assert normalise_text("  many   spaces\n\n\nand\tlines ") == "many spaces and iines"
