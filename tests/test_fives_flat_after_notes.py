"""A flat 5S workbook whose first sheet holds filling instructions only (填写说明, one line of text a row) is read as
the flat file it is (its second sheet 明细: store, date, inspector, item, score). Before, the notes sheet alone was
looked at, the workbook taken for a store's sheet, and refused with "The header names no store"."""

from __future__ import annotations

import io

import duckdb
from openpyxl import Workbook

from portal import cli
from portal.fives_intake import template as tpl
from tests import fixtures


def _workbook(items: list[str]) -> bytes:
    wb = Workbook()
    notes = wb.active
    notes.title = "填写说明"
    notes.append(["填写说明：得分0-4分，不适用填N/A。每行一个检查项。"])
    notes.append(["检查日期写成 2026-03-05。"])
    table = wb.create_sheet("明细")
    table.append(["门店编码", "检查日期", "检查员", "检查项编号", "得分", "备注"])
    for k, code in enumerate(items):
        table.append(["S001", "2026-03-05", "张三", code, k % 5, None])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_the_flat_sheet_after_a_notes_sheet_is_imported(tmp_path, monkeypatch):
    path = tmp_path / "portal.duckdb"
    con = fixtures.build_fixture_db(path)
    items = [i.code for i in tpl.default_template(tpl.load_all(con)).ordered_items()]
    con.close()
    monkeypatch.setenv("PORTAL_DB", str(path))
    monkeypatch.setenv("USER", "t_cli")
    book = tmp_path / "s001.xlsx"
    book.write_bytes(_workbook(items))
    assert cli.main(["import", "inspections", str(book)]) == 0
    con = duckdb.connect(str(path), read_only=True)
    stored = con.execute(
        "select i.item_code, i.score from fives_item_scores i join fives_inspections f using (inspection_id) "
        "order by 1"
    ).fetchall()
    con.close()
    # every item stored with the score written on its row (k mod 5, rows in the checklist's order)
    assert stored == sorted((code, k % 5) for k, code in enumerate(items))
