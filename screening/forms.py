"""Forms validate and normalise one step's input; saving is the view's job (via services)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms

from screening.answers import OFFER_FIELDS
from screening.catalogue import Question

REQUIRED_SINGLE = "Choose an answer. If you are not sure, choose “I don't know”."
REQUIRED_MULTIPLE = "Tick at least one answer. If you are not sure, tick “I don't know”."
INVALID_CHOICE = "Choose one of the answers listed."


class OfferForm(forms.Form):
    """The free-text details of the offer. All optional; each with a length limit."""

    condition = forms.CharField(
        label="What condition is the treatment for?",
        help_text="For example: relapsing MS, autism, knee osteoarthritis.",
        max_length=OFFER_FIELDS["condition"],
        required=False,
    )
    treatment = forms.CharField(
        label="What does the clinic offer?",
        help_text="In your own words, or as the clinic describes it.",
        max_length=OFFER_FIELDS["treatment"],
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    country = forms.CharField(
        label="In which country is the clinic?", max_length=OFFER_FIELDS["country"], required=False
    )
    price = forms.CharField(
        label="What price did they quote?",
        help_text="With the currency, for example: US$ 15,000.",
        max_length=OFFER_FIELDS["price"],
        required=False,
    )


class ResumeForm(forms.Form):
    code = forms.CharField(
        label="Your code",
        help_text="It looks like ABCD-2345. It is on every page of your questionnaire and on your report.",
        max_length=20,
    )

    def clean_code(self) -> str:
        raw = "".join(ch for ch in self.cleaned_data["code"].upper() if ch.isalnum())
        if len(raw) != 8:
            raise forms.ValidationError("A code has 8 letters and numbers, like ABCD-2345.")
        return f"{raw[:4]}-{raw[4:]}"


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
    help_text: str
    kind: str
    errors: tuple[str, ...]
    options: tuple[OptionRow, ...]


class StepForm(forms.Form):
    """One step's questions: field names are question codes, values are option codes."""

    def __init__(self, *args: Any, questions: tuple[Question, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for q in questions:
            choices = [(o.code, o.label) for o in q.options]
            if q.kind == "single":
                self.fields[q.code] = forms.ChoiceField(
                    choices=choices,
                    widget=forms.RadioSelect,
                    label=q.text,
                    error_messages={"required": REQUIRED_SINGLE, "invalid_choice": INVALID_CHOICE},
                )
            else:
                self.fields[q.code] = forms.MultipleChoiceField(
                    choices=choices,
                    widget=forms.CheckboxSelectMultiple,
                    label=q.text,
                    error_messages={"required": REQUIRED_MULTIPLE, "invalid_choice": INVALID_CHOICE},
                )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for q in self.questions:
            chosen = cleaned.get(q.code)
            if q.kind == "multiple" and chosen and len(chosen) > 1:
                for code in chosen:
                    option = q.option(code)
                    if option is not None and option.exclusive:
                        self.add_error(
                            q.code, f"“{option.label}” cannot be ticked together with other answers."
                        )
                        break
        return cleaned

    def answers(self) -> dict[str, Any]:
        """The cleaned answers in answer-file form."""
        return {q.code: self.cleaned_data[q.code] for q in self.questions if q.code in self.cleaned_data}

    def rows(self) -> tuple[QuestionRow, ...]:
        rows = []
        for q in self.questions:
            if self.is_bound:
                value = (
                    self.data.getlist(q.code) if hasattr(self.data, "getlist") else self.data.get(q.code, [])
                )
            else:
                value = self.initial.get(q.code, [])
            chosen = {value} if isinstance(value, str) else set(value)
            rows.append(
                QuestionRow(
                    code=q.code,
                    text=q.text,
                    help_text=q.help_text,
                    kind=q.kind,
                    errors=tuple(self.errors.get(q.code, [])),
                    options=tuple(OptionRow(o.code, o.label, o.code in chosen) for o in q.options),
                )
            )
        return tuple(rows)
