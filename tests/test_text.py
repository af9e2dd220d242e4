"""repair_text: mojibake undone where the text itself shows it, nothing else touched."""
from __future__ import annotations

import pytest

from tasks.text import repair_gbk_mojibake, repair_text

ZH = ("市图书馆今天宣布，从下个月起工作日将开放到午夜，以便学生在考试期间有安静的地方学习。\n\n"
      "馆长说：“我们收到了很多读者的来信。”新的安排将持续到六月底。")


@pytest.mark.parametrize("misread_as", ["latin-1", "cp1252"])
def test_gbk_read_as_single_byte_is_decoded_back(misread_as):
    mojibake = ZH.encode("gbk").decode(misread_as, errors="strict" if misread_as == "latin-1" else "ignore")
    if misread_as == "cp1252":
        # cp1252 has no characters for 0x81, 0x8D, 0x8F, 0x90, 0x9D: rebuild what a scraper
        # would have written (the C1 code) so the text stays a faithful misreading.
        mojibake = "".join(
            b.to_bytes(1, "big").decode("cp1252", errors="ignore") or chr(b) for b in ZH.encode("gbk"))
    assert repair_gbk_mojibake(mojibake) == ZH
    assert repair_text(mojibake) == ZH  # ftfy does not get to garble it first


def test_gbk_mojibake_with_ascii_dates_and_digits():
    text = "2012-06-04 09:20:26\n\n" + ZH + "\n\nwww.example.cn 15"
    assert repair_text(text.encode("gb18030").decode("latin-1")) == text


@pytest.mark.parametrize("text", [
    "Le conseil municipal a approuvé le nouveau budget pour la rénovation du quai à Noël.",
    "Bæjarstjórnin samþykkti í gær að gera við hafnargarðinn áður en sumarið hefst.",
    "Городской совет утвердил новый бюджет на ремонт набережной.".encode("cp1251").decode("latin-1"),
    ZH,
    "Plain ASCII text with no accents at all, repeated. " * 5,
])
def test_other_text_is_left_alone(text):
    assert repair_gbk_mojibake(text) == text


def test_utf8_mojibake_still_goes_to_ftfy_and_nfc():
    assert repair_text("CafÃ© crÃ¨me") == "Café crème"
    assert repair_text("Cafe\u0301") == "Café"


def test_a_subheading_is_not_taken_for_the_rest_of_a_broken_sentence():
    """A long paragraph ending on a word without a full stop (a caption's credit, a product
    line) was joined to the subheading after it, and that to the next paragraph (found in the
    blind checks of 2026-12-18/19: "... zum Raubfischangeln Für Raubfischangler gemacht In der
    ..."). A few capitalised words without a sentence end open a part of their own; a sentence
    broken at a page break is still mended."""
    from tasks.text import merge_broken_paragraphs

    long_ = "Die Rute gibt es in vielen verschiedenen Versionen für das Angeln auf Hecht und Zander vom Ufer"
    nxt = "In der Serie des Herstellers gibt es viele Ruten für jeden Zweck."
    assert merge_broken_paragraphs([long_, "Für Raubfischangler gemacht", nxt]) == [long_, "Für Raubfischangler gemacht", nxt]
    # a name set apart by an inline link goes on in its sentence; one that ends a paragraph
    # before a heading is the end of that paragraph
    assert merge_broken_paragraphs([long_, "Anna Berg", ", die den Test leitete, war zufrieden mit der Rute."]) == [
        long_ + " Anna Berg, die den Test leitete, war zufrieden mit der Rute."]
    assert merge_broken_paragraphs([long_, "Creative Commons", "Weitere Links"]) == [
        long_ + " Creative Commons Weitere Links"]
    assert merge_broken_paragraphs([long_, "aus getestet und für gut befunden."]) == [
        long_ + " aus getestet und für gut befunden."]
    assert merge_broken_paragraphs([long_, "Booten aus getestet, sagte der Händler am Montag."]) == [
        long_ + " Booten aus getestet, sagte der Händler am Montag."]


def test_a_german_sentence_broken_at_a_linked_noun_is_mended():
    """A link inside a German sentence ("... der großen" / "Gewerkschaften" / "Verdi und IG
    Metall ...") puts a capitalised noun on a line of its own: the paragraph before it ends on
    a word in lower case, so it is the sentence going on, not a subheading (review of stop 11)."""
    from tasks.text import merge_broken_paragraphs

    a = "Am Montag traf sich der Kanzler im Kanzleramt mit den Chefs der großen"
    out = merge_broken_paragraphs([a, "Gewerkschaften", "Verdi und IG Metall zu einem ersten Gespräch über die Tarifrunde."])
    assert out == [a + " Gewerkschaften Verdi und IG Metall zu einem ersten Gespräch über die Tarifrunde."]
    from tasks.text import join_wrapped
    assert join_wrapped("Die Firma arbeitet mit", ".NET und Java") == "Die Firma arbeitet mit .NET und Java"
