"""Commands that need the database say so in one line when it is not ready, instead of a traceback."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor


class DatabaseCommand(BaseCommand):
    def execute(self, *args, **options):
        try:
            executor = MigrationExecutor(connection)
            pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        except DatabaseError as exc:
            raise CommandError(
                f"The database cannot be reached: {exc.__class__.__name__}.", returncode=2
            ) from None
        if pending:
            raise CommandError(
                "The database is not set up yet: run `make db` (or `manage.py migrate`) first.", returncode=2
            )
        return super().execute(*args, **options)
