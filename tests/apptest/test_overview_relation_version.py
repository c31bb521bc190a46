"""The overview's store relation (5S against complaints and satisfaction, drawn on demand) over the 5S page's
fixture database, which holds inspections in the overview's twelve weeks (the overview fixture holds none)."""

from __future__ import annotations

import pytest

from tests.apptest.conftest import page_opener
from tests.apptest.test_fives_pages import build_db

pytestmark = pytest.mark.usefixtures("fresh_query_cache")


def spy_on_versions(
    monkeypatch, after_first_figures=None
) -> tuple[list[tuple], list[tuple[str, tuple | None]]]:
    """Spies on the overview's figures and on ui's versioned reads: (the data version each run's overview figures
    are cached under, (what was built, at which version) for each versioned read). ``after_first_figures`` is
    called once, after the first figures were built."""
    from portal import ui_overview
    from portal.ui import core

    keyed: list[tuple] = []
    asked: list[tuple[str, tuple | None]] = []
    real_figures, real_versioned = ui_overview._figures, core._versioned

    def figures_spy(win, scope, areas, version, *rest):
        keyed.append(version)
        built = real_figures(win, scope, areas, version, *rest)
        if len(keyed) == 1 and after_first_figures is not None:
            after_first_figures()
        return built

    def versioned_spy(build, args, kwargs, at_version):
        if build.__name__ != "store_names":  # (the stores' names, read at the data version of the moment)
            asked.append((build.__name__, at_version))
        return real_versioned(build, args, kwargs, at_version)

    monkeypatch.setattr(ui_overview, "_figures", figures_spy)
    monkeypatch.setattr(core, "_versioned", versioned_spy)
    return keyed, asked


def test_the_store_relation_reads_at_the_overviews_data_version(tmp_path, monkeypatch):
    # issue 14: the relation chart reads its figures at the data version the overview's figures above it were read
    # at (ui.figure_set's at_version), not at whatever the data is by then
    # keyed: the data version each run's overview figures are cached under
    keyed, asked = spy_on_versions(monkeypatch)
    at = page_opener(build_db(tmp_path / "portal.duckdb"), monkeypatch)("admin", path=None)
    assert not asked  # drawn on demand
    at.toggle(key="overview_relation_show").set_value(True).run()
    assert not at.exception, [e.value for e in at.exception]
    assert keyed and asked == [("store_relation", keyed[-1])]


def test_the_store_relation_keeps_the_tiles_version_when_a_write_lands_between(tmp_path, monkeypatch):
    # a reviewer's probe: another session of the same server writes (an import, a workflow step) after the
    # overview's figures were read and before the relation is drawn; the page read ui.data_version() a second
    # time for the relation, so it was drawn at the new version over tiles of the old one
    from portal import writes

    # once: the other session's write, counted by this process
    keyed, asked = spy_on_versions(monkeypatch, after_first_figures=writes.imports.note_data_write)
    at = page_opener(build_db(tmp_path / "portal.duckdb"), monkeypatch)("admin", path=None)
    keyed.clear()
    at.toggle(key="overview_relation_show").set_value(True).run()
    assert not at.exception, [e.value for e in at.exception]
    assert keyed and asked and asked[0] == ("store_relation", keyed[0])
