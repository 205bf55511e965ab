"""Create the database cache table (rate-limit and lockout counters) as part of `migrate`, so a
deployment needs no extra step. Harmless when DJANGO_CACHE_URL points at Redis."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("screening", "0001_initial")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
