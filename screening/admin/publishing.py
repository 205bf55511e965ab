"""Published versions (read-only) and the publish screen, over publishing.preview()."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from screening.forms import PublishForm
from screening.models import (
    CatalogueVersion,
    Criterion,
    Currency,
    Escalation,
    GlossaryWord,
    Jurisdiction,
    Option,
    PhraseRule,
    Question,
    ReassuringSign,
    Section,
)
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
            # Each change with its fields' old and new text, side by side.
            "changes": list(zip(lines.changes, (c.texts for c in draft.changes), strict=True)),
            # Each blocking problem links to the row that causes it, where there is one.
            "problems": [
                (text, row_address(p.where)) for text, p in zip(lines.problems, draft.problems, strict=True)
            ],
            "hard_texts": lines.hard_texts,
            "past_review": lines.past_review,
            "form": form,
        }
        return TemplateResponse(request, "admin/screening/catalogueversion/publish.html", context)


ROWS_BY_KIND = {
    "criterion": Criterion,
    "sign": ReassuringSign,
    "question": Question,
    "section": Section,
    "escalation": Escalation,
    "word": GlossaryWord,
    "jurisdiction": Jurisdiction,
    "currency": Currency,
    "phrase-rule": PhraseRule,
}


def row_address(where: tuple[str, ...]) -> str | None:
    """The admin page of the draft row a problem is about (``Problem.where``), or None."""
    if len(where) < 2 or where[0] not in ROWS_BY_KIND:
        return None
    kind, code = where[0], where[1]
    if kind == "question" and len(where) >= 4 and where[2] == "option":
        row = Option.objects.filter(question__code=code, code=where[3]).first()
    else:
        row = ROWS_BY_KIND[kind].objects.filter(code=code).first()
    if row is None:
        return None
    return reverse(f"admin:screening_{row._meta.model_name}_change", args=[row.pk])
