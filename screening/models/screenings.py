"""Screenings: one person's answers about one offer, and the results they were shown."""

import secrets

from django.db import models
from django.utils import timezone

from screening.models.choices import LEVEL_CHOICES
from screening.models.published import CatalogueVersion

TOKEN_BYTES = 24  # 192 bits: unguessable
TOKEN_PATTERN = r"[A-Za-z0-9_-]{32}"  # what secrets.token_urlsafe(TOKEN_BYTES) writes


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


# No 0/O or 1/I/L, so a code read aloud or copied by hand survives.
RESUME_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
# Three groups of five: 15 characters of 31 kinds, 74 bits. Guessing one of 100,000 live codes at a
# thousand tries a second would take about 10^12 years. Codes of two groups of four (40 bits) were
# given before; they still work until their screenings are purged.
RESUME_GROUPS, RESUME_GROUP_LENGTH = 3, 5


def new_resume_code() -> str:
    raw = "".join(secrets.choice(RESUME_ALPHABET) for _ in range(RESUME_GROUPS * RESUME_GROUP_LENGTH))
    return group_resume_code(raw)


def is_short_resume_code(code: str) -> bool:
    return len(code) == 9  # "ABCD-EFGH": the kind given before


def group_resume_code(raw: str) -> str:
    """ "ABCDEFGHJKMNPQR" -> "ABCDE-FGHJK-MNPQR" (and the older eight as "ABCD-EFGH")."""
    size = 4 if len(raw) == 8 else RESUME_GROUP_LENGTH
    return "-".join(raw[i : i + size] for i in range(0, len(raw), size))


class Screening(models.Model):
    """One person's answers about one offer, pinned to the catalogue version it started with."""

    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    resume_code = models.CharField(max_length=17, unique=True, default=new_resume_code, editable=False)
    version = models.ForeignKey(CatalogueVersion, on_delete=models.PROTECT, related_name="screenings")
    answers = models.JSONField(default=dict, blank=True, help_text="Question code -> option code(s).")
    offer = models.JSONField(default=dict, blank=True)
    # The clinic's text the person pasted on the first step (issue 14), to suggest answers from.
    # Kept only with the screening and deleted with it; never logged, never in a report or an
    # answer file; only staff who may read answers may read it.
    offer_text = models.TextField(blank=True, default="")
    # The questions whose answer the person took from a suggestion, as they confirmed it.
    suggestions_accepted = models.JSONField(default=list, blank=True)
    created = models.DateTimeField(default=timezone.now)
    updated = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True, help_text="When the first report was given.")

    class Meta:
        ordering = ["-created"]
        permissions = [("view_answers", "Can read the answers of individual screenings")]

    def __str__(self) -> str:
        return f"Screening {self.pk} of {self.created:%Y-%m-%d}"


class ScreeningResult(models.Model):
    """A result the person was shown, kept so an updated report can list the earlier ones."""

    screening = models.ForeignKey(Screening, on_delete=models.CASCADE, related_name="results")
    created = models.DateTimeField(default=timezone.now)
    level = models.CharField(max_length=20, choices=LEVEL_CHOICES)
    score = models.PositiveSmallIntegerField()
    completeness = models.PositiveSmallIntegerField()
    # Empty (None) for results kept before issue 12: they did not record their warning signs.
    flags = models.JSONField(
        null=True, blank=True, default=None, help_text="The warning signs (criterion codes) it showed."
    )

    class Meta:
        ordering = ["created", "pk"]

    def __str__(self) -> str:
        return f"{self.get_level_display()} ({self.score}) on {self.created:%Y-%m-%d}"
