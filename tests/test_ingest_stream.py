"""A large CSV imported in chunks (portal.ingest.stream, issue 14) stores the same rows and says the same things
as the same file read whole: a messy complaint export, cut into chunks of a few rows, through the command line
both ways into two copies of one database."""

from __future__ import annotations

import shutil

import pytest

from portal import cli, db
from portal.i18n import listed, t
from portal.ingest import registry, stream
from tests import fixtures

CHANNELS = ["hotline", "WeChat", "web form", "fax", "Phone", "weird-channel"]
CATEGORIES = ["refund", "delivery late", "产品质量", "other stuff"]


def _stamp(day: int, month: int, hour: int, minute: int = 0) -> str:
    return f"{day:02d}/{month:02d}/2026 {hour:02d}:{minute:02d}"


def messy_csv(rows: int = 80) -> str:
    """A complaint export as a ticketing tool writes one, with what real exports hold: d/m/y dates whose order
    only rows far down tell (day above 12 from row 42 on), keys repeated across the file, a row without an id,
    unparseable and future dates, an unknown and a zero-stripped store code, a CSAT out of range, a reply before
    the complaint, values no one mapped, a quoted cell with the delimiter, double-encoded UTF-8, a zero-width
    character and a blank line."""
    lines = ["Ticket No,Opened,Via,Category,Shop,Handler,Replied,CSAT"]
    for i in range(1, rows + 1):
        ticket = {30: "T-3", 31: "T-3", 60: "T-12", 44: ""}.get(i, f"T-{i}")
        day = 1 + i % 12 if i <= 40 else 13 + i % 15
        month = 1 + i % 9
        opened = {22: "soon", 23: "01/01/2099 10:00"}.get(i, _stamp(day, month, 9 + i % 8, i % 60))
        replied = "" if i % 5 == 0 else _stamp(day, month, 11 + i % 8)
        if i == 15:
            replied = _stamp(day, month, 7)  # before the complaint: left out of the durations
        category = CATEGORIES[i % len(CATEGORIES)]
        category = {33: '"late, very"', 35: "投诉".encode().decode("cp1252"), 36: "\u200bdelivery"}.get(
            i, category
        )
        shop = {25: "S999", 26: "S1", 27: "s002"}.get(i, "S001" if i % 3 else "S002")
        csat = {27: "9", 28: ""}.get(i, str(1 + i % 5))
        lines.append(
            f"{ticket},{opened},{CHANNELS[i % len(CHANNELS)]},{category},{shop},A00{1 + i % 2},{replied},{csat}"
        )
        if i == 50:
            lines.append("")
    return "\n".join(lines) + "\n"


TABLES = {  # all but the moments of the import itself (the batch's time stands in as "batch")
    "complaints": "select * exclude (created_at, updated_at) from complaints order by complaint_id",
    "complaint_status_history": "select h.complaint_id, h.status, case when h.changed_at = b.created_at "
    "then 'batch' else h.changed_at::varchar end, h.batch_id from complaint_status_history as h "
    "join import_batches as b using (batch_id) order by all",
    "import_batches": "select * exclude (created_at) from import_batches order by batch_id",
}


@pytest.fixture
def two_dbs(tmp_path, monkeypatch):
    base = tmp_path / "base.duckdb"
    fixtures.build_fixture_db(base).close()
    paths = {}
    for way in ("whole", "chunks"):
        paths[way] = tmp_path / f"{way}.duckdb"
        shutil.copyfile(base, paths[way])
    monkeypatch.setenv("USER", "t_stream")
    return paths


def _run(path, csv_path, args, monkeypatch, capsys, chunked: bool, rows: int = 9):
    monkeypatch.setenv("PORTAL_DB", str(path))
    monkeypatch.setenv("PORTAL_IMPORT_STREAM_MB", "0" if chunked else "100000")
    monkeypatch.setenv("PORTAL_IMPORT_CHUNK_ROWS", str(rows))
    capsys.readouterr()
    code = cli.main(["import", "complaints", str(csv_path), *args])
    out, err = capsys.readouterr()
    return code, out, err


def _state(path) -> dict:
    con = db.connect(path)
    try:
        return {name: con.execute(sql).fetchall() for name, sql in TABLES.items()}
    finally:
        con.close()


MAP = ["--map", "source_id=Ticket No", "--map", "received_at=Opened", "--map", "first_response_at=Replied"]
MAP += [
    "--map",
    "channel=Via",
    "--map",
    "post_resolution_csat=CSAT",
    "--map",
    "category=Category",
    "--timezone",
    "Europe/Berlin",
]


def _lines(text: str) -> list[str]:
    return sorted(line for line in text.splitlines() if not line.startswith("Read in chunks of"))


def test_chunks_store_the_same_rows_and_messages_as_the_whole_file(two_dbs, tmp_path, monkeypatch, capsys):
    csv_path = tmp_path / "export.csv"
    csv_path.write_text(messy_csv(), encoding="utf-8")
    args = [*MAP, "--skip-invalid"]
    whole = _run(two_dbs["whole"], csv_path, args, monkeypatch, capsys, chunked=False)
    passes = []
    real = stream._prepare_chunks
    monkeypatch.setattr(stream, "_prepare_chunks", lambda *a: passes.append(1) or real(*a))
    chunks = _run(two_dbs["chunks"], csv_path, args, monkeypatch, capsys, chunked=True)
    assert whole[0] == chunks[0] == 0
    assert "Read in chunks of 9 rows" in chunks[1] and "Read in chunks" not in whole[1]
    # the first chunks show no day order (every day <= 12), row 42 on shows day first: read again with it
    assert len(passes) == 2
    assert _lines(whole[1]) == _lines(chunks[1])  # notices (counts added up over the chunks), the batch line
    assert whole[2] == chunks[2]

    def rows(out: str) -> list[str]:  # each bad row's message, in row order
        return [line for line in out.splitlines() if line.startswith("row ")]

    assert rows(whole[1]) == rows(chunks[1])
    # the file holds what the comparison is about (else it proves little)
    for said in (
        "Dates in Opened are read day first (DD/MM/YYYY): the column holds “24/06/2026 10:41”",  # row 42
        "Opened: 79 times carry no time zone",
        "Shop: values matched to codes of the master data after restoring lost leading zeros or letter case, "
        "by the name given instead of the code, or by the code the value holds: S1 → S001, s002 → S002.",
        "Replied: 1 stamp is missing a usable time",
        "1 cell held double-encoded UTF-8 text",
        "80 rows in file, 72 added, 0 updated, 0 unchanged, 8 skipped",
    ):
        assert said in chunks[1]
    for said in (
        "row 24, column Opened: The date is in the future.",
        "row 26, column Shop: Unknown store code.",
        "row 31, column Ticket No: The same key appears earlier in the file, at row 4.",
        "row 32, column Ticket No: The same key appears earlier in the file, at row 4.",
        "row 62, column Ticket No: The same key appears earlier in the file, at row 13.",
    ):
        assert any(line.startswith(said) for line in rows(chunks[1]))
    a, b = _state(two_dbs["whole"]), _state(two_dbs["chunks"])
    assert len(a["complaints"]) == 72 and a == b
    assert (
        a["import_batches"][0][11] == 8 and "[Ticket No]" in a["import_batches"][0][-1]
    )  # skipped, reported


def test_chunks_refuse_invalid_rows_as_the_whole_file_does(two_dbs, tmp_path, monkeypatch, capsys):
    csv_path = tmp_path / "export.csv"
    csv_path.write_text(messy_csv(), encoding="utf-8")
    whole = _run(two_dbs["whole"], csv_path, MAP, monkeypatch, capsys, chunked=False)
    chunks = _run(two_dbs["chunks"], csv_path, MAP, monkeypatch, capsys, chunked=True)
    assert whole[0] == chunks[0] == 1
    assert whole[2] == chunks[2] and "Nothing written" in chunks[2]
    assert _state(two_dbs["chunks"]) == _state(two_dbs["whole"])
    assert _state(two_dbs["chunks"])["complaints"] == []


def test_a_file_the_chunks_cannot_read_exactly_is_read_whole(tmp_path, monkeypatch):
    kind = registry.kind("complaints")
    title = tmp_path / "title.csv"  # a report title above the header
    title.write_text("Complaints export\n" + messy_csv(20), encoding="utf-8")
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes(messy_csv(20).encode("gb18030", errors="replace"))
    hint = tmp_path / "hint.csv"
    hint.write_text("sep=,\n" + messy_csv(20), encoding="utf-8")
    long_cell = (
        tmp_path / "long.csv"
    )  # refused whole: the message names the file's longest cell, not the chunk's
    long_cell.write_text(messy_csv(20).replace("refund", "refund " + "x" * 40, 1), encoding="utf-8")
    monkeypatch.setenv("PORTAL_MAX_CELL_CHARS", "30")
    for path in (title, gbk, hint, long_cell):
        assert stream.streamable(kind, path, threshold_mb=0)
        with pytest.raises(stream.NotStreamable):
            stream.open_csv(path, 200, rows=5)
    assert not stream.streamable(kind, title, threshold_mb=1)  # small files are read whole anyway


def test_a_write_failing_inside_the_commit_leaves_nothing(two_dbs, tmp_path, monkeypatch, capsys):
    """The spooled rows reach the database in the batch's one transaction: a write that fails after the
    complaints were inserted (their status history next) leaves no complaint and no batch, and says so."""
    import duckdb

    from portal import writes

    csv_path = tmp_path / "export.csv"
    csv_path.write_text(messy_csv(), encoding="utf-8")
    real, ran = writes.run, []

    def failing(cur, name, params=None):
        ran.append(name)
        if name == "complaints_history_inserted":  # a file of new keys: inserted without the stage
            raise duckdb.IOException("IO Error: No space left on device")
        return real(cur, name, params)

    monkeypatch.setattr(writes, "run", failing)
    code, _, err = _run(
        two_dbs["chunks"], csv_path, [*MAP, "--skip-invalid"], monkeypatch, capsys, chunked=True
    )
    assert code == 3 and "the disk is full" in err and "Nothing of this command was committed" in err
    assert "complaints_insert_new" in ran  # it got that far
    state = _state(two_dbs["chunks"])
    assert state["complaints"] == [] and state["import_batches"] == []


def test_a_commit_out_of_memory_runs_again_with_duckdbs_own_limit(two_dbs, tmp_path, monkeypatch, capsys):
    """The commit of a chunked import runs under PORTAL_IMPORT_COMMIT_MB; when DuckDB runs out of it (a file far
    larger than a million rows), the rolled-back commit runs once more under DuckDB's own limit."""
    import duckdb

    from portal import writes

    csv_path = tmp_path / "export.csv"
    csv_path.write_text(messy_csv(), encoding="utf-8")
    real, limits = writes.run, []

    def out_of_memory_once(cur, name, params=None):
        if name == "complaints_insert_new":
            limits.append(cur.execute("select current_setting('memory_limit')").fetchone()[0])
            if len(limits) == 1:
                raise duckdb.OutOfMemoryException(
                    "Out of Memory Error: failed to pin block of size 256.0 KiB"
                )
        return real(cur, name, params)

    monkeypatch.setattr(writes, "run", out_of_memory_once)
    monkeypatch.setenv("PORTAL_IMPORT_COMMIT_MB", "77")
    code, out, _ = _run(
        two_dbs["chunks"], csv_path, [*MAP, "--skip-invalid"], monkeypatch, capsys, chunked=True
    )
    assert code == 0
    assert "needed more memory than PORTAL_IMPORT_COMMIT_MB (77 MB); it was rolled back and ran again" in out
    assert len(limits) == 2 and limits[0].startswith("7") and limits[1] != limits[0]  # 77 MB, then DuckDB's
    state = _state(two_dbs["chunks"])
    assert len(state["complaints"]) == 72 and len(state["import_batches"]) == 1


def test_the_upload_pages_way_keeps_duckdbs_limit_says_how_far_and_shows_the_first_rows(tmp_path):
    # the upload page (portal/ui_upload_file.py) reads in chunks inside the server: DuckDB's memory limit is the
    # whole server's, so it is left as it is; a progress bar is fed the share of the file read; the preview's
    # first rows are those of the whole file (a chunk of 9 holds fewer than the preview's 20)
    from portal.auth import User
    from portal.ingest import pipeline, preview
    from portal.scope import Scope

    admin = User("t_admin", "Test Admin", ("admin",), Scope.everything())
    path = tmp_path / "own.duckdb"
    fixtures.build_fixture_db(path).close()
    csv_path = tmp_path / "upload.csv"
    csv_path.write_text(messy_csv(80), encoding="utf-8")
    kind = registry.kind("complaints")
    picks = {"source_id": "Ticket No", "received_at": "Opened", "channel": "Via", "category": "Category"}
    options = pipeline.ImportOptions(timezone="Europe/Berlin")
    con = db.connect(path)
    try:
        con.execute("set memory_limit = '1234MB'")
        before = con.execute("select current_setting('memory_limit')").fetchone()[0]
        shares = []
        chunks = stream.open_csv(csv_path, 200, rows=9, file_name="Export März.csv")
        assert (
            chunks.first.file_name == "Export März.csv" and chunks.lines == 83
        )  # 81 lines, a blank, the end
        prepared = stream.prepare(
            con, kind, chunks, picks, options, admin, limit_memory=False, progress=shares.append
        )
        try:
            assert con.execute("select current_setting('memory_limit')").fetchone()[0] == before
            assert prepared.raw.file_name == "Export März.csv"
            # two passes (the day order is told far down), each chunk reported, growing to the file's end
            # (the last data row is line 82 of 83: the file ends with a line break); 9 chunks a pass: the
            # last line read comes with the chunk before it (the file's last rows, where a footer would be)
            assert len(shares) == 2 * 9 and shares[8] == pytest.approx(82 / 83)
            assert shares[:9] == sorted(shares[:9]) and shares[9:] == shares[:9]
            whole = pipeline.prepare(
                con, kind, pipeline.read(con, kind, csv_path.read_bytes(), "x.csv"), picks, options, admin
            )
            assert len(prepared.head) == min(stream.HEAD_ROWS, len(whole.values)) == 80
            for lang in ("en", "zh"):
                got = preview.first_rows(prepared, lang, timezone="Asia/Shanghai")
                want = preview.first_rows(whole, lang, timezone="Asia/Shanghai")
                assert len(got) == preview.PREVIEW_ROWS and got.equals(want)
        finally:
            prepared.staged.close()
        # the command line's way still limits DuckDB while reading and sets the commit's limit after
        chunks = stream.open_csv(csv_path, 200, rows=9)
        prepared = stream.prepare(con, kind, chunks, picks, options, admin)
        try:
            limit = con.execute("select current_setting('memory_limit')").fetchone()[0]
            assert limit != before and prepared.staged.memory_limit == before
        finally:
            prepared.staged.close()
    finally:
        con.close()


def test_the_servers_duckdb_memory_is_set_from_the_environment(tmp_path, monkeypatch):
    # PORTAL_DUCKDB_MEMORY_MB: the web server's DuckDB limit (an upload read in chunks spills past it)
    from portal import config
    from portal.ui import core

    for text, want in (("", None), ("512", 512), (" 2048 ", 2048), ("10", 64), ("lots", None)):
        monkeypatch.setenv("PORTAL_DUCKDB_MEMORY_MB", text)
        assert config.server_duckdb_mb() == want, text
    path = tmp_path / "own.duckdb"
    fixtures.build_fixture_db(path).close()
    monkeypatch.setenv("PORTAL_DUCKDB_MEMORY_MB", "512")
    core._connection.clear()
    con = core._connection(str(path))
    try:
        assert con.execute("select current_setting('memory_limit')").fetchone()[0] == "488.2 MiB"  # 512 MB
    finally:
        con.close()
        core._connection.clear()


def test_repaired_codes_of_the_chunks_are_listed_once_each_in_each_languages_way():
    """Each chunk lists the codes it repaired; the file's notice lists them all once, ", " in English and "、" in
    Chinese, a name holding a comma kept whole ("Wang, Li" given for A003)."""
    key = "ingest.notice.codes_repaired"
    first = [(key, {"column": "Handler", "pairs": listed(["Wang, Li → A003", "a1 → A001"])})]
    second = [(key, {"column": "Handler", "pairs": listed(["Wang, Li → A003", "A2 → A002"])})]
    [(merged_key, merged)] = stream._merge_notices([first, second], [], [])
    assert merged_key == key
    assert merged == {"column": "Handler", "pairs": listed(["A2 → A002", "Wang, Li → A003", "a1 → A001"])}
    assert t(key, "zh", **merged).endswith("：A2 → A002、Wang, Li → A003、a1 → A001。")


FOOTER = (  # a Salesforce report's last lines: blank lines, a totals row, the footer lines
    '\n"Grand Totals (80 records)"\n\n"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."\n'
    '"Confidential Information - Do Not Distribute"\n"Generated By:  Jane Doe  3/4/2026 9:30 AM"\n"Acme Retail"\n'
)


@pytest.mark.parametrize("rows", [9, 10, 13])
def test_a_reports_footer_is_left_out_in_chunks_as_whole(rows, two_dbs, tmp_path, monkeypatch, capsys):
    """The footer and totals rows at the end of a report (header.footer_rows) are no rows in chunks either: the
    chunks store the same rows and give the same notice naming them (they were refused as rows without a
    received time). Chunks of 9, 10 and 13 lines end the file on a full chunk and on short ones."""
    csv_path = tmp_path / "export.csv"
    csv_path.write_text(messy_csv() + FOOTER, encoding="utf-8")
    args = [*MAP, "--skip-invalid"]
    whole = _run(two_dbs["whole"], csv_path, args, monkeypatch, capsys, chunked=False, rows=rows)
    chunks = _run(two_dbs["chunks"], csv_path, args, monkeypatch, capsys, chunked=True, rows=rows)
    assert f"Read in chunks of {rows} rows" in chunks[1] and whole[0] == chunks[0] == 0
    footer = t("ingest.notice.footer_rows", "en", rows=listed([84, 86, 87, 88, 89]), n=5)
    assert footer in whole[1] and footer in chunks[1]
    assert _lines(whole[1]) == _lines(chunks[1]) and whole[2] == chunks[2]
    assert _state(two_dbs["whole"]) == _state(two_dbs["chunks"])


def test_a_footer_the_chunks_cannot_tell_apart_sends_the_file_to_the_whole_reader(
    two_dbs, tmp_path, monkeypatch, capsys
):
    """The last chunk holds only rows of one cell, whose start may lie in the chunk before, given out already:
    the file is read whole (the same rows and notice as the whole reader's)."""
    csv_path = tmp_path / "export.csv"
    lines = messy_csv(8).splitlines()
    csv_path.write_text("\n".join(lines) + '\n"Total"\n"Acme Retail"\n', encoding="utf-8")
    args = [*MAP, "--skip-invalid"]
    whole = _run(two_dbs["whole"], csv_path, args, monkeypatch, capsys, chunked=False, rows=len(lines))
    chunks = _run(two_dbs["chunks"], csv_path, args, monkeypatch, capsys, chunked=True, rows=len(lines))
    assert "Read in chunks" not in chunks[1] and whole[0] == chunks[0] == 0
    assert t("ingest.notice.footer_rows", "en", rows=listed([10, 11]), n=2) in chunks[1]
    assert whole[1:] == chunks[1:]
    assert _state(two_dbs["whole"]) == _state(two_dbs["chunks"])
