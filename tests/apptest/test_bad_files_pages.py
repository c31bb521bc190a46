"""The bad-file corpus of the inspections (flat files and 5S sheets) and qa_reviews kinds through the Upload
page itself (app.py in AppTest, signed in as an admin): a refused file shows its message (row, column,
reason: the error table or the alert), the commit button stays disabled, every table is unchanged (row count
and a checksum per table) and no traceback is shown; an accepted file commits and its text is stored as
given. The same corpus through the form's functions and the command line, for every kind:
tests/test_bad_files.py."""

from __future__ import annotations

import pytest

from portal import db
from portal.i18n import t
from tests import fixtures
from tests.apptest.conftest import make_app
from tests.db_fingerprint import fingerprint
from tests.test_bad_files import _same_file, _stored, corpus

KINDS = ("inspections", "qa_reviews")
CASES = [pytest.param(c, id=c.id) for c in corpus.cases() if c.kind in KINDS]


@pytest.fixture(scope="module")
def base_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("bad_pages") / "base.duckdb"
    fixtures.build_fixture_db(path).close()
    return path


@pytest.fixture(scope="module")
def base_tables(base_db) -> tuple[bytes, dict]:
    """``base_db``'s bytes and its tables' fingerprint: a test's database whose file still holds those bytes, with
    no write-ahead log beside it holding more, has every table as it was (a refused file leaves it so)."""
    return base_db.read_bytes(), fingerprint(base_db)


@pytest.fixture
def own_db(base_db, tmp_path, monkeypatch):
    from portal import ui

    ui.clear_caches()
    path = tmp_path / "portal.duckdb"
    path.write_bytes(base_db.read_bytes())
    monkeypatch.setenv("PORTAL_DB", str(path))
    monkeypatch.setenv("PORTAL_COOKIE_KEY", "apptest-cookie-key-" + "k" * 24)
    monkeypatch.setenv("PORTAL_UPLOAD_LIMIT_MB", str(corpus.LIMIT_MB))
    return path


def _tables(path, base_tables) -> dict:
    """The database's tables: the base's fingerprint while its file holds the base's bytes (no connect, no pass over
    every table, ~0.06 s of CPU a call), else fingerprinted in-process."""
    base_bytes, base_fingerprint = base_tables
    return base_fingerprint if _same_file(path, base_bytes) else _fingerprint(path)


def _fingerprint(path):
    # in-process: DuckDB shares the instance the app has open. Opened as it is (migrate=False): the app's own open
    # brought it up to date, and a second pass of the migrations, models, derived tables and the sweep of undone
    # master data (~0.05 s of CPU a pass) could only hide a change the page left, never show one
    con = db.connect(path, migrate=False)
    try:
        return fingerprint(con)
    finally:
        con.close()


def shown(at) -> str:
    """Every alert, and the error table's rows as "row R, column C | reason"."""
    parts = [str(e.value) for kind in ("error", "warning", "info", "markdown") for e in getattr(at, kind)]
    if len(at.dataframe) > 1:  # the preview's first rows, then the errors
        errors = at.dataframe[-1].value
        parts += [f"row {r[0]}, column {r[1]} | {r[3]}" for r in errors.itertuples(index=False)]
    return "\n".join(parts)


@pytest.mark.parametrize("case", CASES)
def test_through_the_upload_page(own_db, base_tables, case):
    _through_the_upload_page(own_db, base_tables, case)


CHUNKED = [pytest.param(c, id=c.id) for c in corpus.cases() if c.kind == "complaints"]


@pytest.mark.parametrize("case", CHUNKED)
def test_complaint_files_read_in_chunks_through_the_upload_page(own_db, base_tables, case, monkeypatch):
    # every CSV is read in chunks of 2 rows (PORTAL_IMPORT_STREAM_MB=0), as a large export is: the same messages
    # and outcome as the form's functions and the command line give it read whole (tests/test_bad_files.py);
    # files the chunked reader cannot read exactly so (and workbooks) are read whole
    monkeypatch.setenv("PORTAL_IMPORT_STREAM_MB", "0")
    monkeypatch.setenv("PORTAL_IMPORT_CHUNK_ROWS", "2")
    at = _through_the_upload_page(own_db, base_tables, case)
    assert ("upload_chunks" in at.session_state) == (case.name not in READ_WHOLE)


# refused before any row is read (empty, binary, over the limit, a cell or a header too wide, a NUL byte, mixed
# encodings), workbooks, and a code too long for the chunked reader's cell check: read whole
READ_WHOLE = {
    "empty.csv",
    "header_only.csv",
    "binary_renamed.csv",
    "zip_renamed.xlsx",
    "truncated.xlsx",
    "over_limit.csv",
    "nul_after_64k.csv",
    "ten_thousand_columns.csv",
    "one_mb_cell.csv",
    "very_long_code.csv",
    "utf8_row_in_gbk.csv",
}


def _through_the_upload_page(own_db, base_tables, case):
    # the first run opens the Upload page itself, as its address does (its url_path is its file's name): the landing
    # page's first run computed the overview's figures on every test's fresh copy, a third of this file's time
    at = make_app("admin").switch_page("pages/upload.py").run()
    at.selectbox(key="upload_kind").set_value(case.kind).run()
    before = _tables(own_db, base_tables)
    at.file_uploader(key="upload_file").upload(case.name, case.data, "application/octet-stream").run()
    assert not at.exception, [e.value for e in at.exception]
    check = [b for b in at.button if b.label == t("ingest.check", "en")]
    if check:
        check[0].click().run()
        assert not at.exception, [e.value for e in at.exception]
    commit = [b for b in at.button if b.key == "upload_commit"]
    text = shown(at)
    if case.refused:
        assert all(part in text for part in case.text.split(" | ")), text
        assert not commit or commit[0].disabled
        assert _tables(own_db, base_tables) == before
    else:
        assert commit and not commit[0].disabled, text
        commit[0].click().run()
        assert not at.exception, [e.value for e in at.exception]
        assert any("committed" in str(s.value) for s in at.success), shown(at)
        assert _stored_in_process(own_db, case)
    return at


def _stored_in_process(path, case) -> bool:
    from portal import ui

    ui.connection().close()  # let the check open the file on its own, as the command-line test does
    ui.clear_caches()
    return _stored(path, case)
