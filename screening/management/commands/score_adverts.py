from pathlib import Path

from django.core.management.base import CommandError

from screening.domain.advert_corpus import SPLITS, Tally, corpus_text, score_corpus
from screening.management.catalogues import add_catalogue_choice, chosen_catalogue
from screening.management.database import DatabaseCommand
from screening.management.jsonfile import read_json_file

CORPUS = Path("fixtures/adverts")
MAX_FILE_BYTES = 256 * 1024


class Command(DatabaseCommand):
    help = (
        "Run the offer-text assist's rules (the draft's, or published version N) on the labelled "
        "corpus of offers and print precision and recall per family of markers and overall, then "
        "each suggestion that was wrong and each label that was missed. Exit status 1 when overall "
        "precision is below 0.9, overall recall below 0.8, or any family's precision below 0.8."
    )

    def add_arguments(self, parser):
        parser.add_argument("--corpus", default=str(CORPUS), help="the corpus folder (fixtures/adverts)")
        parser.add_argument("--split", choices=SPLITS, default="all")
        add_catalogue_choice(parser)

    def handle(self, *args, **options):
        folder = Path(options["corpus"])
        scope_file = folder / "scope.json"
        if not scope_file.exists():
            raise CommandError(f"{folder} has no scope.json: not a corpus folder.", returncode=2)
        scope_data = read_json_file(scope_file, max_bytes=MAX_FILE_BYTES)
        scope = scope_data["families"]
        texts = []
        for path in sorted(folder.glob("*.json")):
            if path.name == "scope.json":
                continue
            try:
                texts.append(corpus_text(read_json_file(path, max_bytes=MAX_FILE_BYTES)))
            except (KeyError, TypeError, ValueError):
                raise CommandError(
                    f"{path} is not a corpus text (id, kind, text, answers).", returncode=2
                ) from None
        chosen = [t for t in texts if options["split"] == "all" or t.split == options["split"]]
        catalogue, against = chosen_catalogue(options)
        score = score_corpus(catalogue, scope, chosen, scope_data.get("not_said_rules"))
        adverts = sum(t.kind == "advert" for t in chosen)
        self.stdout.write(
            f"Offer-text rules of {against} on {len(chosen)} texts ({adverts} adverts, "
            f"{len(chosen) - adverts} controls; split: {options['split']}):"
        )
        self.stdout.write(f"{'family':<18}  precision  recall  right  wrong  missed")
        for family, tally in score.families.items():
            self.stdout.write(_row(family, tally))
        self.stdout.write(_row("overall", score.overall))
        self.stdout.write(_row("(not said)", score.not_said) + "  what a text does not say, apart")
        for code, pairs in sorted(score.wrong.items()):
            self.stdout.write(f"wrong   {code}: " + ", ".join(f"{q}={o}" for q, o in sorted(pairs)))
        for code, pairs in sorted(score.missed.items()):
            self.stdout.write(f"missed  {code}: " + ", ".join(f"{q}={o}" for q, o in sorted(pairs)))
        for code, pairs in sorted(score.control_warnings.items()):
            self.stdout.write(f"warning sign in a control {code}: " + ", ".join(f"{q}={o}" for q, o in pairs))
        if not _meets_targets(score):
            raise CommandError("Below the targets (precision 0.9, recall 0.8, each family's precision 0.8).")


def _row(name: str, tally: Tally) -> str:
    def figure(value: float | None) -> str:
        return "-" if value is None else f"{value:.2f}"

    return (
        f"{name:<18}  {figure(tally.precision):>9}  {figure(tally.recall):>6}  "
        f"{tally.right:>5}  {tally.wrong:>5}  {tally.missed:>6}"
    )


def _meets_targets(score) -> bool:
    overall = score.overall
    families_ok = all(t.precision is None or t.precision >= 0.8 for t in score.families.values())
    return (overall.precision or 0) >= 0.9 and (overall.recall or 0) >= 0.8 and families_ok
