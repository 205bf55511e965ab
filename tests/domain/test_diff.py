"""What changed between two catalogue versions, item by item."""

from dataclasses import replace
from decimal import Decimal

from screening.domain import codec
from screening.domain.catalogue import Settings
from screening.domain.diff import Change, diff
from tests.conftest import criterion
from tests.domain.test_validation import valid


def test_diff_names_what_changed():
    old = codec.to_json(valid())
    edited = replace(
        valid(),
        criteria=(replace(valid().criteria[0], title="New title"), valid().criteria[1], criterion("c3")),
    )
    changes = diff(old, codec.to_json(edited))
    assert (
        Change("criterion", "c1", "changed", ("title",), texts=(("title", "Title of c1", "New title"),))
        in changes
    )
    assert Change("criterion", "c3", "added") in changes
    assert diff(old, old) == []


def test_diff_names_removals_reorders_settings_and_a_first_version():
    old = codec.to_json(valid())
    fewer = replace(valid(), criteria=(valid().criteria[1], valid().criteria[0]), signs=())
    changes = diff(old, codec.to_json(fewer))
    assert Change("sign", "g1", "removed") in changes
    assert Change("criterion", "", "reordered") in changes
    tuned = codec.to_json(replace(valid(), settings=Settings(partial_fraction=Decimal("0.4"))))
    assert diff(old, tuned) == [Change("settings", "partial_fraction", "changed", before="0.5", after="0.4")]
    assert diff(None, old) == [Change("all", "", "first-version")]


def test_a_changed_list_shows_only_the_items_that_differ_side_by_side():
    old = codec.to_json(valid())
    question = valid().questions[0]
    first, *rest = question.options
    edited_question = replace(question, options=(replace(first, label="A clearer label"), *rest))
    edited = replace(valid(), questions=(edited_question, *valid().questions[1:]))
    change = next(c for c in diff(old, codec.to_json(edited)) if c.kind == "question")
    field, before, after = next(t for t in change.texts if t[0] == "options")
    assert first.label in before and "A clearer label" in after
    assert all(o.label not in before for o in rest)  # only the option that changed
