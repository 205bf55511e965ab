import datetime

import django.core.validators
import django.utils.timezone
from django.db import migrations, models

import screening.models.draft

# The old "last checked" date was the day the catalogue was compiled (21 November 2026), not the day
# anybody opened a link, so it is renamed for what it is. But the old README asked staff to update
# it when they re-opened a link: a later date there was set by a person, so it is also copied to
# "link last opened". Every other row starts with "link last opened" empty.
FIRST_COMPILED = datetime.date(2026, 11, 21)


def keep_dates_set_by_staff(apps, schema_editor):
    for name in ("CriterionSource", "SignSource"):
        model = apps.get_model("screening", name)
        for row in model.objects.filter(compiled__gt=FIRST_COMPILED):
            row.last_opened = row.compiled
            row.save(update_fields=["last_opened"])


class Migration(migrations.Migration):
    dependencies = [("screening", "0009_answered_by_history")]

    operations = []
    for model in ("criterionsource", "signsource"):
        operations += [
            migrations.RenameField(model, "last_checked", "compiled"),
            migrations.AlterField(
                model,
                "compiled",
                models.DateField(
                    default=django.utils.timezone.localdate,
                    help_text="The day this entry was written into the catalogue.",
                ),
            ),
            migrations.AddField(
                model,
                "year",
                models.PositiveSmallIntegerField(
                    blank=True,
                    null=True,
                    validators=[
                        django.core.validators.MinValueValidator(1900),
                        django.core.validators.MaxValueValidator(2100),
                    ],
                    help_text="The year the page or paper was published or last updated. Printed in the report.",
                ),
            ),
            migrations.AddField(
                model,
                "primary",
                models.BooleanField(
                    default=False,
                    verbose_name="primary source",
                    help_text="A regulator or other government body, ISSCR, a court, or a peer-reviewed paper.",
                ),
            ),
            migrations.AddField(
                model,
                "last_opened",
                models.DateField(
                    blank=True,
                    editable=False,
                    null=True,
                    verbose_name="link last opened",
                    help_text="Set when a person opens the link, checks it still says what we cite, and ticks it.",
                ),
            ),
        ]
    operations.append(migrations.RunPython(keep_dates_set_by_staff, migrations.RunPython.noop))
    # Existing criteria, like new ones, are due for review a year from now.
    for model in ("criterion", "historicalcriterion"):
        operations.append(
            migrations.AddField(
                model,
                "review_by",
                models.DateField(
                    blank=True,
                    null=True,
                    default=screening.models.draft.a_year_from_today,
                    verbose_name="review by",
                    help_text="Read it and its sources again by this date (a year after writing, by default).",
                ),
            )
        )
