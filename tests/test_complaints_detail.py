"""One complaint by its source id (the Complaints page's detail panel): fields, status history, scope.

On the complaints of tests/complaints_fixture.py (c1 at S001, c5 at S003, c8 with a date-only receipt at S002,
c10 without a store) plus a status history written here.
"""

from datetime import datetime

import pytest

from portal import complaints, db
from portal.i18n import t
from portal.scope import Scope
from tests import complaints_fixture as fx

EVERYTHING = Scope.everything()
R1 = Scope(store_ids=(1, 2), all_agents=True)  # S001, S002
SOUTH = Scope(store_ids=(3,), all_agents=True)  # S003


@pytest.fixture
def dcon(con):
    fx.load(con)
    ids = dict(con.execute("select source_id, complaint_id from complaints").fetchall())
    con.executemany(
        "insert into complaint_status_history (complaint_id, status, changed_at) values (?, ?, ?)",
        [
            # c1: open on receipt, responded, resolved (inserted out of order: the query sorts by time)
            (ids["c1"], "resolved", datetime(2024, 3, 5, 10)),
            (ids["c1"], "open", datetime(2024, 3, 4, 10)),
            (ids["c1"], "responded", datetime(2024, 3, 4, 12)),
            (ids["c5"], "open", datetime(2024, 3, 17, 12)),
            (ids["c10"], "open", datetime(2024, 3, 13)),
        ],
    )
    return con


def run(con, scope):
    return lambda name, params: db.run_query(con, name, params, scope)


def as_dict(detail, lang="en"):
    frame = detail.fields
    return dict(
        zip(
            frame[t("complaints.detail.col.field", lang)],
            frame[t("complaints.detail.col.value", lang)],
            strict=True,
        )
    )


def test_every_field_and_the_history_of_one_complaint(dcon):
    [c1] = complaints.complaint_details(run(dcon, EVERYTHING), "c1")
    assert as_dict(c1) == {
        "Complaint id": "c1",
        "Source system": "test",
        "Received (UTC)": "2024-03-04 10:00",
        "Channel": "Hotline",
        "Category": "Product quality",  # no raw category in the fixture: the standard group
        "Severity": "Normal",
        "Store": "S001 Store One",
        "Status": "Resolved",
        "First response (UTC)": "2024-03-04 12:00",
        "Resolved (UTC)": "2024-03-05 10:00",
        "Closed (UTC)": "—",
        "Reopen count": "0",
        "Post-resolution satisfaction (1-5)": "5 / 5",
    }
    assert c1.history.to_dict(orient="list") == {
        "Changed at (UTC)": ["2024-03-04 10:00", "2024-03-04 12:00", "2024-03-05 10:00"],
        "Status": ["Open", "Responded", "Resolved"],
    }


def test_chinese_labels_date_only_stamp_and_raw_category(dcon):
    dcon.execute("update complaints set category_raw = '送货慢' where source_id = 'c8'")
    [c8] = complaints.complaint_details(run(dcon, EVERYTHING), " c8 ", "zh")  # surrounding blanks ignored
    fields = as_dict(c8, "zh")
    assert fields["接收时间(UTC)"] == "2024-03-08(仅日期)"
    assert fields["类别"] == "送货慢 (产品质量)"
    assert fields["渠道"] == "社交媒体"
    assert fields["状态"] == "已解决"
    assert fields["解决后满意度(1-5)"] == "—"
    assert c8.history.empty and list(c8.history.columns) == ["变更时间(UTC)", "状态"]


def test_only_complaints_of_the_callers_stores(dcon):
    # c5 is at S003: a North (S001, S002) scope gets nothing, exactly as for an id that does not exist
    assert complaints.complaint_details(run(dcon, R1), "c5") == []
    assert complaints.complaint_details(run(dcon, R1), "no-such-id") == []
    assert complaints.complaint_details(run(dcon, R1), "") == []
    [c5] = complaints.complaint_details(run(dcon, SOUTH), "c5")
    assert as_dict(c5)["Store"] == "S003 Store Three"
    # c10 has no store: chain-wide scopes only
    assert complaints.complaint_details(run(dcon, R1), "c10") == []
    [c10] = complaints.complaint_details(run(dcon, EVERYTHING), "c10")
    assert as_dict(c10)["Store"] == "No store (online)"
    # the history query is scoped by itself too, not only through the detail
    assert db.run_query(dcon, complaints.HISTORY_QUERY, {"complaint": "c5"}, R1).empty
    assert db.run_query(dcon, complaints.HISTORY_QUERY, {"complaint": "c5"}, SOUTH)["status"].tolist() == [
        "open"
    ]


def test_the_same_id_in_two_source_systems_gives_two_complaints(dcon):
    dcon.execute(
        "insert into complaints (source, source_id, received_at, channel, status, store_id, region_id) "
        "values ('crm', 'c1', timestamp '2024-03-09 09:00', 'email', 'open', 2, 1)"
    )
    both = complaints.complaint_details(run(dcon, EVERYTHING), "c1")
    assert [as_dict(d)["Source system"] for d in both] == ["crm", "test"]
    assert [len(d.history) for d in both] == [0, 3]


def test_equal_times_list_in_the_lifecycle_order_not_by_name(dcon):
    # c5: resolved and closed at the same moment, then reopened later. By name "closed" < "open" < "resolved";
    # by the lifecycle (vocab.COMPLAINT_STATUSES) open, resolved, closed; the reopen after them.
    c5 = dict(dcon.execute("select source_id, complaint_id from complaints").fetchall())["c5"]
    dcon.executemany(
        "insert into complaint_status_history (complaint_id, status, changed_at) values (?, ?, ?)",
        [
            (c5, "reopened", datetime(2024, 3, 20, 9)),
            (c5, "closed", datetime(2024, 3, 18, 8)),
            (c5, "resolved", datetime(2024, 3, 18, 8)),
        ],
    )
    [detail] = complaints.complaint_details(run(dcon, EVERYTHING), "c5")
    assert detail.history[t("complaints.detail.col.status", "en")].tolist() == [
        "Open",  # 2024-03-17 12:00 (the fixture above)
        "Resolved",  # 2024-03-18 08:00, before closed at the same time
        "Closed",
        "Reopened",  # 2024-03-20 09:00
    ]


def test_the_history_query_orders_ties_by_the_vocabulary_lifecycle():
    # the query spells the lifecycle out; it must be vocab.COMPLAINT_STATUSES, in that order
    from portal.vocab import COMPLAINT_STATUSES

    sql = db.load_query(complaints.HISTORY_QUERY).sql
    spelled = "[" + ", ".join(f"'{s}'" for s in COMPLAINT_STATUSES) + "]"
    assert f"list_position({spelled}, h.status)" in sql
