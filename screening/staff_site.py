"""The staff site: its front page groups what an editor needs, in the order they use it, and
keeps the rest (reports people made, staff accounts, login lockout records) apart, below."""

from django.contrib import admin

# Model names (lower case) of the screening app, by group, in the order an editor works.
EDITOR_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("1. Warning signs and reassuring signs", ("criterion", "reassuringsign")),
    ("2. Questions and steps", ("section", "question", "option")),
    ("3. Countries and currencies: where to check and report, amounts", ("jurisdiction", "currency")),
    ("4. Words explained, and the rules that read an offer's text", ("glossaryword", "phraserule")),
    ("5. How the level is worked out", ("band", "escalation", "scoringsettings")),
    ("6. Calibration cases (the test of the scoring)", ("calibrationcase",)),
    ("7. Publish", ("catalogueversion",)),
)


class StaffSite(admin.AdminSite):
    site_header = "Stem Cell Offer Check: staff"
    site_title = "Stem Cell Offer Check staff"
    index_title = "Edit the draft, check it, publish it"

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        if app_label is not None:
            return apps
        ours = next((a for a in apps if a["app_label"] == "screening"), None)
        if ours is None:
            return apps
        by_name = {m["object_name"].lower(): m for m in ours["models"]}
        groups = []
        for title, names in EDITOR_GROUPS:
            models = [by_name.pop(name) for name in names if name in by_name]
            if models:
                groups.append({**ours, "name": title, "models": models})
        others = [{**ours, "name": "Other: reports people made", "models": list(by_name.values())}]
        others = [g for g in others if g["models"]]
        others += [{**a, "name": f"Other: {a['name']}"} for a in apps if a["app_label"] != "screening"]
        return groups + others
