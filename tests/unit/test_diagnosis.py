"""WHO 1994 category rules (guidance README, "Diagnosis category"): no app, no database."""
from datetime import date

import pytest

from app.guidance.diagnosis import Category, Site, TScoreReading, classify_t_score, who_category

D1, D2 = date(2022, 5, 1), date(2024, 5, 1)


@pytest.mark.parametrize("t_score, expected", [
    (1.5, Category.NORMAL),
    (-0.9, Category.NORMAL),
    (-1.0, Category.NORMAL),          # exactly −1.0 is normal
    (-1.1, Category.OSTEOPENIA),
    (-2.4, Category.OSTEOPENIA),
    (-2.5, Category.OSTEOPOROSIS),    # exactly −2.5 is osteoporosis
    (-2.6, Category.OSTEOPOROSIS),
    (-6.0, Category.OSTEOPOROSIS),
    (-1.04, Category.NORMAL),         # read as printed: one decimal
    (-2.46, Category.OSTEOPOROSIS),
])
def test_classify_t_score_at_each_threshold(t_score: float, expected: Category) -> None:
    assert classify_t_score(t_score) is expected


def test_who_category_without_readings_is_none() -> None:
    assert who_category([]) is None


def test_who_category_uses_lowest_central_site_of_latest_scan() -> None:
    readings = [
        TScoreReading(D1, Site.LUMBAR_SPINE, -3.0),   # older scan: ignored
        TScoreReading(D2, Site.LUMBAR_SPINE, -1.2),
        TScoreReading(D2, Site.TOTAL_HIP, -2.0),
        TScoreReading(D2, Site.FEMORAL_NECK, -1.7),
    ]
    result = who_category(readings)
    assert (result.category, result.t_score, result.site, result.scan_date) == \
        (Category.OSTEOPENIA, -2.0, Site.TOTAL_HIP, D2)


def test_who_category_ignores_radius_when_a_central_site_was_measured() -> None:
    readings = [TScoreReading(D2, Site.LUMBAR_SPINE, -0.5), TScoreReading(D2, Site.ONE_THIRD_RADIUS, -3.1)]
    result = who_category(readings)
    assert result.category is Category.NORMAL and result.site is Site.LUMBAR_SPINE


def test_who_category_uses_radius_when_it_is_the_only_site() -> None:
    readings = [TScoreReading(D1, Site.TOTAL_HIP, -1.5), TScoreReading(D2, Site.ONE_THIRD_RADIUS, -2.7)]
    result = who_category(readings)
    assert result.category is Category.OSTEOPOROSIS and result.site is Site.ONE_THIRD_RADIUS


@pytest.mark.parametrize("t_score, fracture, severe", [
    (-2.5, True, True), (-2.5, False, False), (-2.4, True, False), (-0.5, True, False),
])
def test_severe_osteoporosis_needs_osteoporosis_and_a_low_trauma_fracture(t_score, fracture, severe) -> None:
    result = who_category([TScoreReading(D2, Site.FEMORAL_NECK, t_score)], has_low_trauma_fracture=fracture)
    assert result.severe is severe
    assert result.label.startswith("Severe") is severe
