"""The Complaints page's first paint without the hot spots its closed tabs show (issue 14): complaint_breakdowns
with $hot_spots 'without' / 'only' / 'breaches' (the overview's week: no channel mix),
``complaints.figures(..., hot_spots=False)`` and ``complaints.hot_spots``."""

from __future__ import annotations

import importlib
from dataclasses import replace

import pandas as pd
import pytest

from portal import complaints, kpi
from portal.complaints.slices import HOT_SPOT_COLUMNS
from portal.scope import Scope
from tests import complaints_fixture as fx
from tests.test_complaints_queries import SUMMARY_CASES

GOALS = complaints.Targets()
HOT = {"channel", "category_store", "source_category"}
FIGURES = importlib.import_module("portal.complaints.figures")  # (portal.complaints.figures is the function)
CASES = [*SUMMARY_CASES, (fx.CURRENT, Scope(store_ids=(1, 2), team_id=1), fx.AS_OF)]  # a team lead's


@pytest.fixture
def fcon(con):
    fx.load(con)
    return con


def _run(con, scope, filters, as_of, mode):
    run = kpi.runner(con, scope)
    return complaints.breakdowns(run, filters, GOALS, as_of=as_of, sla_as_of=as_of, hot_spots=mode)


@pytest.mark.parametrize("filters, scope, as_of", CASES)
def test_the_first_paint_and_an_opened_tab_give_the_whole_figure_set(fcon, filters, scope, as_of):
    whole = _run(fcon, scope, filters, as_of, "with")
    first = _run(fcon, scope, filters, as_of, "without")
    only = _run(fcon, scope, filters, as_of, "only")
    # the first paint: every row but the hot spots', the same values and types; the tab: those rows alone
    kept = whole[~whole["dimension"].isin(HOT)].reset_index(drop=True)
    empty = [
        c for c in first.columns if first[c].isna().all()
    ]  # the hot spots' keys ('channel', ...): all null
    assert kept[empty].isna().all().all()
    pd.testing.assert_frame_equal(first.drop(columns=empty), kept.drop(columns=empty))
    assert set(only["dimension"]) == set(whole["dimension"]) & HOT
    hot_rows = whole[whole["dimension"].isin(HOT)].reset_index(drop=True)
    empty = [c for c in only.columns if only[c].isna().all()]  # the other rows' keys ('agent_code', ...)
    assert hot_rows[empty].isna().all().all()
    pd.testing.assert_frame_equal(only.drop(columns=empty), hot_rows.drop(columns=empty), check_dtype=False)
    # the overview's week with its alerts: every row but the channel mix's, the same values and types (but the
    # channel column's, null in every row of both: a text type where the whole result held a channel)
    breaches = _run(fcon, scope, filters, as_of, "breaches")
    assert "channel" not in set(breaches["dimension"])
    kept = whole[whole["dimension"] != "channel"].reset_index(drop=True)
    assert breaches["channel"].isna().all() and kept["channel"].isna().all()
    pd.testing.assert_frame_equal(breaches.drop(columns="channel"), kept.drop(columns="channel"))
    if scope is SUMMARY_CASES[0][1] and filters is fx.CURRENT:
        assert {"channel", "category_store", "source_category"} <= set(whole["dimension"])  # rows to compare
    # the figure sets: the page's first paint and its hot spots read when a tab opens are the whole set's
    run = kpi.runner(fcon, scope)
    figs = complaints.figures(run, filters, GOALS, as_of=as_of)
    paint = complaints.figures(run, filters, GOALS, as_of=as_of, hot_spots=False)
    assert paint.channels is paint.category_store is paint.source_categories is None
    hot = complaints.hot_spots(run, filters, GOALS, as_of=paint.as_of, sla_as_of=paint.sla_as_of)
    # the same values; the same types where the whole result's other rows leave a null in every count column (a
    # type the whole result gave by what its other rows hold: frames.frame), as in a period with data chain-wide
    typical = scope is SUMMARY_CASES[0][1] and filters is fx.CURRENT
    for name in ("channels", "category_store", "source_categories"):
        pd.testing.assert_frame_equal(getattr(hot, name), getattr(figs, name), check_dtype=typical)
    with_hot = replace(paint, channels=hot.channels, category_store=hot.category_store)
    with_hot = replace(with_hot, source_categories=hot.source_categories)
    for name in ("trend", "backlog", "categories", "stores", "agents"):
        pd.testing.assert_frame_equal(getattr(with_hot, name), getattr(figs, name))
    assert (with_hot.summary, with_hot.previous, with_hot.tiles) == (figs.summary, figs.previous, figs.tiles)


def test_an_unknown_hot_spots_mode_is_refused(fcon):
    # the query reads any other text as 'with' ($hot_spots <> 'without' ...): a typo would compute every row
    with pytest.raises(ValueError, match="hot_spots"):
        _run(fcon, SUMMARY_CASES[0][1], fx.CURRENT, fx.AS_OF, "breach")


def test_the_tabs_counts_are_cast_column_by_column_to_the_whole_results_types(fcon, monkeypatch):
    # issue 14: the 'only' result's columns picked, then a frame's astype, cost ~1.8 ms a tab at bench scale 1;
    # each count column cast alone gives the same frames: counts as pandas' nullable Int64 (frames.frame's type
    # for them in the whole result), the other columns as they were
    run = kpi.runner(fcon, SUMMARY_CASES[0][1])
    paint = complaints.figures(run, fx.CURRENT, GOALS, as_of=fx.AS_OF, hot_spots=False)
    only = _run(fcon, SUMMARY_CASES[0][1], fx.CURRENT, paint.sla_as_of, "only")[HOT_SPOT_COLUMNS]
    counts = [c for c, kind in only.dtypes.items() if kind == "int64"]
    assert "complaint_count" in counts
    expected = only.astype(dict.fromkeys(counts, "Int64"))

    def refused(*args, **kwargs):
        raise AssertionError("the hot spots' counts are cast column by column (issue 14)")

    monkeypatch.setattr(pd.DataFrame, "astype", refused)
    monkeypatch.setattr(FIGURES, "_hot_spots_of", lambda bd: bd)
    got = complaints.hot_spots(run, fx.CURRENT, GOALS, as_of=paint.as_of, sla_as_of=paint.sla_as_of)
    monkeypatch.undo()
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
