"""Forms validate and normalise one page's input; saving is the services' job."""

from __future__ import annotations

import hmac
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from screening.domain.adverts import TEXT_LIMIT, Suggestion
from screening.domain.answers import OFFER_CHOICES, OFFER_FIELDS, OfferField, check_choice
from screening.domain.catalogue import Question
from screening.domain.journey import help_split
from screening.models.screenings import RESUME_GROUP_LENGTH, RESUME_GROUPS, group_resume_code
from screening.wording import (
    CURRENCY_TEXT,
    OFFER_CHOICE_TEXTS,
    OFFER_TEXT_TEXT,
    OFFER_TEXTS,
    PROBLEM_TEXTS,
    describe_answer_problem,
)


class OfferForm(forms.Form):
    """Who the answers are about and who offers it (domain.answers.OFFER_CHOICES), then the
    free-text details of the offer the version asks (journey.offer_fields). All optional."""

    def __init__(
        self,
        *args: Any,
        fields: tuple[OfferField, ...] = OFFER_FIELDS,
        currencies: tuple[tuple[str, str], ...] = (),
        reads_text: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        for c in OFFER_CHOICES:
            words = OFFER_CHOICE_TEXTS[c.name]
            self.fields[c.name] = forms.ChoiceField(
                label=words.question,
                help_text=words.help,
                choices=[(code, words.labels[code]) for code in c.options],
                initial=c.options[0],
                required=False,
                widget=forms.RadioSelect,
            )
        if currencies:  # the version's, as (code, name): the cost answers read in its amounts
            choices = list(currencies)
            # A code from an answer file that the version does not hold stays, as it was given.
            kept = str(self.initial.get("currency", ""))
            if kept and kept not in dict(currencies):
                choices.append((kept, kept.upper()))
            self.fields["currency"] = forms.ChoiceField(
                label=CURRENCY_TEXT.question,
                help_text=CURRENCY_TEXT.help,
                choices=[*choices, ("", CURRENCY_TEXT.none)],  # "none" undoes a choice
                required=False,
                widget=forms.RadioSelect,
            )
        for f in fields:
            texts = OFFER_TEXTS[f.name]
            self.fields[f.name] = forms.CharField(
                label=texts.question,
                help_text=texts.help,
                max_length=f.max_length,
                required=False,
                widget=forms.Textarea(attrs={"rows": texts.lines}) if texts.lines > 1 else None,
            )
        if reads_text:  # the version has rules to read the clinic's text with (issue 14)
            self.fields[OFFER_TEXT_FIELD] = OfferTextField(
                label=OFFER_TEXT_TEXT.question, help_text=OFFER_TEXT_TEXT.help, required=False
            )


OFFER_TEXT_FIELD = "offer_text"


class OfferTextField(forms.CharField):
    """A pasted text of at most adverts.TEXT_LIMIT characters, counted as the browser counts
    them: a line break is one character, though the browser sends two."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(widget=forms.Textarea(attrs={"rows": 8, "maxlength": TEXT_LIMIT}), **kwargs)
        self.validators.append(
            MaxLengthValidator(
                TEXT_LIMIT,
                message=_("This is longer than %(limit_value)s characters. Paste the main part only."),
            )
        )

    def to_python(self, value: Any) -> str:
        return super().to_python(value).replace("\r\n", "\n")


class ResumeForm(forms.Form):
    code = forms.CharField(
        label=_("Your code"),
        help_text=_(
            "It looks like ABCDE-FGHJK-MNPQR. It is on every page of your questionnaire and on your report."
        ),
        max_length=40,
    )

    def clean_code(self) -> str:
        raw = "".join(ch for ch in self.cleaned_data["code"].upper() if ch.isalnum())
        if len(raw) not in (8, RESUME_GROUPS * RESUME_GROUP_LENGTH):  # 8: the codes given before
            raise forms.ValidationError(_("A code has 15 letters and numbers, like ABCDE-FGHJK-MNPQR."))
        return group_resume_code(raw)


class DeleteForm(ResumeForm):
    """Deleting needs the report's code, not only its address: a printed or forwarded link
    must not be enough to delete someone's report."""

    def __init__(self, *args: Any, resume_code: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.resume_code = resume_code
        self.fields["code"].label = _("Your code, to confirm")

    def clean_code(self) -> str:
        code = super().clean_code()
        if not hmac.compare_digest(code, self.resume_code):
            raise forms.ValidationError(_("That is not the code of this report. Check it and try again."))
        return code


class PublishForm(forms.Form):
    """The admin's publish screen: a note, and the hash of the draft the publisher reviewed."""

    note = forms.CharField(
        label="Publication note (what changed and why)",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
    )
    # Without it, nobody looked at the draft being published: refused as a draft that changed.
    reviewed_sha256 = forms.CharField(
        max_length=64, widget=forms.HiddenInput, error_messages={"required": PROBLEM_TEXTS["draft-changed"]}
    )


@dataclass(frozen=True)
class OptionRow:
    code: str
    label: str
    checked: bool


@dataclass(frozen=True)
class QuestionRow:
    """What the template shows for one question."""

    code: str
    text: str
    help_text: str  # shown with the question
    more_help: str  # opens on request (domain.journey.help_split)
    kind: str
    errors: tuple[str, ...]
    options: tuple[OptionRow, ...]
    is_new: bool = False  # a follow-up that the answers saved on this step brought up
    # Pre-selected from the clinic's text (issue 14): the words quoted, and why they suggest it.
    suggested_from: tuple[str, ...] = ()
    suggested_because: tuple[str, ...] = ()


class _Codes(forms.Widget):
    """Every value posted under the name, repeats included, for radios and tick boxes alike:
    the answer check must see what was sent, not the last value of it."""

    def value_from_datadict(self, data, files, name):
        if hasattr(data, "getlist"):
            return data.getlist(name)
        value = data.get(name)
        return [] if value is None else [value] if isinstance(value, str) else list(value)


class AnswerField(forms.Field):
    """One question's answer as a list of option codes, checked by domain.answers.check_choice."""

    widget = _Codes

    def __init__(self, question: Question, **kwargs: Any) -> None:
        super().__init__(required=False, label=question.text, **kwargs)
        self.question = question

    def to_python(self, value: Any) -> list[str]:
        return [str(v) for v in value] if isinstance(value, list | tuple) else []

    def validate(self, value: list[str]) -> None:
        problem = check_choice(self.question, value)
        if problem is None:
            return
        raise forms.ValidationError(describe_answer_problem(problem, self.question.kind), code=problem.code)


class StepForm(forms.Form):
    """One step's questions: field names are question codes, values are option codes."""

    def __init__(self, *args: Any, questions: tuple[Question, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for q in questions:
            self.fields[q.code] = AnswerField(q)

    def answers(self) -> dict[str, Any]:
        """The cleaned answers in answer-file form."""
        out: dict[str, Any] = {}
        for q in self.questions:
            chosen = self.cleaned_data.get(q.code)
            if chosen:
                out[q.code] = chosen[0] if q.kind == "single" else chosen
        return out

    def rows(
        self, new: frozenset[str] = frozenset(), suggested: Mapping[str, Suggestion] | None = None
    ) -> tuple[QuestionRow, ...]:
        rows = []
        suggested = suggested or {}
        for q in self.questions:
            suggestion = suggested.get(q.code)
            value = self[q.code].value() if self.is_bound else self.initial.get(q.code, [])
            chosen = {value} if isinstance(value, str) else set(value or ())
            help_shown, more_help = help_split(q.help_text)
            rows.append(
                QuestionRow(
                    code=q.code,
                    text=q.text,
                    help_text=help_shown,
                    more_help=more_help,
                    kind=q.kind,
                    errors=tuple(self.errors.get(q.code, [])),
                    options=tuple(OptionRow(o.code, o.label, o.code in chosen) for o in q.options),
                    is_new=q.code in new,
                    suggested_from=suggestion.quotes() if suggestion else (),
                    suggested_because=tuple(dict.fromkeys(r.reason for r in suggestion.rules))
                    if suggestion
                    else (),
                )
            )
        return tuple(rows)
