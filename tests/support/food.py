"""Foods in tests: NDB numbers of everyday foods, logging one through the real form, reading a day's page, and a
custom food's label and a supplement as she would type them."""
import re
from datetime import date

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.guidance.calendar import today_in
from app.nutrition.models import Food, FoodServing
from app.nutrition.services import units_of

TODAY = today_in("UTC")
MILK = "01085"       # Milk, skim: 122 mg Ca, 47 IU D, 3.37 g protein per 100 g; 1 cup = 245 g
CHIA = "12006"       # vitamin D not reported
YOGURT = "01117"


def first_serving(app: Flask, food_id: int) -> FoodServing:
    with app.app_context():
        return db.session.scalars(select(FoodServing).where(FoodServing.food_id == food_id)
                                  .order_by(FoodServing.position)).first()


def usual_unit(app: Flask, food_id: int) -> str:
    """The unit that is the food's usual (first) serving: "cup" for a cup of milk, "m:1 large" for an egg."""
    with app.app_context():
        food = db.session.scalar(select(Food).where(Food.id == food_id).options(selectinload(Food.servings)))
        first = food.servings[0]
        return next(u.key for u in units_of(food) if u.key == f"m:{first.name}"
                    or (not u.is_measure and u.key != "g" and f"1 {u.key}" == first.name))


def log_food(client: FlaskClient, app: Flask, food_id: int, amount: str = "1", unit: str | None = None,
             meal: str = "breakfast", day: date = TODAY):
    unit = unit or usual_unit(app, food_id)
    return client.post("/nutrition/log", data={"food_id": str(food_id), "log_date": day.isoformat(), "meal": meal,
                                               "amount": amount, "unit": unit})


def day_text(client: FlaskClient, day: date = TODAY) -> str:
    html = client.get(f"/nutrition/day/{day.isoformat()}").get_data(as_text=True)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#39;", "'")


LABEL = {"name": "Fortified oat drink", "serving_name": "1 cup", "serving_g": "240", "calcium": "25",
         "calcium_unit": "dv", "vitamin_d": "10", "vitamin_d_unit": "dv", "protein": "16", "protein_unit": "dv"}

CALCIUM_D = {"kind": "calcium_vitamin_d", "name": "Calcium 600 + D3", "unit_name": "tablet", "calcium": "600",
             "calcium_unit": "mg", "vitamin_d": "20", "vitamin_d_unit": "ug", "protein": "", "protein_unit": "g",
             "usual_quantity": "1", "per_dose": "1"}
