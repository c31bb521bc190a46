"""A ticketing export's satisfaction written as stars: 网易七鱼 and 智齿 export the customer's rating as "★★★★☆" or
"4星". Such a cell is that many points on the 1-5 scale (the filled stars, when the stars shown are the scale's
five or only the filled ones). Before, each was refused as 'Neither a number on the scale 1–5 nor an answer word',
and a 满意度评价 column of stars was not even suggested: the ratings were silently left out."""

from __future__ import annotations

from portal.ingest import mapping, pipeline, reading, registry
from tests.test_ingest_complaints import csv, do_import

KIND = registry.kind("complaints")


def _stored(con) -> list:
    return [
        r[0] for r in con.execute("select post_resolution_csat from complaints order by source_id").fetchall()
    ]


def test_star_ratings_are_read_as_their_filled_stars(con):
    # rows 2-7: 4 of 5 stars, 5, 1, three filled stars shown alone, 4星, 2 颗星 -> 4, 5, 1, 3, 4, 2
    data = csv(
        "C-1,2026-03-01 09:00,★★★★☆",
        "C-2,2026-03-01 09:01,★★★★★",
        "C-3,2026-03-01 09:02,★☆☆☆☆",
        "C-4,2026-03-01 09:03,★★★",
        "C-5,2026-03-01 09:04,4星",
        "C-6,2026-03-01 09:05,2 颗星",
        header="source_id,received_at,post_resolution_csat",
    )
    prepared, result = do_import(con, data, timezone="UTC")
    assert prepared.file_errors == [] and prepared.errors.empty
    assert result.rows_added == 6
    assert _stored(con) == [4, 5, 1, 3, 4, 2]
    notes = [v for k, v in prepared.notices if k == "ingest.notice.scale_labels"]
    assert len(notes) == 1 and notes[0]["n"] == 6  # what was read from the stars is said


def test_stars_of_another_scale_are_their_rows_errors(con):
    # seven stars shown (3 filled) and no star filled: not on 1-5; each row's error with its row and column
    data = csv(
        "C-1,2026-03-01 09:00,★★★☆☆☆☆",
        "C-2,2026-03-01 09:01,☆☆☆☆☆",
        "C-3,2026-03-01 09:02,★★★★☆",
        header="source_id,received_at,post_resolution_csat",
    )
    prepared, result = do_import(con, data, timezone="UTC", skip_invalid=True)
    assert prepared.errors[["row", "column", "reason"]].values.tolist() == [
        [2, "post_resolution_csat", "ingest.error.not_a_scale_answer"],
        [3, "post_resolution_csat", "ingest.error.not_a_scale_answer"],
    ]
    assert _stored(con) == [4]


def test_a_satisfaction_column_of_stars_is_suggested():
    # 网易七鱼's 满意度评价 (an alias of the field) holding stars: suggested, as a column of numbers is
    data = "工单编号,创建时间,满意度评价\nQ1,2026-03-05 09:00,★★★★☆\nQ2,2026-03-05 10:00,★★★★★\n".encode()
    raw = reading.read_upload(data, "qiyu.csv")
    assert mapping.suggest_mapping(KIND, raw.headers, raw.frame)["post_resolution_csat"] == "满意度评价"


def test_a_gbk_qiyu_export_keeps_its_star_ratings(con):
    # the whole path with a GBK file and offsets: Q1 09:05+08:00 -> 01:05 UTC, ★★★★☆ -> 4; Q2 ★★☆☆☆ -> 2
    data = (
        "工单编号,工单状态,创建时间,满意度评价\n"
        "Q1,已解决,2026-03-05T09:05:06+08:00,★★★★☆\n"
        "Q2,已关闭,2026-03-05T10:00:00+08:00,★★☆☆☆\n"
    ).encode("gbk")
    prepared, result = pipeline.import_bytes(
        con, KIND, data, "qiyu.csv", None, pipeline.ImportOptions(now=None), _admin()
    )
    assert result.rows_added == 2
    assert con.execute(
        "select source_id, received_at::varchar, status, post_resolution_csat from complaints order by 1"
    ).fetchall() == [("Q1", "2026-03-05 01:05:06", "resolved", 4), ("Q2", "2026-03-05 02:00:00", "closed", 2)]


def _admin():
    from tests.test_ingest_complaints import ADMIN

    return ADMIN


def test_stars_are_never_turned_with_a_scale_running_the_other_way(con):
    # 1（非常满意） and 5（非常不满意）: the tool's 1 is the best, its lone numbers are turned (2 -> 4); four filled
    # stars are 4 whichever way the labels run, not turned to 2
    data = csv(
        "C-1,2026-03-01 09:00,1（非常满意）",
        "C-2,2026-03-01 09:01,5（非常不满意）",
        "C-3,2026-03-01 09:02,2",
        "C-4,2026-03-01 09:03,★★★★☆",
        header="source_id,received_at,post_resolution_csat",
    )
    prepared, result = do_import(con, data, timezone="UTC")
    assert prepared.file_errors == [] and prepared.errors.empty
    assert _stored(con) == [5, 1, 4, 4]
