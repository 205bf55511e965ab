from pathlib import Path

from django.core.management.base import CommandError

from screening.domain.codec import CatalogueFormatError, from_json
from screening.management.database import DatabaseCommand
from screening.management.jsonfile import read_json_file
from screening.storage import CatalogueImportError, DraftNotEmpty, draft_is_empty, write_draft
from screening.wording import describe_problem

MAX_CATALOGUE_FILE_BYTES = 5 * 1024 * 1024  # the shipped catalogue is about 200 KB


class Command(DatabaseCommand):
    help = (
        "Load a catalogue JSON file (as written by export_catalogue) into the draft. Refuses a "
        "non-empty draft unless --replace; --if-empty skips quietly when the draft has content. "
        "Every row is checked as the admin checks it before anything is written. Published "
        "versions are never changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--replace", action="store_true", help="overwrite the current draft")
        group.add_argument("--if-empty", action="store_true", help="do nothing if the draft has content")

    def handle(self, *args, **options):
        if options["if_empty"] and not draft_is_empty():
            self.stdout.write("The draft catalogue already has content; nothing imported.")
            return
        path = Path(options["file"])
        data = read_json_file(path, max_bytes=MAX_CATALOGUE_FILE_BYTES)
        try:
            catalogue = from_json(data)
            write_draft(catalogue, replace=options["replace"])
        except CatalogueFormatError as exc:
            raise CommandError(f"{path}: {describe_problem(exc.problem)}", returncode=2) from None
        except DraftNotEmpty:
            raise CommandError(
                "The draft catalogue is not empty; use --replace to overwrite the draft."
            ) from None
        except CatalogueImportError as exc:
            lines = [describe_problem(p) for p in exc.problems]
            raise CommandError(f"{path} cannot be stored:\n- " + "\n- ".join(lines), returncode=2) from None
        self.stdout.write(
            f"Imported {len(catalogue.criteria)} criteria, {len(catalogue.signs)} reassuring signs, "
            f"{len(catalogue.questions)} questions in {len(catalogue.sections)} steps."
        )
