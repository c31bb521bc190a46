"""The UI's cache keys (issue 14): one digest of a cached call's arguments, and the data version read once a run."""

from dataclasses import replace
from datetime import date, datetime
from types import SimpleNamespace

from portal.filters import Filters
from portal.scope import Scope
from portal.ui import core


def test_cache_key_tells_every_argument_apart():
    f = Filters(start=date(2026, 9, 1), end=date(2026, 11, 29), timezone="Asia/Shanghai")
    base = core.cache_key(
        "complaint_summary", {"as_of": datetime(2026, 11, 30, 8)}, Scope.everything(), (3, 0), f
    )
    assert base == core.cache_key(
        "complaint_summary", {"as_of": datetime(2026, 11, 30, 8)}, Scope.everything(), (3, 0), f
    )
    others = {
        core.cache_key(
            "complaint_breakdowns", {"as_of": datetime(2026, 11, 30, 8)}, Scope.everything(), (3, 0), f
        ),
        core.cache_key(
            "complaint_summary", {"as_of": datetime(2026, 11, 30, 9)}, Scope.everything(), (3, 0), f
        ),
        core.cache_key(
            "complaint_summary", {"as_of": datetime(2026, 11, 30, 8)}, Scope.everything(), (4, 0), f
        ),
        core.cache_key(
            "complaint_summary", {"as_of": datetime(2026, 11, 30, 8)}, Scope.everything(), (3, 1), f
        ),
        core.cache_key(
            "complaint_summary",
            {"as_of": datetime(2026, 11, 30, 8)},
            Scope.everything(),
            (3, 0),
            replace(f, store_ids=(7,)),
        ),
        core.cache_key(
            "complaint_summary",
            {"as_of": datetime(2026, 11, 30, 8)},
            Scope.everything(),
            (3, 0),
            replace(f, timezone="UTC"),
        ),
    }
    assert base not in others and len(others) == 6


def test_data_version_is_read_once_a_run_and_again_after_an_import(monkeypatch):
    reads: list[int] = []
    version = [(5, 0)]

    class Cursor:
        def execute(self, sql, params=None):
            reads.append(1)
            return self

        def fetchone(self):
            return version[0]

        def close(self):
            pass

    monkeypatch.setattr(core, "connection", lambda: SimpleNamespace(cursor=Cursor))
    ctx = SimpleNamespace(cursors={})
    monkeypatch.setattr(core, "get_script_run_ctx", lambda suppress_warning=False: ctx)
    writes_done = [0]
    monkeypatch.setattr(core.writes, "data_writes", lambda: writes_done[0])
    monkeypatch.setattr(core.writes, "workflow_writes", lambda: 0)
    assert core.data_version() == (5, 0, 0) and core.data_version() == (5, 0, 0)
    assert len(reads) == 1  # once in the run
    version[0] = (6, 0)
    writes_done[0] = 1  # this process committed an import in the run: read anew
    assert core.data_version() == (6, 0, 0) and len(reads) == 2
    ctx.cursors = {}  # the next run
    version[0] = (6, 1)
    assert core.data_version() == (6, 1, 0) and len(reads) == 3
    monkeypatch.setattr(core, "get_script_run_ctx", lambda suppress_warning=False: None)
    assert (
        core.data_version() == (6, 1, 0) and core.data_version() == (6, 1, 0) and len(reads) == 5
    )  # no run: always read


def test_a_workflow_step_moves_the_data_version(con, monkeypatch):
    # a decided dispute stayed "open" on the scorecards (cached until the next import): the QA workflow's and
    # the corrective actions' steps move the version the cached figures are keyed by
    from portal import writes
    from tests import qa_fixture as fx

    fx.load_qa_reviews(con)
    monkeypatch.setattr(core, "connection", lambda: con)
    monkeypatch.setattr(core, "get_script_run_ctx", lambda suppress_warning=False: None)
    before = core.data_version()
    dispute = writes.raise_qa_dispute(con, fx.AGENT_ONE, 1, "Not my call")
    raised = core.data_version()
    assert raised != before
    writes.decide_qa_dispute(con, fx.LEAD_ONE, dispute, "remove")
    assert core.data_version() != raised
    writes.audit_event(con, "someone", "login")  # a sign-in leaves the cached figures alone
    decided = core.data_version()
    writes.audit_event(con, "someone", "logout")
    assert core.data_version() == decided
