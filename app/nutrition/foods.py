"""The food table: every food of USDA SR28 (data/sr28/, USDA's own files) with the everyday layer on top.

The everyday layer (data/foods.csv) gives 248 foods a friendly name, a category and the usual serving shown
first; every other food is named by USDA's description. `flask load-foods` upserts by NDB number: a second
run changes nothing, a changed value updates the food, and a logged day keeps the snapshot it was logged with.
"""
import csv
import functools
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, insert, select, text, update

from app.extensions import db
from app.guidance.amounts import split_measure
from app.nutrition.models import NAME_MAX, SEARCH_TEXT_MAX, SERVING_NAME_MAX, Food, FoodServing
from app.nutrition.sr28 import SOURCE, SR28_DIR, read_sr28
from app.nutrition.words import RARE_GROUPS, form_flags, head_of, plain_words, plainness, qualifier_of

DATA_DIR = Path(__file__).parent / "data"
FOODS_FILE = DATA_DIR / "foods.csv"
ALIASES_FILE = DATA_DIR / "aliases.csv"  # other names people use for everyday foods: "porridge" for oatmeal


def search_text(*texts: str | None) -> str:
    """The words of every text once, in order, within the column: ' milk whole 3 25 vitamin d fortified'."""
    words = list(dict.fromkeys(w for text in texts if text for w in plain_words(text)))
    out = ""
    for word in words:
        if len(out) + len(word) + 1 > SEARCH_TEXT_MAX:
            break
        out += " " + word
    return out


def search_fields(name: str, long_desc: str | None = None, common_names: str | None = None,
                  aliases: str | None = None, food_group: str | None = None,
                  everyday_position: int | None = 0) -> dict:
    """What the search matches and ranks a food by (app/nutrition/words.py), for a USDA row or her own food:
    its words, its main words (from USDA's description, else its name) and how plain it is."""
    described = long_desc or name
    # Baby, fast and restaurant foods outside the everyday layer never rank as the food itself: "green beans"
    # is the vegetable before "Babyfood, green beans".
    rare = food_group in RARE_GROUPS and everyday_position is None
    return {"search_text": search_text(name, aliases, long_desc, common_names),
            "head": None if rare else head_of(described), "qualifier": None if rare else qualifier_of(described),
            "name_head": head_of(name) if name != described else None,
            "search_rank": plainness(described, food_group, everyday_position),
            "form_flags": form_flags(described, food_group)}


@dataclass(frozen=True)
class FoodRow:
    source_id: str
    name: str
    category: str | None
    food_group: str
    long_desc: str
    common_names: str | None
    calcium_mg_per_100g: float | None
    vitamin_d_iu_per_100g: float | None
    protein_g_per_100g: float
    magnesium_mg_per_100g: float | None
    potassium_mg_per_100g: float | None
    energy_kcal_per_100g: float | None
    servings: tuple[tuple[str, float], ...]
    aliases: str | None = None
    everyday_position: int | None = None

    @functools.cached_property
    def values(self) -> dict:
        return {"source": SOURCE, "source_id": self.source_id, "name": self.name, "category": self.category,
                "food_group": self.food_group, "long_desc": self.long_desc, "common_names": self.common_names,
                **search_fields(self.name, self.long_desc, self.common_names, self.aliases, self.food_group,
                                self.everyday_position),
                "calcium_mg_per_100g": self.calcium_mg_per_100g, "vitamin_d_iu_per_100g": self.vitamin_d_iu_per_100g,
                "protein_g_per_100g": self.protein_g_per_100g, "magnesium_mg_per_100g": self.magnesium_mg_per_100g,
                "potassium_mg_per_100g": self.potassium_mg_per_100g, "energy_kcal_per_100g": self.energy_kcal_per_100g}


def everyday_layer(foods_file: Path = FOODS_FILE) -> dict[str, dict[str, str]]:
    """NDB number → the everyday layer's row (name, category, usual serving), in the file's order."""
    with foods_file.open(newline="", encoding="utf-8") as f:
        return {r["source_id"]: r for r in csv.DictReader(f)}


def everyday_aliases(aliases_file: Path = ALIASES_FILE) -> dict[str, str]:
    """NDB number → other names people use for that everyday food ("porridge; oats")."""
    with aliases_file.open(newline="", encoding="utf-8") as f:
        return {r["source_id"]: r["aliases"] for r in csv.DictReader(f)}


def read_foods(sr28_dir: Path = SR28_DIR, foods_file: Path = FOODS_FILE,
               only: set[str] | None = None) -> list[FoodRow]:
    """Every SR28 food (or those in `only`) as typed rows; the everyday layer's name and serving first."""
    layer = everyday_layer(foods_file)
    position = {ndb: i for i, ndb in enumerate(layer)}
    aliases = everyday_aliases() if foods_file == FOODS_FILE else {}
    rows = []
    for food in read_sr28(sr28_dir):
        if only is not None and food.ndb_no not in only:
            continue
        named = layer.get(food.ndb_no)
        servings = [(m.name, m.grams) for m in food.measures]
        if named:
            usual = (named["serving_name"].strip(), float(named["serving_g"]))
            same = split_measure(usual[0])  # "1/2 cup, chopped" is SR28's "0.5 cup, chopped": listed once
            servings = [usual] + [s for s in servings if s[0] != usual[0]
                                  and not (same and split_measure(s[0]) == same and s[1] == usual[1])]
        if food.protein_g is None:
            raise ValueError(f"SR28 food {food.ndb_no} has no protein value")  # every SR28 food has one
        row = FoodRow(
            source_id=food.ndb_no, name=named["name"].strip() if named else food.long_desc,
            category=named["category"] if named else None, food_group=food.food_group, long_desc=food.long_desc,
            common_names=food.common_names or None, calcium_mg_per_100g=food.calcium_mg,
            vitamin_d_iu_per_100g=food.vitamin_d_iu, protein_g_per_100g=food.protein_g,
            magnesium_mg_per_100g=food.magnesium_mg, potassium_mg_per_100g=food.potassium_mg,
            energy_kcal_per_100g=food.energy_kcal, servings=tuple(servings),
            aliases=aliases.get(food.ndb_no) if named else None, everyday_position=position.get(food.ndb_no))
        if len(row.name) > NAME_MAX or any(len(n) > SERVING_NAME_MAX or g <= 0 for n, g in row.servings):
            raise ValueError(f"SR28 food {food.ndb_no}: a name is longer than its column or a weight is not positive")
        rows.append(row)
    missing = set(layer) - {r.source_id for r in rows} if only is None else set()
    missing |= set(aliases) - set(layer)
    if missing:
        raise ValueError(f"foods.csv or aliases.csv names foods not in SR28 or the layer: {sorted(missing)}")
    return rows


VALUE_COLUMNS = ("name", "category", "food_group", "long_desc", "common_names", "search_text", "head",
                 "qualifier", "name_head", "search_rank", "form_flags",
                 "calcium_mg_per_100g", "vitamin_d_iu_per_100g", "protein_g_per_100g", "magnesium_mg_per_100g",
                 "potassium_mg_per_100g", "energy_kcal_per_100g")


def load_foods(sr28_dir: Path = SR28_DIR, foods_file: Path = FOODS_FILE,
               only: set[str] | None = None) -> tuple[int, int]:
    """Insert new foods and update changed ones, keyed by NDB number; returns (added, updated).

    Set-based, so the whole table takes seconds: one read of what is stored, bulk inserts, updates of the
    changed rows only. Logged days keep their snapshot values, so changing a food never rewrites the past.
    """
    loaded = load_food_rows(read_foods(sr28_dir, foods_file, only))
    refresh_own_foods()
    return loaded


OWN_FOOD_COLUMNS = ("search_text", "head", "qualifier", "name_head", "search_rank", "form_flags")


def refresh_own_foods() -> int:
    """Members' own foods and recipes get the search fields today's rules give their names (the rules live in
    code, app/nutrition/words.py: a changed rule reaches the foods already stored here); returns how many changed."""
    changed = []
    for row in db.session.execute(select(Food.id, Food.name, *(getattr(Food, c) for c in OWN_FOOD_COLUMNS))
                                  .where(Food.member_id.is_not(None))):
        fields = search_fields(row.name)
        if any(getattr(row, c) != fields[c] for c in OWN_FOOD_COLUMNS):
            changed.append({"id": row.id, **{c: fields[c] for c in OWN_FOOD_COLUMNS}})
    if changed:
        db.session.execute(update(Food), changed)
    return len(changed)


def load_food_rows(rows: list[FoodRow]) -> tuple[int, int]:
    """`load_foods` for rows already read (`read_foods`): a caller loading the same rows again reads them once."""
    stored = {r.source_id: r for r in db.session.execute(
        select(Food.id, Food.source_id, *(getattr(Food, c) for c in VALUE_COLUMNS)).where(Food.source == SOURCE))}
    servings: dict[int, list[tuple[str, float]]] = defaultdict(list)
    for food_id, name, grams in db.session.execute(
            select(FoodServing.food_id, FoodServing.name, FoodServing.grams).join(Food, Food.id == FoodServing.food_id)
            .where(Food.source == SOURCE).order_by(FoodServing.food_id, FoodServing.position)):
        servings[food_id].append((name, grams))

    new = [row for row in rows if row.source_id not in stored]
    changed, reserve = [], []
    for row in rows:
        old = stored.get(row.source_id)
        if old is None:
            continue
        values = row.values
        if any(getattr(old, c) != values[c] for c in VALUE_COLUMNS):
            changed.append({"id": old.id, **{c: values[c] for c in VALUE_COLUMNS}})
        if servings[old.id] != list(row.servings):
            reserve.append((old.id, row))
    if new:
        db.session.execute(insert(Food), [row.values for row in new])
        ids = dict(db.session.execute(select(Food.source_id, Food.id).where(Food.source == SOURCE)).all())
        reserve += [(ids[row.source_id], row) for row in new]
    if changed:
        db.session.execute(update(Food), changed)
    if reserve:
        changed_ids = [food_id for food_id, row in reserve if row.source_id in stored]
        for start in range(0, len(changed_ids), 500):
            db.session.execute(delete(FoodServing).where(FoodServing.food_id.in_(changed_ids[start:start + 500])))
        db.session.execute(insert(FoodServing), [
            {"food_id": food_id, "position": i, "name": name, "grams": grams}
            for food_id, row in reserve for i, (name, grams) in enumerate(row.servings)])
    db.session.flush()
    if new or changed:
        # Fresh statistics, so the planner uses the search's text index at once rather than after autovacuum
        # notices a table that grew from nothing to 8,789 rows (a scan on PostgreSQL: 45 ms a search instead of 2).
        if db.session.get_bind().dialect.name == "postgresql":
            db.session.execute(text("ANALYZE food, food_serving"))
        else:
            db.session.execute(text("ANALYZE food"))
            db.session.execute(text("ANALYZE food_serving"))
    updated = len({c["id"] for c in changed} | {food_id for food_id, row in reserve if row.source_id in stored})
    return len(new), updated
