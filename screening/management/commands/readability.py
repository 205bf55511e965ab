from django.core.management.base import CommandError

from screening import storage
from screening.domain import readability
from screening.domain.codec import from_json, to_json
from screening.management.database import DatabaseCommand
from screening.models import CatalogueVersion
from screening.publishing import catalogue_of


class Command(DatabaseCommand):
    help = (
        "How hard the texts a person reads are (Flesch-Kincaid grade, by textstat), for the draft "
        "catalogue (the default) or published version N: a table by field (texts, median grade, share "
        "above grade 8, the hardest one), then every text of 10 words or more above grade 9."
    )

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--draft", action="store_true", help="the draft catalogue (the default)")
        group.add_argument("--published", type=int, metavar="N", help="published version N")
        parser.add_argument("--limit", type=int, default=20, help="how many of the hardest texts to list")

    def handle(self, *args, **options):
        if options["published"] is not None:
            version = CatalogueVersion.objects.filter(number=options["published"]).first()
            if version is None:
                raise CommandError(f"Catalogue version {options['published']} does not exist.")
            catalogue, of = catalogue_of(version), f"version {version.number}"
        else:
            catalogue, of = from_json(to_json(storage.read_draft())), "the draft"
        scores = readability.measure(catalogue)
        rows = readability.by_field(scores)
        width = max(len("field"), *(len(r.name) for r in rows))
        self.stdout.write(
            f"Readability of {of} (Flesch-Kincaid grade; aim {readability.AIM_GRADE:g}, "
            f"at most {readability.MAX_GRADE:g} for a text of {readability.MIN_WORDS} words or more):"
        )
        self.stdout.write(f"{'field':<{width}}  texts  median  above 8  hardest")
        for row in rows:
            self.stdout.write(
                f"{row.name:<{width}}  {row.texts:>5}  {row.median_grade:>6.1f}  {row.share_above_8:>7.0%}  "
                f"{row.hardest.grade:.1f} ({row.hardest.code})"
            )
        too_hard = [s for s in scores if s.too_hard]
        self.stdout.write(
            f"{len(scores)} texts; {len(too_hard)} of {readability.MIN_WORDS} words or more above grade "
            f"{readability.MAX_GRADE:g}."
        )
        for score in readability.hardest(scores, options["limit"]):
            text = score.text if len(score.text) <= 90 else score.text[:87] + "..."
            self.stdout.write(f"  {score.grade:>4.1f}  {score.kind} {score.code} {score.field}: {text}")
