"""Complaint imports over time: re-import updates and keeps history, the same file is recognised, undo
restores exactly, master data added and removed, scope and roles, audit rows."""

from __future__ import annotations

import json
from datetime import datetime

import pandas as pd
import pytest

from portal import writes
from portal.auth import User
from portal.i18n import listed, t
from portal.ingest import batches, pipeline, registry
from portal.scope import Scope
from tests.test_ingest_corpus import fingerprint

NOW = datetime(2026, 6, 1)
KIND = registry.kind("complaints")
ADMIN = User("t_admin", "Test Admin", ("admin",), Scope.everything())
MANAGER = User("t_manager", "Test Manager", ("manager",), Scope(store_ids=(1, 2), all_agents=True))
OTHER_MANAGER = User("t_manager2", "Other Manager", ("manager",), Scope(store_ids=(1, 2), all_agents=True))
HEADER = "source_id,received_at,channel,store_code,agent_code,first_response_at,resolved_at"
DATA_TABLES = ("complaints", "complaint_status_history", "stores", "agents")


def csv(*rows: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode()


def do_import(con, data: bytes, user: User = ADMIN, name: str = "export.csv", **kw):
    return pipeline.import_bytes(con, KIND, data, name, None, pipeline.ImportOptions(now=NOW, **kw), user)


def data_fingerprint(con):
    return {k: v for k, v in fingerprint(con).items() if k in DATA_TABLES}


def history(con, source_id: str) -> list[tuple]:
    return con.execute(
        "select h.status, h.changed_at, h.batch_id from complaint_status_history h "
        "join complaints c using (complaint_id) where c.source_id = ? order by h.changed_at, h.batch_id",
        [source_id],
    ).fetchall()


V1 = csv("C-1,2026-03-01 09:30,hotline,S001,A001,,", "C-2,2026-03-01 10:00,online,S002,A002,,")
V2 = csv(
    "C-1,2026-03-01 09:30,hotline,S001,A001,2026-03-01 10:00,", "C-2,2026-03-01 10:00,online,S002,A002,,"
)
V3 = csv(
    "C-1,2026-03-01 09:30,hotline,S001,A001,2026-03-01 10:00,2026-03-02 09:00",
    "C-2,2026-03-01 10:00,online,S002,A002,,",
    "C-3,2026-03-03 08:00,app,S003,A003,,",
)


def test_reimport_updates_status_and_keeps_every_change(con):
    _, b1 = do_import(con, V1)
    _, b2 = do_import(con, V2)
    _, b3 = do_import(con, V3)
    assert (b1.rows_added, b1.rows_updated) == (2, 0)
    assert (b2.rows_added, b2.rows_updated, b2.rows_unchanged) == (0, 1, 1)  # C-1 answered, C-2 same
    assert (b3.rows_added, b3.rows_updated, b3.rows_unchanged) == (1, 1, 1)  # C-3 new, C-1 resolved
    assert con.execute("select count(*) from complaints").fetchone()[0] == 3  # no duplicates
    # open at received (09:30 +08:00), responded at first response (10:00 +08:00), resolved at 09:00 +08:00
    assert history(con, "C-1") == [
        ("open", datetime(2026, 3, 1, 1, 30), b1.batch_id),
        ("responded", datetime(2026, 3, 1, 2, 0), b2.batch_id),
        ("resolved", datetime(2026, 3, 2, 1, 0), b3.batch_id),
    ]
    assert history(con, "C-2") == [("open", datetime(2026, 3, 1, 2, 0), b1.batch_id)]
    row = con.execute(
        "select status, updated_batch_id, batch_id from complaints where source_id = 'C-1'"
    ).fetchone()
    assert row == ("resolved", b3.batch_id, b1.batch_id)


def test_identical_file_is_recognised_by_its_hash(con):
    _, first = do_import(con, V1)
    before = fingerprint(con)
    raw = pipeline.read_upload(V1, "again.csv")
    prepared = pipeline.prepare(con, KIND, raw, None, pipeline.ImportOptions(now=NOW), ADMIN)
    assert prepared.duplicate_of["batch_id"] == first.batch_id
    with pytest.raises(pipeline.NothingWritten) as caught:
        pipeline.commit(con, prepared, ADMIN)
    assert caught.value.reason == "ingest.refused.same_file"
    assert f"batch {first.batch_id}" in str(caught.value)
    assert fingerprint(con) == before
    batches.undo_batch(con, first.batch_id, ADMIN)
    _, again = do_import(con, V1)  # once undone, the same file imports again
    assert again.rows_added == 2


def test_same_file_refusal_shows_the_time_in_the_reporting_zone(con):
    """Issue 10: "already imported … UTC" showed UTC. The fixture's stores are all in Asia/Shanghai (the
    reporting zone when none is set): a batch stored at 01:30 UTC was imported at 09:30 Beijing time."""
    from portal import settings
    from portal.i18n import t
    from portal.ingest import preview

    _, first = do_import(con, V1)
    con.execute(
        "update import_batches set created_at = '2026-03-01 01:30' where batch_id = ?", [first.batch_id]
    )
    assert settings.report_timezone(con) == "Asia/Shanghai"
    raw = pipeline.read_upload(V1, "again.csv")
    prepared = pipeline.prepare(con, KIND, raw, None, pipeline.ImportOptions(now=NOW), ADMIN)
    ((reason, values),) = [b for b in preview.commit_blockers(prepared, ADMIN) if b[0].endswith("same_file")]
    en, zh = t(reason, "en", **values), t(reason, "zh", **values)
    assert "on 2026-03-01 09:30 (Beijing time)" in en and "UTC" not in en
    assert "于北京时间 2026-03-01 09:30 作为批次" in zh and "UTC" not in zh
    with pytest.raises(pipeline.NothingWritten) as caught:
        pipeline.commit(con, prepared, ADMIN)
    assert "2026-03-01 09:30 (Beijing time)" in str(caught.value)


def test_undo_restores_the_state_before_the_batch_exactly(con):
    do_import(con, V1)
    do_import(con, V2)
    before = data_fingerprint(con)
    snapshot = con.execute("select * from complaints order by complaint_id").df()
    _, b3 = do_import(con, V3)
    assert data_fingerprint(con) != before
    batches.undo_batch(con, b3.batch_id, ADMIN)
    assert data_fingerprint(con) == before
    pd.testing.assert_frame_equal(
        con.execute("select * from complaints order by complaint_id").df(), snapshot
    )
    assert (
        con.execute("select count(*) from batch_row_snapshots where batch_id = ?", [b3.batch_id]).fetchone()[
            0
        ]
        == 0
    )
    status = con.execute(
        "select status, undone_by from import_batches where batch_id = ?", [b3.batch_id]
    ).fetchone()
    assert status == ("undone", "t_admin")


def test_undo_waits_for_later_batches_on_the_same_rows(con):
    _, b1 = do_import(con, V1)
    _, b2 = do_import(con, V2)
    with pytest.raises(batches.UndoRefused) as caught:
        batches.undo_batch(con, b1.batch_id, ADMIN)
    assert caught.value.reason == "ingest.undo.blocked" and caught.value.values == {
        "batches": listed([b2.batch_id])
    }
    batches.undo_batch(con, b2.batch_id, ADMIN)
    batches.undo_batch(con, b1.batch_id, ADMIN)
    assert con.execute("select count(*) from complaints").fetchone()[0] == 0
    assert con.execute("select count(*) from complaint_status_history").fetchone()[0] == 0
    with pytest.raises(batches.UndoRefused) as again:
        batches.undo_batch(con, b1.batch_id, ADMIN)
    assert again.value.reason == "ingest.undo.already_undone"


def test_undo_waits_for_a_later_batch_that_holds_the_same_rows_unchanged(con):
    # a helper's probe (session 54): batch 2's file held C-1 and C-2 unchanged (no before-image); undoing batch 1
    # deleted them from under it, and batch 2's file could not be imported again ("already imported as batch 2")
    _, b1 = do_import(con, V1)
    _, b2 = do_import(con, csv("C-1,2026-03-01 09:30,hotline,S001,A001,,", "C-2,2026-03-01 10:00,online,S002,A002,,",
                               "C-9,2026-03-02 09:30,hotline,S001,A001,,"))  # fmt: skip
    assert (b2.rows_added, b2.rows_unchanged) == (1, 2)
    with pytest.raises(batches.UndoRefused) as caught:
        batches.undo_batch(con, b1.batch_id, ADMIN)
    assert caught.value.reason == "ingest.undo.blocked" and caught.value.values == {
        "batches": listed([b2.batch_id])
    }
    assert con.execute("select count(*) from complaints").fetchone()[0] == 3  # nothing lost
    # undoing batch 2 first takes only its own row (the held ones stay as they were), then batch 1 goes
    fingerprint = con.execute("select * from complaints where source_id <> 'C-9' order by 1").fetchall()
    batches.undo_batch(con, b2.batch_id, ADMIN)
    assert con.execute("select * from complaints order by 1").fetchall() == fingerprint
    batches.undo_batch(con, b1.batch_id, ADMIN)
    assert con.execute("select count(*) from complaints").fetchone()[0] == 0


def test_only_an_admin_undoes_someone_elses_batch(con):
    _, mine = do_import(con, V1, user=MANAGER)
    batch = batches.get_batch(con, mine.batch_id)
    assert batches.can_undo(MANAGER, batch) and batches.can_undo(ADMIN, batch)
    assert not batches.can_undo(OTHER_MANAGER, batch)
    with pytest.raises(batches.UndoRefused) as caught:
        batches.undo_batch(con, mine.batch_id, OTHER_MANAGER)
    assert caught.value.reason == "ingest.undo.not_yours"
    batches.undo_batch(con, mine.batch_id, MANAGER)
    assert batches.get_batch(con, mine.batch_id)["status"] == "undone"


def test_unknown_codes_added_to_master_data_and_removed_by_undo(con):
    data = csv("N-1,2026-03-01 09:30,hotline,S777,A888,,", "N-2,2026-03-01 09:40,hotline,S001,A888,,")
    before = data_fingerprint(con)
    # a chain-wide user: a region manager may not add stores (tests/test_ingest_scope_writes.py)
    prepared, result = do_import(con, data, user=ADMIN, add_missing=True)
    assert prepared.unknown_codes == {"store_code": ["S777"], "agent_code": ["A888"]}
    assert result.master_added == {"store_code": ["S777"], "agent_code": ["A888"]}
    store = con.execute(
        "select store_id, name, region_id, created_batch_id from stores where store_code = 'S777'"
    ).fetchone()
    assert store[1:] == ("S777", None, result.batch_id)
    n1 = con.execute(
        "select store_id, region_id, agent_id from complaints where source_id = 'N-1'"
    ).fetchone()
    assert n1[0] == store[0] and n1[1] is None and n1[2] is not None
    batches.undo_batch(con, result.batch_id, ADMIN)
    assert data_fingerprint(con) == before


def test_undo_keeps_a_store_it_added_while_a_users_scope_names_it(con, monkeypatch):
    """An undo swept the store S099 its "add unknown codes" had added although inspector insp99's scope named it
    (users.scope_store_ids: a list, no foreign key): insp99 kept scope [3], the Users page showed a raw id, the
    inspector saw "Your scope: 0 stores". The store stays, as an agent linked to an agent user does."""
    from portal import users

    monkeypatch.setenv("PORTAL_BCRYPT_ROUNDS", "4")
    _, result = do_import(con, csv("N-1,2026-03-01 09:30,hotline,S777,A001,,"), add_missing=True)
    store_id = con.execute("select store_id from stores where store_code = 'S777'").fetchone()[0]
    users.create_user(
        con, username="insp99", display_name="New Store Insp", password="Good-pass-2026x", roles=["inspector"],
        scope_store_ids=[store_id],
    )  # fmt: skip
    batches.undo_batch(con, result.batch_id, ADMIN)
    assert con.execute("select count(*) from complaints where source_id = 'N-1'").fetchone() == (0,)
    assert con.execute("select store_id from stores where store_code = 'S777'").fetchone() == (store_id,)
    assert users.load_user(con, "insp99").scope == Scope(store_ids=(store_id,))
    # once no scope names it, the next sweep removes it as any store of an undone batch
    users.update_user(con, "insp99", changed_by="t_admin", scope_store_ids=[1])
    writes.sweep_master_data(con)
    assert con.execute("select count(*) from stores where store_code = 'S777'").fetchone() == (0,)


def test_new_store_takes_its_chinese_name_from_the_file(con):
    """Issue 10: a store the import adds takes the file's optional Chinese name column (first non-blank value of
    its rows); a store the file names nowhere has none, and the screen falls back to its name (the code)."""
    header = "source_id,received_at,channel,store_code,门店中文名称,agent_code"
    data = csv(
        "Z-1,2026-03-01 09:30,hotline,S777,,A001",  # blank first: the next row's name counts
        "Z-2,2026-03-01 09:40,hotline,S777,上海徐汇滨江店,A001",
        "Z-3,2026-03-01 09:50,hotline,S778,,A001",  # never named: no Chinese name
        "Z-4,2026-03-01 09:55,hotline,S001,别的名字,A001",  # a known store keeps its master name
        header=header,
    )
    _, result = do_import(con, data, user=ADMIN, add_missing=True)
    assert result.master_added == {"store_code": ["S777", "S778"]}
    rows = con.execute(
        "select store_code, name, name_zh, store_label(name, name_zh, 'zh'), store_label(name, name_zh, 'en') "
        "from stores where store_code in ('S001', 'S777', 'S778') order by store_code"
    ).fetchall()
    s001 = con.execute("select name, name_zh from stores where store_code = 'S001'").fetchone()
    assert rows[0][1:3] == s001 and s001[1] != "别的名字"
    assert rows[1] == ("S777", "S777", "上海徐汇滨江店", "上海徐汇滨江店", "S777")
    assert rows[2] == ("S778", "S778", None, "S778", "S778")


def test_without_add_missing_unknown_codes_are_invalid(con):
    data = csv("N-1,2026-03-01 09:30,hotline,S777,A001,,")
    with pytest.raises(pipeline.NothingWritten):
        do_import(con, data)
    assert con.execute("select count(*) from stores where store_code = 'S777'").fetchone()[0] == 0


def test_numeric_codes_that_lost_leading_zeros(con):
    con.execute("insert into stores (store_code, name, region_id) values ('0042', 'Store 42', 2)")
    prepared, _ = do_import(con, csv("Z-1,2026-03-01 09:30,hotline,42,A001,,"))
    assert (
        "ingest.notice.codes_repaired",
        {"column": "store_code", "pairs": listed(["42 → 0042"])},
    ) in prepared.notices
    assert con.execute(
        "select s.store_code, c.region_id from complaints c join stores s using (store_id)"
    ).fetchone() == ("0042", 2)


def test_scope_limits_what_a_manager_may_import(con):
    do_import(con, csv("K-3,2026-03-01 09:30,hotline,S003,A003,,"))  # an admin files K-3 under S003
    data = csv(
        "K-1,2026-03-01 09:30,hotline,S001,A001,,",  # row 2: in scope
        "K-2,2026-03-01 09:30,hotline,S003,A003,,",  # row 3: S003 is outside stores 1, 2
        "K-4,2026-03-01 09:30,online,,A001,,",  # row 4: no store needs chain-wide scope
        "K-3,2026-03-02 09:30,hotline,S001,A001,,",
    )  # row 5: K-3 already belongs to S003
    raw = pipeline.read_upload(data, "m.csv")
    prepared = pipeline.prepare(con, KIND, raw, None, pipeline.ImportOptions(now=NOW), MANAGER)
    assert {(r.row, r.column, r.reason) for r in prepared.errors.itertuples()} == {
        (3, "store_code", "ingest.error.store_out_of_scope"),
        (4, "store_code", "ingest.error.no_store_out_of_scope"),
        (5, "source_id", "ingest.error.key_out_of_scope"),
    }
    assert prepared.n_valid == 1
    # said of a row, as for every kind that checks it (a survey's read "A complaint without a store ...")
    shown = prepared.error_messages("en").set_index("row")["reason"]
    assert shown[4] == "A row without a store can only be imported by a user who sees the whole chain."


def test_a_role_without_the_kind_may_not_commit(con):
    inspector = User("t_inspector", "Inspector", ("inspector",), Scope(store_ids=(1,)))
    with pytest.raises(pipeline.NothingWritten) as caught:
        do_import(con, V1, user=inspector)
    assert caught.value.reason == "ingest.refused.role"
    assert KIND not in registry.kinds_for(("inspector",)) and KIND not in registry.kinds_for(("team_lead",))
    assert KIND in registry.kinds_for(("manager",)) and KIND in registry.kinds_for(("admin",))


def test_fields_the_file_does_not_carry_keep_their_stored_values(con):
    do_import(con, csv("C-1,2026-03-01 09:30,hotline,S001,A001,2026-03-01 10:00,"))
    # a later export of the same ticket without store, agent and response columns: only the resolution changes
    _, b2 = do_import(
        con,
        csv(
            "C-1,2026-03-01 09:30,hotline,2026-03-02 09:00",
            header="source_id,received_at,channel,resolved_at",
        ),
    )
    assert b2.rows_updated == 1
    row = con.execute(
        "select store_id, agent_id, first_response_at, resolved_at, status from complaints"
    ).fetchone()
    assert row == (1, 1, datetime(2026, 3, 1, 2, 0), datetime(2026, 3, 2, 1, 0), "resolved")


def test_reopened_counts_and_the_region_a_complaint_was_filed_under(con):
    do_import(con, csv("R-1,2026-03-01 09:30,hotline,S001,A001,2026-03-01 10:00,2026-03-02 09:00"))
    # R-1 was filed while S001 belonged to R2 (DuckDB's foreign keys keep us from moving S001 itself here)
    con.execute("update complaints set region_id = 2 where source_id = 'R-1'")
    _, b2 = do_import(
        con,
        csv(
            "R-1,2026-03-01 09:30,hotline,S001,A001,2026-03-01 10:00,2026-03-02 09:00,reopened",
            "R-2,2026-03-04 09:30,hotline,S001,A001,,,",
            header=HEADER + ",status",
        ),
    )
    r1 = con.execute(
        "select status, reopen_count, region_id from complaints where source_id = 'R-1'"
    ).fetchone()
    assert r1 == ("reopened", 1, 2)  # resolved -> reopened adds one; still filed under R2
    assert con.execute("select region_id from complaints where source_id = 'R-2'").fetchone() == (
        1,
    )  # S001 now
    changed_at = con.execute(
        "select created_at from import_batches where batch_id = ?", [b2.batch_id]
    ).fetchone()[0]
    assert history(con, "R-1")[-1] == ("reopened", changed_at, b2.batch_id)  # no stamp: the batch's time


def test_each_commit_and_undo_is_audited(con):
    _, b1 = do_import(con, V1, user=MANAGER, name="tickets.csv")
    batches.undo_batch(con, b1.batch_id, ADMIN)
    rows = con.execute("select username, action, target, details from audit_log order by audit_id").fetchall()
    assert [(u, a, t) for u, a, t, _ in rows] == [
        ("t_manager", "upload", f"batch:{b1.batch_id}"),
        ("t_admin", "undo", f"batch:{b1.batch_id}"),
    ]
    details = json.loads(rows[0][3])
    assert (details["file_name"], details["rows_added"], details["rows_skipped"]) == ("tickets.csv", 2, 0)
    batch = batches.get_batch(con, b1.batch_id)
    assert (batch["created_by"], batch["file_name"], batch["rows_in_file"], batch["rows_added"]) == (
        "t_manager",
        "tickets.csv",
        2,
        2,
    )
    assert batch["file_hash"] == pipeline.read_upload(V1, "x.csv").file_hash


def test_history_query_shows_admins_everything_and_others_their_own(con):
    from portal import db

    do_import(con, V1, user=MANAGER)
    do_import(con, V2, user=ADMIN)

    def visible(user):
        df = db.run_query(con, "import_batches", batches.history_params(user), user.scope)
        return sorted(df["created_by"])

    assert visible(ADMIN) == ["t_admin", "t_manager"]
    assert visible(MANAGER) == ["t_manager"]
    assert visible(OTHER_MANAGER) == []
    # the admin role without chain-wide scope does not see other people's batches
    assert visible(User("t_admin", "A", ("admin",), Scope.nothing())) == ["t_admin"]


def test_undo_restores_a_changed_store_agent_and_region(con):
    do_import(con, V1)
    before = data_fingerprint(con)
    # C-1 moves from S001 (R1) / A001 to S003 (R2) / A003; C-2 unchanged
    _, moved = do_import(
        con, csv("C-1,2026-03-01 09:30,hotline,S003,A003,,", "C-2,2026-03-01 10:00,online,S002,A002,,")
    )
    assert (moved.rows_updated, moved.rows_unchanged) == (1, 1)
    assert con.execute(
        "select store_id, region_id, agent_id from complaints where source_id = 'C-1'"
    ).fetchone() == (3, 2, 3)
    batches.undo_batch(con, moved.batch_id, ADMIN)
    assert con.execute(
        "select store_id, region_id, agent_id from complaints where source_id = 'C-1'"
    ).fetchone() == (1, 1, 1)
    assert data_fingerprint(con) == before


def test_a_reimport_that_reopens_is_recorded_when_observed_after_the_close(con):
    # batch 1: K-1 received 2026-03-01 09:30 +08:00 (01:30 UTC) and closed 2026-03-02 18:00 +08:00 (10:00 UTC)
    header = "source_id,received_at,channel,store_code,closed_at,status"
    _, b1 = do_import(con, csv("K-1,2026-03-01 09:30,hotline,S001,2026-03-02 18:00,closed", header=header))
    # batch 2: the same complaint open again; the file's only stamp for "open" is the old received time
    # (01:30 UTC on 03-01, before the close): the change was observed at the import, so it lists after it
    _, b2 = do_import(con, csv("K-1,2026-03-01 09:30,hotline,S001,,open", header=header))
    batch2_at = con.execute(
        "select created_at from import_batches where batch_id = ?", [b2.batch_id]
    ).fetchone()[0]
    assert history(con, "K-1") == [
        ("closed", datetime(2026, 3, 2, 10, 0), b1.batch_id),  # a new complaint: its status at its stamp
        ("open", batch2_at, b2.batch_id),  # not 2026-03-01 01:30 (the received time)
    ]
    # batch 3: closed again, the file's close stamp 2026-03-05 18:00 +08:00 is older than the reopen observed
    # at batch 2: the close too is recorded at its import, so the history reads closed, open, closed
    _, b3 = do_import(con, csv("K-1,2026-03-01 09:30,hotline,S001,2026-03-05 18:00,closed", header=header))
    batch3_at = con.execute(
        "select created_at from import_batches where batch_id = ?", [b3.batch_id]
    ).fetchone()[0]
    assert [h[0] for h in history(con, "K-1")] == ["closed", "open", "closed"]
    assert history(con, "K-1")[-1] == ("closed", batch3_at, b3.batch_id)


def test_commit_and_undo_count_as_data_writes_of_the_process(con):
    """The UI reads the data version once a run unless this process committed or undid an import since
    (portal.ui.core.data_version, issue 14): both count."""
    from portal import writes

    before = writes.data_writes()
    _, result = do_import(con, csv("W-1,2026-05-01 09:00,phone,S001,,,"))
    assert writes.data_writes() == before + 1
    batches.undo_batch(con, result.batch_id, ADMIN)
    assert writes.data_writes() == before + 2


def test_an_inspector_is_offered_inspection_sheets_first_and_a_team_lead_qa_reviews():
    # the Upload page opens on the first kind: an inspector's work is 5S sheets (it opened on survey responses)
    assert registry.kinds_for(("inspector",))[0].name == "inspections"
    assert registry.kinds_for(("team_lead",))[0].name == "qa_reviews"
    every = [k.name for k in registry.kinds().values()]
    assert [k.name for k in registry.kinds_for(("admin",))] == every  # admins and managers: registry order
    assert [k.name for k in registry.kinds_for(("manager",))] == [
        k.name for k in registry.kinds().values() if k.may_upload({"manager"})
    ]
    assert sorted(k.name for k in registry.kinds_for(("inspector",))) == sorted(
        k.name for k in registry.kinds().values() if k.may_upload({"inspector"})
    )


def test_may_be_open_follows_the_status_through_insert_update_and_undo(con):
    """Migration 020's hint (the complaint figures skip the older complaints it marks as not open): written with
    the status by every import and restored by undo, so no open complaint is ever marked as not open."""
    header = "source_id,received_at,channel,store_code,closed_at,status"

    def flags():
        return dict(
            con.execute("select source_id, may_be_open from complaints order by source_id").fetchall()
        )

    _, b1 = do_import(
        con,
        csv(
            "K-1,2026-03-01 09:30,hotline,S001,2026-03-02 18:00,closed",
            "K-2,2026-03-01 10:00,hotline,S001,,open",
            header=header,
        ),
    )
    assert flags() == {"K-1": False, "K-2": True}  # inserted: closed / open
    _, b2 = do_import(
        con,
        csv(
            "K-1,2026-03-01 09:30,hotline,S001,,open",  # reopened
            "K-2,2026-03-01 10:00,hotline,S001,2026-03-03 18:00,closed",  # closed
            header=header,
        ),
    )
    assert flags() == {"K-1": True, "K-2": False}  # updated with the status
    batches.undo_batch(con, b2.batch_id, ADMIN)
    assert flags() == {"K-1": False, "K-2": True}  # restored with it
    # the invariant over every row: no complaint whose status is open is marked as not open
    assert (
        con.execute(
            "select count(*) from complaints where not coalesce(may_be_open, true) "
            "and status not in ('resolved', 'closed', 'cancelled')"
        ).fetchone()[0]
        == 0
    )


def test_a_full_width_ticket_id_is_the_same_ticket_as_its_plain_spelling(con):
    # session 31 probe: ＧＤ０００６ (typed with a Chinese input method) and a later export's GD0006 were stored as two
    # complaints, and Ｔ-５００ was not found a duplicate of T-500 inside one file
    _, first = do_import(con, csv("ＧＤ０００６,2026-03-01 09:30,hotline,S001,A001,,"))
    assert first.rows_added == 1
    _, again = do_import(
        con, csv("GD0006,2026-03-01 09:30,hotline,S001,A001,2026-03-01 10:00,"), name="b.csv"
    )
    assert (again.rows_added, again.rows_updated) == (0, 1)
    assert con.execute("select source_id from complaints").fetchall() == [("GD0006",)]
    raw = pipeline.read_upload(
        csv("T-500,2026-03-01 09:30,hotline,S001,,,", "Ｔ-５００,2026-03-01 09:30,hotline,S001,,,"), "c.csv"
    )
    prepared = pipeline.prepare(con, KIND, raw, None, pipeline.ImportOptions(now=NOW), ADMIN)
    assert prepared.n_invalid == 1
    assert prepared.errors[["row", "reason"]].values.tolist() == [[3, "ingest.error.duplicate"]]


def test_a_left_out_stamp_is_reported_with_its_row_and_ticket(con):
    # complaint probe: "Solved at: 1 stamps are missing a usable time" did not say which ticket it was
    raw = pipeline.read_upload(
        csv(
            "C-1,2026-03-01 09:30,hotline,S001,A001,2026-03-01 10:00,2026-03-01 08:00",
            "C-2,2026-03-01 10:00,online,S002,A002,,",
        ),
        "left.csv",
    )
    prepared = pipeline.prepare(con, KIND, raw, None, pipeline.ImportOptions(now=NOW), ADMIN)
    [values] = [v for k, v in prepared.notices if k == "ingest.notice.stamps_left_out"]
    assert values["n"] == 1 and values["rows"].en == "2 (C-1)"


def test_a_time_in_a_change_of_the_clock_is_said_in_the_preview(con):
    raw = pipeline.read_upload(csv("L-2,2024-03-31 01:30,hotline,S001,A001,,"), "london.csv")
    options = pipeline.ImportOptions(now=NOW, timezone="Europe/London")
    prepared = pipeline.prepare(con, KIND, raw, None, options, ADMIN)
    [values] = [v for k, v in prepared.notices if k == "ingest.notice.clock_change"]
    assert values["n"] == 1 and values["rows"].en == "2" and values["zone"] == "Europe/London"


def test_an_optional_rating_nobody_gave_reads_as_blank(con):
    # export probe: Udesk's 满意度评价 '未评价' (Zendesk's "Offered" / "Unoffered" too) refused the whole complaint
    # ("Neither a number on the scale 1–5 nor an answer word ..."); the satisfaction is optional (SPEC §2)
    data = csv(
        "C-1,2026-03-01 09:30,未评价",
        "C-2,2026-03-01 10:00,Offered",
        "C-3,2026-03-01 11:00,Unoffered",
        "C-4,2026-03-01 12:00,满意",
        "C-5,2026-03-01 13:00,很棒",
        header="source_id,received_at,post_resolution_csat",
    )
    prepared, _ = do_import(con, data, timezone="UTC", skip_invalid=True)
    assert prepared.errors[["row", "column"]].values.tolist() == [[6, "post_resolution_csat"]]
    assert ("ingest.notice.placeholders", {"n": 3}) in prepared.notices
    stored = con.execute(
        "select source_id, post_resolution_csat from complaints order by source_id"
    ).fetchall()
    assert stored == [("C-1", None), ("C-2", None), ("C-3", None), ("C-4", 4)]


def test_an_unused_column_of_store_codes_is_named_in_a_notice(con):
    # export probe: a column of store codes under a header no field names was only listed among the columns not
    # used, and every complaint was stored without a store
    data = csv(
        "C-1,2026-03-01 09:30,S001,Agent One",
        "C-2,2026-03-01 10:00,s002,A003",
        "C-3,2026-03-01 11:00,S001,nobody",
        header="source_id,received_at,Outlet ref,Handled by",
    )
    prepared, _ = do_import(con, data, timezone="UTC")
    assert prepared.mapping["store_code"] is None and prepared.mapping["agent_code"] is None
    found = {v["column"]: v for k, v in prepared.notices if k == "ingest.notice.unused_code_column"}
    assert sorted(found) == ["Handled by", "Outlet ref"]
    assert found["Outlet ref"]["values"].en == "S001, s002"
    assert found["Handled by"]["values"].zh == "Agent One、A003"
    assert t("ingest.notice.unused_code_column", "en", **found["Outlet ref"]) == (
        "Outlet ref: no field reads this column, yet most of its values are in the master data as the Store code "
        "(S001, s002); as mapped, no row has one. If the column holds the Store code, map it to “Store code” "
        "(command line: --map store_code=Outlet ref)."
    )


def test_an_undo_at_the_moment_of_a_commit_holding_its_rows_waits_and_is_refused(con, monkeypatch):
    """A helper's fault probe (session 55): an admin undid batch 1 while another committed a file holding batch 1's
    rows. Each transaction decided from a snapshot taken before the other's write: the commit classed C-1 and C-2
    as unchanged, the undo (seeing no later batch) deleted them, both committed, and the file's rows were gone
    though its batch said "committed". The undo now waits for the commit under way, then sees the batch that
    holds the rows and is refused; nothing is lost."""
    import threading

    from portal.ingest import core

    _, b1 = do_import(con, V1)
    file = csv("C-1,2026-03-01 09:30,hotline,S001,A001,,", "C-2,2026-03-01 10:00,online,S002,A002,,",
               "C-9,2026-03-02 09:30,hotline,S001,A001,,")  # fmt: skip
    outcome: dict[str, object] = {}

    def undo() -> None:
        try:
            batches.undo_batch(con, b1.batch_id, ADMIN)
            outcome["undo"] = "done"
        except batches.UndoRefused as exc:
            outcome["undo"] = exc.reason

    real_counts = core.CommitContext.counts
    started = []

    def counts_then_undo(self, stage):  # the commit has staged its rows: an undo comes at this moment
        got = real_counts(self, stage)
        if not started:
            started.append(threading.Thread(target=undo))
            started[0].start()
            started[0].join(timeout=1.0)  # without the lock it ran (and committed) here
        return got

    monkeypatch.setattr(core.CommitContext, "counts", counts_then_undo)
    _, b2 = do_import(con, file)
    started[0].join(timeout=30)
    assert (b2.rows_added, b2.rows_unchanged) == (1, 2)
    assert outcome == {"undo": "ingest.undo.blocked"}
    assert con.execute("select count(*) from complaints").fetchone()[0] == 3  # nothing lost
    orphans = con.execute(
        "select count(*) from complaint_status_history h where not exists "
        "(select 1 from complaints c where c.complaint_id = h.complaint_id)"
    ).fetchone()[0]
    assert orphans == 0
