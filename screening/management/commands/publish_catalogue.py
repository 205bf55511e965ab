from django.core.management.base import CommandError

from screening.management.database import DatabaseCommand
from screening.publishing import PublishError, latest_version, preview, publish
from screening.wording import describe_problem, preview_lines


class Command(DatabaseCommand):
    help = (
        "Check the draft catalogue and freeze it as the next published version. With --dry-run, "
        "print what changed and what blocks publishing (as the admin's publish screen does) and "
        "publish nothing; the exit status is 1 when something blocks it. With --if-none, publish "
        "only when no version exists yet (what `make run` uses)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--note", help="publication note: what changed and why")
        parser.add_argument("--if-none", action="store_true", help="publish only if nothing is published yet")
        parser.add_argument("--dry-run", action="store_true", help="show the changes and problems only")

    def handle(self, *args, **options):
        if options["dry_run"]:
            return self.dry_run()
        if options["note"] is None:
            raise CommandError("Give a publication note with --note (or use --dry-run).")
        latest = latest_version()
        if options["if_none"] and latest is not None:
            self.stdout.write(f"Version {latest.number} is already published; nothing to do.")
            return
        try:
            version = publish(options["note"])
        except PublishError as exc:
            lines = [describe_problem(p) for p in exc.problems]
            raise CommandError("Cannot publish:\n- " + "\n- ".join(lines)) from None
        self.stdout.write(f"Published catalogue version {version.number} (sha256 {version.sha256}).")

    def dry_run(self):
        draft = preview()
        lines = preview_lines(draft)
        since = f"version {draft.latest.number}" if draft.latest else "nothing was published"
        self.stdout.write(
            f"The draft would be published as version {draft.next_number} (sha256 {draft.sha256 or '-'})."
        )
        self.stdout.write(f"What changed since {since} ({len(lines.changes)}):")
        for line in lines.changes:
            self.stdout.write(f"- {line}")
        self.stdout.write(f"Hard to read, the hardest first (warnings; {len(lines.hard_texts)} shown):")
        for line in lines.hard_texts:
            self.stdout.write(f"- {line}")
        self.stdout.write(f"Past their review date (warnings; {len(lines.past_review)}):")
        for line in lines.past_review:
            self.stdout.write(f"- {line}")
        self.stdout.write(f"What must be fixed first ({len(lines.problems)}):")
        for line in lines.problems:
            self.stdout.write(f"- {line}")
        if lines.problems:
            raise CommandError(f"Cannot publish: {len(lines.problems)} problems.")
        self.stdout.write("Nothing blocks publishing.")
