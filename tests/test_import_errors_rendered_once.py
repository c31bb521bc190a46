"""An import's row errors are rendered as text once (``Prepared.error_messages``): the command line prints them and
the commit's error report reads the same messages; the Upload page's error table and its commit likewise. Before,
each was rendered twice (session 37: 0.4-1 s of CPU of the messy bench export's 100,000 repeated keys, each a
message of its own)."""

from __future__ import annotations

import io

import pandas as pd

from portal import cli, db
from portal.auth import User
from portal.ingest import batches, errors, pipeline, preview, registry
from portal.scope import Scope
from tests.test_ingest_stream import MAP, messy_csv

ADMIN = User("t_admin", "Test Admin", ("admin",), Scope.everything())


def _counting(monkeypatch) -> list:
    calls = []
    real = errors._message
    monkeypatch.setattr(errors, "_message", lambda *a: calls.append(a[:2]) or real(*a))
    return calls


def _report(path, batch_id: int) -> pd.DataFrame:
    con = db.connect(path, read_only=True)
    try:
        return pd.read_csv(io.BytesIO(batches.error_report(con, batch_id)), encoding="utf-8-sig", dtype=str)
    finally:
        con.close()


def test_the_command_line_renders_each_message_once_for_its_lines_and_the_report(
    portal_db, tmp_path, monkeypatch, capsys
):
    csv_path = tmp_path / "export.csv"
    csv_path.write_text(messy_csv(80), encoding="utf-8")
    calls = _counting(monkeypatch)
    assert cli.main(["import", "complaints", str(csv_path), *MAP, "--skip-invalid"]) == 0
    out = capsys.readouterr().out
    # 8 invalid rows (the messy export's), their messages printed and stored in the batch's report
    report = _report(portal_db, 1)
    assert len(report) >= 8 and all(reason in out for reason in report["Reason"])
    assert len(calls) == len(set(calls)) > 0  # each (reason, detail) once; before: every one twice


def test_the_upload_pages_preview_and_commit_render_each_message_once(con, monkeypatch):
    kind = registry.kind("complaints")
    data = messy_csv(80).encode("utf-8")
    raw = pipeline.read(con, kind, data, "export.csv")
    mapping = {m.split("=")[0]: m.split("=")[1] for m in MAP[1:12:2]}
    options = pipeline.ImportOptions(timezone="Europe/Berlin", skip_invalid=True)
    prepared = pipeline.prepare(con, kind, raw, mapping, options, ADMIN)
    calls = _counting(monkeypatch)
    shown = preview.error_table(prepared, "en")  # the page's table of every error, then its commit
    again = preview.error_table(prepared, "en")  # a rerun of the page: the same frame
    pipeline.commit(con, prepared, ADMIN)
    assert len(shown) == len(again) == prepared.n_invalid == 7
    assert len(calls) == len(set(calls)) > 0  # before: rendered by the table, each rerun and the report
    stored = con.execute("select error_report_csv from import_batches").fetchone()[0]
    assert all(reason in stored for reason in shown["Reason"])
