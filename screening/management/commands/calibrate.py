from django.core.management.base import CommandError

from screening import storage
from screening.domain import calibration
from screening.domain.codec import decimal_text
from screening.management.catalogues import add_catalogue_choice, chosen_catalogue
from screening.management.database import DatabaseCommand
from screening.wording import describe_problem


class Command(DatabaseCommand):
    help = (
        "Run every active calibration case against the draft catalogue (the default) or published "
        "version N, and print a table: case, expected level (and the acceptable ones), result, points, "
        "completeness. Exit status 1 when any case lands outside its acceptable levels."
    )

    def add_arguments(self, parser):
        add_catalogue_choice(parser)

    def handle(self, *args, **options):
        catalogue, against = chosen_catalogue(options)
        outcomes = calibration.run(catalogue, storage.read_cases())
        if not outcomes:
            self.stdout.write("No active calibration cases (import_calibration fixtures/calibration).")
            return
        width = max(len(o.case.code) for o in outcomes)
        expected_of = {
            o.case.code: o.case.expected_level
            + (f" ({', '.join(o.case.acceptable)})" if len(o.case.acceptable) > 1 else "")
            for o in outcomes
        }
        expected_width = max(len("expected"), *(len(e) for e in expected_of.values()))
        self.stdout.write(f"Calibration against {against}:")
        self.stdout.write(
            f"{'case':<{width}}  {'expected':<{expected_width}}  {'result':<10}  points  complete  verdict"
        )
        for o in outcomes:
            expected = expected_of[o.case.code]
            if o.problem is not None:
                verdict = "answers do not fit: " + describe_problem(o.problem)
            elif o.on_expected:
                verdict = "expert's level"
            elif o.within:
                verdict = "acceptable"
            else:
                verdict = f"OUTSIDE: {abs(o.distance)} level(s) {'above' if o.distance > 0 else 'below'}"
            level, points, complete = o.level or "-", decimal_text(o.points), f"{o.completeness}%"
            self.stdout.write(
                f"{o.case.code:<{width}}  {expected:<{expected_width}}  {level:<10}  "
                f"{points:>6}  {complete:>8}  {verdict}"
            )
        on_expected = sum(o.on_expected for o in outcomes)
        outside = [o for o in outcomes if not o.within]
        self.stdout.write(
            f"{len(outcomes)} cases: {on_expected} on the expert's level, "
            f"{len(outcomes) - on_expected - len(outside)} acceptable, {len(outside)} outside."
        )
        if outside:
            raise CommandError(f"{len(outside)} case(s) outside their acceptable levels.")
