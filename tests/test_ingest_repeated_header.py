"""A header row repeated inside the file (exports pasted together, each with its header) is left out with one
notice naming its row, not read as a complaint. Probe (session 38): each cell of the repeated header was an error
of its own ("received_at" not a date, "store_code" an unknown store, its first response left out, its channel and
status counted as values nobody mapped)."""

from __future__ import annotations

import pytest

from portal.i18n import t
from portal.ingest import pipeline, registry, stream
from tests.test_ingest_complaints import ADMIN, KIND, NOW, csv

HEAD = "source_id,received_at,channel,store_code,first_response_at,status"
PASTED = csv(
    "C-1,2026-03-01 09:30,hotline,S001,2026-03-01 10:00,responded",
    "C-2,2026-03-01 11:00,hotline,S001,,open",
    "\ufeff" + HEAD,  # the second export's header, its byte-order mark kept (cat a.csv b.csv)
    "C-3,2026-03-02 09:30,online,S002,,open",
    "C-4,2026-03-02 11:00,online,S002,2026-03-02 12:00,responded",
    header=HEAD,
)


def said(prepared, lang="en") -> list[str]:
    return [t(k, lang, **v) for k, v in prepared.notices if k == "ingest.notice.repeated_header"]


def check(prepared) -> None:
    assert prepared.errors.empty
    assert prepared.n_rows == 4
    assert said(prepared) == [
        "Row 4 repeats the header (files pasted together, each with its header): left out, not imported."
    ]
    assert said(prepared, "zh") == ["1 行(第 4 行)重复了表头(多个文件拼接在一起，各带表头)：已略过，不导入。"]
    assert not [k for k, _ in prepared.notices if k.startswith("ingest.notice.values_")]


def test_a_repeated_header_is_left_out_with_one_notice(con):
    prepared = pipeline.prepare(
        con, KIND, pipeline.read_upload(PASTED, "pasted.csv"), None, pipeline.ImportOptions(now=NOW), ADMIN
    )
    check(prepared)
    assert pipeline.commit(con, prepared, ADMIN).rows_added == 4


ALONE = csv(  # read in chunks of two lines, the repeated header (and a blank line) is a chunk of its own
    "C-1,2026-03-01 09:30,hotline,S001,2026-03-01 10:00,responded",
    "\ufeff" + HEAD,
    "",
    "C-3,2026-03-02 09:30,online,S002,,open",
    "C-4,2026-03-02 11:00,online,S002,2026-03-02 12:00,responded",
    header=HEAD,
)


@pytest.mark.parametrize(("chunk", "data"), [(2, PASTED), (3, PASTED), (2, ALONE)])
def test_a_file_read_in_chunks_leaves_it_out_alike(con, tmp_path, monkeypatch, chunk, data):
    monkeypatch.setenv("PORTAL_IMPORT_CHUNK_ROWS", str(chunk))
    path = tmp_path / "pasted.csv"
    path.write_bytes(data)
    prepared = stream.prepare(
        con,
        registry.kind("complaints"),
        stream.open_csv(path, 100),
        {f: f for f in HEAD.split(",")},
        pipeline.ImportOptions(now=NOW),
        ADMIN,
    )
    try:
        if data is PASTED:
            check(prepared)
        else:
            assert prepared.errors.empty and prepared.n_rows == 3
            assert said(prepared) == [
                "Row 3 repeats the header (files pasted together, each with its header): left out, not imported."
            ]
    finally:
        prepared.staged.close()


def test_a_row_that_only_partly_repeats_the_header_is_data(con):
    """Not unambiguous: a row whose cells are not all the header's stays a row, with its cell errors."""
    data = csv(
        "C-1,2026-03-01 09:30,hotline,S001,2026-03-01 10:00,responded",
        "source_id,received_at,channel,S001,,open",
        header=HEAD,
    )
    prepared = pipeline.prepare(
        con, KIND, pipeline.read_upload(data, "partly.csv"), None, pipeline.ImportOptions(now=NOW), ADMIN
    )
    assert not said(prepared)
    assert list(prepared.errors["row"]) == [3]
