"""A quote left open in a CSV cell: the rows it swallowed refuse the file; a quoted cell of several lines whose
lines hold a row's delimiters (a signature, a description, a list) is read."""

from __future__ import annotations

import csv
import io

import pytest

from portal.ingest import reading


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(
        out, lineterminator="\r\n"
    )  # Excel's quoting: cells with a comma or a line break quoted
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


EMAIL = (
    "Hello,\n\nOrder 88812, delivered 3 Nov, damaged: legs, back, seat, and armrest.\n\nThanks,\n"
    "Li Lei, Flat 3, 12 Nanjing Rd, Shanghai, 200001, China"
)
FRESHDESK = (
    "Dear team,\nI bought a sofa, a table, two chairs, a lamp, a rug, a mirror, and four cushions, and only the "
    "sofa arrived.\nRegards, Wang"
)
GOOD = {
    "email6.csv": _csv(
        ["id", "received_at", "channel", "category", "store_code", "body"],
        [
            ["E-1", "2026-11-03 10:00", "email", "damaged", "S001", EMAIL],
            ["E-2", "2026-11-03 11:00", "email", "late", "S002", "x"],
        ],
    ),
    "freshdesk8.csv": _csv(
        ["Ticket ID", "Subject", "Description", "Status", "Priority", "Source", "Created time", "Store"],
        [
            ["1001", "Missing items", FRESHDESK, "Open", "High", "Email", "2026-11-03 10:00:00", "S001"],
            [
                "1002",
                "Late delivery",
                "Still waiting",
                "Pending",
                "Low",
                "Phone",
                "2026-11-03 11:00:00",
                "S002",
            ],
        ],
    ),
    "zh5.csv": _csv(
        ["编号", "受理时间", "渠道", "类别", "备注"],
        [
            ["T-1", "2026-11-03 10:00", "电话", "配送", "顾客反映:\n1,沙发 2,茶几 3,台灯 4,地毯 只到了沙发"],
            ["T-2", "2026-11-03 11:00", "在线", "价格", "无"],
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(GOOD))
def test_a_quoted_cell_whose_lines_hold_a_rows_delimiters_is_read(name):
    # before: refused as a quote left open (a line of the cell had as many commas as a row)
    raw = reading.read_upload(GOOD[name], name)
    assert len(raw.frame) == 2
    assert "\n" in raw.frame.iloc[0].tolist()[2 if name == "freshdesk8.csv" else -1]


_ROWS = "".join(
    f"{1000 + i},Subject {i},Open,High,Email,2026-11-03 1{i % 10}:00:00,S00{i % 3 + 1}\r\n" for i in range(5)
)
BROKEN = {
    # the commit's own probe file
    "stray.csv": (
        "source_id,received_at,channel,category,store_code\r\n"
        'Q-1,2026-11-03 10:00,hotline,"5 inch screen broken,S001\r\n'
        "Q-2,2026-11-03 11:00,hotline,price,S002\r\n"
        "Q-3,2026-11-03 12:00,hotline,price,S003\r\n"
        'Q-4,2026-11-03 13:00,online,"delivery" late,S001\r\n',
        {"row": 2, "column": "category", "start": "5 inch screen broken,S001", "n": 3},
    ),
    # numeric ids, a stray quote in the subject, more rows after
    "fd_stray.csv": (
        "Ticket ID,Subject,Status,Priority,Source,Created time,Store\r\n"
        + _ROWS
        + '1005,"27 inch monitor,Open,High,Email,2026-11-03 10:00:00,S001\r\n'
        + _ROWS.replace("100", "200")
        + '2010,"x",Open,High,Email,2026-11-03 10:00:00,S001\r\n',
        {"row": 7, "column": "Subject", "start": "27 inch monitor,Open,High,Emai", "n": 6},
    ),
    # a swallowed row with a blank cell
    "blank.csv": (
        "source_id,received_at,channel,category,store_code\r\n"
        "Q-0,2026-11-03 09:00,,price,S002\r\n"
        'Q-1,2026-11-03 10:00,hotline,"5 inch screen broken,S001\r\n'
        "Q-2,2026-11-03 11:00,,price,S002\r\n"
        'Q-4,2026-11-03 13:00,online,"delivery" late,S001\r\n',
        {"row": 3, "column": "category", "start": "5 inch screen broken,S001", "n": 2},
    ),
    # three columns: rows were lost without a word before (under the old four columns)
    "three.csv": (
        'source_id,received_at,category\r\nQ-1,2026-11-03 10:00,"5 inch\r\nQ-2,2026-11-03 11:00,price\r\n'
        'Q-3,2026-11-03 12:00,"late"\r\n',
        {"row": 2, "column": "category", "start": "5 inch", "n": 2},
    ),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_rows_a_quote_left_open_took_into_one_cell_refuse_the_file(name):
    text, values = BROKEN[name]
    with pytest.raises(reading.FileRefused) as refused:
        reading.read_upload(text.encode("utf-8"), name)
    assert refused.value.reason == "ingest.refused.unclosed_quote"
    assert refused.value.values == values


def test_the_chunked_reader_refuses_rows_a_quote_left_open_took_into_one_cell(tmp_path):
    # a CSV over PORTAL_IMPORT_STREAM_MB is read in chunks (the Upload page and the command line): the check ran
    # on the whole-file path only, and the chunks gave Q-rows swallowed into one cell without a word before
    from portal.ingest import stream

    text, values = BROKEN["fd_stray.csv"]
    path = tmp_path / "fd_stray.csv"
    path.write_bytes(text.encode("utf-8"))
    with pytest.raises(stream.NotStreamable) as later:  # in a later chunk: the file is read whole instead
        list(stream.open_csv(path, 200, rows=2))
    assert later.value.__cause__.reason == "ingest.refused.unclosed_quote"
    assert later.value.__cause__.values == values
    first = tmp_path / "stray.csv"  # in the first chunk
    first.write_bytes(BROKEN["stray.csv"][0].encode("utf-8"))
    with pytest.raises(stream.NotStreamable) as opening:
        list(stream.open_csv(first, 200, rows=50))
    assert opening.value.__cause__.values == BROKEN["stray.csv"][1]
    good = tmp_path / "freshdesk8.csv"  # a description of several lines streams as it reads whole
    good.write_bytes(GOOD["freshdesk8.csv"] + b"1003,x,Open,High,Email,2026-11-03 12:00:00,S003\r\n" * 4)
    chunks = [raw.frame["Ticket ID"].tolist() for raw in stream.open_csv(good, 200, rows=2)]
    assert sum(chunks, []) == ["1001", "1002"] + ["1003"] * 4


def test_the_chunked_reader_leaves_the_value_shapes_of_a_file_without_a_quote(tmp_path, monkeypatch):
    # the shapes tell a row a quote left open took into a cell; without a quote character no cell holds a line
    # break, so they are not worked out (issue 14: ~1 s of CPU on the first 100,000 rows of the 1M export)
    from portal.ingest import chunked_csv, stream

    lines = ["Ticket ID,Subject,Created"] + [f"{1000 + i},s{i},2026-03-0{1 + i % 9} 10:00" for i in range(9)]
    path = tmp_path / "plain.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    quoted = tmp_path / "quoted.csv"
    quoted.write_text("\n".join([*lines[:3], '1009,"s, 9",2026-03-01 10:00']) + "\n", encoding="utf-8")
    worked_out = []
    monkeypatch.setattr(chunked_csv, "column_shapes", lambda body: worked_out.append(len(body)) or [])
    rows = [raw.frame["Ticket ID"].tolist() for raw in stream.open_csv(path, 200, rows=4)]
    assert sum(rows, []) == [str(1000 + i) for i in range(9)] and worked_out == []
    assert len(list(stream.open_csv(quoted, 200, rows=4))) == 1 and worked_out == [3]
