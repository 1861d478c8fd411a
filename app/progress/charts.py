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


def line_chart(labels: list[str], values: list[float | None], target: float | None) -> Chart:
    """A day-by-day line (days without a value are skipped), with the target drawn across."""
    known = [v for v in values if v is not None]
    _, y_ticks, y_of = _frame(max(known + [target or 0]))
    step = (WIDTH - LEFT - RIGHT) / max(1, len(values) - 1)
    points = " ".join(f"{LEFT + i * step:.1f},{y_of(v):.1f}" for i, v in enumerate(values) if v is not None)
    every = max(1, math.ceil(len(labels) / 3))  # three labels fit a 320 px phone at 14 px
    x_ticks = [Tick(LEFT + i * step, label) for i, label in enumerate(labels) if i % every == 0]
    return Chart(WIDTH, HEIGHT, LEFT, WIDTH - RIGHT, TOP, HEIGHT - BOTTOM, y_ticks, x_ticks,
                 y_of(target) if target else None, [], points)
