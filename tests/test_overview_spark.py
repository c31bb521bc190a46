"""Text sparklines of the overview tiles: scaled between min and max, a gap for a week without data."""

from portal.overview.spark import sparkline


def test_scaled_between_min_and_max():
    # (v - 1) / 7 x 8 -> 0, 1.14, 2.29, ... 8 (capped at the top block)
    assert sparkline([1, 2, 3, 4, 5, 6, 7, 8]) == "▁▂▃▄▅▆▇█"
    # 80 lowest, 100 highest, 90 halfway: int(0.5 x 8) = 4 -> the fifth block
    assert sparkline([90.0, 80.0, 100.0]) == "▅▁█"


def test_gaps_and_flat_lines():
    assert sparkline([5, None, 5]) == "▄·▄"
    assert sparkline([float("nan"), 3.0]) == "·▄"
    assert sparkline([]) == "" and sparkline([None]) == ""
