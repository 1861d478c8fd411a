"""What the nutrition blueprints share: the page context every food page needs, the day page and its address,
a food with its servings (visible to her or 404), and a row added under a submission id."""
from datetime import date, timedelta
from typing import Any

from flask import render_template, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.access import visible_or_404
from app.extensions import db
from app.forms import EmptyForm
from app.guidance.regions import FORTIFIED_LABEL, fortifies_milk, is_fortified
from app.nutrition.forms import (
    AlcoholForm,
    CopyMealForm,
    SaveMealForm,
    TakeForm,
)
from app.nutrition.meals import (
    saved_meal_names,
)
from app.nutrition.models import (
    MEALS,
    SUPPLEMENT_KINDS,
    Food,
)
from app.nutrition.pages import food_day_page
from app.profile.services import get_profile


def page_context() -> dict[str, Any]:
    unit = get_profile(current_user.id).vitamin_d_unit  # read once per page, not once per number
    return {"meals": MEALS, "vitamin_d_unit": unit, "supplement_kinds": SUPPLEMENT_KINDS}


def regional() -> dict[str, Any]:
    """Outside the US and Canada, a vitamin D fortified row says "fortified (US)" (app/guidance/regions.py)."""
    return {"fortified_note": not fortifies_milk(current_user.country), "is_fortified": is_fortified,
            "fortified_label": FORTIFIED_LABEL}


def day_url(day: date) -> str:
    return url_for("nutrition.day", day=day)


def blank_copy_form(day: date) -> CopyMealForm:
    return CopyMealForm(formdata=None, data={"from_date": day - timedelta(days=1), "meal": "breakfast"},
                        today=current_user.today())


def blank_alcohol_form() -> AlcoholForm:
    # She counts in the drinks of her country: US standard drinks with US units, UK units otherwise.
    size = "us" if get_profile(current_user.id).unit_system == "us" else "uk"
    return AlcoholForm(formdata=None, data={"drink_size": size}, prefix="alcohol")


def render_day(day: date, copy_form: CopyMealForm | None = None, alcohol_form: AlcoholForm | None = None,
                save_form: SaveMealForm | None = None) -> str:
    return render_template(
        "nutrition/day.html", **food_day_page(current_user.id, day, current_user.today()),
        copy_form=copy_form or blank_copy_form(day), take_form=TakeForm(today=current_user.today()),
        action_form=EmptyForm(), saved_meals=saved_meal_names(current_user.id), save_form=save_form,
        alcohol_form=alcohol_form or blank_alcohol_form())


def food_with_servings(food_id: int) -> Food:
    food = visible_or_404(Food, food_id, current_user.id)
    return db.session.scalar(select(Food).where(Food.id == food.id).options(selectinload(Food.servings)))


def added(row: object, location: str) -> str:
    db.session.add(row)
    return location
