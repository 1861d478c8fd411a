"""Food and supplement logging for one member: queries and writes (the caller commits)."""
import functools
from collections import defaultdict
from dataclasses import astuple, dataclass, field
from datetime import date, datetime

from sqlalchemy import ColumnElement, Integer, and_, case, column, func, literal, literal_column, or_, select, text
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.guidance.alcohol import ethanol_g
from app.guidance.amounts import GRAM, Unit, default_unit, unit_for_measure, units_for, usual_amount
from app.guidance.nutrition import Nutrients, for_grams
from app.guidance.targets import DailyNutritionTargets
from app.nutrition.foods import search_words
from app.nutrition.models import MEALS, AlcoholLog, Food, FoodFavourite, FoodLog, FoodServing, Supplement, SupplementLog
from app.targets import daily_targets

SEARCH_LIMIT = 20  # a phone screenful or two; each result carries its own add form


@dataclass(frozen=True)
class FoodHit:
    food: Food
    favourite: bool
    last_used: datetime | None


RECENT_FOODS = 50     # her most recently logged distinct foods that rank first
FAVOURITES_MAX = 200


def search_foods(member_id: int, query: str, limit: int = SEARCH_LIMIT) -> list[FoodHit]:
    """Foods whose words start with every word typed; her favourites, then her recent foods, first.

    With no words, her favourites and recent foods alone. Her favourites and her 50 most recent
    foods are fetched first (two small, bounded queries) and ranked by id in the food query, so the
    plan never re-aggregates her whole log per food, however long her history (then servings: four
    statements in all).
    """
    words = search_words(query)[:8]
    favourites = list(db.session.scalars(
        select(FoodFavourite.food_id).where(FoodFavourite.member_id == member_id)
        .order_by(FoodFavourite.created_at.desc()).limit(FAVOURITES_MAX)))
    recent = dict(db.session.execute(
        select(FoodLog.food_id, func.max(FoodLog.created_at).label("last_used"))
        .where(FoodLog.member_id == member_id).group_by(FoodLog.food_id)
        .order_by(func.max(FoodLog.created_at).desc()).limit(RECENT_FOODS)).all())
    ranked = favourites + [food_id for food_id in recent if food_id not in set(favourites)]
    statement = (select(Food).where(or_(Food.member_id.is_(None), Food.member_id == member_id))
                 .options(selectinload(Food.servings)))
    if words:
        statement = statement.where(_matching(words))
    if not words:
        statement = statement.where(Food.id.in_(ranked or [0]))
    rank = case({food_id: position for position, food_id in enumerate(ranked)}, value=Food.id,
                else_=len(ranked)) if ranked else literal(0)
    # Words in the name before words only in USDA's description or other names; the everyday layer (and her
    # own foods) before the rest of the table; then the shorter, plainer name.
    in_name = case((and_(*(func.lower(Food.name).like(f"%{word}%") for word in words)), 0), else_=1) \
        if words else literal(0)
    everyday = case((or_(Food.category.is_not(None), Food.member_id.is_not(None)), 0), else_=1)
    statement = statement.order_by(rank, in_name, everyday, func.length(Food.name), Food.name).limit(limit)
    favourite_ids = set(favourites)
    return [FoodHit(food, food.id in favourite_ids, recent.get(food.id)) for food in db.session.scalars(statement)]


def _matching(words: list[str]) -> ColumnElement[bool]:
    """Foods with a word starting with each of `words`, through the database's own text index: SQLite's FTS5
    (prefix queries "milk"*) or PostgreSQL's full-text search (milk:*), over the same words (`search_text`)."""
    if db.session.get_bind().dialect.name == "sqlite":
        query = " ".join(f'"{word}"*' for word in words)  # words are [a-z0-9]+: nothing to escape
        return Food.id.in_(text("SELECT rowid FROM food_fts WHERE food_fts MATCH :words")
                           .bindparams(words=query).columns(column("rowid", Integer)))
    return func.to_tsvector(literal_column("'simple'"), Food.search_text).op("@@")(
        func.to_tsquery(literal_column("'simple'"), " & ".join(f"{word}:*" for word in words)))


def set_favourite(member_id: int, food_id: int, favourite: bool) -> None:
    """Make the food a favourite, or stop it being one. Saying it twice (a double tap) is saying it once."""
    existing = db.session.get(FoodFavourite, (member_id, food_id))
    if existing and not favourite:
        db.session.delete(existing)
    elif favourite and not existing:
        db.session.add(FoodFavourite(member_id=member_id, food_id=food_id))


@dataclass(frozen=True)
class Amount:
    """What she entered: `quantity` of `unit` (grams, ounces, a cup, one of the food's measures)."""
    quantity: float
    unit: Unit = GRAM

    @property
    def grams(self) -> float:
        return self.quantity * self.unit.grams


def units_of(food: Food) -> list[Unit]:
    """The units this food can be logged in (app.guidance.amounts), from its servings in their order."""
    return list(_units(tuple((s.name, s.grams) for s in food.servings)))


@functools.lru_cache(maxsize=20_000)
def _units(measures: tuple[tuple[str, float], ...]) -> tuple[Unit, ...]:
    """Worked out once per set of measures (a food's rarely change): search shows 20 foods' units a page."""
    return tuple(units_for(list(measures)))


@dataclass(frozen=True)
class UnitChoice:
    units: list[Unit]
    unit: Unit      # the one offered first
    amount: float   # her usual serving, said in that unit


def unit_choice(food: Food, last_used: str | None, unit_system: str) -> UnitChoice:
    """The units she can log this food in, the one offered first and the amount it starts at."""
    units = units_of(food)
    usual = food.servings[0] if food.servings else None
    unit = default_unit(units, last_used, unit_system, usual.name if usual else None)
    return UnitChoice(units, unit, usual_amount(unit, usual.grams if usual else None))


def logged_amount(units: list[Unit], log: FoodLog) -> tuple[str, float]:
    """(unit key, quantity) of a logged food, to edit it as she entered it; in grams when the food no longer
    has that unit. A log of 1 × "1 cup" made before units opens as 1 cup."""
    keys = {u.key for u in units}
    if log.unit in keys and log.servings:
        return log.unit, log.servings
    if log.servings and log.serving_name and (found := unit_for_measure(units, log.serving_name)):
        return found[0].key, log.servings * found[1]
    return GRAM.key, log.grams


def last_units(member_id: int, food_ids: list[int]) -> dict[int, str]:
    """The unit she used last for each of these foods (one query)."""
    if not food_ids:
        return {}
    latest = select(FoodLog.food_id, func.max(FoodLog.id).label("id")).where(
        FoodLog.member_id == member_id, FoodLog.food_id.in_(food_ids), FoodLog.unit.is_not(None)) \
        .group_by(FoodLog.food_id).subquery()
    return dict(db.session.execute(select(FoodLog.food_id, FoodLog.unit).join(latest, latest.c.id == FoodLog.id)).all())


def apply_food_log(log: FoodLog, food: Food, log_date: date, meal: str, amount: Amount) -> FoodLog:
    """Fill a (new or edited) log from the food's current values: the snapshot its day keeps."""
    nutrients = nutrients_of(food, amount.grams)
    log.log_date, log.meal, log.food_id, log.food_name = log_date, meal, food.id, food.name
    unit = amount.unit
    log.unit = unit.key
    log.servings = None if unit.key == GRAM.key else amount.quantity
    log.serving_name = None if unit.key == GRAM.key else (unit.key[2:] if unit.is_measure else unit.label)
    log.grams = amount.grams
    log.calcium_mg, log.vitamin_d_iu, log.protein_g = nutrients.calcium_mg, nutrients.vitamin_d_iu, nutrients.protein_g
    log.magnesium_mg, log.potassium_mg, log.energy_kcal = \
        nutrients.magnesium_mg, nutrients.potassium_mg, nutrients.energy_kcal
    db.session.add(log)
    return log


def copy_meal(member_id: int, from_date: date, meal: str, to_date: date) -> int:
    """Log again today what she ate at one meal of another day (at today's food values); returns how many."""
    logs = db.session.execute(
        select(FoodLog, Food).join(Food, Food.id == FoodLog.food_id)
        .where(FoodLog.member_id == member_id, FoodLog.log_date == from_date, FoodLog.meal == meal)
        .order_by(FoodLog.id)).all()
    for old, food in logs:
        copy = FoodLog(member_id=member_id)
        apply_food_log(copy, food, to_date, meal, Amount(old.grams))
        copy.servings, copy.serving_name, copy.unit = old.servings, old.serving_name, old.unit
    db.session.flush()
    return len(logs)


def nutrients_of(food: Food, grams: float) -> Nutrients:
    return for_grams(food.calcium_mg_per_100g, food.vitamin_d_iu_per_100g, food.protein_g_per_100g, grams,
                     food.magnesium_mg_per_100g, food.potassium_mg_per_100g, food.energy_kcal_per_100g)


@dataclass(frozen=True)
class Totals:
    calcium_mg: float = 0.0
    vitamin_d_iu: float = 0.0
    protein_g: float = 0.0
    unknown_vitamin_d: int = 0  # items whose vitamin D is not reported (counted as nothing)
    unknown_calcium: int = 0    # items whose calcium is not reported (counted as nothing)
    # Food only, shown and not scored; `items` is how many foods the sums cover, `unknown_minerals` how many of
    # them have no magnesium or potassium value (logged before Ossify kept them, or not in the USDA table).
    magnesium_mg: float = 0.0
    potassium_mg: float = 0.0
    energy_kcal: float = 0.0
    items: int = 0
    unknown_minerals: int = 0

    def __add__(self, other: "Totals") -> "Totals":
        return Totals(*(a + b for a, b in zip(astuple(self), astuple(other), strict=True)))


def totals_of(items: list[FoodLog] | list[SupplementLog]) -> Totals:
    foods = [i for i in items if isinstance(i, FoodLog)]  # supplements hold no magnesium, potassium or energy
    return Totals(
        calcium_mg=sum(i.calcium_mg or 0 for i in items),
        vitamin_d_iu=sum(i.vitamin_d_iu or 0 for i in items),
        protein_g=sum(i.protein_g for i in items),
        unknown_vitamin_d=sum(1 for i in items if i.vitamin_d_iu is None),
        unknown_calcium=sum(1 for i in items if i.calcium_mg is None),
        magnesium_mg=sum(f.magnesium_mg or 0 for f in foods),
        potassium_mg=sum(f.potassium_mg or 0 for f in foods),
        energy_kcal=sum(f.energy_kcal or 0 for f in foods),
        items=len(foods),
        unknown_minerals=sum(1 for f in foods if f.magnesium_mg is None or f.potassium_mg is None),
    )


@dataclass
class Day:
    day: date
    meals: dict[str, list[FoodLog]]
    supplement_logs: list[SupplementLog]
    supplements: list[Supplement]
    targets: DailyNutritionTargets
    food: Totals = field(default_factory=Totals)
    supplement: Totals = field(default_factory=Totals)

    @property
    def total(self) -> Totals:
        return self.food + self.supplement

    @property
    def taken(self) -> dict[int, list[SupplementLog]]:
        taken: dict[int, list[SupplementLog]] = defaultdict(list)
        for log in self.supplement_logs:
            taken[log.supplement_id].append(log)
        return taken

    @property
    def calcium_above_limit(self) -> bool:
        limit = self.targets.calcium_ul_mg
        return limit is not None and self.total.calcium_mg > limit.value

    @property
    def vitamin_d_above_limit(self) -> bool:
        return self.total.vitamin_d_iu > self.targets.vitamin_d_ul_iu.value

    def meal_totals(self, meal: str) -> Totals:
        return totals_of(self.meals[meal])


def day_view(member_id: int, day: date) -> Day:
    """Everything the day page shows, in a constant number of statements."""
    food_logs = db.session.scalars(select(FoodLog).where(FoodLog.member_id == member_id, FoodLog.log_date == day)
                                   .order_by(FoodLog.id)).all()
    meals: dict[str, list[FoodLog]] = {meal: [] for meal in MEALS}
    for log in food_logs:
        meals[log.meal].append(log)
    supplement_logs = list(db.session.scalars(
        select(SupplementLog).where(SupplementLog.member_id == member_id, SupplementLog.log_date == day)
        .order_by(SupplementLog.id)))
    supplements = list(db.session.scalars(
        select(Supplement).where(Supplement.member_id == member_id, Supplement.active.is_(True))
        .order_by(Supplement.id)))
    targets = daily_targets(member_id, day)
    return Day(day, meals, supplement_logs, supplements, targets, food=totals_of(list(food_logs)),
               supplement=totals_of(supplement_logs))


def take_supplement(member_id: int, supplement: Supplement, day: date, quantity: float) -> SupplementLog:
    log = SupplementLog(member_id=member_id, log_date=day, supplement_id=supplement.id, name=supplement.name,
                        quantity=quantity, calcium_mg=supplement.calcium_mg * quantity,
                        vitamin_d_iu=supplement.vitamin_d_iu * quantity, protein_g=supplement.protein_g * quantity)
    db.session.add(log)
    db.session.flush()
    return log


def nutrients_per_serving(food: Food, serving: FoodServing | None) -> Nutrients:
    """What one serving holds; per 100 g for a food USDA measures in grams only."""
    return nutrients_of(food, serving.grams if serving else 100)


def meals_on(member_id: int, day: date) -> list[str]:
    """The meals she logged anything for on a day (to offer them for copying)."""
    return list(db.session.scalars(select(FoodLog.meal).where(
        and_(FoodLog.member_id == member_id, FoodLog.log_date == day)).distinct()))


def drinks_on(member_id: int, day: date) -> list[AlcoholLog]:
    """Her drinks logged on one day, in the order she logged them."""
    return list(db.session.scalars(select(AlcoholLog).where(AlcoholLog.member_id == member_id,
                                                            AlcoholLog.log_date == day).order_by(AlcoholLog.id)))


def new_drinks(member_id: int, day: date, drinks: float, size: str, submission_id: str | None) -> AlcoholLog:
    """A drinks entry with its grams of ethanol worked out once, from the size she counted in."""
    log = AlcoholLog(member_id=member_id, log_date=day, drinks=drinks, drink_size=size,
                     ethanol_g=ethanol_g(drinks, size), submission_id=submission_id)
    db.session.add(log)
    db.session.flush()
    return log
