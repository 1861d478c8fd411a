"""The house: every module imports on its own, package __init__ files have no side effects, the access rule
reaches no feature's code, and no build artifact is committed."""
import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
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


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_package_init_files_import_nothing_of_the_app() -> None:
    for init in APP.glob("*/__init__.py"):
        assert not {m for m in _imports(init) if m.startswith("app")}, init


def test_the_access_rule_reaches_only_models_and_extensions() -> None:
    """app/access.py decides whose data may be seen; it uses the User and CareLink tables, no feature's code."""
    used = {m for m in _imports(APP / "access.py") if m.startswith("app")}
    assert used <= {"app.extensions", "app.auth.models", "app.care.models"}, used
    for path in APP.rglob("*.py"):
        assert "app.care.access" not in path.read_text(), path  # one home


def test_no_large_file_is_committed_outside_the_data_folders() -> None:
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    large = [name for name in listed.decode().split("\0") if name and not name.startswith(DATA_FOLDERS)
             and (ROOT / name).is_file() and (ROOT / name).stat().st_size > LARGEST_FILE]
    assert large == []
    assert not [name for name in listed.decode().split("\0") if name.endswith((".whl", ".db", ".pyc"))]
