"""A member's data as a zip of CSV files, with a README that describes every column.

Each file is declared once below (name, what one row is, and its columns with a description and how to read
the value), so the README can't drift from the files. Text cells that a spreadsheet would run as a formula
(starting with = + - @ or a tab) are prefixed with an apostrophe; numbers are written as they are.
"""
import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from flask import Response
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.auth.models import User
from app.care.models import Comment
from app.exercises.models import Exercise, ExerciseSession, SessionEntry
from app.extensions import db
from app.function.services import history
from app.nutrition.models import AlcoholLog, Food, FoodLog, SavedMeal, SavedMealItem, Supplement, SupplementLog
from app.profile.models import (
    BodyWeight,
    DxaScan,
    Fall,
    Fracture,
    Height,
    Medication,
    MemberProfile,
    RiskFactorAnswer,
)
from app.reminders.models import MedicineDose

# OWASP "CSV Injection": what a spreadsheet may run. `|` starts a DDE link in some; "％" and "＝" are the same
# characters to a spreadsheet that folds full-width forms (checked after NFKC normalisation).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "|", "%")
NUMBER = re.compile(r"-?\d+(\.\d+)?")  # written as text (one decimal) but not a formula
# A spreadsheet set to a semicolon locale splits a comma file's cells at ";" (and some at ","), so every part
# must be safe on its own.
SEPARATORS = re.compile(r"([;,])")


def defuse(text: str) -> str:
    """`text` with an apostrophe before each part a spreadsheet would run as a formula."""
    parts = []
    for part in SEPARATORS.split(text):
        body = part.lstrip(" ")
        folded = unicodedata.normalize("NFKC", body)
        if part not in (";", ",") and folded.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(folded.rstrip()):
            part = part[:len(part) - len(body)] + "'" + body
        parts.append(part)
    return "".join(parts)


@dataclass(frozen=True)
class Column:
    name: str
    description: str
    value: Callable[[Any], Any]


@dataclass(frozen=True)
class CsvFile:
    name: str
    row_is: str
    columns: tuple[Column, ...]
    rows: Callable[[int], Iterable[Any]]


def _attr(name: str) -> Callable[[Any], Any]:
    return lambda row: getattr(row, name)


def c(name: str, description: str, value: Callable[[Any], Any] | None = None) -> Column:
    return Column(name, description, value or _attr(name))


def _profile(member_id: int) -> list[tuple[User, MemberProfile | None]]:
    return [(db.session.get(User, member_id), db.session.get(MemberProfile, member_id))]


def _owned(model: Any, *order: Any) -> Callable[[int], Iterable[Any]]:
    return lambda member_id: db.session.scalars(select(model).where(model.member_id == member_id).order_by(*order))


def _entries(member_id: int) -> Iterable[SessionEntry]:
    return db.session.scalars(
        select(SessionEntry).join(ExerciseSession).where(ExerciseSession.member_id == member_id)
        .order_by(ExerciseSession.session_date, SessionEntry.session_id, SessionEntry.position)
        .options(selectinload(SessionEntry.exercise)))


def _foods(member_id: int) -> Iterable[Food]:
    return db.session.scalars(select(Food).where(Food.member_id == member_id).order_by(Food.name)
                              .options(selectinload(Food.servings)))


def _saved_meal_items(member_id: int) -> Iterable[tuple[SavedMeal, SavedMealItem | None]]:
    """Each food of each saved meal or recipe; a saved meal with no foods yet is one row with none."""
    meals = db.session.scalars(select(SavedMeal).where(SavedMeal.member_id == member_id)
                               .order_by(SavedMeal.name, SavedMeal.id)
                               .options(selectinload(SavedMeal.items).joinedload(SavedMealItem.food)))
    return [(meal, item) for meal in meals for item in (meal.items or [None])]


def _comments(member_id: int) -> Iterable[Comment]:
    return db.session.scalars(select(Comment).where(Comment.member_id == member_id).order_by(Comment.created_at))


def _exercises(member_id: int) -> Iterable[Exercise]:
    return db.session.scalars(select(Exercise).where(Exercise.member_id == member_id).order_by(Exercise.name))


FILES = (
    CsvFile("profile.csv", "you", (
        c("name", "Your name in Ossify", lambda r: r[0].display_name),
        c("email", "The email you sign in with", lambda r: r[0].email),
        c("date_of_birth", "YYYY-MM-DD", lambda r: r[1] and r[1].date_of_birth),
        c("sex", "female or male, as entered", lambda r: r[1] and r[1].sex),
        c("units", "metric or us: how Ossify shows amounts to you", lambda r: r[1] and r[1].unit_system),
        c("vitamin_d_unit", "IU or µg: how Ossify shows vitamin D to you", lambda r: r[1] and r[1].vitamin_d_unit),
        c("time_zone", "Your time zone (IANA name); 'today' is counted in it", lambda r: r[0].timezone),
        c("account_created", "When the account was made (UTC)", lambda r: r[0].created_at),
        c("young_adult_height_cm", "The tallest height you remember as a young adult, in cm; empty if not given",
          lambda r: r[1] and r[1].young_adult_height_cm),
    ), _profile),
    CsvFile("body_weights.csv", "your body weight from a day on", (
        c("measured_on", "YYYY-MM-DD: the day you entered it; it stands until the next entry"),
        c("weight_kg", "Body weight in kilograms (stored in kg whatever unit you entered)"),
    ), _owned(BodyWeight, BodyWeight.measured_on)),
    CsvFile("heights.csv", "one measured height", (
        c("measured_on", "YYYY-MM-DD"),
        c("height_cm", "Height in centimetres (stored in cm whatever unit you entered); LOINC 8302-2"),
    ), _owned(Height, Height.measured_on)),
    CsvFile("strength_and_balance_tests.csv", "one result of a CDC STEADI strength or balance test", (
        c("taken_on", "YYYY-MM-DD", lambda r: r.row.taken_on),
        c("test", "chair_stand, timed_up_and_go, balance or stay_independent", lambda r: r.row.test),
        c("value", "Full stands in 30 s; seconds; stances held 10 s (0-4); or Stay Independent points",
          lambda r: r.row.value),
        c("stay_independent_yes", "Stay Independent: the items you answered yes, separated by ';'",
          lambda r: ";".join(r.row.answers or [])),
        c("judged", "at_risk, not_at_risk or not_judged: the cut-off for your age and sex on the test's day",
          lambda r: r.judgement.band.value),
        c("loinc", "The LOINC code the result is stored with (none for the balance test)", lambda r: r.row.loinc),
        c("measured_by", "Your physical therapist's name when measured in clinic; empty when you did it",
          lambda r: r.row.measured_by_name),
    ), lambda member_id: [r for rows in history(member_id).values() for r in rows]),
    CsvFile("dxa_scans.csv", "one site of one DXA scan", (
        c("scan_date", "YYYY-MM-DD"),
        c("site", "lumbar_spine, total_hip, femoral_neck or radius_33"),
        c("t_score", "T-score from the scan report, one decimal", lambda s: f"{float(s.t_score):.1f}"),
    ), _owned(DxaScan, DxaScan.scan_date, DxaScan.site)),
    CsvFile("fractures.csv", "one fracture", (
        c("fracture_date", "YYYY-MM-DD"),
        c("site", "Where the bone broke"),
        c("vertebral", "true for a spine (vertebral) fracture"),
        c("low_trauma", "true when it happened from standing height or less"),
    ), _owned(Fracture, Fracture.fracture_date)),
    CsvFile("falls.csv", "one fall", (
        c("fall_date", "YYYY-MM-DD"),
        c("what_happened", "In your words"),
        c("injured", "true when you were hurt"),
        c("fracture", "true when a bone broke (the fracture itself is in fractures.csv)"),
    ), _owned(Fall, Fall.fall_date)),
    CsvFile("medications.csv", "one bone medicine", (
        c("medication_id", "Joins medicine_doses.csv", _attr("id")),
        c("name", "As entered"),
        c("start_date", "YYYY-MM-DD, empty when not entered"),
        c("stop_date", "YYYY-MM-DD, empty while you take it"),
    ), _owned(Medication, Medication.start_date, Medication.name)),
    CsvFile("medicine_doses.csv", "one dose of a medicine you recorded taking", (
        c("medication_id", "Which medicine: its medication_id in medications.csv"),
        c("taken_on", "YYYY-MM-DD"),
    ), _owned(MedicineDose, MedicineDose.taken_on, MedicineDose.medication_id)),
    CsvFile("sessions.csv", "one exercise session", (
        c("session_id", "Joins session_entries.csv and comments.csv", _attr("id")),
        c("session_date", "YYYY-MM-DD"),
        c("start_time", "HH:MM, empty when not entered"),
        c("total_minutes", "Minutes of the whole session"),
        c("effort", "Borg CR10 effort, 0 (rest) to 10 (maximal)"),
        c("pain", "true when something hurt during the session"),
        c("pain_where", "Where it hurt"),
        c("pain_note", "About the pain"),
        c("notes", "Your notes"),
    ), _owned(ExerciseSession, ExerciseSession.session_date, ExerciseSession.id)),
    CsvFile("session_entries.csv", "one exercise within a session", (
        c("session_id", "The session (sessions.csv)"),
        c("position", "Order within the session, from 0"),
        c("exercise", "Exercise name", lambda e: e.exercise.name),
        c("sets", "Number of sets"),
        c("reps_per_set", "Reps in each set, separated by semicolons (10;10;8)",
          lambda e: ";".join(str(n) for n in e.reps_per_set) if e.reps_per_set else None),
        c("band_colour", "Resistance band colour (TheraBand order), or 'other'"),
        c("band_note", "The band, in your words, when it is 'other'"),
        c("minutes", "Minutes, for timed exercises"),
        c("hold_seconds", "Seconds held, for balance holds"),
        c("impacts", "Impacts counted (entered, or reps of an impact exercise)"),
    ), _entries),
    CsvFile("food_logs.csv", "one food eaten", (
        c("log_date", "YYYY-MM-DD"),
        c("meal", "breakfast, lunch, dinner or snack"),
        c("food", "Food name when it was logged", _attr("food_name")),
        c("servings", "How many servings, when entered as servings"),
        c("serving_name", "The serving, e.g. '1 cup'"),
        c("grams", "Grams eaten"),
        c("calcium_mg", "Calcium in mg, from the food's values when it was logged; empty when not known"),
        c("vitamin_d_iu", "Vitamin D in IU; empty when the food's vitamin D is not known"),
        c("protein_g", "Protein in g"),
        c("magnesium_mg", "Magnesium in mg (shown, not scored); empty when not known or logged before Ossify kept it"),
        c("potassium_mg", "Potassium in mg (shown, not scored); empty when not known or logged before Ossify kept it"),
        c("energy_kcal", "Energy in kcal (shown, not scored); empty when not known or logged before Ossify kept it"),
    ), _owned(FoodLog, FoodLog.log_date, FoodLog.id)),
    CsvFile("my_foods.csv", "one food you added yourself", (
        c("name", "As entered"),
        c("calcium_mg_per_100g", "Calcium per 100 g"),
        c("vitamin_d_iu_per_100g", "Vitamin D per 100 g; empty when not known"),
        c("protein_g_per_100g", "Protein per 100 g"),
        c("magnesium_mg_per_100g", "Magnesium per 100 g; empty when not entered"),
        c("potassium_mg_per_100g", "Potassium per 100 g; empty when not entered"),
        c("energy_kcal_per_100g", "Energy (kcal) per 100 g; empty when not entered"),
        c("servings", "Its servings as 'name = grams', separated by semicolons",
          lambda f: "; ".join(f"{s.name} = {s.grams:g} g" for s in f.servings)),
    ), _foods),
    CsvFile("saved_meals.csv", "one food of one of your saved meals or recipes", (
        c("saved_meal_id", "Joins the rows of one saved meal", lambda r: r[0].id),
        c("name", "The saved meal's or recipe's name", lambda r: r[0].name),
        c("kind", "meal (added as its foods) or recipe (added as one item)",
          lambda r: "recipe" if r[0].is_recipe else "meal"),
        c("servings", "A recipe: how many servings it makes", lambda r: r[0].servings),
        c("usual_meal", "breakfast, lunch, dinner or snack", lambda r: r[0].meal),
        c("food", "The food, as named in Ossify; empty when it has no foods yet", lambda r: r[1] and r[1].food.name),
        c("unit", "The unit you chose (g, oz, cup, tbsp… or one of the food's measures)",
          lambda r: r[1] and r[1].unit.removeprefix("m:")),
        c("quantity", "How many of that unit", lambda r: r[1] and r[1].quantity),
        c("grams", "What that weighs, g", lambda r: r[1] and r[1].grams),
    ), _saved_meal_items),
    CsvFile("my_exercises.csv", "one exercise you added yourself", (
        c("name", "As entered"),
        c("kind", "weight_bearing, resistance_band, balance or posture"),
        c("impact", "none, low, moderate or high"),
        c("measure", "minutes, reps or hold"),
    ), _exercises),
    CsvFile("supplements.csv", "one of your supplements", (
        c("name", "As entered"),
        c("kind", "What it mainly provides"),
        c("unit", "tablet, capsule, scoop…", _attr("unit_name")),
        c("calcium_mg", "Elemental calcium per unit, mg"),
        c("vitamin_d_iu", "Vitamin D per unit, IU"),
        c("protein_g", "Protein per unit, g"),
        c("usual_quantity", "Units you usually take a day"),
        c("per_dose", "Units you take at one time (a dose)"),
        c("active", "false once you stopped it"),
    ), _owned(Supplement, Supplement.id)),
    CsvFile("supplement_logs.csv", "one dose taken", (
        c("log_date", "YYYY-MM-DD"),
        c("supplement", "Its name when taken", _attr("name")),
        c("quantity", "Units taken"),
        c("calcium_mg", "Calcium in this dose, mg"),
        c("vitamin_d_iu", "Vitamin D in this dose, IU"),
        c("protein_g", "Protein in this dose, g"),
    ), _owned(SupplementLog, SupplementLog.log_date, SupplementLog.id)),
    CsvFile("drinks.csv", "one entry of alcoholic drinks", (
        c("log_date", "YYYY-MM-DD"),
        c("drinks", "How many drinks, as entered"),
        c("drink_size", "us (US standard drink, 14 g of alcohol) or uk (UK unit, 8 g)"),
        c("alcohol_g", "Grams of alcohol (ethanol) in the entry", _attr("ethanol_g")),
    ), _owned(AlcoholLog, AlcoholLog.log_date, AlcoholLog.id)),
    CsvFile("risk_factor_answers.csv", "one of your answers to the risk-factor checklist", (
        c("factor", "The question's key (the Learn page 'Risk factors and bone density tests' explains them)"),
        c("answer", "yes, no or unsure"),
        c("answered_at", "When last changed (UTC)", _attr("updated_at")),
    ), _owned(RiskFactorAnswer, RiskFactorAnswer.factor)),
    CsvFile("comments.csv", "one comment from your physical therapist, or your reply", (
        c("comment_id", "Joins reply_to", _attr("id")),
        c("written_at", "When (UTC)", _attr("created_at")),
        c("author", "Who wrote it", _attr("author_name")),
        c("session_id", "The session it is about (sessions.csv), if any"),
        c("week_starting", "The Monday of the week it is about, if any", _attr("week_start")),
        c("reply_to", "The comment this answers", _attr("parent_id")),
        c("text", "What was written", _attr("body")),
    ), _comments),
)


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, str):
        return defuse(value)
    return value


def readme(member_name: str, made_on: date) -> str:
    lines = [f"Ossify: all the data of {member_name}, exported on {made_on.isoformat()}.", "",
             "Each file is CSV (UTF-8, comma-separated, first line the column names). Dates are YYYY-MM-DD;",
             "times are UTC. Text that starts with = + - @ | or % (also just after a ; or a ,) has a ' put",
             "before it, so that a spreadsheet shows it instead of running it.", ""]
    for f in FILES:
        lines += [f"{f.name}: one row per {f.row_is}."]
        lines += [f"  {col.name}: {col.description}" for col in f.columns]
        lines.append("")
    return "\n".join(lines)


def member_zip(member_id: int, made_on: date) -> bytes:
    buffer = io.BytesIO()
    member = db.session.get(User, member_id)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", readme(member.display_name, made_on))
        for f in FILES:
            text = io.StringIO()
            writer = csv.writer(text)
            writer.writerow([col.name for col in f.columns])
            for row in f.rows(member_id):
                writer.writerow([_cell(col.value(row)) for col in f.columns])
            archive.writestr(f.name, text.getvalue())
    return buffer.getvalue()

def zip_response(data: bytes, filename: str) -> Response:
    return Response(data, mimetype="application/zip",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
