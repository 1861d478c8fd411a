"""Saved meals and recipes: queries and writes for one member (the caller commits).

A saved meal is logged as its foods, each with the values the food has on the day she logs it; a recipe is
logged as one item, her own food whose values per serving are its ingredients' sums. Logs are snapshots, so
editing or deleting a saved meal or recipe never changes a day already logged.
"""
from datetime import date

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import lazyload, selectinload

from app.extensions import db
from app.guidance.amounts import GRAM, Unit
from app.guidance.nutrition import Nutrients
from app.nutrition.foods import search_fields
from app.nutrition.models import Food, FoodFavourite, FoodLog, FoodServing, SavedMeal, SavedMealItem
from app.nutrition.services import Amount, apply_food_log, nutrients_of, units_of

RECIPE_SERVING = "1 serving"


def saved_meals(member_id: int) -> list[SavedMeal]:
    """Hers, by name, with their items and the items' foods and servings (three statements)."""
    return list(db.session.scalars(
        select(SavedMeal).where(SavedMeal.member_id == member_id).order_by(func.lower(SavedMeal.name))
        .options(selectinload(SavedMeal.items).joinedload(SavedMealItem.food).selectinload(Food.servings))))


# Built once, bound per request (see app/progress/services.py).
SAVED_MEAL_NAMES = (select(SavedMeal).where(SavedMeal.member_id == bindparam("member_id"))
                    .order_by(func.lower(SavedMeal.name)).options(lazyload(SavedMeal.items)))


def saved_meal_names(member_id: int) -> list[SavedMeal]:
    """Hers by name, without their items: the day page's one-tap buttons (one statement)."""
    return list(db.session.scalars(SAVED_MEAL_NAMES, {"member_id": member_id}))


def saved_meal_of(member_id: int, saved_meal_id: int) -> SavedMeal | None:
    return db.session.scalar(
        select(SavedMeal).where(SavedMeal.id == saved_meal_id, SavedMeal.member_id == member_id)
        .options(selectinload(SavedMeal.items).joinedload(SavedMealItem.food).selectinload(Food.servings)))


def item_unit(item: SavedMealItem) -> tuple[Unit, float]:
    """The unit and quantity of an item as she chose them; in grams if the food no longer has that unit."""
    unit = next((u for u in units_of(item.food) if u.key == item.unit), None)
    return (unit, item.quantity) if unit else (GRAM, item.grams)


def item_nutrients(item: SavedMealItem) -> Nutrients:
    unit, quantity = item_unit(item)
    return nutrients_of(item.food, unit.grams * quantity)


def meal_totals(saved: SavedMeal) -> Nutrients:
    """What the whole saved meal (a recipe: all its servings) holds, with today's values."""
    parts = [item_nutrients(item) for item in saved.items]

    def total(key: str) -> float | None:
        values = [getattr(p, key) for p in parts]
        return None if parts and all(v is None for v in values) else sum(v or 0 for v in values)

    return Nutrients(calcium_mg=total("calcium_mg"), vitamin_d_iu=total("vitamin_d_iu"),
                     protein_g=total("protein_g") or 0, magnesium_mg=total("magnesium_mg"),
                     potassium_mg=total("potassium_mg"), energy_kcal=total("energy_kcal"))


def has_logs(member_id: int, day: date, meal: str) -> bool:
    """Whether she logged anything for `meal` on `day` (there is something to save)."""
    return db.session.scalar(select(FoodLog.id).where(FoodLog.member_id == member_id, FoodLog.log_date == day,
                                                      FoodLog.meal == meal).limit(1)) is not None


def save_from_day(member_id: int, day: date, meal: str, name: str) -> SavedMeal | None:
    """A saved meal of what she logged for `meal` on `day`, in the units she logged it; None if nothing was."""
    logs = db.session.scalars(select(FoodLog).where(FoodLog.member_id == member_id, FoodLog.log_date == day,
                                                    FoodLog.meal == meal).order_by(FoodLog.id)).all()
    if not logs:
        return None
    saved = SavedMeal(member_id=member_id, name=name, meal=meal, items=[
        SavedMealItem(position=i, food_id=log.food_id, unit=log.unit if log.unit and log.servings else GRAM.key,
                      quantity=log.servings if log.unit and log.servings else log.grams, grams=log.grams)
        for i, log in enumerate(logs)])
    db.session.add(saved)
    return saved


def add_item(saved: SavedMeal, food: Food, amount: Amount) -> SavedMealItem:
    item = SavedMealItem(position=len(saved.items), food_id=food.id, food=food, unit=amount.unit.key,
                         quantity=amount.quantity, grams=amount.grams)
    saved.items.append(item)
    refresh_recipe(saved)
    return item


def log_meal(member_id: int, saved: SavedMeal, day: date, meal: str) -> list[FoodLog]:
    """Log each of its foods to `day` and `meal` with the values they have now (one snapshot each)."""
    logs = []
    for item in saved.items:
        unit, quantity = item_unit(item)
        log = apply_food_log(FoodLog(member_id=member_id), item.food, day, meal, Amount(quantity, unit))
        db.session.add(log)
        logs.append(log)
    return logs


def refresh_recipe(saved: SavedMeal) -> None:
    """Keep a recipe's own food in step with its ingredients: values per 100 g of the whole, one serving =
    the whole divided by its servings. A saved meal that is not a recipe has no food of its own."""
    if not saved.is_recipe or not saved.items:
        return
    grams = sum(unit.grams * quantity for unit, quantity in map(item_unit, saved.items))
    whole = meal_totals(saved)
    food = db.session.get(Food, saved.food_id) if saved.food_id else None
    if food is None:
        food = Food(member_id=saved.member_id)
        db.session.add(food)
    food.name = saved.name
    for column, value in search_fields(saved.name).items():
        setattr(food, column, value)

    def per_100g(value: float | None) -> float | None:
        return None if value is None else value * 100 / grams

    food.calcium_mg_per_100g = per_100g(whole.calcium_mg)
    food.vitamin_d_iu_per_100g = per_100g(whole.vitamin_d_iu)
    food.protein_g_per_100g = per_100g(whole.protein_g) or 0
    food.magnesium_mg_per_100g = per_100g(whole.magnesium_mg)
    food.potassium_mg_per_100g = per_100g(whole.potassium_mg)
    food.energy_kcal_per_100g = per_100g(whole.energy_kcal)
    serving = grams / saved.servings
    if food.id is None:
        food.servings = [FoodServing(position=0, name=RECIPE_SERVING, grams=serving)]
    else:
        existing = db.session.scalars(select(FoodServing).where(FoodServing.food_id == food.id)).all()
        for old in existing:
            db.session.delete(old)
        db.session.add(FoodServing(food_id=food.id, position=0, name=RECIPE_SERVING, grams=serving))
    db.session.flush()
    saved.food_id = food.id


def delete_saved(saved: SavedMeal) -> None:
    """Delete a saved meal; a recipe's food goes too unless a logged day points at it (that day keeps it)."""
    food_id = saved.food_id
    db.session.delete(saved)
    db.session.flush()
    if food_id and not db.session.scalar(select(FoodLog.id).where(FoodLog.food_id == food_id).limit(1)):
        db.session.execute(FoodFavourite.__table__.delete().where(FoodFavourite.food_id == food_id))
        db.session.execute(FoodServing.__table__.delete().where(FoodServing.food_id == food_id))
        db.session.execute(Food.__table__.delete().where(Food.id == food_id))
