from django.core.management.base import BaseCommand, CommandError

from screening.publishing import PublishError, latest_version, publish


class Command(BaseCommand):
    help = (
        "Validate the draft catalogue and freeze it as the next published version. "
        "With --if-none, publish only when no version exists yet (what `make run` uses)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--note", required=True, help="publication note: what changed and why")
        parser.add_argument("--if-none", action="store_true", help="publish only if nothing is published yet")

    def handle(self, *args, **options):
        latest = latest_version()
        if options["if_none"] and latest is not None:
            self.stdout.write(f"Version {latest.number} is already published; nothing to do.")
            return
        try:
            version = publish(options["note"])
        except PublishError as exc:
            raise CommandError("Cannot publish:\n- " + "\n- ".join(exc.errors)) from None
        self.stdout.write(f"Published catalogue version {version.number} (sha256 {version.sha256}).")
