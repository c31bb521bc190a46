"""A complaint rate's change against a week on fewer than the low-confidence n is not tested (probe h5, edge2):
neither the overview's tile nor the weekly brief calls it significant, as Satisfaction's tiles do not."""

from __future__ import annotations

from datetime import timedelta

import pytest

from portal import db, kpi
from portal.overview import brief
from portal.overview import figures as overview
from portal.overview.sources import window_for
from portal.scope import Scope
from tests import fixtures
from tests import overview_fixture as fx
from tests.complaints_fixture import _COLUMNS, _REGION


def _rows() -> list[dict]:
    # W45: 40 complaints at S001, all in time (the data covers W46 wholly, so W47's change is compared);
    # W46: 8 complaints at S001, all answered in time (8 / 8 = 100%, n = 8 < 30);
    # W47 (the window's week at fx.NOW): 40, 20 of them late (20 / 40 = 50%, n = 40)
    earlier = [fx._row(f"w45c{i}", 1, fx.LAST_WEEK - timedelta(weeks=2), False, "other") for i in range(40)]
    before = [fx._row(f"w46c{i}", 1, fx.LAST_WEEK - timedelta(weeks=1), False, "other") for i in range(8)]
    week = [
        fx._row(f"w47c{i}", 1, fx.LAST_WEEK, i < 20, "delivery" if i < 20 else "other") for i in range(40)
    ]
    return earlier + before + week


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    path = tmp_path_factory.mktemp("overview_low_n") / "portal.duckdb"
    con = fixtures.build_fixture_db(path)
    con.execute(
        "insert into settings (key, value) values ('report_timezone', '\"UTC\"') on conflict do nothing"
    )
    cur = con.cursor()
    for row in _rows():
        cur.execute(
            f"insert into complaints (source, region_id, {', '.join(_COLUMNS)}) "  # noqa: S608 - fixed names
            f"values ('test', ?, {', '.join('?' for _ in _COLUMNS)})",
            [_REGION[row["store_id"]], *[row[c] for c in _COLUMNS]],
        )
    cur.close()
    con.close()
    con = db.connect(path)
    yield con
    con.close()


def test_a_change_from_a_week_below_the_low_confidence_n_is_untested(con):
    figs = overview.figures(kpi.runner(con, Scope.everything()), window_for(fx.NOW, timezone="UTC"), con)
    sla = figs.area("complaints").figures[1]
    # the two-proportion test would say z = -0.5 / sqrt(28/48 x 20/48 x (1/40 + 1/8)) = -2.619, p = 0.0088
    assert sla.key == "sla_attainment" and (sla.value, sla.n) == (50.0, 40)
    assert (sla.previous_value, sla.previous_n) == (100.0, 8)
    assert (sla.significant, sla.p_value) == (None, None)
    for lang in ("en", "zh"):
        texts = [s.text for s in brief.build(figs, lang, "all").sentences]
        assert not any("fell to" in s or "降至" in s for s in texts), texts
