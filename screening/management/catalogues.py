"""The `--draft | --published N` choice of the commands that read a catalogue (calibrate, readability)."""

from django.core.management.base import CommandError

from screening import storage
from screening.domain.catalogue import Catalogue
from screening.domain.codec import from_json, to_json
from screening.models import CatalogueVersion
from screening.publishing import catalogue_of


def add_catalogue_choice(parser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--draft", action="store_true", help="the draft catalogue (the default)")
    group.add_argument("--published", type=int, metavar="N", help="published version N")


def chosen_catalogue(options) -> tuple[Catalogue, str]:
    """The catalogue the options name, and how to say which: "the draft" or "version N".

    The draft is read back from its JSON, as publishing would freeze it.
    """
    if options["published"] is not None:
        version = CatalogueVersion.objects.filter(number=options["published"]).first()
        if version is None:
            raise CommandError(f"Catalogue version {options['published']} does not exist.")
        return catalogue_of(version), f"version {version.number}"
    return from_json(to_json(storage.read_draft())), "the draft"
