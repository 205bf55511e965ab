"""Nothing under screening/domain/ imports Django, or any part of the app outside the domain."""

import ast
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

DOMAIN = ROOT / "screening" / "domain"
MODULES = sorted(DOMAIN.glob("*.py"))


def imported_names(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
        elif isinstance(node, ast.ImportFrom):
            names.append("." * node.level + (node.module or ""))
    return names


def test_the_domain_has_its_modules():
    names = {p.stem for p in MODULES}
    assert {"vocabulary", "conditions", "catalogue", "codec", "validation", "diff", "answers"} <= names
    assert {"journey", "scoring", "report"} <= names


def test_no_domain_module_imports_django_or_the_rest_of_the_app():
    found = {}
    for path in MODULES:
        bad = [
            name
            for name in imported_names(path)
            if name.split(".")[0] == "django"
            or (name.startswith("screening") and not name.startswith("screening.domain"))
            or name.startswith(".")  # relative imports could reach outside; the domain writes them in full
        ]
        if bad:
            found[path.name] = bad
    assert found == {}


def test_the_purity_check_does_catch_a_django_import(tmp_path):
    module = tmp_path / "impure.py"
    module.write_text("from django.db import models\nimport screening.models\n")
    assert imported_names(module) == ["django.db", "screening.models"]


def test_importing_the_whole_domain_loads_no_django():
    modules = ", ".join(f"screening.domain.{p.stem}" for p in MODULES if p.stem != "__init__")
    code = (
        f"import sys, importlib\nfor m in '{modules}'.split(', '): importlib.import_module(m)\n"
        "loaded = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "print(loaded); sys.exit(1 if loaded else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr
