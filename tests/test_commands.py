"""The command line: screen, export_catalogue, import_catalogue, publish_catalogue."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from screening.models import CatalogueVersion
from tests.conftest import CALIBRATION_DIR, CATALOGUE_FILE

pytestmark = pytest.mark.django_db

S05 = CALIBRATION_DIR / "s05-self-funded-ahsct-abroad.json"


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def write(tmp_path, data, name="answers.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data) if not isinstance(data, str) else data)
    return str(path)


def test_screen_json_output_has_the_report(published):
    report = json.loads(run("screen", str(S05), "--format", "json"))
    assert report["level"] == "moderate"
    assert 0 <= report["score"] <= 100 and 0 <= report["completeness"] <= 100
    assert report["catalogue_version"] == 1 and report["catalogue_sha256"] == published.sha256
    codes = {f["code"] for f in report["flags"]}
    assert {"high-out-of-pocket-cost", "travel-abroad", "no-follow-up-plan"} <= codes
    assert report["unknowns"][0]["ask"] and report["reassuring"][0]["title"]
    assert report["offer"]["country"].startswith("Russia")


def test_screen_text_output_lists_flags_questions_and_sources(published):
    text = run("screen", str(S05))
    assert text.startswith("Caution level: MODERATE — Moderate caution\nCaution score: ")
    assert "Ask the clinic:" in text and "Source:" in text and "Still to find out" in text
    assert "[travel-abroad; minor warning sign (partly: not known for sure)]\n" in text
    assert "  Clinic's country: Russia" in text  # the offer, with the words the report uses
    assert "\n\n\n" not in text


def test_the_text_report_always_ends_by_sending_the_person_to_their_doctor(published):
    text = run("screen", str(CALIBRATION_DIR / "s03-eu-fat-cell-knee-trial.json"))
    assert text.endswith(
        "Take it to your own specialist and talk it through before you decide or pay anything.\n"
        "If you have already had a treatment like this and feel unwell, get medical help now. "
        "Say what you were given.\n"
    )
    assert "It is not medical advice" in text
    # The words the report used come before the closing lines, each with its meaning.
    assert "\nWords used in this report:\n* Accreditation: " in text


def test_the_text_report_says_why_the_level_was_raised_and_what_is_good_to_know(published, tmp_path):
    raised = run("screen", write(tmp_path, {"answers": {"regulator-approval": "not-approved"}}))
    assert "- At least “high” because a serious warning sign applies in full: " in raised
    noted = run("screen", str(CALIBRATION_DIR / "s01-nhs-ahsct-trial-ms.json"))
    assert "\nGood to know:\n* " in noted


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ({"answers": {"made-up-question": "yes"}}, "Question made-up-question: Unknown question code."),
        ({"answers": {"route": ["teleport"]}}, "Question route: Unknown option code “teleport”."),
        ({"answers": {"route": ["iv", "iv"]}}, "Question route: Option “iv” is given twice."),
        ({"catalogue_version": 7, "answers": {}}, "version 7 does not exist"),
        ("{not json", "not valid JSON"),
    ],
)
def test_screen_exits_2_naming_the_problem(shipped_in_db, tmp_path, content, message):
    with pytest.raises(CommandError, match=message) as caught:
        call_command("screen", write(tmp_path, content), stdout=StringIO())
    assert caught.value.returncode == 2


def test_screen_exits_2_for_a_missing_file(published):
    with pytest.raises(CommandError, match="No such file") as caught:
        call_command("screen", "/no/such/file.json", stdout=StringIO())
    assert caught.value.returncode == 2


def test_a_fresh_install_and_screen_from_the_shell(tmp_path):
    """The real processes a user runs, on a throwaway SQLite file: the exit status is 2 on a bad file."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "DJANGO_DEBUG": "true", "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}"}
    env.pop("DJANGO_SETTINGS_MODULE", None)

    def manage(*args):
        return subprocess.run([sys.executable, "manage.py", *args], capture_output=True, text=True, env=env)

    for step in (
        ["migrate", "--noinput"],
        ["import_catalogue", str(CATALOGUE_FILE)],
        ["publish_catalogue", "--note", "x"],
    ):
        assert manage(*step).returncode == 0
    good = manage("screen", str(S05), "--format", "json")
    assert good.returncode == 0 and json.loads(good.stdout)["level"] == "moderate"
    bad = manage("screen", write(tmp_path, {"answers": {"made-up-question": "yes"}}))
    assert bad.returncode == 2
    assert "made-up-question" in bad.stderr


def test_screen_names_a_specific_catalogue_version(published, tmp_path):
    data = json.loads(S05.read_text())
    data["catalogue_version"] = 1
    assert json.loads(run("screen", write(tmp_path, data), "--format", "json"))["catalogue_version"] == 1


def test_export_to_stdout_and_to_a_file(shipped_in_db, tmp_path):
    shipped = json.loads(CATALOGUE_FILE.read_text())
    assert json.loads(run("export_catalogue")) == shipped
    target = tmp_path / "out.json"
    assert "Wrote" in run("export_catalogue", "-o", str(target))
    assert json.loads(target.read_text()) == shipped
    assert json.loads(run("export_catalogue", "--published", "1")) == shipped


def test_import_and_publish_commands(db, tmp_path):
    assert "Imported 41 criteria, 10 reassuring signs" in run("import_catalogue", str(CATALOGUE_FILE))
    assert "nothing imported" in run("import_catalogue", str(CATALOGUE_FILE), "--if-empty")
    with pytest.raises(CommandError, match="not empty"):
        run("import_catalogue", str(CATALOGUE_FILE))
    assert "Imported 41 criteria" in run("import_catalogue", str(CATALOGUE_FILE), "--replace")
    assert "Published catalogue version 1" in run("publish_catalogue", "--note", "Shipped")
    assert "already published" in run("publish_catalogue", "--note", "Again", "--if-none")
    assert CatalogueVersion.objects.count() == 1


def test_import_rejects_a_file_that_is_not_a_catalogue(db, tmp_path):
    with pytest.raises(CommandError, match="not a catalogue file"):
        run("import_catalogue", write(tmp_path, {"answers": {}}))
    with pytest.raises(CommandError, match="not valid JSON"):
        run("import_catalogue", write(tmp_path, "{oops"))


def test_import_lists_every_row_the_draft_cannot_hold(db, tmp_path):
    data = json.loads(CATALOGUE_FILE.read_text())
    data["criteria"][0]["weight"] = "0"
    data["criteria"][1]["sources"][0]["url"] = "javascript:alert(1)"
    with pytest.raises(CommandError) as caught:
        run("import_catalogue", write(tmp_path, data))
    message = str(caught.value)
    assert message.endswith("cannot be stored:\n- " + message.split("cannot be stored:\n- ", 1)[1])
    assert caught.value.returncode == 2
    assert "- Criterion no-regulatory-approval: The weight must be more than 0." in message
    assert ", source 1: url: The address must start with https:// or http://" in message


def test_publish_command_lists_what_blocks_publishing(db):
    with pytest.raises(
        CommandError, match="Cannot publish:\n- Band low: This band must be defined exactly once."
    ):
        run("publish_catalogue", "--note", "Empty draft")


def test_publish_command_needs_a_note_unless_it_is_a_dry_run(draft):
    with pytest.raises(CommandError, match="--note"):
        run("publish_catalogue")
    assert "Nothing blocks publishing." in run("publish_catalogue", "--dry-run")


def test_export_of_a_version_that_does_not_exist_is_a_clear_error(published):
    with pytest.raises(CommandError, match="version 99 does not exist"):
        run("export_catalogue", "--published", "99")


@pytest.mark.parametrize("command", [["calibrate"], ["screen", str(S05)], ["export_catalogue"]])
def test_a_command_on_a_database_not_set_up_says_so_in_one_line(tmp_path, command):
    import os
    import subprocess
    import sys

    env = {**os.environ, "DJANGO_DEBUG": "true", "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run([sys.executable, "manage.py", *command], capture_output=True, text=True, env=env)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "CommandError: The database is not set up yet: run `make db` (or `manage.py migrate`) first."
    )


def test_when_too_little_is_known_the_text_report_leads_with_it_not_with_the_bands_advice(published, shipped):
    text = run("screen", str(CALIBRATION_DIR / "s30-low-knowledge-knee-stem-cells.json"))
    assert text.startswith("Too little is known yet to judge this offer.")
    assert "* Ask first: Where do the cells or the product come from?" in text
    assert shipped.band("moderate").advice not in text
    assert "What would change this result:" in text


# --- The offer-text assist (issue 14) ------------------------------------------------------------


ADVERT = "Our FDA-registered lab offers 20% off this month. No side effects! Is it a cure? Yes."


def test_suggest_answers_gives_json_keyed_by_question_code(draft, tmp_path):
    path = tmp_path / "advert.txt"
    path.write_text(ADVERT, encoding="utf-8")
    data = json.loads(run("suggest_answers", str(path), "--format", "json"))
    assert data["legal-status-claims"]["options"] == ["registered"]
    assert data["sales-tactics"]["options"] == ["discount-limited"]
    [evidence] = data["risk-info"]["evidence"]
    assert evidence == {
        "option": "no-side-effects",
        "rule": "no-side-effects",
        "start": 50,
        "end": 65,
        "text": "No side effects",
    }
    assert ADVERT[evidence["start"] : evidence["end"]] == "No side effects"
    assert "claims" not in data  # "Is it a cure?" is a question


def test_suggest_answers_as_text_quotes_the_words_and_the_reasons(draft, tmp_path):
    path = tmp_path / "advert.txt"
    path.write_text(ADVERT, encoding="utf-8")
    text = run("suggest_answers", str(path))
    assert "* legal-status-claims: registered\n" in text and '    "FDA-registered"\n' in text
    assert "[fda-registered] The text says the lab, tissue bank or product is registered" in text
    assert "Not found [names-no-doctor]" in text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "No such file"),
        ("x" * 20_001, "longer than 20,000 characters"),
        (b"\xff\xfe not text", "not a UTF-8 text file"),
    ],
)
def test_suggest_answers_refuses_what_it_cannot_read_in_one_line(draft, tmp_path, content, message):
    path = tmp_path / "advert.txt"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message) as refused:
        run("suggest_answers", str(path))
    assert refused.value.returncode == 2


def test_score_adverts_prints_precision_and_recall_per_family(draft):
    text = run("score_adverts")
    assert text.startswith("Offer-text rules of the draft on ")
    assert "family              precision  recall  right  wrong  missed" in text
    for family in ("regulatory", "trial-washing", "pressure-money", "overall"):
        assert f"\n{family} " in text
    held_out = run("score_adverts", "--split", "held-out")
    assert "split: held-out" in held_out


def test_score_adverts_fails_when_the_rules_read_badly(draft):
    from screening.models import PhraseRule

    PhraseRule.objects.filter(family="pressure-money").update(is_active=False)
    with pytest.raises(CommandError, match="Below the targets"):
        run("score_adverts")
