"""Chart geometry: round axis ticks, bars flagged where a week met its target."""
from datetime import date

import pytest

from app.guidance.weeks import weeks_since
from app.progress.charts import bar_chart, line_chart


@pytest.mark.parametrize("values, target, ticks", [
    ([0, 1, 2], 2, ["0", "1", "2", "3"]),
    ([35, 160], 150, ["0", "50", "100", "150", "200"]),
    ([900, 1400], 1200, ["0", "500", "1,000", "1,500", "2,000"]),
    ([0, 0], None, ["0", "1"]),
])
def test_axis_ticks_are_round_and_distinct(values, target, ticks) -> None:
    chart = bar_chart([f"w{i}" for i in range(len(values))], values, target)
    assert [t.label for t in chart.y_ticks] == ticks


def test_bars_mark_met_weeks_and_target_line_sits_at_the_target() -> None:
    chart = bar_chart(["a", "b", "c"], [1, 2, 3], 2)
    assert [b.met for b in chart.bars] == [False, True, True]
    assert chart.bars[1].y == pytest.approx(chart.target_y)


def test_line_skips_days_without_a_value() -> None:
    chart = line_chart(["d1", "d2", "d3"], [800.0, None, 1200.0], 1200)
    assert len(chart.line.split()) == 2


def test_one_day_is_a_visible_point_in_the_middle_and_every_day_has_its_point() -> None:
    chart = line_chart(["7 Dec"], [1300.0], 1200)
    assert chart.line == "" and len(chart.dots) == 1
    assert chart.dots[0].x == pytest.approx((chart.plot_left + chart.plot_right) / 2)
    week = line_chart(["d1", "d2", "d3"], [800.0, None, 2100.0], 1200, [False, False, True])
    assert [(d.label, d.above_limit) for d in week.dots] == [("d1", False), ("d3", True)]


@pytest.mark.parametrize("today, joined, weeks", [
    (date(2026, 12, 7), date(2026, 12, 7), 1),     # her first day, a Monday: this week alone
    (date(2026, 12, 13), date(2026, 12, 7), 1),    # the Sunday of her first week
    (date(2026, 12, 14), date(2026, 12, 13), 2),   # joined on a Sunday, next Monday: two weeks
    (date(2026, 12, 7), date(2026, 9, 21), 12),    # 11 weeks before this Monday: 12 weeks drawn
    (date(2026, 12, 7), date(2026, 9, 14), 12),    # 12 weeks before: still 12
    (date(2026, 12, 7), date(2025, 1, 1), 12),     # a long-time member: 12 weeks
    (date(2026, 12, 7), None, 12),
    (date(2026, 12, 7), date(2026, 12, 20), 1),    # a clock that disagrees: still this week
])
def test_the_charts_start_at_the_later_of_12_weeks_ago_and_the_week_she_joined(today, joined, weeks) -> None:
    assert weeks_since(today, joined, 12) == weeks
