"""The admin is a product screen for the staff who keep the criteria.

They edit the draft here and publish it from the "Catalogue versions" page, which shows what
changed since the last published version and everything that blocks publishing.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from simple_history.admin import SimpleHistoryAdmin

from screening import catalogue as domain
from screening.models import (
    Band,
    CatalogueVersion,
    Criterion,
    CriterionSource,
    Escalation,
    Option,
    OptionCriterion,
    OptionSign,
    Question,
    ReassuringSign,
    ScoringSettings,
    Screening,
    Section,
    SignSource,
)
from screening.publishing import PublishError, draft_problems, latest_version, publish

admin.site.site_header = "Stem Cell Offer Check: staff"
admin.site.site_title = "Stem Cell Offer Check staff"
admin.site.index_title = "Criteria, questions and published versions"


class CodeReadOnlyAfterCreation:
    """Codes are a public interface: settable when a row is created, fixed afterwards."""

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        return (*readonly, "code") if obj is not None else readonly


class SourceInline(admin.TabularInline):
    extra = 0
    min_num = 1
    fields = ("title", "publisher", "url", "last_checked", "position")
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


@admin.register(Criterion)
class CriterionAdmin(CodeReadOnlyAfterCreation, SimpleHistoryAdmin):
    list_display = ("code", "title", "category", "severity", "weight", "is_active", "position")
    list_filter = ("category", "severity", "is_active")
    list_editable = ("position",)
    search_fields = ("code", "title", "explanation", "why_it_matters")
    ordering = ("position", "code")
    inlines = [CriterionSourceInline, FiredByInline]
    fieldsets = (
        (None, {"fields": ("code", "title", "category", "is_active", "position")}),
        ("Scoring", {"fields": ("severity", "weight", "raised_severity", "raised_when")}),
        (
            "What the person reads",
            {"fields": ("explanation", "why_it_matters", "ask_clinic", "discuss_with_doctor")},
        ),
    )


@admin.register(ReassuringSign)
class ReassuringSignAdmin(CodeReadOnlyAfterCreation, SimpleHistoryAdmin):
    list_display = ("code", "title", "weight", "is_active", "position")
    list_filter = ("is_active",)
    search_fields = ("code", "title", "explanation")
    inlines = [SignSourceInline]


@admin.register(Section)
class SectionAdmin(CodeReadOnlyAfterCreation, SimpleHistoryAdmin):
    list_display = ("position", "code", "title")
    list_display_links = ("code",)
    ordering = ("position",)


class OptionInline(admin.TabularInline):
    model = Option
    extra = 0
    fields = ("position", "code", "label", "is_unknown", "is_exclusive")
    show_change_link = True  # its red and green flags are edited on the option's own page


@admin.register(Question)
class QuestionAdmin(CodeReadOnlyAfterCreation, SimpleHistoryAdmin):
    list_display = ("code", "text", "section", "kind", "position", "has_show_if")
    list_filter = ("section", "kind")
    list_select_related = ("section",)
    search_fields = ("code", "text", "help_text")
    inlines = [OptionInline]
    fields = ("code", "section", "position", "kind", "text", "help_text", "show_if")

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
class OptionAdmin(SimpleHistoryAdmin):
    list_display = ("question", "code", "label", "is_unknown", "is_exclusive")
    list_filter = ("is_unknown", "question__section")
    list_select_related = ("question",)
    search_fields = ("code", "label", "question__code")
    inlines = [OptionCriterionInline, OptionSignInline]
    fields = ("question", "code", "label", "is_unknown", "is_exclusive", "position", "report_note")
    autocomplete_fields = ("question",)


@admin.register(Band)
class BandAdmin(SimpleHistoryAdmin):
    list_display = ("level", "min_points", "title")


@admin.register(Escalation)
class EscalationAdmin(CodeReadOnlyAfterCreation, SimpleHistoryAdmin):
    list_display = ("code", "level", "position")
    filter_horizontal = ("criteria",)


@admin.register(ScoringSettings)
class ScoringSettingsAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "partial_fraction", "max_offset_share", "score_ceiling")

    def has_add_permission(self, request):
        return not ScoringSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CatalogueVersion)
class CatalogueVersionAdmin(admin.ModelAdmin):
    """Published versions are frozen: nothing here edits one. Publishing has its own page."""

    list_display = ("number", "published_at", "published_by_name", "note", "short_sha")
    readonly_fields = ("number", "note", "published_by_name", "published_at", "sha256")
    exclude = ("content", "published_by")
    change_list_template = "admin/screening/catalogueversion/change_list.html"

    @admin.display(description="SHA-256")
    def short_sha(self, obj):
        return obj.sha256[:12]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        custom = [
            path(
                "publish/",
                self.admin_site.admin_view(self.publish_view),
                name="screening_catalogueversion_publish",
            )
        ]
        return custom + super().get_urls()

    def publish_view(self, request):
        if not request.user.has_perm("screening.add_catalogueversion"):
            raise PermissionDenied
        content, errors = draft_problems()
        latest = latest_version()
        changes = domain.diff(latest.content if latest else None, content) if content is not None else []
        if request.method == "POST":
            try:
                version = publish(
                    request.POST.get("note", "")[:2000],
                    request.user,
                    expected_sha256=request.POST.get("reviewed_sha256", "") or "missing",
                )
            except PublishError as exc:
                for error in exc.errors:
                    messages.error(request, error)
            else:
                messages.success(
                    request, f"Published version {version.number}. New screenings use it from now on."
                )
                return redirect(reverse("admin:screening_catalogueversion_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Publish the draft catalogue",
            "errors": errors,
            "changes": changes,
            "latest": latest,
            "note": request.POST.get("note", ""),
            "reviewed_sha256": domain.sha256_of(content) if content is not None else "",
        }
        return TemplateResponse(request, "admin/screening/catalogueversion/publish.html", context)


@admin.register(Screening)
class ScreeningAdmin(admin.ModelAdmin):
    """Screenings hold health data. Staff see counts; only those with the "view answers"
    permission can open one, and even they never see its link or resume code."""

    list_display = ("__str__", "version", "created", "updated", "completed_at")
    list_filter = ("version",)
    fields = ("version", "created", "updated", "completed_at", "answers", "offer")
    readonly_fields = fields
    change_list_template = "admin/screening/screening/change_list.html"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        if obj is not None:
            return request.user.has_perm("screening.view_answers")
        return super().has_view_permission(request, obj)

    def changelist_view(self, request, extra_context=None):
        can_read = request.user.has_perm("screening.view_answers")
        counts = Screening.objects.aggregate(
            total=Count("pk"), finished=Count("pk", filter=Q(completed_at__isnull=False))
        )
        by_version = (
            Screening.objects.values("version__number").annotate(n=Count("pk")).order_by("version__number")
        )
        extra = {"counts": counts, "by_version": by_version, "can_read_answers": can_read}
        if not can_read:
            context = {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": "Screenings",
                **extra,
            }
            return TemplateResponse(request, "admin/screening/screening/counts.html", context)
        return super().changelist_view(request, {**(extra_context or {}), **extra})
