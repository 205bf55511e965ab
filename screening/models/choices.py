"""Database choices, built from the domain vocabulary: the codes come from there, the admin's
labels are here."""

from django.core.exceptions import ImproperlyConfigured

from screening.domain import vocabulary
from screening.wording import SIGNPOST_KIND_WORDS


def _choices(codes: tuple[str, ...], labels: dict[str, str]) -> list[tuple[str, str]]:
    if set(codes) != set(labels):
        raise ImproperlyConfigured(
            f"Admin labels do not match the vocabulary: {sorted(set(codes) ^ set(labels))}"
        )
    return [(code, labels[code]) for code in codes]


LEVEL_CHOICES = _choices(
    vocabulary.LEVELS, {"low": "Low", "moderate": "Moderate", "high": "High", "very high": "Very high"}
)
SEVERITY_CHOICES = _choices(
    vocabulary.SEVERITIES, {"minor": "Minor", "major": "Major", "critical": "Critical"}
)
STRENGTH_CHOICES = _choices(vocabulary.STRENGTHS, {"full": "Fully", "partial": "Partly"})
KIND_CHOICES = _choices(
    vocabulary.KINDS, {"single": "Single choice", "multiple": "Multiple choice (tick all that apply)"}
)
CATEGORY_CHOICES = _choices(
    vocabulary.CATEGORIES,
    {
        "regulatory": "Regulatory",
        "evidence": "Evidence",
        "marketing": "Marketing",
        "treatment-claims": "Treatment claims",
        "cost-payment": "Cost and payment",
        "medical-care-safety": "Medical care and safety",
        "consent-data": "Consent and data",
        "clinic-staff": "Clinic and staff",
    },
)
SIGNPOST_KIND_CHOICES = _choices(vocabulary.SIGNPOST_KINDS, SIGNPOST_KIND_WORDS)  # as the report heads them
CONFIDENCE_CHOICES = _choices(
    vocabulary.CONFIDENCES,
    {"confirmed": "Confirmed", "partly": "Partly confirmed", "not-confirmed": "Not confirmed"},
)
