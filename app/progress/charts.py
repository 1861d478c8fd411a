"""Chart geometry for server-drawn SVG (no JavaScript, no CDN); every chart has a table beside it."""
import math
from collections.abc import Callable
from dataclasses import dataclass

WIDTH, HEIGHT = 360, 200
LEFT, RIGHT, TOP, BOTTOM = 62, 10, 14, 36  # room for axis labels of 20 units (≥ 14 px on a 320 px phone)


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: float
    met: bool


@dataclass(frozen=True)
class Tick:
    at: float
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    plot_left: int
    plot_right: int
    plot_top: int
    plot_bottom: int
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    target_y: float | None
    bars: list[Bar]
    line: str  # polyline points, for day-by-day charts
    dots: tuple["Dot", ...] = ()  # each day with a value, so one day alone is a visible point, not an empty line


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    label: str
    value: float
    above_limit: bool = False  # a day above the nutrient's upper limit: drawn in the "above" colour, never green


def _nice_step(value: float) -> float:
    """The smallest of 1, 2, 5 × 10^k that is at least `value`."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    for factor in (1, 2, 5, 10):
        if value <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _frame(top_value: float) -> tuple[float, list[Tick], Callable[[float], float]]:
    """A y axis from 0 with 2–5 round ticks (whole numbers for counts of days or sessions)."""
    raw = max(top_value * 1.1, 1.0)
    step = max(1.0, _nice_step(raw / 4)) if raw >= 1 else _nice_step(raw / 4)
    y_max = step * math.ceil(raw / step)

    def y_of(v: float) -> float:
        return TOP + (1 - v / y_max) * (HEIGHT - TOP - BOTTOM)

    ticks = [Tick(y_of(step * i), f"{step * i:,.0f}") for i in range(int(round(y_max / step)) + 1)]
    return y_max, ticks, y_of


def bar_chart(labels: list[str], values: list[float], target: float | None) -> Chart:
    """One bar per week, with the target drawn across."""
    _, y_ticks, y_of = _frame(max(values + [target or 0]))
    slot = (WIDTH - LEFT - RIGHT) / max(1, len(values))
    bars = [Bar(LEFT + i * slot + slot * 0.15, y_of(v), slot * 0.7, y_of(0) - y_of(v), label, v,
                target is not None and v >= target) for i, (label, v) in enumerate(zip(labels, values, strict=True))]
    every = max(1, math.ceil(len(labels) / 3))  # three labels fit a 320 px phone at 14 px
    x_ticks = [Tick(LEFT + i * slot + slot / 2, label) for i, label in enumerate(labels) if i % every == 0]
    return Chart(WIDTH, HEIGHT, LEFT, WIDTH - RIGHT, TOP, HEIGHT - BOTTOM, y_ticks, x_ticks,
                 y_of(target) if target else None, bars, "")


def line_chart(labels: list[str], values: list[float | None], target: float | None,
               above_limit: list[bool] | None = None) -> Chart:
    """A day-by-day line with a point on every day that has a value (days without one are skipped; a single day
    is its point alone), and the target drawn across. `above_limit` marks days above the upper limit."""
    known = [v for v in values if v is not None]
    _, y_ticks, y_of = _frame(max(known + [target or 0]))
    step = (WIDTH - LEFT - RIGHT) / max(1, len(values) - 1)
    if len(values) == 1:  # one day: its point in the middle, not on the axis
        step, start = 0.0, LEFT + (WIDTH - LEFT - RIGHT) / 2
    else:
        start = LEFT
    above = above_limit or [False] * len(values)
    dots = tuple(Dot(round(start + i * step, 1), round(y_of(v), 1), labels[i], v, above[i])
                 for i, v in enumerate(values) if v is not None)
    points = " ".join(f"{d.x:.1f},{d.y:.1f}" for d in dots) if len(dots) > 1 else ""
    every = max(1, math.ceil(len(labels) / 3))  # three labels fit a 320 px phone at 14 px
    x_ticks = [Tick(start + i * step, label) for i, label in enumerate(labels) if i % every == 0]
    return Chart(WIDTH, HEIGHT, LEFT, WIDTH - RIGHT, TOP, HEIGHT - BOTTOM, y_ticks, x_ticks,
                 y_of(target) if target else None, [], points, dots)
