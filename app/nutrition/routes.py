"""Nutrition pages: always the signed-in member's own logs, foods and supplements."""
from datetime import date, timedelta
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload
from werkzeug import Response

from app.access import owned_or_404, require_member, visible_or_404
from app.extensions import db
from app.forms import EmptyForm, row_id
from app.guidance import alcohol as alcohol_rules
from app.guidance.amounts import amount_label, parse_amount
from app.guidance.calendar import today_in
from app.guidance.nutrition import (
    DV_CALCIUM_MG,
    DV_PROTEIN_G,
    DV_SOURCE,
    DV_VITAMIN_D_UG,
    SPLIT_DOSE_SOURCE,
    dose_advice,
    per_100g,
)
from app.guidance.regions import FORTIFIED_LABEL, fortifies_milk, is_fortified
from app.guidance.sources import USDA_SR28
from app.nutrition.foods import search_fields
from app.nutrition.forms import (
    AlcoholForm,
    CopyMealForm,
    CustomFoodForm,
    FoodLogForm,
    LogSavedMealForm,
    SavedMealForm,
    SaveMealForm,
    SupplementForm,
    TakeForm,
)
from app.nutrition.meals import (
    RECIPE_SERVING,
    add_item,
    delete_saved,
    has_logs,
    item_nutrients,
    item_unit,
    log_meal,
    meal_totals,
    refresh_recipe,
    save_from_day,
    saved_meal_names,
    saved_meal_of,
    saved_meals,
)
from app.nutrition.models import (
    MEALS,
    SUPPLEMENT_KINDS,
    AlcoholLog,
    Food,
    FoodFavourite,
    FoodLog,
    FoodServing,
    SavedMeal,
    Supplement,
    SupplementLog,
)
from app.nutrition.pages import food_day_page
from app.nutrition.services import (
    Amount,
    apply_food_log,
    copy_meal,
    doses_to_log,
    last_units,
    logged_amount,
    meals_on,
    new_drinks,
    nutrients_of,
    nutrients_per_serving,
    openings,
    search_foods,
    set_favourite,
    take_supplement,
    unit_choice,
    units_of,
)
from app.profile.services import get_profile
from app.security import local_path
from app.submissions import handle_once, save_once, submitted_id

bp = Blueprint("nutrition", __name__, url_prefix="/nutrition")
bp.before_request(require_member)



def _today() -> date:
    return today_in(current_user.timezone)


def _context() -> dict[str, Any]:
    unit = get_profile(current_user.id).vitamin_d_unit  # read once per page, not once per number
    return {"meals": MEALS, "vitamin_d_unit": unit, "supplement_kinds": SUPPLEMENT_KINDS}


def _regional() -> dict[str, Any]:
    """Outside the US and Canada, a vitamin D fortified row says "fortified (US)" (app/guidance/regions.py)."""
    return {"fortified_note": not fortifies_milk(current_user.country), "is_fortified": is_fortified,
            "fortified_label": FORTIFIED_LABEL}


def _day_url(day: date) -> str:
    return url_for("nutrition.day", day=day)


@bp.route("/")
def today() -> Response:
    return redirect(_day_url(_today()))


@bp.route("/day/<isodate:day>")
def day(day: date) -> Response | str:
    if day > _today():
        flash("That day hasn't happened yet: here is today.", "info")
        return redirect(_day_url(_today()))
    return _render_day(day)


def _copy_form(day: date) -> CopyMealForm:
    return CopyMealForm(formdata=None, data={"from_date": day - timedelta(days=1), "meal": "breakfast"},
                        today=_today())


def _alcohol_form() -> AlcoholForm:
    # She counts in the drinks of her country: US standard drinks with US units, UK units otherwise.
    size = "us" if get_profile(current_user.id).unit_system == "us" else "uk"
    return AlcoholForm(formdata=None, data={"drink_size": size}, prefix="alcohol")


def _render_day(day: date, copy_form: CopyMealForm | None = None, alcohol_form: AlcoholForm | None = None,
                save_form: SaveMealForm | None = None) -> str:
    return render_template(
        "nutrition/day.html", **food_day_page(current_user.id, day, _today()),
        copy_form=copy_form or _copy_form(day), take_form=TakeForm(today=_today()), action_form=EmptyForm(),
        saved_meals=saved_meal_names(current_user.id), save_form=save_form,
        alcohol_form=alcohol_form or _alcohol_form())


@bp.route("/search")
def search() -> str:
    query = request.args.get("q", "")[:100]
    log_date = _valid_day(request.args.get("date")) or _today()
    meal = request.args.get("meal") if request.args.get("meal") in MEALS else "breakfast"
    into = _into()  # building a saved meal: the chosen food goes into it, not into a day
    hits = search_foods(current_user.id, query, country=current_user.country)
    opening = openings(current_user.id, [hit.food for hit in hits], get_profile(current_user.id).unit_system)
    context = {"query": query, "hits": hits, "log_date": log_date, "meal": meal, "opening": opening,
               "into": into, **_regional()}
    if request.args.get("results") == "1":  # the live search's answer: the list alone
        return render_template("nutrition/_search_results.html", **context)
    return render_template("nutrition/search.html", usda=USDA_SR28, **context, **_context())


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
    return day if day <= _today() else None


def _log_form_response(food: Food, log: FoodLog | None) -> Response | tuple[str, int]:
    last = last_units(current_user.id, [food.id]).get(food.id) if log is None else None
    choice = unit_choice(food, last, get_profile(current_user.id).unit_system)
    if log is None:
        # A suggestion ("close the gap") may name the unit and amount; anything else starts at her usual.
        asked = request.args.get("unit")
        unit = asked if asked in {u.key for u in choice.units} else choice.unit.key
        amount = parse_amount(request.args.get("amount") or "") if asked == unit else None
        initial = {"unit": unit, "amount": f"{amount:g}" if amount else f"{choice.amount:g}",
                   "log_date": _valid_day(request.args.get("date")) or _today(),
                   "meal": request.args.get("meal") if request.args.get("meal") in MEALS else "breakfast"}
    else:
        unit, quantity = logged_amount(choice.units, log)
        initial = {"log_date": log.log_date, "meal": log.meal, "unit": unit, "amount": f"{quantity:g}"}
    form = FoodLogForm(data=initial, food=food, units=choice.units, default=choice.unit, today=_today())
    into = _into() if log is None else None
    if form.validate_on_submit():
        amount = Amount(form.quantity, form.chosen_unit)
        if into is not None:
            add_item(into, food, amount)
            db.session.commit()
            flash(f"{food.name}: added to {into.name}.", "success")
            return redirect(url_for("nutrition.search", into=into.id, meal=into.meal))
        if log is None:
            submission = form.submission_id.data
            saved, new = save_once(FoodLog, current_user.id, submission, lambda: apply_food_log(
                FoodLog(member_id=current_user.id, submission_id=submission), food, form.log_date.data,
                form.meal.data, amount))
            if not new:
                return _already_logged(saved)
        else:
            apply_food_log(log, food, form.log_date.data, form.meal.data, amount)
            db.session.commit()
        flash(f"{food.name}: {'updated' if log else 'added to ' + MEALS[form.meal.data].lower()}.", "success")
        if log is None and request.form.get("then") == "search":  # from the search: straight on to the next food
            return redirect(url_for("nutrition.search", date=form.log_date.data.isoformat(), meal=form.meal.data))
        return redirect(_day_url(form.log_date.data) + f"#meal-{form.meal.data}")
    quantity = parse_amount(form.amount.data or "")
    unit = form.units.get(form.unit.data)
    preview = None
    if quantity and unit and not form.amount.errors:
        preview = (amount_label(quantity, unit), quantity * unit.grams, nutrients_of(food, quantity * unit.grams))
    then = "search" if request.values.get("then") == "search" else None
    favourite = db.session.get(FoodFavourite, (current_user.id, food.id)) is not None
    return render_template("nutrition/log_form.html", form=form, food=food, log=log, preview=preview, then=then,
                           favourite=favourite, into=into, action_form=EmptyForm(), **_regional(), **_context()), \
        (400 if form.is_submitted() else 200)


def _already_logged(log: FoodLog) -> Response:
    """The answer to a form sent twice (a double tap, a resent page): the food logged the first time."""
    flash(f"{log.food_name} was already logged; it is counted once.", "info")
    return redirect(_day_url(log.log_date) + f"#meal-{log.meal}")


def _food_with_servings(food_id: int) -> Food:
    food = visible_or_404(Food, food_id, current_user.id)
    return db.session.scalar(select(Food).where(Food.id == food.id).options(selectinload(Food.servings)))


@bp.route("/log", methods=["GET", "POST"])
def new_log() -> Response | tuple[str, int]:
    food_id = row_id(request.values.get("food_id")) or abort(404)
    return _log_form_response(_food_with_servings(food_id), None)


@bp.route("/log/<id:log_id>/edit", methods=["GET", "POST"])
def edit_log(log_id: int) -> Response | tuple[str, int]:
    log = owned_or_404(FoodLog, log_id, current_user.id)
    return _log_form_response(_food_with_servings(log.food_id), log)


@bp.route("/log/<id:log_id>/delete", methods=["GET", "POST"])
def delete_log(log_id: int) -> Response | str:
    log = owned_or_404(FoodLog, log_id, current_user.id)
    form = EmptyForm()
    if form.validate_on_submit():
        day = log.log_date
        db.session.delete(log)
        db.session.commit()
        flash(f"{log.food_name}: removed.", "success")
        return redirect(_day_url(day))
    return render_template("nutrition/confirm_delete.html", log=log, form=form, **_context())


@bp.route("/day/<isodate:day>/copy", methods=["POST"])
def copy(day: date) -> Response | tuple[str, int]:
    form = CopyMealForm(today=_today())
    if day > _today():
        abort(404)
    if not form.validate_on_submit():
        return _render_day(day, form), 400
    counted: list[int] = []

    def copy_it() -> str:
        counted.append(copy_meal(current_user.id, form.from_date.data, form.meal.data, day))
        return _day_url(day) + f"#meal-{form.meal.data}"

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
    if day > _today():
        abort(404)
    form = AlcoholForm(prefix="alcohol")
    if not form.validate_on_submit():
        return _render_day(day, alcohol_form=form), 400
    submission = form.submission_id.data
    drinks, size = float(form.drinks.data), form.drink_size.data
    saved, new = save_once(AlcoholLog, current_user.id, submission,
                           lambda: new_drinks(current_user.id, day, drinks, size, submission))
    if new:
        flash(f"Drinks logged: {drinks:g} × {alcohol_rules.DRINK_SIZES[size].label}.", "success")
    else:
        flash("Those drinks were already logged; they are counted once.", "info")
    return redirect(_day_url(saved.log_date) + "#drinks")


@bp.route("/drinks/<id:drink_id>/delete", methods=["POST"])
def delete_drinks(drink_id: int) -> Response:
    log = owned_or_404(AlcoholLog, drink_id, current_user.id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    day = log.log_date
    db.session.delete(log)
    db.session.commit()
    flash("Drinks removed.", "success")
    return redirect(_day_url(day) + "#drinks")


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


def _added(row: object, location: str) -> str:
    db.session.add(row)
    return location


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
                                    lambda: _added(food, url_for("nutrition.search", q=food.name)))
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
    return _custom_food_response(_food_with_servings(food_id))


@bp.route("/supplements")
def supplements() -> str:
    rows = db.session.scalars(select(Supplement).where(Supplement.member_id == current_user.id)
                              .order_by(Supplement.active.desc(), Supplement.id)).all()
    return render_template("nutrition/supplements.html", supplements=rows, action_form=EmptyForm(),
                           split_source=SPLIT_DOSE_SOURCE,
                           dose_advice=dose_advice, **_context())


def _supplement_response(supplement: Supplement | None) -> Response | tuple[str, int]:
    initial = None
    if supplement is not None:
        initial = {"kind": supplement.kind, "name": supplement.name, "unit_name": supplement.unit_name,
                   "calcium": supplement.calcium_mg, "vitamin_d": supplement.vitamin_d_iu,
                   "protein": supplement.protein_g, "usual_quantity": supplement.usual_quantity,
                   "per_dose": supplement.per_dose}
    form = SupplementForm(data=initial)
    if form.validate_on_submit():
        is_new = supplement is None
        supplement = supplement or Supplement(member_id=current_user.id)
        supplement.kind, supplement.name, supplement.unit_name = form.kind.data, form.name.data, form.unit_name.data
        supplement.calcium_mg, supplement.protein_g = form.calcium_mg(), form.protein_g()
        supplement.vitamin_d_iu = form.vitamin_d_iu() or 0
        supplement.usual_quantity = float(form.usual_quantity.data)
        supplement.per_dose = float(form.per_dose.data)
        supplement.active = True
        location, new = handle_once(current_user.id, submitted_id() if is_new else None, request.path,
                                    lambda: _added(supplement, url_for("nutrition.supplements")))
        flash(f"{supplement.name} is saved with your supplements." if new
              else f"{supplement.name} was already saved; it is on your list once.", "success" if new else "info")
        return redirect(location)
    return render_template("nutrition/supplement_form.html", form=form, supplement=supplement), \
        (400 if form.is_submitted() else 200)


@bp.route("/supplements/new", methods=["GET", "POST"])
def new_supplement() -> Response | tuple[str, int]:
    return _supplement_response(None)


@bp.route("/supplements/<id:supplement_id>/edit", methods=["GET", "POST"])
def edit_supplement(supplement_id: int) -> Response | tuple[str, int]:
    return _supplement_response(owned_or_404(Supplement, supplement_id, current_user.id))


@bp.route("/supplements/<id:supplement_id>/stop", methods=["POST"])
def stop_supplement(supplement_id: int) -> Response:
    supplement = owned_or_404(Supplement, supplement_id, current_user.id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    supplement.active = False
    db.session.commit()
    flash(f"{supplement.name} is off your daily list. Days you logged it keep it.", "success")
    return redirect(url_for("nutrition.supplements"))


@bp.route("/supplements/<id:supplement_id>/take", methods=["POST"])
def take(supplement_id: int) -> Response:
    supplement = owned_or_404(Supplement, supplement_id, current_user.id)
    form = TakeForm(today=_today())
    if not form.validate_on_submit():
        abort(400)
    day = form.log_date.data

    every = form.doses.data == "all"

    def take_it() -> str:
        for quantity in doses_to_log(current_user.id, supplement, day, every):
            take_supplement(current_user.id, supplement, day, quantity)
        return _day_url(day) + "#supplements"

    location, new = handle_once(current_user.id, submitted_id(), request.path, take_it)
    flash((f"{supplement.name}: each dose logged." if every else f"{supplement.name}: dose logged.") if new
          else f"{supplement.name} was already logged; it is counted once.", "success" if new else "info")
    return redirect(location)


@bp.route("/supplement-logs/<id:log_id>/delete", methods=["POST"])
def untake(log_id: int) -> Response:
    log = owned_or_404(SupplementLog, log_id, current_user.id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    day = log.log_date
    db.session.delete(log)
    db.session.commit()
    flash(f"{log.name}: removed from this day.", "success")
    return redirect(_day_url(day) + "#supplements")


# Saved meals and recipes ------------------------------------------------------------------------------------

@bp.route("/meals")
def saved_meal_list() -> str:
    return _meals_page(SavedMealForm(formdata=None))


def _meals_page(form: SavedMealForm, refused: dict[int, LogSavedMealForm] | None = None) -> str:
    """Her saved meals and recipes; `refused` holds a log form sent with a bad day, shown at its field."""
    meals = saved_meals(current_user.id)
    return render_template("nutrition/meals.html", saved=meals, totals={m.id: meal_totals(m) for m in meals},
                           today=_today(), form=form, refused=refused or {}, action_form=EmptyForm(), **_context())


@bp.route("/meals/new", methods=["POST"])
def new_saved_meal() -> Response | tuple[str, int]:
    """Start a meal or recipe from foods and amounts: name it, then add foods from the search."""
    form = SavedMealForm()
    if not form.validate_on_submit():
        return _meals_page(form), 400
    saved = SavedMeal(member_id=current_user.id, name=form.name.data, meal=form.meal.data,
                      servings=float(form.servings.data) if form.recipe.data == "recipe" else None)
    location, _ = handle_once(current_user.id, submitted_id(), request.path, lambda: _added_meal(saved))
    flash(f"{saved.name}: now add its foods, one at a time.", "success")
    return redirect(location)


def _added_meal(saved: SavedMeal) -> str:
    db.session.add(saved)
    db.session.flush()
    return url_for("nutrition.search", into=saved.id, meal=saved.meal)


@bp.route("/day/<isodate:day>/meals/save", methods=["POST"])
def save_meal(day: date) -> Response | tuple[str, int]:
    """Save what she logged for a meal of this day as a saved meal, in the amounts she logged."""
    if day > _today():
        abort(404)
    form = SaveMealForm()
    if not form.validate_on_submit():
        return _render_day(day, save_form=form), 400
    meal = form.meal.data
    if not has_logs(current_user.id, day, meal):
        flash(f"There is nothing logged at {MEALS[meal].lower()} to save.", "info")
        return redirect(_day_url(day))

    def save() -> str:
        save_from_day(current_user.id, day, meal, form.name.data)
        return _day_url(day) + f"#meal-{meal}"

    # A double tap or a resent page saves it once (app/submissions.py); the second answer is the first one's.
    location, first = handle_once(current_user.id, form.submission_id.data, request.path, save)
    if first:
        flash(f"Saved as “{form.name.data}”: add it to any day in one tap.", "success")
    return redirect(location)


@bp.route("/meals/<id:saved_meal_id>/log", methods=["POST"])
def log_saved_meal(saved_meal_id: int) -> Response | tuple[str, int]:
    """Log a saved meal (each of its foods) or a recipe (one serving of it) to a day and meal, in one tap."""
    owned_or_404(SavedMeal, saved_meal_id, current_user.id)
    saved = saved_meal_of(current_user.id, saved_meal_id)
    form = LogSavedMealForm(today=_today())
    if not form.validate_on_submit():
        return _meals_page(SavedMealForm(formdata=None), {saved.id: form}), 400
    day, meal = form.log_date.data, form.meal.data

    def log_it() -> str:
        if saved.is_recipe and saved.food_id:
            food = _food_with_servings(saved.food_id)
            unit = next(u for u in units_of(food) if u.key == f"m:{RECIPE_SERVING}")
            db.session.add(apply_food_log(FoodLog(member_id=current_user.id), food, day, meal, Amount(1, unit)))
        else:
            log_meal(current_user.id, saved, day, meal)
        return _day_url(day) + f"#meal-{meal}"

    location, new = handle_once(current_user.id, submitted_id(), request.path, log_it)
    flash(f"{saved.name}: added to {MEALS[meal].lower()}." if new else f"{saved.name} was already added; it is "
          "there once.", "success" if new else "info")
    return redirect(location)


@bp.route("/meals/<id:saved_meal_id>", methods=["GET", "POST"])
def edit_saved_meal(saved_meal_id: int) -> Response | tuple[str, int]:
    owned_or_404(SavedMeal, saved_meal_id, current_user.id)
    saved = saved_meal_of(current_user.id, saved_meal_id)
    form = SavedMealForm(obj=None, data={"name": saved.name, "meal": saved.meal,
                                         "recipe": "recipe" if saved.is_recipe else "meal",
                                         "servings": saved.servings})
    if form.validate_on_submit():
        saved.name, saved.meal = form.name.data, form.meal.data
        saved.servings = float(form.servings.data) if form.recipe.data == "recipe" else None
        removed = {row_id(v) for v in request.form.getlist("remove")}
        for item in [i for i in saved.items if i.id in removed]:
            saved.items.remove(item)
        for position, item in enumerate(saved.items):
            item.position = position
        refresh_recipe(saved)
        db.session.commit()
        flash(f"{saved.name}: saved. Days already logged keep what they had.", "success")
        return redirect(url_for("nutrition.saved_meal_list"))
    return render_template("nutrition/saved_meal.html", saved=saved, form=form, item_unit=item_unit,
                           item_nutrients=item_nutrients, total=meal_totals(saved), action_form=EmptyForm(),
                           **_context()), (400 if form.is_submitted() else 200)


@bp.route("/meals/<id:saved_meal_id>/delete", methods=["POST"])
def delete_saved_meal(saved_meal_id: int) -> Response:
    saved = owned_or_404(SavedMeal, saved_meal_id, current_user.id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    name = saved.name
    delete_saved(saved)
    db.session.commit()
    flash(f"{name}: deleted. Days already logged keep what they had.", "success")
    return redirect(url_for("nutrition.saved_meal_list"))
