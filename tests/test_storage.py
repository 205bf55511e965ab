"""The bridge between the draft rows and the domain: every part round-trips, and import checks
each row with the models' own validation before writing anything."""

import json
from dataclasses import replace
from decimal import Decimal

import pytest

from screening import storage
from screening.domain import codec
from screening.domain.catalogue import (
    AmountLabel,
    Currency,
    Effect,
    Escalation,
    Jurisdiction,
    PhraseRule,
    Reassurance,
    Signpost,
    Word,
)
from screening.domain.conditions import parse_condition
from screening.models import Band, CatalogueVersion, Criterion, Option, Question
from screening.publishing import publish
from screening.wording import describe_problem
from tests.conftest import draft_json, import_json
from tests.domain.test_validation import valid

pytestmark = pytest.mark.django_db


def test_every_part_round_trips_through_the_rows():
    """rows -> domain -> rows for a catalogue that uses every field of every part."""
    cat = valid()
    dated = replace(cat.criteria[0].sources[0], year=2024, primary=True, last_opened="2026-12-01")
    first = replace(
        cat.criteria[0],
        sources=(dated,),
        review_by="2027-12-02",
        lowered_severity="minor",
        lowered_when=parse_condition("q1 = no"),
    )
    raised = replace(
        cat.criteria[1], raised_severity="critical", raised_when=parse_condition("q1 != yes"), active=False
    )
    q1, q2 = cat.questions
    yes = replace(
        q1.options[0],
        is_exclusive=True,
        report_note="A note.",
        fires=(Effect("c1", "partial", "major", parse_condition("q1 = no")),),
    )
    no = replace(q1.options[1], reassures=(Reassurance("g1", "partial"),))
    cat = replace(
        cat,
        words=(Word("drip", "Drip (IV)", "Medicine that runs into a vein.", ("IV", "drip")),),
        criteria=(first, raised),
        questions=(replace(q1, options=(yes, no, q1.options[2])), q2),
        escalations=(Escalation("e1", "very high", ("c1", "c2"), "Both."),),
        jurisdictions=(
            Jurisdiction("eu", "European Union", "Approved by the EMA.", review_by="2027-06-01"),
            Jurisdiction(
                "de",
                "Germany",
                "Approved by the EMA, or allowed by the national body.",
                (
                    Signpost("regulator", "Paul-Ehrlich-Institut (PEI)", "Ask it.", confidence="partly"),
                    Signpost(
                        "trial-registry",
                        "EU trial register (CTIS)",
                        "Search it.",
                        url="https://euclinicaltrials.eu",
                        number_name="EU CT number",
                        source_url="https://euclinicaltrials.eu",
                        confidence="confirmed",
                        last_opened="2027-01-10",
                        reviewed_by="A. Editor",
                    ),
                ),
                part_of="eu",
            ),
            Jurisdiction("other", "Another country", "Ask your doctor."),
        ),
        currencies=(Currency("jpy", "Japanese yen (¥)", (AmountLabel("q1", "yes", "¥150,000 or more"),)),),
        phrase_rules=(
            PhraseRule(
                "fda-registered",
                "regulatory",
                "Registration is not approval.",
                ("FDA registered | registered with the FDA", "361 product*"),
                question="q1",
                options=("yes",),
                negations=("not",),
                disclosures=("experimental",),
                requires=("lab",),
            ),
            PhraseRule(
                "many", "breadth", "Many.", ("MS", "autism | ASD"), "q1", ("yes",), "count", at_least=2
            ),
            PhraseRule(
                "no-risks", "safety", "It says nothing about risks.", ("risk*",), kind="absent", language="es"
            ),
            PhraseRule("warned", "efficacy", "Reported.", ("some clinics",), kind="reported", active=False),
        ),
    )
    storage.write_draft(cat)
    back = storage.read_draft()
    assert codec.to_json(back) == codec.to_json(cat)
    assert [c.position for c in back.criteria] == [1, 2]


# The shipped catalogue's SHA-256 (December 2026: rules 2; help on request; the countries). A change
# to fixtures/catalogue.json updates it (and says so in its commit); a change to the code must not.
SHIPPED_SHA256 = "34677d3ef7da2a5a191cb02f78ad553a74ea6bf736f40a91bc6b3cd7cb5bf577"


def test_export_then_import_into_an_empty_database_gives_the_same_hash(shipped_in_db):
    exported = json.loads(json.dumps(draft_json()))
    # Empty the database, as on a fresh install, and import what was exported.
    CatalogueVersion.objects.all().delete()
    storage.clear_draft()
    assert storage.draft_is_empty()
    import_json(exported)
    assert draft_json() == exported
    assert publish("Imported").sha256 == shipped_in_db.sha256 == codec.sha256_of(exported) == SHIPPED_SHA256


def test_import_writes_the_shipped_catalogue_in_a_few_queries(db, shipped, django_assert_max_num_queries):
    # The database checks each weight against its constraint (51 rows, each in a savepoint inside the
    # test's transaction), then about 50 writes: a fixed number per table (and per audit-history
    # table), never one per row written.
    with django_assert_max_num_queries(225):
        storage.write_draft(shipped)
    assert Criterion.objects.count() == 41 and Option.objects.filter(question__code="route").exists()
    assert Criterion.history.count() == 41  # the audit history is kept for rows written in bulk


def test_import_refuses_a_non_empty_draft_unless_replace(shipped_in_db, shipped_json):
    with pytest.raises(storage.DraftNotEmpty):
        import_json(shipped_json)
    import_json(shipped_json, replace=True)
    assert draft_json() == shipped_json


def test_import_is_all_or_nothing(shipped_in_db, shipped_json):
    broken = json.loads(json.dumps(shipped_json))
    broken["sections"][0]["questions"][0]["options"][0]["fires"] = [
        {"criterion": "does-not-exist", "strength": "full", "severity": None, "only_if": None}
    ]
    with pytest.raises(storage.CatalogueImportError) as raised:
        import_json(broken, replace=True)
    assert raised.value.problems[0].params == {"criterion": "does-not-exist"}
    assert draft_json() == shipped_json


def changed(shipped_json, edit):
    data = json.loads(json.dumps(shipped_json))
    edit(data)
    return data


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda d: d["criteria"].append(dict(d["criteria"][0])),
            "Criterion no-regulatory-approval: The same code is used more than once.",
        ),
        (
            lambda d: d["criteria"][0].update(weight="0"),
            "Criterion no-regulatory-approval: The weight must be more than 0.",
        ),
        (lambda d: d["criteria"][0].update(weight="8.125"), "no more than 2 decimal places"),
        (lambda d: d["criteria"][0].update(weight="1000"), "no more than 3 digits before the decimal point"),
        (
            lambda d: d["sections"][0]["questions"][2]["options"].append(
                dict(d["sections"][0]["questions"][2]["options"][0])
            ),
            "Question offer-type, option routine-treatment: The same question, code is used more than once.",
        ),
        (
            lambda d: d["criteria"][0].update(severity="grave"),
            "severity: Value 'grave' is not a valid choice",
        ),
        (lambda d: d["criteria"][0].update(code="Bad Code"), "Use lowercase letters"),
        (lambda d: d["criteria"][0].update(title="x" * 201), "at most 200 characters"),
        (
            lambda d: d["criteria"][0]["sources"][0].update(url="javascript:alert(1)"),
            "source 1: url: The address must start with https:// or http://",
        ),
        (lambda d: d["criteria"][0]["sources"][0].update(last_checked="yesterday"), "compiled"),
        (
            lambda d: d["escalations"][0].update(criteria=["nope"]),
            "Escalation risky-route-unapproved: Names unknown",
        ),
    ],
)
def test_import_refuses_what_the_draft_cannot_hold_with_a_clear_message(db, shipped_json, edit, message):
    with pytest.raises(storage.CatalogueImportError) as raised:
        import_json(changed(shipped_json, edit))
    lines = [describe_problem(p) for p in raised.value.problems]
    assert any(message in line for line in lines), lines
    assert not Criterion.objects.exists()


def test_a_file_of_the_wrong_shape_is_refused_before_the_rows(db, shipped_json):
    with pytest.raises(codec.CatalogueFormatError):
        import_json(changed(shipped_json, lambda d: d["criteria"][0].update(title=None)))
    assert not Criterion.objects.exists()


def test_a_work_in_progress_draft_may_be_imported(db):
    """The draft need not be publishable: these are publishing problems, not what a row can hold."""
    from tests.conftest import criterion

    half_raised = criterion("half", raised_severity="critical")  # its rule is not written yet
    unfinished = replace(valid(), criteria=(*valid().criteria, criterion("orphan"), half_raised))
    storage.write_draft(unfinished)
    assert Criterion.objects.filter(code__in=["orphan", "half"]).count() == 2


def test_a_stored_rule_that_no_longer_parses_is_named_with_its_row(shipped_in_db):
    Question.objects.filter(code="pay-for-study").update(show_if="offer-type")
    with pytest.raises(storage.StoredRuleError) as raised:
        storage.read_draft()
    assert raised.value.problem.where == ("question", "pay-for-study")
    assert describe_problem(raised.value.problem).startswith(
        "Question pay-for-study: A stored rule does not parse."
    )


def test_a_draft_holding_only_bands_is_not_empty(db, shipped_json):
    Band.objects.create(level="low", min_points=0, title="Low", advice="Advice")
    with pytest.raises(storage.DraftNotEmpty):
        import_json(shipped_json)


def test_the_order_read_is_the_order_of_the_rows(shipped_in_db):
    Question.objects.filter(code="route").update(position=1)
    codes = [q.code for q in storage.read_draft().questions]
    assert codes.index("route") < codes.index("offer-type")


def test_a_weight_is_a_decimal_in_the_domain(shipped_in_db):
    assert isinstance(storage.read_draft().criteria[0].weight, Decimal)


@pytest.mark.parametrize(
    "url",
    ["data:text/html,x", "file:///etc/passwd", "vbscript:msgbox(1)", "https://example.org/\u202egnp.exe"],
)
def test_import_refuses_a_source_address_a_person_should_not_be_sent_to(db, shipped_json, url):
    data = changed(shipped_json, lambda d: d["signs"][0]["sources"][0].update(url=url))
    with pytest.raises(storage.CatalogueImportError) as raised:
        import_json(data)
    assert [p.params.get("field") for p in raised.value.problems] == ["url"]


def test_publishing_refuses_a_source_address_already_in_the_draft(shipped_in_db):
    from screening.models import CriterionSource
    from screening.publishing import PublishError

    CriterionSource.objects.filter(pk=CriterionSource.objects.first().pk).update(url="javascript:alert(1)")
    with pytest.raises(PublishError) as raised:
        publish("Bad link")
    assert [p.code for p in raised.value.problems] == ["source-address"]
