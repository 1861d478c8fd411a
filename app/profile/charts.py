"""Geometry for the T-score history chart: server-drawn SVG, no JavaScript."""
import math
from dataclasses import dataclass
from datetime import date

from app.guidance.diagnosis import NORMAL_MIN_T_SCORE, OSTEOPOROSIS_MAX_T_SCORE, SITE_LABELS, TScoreReading

# Sized for a phone (about 360 CSS px wide) so labels stay readable without zooming.
WIDTH, HEIGHT = 360, 250
LEFT, RIGHT, TOP, BOTTOM = 58, 10, 12, 36  # room for axis labels of 20 units (≥ 14 px on a 320 px phone)


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str


@dataclass(frozen=True)
class Series:
    key: str
    label: str
    points: list[Point]

    @property
    def path(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


@dataclass(frozen=True)
class Tick:
    at: float
    label: str


@dataclass(frozen=True)
class TScoreChart:
    width: int
    height: int
    series: list[Series]
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    normal_line_y: float
    osteoporosis_line_y: float
    plot_left: int = LEFT
    plot_right: int = WIDTH - RIGHT
    plot_top: int = TOP
    plot_bottom: int = HEIGHT - BOTTOM


def tscore_chart(readings: list[TScoreReading]) -> TScoreChart | None:
    """Lines per site over time, with the WHO thresholds drawn across; None without data."""
    if not readings:
        return None
    scores = [r.t_score for r in readings]
    y_max = max(1.0, math.ceil(max(scores) + 0.5))
    y_min = min(-4.0, math.floor(min(scores) - 0.5))
    first = min(r.scan_date for r in readings)
    last = max(r.scan_date for r in readings)
    span = (last - first).days

    def x_of(d: date) -> float:
        if span == 0:
            return (LEFT + WIDTH - RIGHT) / 2
        return LEFT + (d - first).days / span * (WIDTH - LEFT - RIGHT)

    def y_of(t: float) -> float:
        return TOP + (y_max - t) / (y_max - y_min) * (HEIGHT - TOP - BOTTOM)

    series = []
    for site, label in SITE_LABELS.items():
        points = sorted((r for r in readings if r.site == site), key=lambda r: r.scan_date)
        if points:
            series.append(Series(site.value, label, [
                Point(x_of(r.scan_date), y_of(r.t_score), f"{label}, {r.scan_date.isoformat()}: {r.t_score:+.1f}")
                for r in points]))
    y_ticks = [Tick(y_of(t), f"{t:+.0f}" if t else "0") for t in range(int(y_min), int(y_max) + 1)]
    dates = sorted({r.scan_date for r in readings})
    years = sorted({d.year for d in dates})
    if len(years) > 1:
        x_ticks = [Tick(x_of(date(y, 1, 1)), str(y)) for y in years if first <= date(y, 1, 1) <= last]
        x_ticks = x_ticks or [Tick(x_of(first), str(first.year)), Tick(x_of(last), str(last.year))]
    else:
        x_ticks = [Tick(x_of(d), d.strftime("%b %Y")) for d in dates[:3]]
    return TScoreChart(WIDTH, HEIGHT, series, y_ticks, x_ticks,
                       y_of(NORMAL_MIN_T_SCORE), y_of(OSTEOPOROSIS_MAX_T_SCORE))
