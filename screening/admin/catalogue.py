"""The draft catalogue's admin: criteria with their sources, reassuring signs, steps, questions
with their options inline, what each option fires, bands, escalations, scoring settings, the
words page and the countries with their signposts."""

from datetime import timedelta

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from screening.domain.answers import AnswerFileError, parse_answers
from screening.domain.report import build_report
from screening.domain.voice import catalogue_spoken, voice_of
from screening.models import (
    AmountLabel,
    Band,
    CalibrationCase,
    Criterion,
    CriterionSource,
    Currency,
    Escalation,
    GlossaryWord,
    Jurisdiction,
    Option,
    OptionCriterion,
    OptionSign,
    Question,
    ReassuringSign,
    ScoringSettings,
    Section,
    Signpost,
    SignSource,
)
from screening.report_page import report_shown
from screening.storage import SIGNPOST, StoredRuleError, read_draft
from screening.wording import describe_problem


class DraftPages:
    """Every page of the draft catalogue says so: nothing changes for anyone until it is published."""

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {"editing_draft": True, **(extra_context or {})})

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        context = {"editing_draft": True, **(extra_context or {})}
        return super().changeform_view(request, object_id, form_url, context)

    def delete_view(self, request, object_id, extra_context=None):
        return super().delete_view(request, object_id, {"editing_draft": True, **(extra_context or {})})


class EditorFields:
    """Form fields as assistive technology needs them (axe-core, the W3C checker):
    - dates whose default is "today" or "a year on" are not also sent as hidden copies, which
      Django gives an aria-describedby (invalid HTML);
    - each input carries its own name (aria-label), since in a table row (inline sources, the
      list's editable order) Django shows the name only in the column heading;
    - a many-to-many choice is a list of tick boxes, not Django's two-box widget, whose help
      icon carries an ARIA attribute its element may not have."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.ManyToManyField):
            kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None:
            field.show_hidden_initial = False
            if field.label and not isinstance(field.widget, forms.CheckboxSelectMultiple | forms.HiddenInput):
                field.widget.attrs.setdefault("aria-label", str(field.label))
        return field


class CodeReadOnlyAfterCreation:
    """Codes are a public interface: settable when a row is created, fixed afterwards."""

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        return (*readonly, "code") if obj is not None else readonly


class SourceForm(forms.ModelForm):
    """A source row, with the tick that records that a person opened the link today."""

    opened_today = forms.BooleanField(
        label="I opened it today",
        required=False,
        help_text="Tick only after you opened the link and it still says what we cite.",
    )

    def save(self, commit=True):
        if self.cleaned_data.get("opened_today"):
            self.instance.last_opened = timezone.localdate()
        elif "url" in self.changed_data:
            self.instance.last_opened = None  # the date was about the old link
        return super().save(commit)


class SourceFormSet(forms.BaseInlineFormSet):
    """In a table row the tick boxes' names are only in the column headings: each carries its own."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for name in ("opened_today", "DELETE"):
            if name in form.fields:
                form.fields[name].widget.attrs.setdefault("aria-label", str(form.fields[name].label))


class SourceInline(EditorFields, admin.TabularInline):
    form = SourceForm
    formset = SourceFormSet
    extra = 0
    min_num = 1
    fields = (
        *("title", "publisher", "url", "year", "primary"),
        *("compiled", "last_opened", "opened_today", "position"),
    )
    readonly_fields = ("last_opened",)
    # A URL typed without a scheme is taken as https (Django 6's default, chosen now).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class CriterionSourceInline(SourceInline):
    model = CriterionSource


class SignSourceInline(SourceInline):
    model = SignSource


class FiredByInline(admin.TabularInline):
    """Which answer options fire this criterion (read-only here; edit them on the option)."""

    model = OptionCriterion
    fk_name = "criterion"
    extra = 0
    can_delete = False
    fields = ("option", "strength", "severity", "only_if")
    readonly_fields = fields
    verbose_name_plural = "fired by these answer options"

    def has_add_permission(self, request, obj=None):
        return False


class ReviewFilter(admin.SimpleListFilter):
    title = "review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("past", "Past its review date"), ("soon", "Due within 30 days"), ("none", "No review date")]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "past":
            return queryset.filter(review_by__lt=today)
        if self.value() == "soon":
            return queryset.filter(review_by__gte=today, review_by__lte=today + timedelta(days=30))
        if self.value() == "none":
            return queryset.filter(review_by__isnull=True)
        return queryset


@admin.register(Criterion)
class CriterionAdmin(DraftPages, EditorFields, CodeReadOnlyAfterCreation, SimpleHistoryAdmin):
    list_display = ("code", "title", "category", "severity", "weight", "review_by", "is_active", "position")
    list_filter = (ReviewFilter, "category", "severity", "is_active")
    list_editable = ("position",)
    # Two form fields a row: at 50 rows a page, saving stays under DATA_UPLOAD_MAX_NUMBER_FIELDS (200).
    list_per_page = 50
    search_fields = ("code", "title", "explanation", "why_it_matters")
    ordering = ("position", "code")
    inlines = [CriterionSourceInline, FiredByInline]
    fieldsets = (
        (None, {"fields": ("code", "title", "category", "is_active", "position", "review_by")}),
        (
            "Scoring",
            {
                "fields": (
                    *("severity", "weight", "raised_severity", "raised_when", "answered_by"),
                    *("lowered_severity", "lowered_when"),
                )
            },
        ),
        (
            "What the person reads",
            {"fields": ("explanation", "why_it_matters", "ask_clinic", "discuss_with_doctor")},
        ),
    )


@admin.register(ReassuringSign)
class ReassuringSignAdmin(DraftPages, EditorFields, CodeReadOnlyAfterCreation, SimpleHistoryAdmin):
    list_display = ("code", "title", "weight", "is_active", "position")
    list_filter = ("is_active",)
    search_fields = ("code", "title", "explanation")
    inlines = [SignSourceInline]


@admin.register(GlossaryWord)
class GlossaryWordAdmin(DraftPages, CodeReadOnlyAfterCreation, SimpleHistoryAdmin):
    list_display = ("term", "code", "meaning", "position")
    list_editable = ("position",)
    search_fields = ("term", "forms", "meaning")
    fields = ("code", "term", "meaning", "forms", "position")


class SignpostForm(SourceForm):
    """A signpost with the source's "I opened it today" tick. What a report shows of it, or how
    sure the research was, changed: the check was of the old row, so it is no longer checked
    (reports say "please check" again) until a person opens it and puts their name to it."""

    CHECKED_CONTENT = ("kind", "title", "text", "url", "number_name", "source_url", "confidence")

    def save(self, commit=True):
        if self.instance.pk and any(name in self.changed_data for name in self.CHECKED_CONTENT):
            if not self.cleaned_data.get("opened_today"):
                self.instance.last_opened = None
            if "reviewed_by" not in self.changed_data:
                self.instance.reviewed_by = ""
        return super().save(commit)


class SignpostInline(EditorFields, admin.StackedInline):
    model = Signpost
    form = SignpostForm
    extra = 0
    fields = (
        *("position", "kind", "title", "text", "url", "number_name"),
        *("source_url", "confidence", "last_opened", "opened_today", "reviewed_by"),
    )
    readonly_fields = ("last_opened",)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Jurisdiction)
class JurisdictionAdmin(DraftPages, EditorFields, CodeReadOnlyAfterCreation, SimpleHistoryAdmin):
    list_display = ("name", "code", "part_of", "review_by", "signposts_checked", "position")
    list_filter = (ReviewFilter,)
    list_editable = ("position",)
    search_fields = ("code", "name", "approval_meaning", "signposts__title", "signposts__text")
    fields = ("code", "name", "part_of", "approval_meaning", "review_by", "position")
    inlines = [SignpostInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("signposts")

    @admin.display(description="signposts checked")
    def signposts_checked(self, obj):
        """Reports show a "please check" note on every signpost that is not confirmed, opened and reviewed."""
        posts = [SIGNPOST.read(p) for p in obj.signposts.all()]
        return f"{sum(p.is_checked for p in posts)} of {len(posts)}"


class AmountLabelInline(EditorFields, admin.TabularInline):
    model = AmountLabel
    extra = 0
    fields = ("position", "question", "option", "label")


@admin.register(Currency)
class CurrencyAdmin(DraftPages, EditorFields, CodeReadOnlyAfterCreation, SimpleHistoryAdmin):
    """The cost answers in each currency. The limits are rounded amounts an editor chooses, not
    exchange rates: the answer codes, and so the scoring, are the same in every currency."""

    list_display = ("name", "code", "position")
    list_editable = ("position",)
    fields = ("code", "name", "position")
    inlines = [AmountLabelInline]


@admin.register(Section)
class SectionAdmin(DraftPages, CodeReadOnlyAfterCreation, SimpleHistoryAdmin):
    list_display = ("position", "code", "title")
    list_display_links = ("code",)
    ordering = ("position",)


class OptionInline(admin.TabularInline):
    model = Option
    extra = 0
    fields = ("position", "code", "label", "is_unknown", "is_exclusive", "is_refused")
    show_change_link = True  # its red and green flags are edited on the option's own page


@admin.register(Question)
class QuestionAdmin(DraftPages, CodeReadOnlyAfterCreation, SimpleHistoryAdmin):
    list_display = ("code", "text", "section", "kind", "position", "has_show_if", "is_key")
    list_filter = ("section", "kind")
    list_select_related = ("section",)
    search_fields = ("code", "text", "help_text")
    inlines = [OptionInline]
    fields = (
        *("code", "section", "position", "kind", "text", "help_text", "show_if"),
        *("is_key", "is_step", "is_country"),
    )

    @admin.display(boolean=True, description="show-if rule")
    def has_show_if(self, obj):
        return bool(obj.show_if.strip())


class OptionCriterionInline(admin.TabularInline):
    model = OptionCriterion
    extra = 0
    autocomplete_fields = ("criterion",)
    fields = ("criterion", "strength", "severity", "only_if")
    verbose_name_plural = "red flags this answer fires"


class OptionSignInline(admin.TabularInline):
    model = OptionSign
    extra = 0
    autocomplete_fields = ("sign",)
    verbose_name_plural = "reassuring signs this answer counts"


@admin.register(Option)
class OptionAdmin(DraftPages, SimpleHistoryAdmin):
    list_display = ("question", "code", "label", "is_unknown", "is_exclusive")
    list_filter = ("is_unknown", "question__section")
    list_select_related = ("question",)
    search_fields = ("code", "label", "question__code")
    inlines = [OptionCriterionInline, OptionSignInline]
    fields = (
        "question",
        "code",
        "label",
        "is_unknown",
        "is_exclusive",
        "is_refused",
        "position",
        "report_note",
    )
    autocomplete_fields = ("question",)


@admin.register(Band)
class BandAdmin(DraftPages, SimpleHistoryAdmin):
    list_display = ("level", "min_points", "title")


@admin.register(Escalation)
class EscalationAdmin(DraftPages, CodeReadOnlyAfterCreation, SimpleHistoryAdmin):
    list_display = ("code", "level", "position")
    filter_horizontal = ("criteria",)


@admin.register(ScoringSettings)
class ScoringSettingsAdmin(DraftPages, SimpleHistoryAdmin):
    list_display = (
        "__str__",
        "rules",
        "partial_fraction",
        "partial_cap",
        "max_offset_share",
        "score_ceiling",
    )

    def has_add_permission(self, request):
        return not ScoringSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


CALIBRATION_CASE_FIELDS = (
    "code",
    "title",
    "is_active",
    "expected_level",
    "acceptable_levels",
    "answers",
    "offer",
    "notes",
    "sources",
)


class CalibrationCaseForm(forms.ModelForm):
    class Meta:
        model = CalibrationCase
        fields = CALIBRATION_CASE_FIELDS

    def clean_answers(self):
        """The answers must fit the draft as it is now, by the same rules as an answer file."""
        answers = self.cleaned_data["answers"]
        try:
            parse_answers(answers, read_draft())
        except AnswerFileError as exc:
            raise forms.ValidationError(describe_problem(exc.problem)) from None
        except StoredRuleError as exc:
            raise forms.ValidationError(describe_problem(exc.problem)) from None
        return answers


@admin.register(CalibrationCase)
class CalibrationCaseAdmin(CodeReadOnlyAfterCreation, SimpleHistoryAdmin):
    """Worked offers with an expert's level: publishing refuses a draft that moves any active one
    outside its acceptable levels (the publish screen names it)."""

    form = CalibrationCaseForm
    list_display = ("code", "title", "expected_level", "is_active", "preview_link")
    list_filter = ("expected_level", "is_active")
    search_fields = ("code", "title", "notes")
    fields = CALIBRATION_CASE_FIELDS

    @admin.display(description="report the draft gives")
    def preview_link(self, obj):
        url = reverse("admin:screening_calibrationcase_preview", args=[obj.pk])
        return format_html('<a href="{}">Preview</a>', url)

    def get_urls(self):
        preview = path(
            "<int:pk>/preview/",
            self.admin_site.admin_view(self.preview_view),
            name="screening_calibrationcase_preview",
        )
        return [preview, *super().get_urls()]

    def preview_view(self, request, pk):
        """The report a person would see for this case's answers, scored with the draft as it is now."""
        case = get_object_or_404(CalibrationCase, pk=pk)
        if not self.has_view_permission(request, case):
            raise PermissionDenied
        context = {"page": "preview", "case": case, "preview": True}
        try:
            catalogue = read_draft()
            answers = parse_answers(case.answers, catalogue)
            report = build_report(
                catalogue_spoken(catalogue, voice_of(case.offer)), answers, offer=case.offer
            )
        except (AnswerFileError, StoredRuleError) as exc:
            context["problem"] = describe_problem(exc.problem)
            return TemplateResponse(request, "screening/preview.html", context)
        return TemplateResponse(request, "screening/preview.html", context | report_shown(report, catalogue))
