"""Screenings hold health data: counts for every staff member, answers only with a permission."""

from django.contrib import admin
from django.db.models import Count, Q
from django.template.response import TemplateResponse

from screening.models import Screening


@admin.register(Screening)
class ScreeningAdmin(admin.ModelAdmin):
    """Screenings hold health data. Staff see counts; only those with the "view answers"
    permission can open one, and even they never see its link or resume code."""

    list_display = ("__str__", "version", "created", "updated", "completed_at")
    list_filter = ("version",)
    # No search, and sorting only by these: a filter or an order on the token, the resume code or
    # the answers would let a staff member rebuild a person's link one character at a time.
    sortable_by = ("version", "created", "updated", "completed_at")
    search_fields = ()
    fields = ("version", "created", "updated", "completed_at", "answers", "offer", "offer_text")
    readonly_fields = fields
    change_list_template = "admin/screening/screening/change_list.html"

    def lookup_allowed(self, lookup, value, request=None):
        """Only the list's own filter (by catalogue version); Django would allow any field's."""
        return lookup in {"version__id__exact", "version__exact", "version"}

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
