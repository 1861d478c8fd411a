"""flask commands: create-user, deactivate-account, reactivate-account, load-catalog, load-foods, seed-demo,
deliver-reminders."""
import getpass
import time

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from app.auth.models import PASSWORD_MIN, Role
from app.auth.services import EmailTaken, create_user
from app.demo import DEMO_MEMBER, DEMO_PASSWORD, DEMO_THERAPIST, OTHER_CLIENTS, seed
from app.exercises.catalog import load_catalog
from app.extensions import db
from app.nutrition.foods import load_foods


def register(app: Flask) -> None:
    app.cli.add_command(create_user_command)
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(load_catalog_command)
    app.cli.add_command(load_foods_command)
    app.cli.add_command(deactivate_account_command)
    app.cli.add_command(reactivate_account_command)
    app.cli.add_command(deliver_reminders_command)


@click.command("deliver-reminders")
@click.option("--every", type=float, default=0.0, help="Seconds between scans; 0 (the default) scans once.")
@with_appcontext
def deliver_reminders_command(every: float) -> None:
    """Send the reminders that are due, from this process (the in-process mode `make run` uses; with REDIS_URL
    the sends go to the Celery workers)."""
    from app.reminders.tasks import scan
    while True:
        claimed = scan.apply().get()
        if claimed:
            click.echo(f"Reminders: {claimed} due and sent (or queued).")
        db.session.remove()
        if not every:
            return
        time.sleep(every)


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
        raise click.ClickException(f"An account with {email} already exists.") from None
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
    """(Re)create the demo member (twelve weeks of logs) and therapist (six clients); prints how to sign in."""
    load_catalog()
    load_foods()
    seed(current_app.config["PASSWORD_HASH_METHOD"])
    db.session.commit()
    click.echo(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
    click.echo(f"  member:    {DEMO_MEMBER}  (twelve weeks of logs)")
    click.echo(f"  therapist: {DEMO_THERAPIST}  (six clients: " + ", ".join(
        [DEMO_MEMBER] + [c.email for c in OTHER_CLIENTS]) + ")")


@click.command("load-foods")
@with_appcontext
def load_foods_command() -> None:
    """Load the USDA SR28 food table from app/nutrition/data/ (safe to run again)."""
    added, updated = load_foods()
    db.session.commit()
    click.echo(f"Food table: {added} added, {updated} updated.")
