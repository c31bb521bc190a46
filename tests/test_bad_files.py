"""The bad-file corpus (tests/corpus/bad/make_bad_files.py) through both entry points: the web form's path
(read, prepare, commit, as portal/ui_upload.py calls them) and the command line (``portal.cli.main``
in-process). A refused file shows its message (row / column / reason), leaves every table unchanged (row
count and a checksum per table) and never a traceback; an accepted one stores its text inert and plain."""

from __future__ import annotations

import importlib.util
import shutil
import sys
import traceback
from pathlib import Path, PurePath

import duckdb
import pytest

from portal import cli, export
from portal.auth import User
from portal.i18n import t
from portal.ingest import pipeline, reading, registry, validation
from portal.scope import Scope
from tests import fixtures
from tests.db_fingerprint import fingerprint

ADMIN = User("t_admin", "Test Admin", ("admin",), Scope.everything())
_spec = importlib.util.spec_from_file_location(
    "make_bad_files", Path(__file__).parent / "corpus" / "bad" / "make_bad_files.py"
)
corpus = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = corpus  # the dataclass needs its module registered
_spec.loader.exec_module(corpus)
CASES = [pytest.param(c, id=c.id) for c in corpus.cases()]
STORED_IN = {  # the tables where an accepted file's text must be found
    "complaints": ("complaints",),
    "surveys": ("survey_responses",),
    "inspections": ("fives_inspections", "fives_item_scores"),
    "qa_reviews": ("qa_reviews", "qa_review_criteria"),
}


def test_the_corpus_has_at_least_40_files_for_every_kind_it_covers():
    cases = corpus.cases()
    assert len(cases) >= 40
    assert all(sum(c.kind == k for c in cases) >= 20 for k in corpus.KINDS)
    assert {c.kind for c in cases} == set(corpus.KINDS) and set(corpus.KINDS) <= set(registry.kinds())


@pytest.fixture(scope="module")
def base_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("bad_files") / "base.duckdb"
    fixtures.build_fixture_db(path).close()
    return path


@pytest.fixture(scope="module")
def base_fingerprint(base_db) -> dict:
    """The fingerprint of every test's database before its file: each starts as a byte copy of ``base_db``."""
    return fingerprint(base_db)


@pytest.fixture(scope="module")
def base_bytes(base_db) -> bytes:
    """``base_db``'s bytes: a test's database whose file still holds them has every table as it was, without a
    connect and a fingerprint of it (~0.1 s of CPU a test); a refused file leaves them so. Any other file is
    fingerprinted."""
    return base_db.read_bytes()


def _same_file(path: Path, base_bytes: bytes) -> bool:
    """The file still holds the base's bytes and no write-ahead log beside it holds more: the same tables."""
    wal = path.with_name(path.name + ".wal")
    return path.read_bytes() == base_bytes and (not wal.exists() or wal.stat().st_size == 0)


@pytest.fixture
def portal_db(base_db, tmp_path, monkeypatch) -> Path:
    path = tmp_path / "portal.duckdb"
    shutil.copyfile(base_db, path)
    monkeypatch.setenv("PORTAL_DB", str(path))
    monkeypatch.setenv("PORTAL_UPLOAD_LIMIT_MB", str(corpus.LIMIT_MB))
    return path


def web_form(con, case) -> tuple[str, bool]:
    """What the upload page does with the file: (every message shown, committed?)."""
    kind = registry.kind(case.kind)
    try:
        raw = pipeline.read(
            con, kind, case.data, case.name, corpus.LIMIT_MB
        )  # a kind's own reader (5S sheets)
    except reading.FileRefused as exc:
        return t(exc.reason, "en", **exc.values), False
    if kind.configure is not None:
        kind = kind.configure(con, {})
    prepared = pipeline.prepare(con, kind, raw, None, pipeline.ImportOptions(), ADMIN)
    shown = [t(k, "en", **v) for k, v in prepared.file_errors]
    shown += validation.error_messages(prepared.errors, "en")["reason"].tolist()
    shown += [
        f"row {r.row}, column {r.column}"
        for r in validation.error_messages(prepared.errors, "en").itertuples(index=False)
    ]
    try:
        pipeline.commit(con, prepared, ADMIN)
    except pipeline.NothingWritten as exc:
        return "\n".join([*shown, t(exc.reason, "en", **exc.values)]), False
    return "\n".join(shown), True


def _stored(path: Path, case) -> bool:
    con = duckdb.connect(str(path), read_only=True)
    try:
        found = 0
        for table in STORED_IN[case.kind]:
            columns = [
                r[0]
                for r in con.execute(
                    "select column_name from information_schema.columns "
                    "where table_name = ? and data_type = 'VARCHAR'",
                    [table],
                ).fetchall()
            ]
            found += con.execute(
                f"select count(*) from {table} where ? in ({', '.join(columns)})",  # noqa: S608 - catalog names
                [case.text],
            ).fetchone()[0]
        names = [r[0] for r in con.execute("select file_name from import_batches").fetchall()]
    finally:
        con.close()
    return found > 0 or case.text in names


@pytest.mark.parametrize("case", CASES)
def test_through_the_web_forms_path(portal_db, base_fingerprint, base_bytes, case):
    before = base_fingerprint
    con = duckdb.connect(str(portal_db))
    try:
        shown, committed = web_form(con, case)
    except Exception:  # noqa: BLE001 - the finding is the traceback a user would have seen
        pytest.fail(f"a traceback reached the user:\n{traceback.format_exc()}")
    finally:
        con.close()
    if case.refused:
        assert not committed
        assert all(part in shown for part in case.text.split(" | ")), shown
        if not _same_file(portal_db, base_bytes):
            assert fingerprint(portal_db) == before
    else:
        assert committed, shown
        assert _stored(portal_db, case)


@pytest.mark.parametrize("case", CASES)
def test_through_the_command_line(portal_db, base_fingerprint, base_bytes, tmp_path, case, capsys):
    path = tmp_path / PurePath(case.name).name
    path.write_bytes(case.data)
    before = base_fingerprint
    try:
        code = cli.main(["import", case.kind, str(path)])
    except Exception:  # noqa: BLE001
        pytest.fail(f"a traceback reached the user:\n{traceback.format_exc()}")
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    if case.refused:
        assert code == 1, out.err
        assert all(part in out.out + out.err for part in case.text.split(" | ")), out.out + out.err
        if not _same_file(portal_db, base_bytes):
            assert fingerprint(portal_db) == before
    else:
        assert code == 0, out.err
        assert _stored(portal_db, case)


def test_formula_cells_leave_the_portal_neutralised():
    import pandas as pd

    frame = pd.DataFrame({"id": ["=HYPERLINK(1)", "+1", "-2", "@x", "plain"]})
    text = export.to_csv_bytes(frame).decode("utf-8-sig")
    assert text.splitlines() == ["id", "'=HYPERLINK(1)", "'+1", "'-2", "'@x", "plain"]
