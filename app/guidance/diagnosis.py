"""WHO diagnostic category from DXA T-scores (docs/clinical-rules.md, "Diagnosis category (WHO 1994)")."""
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from app.guidance.sources import WHO_1994, Source


class Site(StrEnum):
    LUMBAR_SPINE = "lumbar_spine"
    TOTAL_HIP = "total_hip"
    FEMORAL_NECK = "femoral_neck"
    ONE_THIRD_RADIUS = "radius_33"


SITE_LABELS = {
    Site.LUMBAR_SPINE: "Lumbar spine",
    Site.TOTAL_HIP: "Total hip",
    Site.FEMORAL_NECK: "Femoral neck",
    Site.ONE_THIRD_RADIUS: "One-third radius",
}

# WHO 1994 (TRS 843): the category uses the lowest of these central sites; the one-third
# radius counts only when none of them was measured on the scan date.
CENTRAL_SITES = frozenset({Site.LUMBAR_SPINE, Site.TOTAL_HIP, Site.FEMORAL_NECK})

# WHO 1994 thresholds: normal ≥ −1.0; osteopenia −2.5 < T < −1.0; osteoporosis ≤ −2.5.
NORMAL_MIN_T_SCORE = -1.0
OSTEOPOROSIS_MAX_T_SCORE = -2.5

# The range a DXA report can plausibly show (product bound for data entry, not clinical).
T_SCORE_MIN = -6.0
T_SCORE_MAX = 4.0

# WHO categories apply to postmenopausal women and men aged 50 and over
# (docs/clinical-rules.md, "Diagnosis category (WHO 1994)").
CATEGORY_MIN_AGE = 50


class Category(StrEnum):
    NORMAL = "normal"
    OSTEOPENIA = "osteopenia"
    OSTEOPOROSIS = "osteoporosis"


CATEGORY_LABELS = {
    Category.NORMAL: "Normal bone density",
    Category.OSTEOPENIA: "Osteopenia (low bone mass)",
    Category.OSTEOPOROSIS: "Osteoporosis",
}


@dataclass(frozen=True)
class TScoreReading:
    scan_date: date
    site: Site
    t_score: float


@dataclass(frozen=True)
class Diagnosis:
    category: Category
    severe: bool  # osteoporosis with a low-trauma (fragility) fracture: "severe (established)"
    t_score: float
    site: Site
    scan_date: date
    source: Source = WHO_1994

    @property
    def label(self) -> str:
        if self.severe:
            return "Severe (established) osteoporosis"
        return CATEGORY_LABELS[self.category]


def classify_t_score(t_score: float) -> Category:
    """WHO 1994: exactly −1.0 is normal, exactly −2.5 is osteoporosis."""
    t = round(t_score, 1)
    if t >= NORMAL_MIN_T_SCORE:
        return Category.NORMAL
    if t <= OSTEOPOROSIS_MAX_T_SCORE:
        return Category.OSTEOPOROSIS
    return Category.OSTEOPENIA


def who_category(readings: Iterable[TScoreReading], has_low_trauma_fracture: bool = False) -> Diagnosis | None:
    """The lowest T-score of the most recent scan date decides; None without any reading."""
    readings = list(readings)
    if not readings:
        return None
    latest = max(r.scan_date for r in readings)
    on_latest = [r for r in readings if r.scan_date == latest]
    central = [r for r in on_latest if r.site in CENTRAL_SITES]
    deciding = min(central or on_latest, key=lambda r: (r.t_score, r.site.value))
    category = classify_t_score(deciding.t_score)
    return Diagnosis(
        category=category,
        severe=category is Category.OSTEOPOROSIS and has_low_trauma_fracture,
        t_score=round(deciding.t_score, 1),
        site=deciding.site,
        scan_date=latest,
    )
