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
ADVERT_FAMILY_CHOICES = _choices(
    vocabulary.ADVERT_FAMILIES,
    {
        "regulatory": "Regulatory words that are not approval",
        "trial-washing": "A treatment dressed as a trial",
        "legitimacy": "Badges of legitimacy to check",
        "efficacy": "Cure and results language",
        "safety": "Playing down the risks",
        "breadth": "Many conditions for one treatment",
        "testimonials": "Stories and famous people",
        "pressure-money": "Pressure and money",
        "advertising-dodge": "Dodging the advertising rules",
    },
)
PHRASE_RULE_KIND_CHOICES = _choices(
    vocabulary.PHRASE_RULE_KINDS,
    {
        "phrase": "Suggests its answer where a phrase matches",
        "count": "Suggests its answer where a text names enough different phrases",
        "absent": "Says what the text does not say, where no phrase matches",
        "reported": "Marks sentences that report others' words, to warn (they suggest nothing)",
    },
)
