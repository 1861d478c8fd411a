"""The house: every module imports on its own, package __init__ files have no side effects, no import runs back up
the house (tests/support/house.py), the pure rules stay pure, the therapist's workspace is reached only through the
factory, the access rule reaches no feature's code, and no build artifact is committed."""
import ast
import subprocess
import sys
from pathlib import Path

from tests.support.house import all_imports, modules, up_imports

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app"
DATA_FOLDERS = ("app/static/vendor/", "app/nutrition/data/", "app/exercises/data/", "app/profile/data/")
LARGEST_FILE = 2 * 1024 * 1024


def _modules() -> list[str]:
    names = []
    for path in sorted(APP.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_every_module_imports_on_its_own_in_a_fresh_interpreter() -> None:
    modules = _modules()
    assert len(modules) > 60
    result = subprocess.run([sys.executable, "-m", "tests.support.import_alone", *modules], cwd=ROOT,
                            capture_output=True, text=True, check=True)
    failures = dict(line.split("\t", 1) for line in result.stdout.splitlines())
    assert failures == {}


def test_the_import_check_finds_a_cycle(tmp_path: Path) -> None:
    """The check itself: a module that can't be imported first is reported."""
    result = subprocess.run([sys.executable, "-m", "tests.support.import_alone", "app.no_such_module"], cwd=ROOT,
                            capture_output=True, text=True, check=True)
    assert result.stdout.startswith("app.no_such_module\tModuleNotFoundError")


def test_package_init_files_import_nothing_of_the_app() -> None:
    for init in APP.glob("*/__init__.py"):
        assert not {m for m in all_imports(init) if m.startswith("app")}, init


def test_the_access_rule_reaches_only_models_and_extensions() -> None:
    """app/access.py decides whose data may be seen; it uses the User and CareLink tables, no feature's code."""
    used = {m for m in all_imports(APP / "access.py") if m.startswith("app")}
    assert used <= {"app.extensions", "app.auth.models", "app.care.models"}, used
    for path in APP.rglob("*.py"):
        assert "app.care.access" not in path.read_text(), path  # one home


def test_no_large_file_is_committed_outside_the_data_folders() -> None:
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    large = [name for name in listed.decode().split("\0") if name and not name.startswith(DATA_FOLDERS)
             and (ROOT / name).is_file() and (ROOT / name).stat().st_size > LARGEST_FILE]
    assert large == []
    assert not [name for name in listed.decode().split("\0") if name.endswith((".whl", ".db", ".pyc"))]


def test_no_import_runs_back_up_the_house() -> None:
    assert up_imports() == []


def test_only_the_factory_imports_the_workspace() -> None:
    for name, path in modules().items():
        if name == "app" or name.startswith("app.workspace"):
            continue
        assert not [m for m in all_imports(path) if m.startswith("app.workspace")], name


def test_the_pure_rules_import_only_the_standard_library() -> None:
    """app/guidance/ is plain Python: the standard library and itself, so every rule is testable on its own."""
    for name, path in modules().items():
        if name.startswith("app.guidance"):
            outside = {m for m in all_imports(path) if not m.startswith("app.guidance")
                       and m.split(".")[0] not in sys.stdlib_module_names}
            assert outside == set(), name


def test_no_rules_module_touches_tables_extensions_or_flask() -> None:
    """A feature's rules.py is what its form and the API both ask: no models, no extensions, no Flask."""
    found = [(name, path) for name, path in modules().items() if name.endswith(".rules")]
    assert len(found) >= 2
    for name, path in found:
        used = all_imports(path)
        assert not [m for m in used if m.endswith(".models") or m in ("app.extensions", "app.models_base")
                    or m.split(".")[0] in ("flask", "flask_wtf", "wtforms", "sqlalchemy", "flask_sqlalchemy")], name


def test_the_house_check_sees_an_import_that_runs_up(tmp_path: Path) -> None:
    """The check itself: a pure rule importing a table is reported."""
    (tmp_path / "app" / "guidance").mkdir(parents=True)
    (tmp_path / "app" / "guidance" / "bad.py").write_text("from app.care.models import CareLink\n")
    (tmp_path / "app" / "care").mkdir()
    (tmp_path / "app" / "care" / "models.py").write_text("CareLink = 1\n")
    assert up_imports(tmp_path) == [("app.guidance.bad", "app.care.models")]


def test_every_clinical_citation_points_into_the_repository() -> None:
    """The code cites docs/clinical-rules.md by section, or a source constant; every section and constant named
    exists, and nothing cites a document outside the repository."""
    import re

    from app.guidance.sources import SOURCES

    rules = (ROOT / "docs" / "clinical-rules.md").read_text()
    headings = set(re.findall(r"^## (.+)$", rules, re.M))
    guidance = "".join(path.read_text() for path in APP.rglob("*.py"))
    for name in set(re.findall(r"`([A-Z][A-Z0-9_]+\*?)`", rules)):  # a source, or a figure's constant
        assert name in SOURCES or re.search(rf"^\s*{name.rstrip('*')}\w* = ", guidance, re.M), name
    cited = 0
    for path in [*APP.rglob("*.py"), *(ROOT / "templates").rglob("*.html")]:
        text = path.read_text()
        assert "guidance README" not in text and "guidance.md" not in text, path
        for section in re.findall(r'docs/clinical-rules\.md,\s+"([^"]+)"', text):
            cited += 1
            assert any(h == section or h.startswith(section) for h in headings), (path, section)
    assert cited >= 25


def test_test_modules_share_helpers_only_through_support_and_conftest() -> None:
    """Tests live in feature folders; a test module imports helpers from tests/support/ (or takes conftest's fixtures),
    never from another test module, and there is one signed-in fixture."""
    tests = ROOT / "tests"
    modules = [path for path in tests.rglob("test_*.py")]
    assert len(modules) > 50 and not list(tests.glob("test_*.py"))  # none left at the root
    for path in modules:
        imported = {m for m in all_imports(path) if m.startswith("tests")}
        assert all(m.startswith("tests.support") for m in imported), (path, imported)
        defined = {node.name for node in ast.walk(ast.parse(path.read_text())) if isinstance(node, ast.FunctionDef)}
        assert "signed_in" not in defined, path
