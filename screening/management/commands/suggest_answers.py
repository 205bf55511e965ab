import json
from pathlib import Path

from django.core.management.base import CommandError

from screening.domain.adverts import TEXT_LIMIT, read_offer_text
from screening.management.catalogues import add_catalogue_choice, chosen_catalogue
from screening.management.database import DatabaseCommand

MAX_FILE_BYTES = TEXT_LIMIT * 4  # UTF-8 takes at most four bytes a character


class Command(DatabaseCommand):
    help = (
        "Print the answers the offer-text assist suggests for a text file (an advert, an email, a "
        "message), with the words behind each, using the draft's rules (the default) or published "
        f"version N. At most {TEXT_LIMIT:,} characters, as in the questionnaire. JSON is keyed by "
        'question code: {"question": {"options": [...], "evidence": [...]}}.'
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="path to a UTF-8 text file")
        parser.add_argument("--format", choices=["text", "json"], default="text")
        add_catalogue_choice(parser)

    def handle(self, *args, **options):
        text = _read_text(Path(options["file"]))
        catalogue, against = chosen_catalogue(options)
        reading = read_offer_text(catalogue, text)
        if options["format"] == "json":
            self.stdout.write(json.dumps(reading.to_json(), indent=2, ensure_ascii=False))
            return
        if not catalogue.phrase_rules:
            self.stdout.write(f"{against.capitalize()} has no offer-text rules.")
            return
        self.stdout.write(
            f"Suggested from the text ({against}):" if reading.suggestions else "No suggestions."
        )
        for s in reading.suggestions:
            self.stdout.write(f"* {s.question}: {', '.join(s.options)}")
            for quote in s.quotes(limit=5):
                self.stdout.write(f'    "{quote}"')
            for rule in s.rules:
                self.stdout.write(f"    [{rule.code}] {rule.reason}")
        for rule in reading.not_found:
            self.stdout.write(f"Not found [{rule.code}]: {rule.reason}")


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CommandError(f"No such file: {path}", returncode=2) from None
    except OSError as exc:
        raise CommandError(f"{path} cannot be read: {exc.strerror}", returncode=2) from None
    if len(data) > MAX_FILE_BYTES:
        raise CommandError(f"{path} is longer than {TEXT_LIMIT:,} characters.", returncode=2)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise CommandError(f"{path} is not a UTF-8 text file.", returncode=2) from None
    if len(text) > TEXT_LIMIT:
        raise CommandError(f"{path} is longer than {TEXT_LIMIT:,} characters.", returncode=2)
    return text
