"""The house: which floor each module of app/ stands on, and the imports that run back up it.

A module may import modules on its own floor or below. Floors, from the ground up:

1. pure rules: `app.guidance` and every `rules.py` (the standard library only, besides each other);
2. foundations: the extensions, the request plumbing, shared form pieces;
3. tables: every `models.py`;
4. the access rule (`app/access.py`);
5. features' services, in the order they build on each other (auth, care, profile, targets, exercises,
   nutrition, progress, function, sharing, reminders, account, learn, api);
6. page services (`pages.py`, and the pages of the risk checklist and the calendar feed);
7. the therapist's workspace, the blueprints (`routes.py`, `*_routes.py` and the helpers they share), and the
   app's shell (factory, CLI, demo, worker).

`python -m tests.support.house` prints the imports that run back up and the largest modules.
"""
import ast
import fnmatch
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

FEATURES = ("auth", "care", "profile", "targets", "exercises", "nutrition", "progress", "function", "sharing",
            "reminders", "account", "learn", "api")
PURE = ("app.guidance", "app.guidance.*", "app.*.rules")
FOUNDATIONS = ("app.extensions", "app.models_base", "app.memo", "app.bounded_json", "app.security",
               "app.shared_limits", "app.queue", "app.transactions", "app.submissions", "app.forms",
               "app.presentation", "app.errors.*", "app.exercises.poses", "app.auth.mail", "app.auth.mailbox",
               "app.auth.messages")
PAGES = ("app.*.pages", "app.profile.risk", "app.reminders.calendar")
TOP = ("app", "app.*.routes", "app.*.*_routes", "app.*.route_helpers", "app.care.invitations", "app.workspace",
       "app.workspace.*", "app.cli", "app.demo", "app.worker", "app.main", "app.main.*")


def _matches(module: str, patterns: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatchcase(module, p) for p in patterns)


def floor(module: str) -> tuple[int, int]:
    """(floor, place among the features on the services floor)."""
    if _matches(module, PURE):
        return (1, 0)
    if _matches(module, FOUNDATIONS):
        return (2, 0)
    if module.endswith(".models") or module == "app.models_base":
        return (3, 0)
    if module == "app.access":
        return (4, 0)
    if _matches(module, TOP):
        return (7, 0)
    if _matches(module, PAGES):
        return (6, 0)
    package = module.split(".")[1] if module.count(".") >= 1 else ""
    return (5, FEATURES.index(package) if package in FEATURES else len(FEATURES))


def modules(root: Path = ROOT) -> dict[str, Path]:
    found = {}
    for path in sorted((root / "app").rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imports(path: Path, known: dict[str, Path]) -> set[str]:
    """The app modules `path` imports (a name imported from a package counts as its module when it is one)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names if f"{node.module}.{a.name}" in known)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


def all_imports(path: Path) -> set[str]:
    """Every module named in an import, app or not."""
    return imports(path, {})


def up_imports(root: Path = ROOT) -> list[tuple[str, str]]:
    """(importer, imported) for every import of an app module on a higher floor than the importer's."""
    known = modules(root)
    found = []
    for name, path in known.items():
        for target in sorted(imports(path, known)):
            if target in known and target != name and floor(target) > floor(name):
                found.append((name, target))
    return found


def largest(root: Path = ROOT, n: int = 10) -> list[tuple[int, str]]:
    sizes = [(len(p.read_text().splitlines()), str(p.relative_to(root))) for p in modules(root).values()]
    return sorted(sizes, reverse=True)[:n]


if __name__ == "__main__":
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT
    ups = up_imports(root)
    print(f"{len(ups)} imports run back up the house")
    for importer, imported in ups:
        print(f"  {importer} -> {imported}")
    print("largest modules:")
    for lines, name in largest(root):
        print(f"  {lines:5} {name}")
