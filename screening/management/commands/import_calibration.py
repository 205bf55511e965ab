from pathlib import Path

from django.core.management.base import CommandError

from screening.domain.answers import AnswerFileError, read_header
from screening.domain.calibration import Case
from screening.domain.problems import Problem
from screening.management.database import DatabaseCommand
from screening.management.jsonfile import read_json_file
from screening.models import CalibrationCase
from screening.storage import CatalogueImportError, write_case
from screening.wording import describe_problem

MAX_CASE_FILE_BYTES = 256 * 1024


class Command(DatabaseCommand):
    help = (
        "Load calibration cases (answer files with an expected_level, one case a file, named by the "
        "file) from a folder into the database, where publishing checks every active one. Existing "
        "cases are kept unless --replace; --if-empty does nothing when any case exists."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder")
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--replace", action="store_true", help="overwrite cases with the same code")
        group.add_argument("--if-empty", action="store_true", help="do nothing if any case exists")

    def handle(self, *args, **options):
        if options["if_empty"] and CalibrationCase.objects.exists():
            self.stdout.write("Calibration cases are already loaded; nothing imported.")
            return
        folder = Path(options["folder"])
        paths = sorted(folder.glob("*.json"))
        if not paths:
            raise CommandError(f"No case files (*.json) in {folder}", returncode=2)
        loaded = kept = 0
        for path in paths:
            data = read_json_file(path, max_bytes=MAX_CASE_FILE_BYTES)
            try:
                read_header(data)
                if data.get("expected_level") is None:
                    raise AnswerFileError(
                        Problem("file-expected-level", params={"value": "none", "levels": ""})
                    )
                case = Case(
                    code=path.stem,
                    title=data.get("title", path.stem),
                    answers=data.get("answers", {}),
                    expected_level=data["expected_level"],
                    acceptable_levels=tuple(data.get("acceptable_levels", [])),
                    notes=data.get("notes", ""),
                )
                stored = write_case(
                    case,
                    offer=data.get("offer", {}),
                    sources="\n".join(data.get("sources", [])),
                    replace=options["replace"],
                )
            except AnswerFileError as exc:
                raise CommandError(f"{path}: {describe_problem(exc.problem)}", returncode=2) from None
            except CatalogueImportError as exc:
                lines = "\n- ".join(describe_problem(p) for p in exc.problems)
                raise CommandError(f"{path} cannot be stored:\n- {lines}", returncode=2) from None
            loaded, kept = (loaded + 1, kept) if stored else (loaded, kept + 1)
        self.stdout.write(f"Loaded {loaded} calibration cases; kept {kept} already there.")
