"""Files a review found to read otherwise in chunks (split from tests/test_ingest_stream.py, unchanged): read in
chunks of a few rows, each stores the same rows and says the same things as read whole."""

from __future__ import annotations

import pytest

from portal import db
from portal.i18n import t
from portal.ingest import stream
from tests import test_ingest_stream as stream_tests
from tests.test_ingest_stream import MAP, _lines, _run, _state, messy_csv

two_dbs = stream_tests.two_dbs  # its fixture


# Files a review found to read otherwise in chunks (each fixed; chunks of 2 rows unless said): a header cleaned
# of a zero-width character or of double-encoded text, read again on a second pass; the midnight rule decided
# under the wrong day order; a "read month first" note a chunk gave that the whole column does not; a day order
# only cleaned cells show (an Excel ="..." wrapper, full-width slashes); values with equal counts; a key whose
# cells hold the character that joined key parts.
HEADER = "Ticket No,Opened,Channel,Shop"
ZONE = ["--timezone", "Asia/Shanghai"]
REVIEWED = {
    "zero_width_header": (
        [
            "\u200bTicket No,Opened,Channel,Shop",
            "T-1,01/03/2026 10:00,hotline,S001",
            "T-2,13/03/2026 10:00,hotline,S001",
        ],
        ZONE,
        2,
    ),
    "double_encoded_header": (
        ["Ticket No,Opened,Channel," + "门店".encode().decode("cp1252"), "T-1,01/03/2026 10:00,hotline,S001"]
        + ["T-2,13/03/2026 10:00,hotline,S001"],
        [*ZONE, "--map", "store_code=门店"],
        2,
    ),
    "zero_width_unmapped_header": (
        [
            HEADER + ",\u200bNote",
            "T-1,01/03/2026 10:00,hotline,S999,n1",
            "T-2,13/03/2026 10:00,hotline,S001,n2",
        ],
        [*ZONE, "--skip-invalid"],
        2,
    ),
    "midnight_after_day_order": (
        [HEADER, "T-1,13/05/2026 10:00,hotline,S001", "T-2,01/13/2026 00:00,hotline,S001"],
        [*ZONE, "--skip-invalid"],
        2,
    ),
    "month_first_note": (
        [HEADER, "T-1,01/02/2026 10:00,hotline,S001", "T-2,01/13/2026 10:00,hotline,S001"],
        ZONE,
        2,
    ),
    "excel_wrapped_day_first": (
        [HEADER, "T-1,05/03/2026 10:00,hotline,S001", 'T-2,="13/05/2026 10:00",hotline,S001'],
        ZONE,
        2,
    ),
    "full_width_slashes": (
        [HEADER, "T-1,05/03/2026 10:00,hotline,S001", "T-2,13\uff0f05\uff0f2026 10:00,hotline,S001"],
        ZONE,
        2,
    ),
    "equal_value_counts": (
        [HEADER]
        + [f"T-{i},2026-03-01 10:00,{v},S001" for i, v in enumerate(["zzA", "zzB", "zzB", "zzA"], 1)],
        ZONE,
        4,
    ),
    "separator_in_key_cells": (
        [
            HEADER + ",System",
            "c,2026-03-01 10:00,hotline,S001,a\x1fb",
            "b\x1fc,2026-03-01 10:00,hotline,S001,a",
        ],
        [*ZONE, "--map", "source=System"],
        100,
    ),
}


ALIKE = [  # an export without an id column: rows 2, 4 and 6 alike in their lasting cells, in three chunks of 2
    "Opened,Channel,Shop,Status",
    "2026-03-05 07:13,hotline,S001,open",
    "2026-03-06 08:00,hotline,S002,open",
    "2026-03-05 07:13,hotline,S001,responded",
    "2026-03-05 07:13,hotline,S001,open",  # every cell repeats row 2's: refused as a repeat of it
    "2026-03-05 07:13,hotline,S001,closed",
]


def test_rows_alike_in_different_chunks_are_numbered_on(two_dbs, tmp_path, monkeypatch, capsys):
    """review of 802d10a: each chunk numbered its rows alike from 1, so row 4 took row 2's id and was refused as
    "row 4, column source_id: The same key appears earlier in the file" (no such column in the file), and row 6
    too; now the chunks number on (h-X, h-X-2, h-X-3) and only the true repeat is refused, as read whole."""
    csv_path = tmp_path / "export.csv"
    csv_path.write_text("\n".join(ALIKE) + "\n", encoding="utf-8")
    args = [*ZONE, "--skip-invalid"]
    whole = _run(two_dbs["whole"], csv_path, args, monkeypatch, capsys, chunked=False, rows=2)
    chunks = _run(two_dbs["chunks"], csv_path, args, monkeypatch, capsys, chunked=True, rows=2)
    assert "Read in chunks of 2 rows" in chunks[1]
    con = db.connect(two_dbs["chunks"])
    try:
        ids = con.execute(
            "select source_id, status from complaints where received_at = timestamp '2026-03-04 23:13' "
            "order by source_id"
        ).fetchall()
    finally:
        con.close()
    base = ids[0][0]
    assert base.startswith("h-") and len(base) == 18
    assert ids == [(base, "open"), (f"{base}-2", "responded"), (f"{base}-3", "closed")]
    refused = [line for line in chunks[1].splitlines() if line.startswith("row ")]
    assert refused == [
        f"row 5, column Complaint id (source system): The same key appears earlier in the file, at row 2. (value 'ticketing / {base}')"
    ]
    assert "5 rows in file, 4 added, 0 updated, 0 unchanged, 1 skipped" in chunks[1]
    assert _lines(whole[1]) == _lines(chunks[1]) and whole[2] == chunks[2]
    assert _state(two_dbs["whole"]) == _state(two_dbs["chunks"])


ALIKE_LATER = {  # stored before (read whole), then a later export in chunks of 2: alike rows 2 and 5 in two chunks
    # 1 stored, 2 in the file: both refused, also row 2, which its chunk alone (1 of 1) would have matched
    "more_than_stored": (
        ["2026-03-05 07:13,hotline,S001,open"],
        ["2026-03-05 07:13,hotline,S001,responded", "2026-03-06 08:00,hotline,S002,open"]
        + ["2026-03-07 08:00,hotline,S002,open", "2026-03-05 07:13,hotline,S001,closed"],
        [2, 5],
        "4 rows in file, 2 added, 0 updated, 0 unchanged, 2 skipped",
    ),
    # 2 stored, 2 in the file: matched, also row 2, which its chunk alone (1 of 2) would have refused
    "as_many_as_stored": (
        ["2026-03-05 07:13,hotline,S001,open", "2026-03-05 07:13,hotline,S001,responded"],
        ["2026-03-05 07:13,hotline,S001,resolved", "2026-03-06 08:00,hotline,S002,open"]
        + ["2026-03-07 08:00,hotline,S002,open", "2026-03-05 07:13,hotline,S001,closed"],
        [],
        "4 rows in file, 2 added, 2 updated, 0 unchanged, 0 skipped",
    ),
    # review of f06fb2d: 2 stored alike, in the file alike but for their spacing (rows 2 and 5, in two chunks):
    # matched, where each row was counted as the only one spelt its way (1 of 2) and refused
    "spelt_two_ways": (
        ["2026-03-05 07:13,热线 电话,S001,open", "2026-03-05 07:13,热线电话,S001,responded"],
        ["2026-03-05 07:13,热线 电话,S001,resolved", "2026-03-06 08:00,hotline,S002,open"]
        + ["2026-03-07 08:00,hotline,S002,open", "2026-03-05 07:13,热线电话,S001,closed"],
        [],
        "4 rows in file, 2 added, 2 updated, 0 unchanged, 0 skipped",
    ),
}


@pytest.mark.parametrize("case", sorted(ALIKE_LATER))
def test_rows_alike_of_stored_complaints_are_decided_over_the_whole_file(
    case, two_dbs, tmp_path, monkeypatch, capsys
):
    """review of 802d10a: an id-less export listing another number of rows alike than complaints stored alike is
    refused (they cannot be matched one to one), counted over the whole file when it is read in chunks."""
    stored, later, refused_rows, batch = ALIKE_LATER[case]
    first, csv_path = tmp_path / "first.csv", tmp_path / "later.csv"
    first.write_text("\n".join(["Opened,Channel,Shop,Status", *stored]) + "\n", encoding="utf-8")
    csv_path.write_text("\n".join(["Opened,Channel,Shop,Status", *later]) + "\n", encoding="utf-8")
    for way in ("whole", "chunks"):
        assert _run(two_dbs[way], first, ZONE, monkeypatch, capsys, chunked=False)[0] == 0
    args = [*ZONE, "--skip-invalid"]
    whole = _run(two_dbs["whole"], csv_path, args, monkeypatch, capsys, chunked=False, rows=2)
    chunks = _run(two_dbs["chunks"], csv_path, args, monkeypatch, capsys, chunked=True, rows=2)
    assert "Read in chunks of 2 rows" in chunks[1]
    cells = {2: later[0].split(",")[0], 5: later[3].split(",")[0]}
    assert [line for line in chunks[1].splitlines() if line.startswith("row ")] == [
        f"row {r}, column Opened: {t('ingest.error.alike_unmatched', 'en')} (value '{cells[r]}')"
        for r in refused_rows
    ]
    assert batch in chunks[1]
    assert _lines(whole[1]) == _lines(chunks[1]) and whole[2] == chunks[2]
    assert _state(two_dbs["whole"]) == _state(two_dbs["chunks"])


@pytest.mark.parametrize("case", sorted(REVIEWED))
def test_reviewed_files_read_in_chunks_as_whole(case, two_dbs, tmp_path, monkeypatch, capsys):
    lines, args, rows = REVIEWED[case]
    csv_path = tmp_path / "export.csv"
    csv_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    whole = _run(two_dbs["whole"], csv_path, args, monkeypatch, capsys, chunked=False, rows=rows)
    chunks = _run(two_dbs["chunks"], csv_path, args, monkeypatch, capsys, chunked=True, rows=rows)
    assert "Read in chunks of" in chunks[1]  # the chunked reader took it (no fallback to the whole one)
    assert whole[0] == chunks[0]
    assert _lines(whole[1]) == _lines(chunks[1]) and whole[2] == chunks[2]
    assert _state(two_dbs["whole"]) == _state(two_dbs["chunks"])


def test_an_export_with_a_delimiter_at_every_line_end_reads_in_chunks(two_dbs, tmp_path, monkeypatch, capsys):
    """Some systems end every line, the header too, with the delimiter: a nameless empty last column, which
    the whole-file reader drops. The chunks drop it too; a cell there (the whole-file reader refuses the line)
    sends the file to the whole reader, which refuses it naming the line."""
    csv_path = tmp_path / "export.csv"
    csv_path.write_text(messy_csv().replace("\n", ",\n"), encoding="utf-8")
    args = [*MAP, "--skip-invalid"]
    whole = _run(two_dbs["whole"], csv_path, args, monkeypatch, capsys, chunked=False)
    chunks = _run(two_dbs["chunks"], csv_path, args, monkeypatch, capsys, chunked=True)
    assert "Read in chunks of 9 rows" in chunks[1] and whole[0] == chunks[0] == 0
    assert _lines(whole[1]) == _lines(chunks[1]) and whole[2] == chunks[2]
    assert _state(two_dbs["whole"]) == _state(two_dbs["chunks"])

    lines = messy_csv().replace("\n", ",\n").splitlines()
    lines[40] += "stray"  # line 41, in the fifth chunk
    csv_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    chunks = _run(two_dbs["chunks"], csv_path, args, monkeypatch, capsys, chunked=True)
    assert chunks[0] == 1 and "Read in chunks" not in chunks[1]
    assert "refused: Line 41 has 9 fields but the header has 8" in chunks[2]


def test_a_last_chunk_whose_dates_do_not_tell_the_order_needs_no_second_pass(
    two_dbs, tmp_path, monkeypatch, capsys
):
    # month first (the second part reaches 25) in the first two chunks (9 lines each, the header too); the last
    # 4 rows' dates are all <= 12 both ways: that chunk alone cannot tell, but it reads its columns month first
    # as the file does
    lines = ["Ticket No,Opened,Via,Category,Shop,Handler,Replied,CSAT"]
    for i in range(1, 22):
        day = 10 + i if i <= 15 else i - 14  # rows 18-21, the last chunk: 4-7 March
        lines.append(f"T-{i},03/{day:02d}/2026 09:{i:02d},hotline,refund,S001,A001,03/{day:02d}/2026 11:00,4")
    csv_path = tmp_path / "tail.csv"
    csv_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    whole = _run(two_dbs["whole"], csv_path, MAP, monkeypatch, capsys, chunked=False)
    passes = []
    real = stream._prepare_chunks
    monkeypatch.setattr(stream, "_prepare_chunks", lambda *a: passes.append(1) or real(*a))
    chunks = _run(two_dbs["chunks"], csv_path, MAP, monkeypatch, capsys, chunked=True)
    assert whole[0] == chunks[0] == 0 and "Read in chunks of 9 rows" in chunks[1]
    assert len(passes) == 1
    assert _lines(whole[1]) == _lines(chunks[1]) and whole[2] == chunks[2]
    a, b = _state(two_dbs["whole"]), _state(two_dbs["chunks"])
    assert len(a["complaints"]) == 21 and a == b
    con = db.connect(two_dbs["chunks"], read_only=True)
    try:  # the tail read month first: 03/05 is 5 March (Berlin, so 08:19 UTC), not 3 May
        got = con.execute("select received_at from complaints where source_id = 'T-19'").fetchone()[0]
    finally:
        con.close()
    assert str(got) == "2026-03-05 08:19:00"
