"""The food pages (the `nutrition` blueprint): her day, the search, logging a food, copying a meal, drinks,
favourites and her own foods; always the signed-in member's own. Supplements and saved meals have their own
blueprints (supplement_routes.py, meal_routes.py)."""
from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from werkzeug import Response

from app.access import owned_or_404, require_member, visible_or_404
from app.extensions import db
from app.forms import EmptyForm, row_id
from app.guidance import alcohol as alcohol_rules
from app.guidance.amounts import amount_label, parse_amount
from app.guidance.nutrition import (
    DV_CALCIUM_MG,
    DV_PROTEIN_G,
    DV_SOURCE,
    DV_VITAMIN_D_UG,
    per_100g,
)
from app.guidance.sources import USDA_SR28
from app.nutrition.foods import search_fields
from app.nutrition.forms import (
    AlcoholForm,
    CopyMealForm,
    CustomFoodForm,
    FoodLogForm,
)
from app.nutrition.meals import (
    add_item,
    saved_meal_of,
)
from app.nutrition.models import (
    MEALS,
    AlcoholLog,
    Food,
    FoodFavourite,
    FoodLog,
    FoodServing,
    SavedMeal,
)
from app.nutrition.route_helpers import (
    added,
    day_url,
    food_with_servings,
    page_context,
    regional,
    render_day,
)
from app.nutrition.services import (
    Amount,
    apply_food_log,
    copy_meal,
    last_units,
    logged_amount,
    meals_on,
    new_drinks,
    nutrients_of,
    nutrients_per_serving,
    openings,
    search_foods,
    set_favourite,
    unit_choice,
)
from app.profile.services import get_profile
from app.security import local_path
from app.submissions import handle_once, save_once, submitted_id

bp = Blueprint("nutrition", __name__, url_prefix="/nutrition")
bp.before_request(require_member)



@bp.route("/")
def today() -> Response:
    return redirect(day_url(current_user.today()))


@bp.route("/day/<isodate:day>")
def day(day: date) -> Response | str:
    if day > current_user.today():
        flash("That day hasn't happened yet: here is today.", "info")
        return redirect(day_url(current_user.today()))
    return render_day(day)


@bp.route("/search")
def search() -> str:
    query = request.args.get("q", "")[:100]
    log_date = _valid_day(request.args.get("date")) or current_user.today()
    meal = request.args.get("meal") if request.args.get("meal") in MEALS else "breakfast"
    into = _into()  # building a saved meal: the chosen food goes into it, not into a day
    hits = search_foods(current_user.id, query, country=current_user.country)
    opening = openings(current_user.id, [hit.food for hit in hits], get_profile(current_user.id).unit_system)
    context = {"query": query, "hits": hits, "log_date": log_date, "meal": meal, "opening": opening,
               "into": into, **regional()}
    if request.args.get("results") == "1":  # the live search's answer: the list alone
        return render_template("nutrition/_search_results.html", **context)
    return render_template("nutrition/search.html", usda=USDA_SR28, **context, **page_context())


def _into() -> SavedMeal | None:
    """The saved meal she is adding foods to (?into=<id>), hers or 404."""
    if not request.values.get("into"):
        return None
    saved_id = row_id(request.values.get("into")) or abort(404)
    owned_or_404(SavedMeal, saved_id, current_user.id)
    return saved_meal_of(current_user.id, saved_id)


def _valid_day(value: str | None) -> date | None:
    try:
        day = date.fromisoformat(value or "")
    except ValueError:
        return None
    return day if day <= current_user.today() else None


def _log_form_response(food: Food, log: FoodLog | None) -> Response | tuple[str, int]:
    """The food log form, for one of three flows: a food added to the saved meal she is building (`?into=`), a
    new entry on a day, or a change to an entry of hers (`log`). Invalid: the form again with its messages."""
    form = _food_log_form(food, log)
    into = _into() if log is None else None
    if not form.validate_on_submit():
        return _log_form_page(food, log, form, into), (400 if form.is_submitted() else 200)
    amount = Amount(form.quantity, form.chosen_unit)
    if into is not None:
        return _add_to_saved_meal(into, food, amount)
    if log is None:
        return _log_new_food(food, form, amount)
    return _change_logged_food(log, food, form, amount)


def _food_log_form(food: Food, log: FoodLog | None) -> FoodLogForm:
    """The form filled as she would expect: a change shows what she logged; a new entry starts at her usual unit
    and amount of this food, or at what a suggestion ("close the gap") names."""
    last = last_units(current_user.id, [food.id]).get(food.id) if log is None else None
    choice = unit_choice(food, last, get_profile(current_user.id).unit_system)
    if log is None:
        asked = request.args.get("unit")
        unit = asked if asked in {u.key for u in choice.units} else choice.unit.key
        amount = parse_amount(request.args.get("amount") or "") if asked == unit else None
        initial = {"unit": unit, "amount": f"{amount:g}" if amount else f"{choice.amount:g}",
                   "log_date": _valid_day(request.args.get("date")) or current_user.today(),
                   "meal": request.args.get("meal") if request.args.get("meal") in MEALS else "breakfast"}
    else:
        unit, quantity = logged_amount(choice.units, log)
        initial = {"log_date": log.log_date, "meal": log.meal, "unit": unit, "amount": f"{quantity:g}"}
    return FoodLogForm(data=initial, food=food, units=choice.units, default=choice.unit, today=current_user.today())


def _add_to_saved_meal(into: SavedMeal, food: Food, amount: Amount) -> Response:
    add_item(into, food, amount)
    db.session.commit()
    flash(f"{food.name}: added to {into.name}.", "success")
    return redirect(url_for("nutrition.search", into=into.id, meal=into.meal))


def _log_new_food(food: Food, form: FoodLogForm, amount: Amount) -> Response:
    """Logged once however often the form is sent (app/submissions.py); then the day, or the search again."""
    submission = form.submission_id.data
    saved, new = save_once(FoodLog, current_user.id, submission, lambda: apply_food_log(
        FoodLog(member_id=current_user.id, submission_id=submission), food, form.log_date.data,
        form.meal.data, amount))
    if not new:
        return _already_logged(saved)
    flash(f"{food.name}: added to {MEALS[form.meal.data].lower()}.", "success")
    if request.form.get("then") == "search":  # from the search: straight on to the next food
        return redirect(url_for("nutrition.search", date=form.log_date.data.isoformat(), meal=form.meal.data))
    return redirect(day_url(form.log_date.data) + f"#meal-{form.meal.data}")


def _change_logged_food(log: FoodLog, food: Food, form: FoodLogForm, amount: Amount) -> Response:
    apply_food_log(log, food, form.log_date.data, form.meal.data, amount)
    db.session.commit()
    flash(f"{food.name}: updated.", "success")
    return redirect(day_url(form.log_date.data) + f"#meal-{form.meal.data}")


def _log_form_page(food: Food, log: FoodLog | None, form: FoodLogForm, into: SavedMeal | None) -> str:
    """The form with a preview of what the amount holds, once it reads as one."""
    quantity = parse_amount(form.amount.data or "")
    unit = form.units.get(form.unit.data)
    preview = None
    if quantity and unit and not form.amount.errors:
        preview = (amount_label(quantity, unit), quantity * unit.grams, nutrients_of(food, quantity * unit.grams))
    then = "search" if request.values.get("then") == "search" else None
    favourite = db.session.get(FoodFavourite, (current_user.id, food.id)) is not None
    return render_template("nutrition/log_form.html", form=form, food=food, log=log, preview=preview, then=then,
                           favourite=favourite, into=into, action_form=EmptyForm(), **regional(), **page_context())


def _already_logged(log: FoodLog) -> Response:
    """The answer to a form sent twice (a double tap, a resent page): the food logged the first time."""
    flash(f"{log.food_name} was already logged; it is counted once.", "info")
    return redirect(day_url(log.log_date) + f"#meal-{log.meal}")


@bp.route("/log", methods=["GET", "POST"])
def new_log() -> Response | tuple[str, int]:
    food_id = row_id(request.values.get("food_id")) or abort(404)
    return _log_form_response(food_with_servings(food_id), None)


@bp.route("/log/<id:log_id>/edit", methods=["GET", "POST"])
def edit_log(log_id: int) -> Response | tuple[str, int]:
    log = owned_or_404(FoodLog, log_id, current_user.id)
    return _log_form_response(food_with_servings(log.food_id), log)


@bp.route("/log/<id:log_id>/delete", methods=["GET", "POST"])
def delete_log(log_id: int) -> Response | str:
    log = owned_or_404(FoodLog, log_id, current_user.id)
    form = EmptyForm()
    if form.validate_on_submit():
        day = log.log_date
        db.session.delete(log)
        db.session.commit()
        flash(f"{log.food_name}: removed.", "success")
        return redirect(day_url(day))
    return render_template("nutrition/confirm_delete.html", log=log, form=form, **page_context())


@bp.route("/day/<isodate:day>/copy", methods=["POST"])
def copy(day: date) -> Response | tuple[str, int]:
    form = CopyMealForm(today=current_user.today())
    if day > current_user.today():
        abort(404)
    if not form.validate_on_submit():
        return render_day(day, form), 400
    counted: list[int] = []

    def copy_it() -> str:
        counted.append(copy_meal(current_user.id, form.from_date.data, form.meal.data, day))
        return day_url(day) + f"#meal-{form.meal.data}"

    location, new = handle_once(current_user.id, submitted_id(), request.path, copy_it)
    if not new:
        flash("That meal was already copied; it is on the day once.", "info")
        return redirect(location)
    copied = counted[0]
    meal = MEALS[form.meal.data].lower()
    if copied:
        flash(f"Copied {copied} item{'s' if copied != 1 else ''} from {meal} on {form.from_date.data:%-d %B}.",
              "success")
    else:
        offered = ", ".join(MEALS[m].lower() for m in meals_on(current_user.id, form.from_date.data)) or "nothing"
        flash(f"There was nothing logged at {meal} on {form.from_date.data:%-d %B} (that day has: {offered}).", "info")
    return redirect(location)


@bp.route("/day/<isodate:day>/drinks", methods=["POST"])
def log_drinks(day: date) -> Response | tuple[str, int]:
    """Drinks on this day, stored as grams of ethanol (docs/clinical-rules.md, "Alcohol")."""
    if day > current_user.today():
        abort(404)
    form = AlcoholForm(prefix="alcohol")
    if not form.validate_on_submit():
        return render_day(day, alcohol_form=form), 400
    submission = form.submission_id.data
    drinks, size = float(form.drinks.data), form.drink_size.data
    saved, new = save_once(AlcoholLog, current_user.id, submission,
                           lambda: new_drinks(current_user.id, day, drinks, size, submission))
    if new:
        flash(f"Drinks logged: {drinks:g} × {alcohol_rules.DRINK_SIZES[size].label}.", "success")
    else:
        flash("Those drinks were already logged; they are counted once.", "info")
    return redirect(day_url(saved.log_date) + "#drinks")


@bp.route("/drinks/<id:drink_id>/delete", methods=["POST"])
def delete_drinks(drink_id: int) -> Response:
    log = owned_or_404(AlcoholLog, drink_id, current_user.id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    day = log.log_date
    db.session.delete(log)
    db.session.commit()
    flash("Drinks removed.", "success")
    return redirect(day_url(day) + "#drinks")


@bp.route("/foods/<id:food_id>/favourite", methods=["POST"])
def favourite(food_id: int) -> Response:
    food = visible_or_404(Food, food_id, current_user.id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    # The button says which way (a toggle tapped twice would undo itself).
    now = request.form.get("favourite", "1") != "0"
    set_favourite(current_user.id, food.id, now)
    try:
        db.session.commit()
    except IntegrityError:  # the same tap, saved a moment ago by another worker
        db.session.rollback()
    flash(f"{food.name} is {'now one of your favourites' if now else 'no longer a favourite'}.", "success")
    return redirect(local_path(request.form.get("next"), url_for("nutrition.search"), prefix="/nutrition/"))


def _custom_food_response(food: Food | None) -> Response | tuple[str, int]:
    initial = None
    if food is not None:
        serving = food.servings[0]
        per = nutrients_per_serving(food, serving)
        initial = {"name": food.name, "serving_name": serving.name, "serving_g": serving.grams,
                   "calcium": None if per.calcium_mg is None else round(per.calcium_mg, 1),
                   "vitamin_d": None if per.vitamin_d_iu is None else round(per.vitamin_d_iu, 1),
                   "protein": round(per.protein_g, 1),
                   **{name: None if getattr(per, key) is None else round(getattr(per, key), 1)
                      for name, key in (("magnesium", "magnesium_mg"), ("potassium", "potassium_mg"),
                                        ("energy", "energy_kcal"))}}
    form = CustomFoodForm(data=initial)
    if form.validate_on_submit():
        grams = float(form.serving_g.data)
        vitamin_d = form.vitamin_d_iu()
        is_new = food is None
        food = food or Food(member_id=current_user.id)
        food.name = form.name.data
        for column, value in search_fields(form.name.data).items():
            setattr(food, column, value)
        food.calcium_mg_per_100g = per_100g(form.calcium_mg(), grams)
        food.vitamin_d_iu_per_100g = None if vitamin_d is None else per_100g(vitamin_d, grams)
        food.protein_g_per_100g = per_100g(form.protein_g(), grams)
        for column, value in (("magnesium_mg_per_100g", form.magnesium.data), ("potassium_mg_per_100g",
                              form.potassium.data), ("energy_kcal_per_100g", form.energy.data)):
            setattr(food, column, None if value is None else per_100g(float(value), grams))
        food.servings = [FoodServing(position=0, name=form.serving_name.data, grams=grams)]
        location, new = handle_once(current_user.id, submitted_id() if is_new else None, request.path,
                                    lambda: added(food, url_for("nutrition.search", q=food.name)))
        flash(f"{food.name} is saved with your foods." if new else f"{food.name} was already saved; it is there once.",
              "success" if new else "info")
        return redirect(location)
    return render_template("nutrition/custom_food.html", form=form, food=food, dv_calcium=DV_CALCIUM_MG,
                           dv_vitamin_d=DV_VITAMIN_D_UG, dv_protein=DV_PROTEIN_G, dv_source=DV_SOURCE), \
        (400 if form.is_submitted() else 200)


@bp.route("/foods/new", methods=["GET", "POST"])
def new_food() -> Response | tuple[str, int]:
    return _custom_food_response(None)


@bp.route("/foods/<id:food_id>/edit", methods=["GET", "POST"])
def edit_food(food_id: int) -> Response | tuple[str, int]:
    owned_or_404(Food, food_id, current_user.id)
    return _custom_food_response(food_with_servings(food_id))
