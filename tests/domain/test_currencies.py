"""Costs in the person's currency (issue 13, point 4): the cost answers read in its amounts, and
the high-cost warning fires the same way whatever the currency."""

import json
from dataclasses import replace

import pytest

from screening.domain.answers import AnswerFileError, parse_answers, parse_offer
from screening.domain.catalogue import AmountLabel, Currency
from screening.domain.scoring import score
from screening.domain.validation import validate
from screening.domain.voice import Voice, catalogue_spoken
from tests.conftest import CALIBRATION_DIR

AT_LEAST = {"usd", "eur", "gbp", "cad", "aud", "mxn", "jpy", "inr"}


def test_the_shipped_catalogue_has_the_currencies_people_are_quoted_in(shipped):
    assert {c.code for c in shipped.currencies} >= AT_LEAST
    for currency in shipped.currencies:
        assert {(a.question, a.option) for a in currency.labels} == {
            ("total-cost", o) for o in ("under-1000", "1000-10000", "10000-50000", "over-50000")
        }


def test_the_cost_answers_read_in_the_chosen_currency_with_the_same_codes(shipped):
    yen = catalogue_spoken(shipped, Voice(currency="jpy")).question("total-cost")
    labels = {o.code: o.label for o in yen.options}
    assert labels["1000-10000"] == "¥150,000 to ¥1,500,000" and labels["over-50000"] == "More than ¥7,500,000"
    assert labels["nothing"] == shipped.question("total-cost").option("nothing").label  # not an amount
    assert [o.code for o in yen.options] == [o.code for o in shipped.question("total-cost").options]
    # A currency the version does not hold leaves the catalogue's own words.
    plain = catalogue_spoken(shipped, Voice(currency="chf")).question("total-cost")
    assert [o.label for o in plain.options] == [o.label for o in shipped.question("total-cost").options]


@pytest.mark.parametrize("currency", sorted(AT_LEAST))
def test_the_high_cost_warning_fires_the_same_way_whatever_the_currency(shipped, currency):
    """The person reads the amounts in their currency, and each amount is the same answer: the
    warning signs a cost answer fires do not depend on the currency it is read in."""
    data = json.loads(
        (CALIBRATION_DIR / "s16-mexico-cord-cells-drip-spinal-ms.json").read_text(encoding="utf-8")
    )
    answers = parse_answers(data["answers"], shipped)
    spoken = catalogue_spoken(shipped, Voice(currency=currency))
    amounts = {a.option: a.label for a in shipped.currency(currency).labels}
    for option in shipped.question("total-cost").options:
        shown = spoken.question("total-cost").option(option.code)
        assert shown.label == amounts.get(option.code, option.label)  # what the person reads
        priced = {**answers, "total-cost": frozenset({option.code})}
        fired = {f.code: f.points for f in score(spoken, priced).fired}
        assert fired == {f.code: f.points for f in score(shipped, priced).fired}
        if option.code in ("10000-50000", "over-50000"):
            assert "high-out-of-pocket-cost" in fired, (currency, shown.label)


def test_a_currency_is_checked_before_it_is_published(shipped):
    yen = shipped.currency("jpy")
    cases = [
        (replace(yen, code="JPY"), "currency-code"),
        (replace(yen, name=" "), "currency-text"),
        (replace(yen, labels=yen.labels[:-1]), "currency-labels-differ"),
        (
            replace(yen, labels=(*yen.labels[:-1], AmountLabel("total-cost", "a-lot", "Lots"))),
            "currency-unknown-option",
        ),
    ]
    for edited, problem in cases:
        currencies = tuple(edited if c is yen else c for c in shipped.currencies)
        found = {(p.code, p.where) for p in validate(replace(shipped, currencies=currencies))}
        assert (problem, ("currency", edited.code)) in found, problem
    twice = replace(shipped, currencies=(*shipped.currencies, Currency("jpy", "Yen again", yen.labels)))
    assert ("code-duplicate", ("currency", "jpy")) in {(p.code, p.where) for p in validate(twice)}


def test_an_answer_file_names_its_currency_by_its_iso_code():
    assert parse_offer({"currency": "jpy", "price": "1.6 million yen"}) == {
        "currency": "jpy",
        "price": "1.6 million yen",
    }
    assert parse_offer({"currency": " JPY "}) == {"currency": "jpy"}  # as ISO 4217 writes it
    with pytest.raises(AnswerFileError) as refused:
        parse_offer({"currency": "Yen"})
    assert refused.value.problem.code == "offer-currency"
