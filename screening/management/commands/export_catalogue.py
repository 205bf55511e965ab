import json

from django.core.management.base import CommandError

from screening.domain.codec import to_json
from screening.management.database import DatabaseCommand
from screening.models import CatalogueVersion
from screening.storage import StoredRuleError, read_draft
from screening.wording import describe_problem


class Command(DatabaseCommand):
    help = (
        "Write the whole draft catalogue (or published version N with --published N) as JSON, "
        "to standard output or to a file with -o. import_catalogue reads it back without loss."
    )

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", help="write to this file instead of standard output")
        parser.add_argument(
            "--published", type=int, metavar="N", help="export published version N instead of the draft"
        )

    def handle(self, *args, **options):
        if options["published"] is not None:
            version = CatalogueVersion.objects.filter(number=options["published"]).first()
            if version is None:
                raise CommandError(f"Catalogue version {options['published']} does not exist.")
            data = version.content
        else:
            try:
                data = to_json(read_draft())
            except StoredRuleError as exc:
                raise CommandError(describe_problem(exc.problem)) from None
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as handle:
                handle.write(text)
            self.stdout.write(f"Wrote {options['output']}")
        else:
            self.stdout.write(text, ending="")
