from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from screening.management.database import DatabaseCommand
from screening.models import Screening


class Command(DatabaseCommand):
    help = (
        "Delete screenings started more than DJANGO_SCREENING_RETENTION_DAYS ago (default 180), and "
        "unfinished ones (no report yet) not changed for DJANGO_UNFINISHED_RETENTION_DAYS (default 30). "
        "Meant to run once a day from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=settings.SCREENING_RETENTION_DAYS)
        parser.add_argument("--unfinished-days", type=int, default=settings.UNFINISHED_RETENTION_DAYS)
        parser.add_argument("--dry-run", action="store_true", help="count, delete nothing")

    def handle(self, *args, **options):
        now = timezone.now()
        expired = Q(created__lt=now - timedelta(days=options["days"])) | Q(
            completed_at__isnull=True, updated__lt=now - timedelta(days=options["unfinished_days"])
        )
        doomed = Screening.objects.filter(expired)
        count = doomed.count()
        if options["dry_run"]:
            self.stdout.write(f"{count} screenings would be deleted.")
            return
        doomed.delete()
        self.stdout.write(f"Deleted {count} screenings.")
