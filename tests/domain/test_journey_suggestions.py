"""Suggestions from the clinic's text in the questionnaire (issue 14): which questions show
one, and which answers count as taken from a suggestion the person confirmed."""

from screening.domain import journey
from screening.domain.adverts import read_offer_text

TEXT = "No side effects! 20% off this month. 85% of our patients improve."


def test_only_questions_not_answered_yet_show_a_suggestion(shipped):
    reading = read_offer_text(shipped, TEXT)
    questions = tuple(shipped.question(code) for code in ("risk-info", "claims", "sales-tactics"))
    shown = journey.suggested_here(reading, questions, {"claims": frozenset({"cure"})})
    assert set(shown) == {"risk-info", "sales-tactics"}
    assert journey.as_answers(shown, questions) == {
        "risk-info": ["no-side-effects"],
        "sales-tactics": ["discount-limited"],
    }
    assert journey.suggested_here(None, questions, {}) == {}


def test_an_answer_counts_as_from_a_suggestion_only_while_it_is_the_one_suggested(shipped):
    reading = read_offer_text(shipped, TEXT)
    questions = tuple(shipped.question(code) for code in ("risk-info", "claims"))
    suggested = {"risk-info": frozenset({"no-side-effects"}), "claims": frozenset({"success-rate"})}
    # Both shown and posted as suggested: both accepted.
    accepted = journey.accepted_after(reading, questions, {}, suggested, ())
    assert accepted == ("claims", "risk-info")
    # Later the person changes one: it is theirs now.
    changed = {**suggested, "claims": frozenset({"no-expectations"})}
    assert journey.accepted_after(reading, questions, suggested, changed, accepted) == ("risk-info",)
    # An answer given before any suggestion was shown never counts as a suggestion's.
    before = {"risk-info": frozenset({"no-side-effects"})}
    assert journey.accepted_after(reading, questions[:1], before, before, ()) == ()


def test_the_first_step_asks_for_the_text_only_where_rules_can_read_it(shipped):
    from dataclasses import replace

    assert journey.reads_offer_text(shipped)
    assert not journey.reads_offer_text(replace(shipped, phrase_rules=()))
    only_notes = tuple(r for r in shipped.phrase_rules if r.kind in ("absent", "reported"))
    assert not journey.reads_offer_text(replace(shipped, phrase_rules=only_notes))


def test_the_reasons_speak_in_the_screenings_voice(shipped):
    from screening.domain.voice import Voice, catalogue_spoken

    spoken = catalogue_spoken(shipped, Voice("child", "hospital"))
    reasons = [r.reason for r in spoken.phrase_rules if r.kind != "reported"]
    assert not [r for r in reasons if "your own doctor" in r or "the clinic " in r]
    assert any("your child's doctor" in r for r in reasons)
    assert any("the hospital" in r for r in reasons)
