"""A figure set's statements read one snapshot (``ui.figure_set``): an import committed between two of them is
seen by neither, so a page's current and previous periods are never read from different sides of it.

Before the fix each statement of a figure set ran in auto-commit on a cursor of its own: the Complaints figures
read the current period before an import committed and the previous period after it ("MIX: current period
reflects 4.0 imports, previous period 5.0", 5 of 29 reads while imports ran). Here the race is made without
threads: another cursor of the same database commits a batch between the set's two statements. Fixture:
tests/fixtures.py (no batch)."""

from __future__ import annotations

import contextlib
from types import SimpleNamespace

import pytest

from portal import db
from portal.auth import User
from portal.scope import Scope
from portal.ui import core as ui_core

ADMIN = User("t_admin", "Admin", ("admin",), Scope.everything())
BETWEEN: list = []  # what runs between the figure set's two statements (a build's arguments are hashed)


def two_reads(run) -> tuple[int, int]:
    first = run("import_batches", {"username": "t_admin", "is_admin": True})
    for write in BETWEEN:
        write()
    second = run("import_batches", {"username": "someone else", "is_admin": True})
    return len(first), len(second)


def test_an_import_committed_between_two_statements_of_a_figure_set_is_seen_by_neither(con, monkeypatch):
    shared = db.SharedConnection(con)
    monkeypatch.setattr(ui_core, "connection", lambda: shared)
    monkeypatch.setattr(ui_core, "current_user", lambda: ADMIN)
    monkeypatch.setattr(ui_core, "lang", lambda: "en")
    monkeypatch.setattr(ui_core, "st", SimpleNamespace(spinner=lambda text: contextlib.nullcontext()))
    ui_core.clear_caches()
    other = con.cursor()  # another session's import, committed by its own transaction
    BETWEEN[:] = [lambda: other.execute("insert into import_batches (kind) values ('surveys')")]
    try:
        assert ui_core.figure_set(two_reads) == (0, 0)
        BETWEEN.clear()
        # the next build reads the data version anew: the committed batch, in both statements
        assert ui_core.figure_set(two_reads) == (1, 1)
    finally:
        BETWEEN.clear()
        ui_core.clear_caches()


class Rerun(Exception):
    pass


def one_read(run, *_other) -> int:
    return len(run("import_batches", {"username": "t_admin", "is_admin": True}))


def test_a_section_reads_its_figures_at_the_pages_data_version_or_the_page_is_drawn_anew(con, monkeypatch):
    """The Complaints page's hot-spot tabs (a section, rerun alone) read their figure set when one is opened: after
    an import it read the newer data beside tiles of the older (``at_version``: the page's version)."""
    shared = db.SharedConnection(con)
    reruns: list = []

    def rerun(scope):
        reruns.append(scope)
        raise Rerun

    monkeypatch.setattr(ui_core, "connection", lambda: shared)
    monkeypatch.setattr(ui_core, "current_user", lambda: ADMIN)
    monkeypatch.setattr(ui_core, "lang", lambda: "en")
    st = SimpleNamespace(spinner=lambda text: contextlib.nullcontext(), rerun=rerun)
    monkeypatch.setattr(ui_core, "st", st)
    ui_core.clear_caches()
    try:
        page, version = ui_core.figure_set_versioned(one_read)  # the page's figure set: no batch yet
        assert page == 0
        assert ui_core.figure_set(one_read, "tab", at_version=version) == 0  # a tab opened at once
        con.cursor().execute(
            "insert into import_batches (kind) values ('surveys')"
        )  # another session's import
        # the section's own rerun: the tab opened before, at the page's version (cached), not the newer data
        assert ui_core.figure_set(one_read, "tab", at_version=version) == 0
        assert not reruns
        # another tab, first opened now: not built on the newer data beside the page's, the page drawn anew
        with pytest.raises(Rerun):
            ui_core.figure_set(one_read, "other tab", at_version=version)
        assert reruns == ["app"]
        # the page's next run: the newer data, its version given to its sections
        page, newer = ui_core.figure_set_versioned(one_read)
        assert page == 1 and newer != version
        assert ui_core.figure_set(one_read, "other tab", at_version=newer) == 1
    finally:
        ui_core.clear_caches()
