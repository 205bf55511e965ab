"""Publishing: the preview of the draft, the freeze into a version, and reading versions back.

- :func:`preview` is what the admin's publish screen and ``publish_catalogue --dry-run`` show:
  the draft as it would be frozen, its hash, what changed since the last version, and every
  problem that blocks publishing: validation's, then every active calibration case that lands
  outside its acceptable levels. It also warns, without blocking, about the hardest texts and
  the criteria past their review date.
- :func:`publish` freezes the draft as the next ``CatalogueVersion``; it is the only writer.
- :func:`catalogue_of` loads a published version's frozen content, parsed once per process;
  :func:`catalogue_in_voice` gives it in the words of who is answering and who offers it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from screening import storage
from screening.domain import calibration, codec, readability
from screening.domain.catalogue import Catalogue, Criterion, Jurisdiction
from screening.domain.diff import Change, diff
from screening.domain.problems import Problem
from screening.domain.validation import validate
from screening.domain.voice import Voice, catalogue_spoken
from screening.models import CatalogueVersion, ScoringSettings


class PublishError(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__(", ".join(p.code for p in problems))
        self.problems = problems


class CorruptVersion(Exception):
    """A published version's stored content no longer matches its hash: it was edited."""


@dataclass(frozen=True)
class Preview:
    content: dict[str, Any] | None  # the draft as it would be frozen; None if a stored rule is broken
    sha256: str  # of ``content``: what the publisher reviews ("" without content)
    latest: CatalogueVersion | None
    changes: tuple[Change, ...]
    problems: tuple[Problem, ...]  # everything that blocks publishing
    hard_texts: tuple[readability.TextScore, ...] = ()  # warnings: staff may still publish
    # Warnings too: criteria and countries whose review date has passed.
    past_review: tuple[Criterion | Jurisdiction, ...] = ()

    @property
    def next_number(self) -> int:
        return self.latest.number + 1 if self.latest else 1


# The hardest texts the preview names: enough to act on, few enough to read.
HARD_TEXTS_SHOWN = 10


def preview() -> Preview:
    """The draft, checked exactly as it will be frozen: its JSON, read back, is what patients get."""
    latest = latest_version()
    try:
        content = codec.to_json(storage.read_draft())
    except storage.StoredRuleError as exc:
        return Preview(None, "", latest, (), (exc.problem,))
    old = CatalogueVersion.objects.get(pk=latest.pk).content if latest else None
    catalogue = codec.from_json(content)
    problems = validate(catalogue)
    if not problems:  # only a valid catalogue can be scored
        problems = calibration.gate_problems(calibration.run(catalogue, storage.read_cases()))
    today = timezone.localdate().isoformat()
    return Preview(
        content=content,
        sha256=codec.sha256_of(content),
        latest=latest,
        changes=tuple(diff(old, content)),
        problems=tuple(problems),
        hard_texts=tuple(readability.hardest(readability.measure(catalogue), HARD_TEXTS_SHOWN)),
        past_review=(
            *(c for c in catalogue.criteria if c.active and c.needs_review(today)),
            *(j for j in catalogue.jurisdictions if j.needs_review(today)),
        ),
    )


def latest_version() -> CatalogueVersion | None:
    # The content is large and parsed once per process (catalogue_of); load it only then.
    return CatalogueVersion.objects.defer("content").order_by("-number").first()


def version_numbered(number: int) -> CatalogueVersion | None:
    return CatalogueVersion.objects.defer("content").filter(number=number).first()


def publish(note: str, user: Any = None, *, expected_sha256: str | None = None) -> CatalogueVersion:
    """Check the draft and freeze it as the next version. Raises PublishError.

    ``expected_sha256`` is the hash of the draft the publisher reviewed; if the draft changed
    since (someone else edited it), nothing is published.
    """
    note = note.strip()
    with transaction.atomic():
        # One publish at a time: the settings row is the lock (the draft is read under it).
        ScoringSettings.current()
        ScoringSettings.objects.select_for_update().order_by("pk").first()
        draft = preview()
        problems = list(draft.problems)
        if draft.content is not None and expected_sha256 is not None and draft.sha256 != expected_sha256:
            problems.insert(0, Problem("draft-changed"))
        if not note:
            problems.insert(0, Problem("note-missing"))
        if problems or draft.content is None:
            raise PublishError(problems)
        authenticated = user is not None and user.is_authenticated
        number = (CatalogueVersion.objects.aggregate(m=Max("number"))["m"] or 0) + 1
        return CatalogueVersion.objects.create(
            number=number,
            note=note,
            published_by=user if authenticated else None,
            published_by_name=user.get_username() if authenticated else "command line",
            content=draft.content,
            sha256=draft.sha256,
        )


_parsed_versions: dict[tuple[int, str], Catalogue] = {}


def catalogue_of(version: CatalogueVersion) -> Catalogue:
    """The frozen catalogue of a published version, parsed once per process.

    Versions are immutable, so the (id, hash) key can never point at stale content.
    """
    key = (version.pk, version.sha256)
    catalogue = _parsed_versions.get(key)
    if catalogue is None:
        if codec.sha256_of(version.content) != version.sha256:
            raise CorruptVersion(
                f"Catalogue version {version.number}: its content does not match its SHA-256."
            )
        catalogue = codec.from_json(version.content)
        _parsed_versions[key] = catalogue
    return catalogue


_spoken_versions: dict[tuple[int, str, Voice], Catalogue] = {}


def catalogue_in_voice(version: CatalogueVersion, voice: Voice) -> Catalogue:
    """A published version's catalogue in ``voice`` (see domain.voice), worded once per process."""
    key = (version.pk, version.sha256, voice)
    spoken = _spoken_versions.get(key)
    if spoken is None:
        spoken = catalogue_spoken(catalogue_of(version), voice)
        _spoken_versions[key] = spoken
    return spoken
