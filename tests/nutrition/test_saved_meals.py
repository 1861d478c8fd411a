"""Saved meals and recipes: saved from a day or built from foods, logged to any day and meal in one tap;
editing or deleting one never changes a day already logged; in the export and gone with the account."""
import io
import re
import zipfile
from datetime import timedelta

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from app.auth.models import User
from app.extensions import db
from app.nutrition.models import Food, FoodLog, SavedMeal, SavedMealItem
from tests.support.food import MILK, TODAY, YOGURT, log_food

OATMEAL = "08121"  # Oatmeal, cooked with water: 1 cup = 234 g


def day_logs(app: Flask, member_id: int, day=TODAY) -> list[tuple]:
    with app.app_context():
        return [(log.meal, log.food_name, round(log.grams, 1), log.calcium_mg) for log in db.session.scalars(
            select(FoodLog).where(FoodLog.member_id == member_id, FoodLog.log_date == day).order_by(FoodLog.id))]


def saved_id(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(select(func.max(SavedMeal.id)))


def test_a_breakfast_saved_from_a_day_is_logged_to_another_day_and_meal_in_one_tap(
        signed_in: FlaskClient, her_profile, app: Flask, member: User, foods) -> None:
    yesterday = TODAY - timedelta(days=1)
    assert log_food(signed_in, app, foods[MILK], amount="2", unit="tbsp", day=yesterday).status_code == 302
    assert log_food(signed_in, app, foods[YOGURT], amount="6", unit="oz", day=yesterday).status_code == 302
    answer = signed_in.post(f"/nutrition/day/{yesterday.isoformat()}/meals/save",
                            data={"meal": "breakfast", "name": "My usual breakfast"})
    assert answer.status_code == 302
    meal_id = saved_id(app)
    # The day page offers it under breakfast: one tap logs both foods, in the amounts she saved.
    day = signed_in.get(f"/nutrition/day/{TODAY.isoformat()}").get_data(as_text=True)
    assert "Add My usual breakfast" in day
    tap = signed_in.post(f"/nutrition/meals/{meal_id}/log", data={
        "log_date": TODAY.isoformat(), "meal": "lunch", "submission_id": "a" * 32})
    assert tap.status_code == 302
    before = day_logs(app, member.id, yesterday)
    assert [row[1:] for row in day_logs(app, member.id)] == [row[1:] for row in before]
    assert {row[0] for row in day_logs(app, member.id)} == {"lunch"}
    # The same tap sent twice logs it once.
    signed_in.post(f"/nutrition/meals/{meal_id}/log", data={
        "log_date": TODAY.isoformat(), "meal": "lunch", "submission_id": "a" * 32})
    assert len(day_logs(app, member.id)) == 2

    # Taking the yogurt out, then deleting the meal, leaves both days as they were.
    with app.app_context():
        yogurt_item = db.session.scalar(select(SavedMealItem.id).where(SavedMealItem.food_id == foods[YOGURT]))
    edit = signed_in.post(f"/nutrition/meals/{meal_id}", data={
        "name": "My usual breakfast", "meal": "breakfast", "recipe": "meal", "remove": str(yogurt_item)})
    assert edit.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(SavedMealItem)) == 1
    assert signed_in.post(f"/nutrition/meals/{meal_id}/delete").status_code == 302
    assert len(day_logs(app, member.id)) == 2 and day_logs(app, member.id, yesterday) == before


def test_a_recipe_built_from_foods_is_one_item_with_its_servings_and_summed_values(
        signed_in: FlaskClient, her_profile, app: Flask, member: User, foods) -> None:
    made = signed_in.post("/nutrition/meals/new", data={
        "name": "Porridge made with milk", "meal": "breakfast", "recipe": "recipe", "servings": "2"})
    assert made.status_code == 302 and "into=" in made.headers["Location"]
    meal_id = saved_id(app)
    for food, amount, unit in ((OATMEAL, "2", "cup"), (MILK, "1", "cup")):
        added = signed_in.post("/nutrition/log", data={
            "food_id": str(foods[food]), "into": str(meal_id), "log_date": TODAY.isoformat(), "meal": "breakfast",
            "amount": amount, "unit": unit})
        assert added.status_code == 302 and f"into={meal_id}" in added.headers["Location"]
    assert day_logs(app, member.id) == []  # building a recipe logs nothing
    with app.app_context():
        oats, milk = db.session.get(Food, foods[OATMEAL]), db.session.get(Food, foods[MILK])
        oats_g = db.session.scalar(select(SavedMealItem.grams).where(SavedMealItem.food_id == oats.id))
        whole = oats_g * oats.calcium_mg_per_100g / 100 + 245 * milk.calcium_mg_per_100g / 100
    # Her recipe is found first, by its own words.
    search = signed_in.get("/nutrition/search?q=porridge").get_data(as_text=True)
    assert re.findall(r'<span class="food-line-name">([^<]*)', search)[0].strip() == "Porridge made with milk"
    assert signed_in.post(f"/nutrition/meals/{meal_id}/log", data={
        "log_date": TODAY.isoformat(), "meal": "breakfast"}).status_code == 302
    ((meal, name, grams, calcium),) = day_logs(app, member.id)
    assert (meal, name) == ("breakfast", "Porridge made with milk")
    assert round(calcium, 1) == round(whole / 2, 1) and grams == round((oats_g + 245) / 2, 1)
    # Changing the recipe's servings changes the next log, never this one.
    signed_in.post(f"/nutrition/meals/{meal_id}", data={"name": "Porridge made with milk", "meal": "breakfast",
                                                         "recipe": "recipe", "servings": "4"})
    assert day_logs(app, member.id)[0][3] == calcium


def test_bad_input_is_refused_at_the_field_and_saves_nothing(signed_in: FlaskClient, her_profile, app: Flask,
                                                             foods) -> None:
    assert log_food(signed_in, app, foods[MILK]).status_code == 302
    refused = signed_in.post(f"/nutrition/day/{TODAY.isoformat()}/meals/save", data={"meal": "breakfast", "name": ""})
    assert refused.status_code == 400 and "Give the meal a name" in refused.get_data(as_text=True)
    refused = signed_in.post("/nutrition/meals/new", data={"name": "Soup", "meal": "lunch", "recipe": "recipe",
                                                          "servings": "abc"})
    assert refused.status_code == 400 and "Enter the number of servings" in refused.get_data(as_text=True)
    assert 'value="Soup"' in refused.get_data(as_text=True)
    signed_in.post(f"/nutrition/day/{TODAY.isoformat()}/meals/save", data={"meal": "breakfast", "name": "Milk"})
    meal_id = saved_id(app)
    future = (TODAY + timedelta(days=3)).isoformat()
    refused = signed_in.post(f"/nutrition/meals/{meal_id}/log", data={"log_date": future, "meal": "lunch"})
    assert refused.status_code == 400 and "date-" in refused.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(FoodLog)) == 1
        assert db.session.scalar(select(func.count()).select_from(SavedMeal)) == 1


def test_saved_meals_are_in_the_export_and_go_with_the_account(signed_in: FlaskClient, her_profile, app: Flask,
                                                                 member: User, foods) -> None:
    assert log_food(signed_in, app, foods[MILK], amount="2", unit="tbsp").status_code == 302
    signed_in.post(f"/nutrition/day/{TODAY.isoformat()}/meals/save", data={"meal": "breakfast", "name": "Coffee"})
    archive = zipfile.ZipFile(io.BytesIO(signed_in.get("/account/export.zip").data))
    rows = archive.read("saved_meals.csv").decode("utf-8-sig")
    assert "Coffee" in rows and "tbsp" in rows and "meal" in rows
    from app.account.deletion import delete_account
    with app.app_context():
        delete_account(db.session.get(User, member.id))
        db.session.commit()
        assert db.session.scalar(select(func.count()).select_from(SavedMeal)) == 0
        assert db.session.scalar(select(func.count()).select_from(SavedMealItem)) == 0
