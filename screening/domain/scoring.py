"""The scoring engine: how answers about an offer become a caution level.

This is the document a clinician should check. Every number it uses comes from the published
catalogue version (``domain.catalogue.Settings``, the criteria, signs, bands and escalations), so staff
can tune them in the admin; the rules themselves are these.

1. Which questions count. A question with a show-if rule is asked only when the rule holds on
   the answers to earlier questions that were themselves asked. Questions not asked are ignored
   entirely: their answers, if any, neither score nor count towards completeness. Nor do the
   country questions (where the treatment would be given, where the person lives): they say
   where, not how sound the offer is, and choose the report's signposts instead.

2. Red flags (warning criteria). Each answer option may fire one or more criteria, fully or
   partly. A criterion fired fully adds its weight in points; fired partly it adds the weight
   times the catalogue's partial fraction (one half in the shipped catalogue). A criterion fired
   by several answers counts once, at the most it was fired.

   The weight depends on the severity it fires at. An answer may name a severity, and then it
   fires at exactly that one (a regulator warning about contamination counts as critical; a
   charge a regulator allowed counts as major). Otherwise the criterion fires at its own
   severity, or at a higher one when its "raised when" rule holds (no follow-up plan is critical
   when the cells go into the spine). At its own severity a criterion uses its own weight; at a
   severity an answer names, that severity's weight from the settings (critical 8, major 3,
   minor 1 in the shipped catalogue); at a raised severity, the higher of the two, so raising
   never lowers the points.

3. "I don't know" is never a silent zero. Where a question can raise a red flag, its "I don't
   know" answer fires at least one of them partly (publishing refuses a catalogue that does not).
   Every "I don't know" is listed under "still to find out" with the question to ask the clinic,
   and lowers completeness. An unanswered question scores nothing but also lowers completeness.

4. Reassuring signs (green flags) count fully or partly in the same way, and their points are
   taken off the red-flag points, but never more than a set share of them (one half in the
   shipped catalogue): a polished offer cannot buy its way down to low caution.

5. The level. The points left are placed in a band (low, moderate, high, very high; each band
   starts at its "min points", inclusive). Then the level is raised, never lowered:
   - any criterion fired fully at critical severity puts the level at least at "high";
   - each escalation rule whose criteria all fired fully puts it at least at its level (for
     example, an injection into the spine with no regulatory approval is "very high").

6. The caution score is the points left, as a share of the catalogue's score ceiling, from 0 to
   100 (capped). It describes the weight of the warning signs; the level may be higher than the
   score suggests when rule 5 raised it, and the result says which rule did.

7. Completeness is the share of the questions asked that were answered with something other than
   "I don't know", from 0 to 100.

Rules 2 (a catalogue version says which rules score it, in its settings; a version made before
rules 2 keeps rules 1 above, so a report already given never changes). What changes:

3'. Two kinds of not knowing. "I don't know yet" fires nothing (publishing refuses a catalogue
   where it does): it lists the question under "still to find out", with the questions to ask
   that the question's other answers point to, and lowers completeness. "I asked; they would not
   or could not say" is an answer like any other, and fires what the catalogue says.

8. Steps. A question marked as a step is due diligence for the person ("did you search for
   warnings?"). Not done yet, it adds no points and is listed as a thing to do; it does not count
   towards completeness either way, as it says nothing about the offer.

9. Partial points are capped. Together, the points of criteria fired only partly add at most the
   catalogue's partial cap, so uncertainty alone cannot decide the top bands.

10. Strong reassurance can answer a concern. A criterion may name the reassuring signs that
    answer it (an authorised, registered trial answers the concern about donor cells; so does an
    approval for this condition where it is given, or standard care for this condition). When
    one of them counts fully, the criterion is "answered": it still shows in the report, with the
    reason it matters less here; it no longer forces "at least high" (rule 5) and counts towards
    no escalation rule. Its points stay until the sign is checked: when the answer says the
    person or their doctor checked it (the registry or approval number), the concern adds no
    points, as the regulator's oversight is what the warning asks for. Until then the report asks
    for the check, and a serious concern keeps its weight, so one unchecked claim cannot take an
    offer a long way down.

11. Unknown key questions. A key question (regulatory approval, trial, who pays, the evidence,
    where the cells come from) that is unanswered or "I don't know yet", or that the clinic would
    not or could not answer, keeps the level at "moderate" at least: "low" is never given while
    one is open or refused. Unknowns raise nothing else.

12. "Very high" needs a warning sign known to apply: a criterion fired fully at critical severity
    that no strong reassurance answers, or an escalation rule to "very high", whose criteria must
    all be such signs. Without one, points in the "very high" band give "high". An escalation to a
    lower level (e.g. "at least moderate" for an approval that is only conditional) needs its
    criteria fired fully and not answered.

13. Too little known. When completeness is below the catalogue's threshold, the result says so
    (the report then leads with "Too little is known yet to judge this offer", the provisional
    level and the key questions to ask first).

14. A lawful route is not proof. A criterion may name, in a rule, the countries of treatment
    where a lawful route exists for what it warns about (a clinic plan filed under Japan's
    regenerative medicine law, South Korea's 2025 scheme) and the answer that points to it. Where
    the rule holds, the criterion fires at most at the severity it names for them, with at most
    that severity's weight, and the report says the treatment may be legal there and that this
    does not mean it works. A catalogue without such rules scores as before.

The engine is pure: no database, no request, no clock. Same catalogue and answers, same result.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from screening.domain.catalogue import Catalogue, Criterion, Question
from screening.domain.conditions import Answers
from screening.domain.vocabulary import LEVELS, level_rank, severity_rank


@dataclass(frozen=True)
class Firing:
    """One answer that fired a criterion or counted a reassuring sign."""

    question: str
    option: str
    strength: str  # "full" or "partial"
    severity: str | None  # for red flags: the severity it fired at
    points: Decimal
    verified: bool = False  # for reassuring signs: the answer says it was checked (rules 2)
    lowered: bool = False  # for red flags: rule 14 lowered its severity


@dataclass(frozen=True)
class FiredCriterion:
    """A red flag that fired. Its points, severity and strength are those of its strongest firing."""

    code: str
    severity: str
    strength: str
    points: Decimal
    full: bool  # fired fully by at least one answer (what escalation rules ask for)
    firings: tuple[Firing, ...]

    @property
    def lowered(self) -> bool:
        """Rule 14 lowered its severity: a lawful route exists where the treatment is given."""
        return any(f.lowered for f in self.firings)


@dataclass(frozen=True)
class CountedSign:
    code: str
    full: bool
    points: Decimal
    firings: tuple[Firing, ...]

    @property
    def verified(self) -> bool:
        return any(f.verified for f in self.firings)


@dataclass(frozen=True)
class Unknown:
    """A question answered "I don't know": what it leaves open."""

    question: str
    criteria: tuple[str, ...]  # rules 1: red flags the unknown fired partly; rules 2: those a known
    #                            answer could fire
    signs: tuple[str, ...]  # reassuring signs a known answer could have shown


@dataclass(frozen=True)
class Raise:
    """Why the level is above the band of the points: which rule, about which code."""

    kind: str  # "critical": a critical flag fired fully (``code`` is the criterion)
    #            "escalation": an escalation rule applied (``code`` is the escalation)
    #            "unknown": a key question is still open (``code`` is the question; rules 2)
    #            "refused": the clinic would not answer a key question (``code``: the question)
    code: str


@dataclass(frozen=True)
class Answered:
    """A criterion that a reassuring sign, counted fully, answers (rule 10)."""

    criterion: str
    signs: tuple[str, ...]
    verified: bool  # one of the signs was checked by the person or their doctor


@dataclass(frozen=True)
class Result:
    level: str
    score: int  # 0-100
    points: Decimal  # red-flag points after the reassuring offset
    red_points: Decimal
    green_points: Decimal  # before the cap
    offset: Decimal  # what was actually taken off
    band_level: str  # the level from the points alone
    raised_by: tuple[Raise, ...]
    completeness: int  # 0-100
    fired: tuple[FiredCriterion, ...]  # most points first, then catalogue order
    reassuring: tuple[CountedSign, ...]
    unknowns: tuple[Unknown, ...]
    unanswered: tuple[str, ...]
    asked: tuple[str, ...]  # question codes asked, in order
    # Rules 2 only (empty or off under rules 1):
    rules: int = 1
    answered: tuple[Answered, ...] = ()
    steps: tuple[str, ...] = ()  # step questions not done yet (rule 8)
    open_key_questions: tuple[str, ...] = ()  # unanswered or "I don't know yet" (rule 11)
    partial_capped: Decimal = Decimal(0)  # partial points left out by the cap (rule 9)
    held_from_very_high: bool = False  # rule 12 applied
    too_little_known: bool = False  # rule 13
    # Every escalation rule that applies, whether or not it raised the level: the report names
    # the one behind its level even when the points alone reached it.
    escalations_applying: tuple[str, ...] = ()


def visible_questions(catalogue: Catalogue, answers: Answers) -> tuple[Question, ...]:
    """The questions asked for these answers, in questionnaire order (rule 1)."""
    asked: list[Question] = []
    visible_answers: dict[str, frozenset[str]] = {}
    for question in catalogue.questions:
        if question.show_if is None or question.show_if.holds(visible_answers):
            asked.append(question)
            if question.code in answers:
                visible_answers[question.code] = answers[question.code]
    return tuple(asked)


def score(catalogue: Catalogue, answers: Answers) -> Result:
    settings = catalogue.settings
    rules_2 = settings.rules >= 2
    asked = visible_questions(catalogue, answers)
    counted = {q.code: answers[q.code] for q in asked if q.code in answers}

    red_firings: dict[str, list[Firing]] = {}
    green_firings: dict[str, list[Firing]] = {}
    unknowns: list[Unknown] = []
    unanswered: list[str] = []
    steps: list[str] = []
    open_key: list[str] = []
    refused_key: list[str] = []
    known_answers = 0
    counted_questions = 0

    for question in asked:
        if question.is_country:
            continue
        chosen = counted.get(question.code)
        is_step = rules_2 and question.is_step
        if not is_step:
            counted_questions += 1
        if not chosen:
            if is_step:
                steps.append(question.code)  # a thing to do, not a question left unanswered
                continue
            unanswered.append(question.code)
            if rules_2 and question.is_key:
                open_key.append(question.code)
            continue
        for option in question.options:
            if option.code not in chosen:
                continue
            for effect in option.fires:
                criterion = catalogue.criterion(effect.criterion)
                if criterion is None or not criterion.active:
                    continue
                if effect.only_if is not None and not effect.only_if.holds(counted):
                    continue
                severity = effect.severity or _severity(criterion, counted)
                fraction = Decimal(1) if effect.strength == "full" else settings.partial_fraction
                weight = effective_weight(catalogue, criterion, severity, named=effect.severity is not None)
                lowered = _lowered_severity(criterion, severity, counted)
                if lowered is not None:
                    severity = lowered
                    weight = min(weight, settings.severity_weights[lowered])
                points = weight * fraction
                red_firings.setdefault(criterion.code, []).append(
                    Firing(
                        question.code,
                        option.code,
                        effect.strength,
                        severity,
                        points,
                        lowered=lowered is not None,
                    )
                )
            for reassurance in option.reassures:
                sign = catalogue.sign(reassurance.sign)
                if sign is None or not sign.active:
                    continue
                fraction = Decimal(1) if reassurance.strength == "full" else settings.partial_fraction
                green_firings.setdefault(sign.code, []).append(
                    Firing(
                        question.code,
                        option.code,
                        reassurance.strength,
                        None,
                        sign.weight * fraction,
                        verified=rules_2 and reassurance.verified,
                    )
                )
        if rules_2 and question.is_key and any(o.is_refused for o in question.options if o.code in chosen):
            refused_key.append(question.code)
        unknown = question.unknown_option
        if unknown is not None and unknown.code in chosen:
            if is_step:
                steps.append(question.code)
                continue
            if rules_2 and question.is_key:
                open_key.append(question.code)
            unknowns.append(
                Unknown(
                    question=question.code,
                    criteria=question.criteria_fired
                    if rules_2
                    else tuple(e.criterion for e in unknown.fires),
                    signs=question.signs_counted,
                )
            )
        elif not is_step:
            known_answers += 1

    fired = tuple(
        sorted(
            (_fired(code, firings) for code, firings in red_firings.items()),
            key=lambda f: (-f.points, -severity_rank(f.severity), _position(catalogue, f.code)),
        )
    )
    reassuring = tuple(
        sorted(
            (
                CountedSign(
                    code=code,
                    full=any(f.strength == "full" for f in firings),
                    points=max(f.points for f in firings),
                    firings=tuple(firings),
                )
                for code, firings in green_firings.items()
            ),
            key=lambda s: catalogue.sign(s.code).position,  # type: ignore[union-attr]
        )
    )
    answered = _answered(catalogue, fired, reassuring) if rules_2 else ()
    answered_codes = {a.criterion for a in answered}

    # Rule 10: a concern that checked reassurance answers adds no points.
    no_points = {a.criterion for a in answered if a.verified}
    red_points = sum((f.points for f in fired if f.code not in no_points), Decimal(0))
    partial_capped = Decimal(0)
    if rules_2 and settings.partial_cap is not None:
        partial_points = sum((f.points for f in fired if not f.full and f.code not in no_points), Decimal(0))
        partial_capped = max(Decimal(0), partial_points - settings.partial_cap)
        red_points -= partial_capped
    green_points = sum((s.points for s in reassuring), Decimal(0))
    offset = min(green_points, red_points * settings.max_offset_share)
    points = red_points - offset

    band_level = band_for(catalogue, points)
    level = band_level
    raised_by: list[Raise] = []
    # Rule 12: without a known critical warning sign or an escalation, "very high" is "high".
    known_critical = [f for f in fired if f.code not in answered_codes and _fully_critical(f)]
    held_from_very_high = False
    if rules_2 and level == "very high" and not known_critical:
        level = "high"
        held_from_very_high = True
    if level_rank(level) < level_rank("high"):
        for f in known_critical if rules_2 else [f for f in fired if _fully_critical(f)]:
            level = _higher(level, "high")
            raised_by.append(Raise("critical", f.code))
    fully_fired = {f.code for f in fired if f.full and f.code not in answered_codes}
    escalations_applying: list[str] = []
    for escalation in catalogue.escalations:
        if rules_2 and escalation.level == "very high":  # rule 12: known critical signs only
            applies = set(escalation.criteria) <= {f.code for f in known_critical}
        else:
            applies = set(escalation.criteria) <= fully_fired
        if applies and rules_2:
            escalations_applying.append(escalation.code)
        if applies and level_rank(escalation.level) > level_rank(level if rules_2 else band_level):
            level = _higher(level, escalation.level)
            raised_by.append(Raise("escalation", escalation.code))
    if rules_2 and (open_key or refused_key) and level == "low":
        level = "moderate"
        raised_by.append(Raise("unknown", open_key[0]) if open_key else Raise("refused", refused_key[0]))

    completeness = _percent(known_answers, counted_questions)
    return Result(
        level=level,
        score=caution_score(catalogue, points),
        points=points,
        red_points=red_points,
        green_points=green_points,
        offset=offset,
        band_level=band_level,
        raised_by=tuple(raised_by),
        completeness=completeness,
        fired=fired,
        reassuring=reassuring,
        unknowns=tuple(unknowns),
        unanswered=tuple(unanswered),
        asked=tuple(q.code for q in asked),
        rules=settings.rules,
        answered=answered,
        steps=tuple(steps),
        open_key_questions=tuple(open_key),
        partial_capped=partial_capped,
        held_from_very_high=held_from_very_high,
        too_little_known=rules_2 and completeness < settings.completeness_threshold,
        escalations_applying=tuple(escalations_applying),
    )


def _fully_critical(fired: FiredCriterion) -> bool:
    return any(x.strength == "full" and x.severity == "critical" for x in fired.firings)


def _answered(
    catalogue: Catalogue, fired: tuple[FiredCriterion, ...], reassuring: tuple[CountedSign, ...]
) -> tuple[Answered, ...]:
    """Rule 10: the fired criteria that a reassuring sign, counted fully, answers."""
    full = {s.code: s for s in reassuring if s.full}
    answered = []
    for f in fired:
        criterion = catalogue.criterion(f.code)
        signs = tuple(code for code in (criterion.answered_by if criterion else ()) if code in full)
        if signs:
            answered.append(Answered(f.code, signs, verified=any(full[code].verified for code in signs)))
    return tuple(answered)


def effective_weight(
    catalogue: Catalogue, criterion: Criterion, severity: str, *, named: bool = False
) -> Decimal:
    """The points of a full firing at ``severity`` (rule 2).

    At its own severity a criterion uses its own weight; at a severity an answer names, that
    severity's weight; at a raised severity, the higher of the two, so raising never lowers points.
    """
    if severity == criterion.severity:
        return criterion.weight
    severity_weight = catalogue.settings.severity_weights[severity]
    return severity_weight if named else max(criterion.weight, severity_weight)


def band_for(catalogue: Catalogue, points: Decimal) -> str:
    """The level whose band holds ``points``: the highest band starting at or below them."""
    level = LEVELS[0]
    for band in sorted(catalogue.bands, key=lambda b: level_rank(b.level)):
        if points >= band.min_points:
            level = band.level
    return level


def caution_score(catalogue: Catalogue, points: Decimal) -> int:
    share = points / catalogue.settings.score_ceiling * 100
    return int(min(Decimal(100), max(Decimal(0), share)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _higher(a: str, b: str) -> str:
    return a if level_rank(a) >= level_rank(b) else b


def _lowered_severity(criterion: Criterion, severity: str, counted: Answers) -> str | None:
    """The severity rule 14 lowers a firing to, or None when its lawful route does not hold (or
    would not lower it)."""
    lowered = criterion.lowered_severity
    if lowered is None or criterion.lowered_when is None or not criterion.lowered_when.holds(counted):
        return None
    return lowered if severity_rank(lowered) < severity_rank(severity) else None


def _severity(criterion: Criterion, answers: Answers) -> str:
    if (
        criterion.raised_when is not None
        and criterion.raised_severity
        and criterion.raised_when.holds(answers)
    ) and severity_rank(criterion.raised_severity) > severity_rank(criterion.severity):
        return criterion.raised_severity
    return criterion.severity


def _fired(code: str, firings: list[Firing]) -> FiredCriterion:
    strongest = max(firings, key=lambda f: (f.points, f.strength == "full", severity_rank(f.severity)))
    return FiredCriterion(
        code=code,
        severity=strongest.severity or "minor",
        strength=strongest.strength,
        points=strongest.points,
        full=any(f.strength == "full" for f in firings),
        firings=tuple(firings),
    )


def _position(catalogue: Catalogue, code: str) -> int:
    criterion = catalogue.criterion(code)
    return criterion.position if criterion else 0


def _percent(part: int, whole: int) -> int:
    if whole == 0:
        return 0
    return int(Decimal(part * 100) / Decimal(whole))
