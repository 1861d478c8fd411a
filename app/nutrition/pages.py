"""Her food day, as she and her therapist both see it (the service returns the template's context)."""
from datetime import date, timedelta
from typing import Any

from app.guidance import alcohol as alcohol_rules
from app.guidance.nutrition import SPLIT_DOSE_SOURCE, dose_advice, doses_a_day
from app.guidance.sources import NAM_2011
from app.guidance.targets import PROTEIN_G_PER_MAIN_MEAL
from app.nutrition.models import MEALS, SUPPLEMENT_KINDS
from app.nutrition.services import day_view, drinks_on, gap_suggestions
from app.profile.services import (
    get_profile,
    page_units,
)


def food_day_page(member_id: int, day: date, today: date, suggest: bool = True) -> dict[str, Any]:
    """What she ate, took and drank on `day` (no later than her today), against that day's targets; with
    `suggest`, her own foods that would close a gap (her page only: they link to her log form)."""
    view = day_view(member_id, day)
    gaps = gap_suggestions(member_id, view, get_profile(member_id).unit_system) if suggest else {}
    return {"view": view, "gaps": gaps,
            "today": today, "previous": day - timedelta(days=1),
            "next": day + timedelta(days=1) if day < today else None,
            "split_source": SPLIT_DOSE_SOURCE, "nam": NAM_2011, "meal_protein": PROTEIN_G_PER_MAIN_MEAL,
            "drinks": drinks_on(member_id, day), "alcohol": alcohol_rules, "meals": MEALS,
            "supplement_kinds": SUPPLEMENT_KINDS, "dose_advice": dose_advice, "doses_a_day": doses_a_day,
            **page_units(member_id)}
