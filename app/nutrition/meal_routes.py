"""Saved meals and recipes: her list, starting one, saving a day's meal, logging one to a day in one tap,
changing and deleting one (the `meals` blueprint, under /nutrition)."""
from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug import Response

from app.access import owned_or_404, require_member
from app.extensions import db
from app.forms import EmptyForm, row_id
from app.nutrition.forms import (
    LogSavedMealForm,
    SavedMealForm,
    SaveMealForm,
)
from app.nutrition.meals import (
    RECIPE_SERVING,
    delete_saved,
    has_logs,
    item_nutrients,
    item_unit,
    log_meal,
    meal_totals,
    refresh_recipe,
    save_from_day,
    saved_meal_of,
    saved_meals,
)
from app.nutrition.models import (
    MEALS,
    FoodLog,
    SavedMeal,
)
from app.nutrition.route_helpers import (
    day_url,
    food_with_servings,
    page_context,
    render_day,
)
from app.nutrition.services import (
    Amount,
    apply_food_log,
    units_of,
)
from app.submissions import handle_once, submitted_id

bp = Blueprint("meals", __name__, url_prefix="/nutrition")
bp.before_request(require_member)


@bp.route("/meals")
def saved_meal_list() -> str:
    return _meals_page(SavedMealForm(formdata=None))


def _meals_page(form: SavedMealForm, refused: dict[int, LogSavedMealForm] | None = None) -> str:
    """Her saved meals and recipes; `refused` holds a log form sent with a bad day, shown at its field."""
    meals = saved_meals(current_user.id)
    return render_template("nutrition/meals.html", saved=meals, totals={m.id: meal_totals(m) for m in meals},
                           today=current_user.today(), form=form, refused=refused or {}, action_form=EmptyForm(),
                           **page_context())


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
    if day > current_user.today():
        abort(404)
    form = SaveMealForm()
    if not form.validate_on_submit():
        return render_day(day, save_form=form), 400
    meal = form.meal.data
    if not has_logs(current_user.id, day, meal):
        flash(f"There is nothing logged at {MEALS[meal].lower()} to save.", "info")
        return redirect(day_url(day))

    def save() -> str:
        save_from_day(current_user.id, day, meal, form.name.data)
        return day_url(day) + f"#meal-{meal}"

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
    form = LogSavedMealForm(today=current_user.today())
    if not form.validate_on_submit():
        return _meals_page(SavedMealForm(formdata=None), {saved.id: form}), 400
    day, meal = form.log_date.data, form.meal.data

    def log_it() -> str:
        if saved.is_recipe and saved.food_id:
            food = food_with_servings(saved.food_id)
            unit = next(u for u in units_of(food) if u.key == f"m:{RECIPE_SERVING}")
            db.session.add(apply_food_log(FoodLog(member_id=current_user.id), food, day, meal, Amount(1, unit)))
        else:
            log_meal(current_user.id, saved, day, meal)
        return day_url(day) + f"#meal-{meal}"

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
        return redirect(url_for("meals.saved_meal_list"))
    return render_template("nutrition/saved_meal.html", saved=saved, form=form, item_unit=item_unit,
                           item_nutrients=item_nutrients, total=meal_totals(saved), action_form=EmptyForm(),
                           **page_context()), (400 if form.is_submitted() else 200)


@bp.route("/meals/<id:saved_meal_id>/delete", methods=["POST"])
def delete_saved_meal(saved_meal_id: int) -> Response:
    saved = owned_or_404(SavedMeal, saved_meal_id, current_user.id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    name = saved.name
    delete_saved(saved)
    db.session.commit()
    flash(f"{name}: deleted. Days already logged keep what they had.", "success")
    return redirect(url_for("meals.saved_meal_list"))
