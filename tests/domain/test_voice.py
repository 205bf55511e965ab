"""The catalogue in another voice: a parent or a carer answering, a hospital or a company offering."""

import json
import re

import pytest

from screening.domain.answers import parse_answers
from screening.domain.catalogue import TEXT_FIELDS
from screening.domain.scoring import score
from screening.domain.voice import CARED_FOR, CHILD, SELF, Voice, catalogue_spoken, speak, voice_of
from tests.conftest import CALIBRATION_DIR

PARENT = Voice(CHILD)
CARER = Voice(CARED_FOR)


@pytest.mark.parametrize(
    ("text", "voice", "expected"),
    [
        ("Talk to your doctor.", PARENT, "Talk to your child's doctor."),
        ("Is this approved for my condition?", PARENT, "Is this approved for my child's condition?"),
        ("They are not my own cells.", PARENT, "They are not my child's own cells."),
        ("Who pays if I am harmed?", PARENT, "Who pays if my child is harmed?"),
        ("Ask whether you meet its rules.", PARENT, "Ask whether your child meets its rules."),
        ("How many people like you got better?", PARENT, "How many people like your child got better?"),
        ("Your doctor knows your condition.", PARENT, "Your child's doctor knows your child's condition."),
        ("Talk to your doctor.", CARER, "Talk to the person's doctor."),
        ("Who pays if I am harmed?", CARER, "Who pays if the person I care for is harmed?"),
        ("Ask whether you meet its rules.", CARER, "Ask whether the person you care for meets its rules."),
        # "You" stays the person answering: they ask, pay and sign.
        ("Ask the clinic before you pay.", PARENT, "Ask the clinic before you pay."),
        ("Ask the clinic before you pay.", Voice(SELF, "hospital"), "Ask the hospital before you pay."),
        (
            "The clinic's leaflet. Your clinic.",
            Voice(SELF, "company"),
            "The company's leaflet. Your company.",
        ),
        ("A clinical trial.", Voice(SELF, "hospital"), "A clinical trial."),
    ],
)
def test_speak_changes_the_patient_words_and_the_provider_word(text, voice, expected):
    assert speak(text, voice) == expected


def test_the_plain_voice_is_the_catalogue_itself(shipped):
    assert catalogue_spoken(shipped, Voice()) is shipped
    assert voice_of({}) == Voice() and voice_of({"answering_for": CHILD}) == Voice(CHILD, "clinic")


def spoken_texts(catalogue):
    for band in catalogue.bands:
        yield band.title
        yield band.advice
    for escalation in catalogue.escalations:
        yield escalation.explanation
    for item in (*catalogue.criteria, *catalogue.signs):
        for name in TEXT_FIELDS:
            yield getattr(item, name)
    for section in catalogue.sections:
        yield section.title
        yield section.intro
    for question in catalogue.questions:
        yield question.text
        yield question.help_text
        for option in question.options:
            yield option.label
            yield option.report_note


# The patient's own things, as the shipped catalogue writes them for a patient answering.
PATIENT_WORDS = re.compile(
    r"\b(my|your)( own)? (condition|doctors?|specialist|GP|body|cells|care|diagnosis|records|MS|medicines)\b"
    r"|\bif I am harmed\b|\bpeople like (me|you)\b|\b(examined?|treat) (me|you)\b",
    re.IGNORECASE,
)


@pytest.mark.parametrize("answering_for", [CHILD, CARED_FOR])
def test_no_text_of_the_shipped_catalogue_is_left_in_the_patients_voice(shipped, answering_for):
    left = [
        t for t in spoken_texts(catalogue_spoken(shipped, Voice(answering_for))) if PATIENT_WORDS.search(t)
    ]
    assert left == []


def test_the_shipped_catalogue_needs_the_voice(shipped):
    # The check above would pass trivially if the catalogue never spoke of the patient.
    assert sum(bool(PATIENT_WORDS.search(t)) for t in spoken_texts(shipped)) > 50


def test_no_clinic_is_left_when_a_hospital_offers_it(shipped):
    spoken = catalogue_spoken(shipped, Voice(SELF, "hospital"))
    assert not [t for t in spoken_texts(spoken) if re.search(r"\b(the|your) clinic\b", t, re.IGNORECASE)]
    assert any("the hospital" in t for t in spoken_texts(spoken))


def test_a_sentence_keeps_its_capital_and_only_there(shipped):
    for text in spoken_texts(catalogue_spoken(shipped, PARENT)):
        assert not re.search(r"[a-z,] Your child", text), text
        assert not re.search(r"(^|[.?!] )your child", text), text


@pytest.mark.parametrize("path", sorted(CALIBRATION_DIR.glob("*.json"))[:4], ids=lambda p: p.stem)
def test_scoring_is_the_same_in_every_voice(shipped, path):
    answers = parse_answers(json.loads(path.read_text())["answers"], shipped)
    plain = score(shipped, answers)
    for voice in (PARENT, CARER, Voice(CHILD, "company")):
        spoken = score(catalogue_spoken(shipped, voice), answers)
        assert (spoken.level, spoken.points) == (plain.level, plain.points)
        assert [f.code for f in spoken.fired] == [f.code for f in plain.fired]
