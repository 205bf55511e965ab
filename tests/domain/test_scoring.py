"""The scoring rules (screening/domain/scoring.py docstring), one by one, without a database."""

from dataclasses import dataclass, replace
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from screening.domain import catalogue as domain
from screening.domain import codec
from screening.domain.conditions import parse_condition
from screening.domain.scoring import Raise, band_for, caution_score, score, visible_questions
from screening.domain.vocabulary import level_rank
from tests.conftest import criterion, full, make_catalogue, option, partly, question, sign


def answers(**by_question) -> dict[str, frozenset[str]]:
    return {code: frozenset([v] if isinstance(v, str) else v) for code, v in by_question.items()}


@pytest.fixture
def small():
    """Three questions: a critical flag, a major flag, a minor flag, and a reassuring sign."""
    return make_catalogue(
        criteria=[criterion("crit", "critical"), criterion("maj", "major"), criterion("min", "minor")],
        signs=[sign("strong", "5"), sign("plain", "2")],
        questions=[
            question(
                "q1", option("yes", full("crit")), option("no"), option("dk", partly("crit"), unknown=True)
            ),
            question(
                "q2",
                option("a", full("maj")),
                option("b", full("min")),
                option("c", reassures=[domain.Reassurance("strong")]),
                option("d", reassures=[domain.Reassurance("plain", "partial")]),
                option("dk", partly("maj"), unknown=True),
                kind="multiple",
            ),
            question("q3", option("x", full("maj")), option("y"), option("dk", partly("maj"), unknown=True)),
        ],
    )


# --- Rule 2: red flags ---------------------------------------------------------------------------


def test_a_full_firing_adds_the_weight(small):
    result = score(small, answers(q2="a"))
    assert result.red_points == 3
    assert [f.code for f in result.fired] == ["maj"]
    assert result.fired[0].full


def test_a_partial_firing_adds_the_partial_fraction_of_the_weight(small):
    result = score(small, answers(q2="dk"))
    assert result.red_points == Decimal("1.5")
    assert not result.fired[0].full


def test_partial_fraction_is_catalogue_data(small):
    tuned = replace(small, settings=domain.Settings(partial_fraction=Decimal("0.25")))
    assert score(tuned, answers(q1="dk")).red_points == 2


def test_a_criterion_fired_twice_counts_once_at_its_strongest(small):
    result = score(small, answers(q2="a", q3="x"))
    assert result.red_points == 3
    fired = result.fired[0]
    assert {(f.question, f.option) for f in fired.firings} == {("q2", "a"), ("q3", "x")}


def test_fired_flags_carry_the_answer_that_fired_them(small):
    result = score(small, answers(q1="yes"))
    assert result.fired[0].firings[0].question == "q1"
    assert result.fired[0].firings[0].option == "yes"


def test_flags_are_ordered_most_points_first(small):
    result = score(small, answers(q1="yes", q2=["a", "b"]))
    assert [f.code for f in result.fired] == ["crit", "maj", "min"]


def test_raised_severity_applies_when_its_rule_holds():
    cat = make_catalogue(
        criteria=[
            criterion(
                "follow",
                "major",
                raised_severity="critical",
                raised_when=parse_condition("route = spine"),
            )
        ],
        questions=[
            question("route", option("spine"), option("vein"), option("dk", unknown=True)),
            question(
                "plan",
                option("none", full("follow")),
                option("ok"),
                option("dk", partly("follow"), unknown=True),
            ),
        ],
    )
    assert score(cat, answers(route="vein", plan="none")).red_points == 3
    raised = score(cat, answers(route="spine", plan="none"))
    assert raised.red_points == 8
    assert raised.fired[0].severity == "critical"
    assert score(cat, answers(route="spine", plan="dk")).red_points == 4


def test_an_answer_can_set_the_severity_it_fires_at():
    cat = make_catalogue(
        criteria=[criterion("enf", "major")],
        questions=[
            question(
                "q",
                option("safety", full("enf", severity="critical")),
                option("other", full("enf")),
                option("dk", partly("enf"), unknown=True),
            )
        ],
    )
    assert score(cat, answers(q="safety")).red_points == 8
    assert score(cat, answers(q="safety")).level == "high"  # fired fully at critical severity
    assert score(cat, answers(q="other")).red_points == 3


def test_a_severity_named_by_the_answer_wins_even_when_lower():
    cat = make_catalogue(
        criteria=[criterion("pay", "critical")],
        questions=[
            question(
                "q",
                option("allowed", full("pay", severity="major")),
                option("yes", full("pay")),
                option("dk", partly("pay"), unknown=True),
            )
        ],
    )
    result = score(cat, answers(q="allowed"))
    assert result.red_points == 3 and result.level == "low"


def test_raising_the_severity_never_lowers_the_points():
    cat = make_catalogue(
        criteria=[
            criterion(
                "c",
                "major",
                weight="10",
                raised_severity="critical",
                raised_when=parse_condition("r = s"),
            )
        ],
        questions=[
            question("r", option("s"), option("t"), option("dk", unknown=True)),
            question("q", option("y", full("c")), option("dk", partly("c"), unknown=True)),
        ],
    )
    assert score(cat, answers(r="s", q="y")).red_points == 10


def test_a_fired_flag_reports_the_severity_and_strength_of_its_strongest_firing():
    cat = make_catalogue(
        criteria=[criterion("c", "major")],
        questions=[
            question("a", option("y", full("c")), option("dk", partly("c"), unknown=True)),
            question(
                "b", option("y", partly("c", severity="critical")), option("dk", partly("c"), unknown=True)
            ),
        ],
    )
    fired = score(cat, answers(a="y", b="y")).fired[0]
    assert (fired.points, fired.severity, fired.strength, fired.full) == (4, "critical", "partial", True)
    assert score(cat, answers(a="y", b="y")).level == "low"  # no firing was both full and critical


def test_a_criterion_weight_edit_changes_its_points_at_its_own_severity():
    cat = make_catalogue(
        criteria=[criterion("c", "major", weight="4.5")],
        questions=[question("q", option("y", full("c")), option("dk", partly("c"), unknown=True))],
    )
    assert score(cat, answers(q="y")).red_points == Decimal("4.5")


def test_only_if_limits_when_an_answer_fires():
    cat = make_catalogue(
        criteria=[criterion("setting", "major")],
        questions=[
            question("route", option("spine"), option("vein"), option("dk", unknown=True), kind="multiple"),
            question(
                "where",
                option("office", partly("setting", only_if=parse_condition("route = spine"))),
                option("hospital"),
                option("dk", partly("setting"), unknown=True),
            ),
        ],
    )
    assert score(cat, answers(route="vein", where="office")).fired == ()
    assert score(cat, answers(route="spine", where="office")).red_points == Decimal("1.5")


def test_inactive_criteria_never_fire(small):
    inactive = replace(
        small, criteria=tuple(replace(c, active=False) if c.code == "maj" else c for c in small.criteria)
    )
    assert score(inactive, answers(q2="a")).fired == ()


# --- Rule 1: show-if -----------------------------------------------------------------------------


@pytest.fixture
def with_show_if():
    return make_catalogue(
        criteria=[criterion("c1", "major"), criterion("c2", "critical")],
        questions=[
            question("gate", option("study"), option("treatment"), option("dk", unknown=True)),
            question(
                "paid",
                option("yes", full("c2")),
                option("no"),
                option("dk", partly("c2"), unknown=True),
                show_if="gate = study",
            ),
            question("other", option("x", full("c1")), option("y"), option("dk", partly("c1"), unknown=True)),
        ],
    )


def test_hidden_questions_are_not_scored(with_show_if):
    result = score(with_show_if, answers(gate="treatment", paid="yes", other="y"))
    assert result.fired == ()
    assert result.asked == ("gate", "other")


def test_hidden_questions_do_not_count_towards_completeness(with_show_if):
    result = score(with_show_if, answers(gate="treatment", other="y"))
    assert result.completeness == 100
    assert result.unanswered == ()


def test_shown_questions_are_scored(with_show_if):
    result = score(with_show_if, answers(gate="study", paid="yes", other="y"))
    assert [f.code for f in result.fired] == ["c2"]
    assert [q.code for q in visible_questions(with_show_if, answers(gate="study"))] == [
        "gate",
        "paid",
        "other",
    ]


def test_a_rule_on_a_hidden_question_does_not_hold():
    cat = make_catalogue(
        criteria=[criterion("c", "major")],
        questions=[
            question("a", option("yes"), option("no"), option("dk", unknown=True)),
            question("b", option("yes"), option("no"), option("dk", unknown=True), show_if="a = yes"),
            question("c", option("x", full("c")), option("dk", partly("c"), unknown=True), show_if="b = yes"),
        ],
    )
    # b is answered "yes" but hidden (a = no), so c stays hidden too.
    assert score(cat, answers(a="no", b="yes", c="x")).asked == ("a",)


# --- Rule 3: "I don't know" ----------------------------------------------------------------------


def test_i_dont_know_counts_partly_and_is_listed_with_what_to_ask(small):
    result = score(small, answers(q1="dk"))
    assert result.red_points == 4
    assert [(u.question, u.criteria) for u in result.unknowns] == [("q1", ("crit",))]


def test_i_dont_know_lists_the_reassuring_signs_left_open(small):
    result = score(small, answers(q2="dk"))
    assert result.unknowns[0].signs == ("strong", "plain")


def test_all_i_dont_know(small):
    result = score(small, answers(q1="dk", q2="dk", q3="dk"))
    assert result.completeness == 0
    assert result.red_points == Decimal("4") + Decimal("1.5")  # crit partly; maj partly counted once
    assert result.level == "moderate"
    assert len(result.unknowns) == 3
    assert all(not f.full for f in result.fired)


def test_no_answers(small):
    result = score(small, {})
    assert result.level == "low"
    assert result.score == 0
    assert result.completeness == 0
    assert result.fired == () and result.unknowns == ()
    assert result.unanswered == ("q1", "q2", "q3")


# --- Rule 4: reassuring signs --------------------------------------------------------------------


def test_reassuring_signs_offset_red_points(small):
    result = score(small, answers(q1="yes", q2=["a", "c"]))
    assert result.red_points == 11
    assert result.green_points == 5
    assert result.points == 6


def test_reassuring_signs_offset_at_most_half_of_the_red_points(small):
    result = score(small, answers(q2=["b", "c"]))  # 1 red point, 5 green
    assert result.offset == Decimal("0.5")
    assert result.points == Decimal("0.5")


def test_reassuring_signs_alone_cannot_go_below_zero(small):
    result = score(small, answers(q2="c"))
    assert result.points == 0 and result.offset == 0


def test_a_partial_reassuring_sign_counts_partly(small):
    assert score(small, answers(q2="d")).green_points == 1


# --- Rule 5: bands, the critical floor and escalations ------------------------------------------


@dataclass(frozen=True)
class Boundary:
    points: str
    level: str


@pytest.mark.parametrize(
    "case",
    [
        Boundary("0", "low"),
        Boundary("4.99", "low"),
        Boundary("5", "moderate"),
        Boundary("14.99", "moderate"),
        Boundary("15", "high"),
        Boundary("39.99", "high"),
        Boundary("40", "very high"),
        Boundary("1000", "very high"),
    ],
    ids=lambda c: f"{c.points}->{c.level}",
)
def test_band_boundaries_on_both_sides(small, case):
    assert band_for(small, Decimal(case.points)) == case.level


@pytest.mark.parametrize(
    ("weight", "level"),
    [
        ("4.99", "low"),
        ("5", "moderate"),
        ("14.99", "moderate"),
        ("15", "high"),
        ("39.99", "high"),
        ("40", "very high"),
    ],
)
def test_band_boundaries_through_the_engine(weight, level):
    cat = make_catalogue(
        criteria=[criterion("c", "major", weight=weight)],
        questions=[question("q", option("y", full("c")), option("dk", partly("c"), unknown=True))],
    )
    assert score(cat, answers(q="y")).level == level


def test_a_critical_flag_fired_fully_gives_at_least_high(small):
    result = score(small, answers(q1="yes"))
    assert result.points == 8 and result.band_level == "moderate"
    assert result.level == "high"
    assert result.raised_by == (Raise("critical", "crit"),)


def test_a_critical_flag_fired_partly_does_not_trigger_the_floor(small):
    result = score(small, answers(q1="dk"))
    assert result.level == "low"
    assert result.raised_by == ()


def test_the_floor_holds_even_when_reassuring_signs_offset_points(small):
    result = score(small, answers(q1="yes", q2="c"))
    assert result.points == 4
    assert result.level == "high"


def escalation_catalogue():
    return make_catalogue(
        criteria=[
            criterion("route", "critical"),
            criterion("unapproved", "critical"),
            criterion("exo", "critical"),
        ],
        questions=[
            question(
                "r",
                option("spine", full("route")),
                option("vein"),
                option("dk", partly("route"), unknown=True),
            ),
            question(
                "a",
                option("no", full("unapproved")),
                option("yes"),
                option("dk", partly("unapproved"), unknown=True),
            ),
            question(
                "e", option("yes", full("exo")), option("no"), option("dk", partly("exo"), unknown=True)
            ),
        ],
        escalations=[
            domain.Escalation("route-unapproved", "very high", ("route", "unapproved"), "Both."),
            domain.Escalation("exosomes", "very high", ("exo",), "Exosomes."),
        ],
    )


def test_an_escalation_needs_all_its_criteria_fired_fully():
    cat = escalation_catalogue()
    assert score(cat, answers(r="spine")).level == "high"
    assert score(cat, answers(r="spine", a="dk")).level == "high"
    both = score(cat, answers(r="spine", a="no"))
    assert both.level == "very high"
    assert Raise("escalation", "route-unapproved") in both.raised_by


def test_a_single_criterion_escalation():
    result = score(escalation_catalogue(), answers(e="yes"))
    assert result.points == 8
    assert result.level == "very high"
    assert result.raised_by == (Raise("critical", "exo"), Raise("escalation", "exosomes"))


# --- Rule 6 and 7: score and completeness --------------------------------------------------------


def test_caution_score_is_points_over_the_ceiling_capped_at_100(small):
    assert caution_score(small, Decimal(0)) == 0
    assert caution_score(small, Decimal(40)) == 50
    assert caution_score(small, Decimal(79)) == 99
    assert caution_score(small, Decimal(500)) == 100


def test_completeness_counts_answers_other_than_i_dont_know(small):
    result = score(small, answers(q1="yes", q2="dk"))
    assert result.completeness == 33  # 1 of 3 asked, rounded down


def test_the_engine_is_deterministic(small):
    given_answers = answers(q1="dk", q2=["a", "d"], q3="x")
    fresh_copy = codec.from_json(codec.to_json(small))
    first, second = score(small, given_answers), score(fresh_copy, dict(reversed(given_answers.items())))
    assert first == second
    assert (first.level, first.points, first.completeness) == ("moderate", Decimal("6"), 66)


# --- Properties ----------------------------------------------------------------------------------

SEVERITIES = st.sampled_from(["minor", "major", "critical"])


@st.composite
def catalogue_and_answers(draw):
    """A random catalogue (no show-if rules) with a random answer set."""
    n_criteria = draw(st.integers(1, 6))
    criteria = [criterion(f"c{i}", draw(SEVERITIES)) for i in range(n_criteria)]
    signs = [sign(f"g{i}", draw(st.sampled_from(["2", "5"]))) for i in range(draw(st.integers(0, 3)))]
    questions = []
    for qi in range(draw(st.integers(1, 5))):
        options = []
        for oi in range(draw(st.integers(1, 4))):
            fires = [
                domain.Effect(f"c{ci}", draw(st.sampled_from(["full", "partial"])))
                for ci in sorted(draw(st.sets(st.integers(0, n_criteria - 1), max_size=2)))
            ]
            reassures = [
                domain.Reassurance(s.code, draw(st.sampled_from(["full", "partial"])))
                for s in signs
                if draw(st.booleans())
            ]
            options.append(option(f"o{oi}", *fires, reassures=reassures))
        options.append(option("dk", partly("c0"), unknown=True))
        questions.append(question(f"q{qi}", *options, kind="multiple"))
    cat = make_catalogue(criteria, questions, signs=signs)
    chosen = {}
    for q in questions:
        picked = draw(st.sets(st.sampled_from([o.code for o in q.options if not o.is_unknown]), max_size=3))
        if picked:
            chosen[q.code] = frozenset(picked)
        elif draw(st.booleans()):
            chosen[q.code] = frozenset({"dk"})
    return cat, chosen


@settings(max_examples=300, deadline=None)
@given(data=catalogue_and_answers(), extra=st.data())
def test_adding_a_fired_red_flag_never_lowers_the_level(data, extra):
    cat, chosen = data
    before = score(cat, chosen)
    target = extra.draw(st.sampled_from(cat.questions))
    new_option = option("extra", domain.Effect(extra.draw(st.sampled_from(cat.criteria)).code, "full"))
    grown_question = replace(target, options=(*target.options, new_option))
    grown = replace(
        cat, questions=tuple(grown_question if q.code == target.code else q for q in cat.questions)
    )
    # Only add: the engine scores whatever it is given (exclusivity is checked when answers are parsed).
    after = score(grown, {**chosen, target.code: chosen.get(target.code, frozenset()) | {"extra"}})
    assert level_rank(after.level) >= level_rank(before.level)
    assert after.points >= before.points


@settings(max_examples=300, deadline=None)
@given(data=catalogue_and_answers())
def test_a_critical_flag_fired_fully_always_gives_at_least_high(data):
    cat, chosen = data
    result = score(cat, chosen)
    if any(any(f.strength == "full" and f.severity == "critical" for f in c.firings) for c in result.fired):
        assert level_rank(result.level) >= level_rank("high")


@settings(max_examples=300, deadline=None)
@given(data=catalogue_and_answers())
def test_completeness_and_score_stay_between_0_and_100(data):
    cat, chosen = data
    result = score(cat, chosen)
    assert 0 <= result.completeness <= 100
    assert 0 <= result.score <= 100
    assert result.points >= result.red_points / 2 - Decimal("0.0001")
