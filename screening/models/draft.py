"""The draft catalogue: the rows staff edit in the admin.

Patients never see these rows. Publishing (``publishing.py``) reads them through
``storage.py`` into the domain catalogue, validates it and freezes it as a CatalogueVersion.
Every table keeps its change history (django-simple-history).
"""

from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from screening.domain.addresses import is_plain_web_address
from screening.domain.conditions import ConditionError, parse_condition
from screening.domain.vocabulary import CODE_PATTERN, CURRENCY_CODE, JURISDICTION_CODE, LANGUAGE_CODE, LEVELS
from screening.models.choices import (
    ADVERT_FAMILY_CHOICES,
    CATEGORY_CHOICES,
    CONFIDENCE_CHOICES,
    KIND_CHOICES,
    LEVEL_CHOICES,
    PHRASE_RULE_KIND_CHOICES,
    SEVERITY_CHOICES,
    SIGNPOST_KIND_CHOICES,
    STRENGTH_CHOICES,
)
from screening.wording import PROBLEM_TEXTS, describe_problem

code_validator = RegexValidator(
    CODE_PATTERN, "Use lowercase letters, digits and single hyphens, e.g. no-written-consent."
)
CODE_HELP = "Stable code used by answer files and reports. Do not change it once published."
# What a row can hold is stated here (field limits, choices, these constraints) and checked by the
# admin's forms and by import alike; what may be published is domain/validation.py's business.
WEIGHT_MESSAGE = "The weight must be more than 0."


def validate_web_address(value: str) -> None:
    if not is_plain_web_address(value):
        raise ValidationError(str(PROBLEM_TEXTS["source-address"]), code="source-address")


class WebAddressField(models.URLField):
    """A web address a person may be sent to: domain.addresses is the rule (in place of Django's own)."""

    default_validators = [validate_web_address]


def validate_condition_text(value: str) -> None:
    try:
        parse_condition(value)
    except ConditionError as exc:
        raise ValidationError(describe_problem(exc.problem)) from None


CONDITION_HELP = (
    "One alternative per line, e.g. “route = spinal-fluid, eye” or "
    "“cell-source = own-blood and offer-type = standard-care”. “!=” means “unless”: "
    "“regulator-approval != authorised-trial” holds when that answer was not given. Leave blank for none."
)


REVIEW_INTERVAL = timedelta(days=365)


def a_year_from_today() -> date:
    return timezone.localdate() + REVIEW_INTERVAL


class ScoringSettings(models.Model):
    """The catalogue-wide numbers of the scoring rules (one row)."""

    partial_fraction = models.DecimalField(
        max_digits=4,
        decimal_places=2,
        default=Decimal("0.5"),
        help_text="Share of a criterion's weight counted when it fires partly (e.g. “I don't know”).",
    )
    max_offset_share = models.DecimalField(
        max_digits=4,
        decimal_places=2,
        default=Decimal("0.5"),
        help_text="Reassuring signs can take off at most this share of the red-flag points.",
    )
    score_ceiling = models.DecimalField(
        max_digits=6,
        decimal_places=2,
        default=Decimal(80),
        help_text="Points that make a caution score of 100.",
    )
    weight_critical = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal(8))
    weight_major = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal(3))
    weight_minor = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal(1))
    rules = models.PositiveSmallIntegerField(
        "scoring rules",
        choices=[(1, "1 (until December 2026)"), (2, "2 (two kinds of “I don't know”, key questions)")],
        default=2,
        help_text="Which rules score this version (see the README). Published versions keep theirs.",
    )
    partial_cap = models.DecimalField(
        "cap on partial points",
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Rules 2: partly fired criteria add at most this many points together. Blank: no cap.",
    )
    completeness_threshold = models.PositiveSmallIntegerField(
        default=0,
        validators=[MaxValueValidator(100)],
        help_text="Rules 2: below this completeness (%), the report leads with “Too little is known yet”.",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "scoring settings"

    def __str__(self) -> str:
        return "Scoring settings"

    @classmethod
    def current(cls) -> "ScoringSettings":
        obj = cls.objects.order_by("pk").first()
        return obj if obj is not None else cls.objects.create()


class Band(models.Model):
    level = models.CharField(max_length=20, choices=LEVEL_CHOICES, unique=True)
    min_points = models.DecimalField(
        max_digits=6, decimal_places=2, help_text="The band starts at this many points (inclusive)."
    )
    title = models.CharField(max_length=200)
    advice = models.TextField(max_length=2000)

    history = HistoricalRecords()

    class Meta:
        ordering = ["min_points"]

    def __str__(self) -> str:
        return f"{self.get_level_display()} from {self.min_points} points"


class Criterion(models.Model):
    """A red flag: a published warning sign about an offer."""

    code = models.SlugField(max_length=80, unique=True, validators=[code_validator], help_text=CODE_HELP)
    category = models.CharField(max_length=30, choices=CATEGORY_CHOICES)
    severity = models.CharField(max_length=10, choices=SEVERITY_CHOICES)
    weight = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        help_text="Points when it fires fully at its own severity (usually critical 8, major 3, minor 1).",
    )
    raised_severity = models.CharField(
        max_length=10,
        choices=SEVERITY_CHOICES,
        blank=True,
        help_text="Severity when the rule below holds, e.g. critical for injections into the spine.",
    )
    raised_when = models.TextField(blank=True, validators=[validate_condition_text], help_text=CONDITION_HELP)
    lowered_severity = models.CharField(
        "severity where a lawful route applies",
        max_length=10,
        choices=SEVERITY_CHOICES,
        blank=True,
        help_text="Issue 13: at most this severity where the rule below holds, e.g. major for a clinic "
        "plan filed in Japan. The report says it may be legal there, which does not mean it works.",
    )
    lowered_when = models.TextField(
        "lawful route when",
        blank=True,
        validators=[validate_condition_text],
        help_text="Name the countries and the answer, e.g. “treatment-country = jp, kr and "
        "legal-status-claims = allowed-there”. " + CONDITION_HELP,
    )
    title = models.CharField(max_length=200, help_text="Short, plain words; what the person reads first.")
    explanation = models.TextField(max_length=1000, help_text="What this warning sign means.")
    why_it_matters = models.TextField(max_length=2000)
    ask_clinic = models.TextField("question to ask the clinic", max_length=1000)
    discuss_with_doctor = models.TextField("point to discuss with one's doctor", max_length=1000)
    is_active = models.BooleanField(default=True)
    answered_by = models.ManyToManyField(
        "ReassuringSign",
        blank=True,
        related_name="answers",
        help_text="Rules 2: reassuring signs that answer this concern when they count fully (e.g. an "
        "authorised trial): it no longer forces “at least high”, and once checked it adds no points.",
    )
    review_by = models.DateField(
        "review by",
        null=True,
        blank=True,
        default=a_year_from_today,
        help_text="Read it and its sources again by this date (a year after writing, by default).",
    )
    position = models.PositiveIntegerField(default=0)

    # One change here can move an offer a long way, so its history is kept too.
    history = HistoricalRecords(m2m_fields=[answered_by])

    class Meta:
        ordering = ["position", "code"]
        verbose_name_plural = "criteria"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(weight__gt=0),
                name="criterion_weight_positive",
                violation_error_message=WEIGHT_MESSAGE,
            )
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.title}"


class ReassuringSign(models.Model):
    """A green flag: a sign that an offer is properly overseen."""

    code = models.SlugField(max_length=80, unique=True, validators=[code_validator], help_text=CODE_HELP)
    weight = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        help_text="Points it can take off when it counts fully (strong signs 5, others 2).",
    )
    title = models.CharField(max_length=200)
    explanation = models.TextField(max_length=1000)
    why_it_matters = models.TextField(max_length=2000)
    ask_clinic = models.TextField("question to ask the clinic", max_length=1000)
    discuss_with_doctor = models.TextField("point to discuss with one's doctor", max_length=1000)
    is_active = models.BooleanField(default=True)
    position = models.PositiveIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(weight__gt=0),
                name="sign_weight_positive",
                violation_error_message=WEIGHT_MESSAGE,
            )
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.title}"


class SourceFields(models.Model):
    title = models.CharField(max_length=300)
    publisher = models.CharField(max_length=200)
    url = WebAddressField(max_length=500)
    year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text="The year the page or paper was published or last updated. Printed in the report.",
    )
    primary = models.BooleanField(
        "primary source",
        default=False,
        help_text="A regulator or other government body, ISSCR, a court, or a peer-reviewed paper.",
    )
    compiled = models.DateField(
        default=timezone.localdate, help_text="The day this entry was written into the catalogue."
    )
    last_opened = models.DateField(
        "link last opened",
        null=True,
        blank=True,
        editable=False,
        help_text="Set when a person opens the link, checks it still says what we cite, and ticks it.",
    )
    position = models.PositiveIntegerField(default=0)

    # Who ticked "I opened it today", and when, is kept with every other change.
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class CriterionSource(SourceFields):
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="sources")


class SignSource(SourceFields):
    sign = models.ForeignKey(ReassuringSign, on_delete=models.CASCADE, related_name="sources")


class Section(models.Model):
    """A step of the questionnaire."""

    code = models.SlugField(max_length=80, unique=True, validators=[code_validator], help_text=CODE_HELP)
    title = models.CharField(max_length=200)
    intro = models.TextField(max_length=1000, blank=True)
    position = models.PositiveIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    code = models.SlugField(max_length=80, unique=True, validators=[code_validator], help_text=CODE_HELP)
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="questions")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=10, choices=KIND_CHOICES, default="single")
    text = models.CharField(max_length=300)
    help_text = models.TextField(
        "how to find out",
        max_length=1000,
        blank=True,
        help_text="Shown under the question. After a blank line: what is not needed to answer it "
        "(examples, background, where to look it up), which opens on request.",
    )
    show_if = models.TextField(
        blank=True,
        validators=[validate_condition_text],
        help_text="Ask this question only when this rule holds on earlier answers. " + CONDITION_HELP,
    )
    is_key = models.BooleanField(
        "key question",
        default=False,
        help_text="Rules 2: while this is unanswered or “I don't know yet”, the level is never “low”.",
    )
    is_step = models.BooleanField(
        "a step for the person",
        default=False,
        help_text="Rules 2: due diligence (e.g. “did you check the doctor's licence?”); “not yet” is "
        "listed as a thing to do and adds no points.",
    )
    is_country = models.BooleanField(
        "a country question",
        default=False,
        help_text="Its option codes are countries (see Countries). It scores nothing; the report shows "
        "the signposts of the country chosen.",
    )

    history = HistoricalRecords()

    class Meta:
        # The same order as sections (position, then code), so draft and frozen order agree.
        ordering = ["section__position", "section__code", "position", "code"]

    def __str__(self) -> str:
        return f"{self.code}: {self.text}"


class Option(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    code = models.SlugField(max_length=80, validators=[code_validator], help_text=CODE_HELP)
    label = models.CharField(max_length=300)
    is_unknown = models.BooleanField("“I don't know” option", default=False)
    is_exclusive = models.BooleanField(
        "only this", default=False, help_text="Cannot be ticked with other options (e.g. “None of these”)."
    )
    is_refused = models.BooleanField(
        "“they would not say” option",
        default=False,
        help_text="Rules 2: “I asked; they would not or could not say”. A warning sign, and on a key "
        "question it keeps the level above “low”.",
    )
    report_note = models.TextField(
        max_length=1000,
        blank=True,
        help_text="Shown in the report whenever this answer is given (e.g. the known risks of a procedure).",
    )
    position = models.PositiveIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["question", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["question", "code"], name="option_code_unique_per_question")
        ]

    def __str__(self) -> str:
        return f"{self.question.code} = {self.code}"


class OptionCriterion(models.Model):
    """An answer option fires a red flag."""

    option = models.ForeignKey(Option, on_delete=models.CASCADE, related_name="fires")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="fired_by")
    strength = models.CharField(max_length=10, choices=STRENGTH_CHOICES, default="full")
    severity = models.CharField(
        max_length=10, choices=SEVERITY_CHOICES, blank=True, help_text="Overrides the criterion's severity."
    )
    only_if = models.TextField(
        blank=True,
        validators=[validate_condition_text],
        help_text="Fire only when this rule holds. " + CONDITION_HELP,
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["option", "criterion"], name="option_fires_criterion_once")
        ]

    def __str__(self) -> str:
        return f"{self.option} fires {self.criterion.code} ({self.strength})"


class OptionSign(models.Model):
    """An answer option counts a reassuring sign."""

    option = models.ForeignKey(Option, on_delete=models.CASCADE, related_name="reassures")
    sign = models.ForeignKey(ReassuringSign, on_delete=models.PROTECT, related_name="counted_by")
    strength = models.CharField(max_length=10, choices=STRENGTH_CHOICES, default="full")
    verified = models.BooleanField(
        default=False,
        help_text="This answer says the person or their doctor checked it (a registry or approval number).",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["option", "sign"], name="option_counts_sign_once")]

    def __str__(self) -> str:
        return f"{self.option} counts {self.sign.code} ({self.strength})"


class Escalation(models.Model):
    """When every listed criterion fires fully, the caution level is at least ``level``."""

    code = models.SlugField(max_length=80, unique=True, validators=[code_validator], help_text=CODE_HELP)
    level = models.CharField(max_length=20, choices=LEVEL_CHOICES)
    criteria = models.ManyToManyField(Criterion, related_name="escalations")
    explanation = models.TextField(max_length=1000, help_text="Shown in the report when it applies.")
    position = models.PositiveIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.code


class GlossaryWord(models.Model):
    """A word of the words page (/words/): what a term a person meets means, in plain words."""

    code = models.SlugField(max_length=80, unique=True, validators=[code_validator], help_text=CODE_HELP)
    term = models.CharField(max_length=120, help_text="As the words page heads it, e.g. “Drip (IV)”.")
    meaning = models.TextField(max_length=1000, help_text="One to three short sentences, in plain words.")
    forms = models.TextField(
        "ways of writing it",
        blank=True,
        help_text="One per line, as texts write it (e.g. “IV”, “drip”). The first mention on a page "
        "links to the words page; the report lists the words it used.",
    )
    position = models.PositiveIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.term


jurisdiction_code_validator = RegexValidator(
    JURISDICTION_CODE, "The two-letter ISO code in lower case (“jp”, “gb”), “eu”, or “other”."
)


class Jurisdiction(models.Model):
    """A country or region (the EU) people are treated in or live in: what “approved” means there,
    and its signposts (whom to ask, where to check, where to report)."""

    code = models.CharField(
        max_length=5,
        unique=True,
        validators=[jurisdiction_code_validator],
        help_text="ISO 3166 two-letter code in lower case (“jp”), “eu” for the EU-wide block, or “other” "
        "for any country without its own row. Answer files use it: do not change it once published.",
    )
    name = models.CharField(max_length=100)
    approval_meaning = models.TextField(
        "what “approved” means there",
        max_length=1000,
        help_text="One to three short sentences, in plain words: a licensed product, a notified plan, "
        "an establishment licence…",
    )
    part_of = models.CharField(
        "part of",
        max_length=5,
        blank=True,
        validators=[jurisdiction_code_validator],
        help_text="“eu” for a member state: the EU's signposts are shown for it too.",
    )
    review_by = models.DateField(
        "check again by",
        null=True,
        blank=True,
        default=a_year_from_today,
        help_text="These rows age quickly. The admin lists the countries past this date, and publishing "
        "warns about them.",
    )
    position = models.PositiveIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "code"]
        verbose_name = "country"
        verbose_name_plural = "countries"

    def __str__(self) -> str:
        return self.name


class Signpost(models.Model):
    """One thing a person can do about a country, with where the research found it and how sure it is."""

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.CASCADE, related_name="signposts")
    kind = models.CharField(max_length=20, choices=SIGNPOST_KIND_CHOICES)
    title = models.CharField(
        max_length=200, help_text="The body's or the tool's name, e.g. “Trial register (jRCT)”."
    )
    text = models.TextField(max_length=1000, help_text="What the person can do there, in plain words.")
    url = WebAddressField(
        "address", max_length=500, blank=True, help_text="The place itself. Blank if not confirmed."
    )
    number_name = models.CharField(
        "number to ask for",
        max_length=60,
        blank=True,
        help_text="Trial registers only: the reports say “Ask for the …”, e.g. “jRCT number”.",
    )
    source_url = WebAddressField(
        "source", max_length=500, blank=True, help_text="Where the research found this."
    )
    confidence = models.CharField(max_length=20, choices=CONFIDENCE_CHOICES, default="not-confirmed")
    last_opened = models.DateField(
        "last opened",
        null=True,
        blank=True,
        help_text="The day a person at the charity opened the links and checked the text. Never set it "
        "for a link nobody opened.",
    )
    reviewed_by = models.CharField(
        "reviewed by",
        max_length=100,
        blank=True,
        help_text="Who checked it. Until a confirmed row is opened and reviewed, reports show it with "
        "a “please check” note. Editing what it says clears this and the date: check it again.",
    )
    position = models.PositiveIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class Currency(models.Model):
    """A currency a person may be quoted in, with the cost answers in its amounts (issue 13)."""

    code = models.CharField(
        max_length=3,
        unique=True,
        validators=[RegexValidator(CURRENCY_CODE, "The ISO 4217 code in lower case, e.g. “jpy”.")],
        help_text="ISO 4217 in lower case (“jpy”). Answer files use it: do not change it once published.",
    )
    name = models.CharField(max_length=60, help_text="As the offer step lists it, e.g. “Japanese yen (¥)”.")
    position = models.PositiveIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "code"]
        verbose_name_plural = "currencies"

    def __str__(self) -> str:
        return self.name


class AmountLabel(models.Model):
    """How one cost answer reads in a currency. The limits are rounded amounts an editor chooses,
    not exchange rates: the answer's code, and so the scoring, is the same in every currency."""

    currency = models.ForeignKey(Currency, on_delete=models.CASCADE, related_name="labels")
    question = models.SlugField(max_length=80, validators=[code_validator], help_text="e.g. total-cost")
    option = models.SlugField(max_length=80, validators=[code_validator], help_text="e.g. 1000-10000")
    label = models.CharField(max_length=200, help_text="e.g. “¥150,000 to ¥1,500,000”")
    position = models.PositiveIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.label


def validate_levels(value) -> None:
    if not isinstance(value, list) or any(level not in LEVELS for level in value):
        raise ValidationError(f"A list of levels, each one of: {', '.join(LEVELS)}.")


PHRASES_HELP = (
    "One per line. Plain words, matched whole in any case (a word in capitals, such as MS or FDA, "
    "only in capitals); a hyphen and a space are the same. "
    "word* matches any ending (cure* finds cured); # a number (#% finds 85%); ~ up to three words "
    "between two; | separates ways of writing the same thing. No other signs."
)


class PhraseRule(models.Model):
    """A rule of the offer-text assist (issue 14): the words in a clinic's text that suggest an
    answer, which the person then confirms."""

    code = models.SlugField(max_length=80, unique=True, validators=[code_validator], help_text=CODE_HELP)
    family = models.CharField(max_length=30, choices=ADVERT_FAMILY_CHOICES)
    kind = models.CharField(max_length=20, choices=PHRASE_RULE_KIND_CHOICES, default="phrase")
    language = models.CharField(
        max_length=2,
        default="en",
        validators=[RegexValidator(LANGUAGE_CODE, "A two-letter code in lower case, e.g. “en”, “es”.")],
        help_text="The language its phrases are written in (“en”, “es”).",
    )
    reason = models.TextField(
        max_length=1000,
        help_text="Shown with the suggestion: why these words suggest it, in plain words (for "
        "“says what the text does not say”: what is missing and what to ask).",
    )
    question = models.SlugField(
        max_length=80,
        blank=True,
        help_text="The question whose answer it suggests (none for the last two kinds).",
    )
    options = models.TextField(blank=True, help_text="The option codes it suggests, one per line.")
    phrases = models.TextField(help_text=PHRASES_HELP)
    negations = models.TextField(
        blank=True,
        help_text="Words that undo a match when they come up to three words before it, in the same "
        "sentence (“not” in “not FDA approved”). One per line, written as phrases are.",
    )
    disclosures = models.TextField(
        blank=True,
        help_text="Words that undo a match anywhere in its sentence (“experimental”, “no guarantee”).",
    )
    requires = models.TextField(
        "only with",
        blank=True,
        help_text="When set, a match counts only when one of these is in its sentence too.",
    )
    at_least = models.PositiveSmallIntegerField(
        default=0, help_text="For a counting rule: how many different lines one text must name (2 or more)."
    )
    is_active = models.BooleanField("active", default=True)
    position = models.PositiveIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.code


class CalibrationCase(models.Model):
    """A worked offer with the level an expert gives it. Publishing runs the draft against every
    active case and refuses while any lands outside its acceptable levels."""

    code = models.SlugField(max_length=80, unique=True, validators=[code_validator], help_text=CODE_HELP)
    title = models.CharField(max_length=300, help_text="The offer in a line, as a person would describe it.")
    answers = models.JSONField(
        help_text="Question code → option code (or a list of them), as in an answer file."
    )
    offer = models.JSONField(default=dict, blank=True, help_text="The offer's details, as in an answer file.")
    expected_level = models.CharField(max_length=20, choices=LEVEL_CHOICES)
    acceptable_levels = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_levels],
        help_text='Other levels an expert would accept where the case is borderline, e.g. ["moderate"].',
    )
    notes = models.TextField(
        max_length=5000, blank=True, help_text="The facts, and why the expert gives this level."
    )
    sources = models.TextField(
        max_length=5000, blank=True, help_text="One source a line: name, year, address."
    )
    is_active = models.BooleanField(default=True, help_text="Only active cases guard publishing.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code}: {self.title}"
