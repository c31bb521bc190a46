"""The corpus of bad and messy complaint files (tests/corpus/complaints/, made by tests/corpus_complaints.py).

Refused files: each gets its own message, and the database is unchanged afterwards (row count and a hash of
every row of each table the import touches). Messy files: each imports with the result worked out by hand
in the comments (Asia/Shanghai is UTC+8 all year, no daylight saving).
"""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest

from portal import export
from portal.auth import User
from portal.i18n import Both, listed, t
from portal.ingest import batches, pipeline, reading, registry
from portal.scope import Scope
from tests import corpus_complaints as cc

NOW = datetime(2026, 6, 1)
ADMIN = User("t_admin", "Test Admin", ("admin",), Scope.everything())
KIND = registry.kind("complaints")
TABLES = (
    "complaints",
    "complaint_status_history",
    "import_batches",
    "batch_row_snapshots",
    "stores",
    "agents",
    "audit_log",
    "column_mappings",
)
# The baseline holds C-1 (open, no response yet): a refused file that carries C-1 with a response would update it.
BASELINE = cc._csv(
    cc.HEADER,
    "C-1,2026-03-01 09:30,hotline,product quality,normal,S001,A001,,,",
    "B-2,2026-02-01 08:00,online,delivery,low,S002,A002,2026-02-01 09:00,,",
)


def fingerprint(con) -> dict[str, tuple[int, int]]:
    out = {}
    for table in TABLES:
        out[table] = tuple(
            con.execute(
                f"select count(*), coalesce(sum(hash(t)::hugeint), 0) from {table} as t"  # noqa: S608 - fixed names
            ).fetchone()
        )
    return out


def opts(**kw) -> pipeline.ImportOptions:
    return pipeline.ImportOptions(now=NOW, **kw)


def corpus_bytes(name: str) -> bytes:
    return (cc.CORPUS_DIR / name).read_bytes()


def run(con, name: str, data: bytes | None = None, **kw):
    return pipeline.import_bytes(
        con, KIND, corpus_bytes(name) if data is None else data, name, None, opts(**kw), ADMIN
    )


@pytest.fixture
def base(con):
    pipeline.import_bytes(con, KIND, BASELINE, "baseline.csv", None, opts(), ADMIN)
    return con


def test_corpus_files_are_what_the_generator_makes():
    files = cc.all_files()
    assert len(files) >= 20
    on_disk = {p.name for p in cc.CORPUS_DIR.iterdir()}
    assert on_disk == set(files)
    for name, data in files.items():
        if not data.startswith(b"PK"):  # a workbook embeds its save time
            assert (cc.CORPUS_DIR / name).read_bytes() == data, name


# ---------------------------------------------------------------- refused while reading the file
READ_REFUSED = {
    "empty.csv": ("ingest.refused.empty", {}),
    "blank_lines_only.csv": ("ingest.refused.empty", {}),
    "bom_only.csv": ("ingest.refused.empty", {}),
    "header_only.csv": ("ingest.refused.no_rows", {}),
    "image_named.csv": ("ingest.refused.binary", {"name": "image_named.csv"}),
    "workbook_named.csv": ("ingest.refused.binary_named_csv", {"name": "workbook_named.csv"}),
    "text_named.xlsx": ("ingest.refused.not_spreadsheet", {"name": "text_named.xlsx"}),
    "no_data_sheet.xlsx": ("ingest.refused.no_data_sheet", {}),
    "no_header.csv": ("ingest.refused.no_header", {"row": 1}),
    # header 10 fields; the third line (C-2) has 10 + 2 extra cells
    "ragged_row.csv": ("ingest.refused.ragged", {"line": 3, "seen": 12, "expected": 10}),
    "utf16_nul_bytes.csv": ("ingest.refused.binary", {"name": "utf16_nul_bytes.csv"}),
}


@pytest.mark.parametrize("name", sorted(READ_REFUSED))
def test_refused_files_say_why_and_write_nothing(base, name):
    before = fingerprint(base)
    with pytest.raises(reading.FileRefused) as caught:
        run(base, name)
    reason, values = READ_REFUSED[name]
    assert caught.value.reason == reason
    assert caught.value.values == values
    assert str(caught.value) == t(reason, "en", **values)  # the CLI and the page say the same
    assert t(reason, "zh", **values) != t(reason, "en", **values)
    assert fingerprint(base) == before


def test_a_file_over_the_size_limit_is_refused(base):
    data = cc.too_large(limit_mb=1)
    before = fingerprint(base)
    with pytest.raises(reading.FileRefused) as caught:
        pipeline.import_bytes(base, KIND, data, "big.csv", None, opts(), ADMIN, limit_mb=1)
    assert caught.value.reason == "ingest.refused.too_large"
    assert caught.value.values["limit_mb"] == 1
    assert caught.value.values["size_mb"] == pytest.approx(len(data) / 1024 / 1024)
    assert "over the upload limit of 1 MB" in str(caught.value)
    assert fingerprint(base) == before


# ---------------------------------------------------------------- readable, but the rows or columns are invalid
def _refused_at_commit(con, name):
    before = fingerprint(con)
    raw = reading.read_upload(corpus_bytes(name), name)
    prepared = pipeline.prepare(con, KIND, raw, None, opts(), ADMIN)
    with pytest.raises(pipeline.NothingWritten) as caught:
        pipeline.commit(con, prepared, ADMIN)
    assert fingerprint(con) == before
    return prepared, caught.value


def _errors(prepared) -> set[tuple]:
    return {(r.row, r.column, r.reason) for r in prepared.errors.itertuples()}


def test_unrecognised_columns_need_a_mapping(base):
    prepared, exc = _refused_at_commit(base, "unrecognised_columns.csv")
    assert exc.reason == "ingest.refused.mapping"
    assert {k for k, _ in prepared.file_errors} == {"ingest.mapping.required_missing"}
    # no id column is no problem (a derived id, issue 9), nor is no channel column (other, SPEC §2); the received
    # time is needed
    assert {v["field"] for _, v in prepared.file_errors} == {"received_at"}


def test_a_missing_required_column_is_named(base):
    prepared, exc = _refused_at_commit(base, "missing_required_column.csv")
    assert exc.reason == "ingest.refused.mapping"
    assert [(k, v["field"]) for k, v in prepared.file_errors] == [
        ("ingest.mapping.required_missing", "received_at")
    ]
    # named by the field's label in the user's language, not its id (issue 9)
    key, values = prepared.file_errors[0]
    assert "“Received (date and time)”" in t(key, "en", **values)
    assert "“接收时间”" in t(key, "zh", **values)


def test_a_used_column_whose_name_repeats_is_refused_naming_it(base):
    # store_code twice (columns 6 and 11): which of them holds the store cannot be told
    prepared, exc = _refused_at_commit(base, "duplicate_headers.csv")
    assert exc.reason == "ingest.refused.mapping"
    columns = ["store_code (column 6)", "store_code (column 11)"]
    # each language names the columns its own way (review of e781e0e: the Chinese said "(column 6)")
    zh_columns = ["store_code(第 6 列)", "store_code(第 11 列)"]
    assert prepared.file_errors == [
        (
            "ingest.mapping.repeated_name",
            {
                "name": "store_code",
                "columns": Both(listed(columns).en, listed(zh_columns).zh),
                "column": Both(columns[0], zh_columns[0]),
                "label": prepared.file_errors[0][1]["label"],
            },
        )
    ]
    en = t(prepared.file_errors[0][0], "en", **prepared.file_errors[0][1])
    zh = t(prepared.file_errors[0][0], "zh", **prepared.file_errors[0][1])
    assert "more than once" in en and "“Store code”" in en
    assert "(store_code (column 6), store_code (column 11)) and store_code (column 6) is mapped" in en
    assert "不止一次" in zh and "“门店编码”" in zh and "column" not in zh
    assert "(store_code(第 6 列)、store_code(第 11 列))，而 store_code(第 6 列) 被映射" in zh


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_repeated_and_blank_header_names_are_numbered_by_their_position_in_the_file(fmt):
    # review of e781e0e: an empty column (2) was dropped before the names were numbered, so the two Tags (file
    # columns 4 and 5) were "Tags (column 3)" / "(column 4)" and the nameless column 6 "column 5"
    rows = [
        ["Case", "", "Opened", "Tags", "Tags", "", "Note"],
        ["C-1", "", "2026-03-01 10:00", "a", "b", "x", "n"],
    ]
    if fmt == "csv":
        data = "".join(",".join(r) + "\n" for r in rows).encode()
    else:
        data = cc._xlsx([[c or None for c in r] for r in rows])
    raw = reading.read_upload(data, f"tags.{fmt}")
    assert raw.headers == ["Case", "Opened", "Tags (column 4)", "Tags (column 5)", "column 6", "Note"]


def test_a_repeated_name_of_a_column_the_import_does_not_use_is_no_reason_to_refuse(base):
    # session 40's probe: a helpdesk export's two 备注 (notes) columns refused the file, though no field reads them
    data = (
        "工单号,接收时间,门店编码,备注,处理人,备注\n"
        "C-1,2026-03-01 10:00,S001,顾客来电,A001,已回访\n"
        "C-2,2026-03-01 11:00,S002,,A002,\n"
    ).encode()
    before = fingerprint(base)
    raw = reading.read_upload(data, "notes_twice.csv")
    assert raw.headers == ["工单号", "接收时间", "门店编码", "备注 (column 4)", "处理人", "备注 (column 6)"]
    prepared = pipeline.prepare(base, KIND, raw, None, opts(), ADMIN)
    assert prepared.file_errors == []
    assert "备注 (column 4)" not in prepared.mapping.values()
    pipeline.commit(base, prepared, ADMIN)
    assert fingerprint(base) != before


def test_resolved_before_received_is_left_out_of_durations_not_refused(base):
    raw = reading.read_upload(corpus_bytes("resolved_before_received.csv"), "resolved_before_received.csv")
    prepared = pipeline.prepare(base, KIND, raw, None, opts(), ADMIN)
    # C-2 (row 3): received 2026-03-05 09:30, resolved 2026-03-04 18:00 -> before: the stamp is left out
    assert _errors(prepared) == set()
    assert [v for k, v in prepared.notices if k == "ingest.notice.stamps_left_out"] == [
        {
            "column": prepared.mapping["resolved_at"],
            "n": 1,
            "why": Both("earlier than the received time", "早于受理时间"),
            "rows": listed(["3 (C-2)"]),
        }
    ]
    assert pd.isna(prepared.values.loc[3, "resolved_at"])
    assert prepared.n_valid == 2


def test_a_date_in_the_future_is_an_invalid_row(base):
    prepared, _ = _refused_at_commit(base, "future_received.csv")
    assert _errors(prepared) == {(3, "received_at", "ingest.error.future")}  # 2031 > now (2026-06-01)


def test_a_key_twice_in_one_file_names_the_first_row(base):
    prepared, _ = _refused_at_commit(base, "duplicate_ids.csv")
    assert _errors(prepared) == {(3, "source_id", "ingest.error.duplicate")}
    assert prepared.errors["detail"].tolist() == ["2"]


def test_unknown_codes_are_listed(base):
    prepared, _ = _refused_at_commit(base, "unknown_store_and_agent.csv")
    assert prepared.unknown_codes == {"store_code": ["S999"], "agent_code": ["A777"]}
    assert _errors(prepared) == {
        (2, "store_code", "ingest.error.unknown_store"),
        (2, "agent_code", "ingest.error.unknown_agent"),
    }


def test_bad_values_each_get_row_column_and_reason(base):
    prepared, exc = _refused_at_commit(base, "bad_values.csv")
    assert _errors(prepared) == {
        (2, "post_resolution_csat", "ingest.error.out_of_range"),  # 9 > 5
        (3, "received_at", "ingest.error.not_a_date"),  # yesterday
    }
    assert exc.values == {"n": 2, "total": 2}
    # issue 9: an unknown channel or severity never refuses a row: 'carrier pigeon' counts as other,
    # 'urgentish' as normal, each listed in the preview
    assert (
        prepared.values.loc[2, "channel"] == "other"
        and prepared.values.loc[2, "channel_raw"] == "carrier pigeon"
    )
    assert prepared.values.loc[3, "severity"] == "normal"
    assert {(r.field, r.value, r.how) for r in prepared.value_report if r.how == "unmapped"} >= {
        ("channel", "carrier pigeon", "unmapped"),
        ("severity", "urgentish", "unmapped"),
    }


# ---------------------------------------------------------------- messy files with a defined result
def _one(con, source_id: str) -> dict:
    df = con.execute("select * from complaints where source_id = ?", [source_id]).df()
    assert len(df) == 1, source_id
    return df.iloc[0].to_dict()


def test_utf8_bom_with_chinese_headers(con):
    prepared, result = run(con, "utf8_bom_chinese_headers.csv")
    assert prepared.raw.encoding == "utf-8-sig"
    assert (
        prepared.mapping["source_id"] == "投诉编号"
        and prepared.mapping["first_response_at"] == "首次响应时间"
    )
    row = _one(con, "Z-1")
    assert row["received_at"] == pd.Timestamp("2026-03-01 01:30")  # 09:30 +08:00
    assert (row["channel"], row["category_group"], row["severity"]) == ("online", "delivery", "normal")
    assert row["first_response_at"] == pd.Timestamp("2026-03-01 03:00")  # 11:00 +08:00
    assert row["status"] == "responded"


def test_gbk_file_is_decoded_without_asking(con):
    prepared, result = run(con, "gbk_chinese.csv")
    assert prepared.raw.encoding == "gb18030" and result.rows_added == 2
    g1, g2 = _one(con, "G-1"), _one(con, "G-2")
    assert (g1["channel"], g1["category_raw"], g1["category_group"], g1["severity"]) == (
        "hotline",
        "产品质量",
        "product_quality",
        "high",
    )
    assert (g2["channel"], g2["category_group"], g2["severity"], g2["status"]) == (
        "in_store",
        "service_attitude",
        "low",
        "open",
    )


def test_no_first_response_column(con):
    prepared, _ = run(con, "no_first_response_column.csv")
    assert prepared.mapping["first_response_at"] is None
    n1, n2 = _one(con, "N-1"), _one(con, "N-2")
    assert pd.isna(n1["first_response_at"]) and n1["status"] == "closed"  # derived from closed_at
    assert n1["resolved_at"] == pd.Timestamp("2026-03-02 02:00")
    assert n2["status"] == "open"
    history = con.execute(
        "select c.source_id, h.status, h.changed_at from complaint_status_history h "
        "join complaints c using (complaint_id) order by 1"
    ).fetchall()
    # closed at its closed_at (10:00 +08:00); open at its received_at (10:30 +08:00)
    assert history == [
        ("N-1", "closed", datetime(2026, 3, 3, 2, 0)),
        ("N-2", "open", datetime(2026, 3, 1, 2, 30)),
    ]


def test_naive_local_time_is_stored_in_utc(con):
    run(con, "naive_local_times.csv")
    row = _one(con, "C-1")
    assert row["received_at"] == pd.Timestamp("2026-03-01 01:30")  # 2026-03-01 09:30 Asia/Shanghai
    assert row["first_response_at"] == pd.Timestamp("2026-03-01 02:00")
    assert row["resolved_at"] == pd.Timestamp("2026-03-02 01:30")
    assert not row["received_date_only"] and row["status"] == "resolved"


def test_naive_local_time_in_another_zone(con):
    run(con, "naive_local_times.csv", timezone="Europe/London")
    # 2026-03-01 is winter time in London (UTC+0): 09:30 stays 09:30
    assert _one(con, "C-1")["received_at"] == pd.Timestamp("2026-03-01 09:30")


def test_us_style_am_pm(con):
    run(con, "us_style_ampm.csv")
    u1, u2 = _one(con, "U-1"), _one(con, "U-2")
    assert u1["received_at"] == pd.Timestamp("2026-03-01 06:15")  # 2:15 PM = 14:15 local
    assert u1["first_response_at"] == pd.Timestamp("2026-03-01 15:59:59")  # 11:59:59 PM = 23:59:59 local
    assert u2["received_at"] == pd.Timestamp("2026-03-01 16:05")  # 12:05 AM on 3/2 = 00:05 local
    assert u2["first_response_at"] == pd.Timestamp("2026-03-02 04:30")  # 12:30 PM = 12:30 local


def test_date_only_stamps_stay_dates(con):
    run(con, "date_only_stamps.csv")
    w = _one(con, "W-1")
    assert w["received_at"] == pd.Timestamp("2026-03-01") and w["received_date_only"]
    assert w["first_response_at"] == pd.Timestamp("2026-03-02") and w["first_response_date_only"]
    assert w["resolved_at"] == pd.Timestamp("2026-03-04") and w["resolved_date_only"]
    assert w["status"] == "resolved"


def test_closed_stamps_at_midnight_are_date_only(con):
    prepared, _ = run(con, "closed_at_midnight.csv")
    assert ("ingest.notice.date_only_column", {"column": "closed_at"}) in prepared.notices
    m1, m2 = _one(con, "M-1"), _one(con, "M-2")
    assert m1["closed_at"] == pd.Timestamp("2026-03-05") and m1["closed_date_only"]  # not shifted by 8 h
    assert not m1["resolved_date_only"]
    # M-2 received 2026-03-03 22:10 local, closed "2026-03-03 00:00": same calendar date, so not "before"
    assert m2["closed_at"] == pd.Timestamp("2026-03-03") and m2["closed_date_only"]
    assert m2["received_at"] == pd.Timestamp("2026-03-03 14:10")


def test_cancelled_with_a_closed_date_stays_cancelled(con):
    run(con, "cancelled_with_closed_date.csv")
    x = _one(con, "X-1")
    assert x["status"] == "cancelled" and x["closed_at"] == pd.Timestamp("2026-03-02 01:00")
    assert con.execute("select status, changed_at from complaint_status_history").fetchall() == [
        ("cancelled", datetime(2026, 3, 2, 1, 0))
    ]


def test_quoted_newlines_keep_row_numbers(con):
    prepared, result = run(con, "quoted_newlines.csv", skip_invalid=True)
    # Q-1 spans physical lines 2-4 but is spreadsheet row 2; Q-2 is row 3 (unknown store S009)
    assert list(prepared.values.index) == [2, 3]
    assert _errors(prepared) == {(3, "store_code", "ingest.error.unknown_store")}
    # the quoted cell is read whole; its line breaks are spaces inside a category, one space each since 3923533
    # (a category differing only in its spaces is the same category)
    assert _one(con, "Q-1")["category_raw"] == 'product quality: broken lid, "leaks"'
    assert (result.rows_added, result.rows_skipped) == (1, 1)
    report = batches.error_report(con, result.batch_id).decode("utf-8-sig")
    assert report.splitlines()[0].startswith("Row,Column,Value,Reason")
    assert "3,store_code,S009,Unknown store code." in report


def test_double_encoded_utf8_is_repaired(con):
    prepared, _ = run(con, "double_encoded_utf8.csv")
    assert prepared.raw.repaired_cells == 1
    d = _one(con, "D-1")
    assert (d["category_raw"], d["category_group"]) == ("产品质量", "product_quality")


def test_codes_that_lost_leading_zeros_or_case(con):
    prepared, _ = run(con, "codes_lost_zeros.csv")
    assert (
        "ingest.notice.codes_repaired",
        {"column": "store_code", "pairs": listed(["S1 → S001"])},
    ) in prepared.notices
    row = _one(con, "L-1")
    assert (row["store_id"], row["agent_id"], row["region_id"]) == (1, 1, 1)  # S001 is in R1


def test_semicolon_delimited(con):
    prepared, result = run(con, "semicolon_delimited.csv")
    assert prepared.raw.delimiter == ";" and result.rows_added == 1


def test_explicit_offsets_win_over_the_time_zone(con):
    run(con, "iso_with_offsets.csv", timezone="America/New_York")
    row = _one(con, "O-1")
    assert row["received_at"] == pd.Timestamp("2026-03-01 01:30")  # 09:30+08:00
    assert row["first_response_at"] == pd.Timestamp("2026-03-01 02:00")  # 02:00Z


def test_blank_rows_and_trailing_delimiters_are_ignored(con):
    prepared, result = run(con, "blank_rows_trailing_commas.csv")
    # row 1 header, row 2 blank, row 3 C-1, rows 4-5 blank, row 6 C-2
    assert list(prepared.values.index) == [3, 6]
    assert prepared.raw.headers == cc.HEADER.split(",")
    assert result.rows_added == 2


def test_formula_cells_are_kept_as_text_and_neutralised_in_exports(con):
    prepared, _ = run(con, "formula_cells.csv")
    assert ("ingest.notice.formula_cells", {"n": 1}) in prepared.notices
    stored = _one(con, "F-1")["category_raw"]
    assert stored == '=HYPERLINK("http://x")'
    exported = export.to_csv_bytes(pd.DataFrame({"category": [stored]})).decode("utf-8-sig")
    assert "'=HYPERLINK" in exported


def test_excel_export_with_its_own_headers(con):
    prepared, result = run(con, "excel_export.xlsx")
    assert prepared.raw.sheet == "Sheet"
    assert {f: c for f, c in prepared.mapping.items() if c} == {
        "source_id": "Ticket No",
        "received_at": "Created",
        "channel": "Channel",
        "store_code": "Shop",
        "agent_code": "Agent",
        "post_resolution_csat": "CSAT",
    }
    e1, e2 = _one(con, "E-1"), _one(con, "E-2")
    assert e1["received_at"] == pd.Timestamp("2026-03-01 01:30") and e1["post_resolution_csat"] == 5
    assert e2["channel"] == "online" and e2["received_at"] == pd.Timestamp("2026-03-02 10:45")
    assert e2["post_resolution_csat"] == 4  # the cell held 4.0


def test_skip_invalid_keeps_the_invalid_rows_in_the_error_report(con):
    prepared, result = run(con, "mixed_valid_invalid.csv", skip_invalid=True)
    assert (result.rows_in_file, result.rows_added, result.rows_skipped) == (3, 2, 1)
    assert con.execute("select count(*) from complaints where source_id = 'V-2'").fetchone()[0] == 0
    report = pd.read_csv(pd.io.common.BytesIO(batches.error_report(con, result.batch_id)), dtype=str)
    assert report[["Row", "Column", "Value"]].values.tolist() == [["3", "received_at", "not a date"]]
    assert report["[source_id]"].tolist() == ["V-2"]  # the row's own cells come along


def test_title_rows_above_the_header(con):
    prepared, result = run(con, "title_rows_above_header.xlsx")
    assert ("ingest.notice.rows_above_header", {"header_row": 4}) in prepared.raw.notes
    assert list(prepared.values.index) == [5, 6] and result.rows_added == 2  # the rows the sheet shows
    assert _one(con, "T-1")["received_at"] == pd.Timestamp("2026-03-01 01:30")  # 09:30 Shanghai


def test_placeholders_are_blank_not_new_codes(con):
    stores_before = con.execute("select count(*) from stores").fetchone()[0]
    prepared, result = run(con, "placeholders_for_blank.csv", add_missing=True)
    # P-1: store N/A, agent -; P-2: store 无, agent null, first response N/A -> 5 cells
    assert ("ingest.notice.placeholders", {"n": 5}) in prepared.notices
    assert result.rows_added == 2
    p1, p2 = _one(con, "P-1"), _one(con, "P-2")
    assert pd.isna(p1["store_id"]) and pd.isna(p1["agent_id"]) and pd.isna(p2["first_response_at"])
    assert con.execute("select count(*) from stores").fetchone()[0] == stores_before


def test_day_first_dates_are_read_day_first_in_every_column(con):
    prepared, _ = run(con, "day_first_dates.csv")
    # each column's notice quotes the column's own first cell that cannot be month first
    for column, cell in (("received_at", "13/03/2026 09:30"), ("first_response_at", "13/03/2026 10:00")):
        assert ("ingest.notice.day_first_column", {"column": column, "example": cell}) in prepared.notices
    f2 = _one(con, "F-2")  # 2 March, not 3 February
    assert (f2["received_at"], f2["first_response_at"]) == (
        pd.Timestamp("2026-03-02 01:30"),
        pd.Timestamp("2026-03-02 03:00"),
    )
