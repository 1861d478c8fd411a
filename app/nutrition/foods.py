"""The USDA food table (foods.csv + foods_provenance.csv), loaded idempotently by `flask load-foods`."""
import csv
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.nutrition.models import NAME_MAX, SERVING_NAME_MAX, Food, FoodServing

DATA_DIR = Path(__file__).parent / "data"
FOODS_FILE = DATA_DIR / "foods.csv"
PROVENANCE_FILE = DATA_DIR / "foods_provenance.csv"
MEASURE = re.compile(r"^\s*(?P<name>.+?)\s*=\s*(?P<grams>\d+(?:\.\d+)?)\s*g\s*$")


def search_words(text: str) -> list[str]:
    """Lower-case words without accents or punctuation: 'Crème fraîche, 2%' → ['creme', 'fraiche', '2']."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.findall(r"[a-z0-9]+", plain)


def search_text(name: str) -> str:
    return " " + " ".join(search_words(name))


@dataclass(frozen=True)
class FoodRow:
    source: str
    source_id: str
    name: str
    category: str
    calcium_mg_per_100g: float
    vitamin_d_iu_per_100g: float | None
    protein_g_per_100g: float
    servings: tuple[tuple[str, float], ...]


def read_foods(foods_file: Path = FOODS_FILE, provenance_file: Path = PROVENANCE_FILE) -> list[FoodRow]:
    """The table as typed rows; the first serving is foods.csv's, then every other SR28 household measure."""
    with provenance_file.open(newline="", encoding="utf-8") as f:
        measures = {r["source_id"]: r["all_household_measures"] for r in csv.DictReader(f)}
    rows = []
    with foods_file.open(newline="", encoding="utf-8") as f:
        for line, r in enumerate(csv.DictReader(f), start=2):
            servings = [(r["serving_name"].strip(), float(r["serving_g"]))]
            for part in (measures.get(r["source_id"]) or "").split(";"):
                match = MEASURE.match(part)
                if match and match["name"] not in {name for name, _ in servings}:
                    servings.append((match["name"], float(match["grams"])))
            vitamin_d = r["vitamin_d_iu_per_100g"].strip()
            rows.append(FoodRow(
                source=r["source"], source_id=r["source_id"], name=r["name"].strip(), category=r["category"],
                calcium_mg_per_100g=float(r["calcium_mg_per_100g"]),
                vitamin_d_iu_per_100g=float(vitamin_d) if vitamin_d else None,  # blank = not reported
                protein_g_per_100g=float(r["protein_g_per_100g"]),
                servings=tuple(servings)))
            if not rows[-1].name or any(g <= 0 for _, g in servings):
                raise ValueError(f"{foods_file.name}:{line}: a food needs a name and positive serving weights")
            if len(rows[-1].name) > NAME_MAX or any(len(n) > SERVING_NAME_MAX for n, _ in servings):
                raise ValueError(f"{foods_file.name}:{line}: a name is longer than its column")
    return rows


def load_foods(foods_file: Path = FOODS_FILE, provenance_file: Path = PROVENANCE_FILE) -> tuple[int, int]:
    """Insert new foods and update changed ones, keyed by (source, source_id); returns (added, updated).

    Logged days keep their snapshot values, so changing a food here never rewrites the past.
    """
    existing = {(f.source, f.source_id): f for f in db.session.scalars(
        select(Food).where(Food.source_id.is_not(None)).options(selectinload(Food.servings)))}
    added = updated = 0
    for row in read_foods(foods_file, provenance_file):
        values = {"name": row.name, "category": row.category, "search_text": search_text(row.name),
                  "calcium_mg_per_100g": row.calcium_mg_per_100g, "vitamin_d_iu_per_100g": row.vitamin_d_iu_per_100g,
                  "protein_g_per_100g": row.protein_g_per_100g}
        food = existing.get((row.source, row.source_id))
        if food is None:
            food = Food(source=row.source, source_id=row.source_id, **values)
            food.servings = [FoodServing(position=i, name=n, grams=g) for i, (n, g) in enumerate(row.servings)]
            db.session.add(food)
            added += 1
            continue
        changed = {k: v for k, v in values.items() if getattr(food, k) != v}
        for key, value in changed.items():
            setattr(food, key, value)
        if [(s.name, s.grams) for s in food.servings] != list(row.servings):
            food.servings = [FoodServing(position=i, name=n, grams=g) for i, (n, g) in enumerate(row.servings)]
            changed["servings"] = True
        updated += bool(changed)
    db.session.flush()
    return added, updated
