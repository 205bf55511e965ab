"""Page one and the order of the details (screening/domain/layout.py), without a database."""

from screening.domain.layout import TOP_FLAGS, layout_of
from tests.domain.test_report import report_for


def test_the_top_names_the_escalation_behind_the_level_even_when_the_points_reached_it(shipped):
    report = report_for(shipped, "s16-mexico-cord-cells-drip-spinal-ms")
    assert report.level == "very high" and report.level_reasons == ()  # the points alone said it
    layout = layout_of(report)
    assert [r.code for r in layout.reasons] == ["risky-route-unapproved"]
    assert "injected into the spine" in layout.reasons[0].text
    assert report.to_json()["escalations"][0]["code"] == "risky-route-unapproved"


def test_an_escalation_below_the_level_is_not_given_as_its_reason(shipped):
    report = report_for(shipped, "s09-patient-funded-fat-cell-study-ms")
    assert report.level == "high" and report.escalations == () and layout_of(report).reasons == ()
    assert "escalations" not in report.to_json()  # left out when empty, as the other rules-2 fields


def test_page_one_lists_at_most_five_known_signs_most_serious_first(shipped):
    report = report_for(shipped, "s16-mexico-cord-cells-drip-spinal-ms")
    layout = layout_of(report)
    assert len(layout.top_flags) == TOP_FLAGS
    assert all(f.strength == "full" and not f.answered_by for f in layout.top_flags)
    assert layout.top_flags == tuple(card.flag for card in layout.known[:TOP_FLAGS])


def test_signs_known_to_apply_are_kept_apart_from_those_only_suggested_and_those_answered(shipped):
    for name in ("s05-self-funded-ahsct-abroad", "s39-nc1-hospital-exemption-spinal-cord-spain"):
        report = report_for(shipped, name)
        layout = layout_of(report)
        assert all(c.flag.strength == "full" for c in layout.known)
        assert all(c.flag.strength == "partial" for c in layout.possible)
        assert all(c.flag.answered_by for c in layout.answered)
        assert layout.flag_count == len(report.flags)


def test_each_question_for_the_clinic_is_printed_once(shipped):
    for name in ("s21-low-knowledge-ms-social-media-ad", "s16-mexico-cord-cells-drip-spinal-ms"):
        report = report_for(shipped, name)
        layout = layout_of(report)
        cards = [c.ask for c in (*layout.known, *layout.possible, *layout.answered) if c.ask]
        still_open = [ask for q in layout.open_questions for ask in q.ask]
        printed = cards + still_open
        assert len(printed) == len(set(printed))
        every_ask = {f.ask_clinic for f in report.flags} | {a for u in report.unknowns for a in u.ask}
        assert set(printed) == every_ask  # none lost


def test_the_first_questions_are_the_key_questions_still_open(shipped):
    report = report_for(shipped, "s21-low-knowledge-ms-social-media-ad")
    layout = layout_of(report)
    assert layout.first_questions == tuple(q.question_text for q in report.key_questions)
    assert shipped.question("cell-source").text in layout.first_questions


def test_paper_prints_page_ones_signs_in_full_and_the_main_source_of_each_known_sign(shipped):
    report = report_for(shipped, "s16-mexico-cord-cells-drip-spinal-ms")
    layout = layout_of(report)
    assert [c.flag for c in layout.known if c.on_page_one] == list(layout.top_flags)
    assert not any(c.on_page_one for c in (*layout.possible, *layout.answered))
    assert layout.first_sources == {c.flag.source_numbers[0] for c in layout.known}
    # Fewer sources on paper than on screen, and each a real position in the list.
    assert 0 < len(layout.first_sources) < len(report.references)
    assert all(1 <= n <= len(report.references) for n in layout.first_sources)
