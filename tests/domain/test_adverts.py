"""The offer-text assist (issue 14): the phrase language, negations and disclosures, and the
rules every reading follows, on small rules and on the shipped catalogue's."""

from dataclasses import replace

import pytest

from screening.domain.adverts import (
    TEXT_LIMIT,
    marked,
    phrase_problems,
    read_offer_text,
    rule_matches,
)
from screening.domain.catalogue import PhraseRule
from screening.domain.validation import validate


def rule(*phrases, **fields) -> PhraseRule:
    values = {"code": "r", "family": "efficacy", "reason": "Why.", "question": "claims", "options": ("cure",)}
    return PhraseRule(phrases=phrases, **{**values, **fields})


def found(r: PhraseRule, text: str) -> list[str]:
    return [p.text for p in rule_matches(r, text)]


def suggested(catalogue, text: str) -> set[tuple[str, str]]:
    return {(s.question, o) for s in read_offer_text(catalogue, text).suggestions for o in s.options}


# --- The phrase language ---------------------------------------------------------------------


def test_words_match_whole_in_any_case_and_a_hyphen_is_a_space():
    r = rule("registered lab")
    assert found(r, "Our Registered-Lab; registered  lab; REGISTERED - LAB.") == [
        "Registered-Lab",
        "registered  lab",
        "REGISTERED - LAB",
    ]
    assert found(r, "registeredlab") == []  # whole words only
    assert found(r, "a registered\nLab results") == []  # a line break ends a sentence


def test_an_abbreviation_written_in_capitals_matches_only_in_capitals():
    assert found(rule("FDA registered"), "FDA-registered; F.D.A. registered; fda registered") == [
        "FDA-registered",
        "F.D.A. registered",
    ]
    conditions = rule("MS | multiple sclerosis")
    assert found(conditions, "Ask Ms Lee about MS and Multiple Sclerosis.") == ["MS", "Multiple Sclerosis"]


def test_a_star_matches_any_ending_and_a_hash_any_number():
    assert found(rule("cure*"), "It cured her; it cures; secure; curing.") == ["cured", "cures"]
    assert found(rule("#% of patients"), "85% of patients, 9.5 % of patients") == [
        "85% of patients",
        "9.5 % of patients",
    ]
    assert found(rule("within # weeks"), "within two weeks, within 3 weeks") == [
        "within two weeks",
        "within 3 weeks",
    ]


def test_a_gap_stands_for_up_to_three_words_and_variants_are_separated_by_a_bar():
    r = rule("no ~ side effects | side effect free")
    assert found(r, "no side effects; no known serious side effects; side-effect free") == [
        "no side effects",
        "no known serious side effects",
        "side-effect free",
    ]
    assert found(r, "no one in our clinic has had any side effects") == []  # more than three words


def test_a_phrase_does_not_run_across_a_sentence_but_an_abbreviation_or_a_title_does_not_end_one():
    r = rule("FDA registered")
    assert found(r, "We follow the FDA. Registered patients may book.") == []
    assert found(r, "An F.D.A. registered lab.") == ["F.D.A. registered"]
    assert found(rule("dr lopez"), "Ask Dr. Lopez.") == ["Dr. Lopez"]


def problems_of(phrase: str) -> tuple[str, ...]:
    return tuple(p.code for p in phrase_problems(phrase))


def test_the_phrase_language_has_no_regular_expressions():
    assert problems_of("cure (of|for) MS") == ("phrase-characters",)
    assert problems_of("cu* MS") == ("phrase-short-stem",)
    assert problems_of("~ side effects") == ("phrase-gap",)
    assert problems_of("# ~") == ("phrase-no-word",)
    assert problems_of("c*ure") == ("phrase-star",)
    assert problems_of("  ") == ("phrase-empty",)
    assert problems_of("no ~ side effects | #% off | $ # | células madre | don't") == ()


# --- Negations and disclosures ---------------------------------------------------------------


def test_negations_the_issue_names_do_not_suggest_what_their_positive_forms_suggest(shipped):
    """ "not approved by the FDA", "this is an experimental treatment", "results are not
    guaranteed": each positive form suggests an answer; the negated form does not."""
    for positive, negative, answer in (
        (
            "We use FDA-approved stem cells.",
            "Our stem cells are not FDA-approved.",
            ("legal-status-claims", "registered"),
        ),
        (
            "We use an FDA-approved lab.",
            "We do not use an FDA-approved lab.",
            ("legal-status-claims", "registered"),
        ),
        (
            "This is a proven treatment.",
            "This is an experimental treatment.",
            ("marketing-seen", "hype-words"),
        ),
        ("Results are guaranteed.", "Results are not guaranteed.", ("claims", "cure")),
    ):
        assert answer in suggested(shipped, positive), positive
        assert answer not in suggested(shipped, negative), negative
    # The negated forms are disclosures: "not approved" says it is not approved.
    assert ("regulator-approval", "not-approved") in suggested(
        shipped, "Our stem cells are not approved by the FDA."
    )
    assert ("regulator-approval", "not-approved") in suggested(shipped, "This is an experimental treatment.")
    assert ("claims", "cure") not in suggested(shipped, "There is no cure for MS, and we cannot promise one.")


def test_a_negation_undoes_a_match_just_before_it_and_a_disclosure_anywhere_in_its_sentence():
    r = rule("cure", negations=("no", "not"), disclosures=("no guarantee",))
    assert found(r, "It will cure you.") == ["cure"]
    assert found(r, "There is no cure. It will cure you.") == ["cure"]  # the second sentence's
    assert found(r, "This is not a cure.") == []
    assert found(r, "No treatment here will ever cure you.") == ["cure"]  # "no" is too far before
    assert found(r, "We hope it will cure you, but there is no guarantee.") == []


def test_a_rule_that_requires_other_words_matches_only_beside_them():
    r = rule("approval is not required", requires=("your own",))
    assert found(r, "Because they are your own cells, FDA approval is not required.") == [
        "approval is not required"
    ]
    assert found(r, "FDA approval is not required.") == []


# --- What every reading does -----------------------------------------------------------------


def test_a_question_claims_nothing(shipped):
    assert ("claims", "cure") not in suggested(shipped, "Is stem cell therapy a cure for MS?")
    assert ("claims", "cure") in suggested(shipped, "Is it a cure for MS? Yes: it can reverse MS.")


def test_words_reported_in_order_to_warn_claim_nothing(shipped):
    """A charity's page quotes clinics' words to warn about them."""
    warning = 'Be wary of clinics that say "no side effects" or offer 20% off if you book this month.'
    assert suggested(shipped, warning) == set()
    assert {("risk-info", "no-side-effects"), ("sales-tactics", "discount-limited")} <= suggested(
        shipped, "No side effects! 20% off if you book this month."
    )


def test_the_longest_match_wins_among_the_rules_for_one_question(shipped):
    reading = read_offer_text(shipped, "Because we use your own cells, there is no risk of rejection.")
    assert reading.suggestion("risk-info").options == ("own-cells-safe",)


def test_a_single_choice_question_gets_one_suggestion(shipped):
    text = "We treat MS, autism, Parkinson's and COPD. Due to advertising rules we cannot list the others."
    assert read_offer_text(shipped, text).suggestion("condition-count").options == ("many-unrelated",)


def test_counting_the_conditions_one_text_names(shipped):
    few = "Our stem cell injections help knee pain, hip pain and arthritis."
    many = "Our cells help MS, autism, Parkinson's, COPD, diabetes and ageing skin."
    assert ("condition-count", "many-unrelated") not in suggested(shipped, few)
    suggestion = read_offer_text(shipped, many).suggestion("condition-count")
    assert suggestion.options == ("many-unrelated",)
    assert [e.passage.text for e in suggestion.evidence][:4] == ["MS", "autism", "Parkinson's", "COPD"]


def test_what_the_text_does_not_say(shipped):
    reading = read_offer_text(shipped, "Book now! Stem cells for your knees.")
    assert {r.code for r in reading.not_found} == {
        "says-nothing-about-risks",
        "names-no-doctor",
        "says-nothing-about-approval",
    }
    said = read_offer_text(shipped, "Dr. Lopez explains the risks. The FDA has not approved it.")
    assert not said.not_found


def test_each_suggestion_quotes_its_words_with_their_place_and_its_rule(shipped):
    text = "Our FDA-registered lab offers 20% off this month."
    reading = read_offer_text(shipped, text)
    legal = reading.suggestion("legal-status-claims")
    [evidence] = legal.evidence
    assert text[evidence.passage.start : evidence.passage.end] == "FDA-registered"
    assert evidence.passage.rule == "fda-registered" and legal.rules[0].reason
    assert reading.to_json()["legal-status-claims"] == {
        "options": ["registered"],
        "evidence": [
            {
                "option": "registered",
                "rule": "fda-registered",
                "start": 4,
                "end": 18,
                "text": "FDA-registered",
            }
        ],
    }


def test_reading_is_deterministic_and_inactive_rules_read_nothing(shipped):
    text = "Revolutionary stem cells, no side effects, 85% of our patients improve."
    assert read_offer_text(shipped, text) == read_offer_text(shipped, text)
    quiet = replace(shipped, phrase_rules=tuple(replace(r, active=False) for r in shipped.phrase_rules))
    assert read_offer_text(quiet, text).suggestions == ()
    assert read_offer_text(replace(shipped, phrase_rules=()), text).suggestions == ()


def test_a_text_at_the_limit_is_read(shipped):
    text = ("Our breakthrough stem cells cure MS. " * 600)[:TEXT_LIMIT]
    assert ("claims", "cure") in suggested(shipped, text)


def test_marked_pieces_cover_the_text_once():
    text = "no side effects and no risk"
    r = rule("no side effects | no risk", question="risk-info", options=("no-side-effects",))
    pieces = marked(text, rule_matches(r, text))
    assert "".join(p for p, _ in pieces) == text
    assert [p for p, hit in pieces if hit] == ["no side effects", "no risk"]


# --- Validation ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("edit", "problem"),
    [
        ({"family": "gossip"}, "phrase-rule-vocabulary"),
        ({"language": "English"}, "phrase-rule-language"),
        ({"reason": " "}, "phrase-rule-reason"),
        ({"question": "no-such-question"}, "phrase-rule-question"),
        ({"question": "treatment-country", "options": ("jp",)}, "phrase-rule-question"),
        ({"options": ("no-such-option",)}, "phrase-rule-option"),
        ({"options": ()}, "phrase-rule-no-option"),
        ({"question": "offer-type", "options": ("study", "dont-know")}, "phrase-rule-one-option"),
        ({"kind": "count", "at_least": 1}, "phrase-rule-count"),
        ({"at_least": 3}, "phrase-rule-count"),
        ({"kind": "absent"}, "phrase-rule-absent-suggests"),
        ({"phrases": ("cure (MS)",)}, "phrase-characters"),
        ({"negations": ("[not]",)}, "phrase-characters"),
    ],
)
def test_a_rule_is_checked_before_it_is_published(shipped, edit, problem):
    edited = replace(rule("cure"), **edit)
    catalogue = replace(shipped, phrase_rules=(*shipped.phrase_rules, edited))
    assert (problem, ("phrase-rule", "r")) in {(p.code, p.where) for p in validate(catalogue)}


def test_rule_codes_are_unique(shipped):
    twice = replace(shipped, phrase_rules=(*shipped.phrase_rules, shipped.phrase_rules[0]))
    code = shipped.phrase_rules[0].code
    assert ("code-duplicate", ("phrase-rule", code)) in {(p.code, p.where) for p in validate(twice)}


# --- Cases a review found ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "No surgery, cures MS.",
        "No surgery - cures MS.",
        "✅ No surgery ✅ Cures MS ✅",
        "No other clinic can cure MS like we do.",
        "There is no doubt: it cures MS.",
        "Nothing else cures MS like our cells.",
    ],
)
def test_a_negation_does_not_reach_past_a_comma_a_dash_or_a_symbol(shipped, text):
    assert ("claims", "cure") in suggested(shipped, text)


@pytest.mark.parametrize("text", ['"Is it a cure?" Yes, ask us.', "(Is it a cure?) Ask us."])
def test_a_question_in_quotes_or_brackets_is_still_a_question(shipped, text):
    assert ("claims", "cure") not in suggested(shipped, text)


def test_a_count_rule_does_not_count_words_reported_to_warn_even_in_a_question(shipped):
    text = "Be wary of clinics that treat MS, ALS, autism and COPD?"
    assert ("condition-count", "many-unrelated") not in suggested(shipped, text)


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("We treat tennis elbow and golfer's elbow.", ("main-persuasion", "celebrity")),
        ("Fat deposits are taken from your abdomen.", ("sales-tactics", "deposit-first")),
        ("Injections promote healing.", ("sales-tactics", "discount-limited")),
    ],
)
def test_ordinary_phrases_that_look_like_markers_suggest_nothing(shipped, text, answer):
    assert answer not in suggested(shipped, text)


def test_ms_is_multiple_sclerosis_only_in_capitals(shipped):
    text = "Ms Lopez treats knee arthritis, hip arthritis and back pain."
    assert ("condition-count", "many-unrelated") not in suggested(shipped, text)


def test_advert_words_that_mention_quotes_or_clinics_are_still_read(shipped):
    assert ("sales-tactics", "discount-limited") in suggested(shipped, "Get your free quote today: 20% off!")
    assert ("claims", "cure") in suggested(shipped, "Our clinics that cure MS are in Cancún.")


def test_the_word_do_is_not_a_doctors_title(shipped):
    codes = {r.code for r in read_offer_text(shipped, "What do we do? We inject cells.").not_found}
    assert "names-no-doctor" in codes


def test_a_draft_rule_that_suggests_no_option_is_not_read(shipped):
    broken = replace(shipped.phrase_rule("hype-words"), options=())
    draft = replace(shipped, phrase_rules=(broken,))
    assert read_offer_text(draft, "A miracle breakthrough.").suggestions == ()


def test_a_rule_may_not_suggest_an_answer_that_excludes_the_others(shipped):
    exclusive = replace(rule("cure"), question="sales-tactics", options=("none",), family="pressure-money")
    catalogue = replace(shipped, phrase_rules=(*shipped.phrase_rules, exclusive))
    assert ("phrase-rule-exclusive", ("phrase-rule", "r")) in {(p.code, p.where) for p in validate(catalogue)}
