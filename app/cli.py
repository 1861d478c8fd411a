"""flask commands: create-user, seed-demo."""
import getpass
from datetime import date, timedelta

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.auth.models import PASSWORD_MIN, Role, User
from app.auth.services import EmailTaken, create_user, find_user_by_email, set_password
from app.exercises.catalog import load_catalog
from app.exercises.models import Exercise, ExerciseSession
from app.exercises.services import EntryData, SessionData, save_session
from app.guidance.calendar import today_in
from app.extensions import db
from app.nutrition.foods import load_foods
from app.nutrition.models import Food, FoodLog, Supplement
from app.nutrition.services import Amount, apply_food_log, take_supplement
from app.profile.models import DxaScan, Fracture, Medication
from app.profile.services import get_profile

DEMO_PASSWORD = "ossify-demo-2026"
DEMO_MEMBER = "member@demo.ossify"
DEMO_THERAPIST = "therapist@demo.ossify"


def register(app: Flask) -> None:
    app.cli.add_command(create_user_command)
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(load_catalog_command)
    app.cli.add_command(load_foods_command)
    app.cli.add_command(deactivate_account_command)
    app.cli.add_command(reactivate_account_command)


@click.command("load-catalog")
@with_appcontext
def load_catalog_command() -> None:
    """Load the exercise catalog from app/exercises/data/catalog.csv (safe to run again)."""
    added, updated = load_catalog()
    db.session.commit()
    click.echo(f"Exercise catalog: {added} added, {updated} updated.")


@click.command("create-user")
@click.option("--email", prompt=True)
@click.option("--name", "display_name", prompt="Display name")
@click.option("--role", type=click.Choice([r.value for r in Role]), default=Role.MEMBER.value, show_default=True)
@click.option("--timezone", default="UTC", show_default=True)
@click.option("--password", help="Omit to be asked without echo.")
@with_appcontext
def create_user_command(email: str, display_name: str, role: str, timezone: str, password: str | None) -> None:
    """Create an account (member or physical therapist)."""
    from app.guidance.calendar import is_valid_timezone

    if not is_valid_timezone(timezone):
        raise click.BadParameter(f"unknown time zone {timezone!r}", param_hint="--timezone")
    if password is None:
        password = getpass.getpass("Password: ")
        if getpass.getpass("Repeat password: ") != password:
            raise click.ClickException("The passwords don't match.")
    if len(password) < PASSWORD_MIN:
        raise click.ClickException(f"The password must have at least {PASSWORD_MIN} characters.")
    try:
        user = create_user(email, display_name, password, Role(role), current_app.config["PASSWORD_HASH_METHOD"],
                           timezone=timezone)
    except EmailTaken:
        raise click.ClickException(f"An account with {email} already exists.")
    db.session.commit()
    click.echo(f"Created {user.role_label.lower()} account {user.email}.")


@click.command("deactivate-account")
@click.argument("email")
@with_appcontext
def deactivate_account_command(email: str) -> None:
    """Refuse EMAIL's sign-in and end her open sessions at once (her data is kept)."""
    from app.auth.services import deactivate, find_user_by_email

    user = find_user_by_email(email)
    if user is None:
        raise click.ClickException(f"No account with email {email}.")
    deactivate(user)
    db.session.commit()
    click.echo(f"Deactivated {user.email}: sign-in refused, every open session ended.")


@click.command("reactivate-account")
@click.argument("email")
@with_appcontext
def reactivate_account_command(email: str) -> None:
    """Let a deactivated EMAIL sign in again."""
    from app.auth.services import find_user_by_email, reactivate

    user = find_user_by_email(email)
    if user is None:
        raise click.ClickException(f"No account with email {email}.")
    reactivate(user)
    db.session.commit()
    click.echo(f"Reactivated {user.email}: she can sign in again.")


@click.command("seed-demo")
@with_appcontext
def seed_demo_command() -> None:
    """Create (or reset) the demo member and therapist; prints their credentials."""
    method = current_app.config["PASSWORD_HASH_METHOD"]
    load_catalog()
    load_foods()
    member = _ensure_user(DEMO_MEMBER, "Margaret (demo)", Role.MEMBER, method)
    _ensure_user(DEMO_THERAPIST, "Priya, PT (demo)", Role.THERAPIST, method)
    profile = get_profile(member.id)
    profile.date_of_birth = date(1958, 4, 12)
    profile.sex = "female"
    profile.weight_kg = 61.0
    profile.unit_system = "us"
    profile.vitamin_d_unit = "IU"
    if not db.session.scalar(select(DxaScan.id).where(DxaScan.member_id == member.id).limit(1)):
        db.session.add_all([
            DxaScan(member_id=member.id, scan_date=date(2021, 3, 9), site="lumbar_spine", t_score=-1.9),
            DxaScan(member_id=member.id, scan_date=date(2021, 3, 9), site="total_hip", t_score=-1.6),
            DxaScan(member_id=member.id, scan_date=date(2021, 3, 9), site="femoral_neck", t_score=-2.0),
            DxaScan(member_id=member.id, scan_date=date(2023, 3, 14), site="lumbar_spine", t_score=-2.3),
            DxaScan(member_id=member.id, scan_date=date(2023, 3, 14), site="total_hip", t_score=-1.8),
            DxaScan(member_id=member.id, scan_date=date(2023, 3, 14), site="femoral_neck", t_score=-2.2),
            DxaScan(member_id=member.id, scan_date=date(2025, 3, 18), site="lumbar_spine", t_score=-2.2),
            DxaScan(member_id=member.id, scan_date=date(2025, 3, 18), site="total_hip", t_score=-1.8),
            DxaScan(member_id=member.id, scan_date=date(2025, 3, 18), site="femoral_neck", t_score=-2.1),
            Fracture(member_id=member.id, fracture_date=date(2019, 11, 2), site="wrist", vertebral=False,
                     low_trauma=True),
            Medication(member_id=member.id, name="Alendronate", start_date=date(2023, 4, 1)),
        ])
    if not db.session.scalar(select(ExerciseSession.id).where(ExerciseSession.member_id == member.id).limit(1)):
        _demo_sessions(member.id, today_in(member.timezone))
    if not db.session.scalar(select(Supplement.id).where(Supplement.member_id == member.id).limit(1)):
        _demo_nutrition(member.id, today_in(member.timezone))
    db.session.commit()
    click.echo("Demo accounts (password for both: %s):" % DEMO_PASSWORD)
    click.echo(f"  member:    {DEMO_MEMBER}")
    click.echo(f"  therapist: {DEMO_THERAPIST}")


def _ensure_user(email: str, name: str, role: Role, method: str) -> User:
    user = find_user_by_email(email)
    if user is None:
        return create_user(email, name, DEMO_PASSWORD, role, method, timezone="America/New_York")
    set_password(user, DEMO_PASSWORD, method)
    return user


def _demo_sessions(member_id: int, today: date) -> None:
    """A few days of realistic logs so the history page has something true to life."""
    catalog = {e.slug: e for e in db.session.scalars(select(Exercise).where(Exercise.slug.is_not(None)))}
    plan = [
        (6, 45, 4, [EntryData(catalog["brisk_walking"].id, minutes=35),
                    EntryData(catalog["gentle_heel_drops"].id, sets=2, reps_per_set=[20, 20])]),
        (5, 35, 6, [EntryData(catalog["band_squat"].id, sets=3, reps_per_set=[10, 10, 10], band_colour="red"),
                    EntryData(catalog["band_row"].id, sets=3, reps_per_set=[12, 10, 10], band_colour="green"),
                    EntryData(catalog["band_overhead_press"].id, sets=2, reps_per_set=[10, 8], band_colour="yellow"),
                    EntryData(catalog["prone_back_extension"].id, sets=2, reps_per_set=[8, 8])]),
        (3, 30, 3, [EntryData(catalog["walking"].id, minutes=30)]),
        (2, 25, 6, [EntryData(catalog["band_deadlift"].id, sets=3, reps_per_set=[10, 10, 10], band_colour="red"),
                    EntryData(catalog["band_chest_press"].id, sets=3, reps_per_set=[10, 10, 9], band_colour="red"),
                    EntryData(catalog["tandem_stance"].id, sets=3, hold_seconds=30)]),
        (1, 40, 4, [EntryData(catalog["dancing"].id, minutes=40)]),
    ]
    exercises = {e.id: e for e in catalog.values()}
    for days_ago, minutes, effort, entries in plan:
        data = SessionData(session_date=today - timedelta(days=days_ago), entries=entries, total_minutes=minutes,
                           effort=effort, pain=days_ago == 2, pain_where="right knee" if days_ago == 2 else None,
                           pain_note="Twinge on the last deadlift set." if days_ago == 2 else None)
        save_session(ExerciseSession(member_id=member_id), data, exercises)


@click.command("load-foods")
@with_appcontext
def load_foods_command() -> None:
    """Load the USDA SR28 food table from app/nutrition/data/ (safe to run again)."""
    added, updated = load_foods()
    db.session.commit()
    click.echo(f"Food table: {added} added, {updated} updated.")


def _demo_nutrition(member_id: int, today: date) -> None:
    """Three days of meals and a calcium + vitamin D routine, so the food pages have something to show."""
    foods = {f.source_id: f for f in db.session.scalars(
        select(Food).where(Food.source_id.is_not(None)).options(selectinload(Food.servings)))}
    supplement = Supplement(member_id=member_id, kind="calcium_vitamin_d", name="Calcium citrate + D3",
                            unit_name="tablet", calcium_mg=315, vitamin_d_iu=250, usual_quantity=1)
    db.session.add(supplement)
    db.session.flush()
    meals = [("breakfast", "01085", 1), ("breakfast", "01117", 1), ("lunch", "15088", 1), ("dinner", "01082", 1)]
    for days_ago in (2, 1, 0):
        day = today - timedelta(days=days_ago)
        for meal, ndb, servings in meals[: 4 if days_ago else 2]:
            food = foods[ndb]
            apply_food_log(FoodLog(member_id=member_id), food, day, meal, Amount(servings, food.servings[0]))
        if days_ago:  # one tablet with breakfast, one with dinner
            take_supplement(member_id, supplement, day, 1)
            take_supplement(member_id, supplement, day, 1)
