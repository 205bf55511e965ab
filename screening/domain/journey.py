"""The questionnaire as steps: step 1 is about the offer, then one step per catalogue section.

Pure functions over a frozen catalogue and the answers; the views only call them.
"""

from __future__ import annotations

from dataclasses import dataclass

from screening.domain.adverts import Reading, Suggestion
from screening.domain.answers import OFFER_FIELDS, OfferField
from screening.domain.catalogue import Catalogue, Question, Section
from screening.domain.conditions import Answers
from screening.domain.scoring import visible_questions
from screening.domain.signposts import TREATMENT_COUNTRY

OFFER_STEP = 1


@dataclass(frozen=True)
class Step:
    number: int
    kind: str  # "offer": the free-text details of the offer; "section": a section's questions
    section: Section | None  # None for the offer step


@dataclass(frozen=True)
class ReviewRow:
    code: str
    text: str
    answer: tuple[str, ...]  # the labels of the options chosen, in option order; empty if unanswered
    not_known: bool = False  # answered "I don't know yet"


@dataclass(frozen=True)
class ReviewSection:
    step: Step
    rows: tuple[ReviewRow, ...]


def steps(catalogue: Catalogue) -> tuple[Step, ...]:
    offer = Step(OFFER_STEP, "offer", None)
    return (
        offer,
        *(Step(i, "section", s) for i, s in enumerate(catalogue.sections, start=OFFER_STEP + 1)),
    )


def offer_fields(catalogue: Catalogue) -> tuple[OfferField, ...]:
    """The free-text details the offer step asks. Where the catalogue asks the country of
    treatment as a question of its own (issue 13), the free-text country is not asked; answer
    files that give it still load, and a country's name there still finds its signposts."""
    asks_country = any(q.is_country and q.code == TREATMENT_COUNTRY for q in catalogue.questions)
    return tuple(f for f in OFFER_FIELDS if not (asks_country and f.name == "country"))


def offer_currencies(catalogue: Catalogue) -> tuple[tuple[str, str], ...]:
    """The currencies the offer step offers, as (code, name): the version's own (issue 13)."""
    return tuple((c.code, c.name) for c in catalogue.currencies)


def step(catalogue: Catalogue, number: int) -> Step | None:
    all_steps = steps(catalogue)
    return all_steps[number - 1] if 1 <= number <= len(all_steps) else None


def questions_for(catalogue: Catalogue, section: Section, answers: Answers) -> tuple[Question, ...]:
    """The questions of a section that are asked, given the answers so far."""
    return tuple(q for q in visible_questions(catalogue, answers) if q.section == section.code)


def unanswered_in(catalogue: Catalogue, section: Section, answers: Answers) -> tuple[Question, ...]:
    return tuple(q for q in questions_for(catalogue, section, answers) if not answers.get(q.code))


def new_follow_ups(catalogue: Catalogue, section: Section, answers: Answers) -> frozenset[str]:
    """The questions on this step that the answers saved on it brought up, to mark as new.

    A step is saved only with every question on it answered: once some are saved, the ones still
    open are follow-ups. On a step with nothing saved yet, every question is simply open."""
    shown = questions_for(catalogue, section, answers)
    open_codes = {q.code for q in shown if not answers.get(q.code)}
    return frozenset(open_codes) if len(open_codes) < len(shown) else frozenset()


def first_incomplete_step(catalogue: Catalogue, answers: Answers, *, started: bool) -> int | None:
    """Where a returning person should continue: None when every question asked is answered."""
    if not started:
        return OFFER_STEP
    for s in steps(catalogue):
        if s.section is not None and unanswered_in(catalogue, s.section, answers):
            return s.number
    return None


def review_sections(catalogue: Catalogue, answers: Answers) -> tuple[ReviewSection, ...]:
    """Every question asked, step by step, with the answer given: the "check your answers" page."""
    sections = []
    for s in steps(catalogue):
        if s.section is None:
            continue
        rows = tuple(
            ReviewRow(
                q.code,
                q.text,
                tuple(o.label for o in q.options if o.code in answers.get(q.code, ())),
                not_known=q.unknown_option is not None and q.unknown_option.code in answers.get(q.code, ()),
            )
            for q in questions_for(catalogue, s.section, answers)
        )
        sections.append(ReviewSection(s, rows))
    return tuple(sections)


WORDS_PER_MINUTE = 150  # a slow, careful reader (issue 12)
SECONDS_PER_ANSWER = 10  # choosing an answer and moving on
# The words the pages show besides the catalogue's: the offer step's own questions, and on each
# step the code, the step's number, the keyboard hint, the buttons, "You can tick more than one"
# and the names of the words' links. Measured in the browser (bench/report_length.sh), which
# fails when this estimate drifts more than two minutes from the pages' own words.
OFFER_PAGE_WORDS = 160
PAGE_WORDS_PER_STEP = 80


def help_split(help_text: str) -> tuple[str, str]:
    """A question's help as (what the step shows, what opens on request).

    The catalogue's editors decide: the help's first paragraph is what a person needs to answer
    the question; what follows a blank line (examples, background, where to look it up) opens on
    request, to keep the steps short (issue 12)."""
    shown, _, more = help_text.strip().partition("\n\n")
    return shown.strip(), more.strip()


def minutes_to_answer(catalogue: Catalogue, answers: Answers) -> int:
    """An estimate of the minutes the questionnaire takes, up to the review, with these answers:
    the words of its steps (titles, introductions, questions, help and answer labels, and the
    pages' own words) at WORDS_PER_MINUTE, plus SECONDS_PER_ANSWER for each question shown; help
    that opens on request is not counted (help_split). With no answers, the shortest path:
    follow-up questions add to it. `bench/report_length.sh` measures whole pages in a browser."""
    from screening.domain.readability import word_count  # here: it loads textstat's dictionary

    words, questions = OFFER_PAGE_WORDS, 0
    for s in steps(catalogue):
        if s.section is None:
            continue
        words += PAGE_WORDS_PER_STEP + word_count(s.section.title) + word_count(s.section.intro)
        for q in questions_for(catalogue, s.section, answers):
            questions += 1
            words += word_count(q.text) + word_count(help_split(q.help_text)[0])
            words += sum(word_count(o.label) for o in q.options)
    return round(words / WORDS_PER_MINUTE + questions * SECONDS_PER_ANSWER / 60)


# --- Suggestions from the clinic's text (issue 14) ------------------------------------------------


def reads_offer_text(catalogue: Catalogue) -> bool:
    """The offer step asks for the clinic's text only where the version has rules to read it."""
    return any(r.active and r.kind in ("phrase", "count") for r in catalogue.phrase_rules)


def suggested_here(
    reading: Reading | None, questions: tuple[Question, ...], answers: Answers
) -> dict[str, Suggestion]:
    """The suggestions a step shows, pre-selected: for its questions not answered yet. An answer
    the person gave is theirs; a suggestion never replaces it."""
    if reading is None:
        return {}
    return {
        q.code: suggestion
        for q in questions
        if q.code not in answers and (suggestion := reading.suggestion(q.code)) is not None
    }


def as_answers(
    suggested: dict[str, Suggestion], questions: tuple[Question, ...]
) -> dict[str, str | list[str]]:
    """Suggestions in answer-file form (one code for a single choice), for a step's form."""
    kinds = {q.code: q.kind for q in questions}
    return {
        code: s.options[0] if kinds.get(code) == "single" else list(s.options)
        for code, s in suggested.items()
    }


def still_accepted(reading: Reading | None, answers: Answers, accepted: tuple[str, ...]) -> tuple[str, ...]:
    """After the text changed: the confirmed suggestions the new text still suggests, as answered."""
    return tuple(
        code
        for code in accepted
        if reading is not None
        and (suggestion := reading.suggestion(code)) is not None
        and answers.get(code) == frozenset(suggestion.options)
    )


def untouched_suggestions(suggested: dict[str, Suggestion], posted: dict[str, list[str]]) -> set[str]:
    """The questions posted exactly as they were pre-selected: on Back they are not the person's
    answers yet (nothing counts until Next)."""
    return {code for code, s in suggested.items() if sorted(posted.get(code, ())) == sorted(s.options)}


def accepted_after(
    reading: Reading | None,
    questions: tuple[Question, ...],
    before: Answers,
    after: Answers,
    accepted: tuple[str, ...],
) -> tuple[str, ...]:
    """The questions whose saved answer is a suggestion the person confirmed, once a step's
    answers are saved: a question shown with a suggestion (or confirmed before) counts while its
    answer is the one suggested, and stops counting when the person changes it."""
    kept = set(accepted)
    for q in questions:
        suggestion = reading.suggestion(q.code) if reading is not None else None
        if q.code not in before or q.code in kept:
            if suggestion is not None and after.get(q.code) == frozenset(suggestion.options):
                kept.add(q.code)
            else:
                kept.discard(q.code)
    return tuple(sorted(kept))
