"""Query budgets: each page uses a fixed number of queries, whatever the catalogue's size; and the
first load of a questionnaire step stays under 60 KB compressed."""

import gzip
import json
import re

import pytest
from django.urls import reverse

from screening.models import Screening
from screening.publishing import publish
from tests.conftest import CALIBRATION_DIR, ROOT, import_json
from tests.journey import answers_from, walk

pytestmark = pytest.mark.django_db

S09 = CALIBRATION_DIR / "s09-patient-funded-fat-cell-study-ms.json"


def ten_times(shipped: dict) -> dict:
    """The shipped catalogue with nine more copies of every criterion and question."""
    data = json.loads(json.dumps(shipped))
    originals = list(data["criteria"])
    for k in range(1, 10):
        for criterion in originals:
            data["criteria"].append(
                dict(criterion, code=f"{criterion['code']}-x{k}", raised_severity=None, raised_when=None)
            )
        for section in data["sections"]:
            for question in list(section["questions"])[: len(section["questions"])]:
                if question["code"].endswith(tuple(f"-x{j}" for j in range(1, 10))):
                    continue
                copy = json.loads(json.dumps(question))
                copy["code"] = f"{question['code']}-x{k}"
                copy["show_if"] = None
                for option in copy["options"]:
                    for effect in option["fires"]:
                        effect["criterion"] = f"{effect['criterion']}-x{k}"
                        effect["only_if"] = None
                section["questions"].append(copy)
    return data


@pytest.fixture(params=["shipped", "ten times larger"])
def catalogue_size(request, db, shipped_json):
    data = shipped_json if request.param == "shipped" else ten_times(shipped_json)
    import_json(data)
    version = publish(request.param)
    return version, len([q for s in data["sections"] for q in s["questions"]])


def started(client):
    client.post(reverse("screening:begin"))
    return Screening.objects.order_by("-pk").first()


# The budgets: a light lookup, the screening, its results (first render), the save. Never per question.
BUDGET = {"step GET": 2, "step POST": 8, "review": 1, "report": 3, "start": 1, "offer POST": 8}


def test_pages_use_a_fixed_number_of_queries(client, catalogue_size, django_assert_max_num_queries):
    version, questions = catalogue_size
    screening = started(client)
    step = reverse("screening:step", args=[screening.token, 2])
    client.get(step)  # parse this version once in this process, as any running server has
    with django_assert_max_num_queries(BUDGET["start"]):
        client.get("/")
    with django_assert_max_num_queries(BUDGET["step GET"]):
        page = client.get(step)
    rows = re.findall(r'<fieldset class="question', page.text)
    assert len(rows) >= (5 if questions < 100 else 50)
    answers = {code: "dont-know" for code in re.findall(r'id="q-([a-z0-9-]+)"', page.text)}
    with django_assert_max_num_queries(BUDGET["step POST"]):
        response = client.post(step, answers)
    assert response.status_code == 302
    walk(client, screening.token, answers_from(S09))
    with django_assert_max_num_queries(BUDGET["review"]):
        client.get(reverse("screening:review", args=[screening.token]))
    with django_assert_max_num_queries(BUDGET["report"]):
        assert client.get(reverse("screening:report", args=[screening.token])).status_code == 200


def test_a_pasted_text_keeps_the_budgets(client, catalogue_size, django_assert_max_num_queries):
    """Issue 14: the offer step saves the text in one write; a step reads it without a query more."""
    screening = started(client)
    offer = reverse("screening:step", args=[screening.token, 1])
    text = " ".join(
        json.loads(p.read_text())["text"] for p in sorted((ROOT / "fixtures/adverts").glob("a0*.json"))
    )
    with django_assert_max_num_queries(BUDGET["offer POST"]):
        assert client.post(offer, {"offer_text": text[:20_000]}).status_code == 302
    step = reverse("screening:step", args=[screening.token, 5])
    with django_assert_max_num_queries(BUDGET["step GET"]):
        page = client.get(step)
    assert 'class="suggested"' in page.text
    answers = {code: "dont-know" for code in re.findall(r'id="q-([a-z0-9-]+)"', page.text)}
    with django_assert_max_num_queries(BUDGET["step POST"]):
        assert client.post(step, answers).status_code == 302


@pytest.mark.parametrize("number", [1, 2])
def test_first_load_of_a_step_is_under_60_kb_compressed(client, published, number):
    screening = started(client)
    html = client.get(reverse("screening:step", args=[screening.token, number])).content
    sizes = {"page": len(gzip.compress(html, 9))}
    for asset in re.findall(rb'(?:href|src)="(/static/[^"]+)"', html):
        path = ROOT / "static" / asset.decode().removeprefix("/static/")
        body = path.read_bytes()
        sizes[path.name] = min(len(body), len(gzip.compress(body, 9)))
        if path.suffix == ".css":  # fonts and images the stylesheet pulls in
            for ref in re.findall(rb'url\("?([^")]+)"?\)', body):
                if ref.startswith(b"data:"):
                    continue
                target = (path.parent / ref.decode()).resolve()
                sizes[target.name] = len(target.read_bytes())  # woff is already compressed
    total = sum(sizes.values())
    assert total < 60 * 1024, sizes
    assert "bootstrap.min.css" in sizes and any(name.endswith(".woff") for name in sizes)
