"""A complaint export without a channel column (SPEC §2: real exports lack fields; a channel nobody mapped counts
as other and never rejects the row): accepted, every new complaint under the standard "other" with no source
value, said once in the preview; a complaint imported before keeps its channel; received_at stays required."""

from __future__ import annotations

from datetime import datetime

from portal.i18n import t
from portal.ingest import pipeline, registry
from tests.test_ingest_complaints import ADMIN, NOW, csv, do_import

KIND = registry.kind("complaints")
NO_CHANNEL = "source_id,received_at,store_code"


def prepare(con, data: bytes):
    raw = pipeline.read_upload(data, "no_channel.csv")
    return pipeline.prepare(con, KIND, raw, None, pipeline.ImportOptions(now=NOW), ADMIN)


def test_a_file_without_a_channel_column_counts_every_complaint_as_other(con):
    # it was refused: "The required field “Channel” is not mapped to a column."
    data = csv("N-1,2026-03-01 09:30,S001", "N-2,2026-03-02 14:00,S002", header=NO_CHANNEL)
    prepared = prepare(con, data)
    assert prepared.file_errors == []
    assert (prepared.n_valid, prepared.n_invalid) == (2, 0)
    said = [(k, v) for k, v in prepared.notices if k == "ingest.notice.no_channel_column"]
    assert said == [("ingest.notice.no_channel_column", {"n": 2})]  # once, for the whole file
    assert t(said[0][0], "en", **said[0][1]) == (
        "The file has no channel column: each of its 2 complaints counts under the channel “other” (no source "
        "value is kept); a complaint imported before keeps its channel."
    )
    assert t(said[0][0], "zh", **said[0][1]) == (
        "文件没有渠道列：其 2 条投诉的渠道均计为“其他”(不保存文件原值)；已导入过的投诉保留原有渠道。"
    )
    _, batch = do_import(con, data)
    assert batch.rows_added == 2
    assert con.execute("select source_id, channel, channel_raw from complaints order by 1").fetchall() == [
        ("N-1", "other", None),
        ("N-2", "other", None),
    ]


def test_a_complaint_imported_before_keeps_its_channel(con):
    do_import(con, csv("C-1,2026-03-01 09:30,hotline,S001,A001,,"))
    _, batch = do_import(
        con,
        csv(
            "C-1,2026-03-01 09:30,2026-03-01 10:00",
            "C-2,2026-03-01 11:00,",
            header="source_id,received_at,first_response_at",
        ),
    )
    assert (batch.rows_added, batch.rows_updated) == (1, 1)
    assert con.execute(
        "select source_id, channel, channel_raw, first_response_at from complaints order by 1"
    ).fetchall() == [("C-1", "hotline", "hotline", datetime(2026, 3, 1, 2, 0)), ("C-2", "other", None, None)]


def test_the_received_time_stays_required(con):
    prepared = prepare(con, csv("N-1,S001", header="source_id,store_code"))
    assert [t(key, "en", **values) for key, values in prepared.file_errors] == [
        "The required field “Received (date and time)” is not mapped to a column."
    ]
