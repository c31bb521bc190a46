"""The complaint figures' medians and 90th percentiles of hours (models/hours_quantiles.sql, issue 14): ranked as
BIGINT units of 2^-36 hour, they are quantile_cont's own values over the DOUBLE hours, bit for bit where the hours
are calendar durations, and the complaint queries rank their hours through the macro."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from portal import complaints, db

ROOT = Path(__file__).resolve().parent.parent


def _pairs(con, values) -> tuple[list | None, list | None]:
    """(hours_quantiles, quantile_cont(..., [0.5, 0.9])) over ``values`` (None: a null row)."""
    return con.execute(
        "select hours_quantiles(h), quantile_cont(h, [0.5, 0.9]) from unnest(?::double[]) as t (h)",
        [list(values)],
    ).fetchone()


def test_median_and_p90_by_linear_interpolation(con):
    # 1, 2, 4, 10 h: the median halfway between 2 and 4; the p90 at rank 0.9 x 3 = 2.7, 0.7 of the way from 4 to 10
    ours, theirs = _pairs(con, [10.0, None, 2.0, 1.0, 4.0])
    assert ours[0] == 3.0
    assert ours[1] == pytest.approx(8.2, abs=1e-12)
    assert ours == theirs == np.quantile([1.0, 2.0, 4.0, 10.0], [0.5, 0.9]).tolist()  # the null left out


def test_no_value_is_null_and_one_value_is_both(con):
    assert _pairs(con, [None, None]) == (None, None)
    assert con.execute("select hours_quantiles(h) from (select 1.5::double as h where false)").fetchone() == (
        None,
    )
    assert _pairs(con, [None, 36.25]) == ([36.25, 36.25], [36.25, 36.25])


def test_calendar_hours_are_quantile_conts_bit_for_bit(con):
    # durations as complaint_facts_calendar computes them (epoch / 3600 of each stamp, microseconds kept), for
    # stamps of 2025-2026: the ranks and every interpolated value equal the DOUBLE quantile's exactly
    rng = np.random.default_rng(14)
    start = datetime(2025, 1, 1)
    rows = []
    for group in range(40):
        for _ in range(int(rng.integers(1, 60))):
            received = start + timedelta(microseconds=int(rng.integers(0, 700 * 86_400_000_000)))
            answered = received + timedelta(microseconds=int(rng.integers(0, 9 * 86_400_000_000)))
            rows.append((group, received, answered))
    con.execute("create temp table stamps (g integer, received_at timestamp, answered_at timestamp)")
    con.executemany("insert into stamps values (?, ?, ?)", rows)
    differ, groups = con.execute(
        """
        with hours as (
            select g, epoch(answered_at) / 3600.0 - epoch(received_at) / 3600.0 as h from stamps
        ),
        per_group as (
            select hours_quantiles(h) as ours, quantile_cont(h, [0.5, 0.9]) as theirs from hours group by g
        )
        select count(*) filter (where ours is distinct from theirs), count(*) from per_group
        """
    ).fetchone()
    assert (differ, groups) == (0, 40)


def test_complaint_queries_rank_hours_through_the_macro():
    # quantile_cont over the DOUBLE hours ranked them at about twice the cost (issue 14)
    for path in (
        ROOT / "models" / "complaint_totals.sql",
        db.QUERIES_DIR / f"{complaints.BREAKDOWNS_QUERY}.sql",
    ):
        code = "\n".join(ln.split("--", 1)[0] for ln in path.read_text(encoding="utf-8").splitlines())
        assert not re.search(r"quantile_cont\([^)]*_hours", code), path.name
        # the totals 2; the breakdowns 6 (the weeks 2, by key 2, by channel 2: issue 14, the hot spots apart)
        assert len(re.findall(r"hours_quantiles\(", code)) in (2, 6), path.name
