"""Learn pages: public, no member data, printable."""
from flask import abort, render_template
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.learn import bp
from app.learn.pages import PAGES, PAGES_BY_SLUG
from app.nutrition.models import Food
from app.nutrition.services import nutrients_per_serving
from app.profile.medications import GROUP_LABELS, known_medications

BEST_SOURCES_SHOWN = 10


@bp.route("/")
def index() -> str:
    return render_template("learn/index.html", pages=PAGES)


@bp.route("/<slug>")
def page(slug: str) -> str:
    page = PAGES_BY_SLUG.get(slug) or abort(404)
    context = {}
    if slug == "calcium-and-vitamin-d":
        context["calcium_foods"], context["vitamin_d_foods"] = best_sources()
    if slug == "medicines":
        context["medications"], context["group_labels"] = known_medications(), GROUP_LABELS
    position = PAGES.index(page)
    return render_template(page.template, page=page, pages=PAGES,
                           next_page=PAGES[position + 1] if position + 1 < len(PAGES) else None, **context)


def best_sources() -> tuple[list, list]:
    """The food table's richest sources of calcium and of vitamin D per usual serving (USDA SR28 values)."""
    foods = db.session.scalars(select(Food).where(Food.member_id.is_(None)).options(selectinload(Food.servings)))
    per_serving = [(food, food.servings[0], nutrients_per_serving(food, food.servings[0]))
                   for food in foods if food.servings]
    calcium = sorted(per_serving, key=lambda row: -row[2].calcium_mg)[:BEST_SOURCES_SHOWN]
    vitamin_d = sorted((row for row in per_serving if row[2].vitamin_d_iu),
                       key=lambda row: -row[2].vitamin_d_iu)[:BEST_SOURCES_SHOWN]
    return calcium, vitamin_d
