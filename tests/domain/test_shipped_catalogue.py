"""The shipped catalogue's integrity: valid, complete, and free of clinic names."""

import json

from screening.domain.scoring import score, visible_questions
from screening.domain.validation import validate


def test_shipped_catalogue_is_valid(shipped):
    assert validate(shipped) == []


def test_shipped_catalogue_has_every_criterion_and_sign_of_the_spec(shipped):
    assert len([c for c in shipped.criteria if c.active]) == 39
    assert len(shipped.signs) == 9
    assert {s.code for s in shipped.signs} == {
        "g-authorised-registered-trial",
        "g-no-charge",
        "g-established-indication",
        "g-accredited-hospital-setting",
        "g-own-specialist-involved",
        "g-published-evidence-and-protocol",
        "g-balanced-written-consent",
        "g-strict-eligibility",
        "g-controlled-design",
    }
    severities = {c.code: c.severity for c in shipped.criteria}
    assert severities["no-regulatory-approval"] == "critical"
    assert severities["travel-abroad"] == "minor"
    assert all(c.sources for c in shipped.criteria) and all(s.sources for s in shipped.signs)


def test_shipped_catalogue_has_about_six_steps(shipped):
    assert 5 <= len(shipped.sections) <= 7


def test_every_reassuring_sign_can_be_counted(shipped):
    counted = {r.sign for q in shipped.questions for o in q.options for r in o.reassures}
    assert counted == {s.code for s in shipped.signs}


def test_the_questions_cover_every_kind_of_cell_and_exosomes(shipped):
    sources = {o.code for o in shipped.question("cell-source").options}
    assert {
        "own-blood",
        "own-fat",
        "own-marrow",
        "cord-tissue",
        "placenta-amniotic",
        "ips",
        "neural",
        "exosomes",
    } <= sources


def worst_answers(catalogue):
    """For every question, every option that fires something (the worst an offer can look)."""
    chosen = {}
    for q in catalogue.questions:
        firing = [o.code for o in q.options if o.fires and not o.excludes_others]
        if q.kind == "single":
            firing = sorted(
                firing, key=lambda code: -sum(e.strength == "full" for e in q.option(code).fires)
            )[:1]
        if firing:
            chosen[q.code] = frozenset(firing)
    return chosen


def test_the_all_worst_answer_set_reaches_very_high(shipped):
    result = score(shipped, worst_answers(shipped))
    assert result.level == "very high"
    assert result.score == 100


def test_a_typical_path_shows_about_30_questions_or_fewer(shipped):
    routine = {"offer-type": frozenset({"routine-treatment"}), "cell-source": frozenset({"own-fat"})}
    study = {"offer-type": frozenset({"study"}), "cell-source": frozenset({"own-blood"})}
    assert len(visible_questions(shipped, routine)) <= 32
    assert len(visible_questions(shipped, study)) <= 33


def test_shipped_texts_name_no_clinic(shipped_json):
    text = json.dumps(shipped_json).lower()
    for name in [
        "stemgenex",
        "liveyon",
        "genetech",
        "xcell",
        "kimera",
        "eucyt",
        "us stem cell clinic",
        "cell surgical network",
    ]:
        assert name not in text
