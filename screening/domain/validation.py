"""Every reason a catalogue must not be published, as structured problems.

:func:`validate` is the one statement of what a publishable catalogue is. Publishing blocks on
its problems, the admin's publish screen and ``publish_catalogue --dry-run`` list them, and
``screening/wording.py`` says each one in words. What a database row can hold (lengths, decimal
places) is the models' job; this module checks the catalogue whatever it was built from.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from decimal import Decimal

from screening.domain.addresses import is_plain_web_address
from screening.domain.adverts import phrase_problems
from screening.domain.catalogue import Band, Catalogue, Question, Settings, Signpost, Source
from screening.domain.conditions import Condition
from screening.domain.problems import Problem
from screening.domain.vocabulary import (
    ADVERT_FAMILIES,
    CATEGORIES,
    CODE_PATTERN,
    CONFIDENCES,
    CURRENCY_CODE,
    JURISDICTION_CODE,
    KINDS,
    LANGUAGE_CODE,
    LEVELS,
    OTHER_COUNTRY,
    PHRASE_RULE_KINDS,
    SEVERITIES,
    SIGNPOST_KINDS,
    STRENGTHS,
)

_STRENGTHS = ", ".join(STRENGTHS)
RULES = (1, 2)  # the scoring rules the engine knows (``scoring.py``)


def validate(catalogue: Catalogue) -> list[Problem]:
    """Every reason this catalogue must not be published; an empty list means it may be."""
    problems: list[Problem] = []
    problems += _settings(catalogue.settings)
    problems += _bands(catalogue.bands)
    problems += _codes(catalogue)
    problems += _criteria_and_signs(catalogue)
    problems += _questions(catalogue)
    problems += _escalations(catalogue)
    problems += _words(catalogue)
    problems += _jurisdictions(catalogue)
    problems += _country_questions(catalogue)
    problems += _currencies(catalogue)
    problems += _phrase_rules(catalogue)
    for section in catalogue.sections:
        if not catalogue.questions_in(section.code):
            problems.append(Problem("section-empty", ("section", section.code)))
    return problems


def _settings(settings: Settings) -> list[Problem]:
    problems = []
    if not Decimal(0) < settings.partial_fraction < Decimal(1):
        problems.append(Problem("settings-partial-fraction"))
    if not Decimal(0) <= settings.max_offset_share <= Decimal(1):
        problems.append(Problem("settings-offset-share"))
    if settings.score_ceiling <= 0:
        problems.append(Problem("settings-ceiling"))
    for severity in SEVERITIES:
        if settings.severity_weights.get(severity, Decimal(0)) <= 0:
            problems.append(Problem("settings-weight", params={"severity": severity}))
    if settings.rules not in RULES:
        problems.append(Problem("settings-rules", params={"value": settings.rules}))
    if settings.partial_cap is not None and settings.partial_cap < 0:
        problems.append(Problem("settings-partial-cap"))
    if not 0 <= settings.completeness_threshold <= 100:
        problems.append(Problem("settings-completeness-threshold"))
    return problems


def _bands(bands: tuple[Band, ...]) -> list[Problem]:
    problems = []
    levels = [b.level for b in bands]
    for level in LEVELS:
        if levels.count(level) != 1:
            problems.append(Problem("band-count", ("band", level)))
    for level in levels:
        if level not in LEVELS:
            problems.append(Problem("band-unknown-level", ("band", level)))
    if problems:
        return problems
    by_level = {b.level: b for b in bands}
    if by_level["low"].min_points != 0:
        problems.append(Problem("band-low-start", ("band", "low")))
    for lower, higher in zip(LEVELS, LEVELS[1:], strict=False):
        if by_level[higher].min_points <= by_level[lower].min_points:
            problems.append(Problem("band-order", ("band", higher), {"lower": lower}))
    for b in bands:
        if not b.title.strip() or not b.advice.strip():
            problems.append(Problem("band-text", ("band", b.level)))
    return problems


def _codes(catalogue: Catalogue) -> list[Problem]:
    problems = []
    groups: list[tuple[str, list[str]]] = [
        ("criterion", [c.code for c in catalogue.criteria]),
        ("sign", [s.code for s in catalogue.signs]),
        ("section", [s.code for s in catalogue.sections]),
        ("question", [q.code for q in catalogue.questions]),
        ("escalation", [e.code for e in catalogue.escalations]),
        ("option", [o.code for q in catalogue.questions for o in q.options]),
        ("word", [w.code for w in catalogue.words]),
        ("jurisdiction", [j.code for j in catalogue.jurisdictions]),
        ("phrase-rule", [r.code for r in catalogue.phrase_rules]),
    ]
    for kind, codes in groups:
        for code in codes:
            if not CODE_PATTERN.match(code):
                problems.append(Problem("code-malformed", (kind, code)))
        if kind != "option":  # option codes are unique per question (checked with the question)
            for code in sorted({c for c in codes if codes.count(c) > 1}):
                problems.append(Problem("code-duplicate", (kind, code)))
    return problems


def _words(catalogue: Catalogue) -> list[Problem]:
    """Each word has a term and a meaning, and a way of writing it belongs to one word only (else
    a text could not say which meaning it links to)."""
    problems = []
    owner: dict[str, str] = {}
    for word in catalogue.words:
        where = ("word", word.code)
        if not word.term.strip() or not word.meaning.strip():
            problems.append(Problem("word-text", where))
        for form in word.forms:
            if not form.strip() or form != form.strip() or "\n" in form:
                problems.append(Problem("word-form-blank", where, {"form": form}))
        for form in dict.fromkeys(f.casefold() for f in word.all_forms):
            if form in owner and owner[form] != word.code:
                problems.append(Problem("word-form-repeated", where, {"form": form, "other": owner[form]}))
            owner.setdefault(form, word.code)
    return problems


def _jurisdictions(catalogue: Catalogue) -> list[Problem]:
    """Each country has its name, its meaning of "approved" and well-formed signposts; a member
    state belongs to a block that is there; and any other country has a fallback to fall back on."""
    problems = []
    codes = {j.code for j in catalogue.jurisdictions}
    if codes and OTHER_COUNTRY not in codes:
        problems.append(Problem("jurisdiction-no-fallback", params={"code": OTHER_COUNTRY}))
    for j in catalogue.jurisdictions:
        where = ("jurisdiction", j.code)
        if not JURISDICTION_CODE.match(j.code):
            problems.append(Problem("jurisdiction-code", where))
        if not j.name.strip() or not j.approval_meaning.strip():
            problems.append(Problem("jurisdiction-text", where))
        if j.part_of and (j.part_of == j.code or j.part_of not in codes):
            problems.append(Problem("jurisdiction-part-of", where, {"part_of": j.part_of}))
        for value in (j.review_by, *(p.last_opened for p in j.signposts)):
            if value is not None and not _is_iso_date(value):
                problems.append(Problem("jurisdiction-date", where, {"value": value}))
        for number, post in enumerate(j.signposts, start=1):
            problems += _signpost(post, where, number)
    return problems


def _country_questions(catalogue: Catalogue) -> list[Problem]:
    """A country question is a single choice of the catalogue's countries (and "I don't know
    yet") that scores nothing: it only chooses the report's signposts."""
    problems = []
    codes = {j.code for j in catalogue.jurisdictions}
    for q in catalogue.questions:
        if not q.is_country:
            continue
        where = ("question", q.code)
        if q.kind != "single" or q.is_key or q.is_step:
            problems.append(Problem("country-question-kind", where))
        for o in q.options:
            if o.fires or o.reassures:
                problems.append(Problem("country-question-scores", (*where, "option", o.code)))
            if not o.is_unknown and o.code not in codes:
                problems.append(Problem("country-option-unknown", (*where, "option", o.code)))
    return problems


def _currencies(catalogue: Catalogue) -> list[Problem]:
    """Each currency has its ISO code, its name and, for the same answers as every other currency,
    a label naming an option that exists: a question reads wholly in one currency."""
    problems = []
    codes = [c.code for c in catalogue.currencies]
    for code in sorted({c for c in codes if codes.count(c) > 1}):
        problems.append(Problem("code-duplicate", ("currency", code)))
    covered: set[tuple[str, str]] | None = None
    for currency in catalogue.currencies:
        where = ("currency", currency.code)
        if not CURRENCY_CODE.match(currency.code):
            problems.append(Problem("currency-code", where))
        if not currency.name.strip():
            problems.append(Problem("currency-text", where))
        for label in currency.labels:
            question = catalogue.question(label.question)
            if question is None or question.option(label.option) is None:
                problems.append(
                    Problem(
                        "currency-unknown-option", where, {"question": label.question, "option": label.option}
                    )
                )
            if not label.label.strip():
                problems.append(Problem("currency-text", where))
        these = {(label.question, label.option) for label in currency.labels}
        if covered is not None and these != covered:
            problems.append(Problem("currency-labels-differ", where, {"first": catalogue.currencies[0].code}))
        covered = these if covered is None else covered
    return problems


def _phrase_rules(catalogue: Catalogue) -> list[Problem]:
    """Each rule of the offer-text assist has a family, a kind, a language, a reason, phrases in
    the phrase language (domain.adverts), and suggests options that exist; an "absent" or a
    "reported" rule suggests nothing, a "count" rule says how many of its phrases a text must name."""
    problems = []
    for rule in catalogue.phrase_rules:
        where = ("phrase-rule", rule.code)
        if rule.family not in ADVERT_FAMILIES or rule.kind not in PHRASE_RULE_KINDS:
            problems.append(
                Problem("phrase-rule-vocabulary", where, {"family": rule.family, "kind": rule.kind})
            )
        if not LANGUAGE_CODE.match(rule.language):
            problems.append(Problem("phrase-rule-language", where, {"value": rule.language}))
        if not rule.reason.strip():
            problems.append(Problem("phrase-rule-reason", where))
        if not rule.phrases:
            problems.append(Problem("phrase-empty", where, {"phrase": ""}))
        for phrase in (*rule.phrases, *rule.negations, *rule.disclosures, *rule.requires):
            problems += [replace(p, where=where) for p in phrase_problems(phrase)]
        if rule.kind in ("absent", "reported"):
            if rule.question or rule.options:
                problems.append(Problem("phrase-rule-absent-suggests", where))
            continue
        question = catalogue.question(rule.question)
        if question is None or question.is_country:
            problems.append(Problem("phrase-rule-question", where, {"question": rule.question}))
            continue
        if not rule.options:
            problems.append(Problem("phrase-rule-no-option", where))
        for option in rule.options:
            if question.option(option) is None:
                problems.append(
                    Problem("phrase-rule-option", where, {"question": rule.question, "option": option})
                )
        if question.kind == "single" and len(rule.options) > 1:
            problems.append(Problem("phrase-rule-one-option", where, {"question": rule.question}))
        if question.kind == "multiple" and any(
            (o := question.option(code)) is not None and (o.is_exclusive or o.is_unknown)
            for code in rule.options
        ):
            problems.append(Problem("phrase-rule-exclusive", where, {"question": rule.question}))
        if (rule.kind == "count") != (rule.at_least > 0) or (rule.kind == "count" and rule.at_least < 2):
            problems.append(Problem("phrase-rule-count", where))
    return problems


def _signpost(post: Signpost, where: tuple[str, str], number: int) -> list[Problem]:
    problems = []
    params = {"number": number}
    if post.kind not in SIGNPOST_KINDS:
        problems.append(Problem("signpost-kind", where, {**params, "kind": post.kind}))
    if post.confidence not in CONFIDENCES:
        problems.append(Problem("signpost-confidence", where, {**params, "value": post.confidence}))
    if not post.title.strip() or not post.text.strip():
        problems.append(Problem("signpost-text", where, params))
    for address in (post.url, post.source_url):
        if address and not is_plain_web_address(address):
            problems.append(Problem("signpost-address", where, {**params, "address": address}))
    if post.number_name and post.kind != "trial-registry":
        problems.append(Problem("signpost-number-name", where, params))
    return problems


def _is_iso_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


def _criteria_and_signs(catalogue: Catalogue) -> list[Problem]:
    problems = []
    for c in catalogue.criteria:
        where = ("criterion", c.code)
        if c.severity not in SEVERITIES:
            problems.append(Problem("unknown-severity", where, {"value": c.severity}))
        if c.category not in CATEGORIES:
            problems.append(Problem("unknown-category", where, {"value": c.category}))
        if c.weight <= 0:
            problems.append(Problem("weight-not-positive", where))
        if (c.raised_severity is None) != (c.raised_when is None):
            problems.append(Problem("raised-severity-needs-rule", where))
        if c.raised_severity is not None and c.raised_severity not in SEVERITIES:
            problems.append(Problem("unknown-raised-severity", where, {"value": c.raised_severity}))
        if (c.lowered_severity is None) != (c.lowered_when is None):
            problems.append(Problem("lowered-severity-needs-rule", where))
        if c.lowered_severity is not None and (
            c.lowered_severity not in SEVERITIES
            or (
                c.severity in SEVERITIES
                and SEVERITIES.index(c.lowered_severity) >= SEVERITIES.index(c.severity)
            )
        ):
            problems.append(Problem("lowered-severity-not-lower", where, {"value": c.lowered_severity}))
        if c.lowered_when is not None:
            problems += _condition(c.lowered_when, where, "lawful-route", catalogue.questions, catalogue)
        if c.active and not c.sources:
            problems.append(Problem("no-source", where))
        problems += _sources(c.sources, where)
        if c.raised_when is not None:
            problems += _condition(c.raised_when, where, "raised-when", catalogue.questions, catalogue)
        for code in c.answered_by:
            answering = catalogue.sign(code)
            if answering is None:
                problems.append(Problem("unknown-sign", where, {"sign": code}))
            elif not answering.active:
                problems.append(Problem("inactive-sign", where, {"sign": code}))
        for code in sorted({s for s in c.answered_by if c.answered_by.count(s) > 1}):
            problems.append(Problem("answered-by-repeated", where, {"sign": code}))
    for s in catalogue.signs:
        where = ("sign", s.code)
        if s.weight <= 0:
            problems.append(Problem("weight-not-positive", where))
        if s.active and not s.sources:
            problems.append(Problem("no-source", where))
        problems += _sources(s.sources, where)
    return problems


def _sources(sources: tuple[Source, ...], where: tuple[str, ...]) -> list[Problem]:
    return [
        Problem("source-address", (*where, "source", str(n)), {"url": source.url})
        for n, source in enumerate(sources, start=1)
        if not is_plain_web_address(source.url)
    ]


def _questions(catalogue: Catalogue) -> list[Problem]:
    problems = []
    criteria = {c.code: c for c in catalogue.criteria}
    signs = {s.code: s for s in catalogue.signs}
    section_codes = {s.code for s in catalogue.sections}
    earlier: list[Question] = []
    fired_criteria: set[str] = set()
    for q in catalogue.questions:
        where = ("question", q.code)
        if q.section not in section_codes:
            problems.append(Problem("unknown-section", where, {"value": q.section}))
        if q.kind not in KINDS:
            problems.append(Problem("unknown-kind", where, {"value": q.kind, "allowed": ", ".join(KINDS)}))
        if q.is_key and q.is_step:
            problems.append(Problem("key-and-step", where))
        if len(q.options) < 2:
            problems.append(Problem("too-few-options", where))
        for o in q.options:
            if o.is_refused and o.is_unknown:
                problems.append(Problem("refused-and-unknown", (*where, "option", o.code)))
            elif o.is_refused and not o.fires:
                problems.append(Problem("refused-is-silent", (*where, "option", o.code)))
        unknown_count = sum(1 for o in q.options if o.is_unknown)
        if unknown_count != 1:
            problems.append(Problem("unknown-option-count", where, {"count": unknown_count}))
        option_codes = [o.code for o in q.options]
        for code in sorted({c for c in option_codes if option_codes.count(c) > 1}):
            problems.append(Problem("code-duplicate", (*where, "option", code)))
        if q.show_if is not None:
            problems += _condition(q.show_if, where, "show-if", tuple(earlier), catalogue)
        fires_red = False
        for o in q.options:
            at = (*where, "option", o.code)
            for e in o.fires:
                target = criteria.get(e.criterion)
                if target is None:
                    problems.append(Problem("unknown-criterion", at, {"criterion": e.criterion}))
                elif not target.active:
                    problems.append(Problem("inactive-criterion", at, {"criterion": e.criterion}))
                else:
                    fired_criteria.add(e.criterion)
                    fires_red = True
                if e.strength not in STRENGTHS:
                    problems.append(
                        Problem("unknown-strength", at, {"value": e.strength, "allowed": _STRENGTHS})
                    )
                if e.severity is not None and e.severity not in SEVERITIES:
                    problems.append(Problem("unknown-severity", at, {"value": e.severity}))
                if e.only_if is not None:
                    problems += _condition(e.only_if, at, "only-if", catalogue.questions, catalogue)
            for r in o.reassures:
                target_sign = signs.get(r.sign)
                if target_sign is None:
                    problems.append(Problem("unknown-sign", at, {"sign": r.sign}))
                elif not target_sign.active:
                    problems.append(Problem("inactive-sign", at, {"sign": r.sign}))
                if r.strength not in STRENGTHS:
                    problems.append(
                        Problem("unknown-strength", at, {"value": r.strength, "allowed": _STRENGTHS})
                    )
        # "I don't know" must never count as a reassuring "no": where the question can raise a
        # red flag, not knowing must raise at least one of them partly, whatever else was answered.
        unknown = q.unknown_option
        if catalogue.settings.rules >= 2 and unknown is not None:
            # Rules 2: "I don't know yet" is a question to ask, never a warning sign by itself.
            if unknown.fires:
                problems.append(Problem("unknown-fires", where))
            if unknown.reassures:
                problems.append(Problem("unknown-reassures", where))
        elif fires_red and unknown is not None:
            if not any(
                e.strength == "partial" and e.only_if is None and e.criterion in criteria
                for e in unknown.fires
            ):
                problems.append(Problem("unknown-is-silent", where))
            if unknown.reassures:
                problems.append(Problem("unknown-reassures", where))
        earlier.append(q)
    for c in catalogue.criteria:
        if c.active and c.code not in fired_criteria:
            problems.append(Problem("never-fired", ("criterion", c.code)))
    return problems


def _escalations(catalogue: Catalogue) -> list[Problem]:
    problems = []
    criteria = {c.code: c for c in catalogue.criteria}
    for e in catalogue.escalations:
        where = ("escalation", e.code)
        if e.level not in LEVELS:
            problems.append(Problem("unknown-level", where, {"value": e.level}))
        if not e.criteria:
            problems.append(Problem("no-criteria", where))
        for code in e.criteria:
            if code not in criteria:
                problems.append(Problem("unknown-criterion", where, {"criterion": code}))
            elif not criteria[code].active:
                problems.append(Problem("inactive-criterion", where, {"criterion": code}))
    return problems


def _condition(
    condition: Condition,
    where: tuple[str, ...],
    rule: str,
    allowed: tuple[Question, ...],
    catalogue: Catalogue,
) -> list[Problem]:
    """Each clause must name a question in ``allowed`` (for show-if rules, an earlier one) and
    options of that question."""
    problems = []
    by_code: Mapping[str, Question] = {q.code: q for q in allowed}
    for clause in condition.clauses():
        question = by_code.get(clause.question)
        if question is None:
            params = {"rule": rule, "question": clause.question}
            if catalogue.question(clause.question) is not None:
                problems.append(Problem("rule-later-question", where, params))
            else:
                problems.append(Problem("rule-unknown-question", where, params))
            continue
        for option in clause.options:
            if question.option(option) is None:
                problems.append(
                    Problem(
                        "rule-unknown-option",
                        where,
                        {"rule": rule, "question": clause.question, "option": option},
                    )
                )
    return problems
