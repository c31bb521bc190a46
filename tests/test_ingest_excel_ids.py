"""Ids Excel shortened (probe repro 7, g12_sci_ids.csv / g13_numeric_ids.xlsx): an 18-digit ticket id saved as
2.02611E+17 (or held as a number cell, whose digits past the 15th Excel has dropped) is refused on its row and
column with what happened and how to fix it; before, five of them were "the same key appears earlier in the
file" and a single one was stored as the id "2.02611E+17"."""

from __future__ import annotations

import io
from datetime import datetime

import openpyxl

from portal.auth import User
from portal.i18n import t
from portal.ingest import pipeline, registry, validation
from portal.scope import Scope

NOW = datetime(2026, 6, 1)
KIND = registry.kind("complaints")
ADMIN = User("t_admin", "Test Admin", ("admin",), Scope.everything())
REASON = "ingest.error.id_shortened_by_excel"


def prepare(con, data: bytes, name: str):
    raw = pipeline.read_upload(data, name)
    return pipeline.prepare(con, KIND, raw, None, pipeline.ImportOptions(now=NOW), ADMIN)


def test_an_id_in_scientific_notation_is_refused_saying_excel_shortened_it(con):
    data = (
        "工单编号,受理时间,渠道,门店编码\n"
        "2.02611E+17,2026-03-01 09:30,热线,S001\n"
        "T-2,2026-03-01 10:30,热线,S001\n"
        "2.02611E+17,2026-03-02 09:30,热线,S001\n"
    ).encode("gbk")
    prepared = prepare(con, data, "sci.csv")
    # one message per shortened cell, nothing else (no "same key", no "a value is required")
    assert prepared.errors[["row", "column", "reason"]].values.tolist() == [
        [2, "工单编号", REASON],
        [4, "工单编号", REASON],
    ]
    en = validation.error_messages(prepared.errors, "en")
    assert en["reason"].tolist()[0] == (
        "Excel shortened this number (scientific notation, or a number over 15 digits): the id's last digits are "
        "lost. In the workbook, format the id column as Text (or type the ids with a leading ') and export again."
    )
    assert en["value"].tolist() == ["2.02611E+17", "2.02611E+17"]
    zh = validation.error_messages(prepared.errors, "zh")
    assert (
        zh["reason"].tolist()[0]
        == t(REASON, "zh")
        == (
            "Excel 已将该数字缩写(科学计数法，或超过 15 位的数字)，编号的末几位已丢失。请在工作簿中将编号列设置为“文本”"
            "格式(或在编号前加英文单引号 ')后重新导出。"
        )
    )


def test_a_workbook_number_cell_over_15_digits_is_refused_a_13_digit_one_kept(con):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["工单编号", "受理时间", "渠道", "门店编码"])
    sheet.append([202611051403000001.0, datetime(2026, 3, 1, 9, 30), "热线", "S001"])
    sheet.append([1730000000000, datetime(2026, 3, 1, 10, 30), "热线", "S001"])
    out = io.BytesIO()
    book.save(out)
    prepared = prepare(con, out.getvalue(), "ids.xlsx")
    errors = validation.error_messages(prepared.errors, "en", prepared.raw.cells)
    assert errors[["row", "value"]].values.tolist() == [[2, "2.02611051403E+17"]]
    assert prepared.errors["reason"].tolist() == [REASON]
    assert prepared.n_invalid == 1
