"""The shipped exercise catalog: a CSV in the repo, loaded idempotently by `flask load-catalog`."""
import csv
from pathlib import Path

from sqlalchemy import select

from app.exercises.models import KINDS, MEASURES, Exercise
from app.extensions import db
from app.guidance.safety import Impact
from app.guidance.sources import SOURCES

CATALOG_FILE = Path(__file__).parent / "data" / "catalog.csv"
LANDINGS = ("none", "grounded", "two_feet", "one_foot")
BOOLEAN_COLUMNS = ("reps_are_impacts", "moderate_aerobic", "uses_band", "spinal_flexion", "spinal_rotation")


def read_catalog(path: Path = CATALOG_FILE) -> list[dict]:
    """Rows of the catalog file, checked and typed; a bad row stops the load with its line number."""
    rows = []
    with path.open(newline="", encoding="utf-8") as f:
        for line, raw in enumerate(csv.DictReader(f), start=2):
            row = {"slug": raw["slug"].strip(), "source_key": raw["source"].strip()}
            for column in ("name", "kind", "impact", "measure", "landing", "target_muscles", "instructions"):
                row[column] = raw[column].strip()
            for column in BOOLEAN_COLUMNS:
                if raw[column] not in ("yes", "no"):
                    raise ValueError(f"{path.name}:{line}: {column} must be yes or no")
                row[column] = raw[column] == "yes"
            if row["kind"] not in KINDS or row["measure"] not in MEASURES or row["impact"] not in set(Impact):
                raise ValueError(f"{path.name}:{line}: unknown kind, measure or impact")
            if row["landing"] not in LANDINGS:
                raise ValueError(f"{path.name}:{line}: landing must be one of {', '.join(LANDINGS)}")
            if row["spinal_flexion"] or row["spinal_rotation"]:
                # Guidance README, third build, "Catalog content": ROS 2022, Too Fit To Fracture 2015 (Table 5), NOF.
                raise ValueError(f"{path.name}:{line}: Ossify's catalog holds no exercise whose main movement is "
                                 "loaded or end-range spinal flexion or loaded trunk rotation")
            if row["source_key"] not in SOURCES:
                raise ValueError(f"{path.name}:{line}: unknown source {row['source_key']!r}")
            if not row["slug"] or not row["name"] or not row["instructions"]:
                raise ValueError(f"{path.name}:{line}: slug, name and instructions are required")
            rows.append(row)
    return rows


def load_catalog(path: Path = CATALOG_FILE) -> tuple[int, int]:
    """Insert new catalog rows and update changed ones, keyed by slug; a catalog row the file no longer holds is
    retired (never offered again, kept for the sessions and programs that used it). Returns (added, updated)."""
    existing = {e.slug: e for e in db.session.scalars(select(Exercise).where(Exercise.slug.is_not(None)))}
    added = updated = 0
    listed = set()
    for row in read_catalog(path):
        listed.add(row["slug"])
        row["retired"] = False
        exercise = existing.get(row["slug"])
        if exercise is None:
            db.session.add(Exercise(**row))
            added += 1
            continue
        changes = {k: v for k, v in row.items() if getattr(exercise, k) != v}
        if changes:
            for key, value in changes.items():
                setattr(exercise, key, value)
            updated += 1
    for slug, exercise in existing.items():
        if slug not in listed and not exercise.retired:
            exercise.retired = True
            updated += 1
    db.session.flush()
    return added, updated
