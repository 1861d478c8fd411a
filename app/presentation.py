"""How numbers are shown on every page (Jinja filters): one home, used by member and therapist pages alike."""
from datetime import date

from flask import Flask
from markupsafe import Markup

from app.exercises.poses import illustration
from app.guidance.calendar import timezone_label
from app.guidance.units import vitamin_d_iu_to_ug


def vitamin_d(iu: float | None, unit: str = "IU") -> str:
    """Vitamin D in her chosen unit (IU or µg): `{{ value | vitamin_d(vitamin_d_unit) }}`; "unknown" when a food
    doesn't report it."""
    if iu is None:
        return "unknown"
    if unit == "ug":
        return f"{vitamin_d_iu_to_ug(iu):,.1f} µg"
    return f"{iu:,.0f} IU"


def iso_day(value: str) -> str:
    """An ISO date (or the date part of a timestamp) as "Tue 1 Dec 2026"; what can't be read is shown as is."""
    try:
        return date.fromisoformat(value[:10]).strftime("%a %-d %b %Y")
    except ValueError:
        return value


def exercise_picture(exercise: object) -> Markup:
    """An exercise's illustration: the catalog figure, or her own exercise's neutral symbol of its kind."""
    return illustration(getattr(exercise, "slug", None), getattr(exercise, "kind", None))


def register(app: Flask) -> None:
    app.jinja_env.globals["exercise_picture"] = exercise_picture
    app.jinja_env.filters["iso_day"] = iso_day
    app.jinja_env.filters["vitamin_d"] = vitamin_d
    app.jinja_env.filters["timezone_label"] = timezone_label
