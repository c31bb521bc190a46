"""Complaint exports without an id column (exports probe, g11_noid_v1.csv then g11_noid_v2.csv): the derived id
rests on the cells a complaint keeps while it is handled, so a later export whose statuses and reply times
changed updates the stored complaints instead of adding them a second time ("4 added, 0 updated"; 7 stored, the
old copies open for ever); a complaint stored under the id of the earlier derivation (a hash of every mapped
cell) keeps it."""

from __future__ import annotations

import hashlib
from datetime import datetime

import pytest

from portal.auth import User
from portal.i18n import t
from portal.ingest import complaints, pipeline, reading, registry
from portal.ingest.core import NothingWritten
from portal.scope import Scope

KIND = registry.kind("complaints")
ADMIN = User("t_admin", "Test Admin", ("admin",), Scope.everything())
NOW = datetime(2026, 6, 1)
MAPPING = {
    "received_at": "来电时间",
    "channel": "渠道",
    "store_code": "门店编码",
    "category": "投诉内容",
    "status": "处理结果",
    "first_response_at": "回复时间",
}
HEADER = "来电时间,渠道,门店编码,投诉内容,处理结果,回复时间"
V1 = (
    "2026/3/5 7:13,热线,S001,配送超时,待处理,",
    "2026/3/13 2:39,热线,S002,退货退款难,待处理,",
    "2026/3/14 9:00,热线,S002,服务态度差,处理中,2026/3/14 10:00",
)
V2 = (
    "2026/3/5 7:13,热线,S001,配送超时,已解决,2026/3/5 9:41",
    "2026/3/13 2:39,热线,S002,退货退款难,处理中,2026/3/13 12:35",
    "2026/3/14 9:00,热线,S002,服务态度差,已解决,2026/3/14 10:00",
    "2026/3/20 9:00,热线,S002,服务态度差,待处理,",
)


def _file(rows, newline: str = "\n") -> bytes:
    return newline.join([HEADER, *rows, ""]).encode()


def _import(con, data: bytes, name: str = "export.csv"):
    options = pipeline.ImportOptions(now=NOW, timezone="Asia/Shanghai", source="g11")
    return pipeline.import_bytes(con, KIND, data, name, MAPPING, options, ADMIN)


def _counts(result) -> tuple[int, int, int]:
    return result.rows_added, result.rows_updated, result.rows_unchanged


def _stored(con) -> list[tuple]:
    return con.execute(
        "select source_id, received_at, status, first_response_at from complaints where source = 'g11' "
        "order by received_at, source_id"
    ).fetchall()


def _h(text: str) -> str:
    return "h-" + hashlib.sha256(text.encode()).hexdigest()[:16]


def _legacy(row: str) -> str:
    """The id an earlier version gave a row of _file: a hash of every mapped cell, fields in name order."""
    received, channel, store, category, status, response = row.split(",")
    cells = {
        "category": category,
        "channel": channel,
        "first_response_at": response,
        "received_at": received,
        "status": status,
        "store_code": store,
    }
    return _h("\x1f".join(f"{k}={v}" for k, v in cells.items()))


def test_a_later_export_without_ids_updates_the_complaints_it_holds(con):
    prepared, first = _import(con, _file(V1))
    assert _counts(first) == (3, 0, 0)
    notice = next(v for k, v in prepared.notices if k == "ingest.notice.derived_ids")
    assert t("ingest.notice.derived_ids", "en", **notice).startswith(
        "The file has no id column: each of its 3 complaints gets an id made from the cells that do not change "
        "while a complaint is handled: 来电时间, 门店编码, 渠道, 投诉内容 (h-…;"
    )
    ids = [row[0] for row in _stored(con)]
    # the received time in UTC, the store, the channel and the category as the file writes them
    assert ids[0] == _h(
        "received_at=2026-03-04 23:13:00\x1fstore_code=S001\x1fchannel=热线\x1fcategory=配送超时"
    )
    _, later = _import(con, _file(V2), "later.csv")
    assert _counts(later) == (1, 3, 0)
    assert _stored(con) == [
        (ids[0], datetime(2026, 3, 4, 23, 13), "resolved", datetime(2026, 3, 5, 1, 41)),
        (ids[1], datetime(2026, 3, 12, 18, 39), "responded", datetime(2026, 3, 13, 4, 35)),
        (ids[2], datetime(2026, 3, 14, 1, 0), "resolved", datetime(2026, 3, 14, 2, 0)),
        (
            _h("received_at=2026-03-20 01:00:00\x1fstore_code=S002\x1fchannel=热线\x1fcategory=服务态度差"),
            datetime(2026, 3, 20, 1, 0),
            "open",
            None,
        ),
    ]


def test_rows_alike_in_their_lasting_cells_are_numbered_in_the_files_order(con):
    twins = (
        "2026/3/5 7:13,热线,S001,配送超时,待处理,",
        "2026/3/5 7:13,热线,S001,配送超时,处理中,2026/3/5 8:00",
    )
    _, first = _import(con, _file(twins))
    assert _counts(first) == (2, 0, 0)
    own = _h("received_at=2026-03-04 23:13:00\x1fstore_code=S001\x1fchannel=热线\x1fcategory=配送超时")
    assert [row[:3] for row in _stored(con)] == [
        (own, datetime(2026, 3, 4, 23, 13), "open"),
        (own + "-2", datetime(2026, 3, 4, 23, 13), "responded"),
    ]
    # a row whose every mapped cell repeats an earlier row's is that row again: the same id, refused as a duplicate
    raw = reading.read_upload(_file((*twins, twins[0])), "repeat.csv")
    options = pipeline.ImportOptions(now=NOW, timezone="Asia/Shanghai", source="g11")
    repeat = pipeline.prepare(con, KIND, raw, MAPPING, options, ADMIN)
    assert repeat.errors[["row", "reason"]].values.tolist() == [[4, "ingest.error.duplicate"]]
    later = ("2026/3/5 7:13,热线,S001,配送超时,已解决,2026/3/5 9:00", twins[1].replace("处理中", "已解决"))
    _, again = _import(con, _file(later), "later.csv")
    assert _counts(again) == (0, 2, 0)
    assert [row[2] for row in _stored(con)] == ["resolved", "resolved"]


def test_a_complaint_stored_under_the_earlier_id_keeps_it(con):
    _import(con, _file(V1))
    # the ids an earlier version gave: a hash of every mapped cell, fields in name order, status and stamps included
    legacy = [_legacy(row) for row in V1]
    for old_id, (new_id, *_) in zip(legacy, _stored(con), strict=True):
        con.execute("update complaints set source_id = ? where source_id = ?", [old_id, new_id])
    # the same rows again (other bytes): found under the earlier ids, nothing added
    _, same = _import(con, _file(V1, "\r\n"), "again.csv")
    assert _counts(same) == (0, 0, 3)
    # a later export, its statuses changed (the earlier ids no longer fit the rows): updated under the earlier ids
    _, later = _import(con, _file(V2), "later.csv")
    assert _counts(later) == (1, 3, 0)
    stored = _stored(con)
    assert [row[0] for row in stored[:3]] == legacy
    assert [row[2] for row in stored] == ["resolved", "responded", "resolved", "open"]


ALIKE_V1 = (
    "2026/3/5 7:13,热线,S001,配送超时,已解决,2026/3/5 8:00",  # complaint A, resolved
    "2026/3/5 7:13,热线,S001,配送超时,待处理,",  # complaint B, open, alike A in its lasting cells
)


def test_a_later_export_leaving_out_one_of_two_alike_complaints_is_refused_not_matched_by_order(con):
    # review of 802d10a: v2 (open complaints only) lists B, now responded; by file order B took A's id h-X and the
    # resolved A was overwritten as responded ("0 added, 1 updated"), B never updated
    _import(con, _file(ALIKE_V1))
    before = _stored(con)
    own = _h("received_at=2026-03-04 23:13:00\x1fstore_code=S001\x1fchannel=热线\x1fcategory=配送超时")
    assert [row[:3] for row in before] == [
        (own, datetime(2026, 3, 4, 23, 13), "resolved"),
        (own + "-2", datetime(2026, 3, 4, 23, 13), "open"),
    ]
    v2 = ("2026/3/5 7:13,热线,S001,配送超时,处理中,2026/3/5 9:30",)
    raw = reading.read_upload(_file(v2), "open_only.csv")
    options = pipeline.ImportOptions(now=NOW, timezone="Asia/Shanghai", source="g11")
    prepared = pipeline.prepare(con, KIND, raw, MAPPING, options, ADMIN)
    assert prepared.errors[["row", "column", "value", "reason"]].values.tolist() == [
        [2, "来电时间", "2026/3/5 7:13", "ingest.error.alike_unmatched"]
    ]
    assert t("ingest.error.alike_unmatched", "en") == (
        "Several complaints share this received time, store, channel and category, and the file lists another "
        "number of them than are stored: without an id column they cannot be told apart, so the row is not "
        "matched to one of them. Add the id column to the export."
    )
    assert t("ingest.error.alike_unmatched", "zh") == (
        "多条投诉的接收时间、门店、渠道和类别相同，且文件中的条数与已导入的条数不同：没有编号列无法区分这些投诉，"
        "因此该行未与其中任何一条对应。请在导出文件中加入编号列。"
    )
    notice = next(v for k, v in prepared.notices if k == "ingest.notice.derived_ids")
    assert t("ingest.notice.derived_ids", "en", **notice).endswith(
        "Where several complaints share all of them, a later export must list as many of them as are stored, "
        "else those rows are refused (they cannot be told apart: add the id column to the export)."
    )
    with pytest.raises(NothingWritten):
        _import(con, _file(v2), "open_only.csv")
    assert _stored(con) == before  # A stays resolved, B open
    # one more alike in a later export (3 rows, 2 stored): refused too, all three
    v3 = (*ALIKE_V1, "2026/3/5 7:13,热线,S001,配送超时,待处理,2026/3/5 7:30")
    again = pipeline.prepare(con, KIND, reading.read_upload(_file(v3), "v3.csv"), MAPPING, options, ADMIN)
    assert again.errors[["row", "reason"]].values.tolist() == [
        [r, "ingest.error.alike_unmatched"] for r in (2, 3, 4)
    ]
    # the same two again, B now responded: as many rows as stored, matched in order as before
    v4 = (ALIKE_V1[0], "2026/3/5 7:13,热线,S001,配送超时,处理中,2026/3/5 9:30")
    _, both = _import(con, _file(v4), "both.csv")
    assert _counts(both) == (0, 1, 1)
    assert [row[2] for row in _stored(con)] == ["resolved", "responded"]


def test_a_complaint_under_its_earlier_id_is_found_by_its_cleaned_cells_whatever_their_spacing(con):
    """The step that finds a complaint stored under the earlier id (a hash of every mapped cell) compares the
    stored category and channel, written with one space (none between Chinese characters: 配送超时), with the
    file's. It compared them with the file's text before that cleaning: a WPS export writing 配送　超时 (an
    ideographic space) and 热线 电话 found nothing, and its later export added the complaint a second time."""
    row = "2026/3/5 7:13,热线 电话,S001,配送　超时,待处理,"
    _import(con, _file((row,)))
    assert con.execute(
        "select channel_raw, category_raw from complaints where source = 'g11'"
    ).fetchall() == [("热线电话", "配送超时")]
    legacy = _legacy(row)
    con.execute("update complaints set source_id = ? where source = 'g11'", [legacy])
    later = "2026/3/5 7:13,热线 电话,S001,配送　超时,已解决,2026/3/5 9:41"
    _, result = _import(con, _file((later,)), "later.csv")
    assert _counts(result) == (0, 1, 0)  # before: (1, 0, 0), the complaint stored twice
    assert [row[0] for row in _stored(con)] == [legacy]
    assert [row[2] for row in _stored(con)] == ["resolved"]
    # a first import's own id is unchanged (it rests on the cells as the file writes them): its re-import matches it
    con.execute("delete from complaint_status_history")
    con.execute("delete from complaints")
    _import(con, _file((row,), "\r\n"), "again.csv")  # other bytes: not the file batch 1 imported
    own = _h("received_at=2026-03-04 23:13:00\x1fstore_code=S001\x1fchannel=热线 电话\x1fcategory=配送　超时")
    assert [r[0] for r in _stored(con)] == [own]
    _, result = _import(con, _file((later,), "\r\n"), "later2.csv")
    assert _counts(result) == (0, 1, 0) and [r[0] for r in _stored(con)] == [own]


def test_a_complaint_stored_before_its_cells_were_cleaned_is_found_under_its_earlier_id(con):
    """review of f06fb2d: a complaint written before 3923533 keeps the file's own spacing in its stored channel and
    category (no migration cleaned them): compared with the file's cleaned cells only, it was found neither alike
    nor under its earlier id, and a later export added it a second time (1 added, 0 updated). A stored cell in
    the file's own spacing or cleaned is the same cell."""
    rows = (
        "2026/3/7 8:00,热线 电话,S002,服务　态度差,待处理,",
        "2026/3/7 8:00,热线 电话,S002,服务　态度差,处理中,",
    )
    _import(con, _file(rows))
    legacy = [_legacy(row) for row in rows]
    # stored the old way, as before 3923533: the earlier ids, the file's own spacing
    for old_id, (new_id, *_) in zip(legacy, _stored(con), strict=True):
        con.execute(
            "update complaints set source_id = ?, channel_raw = '热线 电话', category_raw = '服务　态度差' "
            "where source_id = ?",
            [old_id, new_id],
        )
    later = [
        rows[0].replace("待处理,", "已解决,2026/3/9 9:00"),
        rows[1].replace("处理中,", "已解决,2026/3/9 9:30"),
    ]
    _, result = _import(con, _file(later), "later.csv")
    assert _counts(result) == (0, 2, 0)  # before: (2, 0, 0), both complaints stored twice
    assert [(row[0], row[2]) for row in _stored(con)] == sorted((i, "resolved") for i in legacy)
    # one of the two left out: alike, refused (before: not seen as alike, added)
    raw = reading.read_upload(_file(later[:1], "\r\n"), "one.csv")
    options = pipeline.ImportOptions(now=NOW, timezone="Asia/Shanghai", source="g11")
    prepared = pipeline.prepare(con, KIND, raw, MAPPING, options, ADMIN)
    assert prepared.errors[["row", "reason"]].values.tolist() == [[2, "ingest.error.alike_unmatched"]]


SPELT_TWO_WAYS = (  # two complaints alike but for their spacing, which 3923533 stores alike
    "2026/3/5 7:13,热线 电话,S001,配送　超时,待处理,",
    "2026/3/5 7:13,热线电话,S001,配送超时,处理中,2026/3/5 8:00",
)


def test_complaints_alike_but_for_their_spacing_are_matched_again_by_a_re_import(con):
    """review of f06fb2d: stored, they share their received time, store, channel and category; each row of the file
    was counted against both (2 stored) but as the only row spelt its way (1 in the file), and a re-import of the
    same file refused both rows as alike but unmatched. The file's rows alike are counted however spelt."""
    _, first = _import(con, _file(SPELT_TWO_WAYS))
    assert _counts(first) == (2, 0, 0)
    before = _stored(con)
    key = "received_at=2026-03-04 23:13:00\x1fstore_code=S001\x1f"
    assert [row[0] for row in before] == sorted(
        [
            _h(key + "channel=热线 电话\x1fcategory=配送　超时"),
            _h(key + "channel=热线电话\x1fcategory=配送超时"),
        ]
    )
    _, again = _import(con, _file(SPELT_TWO_WAYS, "\r\n"), "again.csv")  # other bytes
    assert _counts(again) == (0, 0, 2)  # before: rows 2 and 3 refused
    later = (SPELT_TWO_WAYS[0].replace("待处理,", "已解决,2026/3/5 9:00"), SPELT_TWO_WAYS[1])
    _, result = _import(con, _file(later), "later.csv")
    assert _counts(result) == (0, 1, 1)
    assert [(row[0], row[2]) for row in _stored(con)] == [
        (row[0], "resolved" if row[2] == "open" else row[2]) for row in before
    ]


def test_each_column_is_cleaned_of_its_spaces_once(con, monkeypatch):
    """review of f06fb2d: the derived ids cleaned the channel and category cells of their spaces, and the rules
    after them cleaned the same two columns again (one_space_column five times for three columns)."""
    cleaned, one_space_column = [], complaints.one_space_column

    def counted(cells):
        cleaned.append(cells.name)
        return one_space_column(cells)

    monkeypatch.setattr(complaints, "one_space_column", counted)
    _, result = _import(con, _file(("2026/3/5 7:13,热线 电话,S001,配送　超时,处理　中,",)))
    assert _counts(result) == (1, 0, 0)
    assert sorted(cleaned) == ["category_raw", "channel_raw", "status_raw"]
    assert con.execute(
        "select channel_raw, category_raw, status from complaints where source = 'g11'"
    ).fetchall() == [("热线电话", "配送超时", "responded")]
