import json
from pathlib import Path

from django.core.management.base import CommandError

from screening.domain.answers import AnswerFileError, parse_answer_file, read_header
from screening.domain.report import build_report
from screening.domain.voice import voice_of
from screening.management.database import DatabaseCommand
from screening.management.jsonfile import read_json_file
from screening.models import CatalogueVersion
from screening.publishing import catalogue_in_voice, catalogue_of, latest_version
from screening.report_page import report_text
from screening.wording import describe_problem

MAX_ANSWER_FILE_BYTES = 256 * 1024  # an answer file is about 2 KB


class Command(DatabaseCommand):
    help = (
        "Print the caution report for an answer file (see screening/domain/answers.py for the "
        "format), scored with the catalogue version the file names, or the latest published one. "
        "Exits with status 2 and a message naming the bad code if the file is invalid."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="path to a JSON answer file")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, **options):
        path = Path(options["file"])
        data = read_json_file(path, max_bytes=MAX_ANSWER_FILE_BYTES)
        try:
            wanted = read_header(data)
            if wanted is None:
                version = latest_version()
                if version is None:
                    raise CommandError("No catalogue version is published yet.", returncode=2)
            else:
                version = CatalogueVersion.objects.filter(number=wanted).first()
                if version is None:
                    raise CommandError(f"Catalogue version {wanted} does not exist.", returncode=2)
            catalogue = catalogue_of(version)
            answer_file = parse_answer_file(data, catalogue)
        except AnswerFileError as exc:
            raise CommandError(f"{path}: {describe_problem(exc.problem)}", returncode=2) from None
        report = build_report(
            catalogue_in_voice(version, voice_of(answer_file.offer)),
            answer_file.answers,
            offer=answer_file.offer,
            version=version.number,
            sha256=version.sha256,
        )
        if options["format"] == "json":
            self.stdout.write(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
        else:
            text = report_text(report, catalogue)
            self.stdout.write(text, ending="")
