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
