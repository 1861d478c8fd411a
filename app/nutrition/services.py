"""Food and supplement logging for one member: queries and writes (the caller commits)."""
import functools
from collections import defaultdict
from dataclasses import astuple, dataclass, field, replace
from datetime import date, datetime

from sqlalchemy import (
    ColumnElement,
    Integer,
    TextClause,
    and_,
    bindparam,
    column,
    func,
    literal_column,
    or_,
    select,
    text,
)
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.guidance.alcohol import ethanol_g
from app.guidance.amounts import (
    COUNTED_GROUPS,
    GRAM,
    Unit,
    default_unit,
    is_liquid,
    unit_for_measure,
    units_for,
    usual_amount,
)
from app.guidance.gaps import NUTRIENTS, Candidate, Suggestion, close_the_gap, never_suggested
from app.guidance.nutrition import Nutrients, doses_a_day, for_grams
from app.guidance.regions import about_dairy, fortifies_milk
from app.guidance.targets import DailyNutritionTargets, DayAboveLimits
from app.nutrition.models import MEALS, AlcoholLog, Food, FoodFavourite, FoodLog, FoodServing, Supplement, SupplementLog
from app.nutrition.words import FORM_RULES, FORM_STEP, FORTIFIED_FLAG, Query, parse_query, with_slips
from app.targets.services import daily_targets

SEARCH_LIMIT = 20  # a phone screenful of one-line results, and a little more


@dataclass(frozen=True)
class FoodHit:
    food: Food
    favourite: bool
    last_used: datetime | None


RECENT_FOODS = 50     # her most recently logged distinct foods that rank first
FAVOURITES_MAX = 200


def search_foods(member_id: int, text: str, limit: int = SEARCH_LIMIT, country: str | None = None) -> list[FoodHit]:
    """Foods matching what she typed (app/nutrition/words.py), the best match first.

    Her own foods, favourites and recent foods first when they match; then foods whose main word is what she
    typed ("Milk, whole" for "milk"), the everyday layer in its order and plainer rows before the rest. With
    nothing typed, her favourites and recent foods alone. When the words as typed find nothing, one typing
    slip per long word is forgiven. Ranked and cut to `limit` in the database: three statements (four with
    the second try), whatever the table's size or her history's length.

    Her `country` picks the regional defaults (app/guidance/regions.py): outside the US and Canada, milk, yoghurt
    and cheese words rank USDA's unfortified rows before the vitamin D fortified ones.
    """
    query = parse_query(text)
    if query and not fortifies_milk(country) and about_dairy(query.words):
        query = replace(query, unfortified_first=True)
    favourites, recent = her_foods(member_id)
    favourite_ids = set(favourites)
    ranked = favourites + [food_id for food_id in recent if food_id not in favourite_ids]
    rows = _ranked(member_id, query, ranked, limit)
    if not rows and query:
        rows = _ranked(member_id, with_slips(query), ranked, limit)
    return [FoodHit(food, food.id in favourite_ids, recent.get(food.id)) for food in rows]


# Built once, bound per request (see app/progress/services.py).
HER_FAVOURITES = (select(FoodFavourite.food_id).where(FoodFavourite.member_id == bindparam("member_id"))
                  .order_by(FoodFavourite.created_at.desc()).limit(bindparam("limit")))
# Her recent foods are read from her latest logs, newest first through an index, so the work is the same after
# ten days or ten years: `RECENT_WINDOW` logs are about three months of eating, and a food not among them is not
# recent (it is still found, only not ranked first).
RECENT_WINDOW = 500
_HER_LATEST_LOGS = (select(FoodLog.id, FoodLog.food_id, FoodLog.created_at)
                    .where(FoodLog.member_id == bindparam("member_id"))
                    .order_by(FoodLog.id.desc()).limit(RECENT_WINDOW).subquery())
HER_RECENT_FOODS = (select(_HER_LATEST_LOGS.c.food_id, func.max(_HER_LATEST_LOGS.c.created_at).label("last_used"))
                    .group_by(_HER_LATEST_LOGS.c.food_id)
                    .order_by(func.max(_HER_LATEST_LOGS.c.created_at).desc()).limit(bindparam("limit")))


def her_foods(member_id: int, recent_limit: int = RECENT_FOODS) -> tuple[list[int], dict[int, datetime]]:
    """Her favourites (newest first) and her most recently logged foods with when (two small, bounded queries:
    the plan never re-aggregates her whole log per food, however long her history)."""
    favourites = list(db.session.scalars(HER_FAVOURITES, {"member_id": member_id, "limit": FAVOURITES_MAX}))
    recent = dict(db.session.execute(HER_RECENT_FOODS, {"member_id": member_id, "limit": recent_limit}).all())
    return favourites, recent


GAP_FOODS = 30  # her favourites and recent foods looked at for "close the gap"
# Built once, bound per request (see app/progress/services.py).
LAST_LOG_OF_RECENT_FOODS = select(FoodLog).where(FoodLog.id.in_(
    select(func.max(_HER_LATEST_LOGS.c.id)).group_by(_HER_LATEST_LOGS.c.food_id)
    .order_by(func.max(_HER_LATEST_LOGS.c.id).desc()).limit(bindparam("limit"))))
HER_FOODS_WITH_SERVINGS = (select(Food).where(Food.id.in_(bindparam("food_ids", expanding=True)),
                                              func.coalesce(Food.member_id, bindparam("member_id"))
                                              == bindparam("member_id"))
                           .options(selectinload(Food.servings)))


def gap_suggestions(member_id: int, view: "Day", unit_system: str) -> dict[str, list[Suggestion]]:
    """For each daily target the day is below (calcium, vitamin D, protein), up to 3 of her own favourite or
    recent foods that would close it, in the amount she usually has (app/guidance/gaps.py). Four statements,
    and none when every target is met."""
    targets = view.targets
    total = {key: getattr(view.total, key) for key in NUTRIENTS}
    short = {key: getattr(targets, key).value for key in NUTRIENTS
             if getattr(targets, key) is not None and total[key] < getattr(targets, key).value}
    if not short:
        return {}
    # Her last log of each of her most recent foods (the amount she usually has), and her favourites.
    her = {"member_id": member_id, "limit": GAP_FOODS}
    last = {log.food_id: log for log in db.session.scalars(LAST_LOG_OF_RECENT_FOODS, her)}
    favourites = db.session.scalars(HER_FAVOURITES, her).all()
    ids = list(dict.fromkeys([*favourites, *sorted(last, key=lambda f: -last[f].id)]))
    if not ids:
        return {}
    foods = db.session.scalars(HER_FOODS_WITH_SERVINGS, {"member_id": member_id, "food_ids": ids}).all()
    candidates = []
    for food in sorted(foods, key=lambda f: ids.index(f.id)):
        if never_suggested(food.name, food.long_desc):
            continue
        units = units_of(food)
        if food.id in last:
            key, quantity = logged_amount(units, last[food.id])
            unit = next(u for u in units if u.key == key) if key != GRAM.key else GRAM
        else:
            choice = unit_choice(food, None, unit_system)
            unit, quantity = choice.unit, choice.amount
        per = nutrients_of(food, quantity * unit.grams)
        candidates.append(Candidate(food.id, food.name, unit, quantity, {key: getattr(per, key) for key in NUTRIENTS}))
    upper = {"calcium_mg": targets.calcium_ul_mg.value if targets.calcium_ul_mg else None,
             "vitamin_d_iu": targets.vitamin_d_ul_iu.value,
             "protein_g": targets.protein_upper_g.value if targets.protein_upper_g else None}
    suggestions = {key: close_the_gap(key, total, value, upper, candidates) for key, value in short.items()}
    return {key: found for key, found in suggestions.items() if found}


def _ranked(member_id: int, query: Query, ranked: list[int], limit: int) -> list[Food]:
    # The table's foods and hers, said so that no index on member_id is used: the text index leads, and the
    # foods it found are then checked (an index on member_id IS NULL would walk the whole table). The result
    # line's unit and amount come from `openings`, which reads the shown foods' measures once.
    statement = select(Food).where(func.coalesce(Food.member_id, member_id) == member_id)
    if not query:
        statement = statement.where(Food.id.in_(ranked or [0]))
    else:
        statement = statement.where(_matching(query))
        if query.still_typing:
            statement = statement.where(or_(Food.category > "", Food.member_id.is_not(None), Food.id.in_(ranked)))
    statement = statement.order_by(_order(query, ranked, db.session.get_bind().dialect.name)).limit(limit)
    return list(db.session.scalars(statement))


def _order(query: Query, ranked: list[int], dialect: str) -> TextClause:
    """The ranking, as one SQL text with bound values (building it as an expression tree cost more than
    running it): her own, favourite and recent foods first, in their order; then, for words typed, foods
    whose main words are what she typed ("Orange juice, raw" for "orange juice"; "Cheese, cheddar" for
    "cheddar cheese"), or the main part of it ("Milk, whole" for "whole milk"), or its kind ("Cheese,
    cheddar" for "cheddar"); then foods with every term starting a word of the name she sees, not only of
    USDA's description; then the plainer food (`search_rank`), the shorter name."""
    params: dict[str, object] = {"ranked": "," + ",".join(map(str, ranked)) + ","}
    food_id = "food.id" if dialect == "sqlite" else "CAST(food.id AS TEXT)"
    place = f"{'instr' if dialect == 'sqlite' else 'strpos'}(:ranked, ',' || {food_id} || ',')"
    parts = [f"CASE WHEN {place} > 0 THEN {place} WHEN food.member_id IS NOT NULL THEN 1000000 ELSE 1000001 END"]
    expanding = []
    if query:
        params["whole"], params["heads"] = sorted(query.whole), sorted(query.heads)
        expanding = ["whole", "heads"]
        starts = []
        for i, word in enumerate(query.words[:6]):
            params[f"s{i}"] = f"{word}%"
            starts.append(f"food.head LIKE :s{i}")
        match = ("CASE WHEN food.head IN :whole OR food.name_head IN :whole THEN 0 "
                 "WHEN (food.qualifier || ' ' || food.head) IN :whole THEN 1 "
                 "WHEN food.head IN :heads OR food.name_head IN :heads THEN 2 WHEN food.qualifier IN :heads THEN 3 "
                 + (f"WHEN {' OR '.join(starts)} THEN 4 " if starts else "") + "ELSE 5 END")
        # The plain, ready-to-eat food before a part, a variant or a form she didn't type (words.FORM_RULES): each
        # rule a food breaks counts as two steps of the word match, so "Egg, whole, cooked, scrambled" comes before
        # "Eggs, scrambled, frozen mixture" though the second's words are closer to "scrambled eggs". Which rules a
        # food breaks is stored with it (`food.form_flags`, one bit a rule): the ranking tests bits.
        steps = [f"CASE WHEN (food.form_flags & {1 << FORM_RULES.index(rule)}) <> 0 THEN {FORM_STEP} ELSE 0 END"
                 for rule in query.form_rules()]
        parts.append(" + ".join([match, *steps]))
        if query.unfortified_first:
            # Her country doesn't fortify milk: of foods equally good for her words, USDA's unfortified rows first.
            parts.append(f"CASE WHEN (food.form_flags & {FORTIFIED_FLAG}) <> 0 THEN 1 ELSE 0 END")
        if query.methods:
            described = "lower(coalesce(food.long_desc, food.name))"
            # Her cooking word ("baked salmon"): the food cooked that way first, the closest of USDA's words first.
            cases = []
            for i, method in enumerate(query.methods):
                params[f"m{i}"] = f"%{method}%"
                cases.append(f"WHEN {described} LIKE :m{i} THEN {i}")
            parts.append(f"CASE {' '.join(cases)} ELSE {len(query.methods)} END")
        name = "lower(food.name)"
        for mark in ",(/-":
            name = f"replace({name}, '{mark}', ' ')"
        terms = []
        for term in query.terms:
            alternatives = []
            for alternative in term.alternatives:
                words = []
                for word in alternative:
                    key = f"n{len(params)}"
                    params[key] = f"% {word.core}%"
                    words.append(f"(' ' || {name}) LIKE :{key}")
                alternatives.append("(" + " AND ".join(words) + ")")
            terms.append("(" + " OR ".join(alternatives) + ")")
        parts.append(f"CASE WHEN {' AND '.join(terms)} THEN 0 ELSE 1 END")
    parts += ["food.search_rank", "length(food.name)", "food.name"]
    return text(", ".join(parts)).bindparams(*(bindparam(k, expanding=True) for k in expanding), **params)


def _matching(query: Query) -> ColumnElement[bool]:
    """Foods matching every term of the query, through the database's own text index over `search_text`:
    SQLite's FTS5 (prefix queries "milk"*) or PostgreSQL's full-text search (milk:*), one expression."""
    if db.session.get_bind().dialect.name == "sqlite":
        return Food.id.in_(text("SELECT rowid FROM food_fts WHERE food_fts MATCH :words")
                           .bindparams(words=_expression(query, '"{}"*', " OR ", " AND "))
                           .columns(column("rowid", Integer)))
    return func.to_tsvector(literal_column("'simple'"), Food.search_text).op("@@")(
        func.to_tsquery(literal_column("'simple'"), _expression(query, "{}:*", " | ", " & ")))


def _expression(query: Query, prefix: str, either: str, both: str) -> str:
    """Every term (both), each one of its alternatives (either), each alternative all its words (both), each
    word any of its starts (either); words are [a-z0-9]+, so nothing needs escaping."""
    def group(parts: list[str], joiner: str) -> str:
        return parts[0] if len(parts) == 1 else "(" + joiner.join(parts) + ")"

    return both.join(
        group([group([group([prefix.format(start) for start in word.starts], either) for word in alternative], both)
               for alternative in term.alternatives], either)
        for term in query.terms)


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


def unit_choice(food: Food, last_used: str | None, unit_system: str,
                measures: tuple[tuple[str, float], ...] | None = None) -> UnitChoice:
    """The units she can log this food in, the one offered first and the amount it starts at (`measures`: the
    food's servings as (name, grams), when they were read without loading `food.servings`)."""
    if measures is None:
        measures = tuple((s.name, s.grams) for s in food.servings)
    units = list(_units(measures))
    usual = measures[0] if measures else None
    unit = default_unit(units, last_used, unit_system, usual[0] if usual else None,
                        liquid=is_liquid(food.long_desc or food.name, food.food_group),
                        counted=food.food_group in COUNTED_GROUPS)
    return UnitChoice(units, unit, usual_amount(unit, usual[1] if usual else None))


@dataclass(frozen=True)
class Opening:
    """What a result line says and its log form opens with: `amount` of `unit`, weighing `grams`."""
    unit: Unit
    amount: float
    grams: float
    nutrients: Nutrients

    @property
    def label(self) -> str:
        """"1 fruit (2-5/8" dia) · 131 g", "40 g", "244 ml", "1 cup": one of the unit the form opens with."""
        if self.unit.is_measure:
            name = self.unit.key[2:]
            return f"{name} · {self.grams:g} g" if self.amount == 1 else f"{self.amount:g} × {name} · {self.grams:g} g"
        return f"{self.amount:g} {self.unit.label}"


def openings(member_id: int, foods: list[Food], unit_system: str) -> dict[int, Opening]:
    """For each food, the unit and amount its log form opens with (`unit_choice`), so the result line shows what
    "1" will mean: two statements (her last units, the foods' servings), whatever the number of foods."""
    ids = [food.id for food in foods]
    last = last_units(member_id, ids)
    measures: dict[int, list[tuple[str, float]]] = defaultdict(list)
    if ids:
        for food_id, name, grams in db.session.execute(
                select(FoodServing.food_id, FoodServing.name, FoodServing.grams).where(FoodServing.food_id.in_(ids))
                .order_by(FoodServing.food_id, FoodServing.position)):
            measures[food_id].append((name, grams))
    out = {}
    for food in foods:
        choice = unit_choice(food, last.get(food.id), unit_system, tuple(measures[food.id]))
        grams = round(choice.amount * choice.unit.grams, 1)
        out[food.id] = Opening(choice.unit, choice.amount, grams, nutrients_of(food, grams))
    return out


def logged_amount(units: list[Unit], log: FoodLog) -> tuple[str, float]:
    """(unit key, quantity) of a logged food, to edit it as she entered it; in grams when the food no longer
    has that unit. A log of 1 × "1 cup" made before units opens as 1 cup."""
    keys = {u.key for u in units}
    if log.unit in keys and log.servings:
        return log.unit, log.servings
    if log.servings and log.serving_name and (found := unit_for_measure(units, log.serving_name)):
        return found[0].key, log.servings * found[1]
    return GRAM.key, log.grams


# The unit of her latest log of each food: one step back along an index per food, however often she had it.
LAST_UNITS = (select(Food.id, select(FoodLog.unit)  # built once, bound per request
                     .where(FoodLog.member_id == bindparam("member_id"), FoodLog.food_id == Food.id,
                            FoodLog.unit.is_not(None))
                     .order_by(FoodLog.id.desc()).limit(1).scalar_subquery())
              .where(Food.id.in_(bindparam("food_ids", expanding=True))))


def last_units(member_id: int, food_ids: list[int]) -> dict[int, str]:
    """The unit she used last for each of these foods (one query)."""
    if not food_ids:
        return {}
    rows = db.session.execute(LAST_UNITS, {"member_id": member_id, "food_ids": list(food_ids)})
    return {food_id: unit for food_id, unit in rows if unit is not None}


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
class Day(DayAboveLimits):
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

    def meal_totals(self, meal: str) -> Totals:
        return totals_of(self.meals[meal])


# Built once, bound per request (see app/progress/services.py).
DAY_FOOD_LOGS = (select(FoodLog).where(FoodLog.member_id == bindparam("member_id"),
                                       FoodLog.log_date == bindparam("day")).order_by(FoodLog.id))
DAY_SUPPLEMENT_LOGS = (select(SupplementLog).where(SupplementLog.member_id == bindparam("member_id"),
                                                   SupplementLog.log_date == bindparam("day"))
                       .order_by(SupplementLog.id))
ACTIVE_SUPPLEMENTS = (select(Supplement).where(Supplement.member_id == bindparam("member_id"),
                                               Supplement.active.is_(True)).order_by(Supplement.id))


def day_view(member_id: int, day: date) -> Day:
    """Everything the day page shows, in a constant number of statements."""
    her_day = {"member_id": member_id, "day": day}
    food_logs = db.session.scalars(DAY_FOOD_LOGS, her_day).all()
    meals: dict[str, list[FoodLog]] = {meal: [] for meal in MEALS}
    for log in food_logs:
        meals[log.meal].append(log)
    supplement_logs = list(db.session.scalars(DAY_SUPPLEMENT_LOGS, her_day))
    supplements = list(db.session.scalars(ACTIVE_SUPPLEMENTS, {"member_id": member_id}))
    targets = daily_targets(member_id, day)
    return Day(day, meals, supplement_logs, supplements, targets, food=totals_of(list(food_logs)),
               supplement=totals_of(supplement_logs))


def doses_to_log(member_id: int, supplement: Supplement, day: date, every: bool) -> list[float]:
    """The quantities to log for one tap: her next dose of the day, or each dose she hasn't logged yet ("took them
    all, at different times"). Past her usual doses, one more dose of her usual size."""
    doses = doses_a_day(supplement.usual_quantity, supplement.per_dose)
    taken = db.session.scalar(select(func.count()).select_from(SupplementLog).where(
        SupplementLog.member_id == member_id, SupplementLog.supplement_id == supplement.id,
        SupplementLog.log_date == day)) or 0
    left = doses[taken:] or [min(supplement.per_dose, supplement.usual_quantity)]
    return left if every else left[:1]


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


DRINKS_ON = (select(AlcoholLog)  # built once, bound per request
             .where(AlcoholLog.member_id == bindparam("member_id"), AlcoholLog.log_date == bindparam("day"))
             .order_by(AlcoholLog.id))


def drinks_on(member_id: int, day: date) -> list[AlcoholLog]:
    """Her drinks logged on one day, in the order she logged them."""
    return list(db.session.scalars(DRINKS_ON, {"member_id": member_id, "day": day}))


def new_drinks(member_id: int, day: date, drinks: float, size: str, submission_id: str | None) -> AlcoholLog:
    """A drinks entry with its grams of ethanol worked out once, from the size she counted in."""
    log = AlcoholLog(member_id=member_id, log_date=day, drinks=drinks, drink_size=size,
                     ethanol_g=ethanol_g(drinks, size), submission_id=submission_id)
    db.session.add(log)
    db.session.flush()
    return log
