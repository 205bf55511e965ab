"""The app's tables, by lifecycle: the draft catalogue staff edit, the published versions
frozen from it, and the screenings of the people who use the app."""

from screening.models.draft import (
    AmountLabel,
    Band,
    CalibrationCase,
    Criterion,
    CriterionSource,
    Currency,
    Escalation,
    GlossaryWord,
    Jurisdiction,
    Option,
    OptionCriterion,
    OptionSign,
    Question,
    ReassuringSign,
    ScoringSettings,
    Section,
    Signpost,
    SignSource,
    validate_condition_text,
)
from screening.models.published import CatalogueVersion
from screening.models.screenings import Screening, ScreeningResult, new_resume_code, new_token

__all__ = [
    "AmountLabel",
    "Band",
    "CalibrationCase",
    "CatalogueVersion",
    "Criterion",
    "CriterionSource",
    "Currency",
    "Escalation",
    "GlossaryWord",
    "Jurisdiction",
    "Option",
    "OptionCriterion",
    "OptionSign",
    "Question",
    "ReassuringSign",
    "ScoringSettings",
    "Screening",
    "ScreeningResult",
    "Section",
    "Signpost",
    "SignSource",
    "new_resume_code",
    "new_token",
    "validate_condition_text",
]
