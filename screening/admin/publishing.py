"""Published versions (read-only) and the publish screen, over publishing.preview()."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from screening.forms import PublishForm
from screening.models import CatalogueVersion
from screening.publishing import PublishError, preview, publish
from screening.wording import describe_problem, preview_lines


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
        draft = preview()
        form = PublishForm(request.POST if request.method == "POST" else None)
        if form.is_valid():
            try:
                version = publish(
                    form.cleaned_data["note"],
                    request.user,
                    expected_sha256=form.cleaned_data["reviewed_sha256"],
                )
            except PublishError as exc:
                for problem in exc.problems:
                    messages.error(request, describe_problem(problem))
                draft = preview()
            else:
                messages.success(
                    request, f"Published version {version.number}. New screenings use it from now on."
                )
                return redirect(reverse("admin:screening_catalogueversion_changelist"))
        if not form.is_bound or form.is_valid():
            # What the publisher reviews is the draft shown now, whatever was posted before.
            form = PublishForm(initial={"note": form.data.get("note", ""), "reviewed_sha256": draft.sha256})
        lines = preview_lines(draft)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Publish the draft catalogue",
            "preview": draft,
            "changes": lines.changes,
            "problems": lines.problems,
            "hard_texts": lines.hard_texts,
            "past_review": lines.past_review,
            "form": form,
        }
        return TemplateResponse(request, "admin/screening/catalogueversion/publish.html", context)
