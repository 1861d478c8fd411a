"""Chart geometry: round axis ticks, bars flagged where a week met its target."""
import pytest

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
