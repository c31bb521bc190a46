"""Headers in Traditional Chinese (a Big5 export from Taiwan or Hong Kong, or Traditional characters in UTF-8) are
matched to the same fields as the Simplified ones, and Traditional values of the coded fields map as the Simplified
ones (``cells.simplified``: OpenCC's t2s). Probe (session 38): 工單編號, 受理時間, 門店編碼 ... were left unmapped,
and the file was refused for its required columns."""

from __future__ import annotations

import pytest

from portal.ingest import mapping, pipeline, reading
from portal.ingest.cells import simplified
from tests.test_ingest_complaints import ADMIN, KIND, NOW, csv, do_import

HEAD = "工單編號,受理時間,投訴渠道,門店編碼,首次響應時間,處理狀態,重開次數,嚴重程度"
ROWS = (
    "T-1,2026-03-01 09:30,hotline,S001,2026-03-01 10:00,responded,0,high",
    "T-2,2026-03-01 11:00,online,S002,,open,0,normal",
)
MAPPED = {
    "source_id": "工單編號",
    "received_at": "受理時間",
    "channel": "投訴渠道",
    "store_code": "門店編碼",
    "first_response_at": "首次響應時間",
    "status": "處理狀態",
    "reopen_count": "重開次數",
    "severity": "嚴重程度",
}


@pytest.mark.parametrize("encoding", ["utf-8", "big5"])
def test_traditional_headers_are_mapped_as_the_simplified_ones(con, encoding):
    data = "\n".join([HEAD, *ROWS, ""]).encode(encoding)
    raw = reading.read_upload(data, "tw.csv")
    assert raw.headers == HEAD.split(",")  # a Big5 file read as Big5, its characters as written
    suggested = mapping.suggest_mapping(KIND, raw.headers, raw.frame)
    assert {f: c for f, c in suggested.items() if c} == MAPPED
    prepared = pipeline.prepare(con, KIND, raw, None, pipeline.ImportOptions(now=NOW), ADMIN)
    assert prepared.errors.empty and prepared.file_errors == []
    assert pipeline.commit(con, prepared, ADMIN).rows_added == 2


def test_characters_only_are_turned():
    assert simplified("門店編碼 受理時間 S001 满意度") == "门店编码 受理时间 S001 满意度"


VALUES_HEAD = "received_at,channel,category,store_code,status,severity"
# (channel, category, status, severity): a Traditional row, then the same in Simplified characters
TRADITIONAL = ("電話熱線", "服務態度", "已關閉", "嚴重")
SIMPLIFIED = ("电话热线", "服务态度", "已关闭", "严重")
# the derived ids of these id-less rows before Traditional values were read (1b9d4c5): the raw cells hashed
PINNED_IDS = ["h-a586a1d57053b640", "h-68f06b33edd4227d"]


def test_traditional_values_of_the_coded_fields_map_as_the_simplified_ones(con):
    rows = [
        f"2026-03-0{i} 09:30,{','.join(cells[:2])},S001,{','.join(cells[2:])}"
        for i, cells in ((1, TRADITIONAL), (2, SIMPLIFIED))
    ]
    do_import(con, csv(*rows, header=VALUES_HEAD))
    found = con.execute(
        "select source_id, channel, channel_raw, category_raw, category_group, status, status_raw, severity, "
        "severity_raw from complaints order by received_at"
    ).fetchall()
    assert [r[1:2] + r[4:6] + r[7:8] for r in found] == [("other", "service_attitude", "closed", "high")] * 2
    # the source's text stored as it came; the derived ids hash it, as before
    assert [r[2:4] + r[6:7] + r[8:] for r in found] == [
        ("電話熱線", "服務態度", "已關閉", "嚴重"),
        ("电话热线", "服务态度", "已关闭", "严重"),
    ]
    assert [r[0] for r in found] == PINNED_IDS
