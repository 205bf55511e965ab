"""The questionnaire as steps, where to continue, and the "check your answers" rows."""

from screening.domain import journey
from tests.conftest import criterion, full, make_catalogue, option, partly, question


def two_steps():
    return make_catalogue(
        criteria=[criterion("c1")],
        questions=[
            question(
                "q1",
                option("yes", full("c1")),
                option("no"),
                option("dk", partly("c1"), unknown=True),
                section="s1",
            ),
            question("q2", option("a"), option("dk", unknown=True), section="s1", show_if="q1 = yes"),
            question(
                "q3", option("x"), option("y"), option("dk", unknown=True), section="s2", kind="multiple"
            ),
        ],
        sections=["s1", "s2"],
    )


def test_the_offer_step_comes_first_then_one_step_per_section():
    steps = journey.steps(two_steps())
    assert [(s.number, s.kind, s.section.code if s.section else None) for s in steps] == [
        (1, "offer", None),
        (2, "section", "s1"),
        (3, "section", "s2"),
    ]
    assert journey.step(two_steps(), 4) is None and journey.step(two_steps(), 0) is None


def test_a_returning_person_continues_at_the_first_unanswered_question():
    cat = two_steps()
    assert journey.first_incomplete_step(cat, {}, started=False) == journey.OFFER_STEP
    assert journey.first_incomplete_step(cat, {}, started=True) == 2
    assert journey.first_incomplete_step(cat, {"q1": frozenset({"yes"})}, started=True) == 2  # the follow-up
    assert journey.first_incomplete_step(cat, {"q1": frozenset({"no"})}, started=True) == 3
    done = {"q1": frozenset({"no"}), "q3": frozenset({"x", "y"})}
    assert journey.first_incomplete_step(cat, done, started=True) is None


def test_review_rows_list_the_questions_asked_with_the_labels_chosen():
    cat = two_steps()
    sections = journey.review_sections(cat, {"q1": frozenset({"yes"}), "q3": frozenset({"y", "x"})})
    assert [(r.code, r.answer) for s in sections for r in s.rows] == [
        ("q1", ("Label yes",)),
        ("q2", ()),
        ("q3", ("Label x", "Label y")),
    ]
    assert [s.step.number for s in sections] == [2, 3]


def test_the_minutes_grow_with_the_words_a_person_reads_and_the_questions_they_answer(shipped):
    from dataclasses import replace

    from screening.domain.journey import WORDS_PER_MINUTE, minutes_to_answer

    base = minutes_to_answer(shipped, {})
    assert 15 <= base <= 60  # the shipped questionnaire, read with care
    longer_help = " ".join(["word"] * WORDS_PER_MINUTE * 3)  # three more minutes of reading
    route = shipped.question("route")
    edited = replace(
        shipped,
        questions=tuple(replace(q, help_text=longer_help) if q is route else q for q in shipped.questions),
    )
    assert minutes_to_answer(edited, {}) in (base + 3 - 1, base + 3, base + 3 + 1)  # rounding either side
    # A follow-up brought up by an answer is one more question to read and answer.
    follow_up = {"route": frozenset({"spinal-fluid"}), "offer-type": frozenset({"treatment"})}
    assert minutes_to_answer(shipped, follow_up) >= base


def test_help_after_a_blank_line_opens_on_request():
    from screening.domain.journey import help_split

    assert help_split("What it means.\n\nWhere to look it up. More.") == (
        "What it means.",
        "Where to look it up. More.",
    )
    assert help_split(" Only this. ") == ("Only this.", "")
    assert help_split("") == ("", "")


def test_the_shipped_steps_are_shorter_with_help_on_request(shipped):
    from screening.domain.journey import help_split

    split = [q for q in shipped.questions if help_split(q.help_text)[1]]
    assert len(split) >= 10
    # What must be read to answer stays shown: the safety advice on stopping medicines, the
    # trials a question asks about, and what the route words mean.
    for code in ("stop-treatment", "negative-trials", "route"):
        assert not help_split(shipped.question(code).help_text)[1], code
