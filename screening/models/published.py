"""Published catalogue versions: frozen, numbered, hashed, never updated."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class CatalogueVersion(models.Model):
    """A published, frozen catalogue. Written once by publishing; never updated."""

    number = models.PositiveIntegerField(unique=True)
    note = models.TextField("publication note", max_length=2000)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    published_by_name = models.CharField(max_length=150, help_text="Kept if the account is deleted.")
    published_at = models.DateTimeField(default=timezone.now)
    content = models.JSONField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["-number"]
        get_latest_by = "number"

    def __str__(self) -> str:
        return f"Version {self.number}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise ValueError("A published catalogue version is frozen and cannot be changed.")
        super().save(*args, **kwargs)
