"""Learn pages: public, no member data, printable."""
from flask import Blueprint, abort, render_template
from sqlalchemy import select

from app.extensions import db
from app.guidance import alcohol, diagnosis, targets
from app.guidance.gaps import never_suggested
from app.guidance.nutrition import CALCIUM_MAX_SINGLE_DOSE_MG
from app.guidance.risk import SCREENING_AGE_MEN, SCREENING_AGE_WOMEN
from app.learn.pages import PAGES, PAGES_BY_SLUG
from app.nutrition.models import Food, FoodServing
from app.nutrition.services import nutrients_per_serving
from app.profile.medications import GROUP_LABELS, known_medications

bp = Blueprint("learn", __name__, url_prefix="/learn")


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
    # Figures are rendered from the rules Ossify uses, so a changed default changes the page.
    context.update(t=targets, dx=diagnosis, alcohol=alcohol, n="{:,.0f}".format,
                   tscore=lambda v: f"{v:.1f}".replace("-", "\u2212"), calcium_dose=CALCIUM_MAX_SINGLE_DOSE_MG,
                   screening_women=SCREENING_AGE_WOMEN, screening_men=SCREENING_AGE_MEN)
    position = PAGES.index(page)
    return render_template(page.template, page=page, pages=PAGES,
                           next_page=PAGES[position + 1] if position + 1 < len(PAGES) else None, **context)


def best_sources() -> tuple[list, list]:
    """The food table's richest sources of calcium and of vitamin D per usual serving (USDA SR28 values).

    Ranked in SQL by the amount in each food's first serving, the one the food table lists (two queries).
    """
    def richest(per_100g):  # noqa: ANN001, ANN202
        rows = db.session.execute(
            select(Food, FoodServing).join(FoodServing, FoodServing.food_id == Food.id)
            # The everyday layer (foods she eats), not the whole table's baking powders and fortified bars;
            # found through its category's index (248 rows, not 8,789).
            .where(Food.category > "", Food.source.is_not(None), FoodServing.position == 0, per_100g > 0)
            .order_by((per_100g * FoodServing.grams).desc(), Food.name).limit(BEST_SOURCES_SHOWN + 5))
        # Fish-liver oils and liver are supplements here, not foods
        # (docs/clinical-rules.md, "Food suggestions and upper limits").
        return [(food, serving, nutrients_per_serving(food, serving)) for food, serving in rows
                if not never_suggested(food.name, food.long_desc)][:BEST_SOURCES_SHOWN]

    return richest(Food.calcium_mg_per_100g), richest(Food.vitamin_d_iu_per_100g)
