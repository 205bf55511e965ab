from screening.domain import readability
from screening.management.catalogues import add_catalogue_choice, chosen_catalogue
from screening.management.database import DatabaseCommand


class Command(DatabaseCommand):
    help = (
        "How hard the texts a person reads are (Flesch-Kincaid grade, by textstat), for the draft "
        "catalogue (the default) or published version N: a table by field (texts, median grade, share "
        "above grade 8, the hardest one), then every text of 10 words or more above grade 9."
    )

    def add_arguments(self, parser):
        add_catalogue_choice(parser)
        parser.add_argument("--limit", type=int, default=20, help="how many of the hardest texts to list")

    def handle(self, *args, **options):
        catalogue, of = chosen_catalogue(options)
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
