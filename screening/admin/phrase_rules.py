"""The offer-text assist's rules (issue 14), and the page to try them on a sample."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path
from simple_history.admin import SimpleHistoryAdmin

from screening.admin.catalogue import CodeReadOnlyAfterCreation, DraftPages, EditorFields
from screening.domain.adverts import every_rule_matches, marked, read_offer_text
from screening.forms import OfferTextField
from screening.models import PhraseRule
from screening.storage import StoredRuleError, read_draft
from screening.wording import describe_problem


class SampleForm(forms.Form):
    sample = OfferTextField(
        label="A sample of an offer's text",
        help_text="Paste an advert, an email or a message. It is not saved anywhere.",
    )


@admin.register(PhraseRule)
class PhraseRuleAdmin(DraftPages, EditorFields, CodeReadOnlyAfterCreation, SimpleHistoryAdmin):
    """Rules that read a clinic's text and suggest answers. Each suggestion is shown to the person
    with the words that led to it, and counts only once they confirm it."""

    list_display = ("code", "family", "kind", "question", "language", "is_active", "position")
    list_filter = ("family", "kind", "language", "is_active")
    list_editable = ("position",)
    search_fields = ("code", "question", "phrases", "reason")
    fields = (
        *("code", "family", "kind", "language", "question", "options", "reason"),
        *("phrases", "negations", "disclosures", "requires", "at_least", "is_active", "position"),
    )
    change_list_template = "admin/screening/phraserule/change_list.html"

    def get_urls(self):
        try_page = path("try/", self.admin_site.admin_view(self.try_view), name="screening_phraserule_try")
        return [try_page, *super().get_urls()]

    def try_view(self, request):
        """What every rule of the draft matches in a sample, and the answers it would suggest."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = SampleForm(request.POST if request.method == "POST" else None)
        context = {**self.admin_site.each_context(request), "title": "Try the offer-text rules", "form": form}
        if form.is_valid():
            try:
                catalogue = read_draft()
            except StoredRuleError as exc:
                context["problem"] = describe_problem(exc.problem)
                return TemplateResponse(request, "admin/screening/phraserule/try.html", context)
            sample = form.cleaned_data["sample"]
            reading = read_offer_text(catalogue, sample)
            matched = every_rule_matches(catalogue, sample)
            suggesting = [(rule, ps) for rule, ps in matched if rule.kind in ("phrase", "count")]
            context |= {
                "reading": reading,
                "matched": [(rule, passages) for rule, passages in matched if passages],
                "unmatched": [rule for rule, passages in matched if not passages],
                # Marked: what the rules that suggest answers matched (not the "absent" rules' words).
                "pieces": marked(sample, [p for _, passages in suggesting for p in passages]),
                "rule_count": len(matched),
            }
        return TemplateResponse(request, "admin/screening/phraserule/try.html", context)
