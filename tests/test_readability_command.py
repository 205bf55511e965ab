"""`manage.py readability` prints the table by field and the hardest texts."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def test_readability_prints_the_table_by_field_for_the_draft_and_a_version(shipped_in_db):
    from screening.models import Criterion

    # The shipped texts are all plain enough; make four of the draft's hard, to be listed.
    hard = (
        "Notwithstanding considerable methodological heterogeneity, investigational cellular "
        "interventions demonstrate insufficiently characterised pharmacological mechanisms."
    )
    for criterion in Criterion.objects.order_by("position")[:4]:
        criterion.explanation = hard
        criterion.save()
    out = StringIO()
    call_command("readability", "--limit", "3", stdout=out)
    text = out.getvalue()
    assert text.startswith("Readability of the draft (Flesch-Kincaid grade")
    header = text.splitlines()[1].split()
    assert header == ["field", "texts", "median", "above", "8", "hardest"]
    assert "criterion explanation" in text and "option label" in text
    listed = [line for line in text.splitlines() if line.startswith("  ")]
    assert len(listed) == 3
    published = StringIO()
    call_command("readability", "--published", "1", stdout=published)
    assert published.getvalue().startswith("Readability of version 1")
    with pytest.raises(CommandError, match="does not exist"):
        call_command("readability", "--published", "9", stdout=StringIO())
