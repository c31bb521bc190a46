"""The 5S sheet corpus, written by code: messy sheets the parser must read and bad ones it must refuse.

Every case starts from the sheet the portal hands out (``sheet_download.build_sheet``) for store S001 on
2026-11-02 and edits it the way staff do. ``CASES`` maps a file name to a builder ``(template) -> bytes``;
``python tests/corpus/inspections/make_corpus.py FOLDER`` writes them all (to look at in Excel).

Scores used throughout (``BASE``): every item 4, except SO2 = 1, SE4 = 0, SH3 = N/A, ST1 = 2, SU4 = 3.
Hand-worked: 24 items scored (SH3 is N/A), sum 20 x 4 + 1 + 0 + 2 + 3 = 86.
"""

from __future__ import annotations

import io
import sys
from datetime import date
from pathlib import Path

from openpyxl import Workbook, load_workbook

from portal.fives_intake.sheet_download import TABLE_HEADER_ROW, build_sheet

STORE, DAY, INSPECTOR = "S001", date(2026, 11, 2), "Ivan Inspector"
BASE = {"SO2": 1, "SE4": 0, "SH3": "N/A", "ST1": 2, "SU4": 3}


def base_scores(template) -> dict[str, object]:
    return {i.code: BASE.get(i.code, 4) for i in template.ordered_items()}


def _sheet(template, lang="en", inspection_id="S001-20261102-AAAA", **kw):
    data = build_sheet(template, STORE, "Store One", DAY, INSPECTOR, lang, inspection_id, **kw)
    return load_workbook(io.BytesIO(data))


def _rows(ws) -> dict[str, int]:
    """item code -> row number in the downloaded layout."""
    return {
        str(ws.cell(r, 2).value).strip(): r
        for r in range(TABLE_HEADER_ROW + 1, ws.max_row + 1)
        if ws.cell(r, 2).value
    }


def _fill(ws, scores: dict[str, object], comments: dict[str, str] | None = None) -> None:
    rows = _rows(ws)
    for code, value in scores.items():
        ws.cell(rows[code], 4).value = value
    for code, text in (comments or {}).items():
        ws.cell(rows[code], 5, text)


def _unmerge_sections(ws) -> None:
    for rng in list(ws.merged_cells.ranges):
        if rng.min_col == 1 and rng.min_row > TABLE_HEADER_ROW:
            ws.unmerge_cells(str(rng))


def _bytes(wb) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# ---------------------------------------------------------------- handled


def clean(template) -> bytes:
    wb = _sheet(template)
    _fill(wb.active, base_scores(template), {"SO2": "Expired yoghurt on shelf 3", "SE4": "Fire exit blocked"})
    return _bytes(wb)


def blank_rows_spaces(template) -> bytes:
    """Blank rows between the blocks (inserted), codes and scores with trailing spaces, sections only on the
    block's first row and not merged."""
    wb = _sheet(template)
    ws = wb.active
    _unmerge_sections(ws)
    _fill(ws, {k: (f"{v} " if isinstance(v, int) else v) for k, v in base_scores(template).items()})
    for code, r in _rows(ws).items():
        ws.cell(r, 2, f"{code}  ")
    for r in sorted((r for c, r in _rows(ws).items() if c.strip().endswith("1")), reverse=True):
        if r > TABLE_HEADER_ROW + 1:
            ws.insert_rows(r, 2)
    return _bytes(wb)


def synonyms_typos(template) -> bytes:
    """Section names rewritten: Seiri, Straighten, 清扫, Systematize, Substain (a typo)."""
    wb = _sheet(template)
    ws = wb.active
    _unmerge_sections(ws)
    _fill(ws, base_scores(template))
    names = {"SO1": "Seiri", "SE1": "Straighten", "SH1": "清扫", "ST1": "Systematize", "SU1": "Substain "}
    for code, r in _rows(ws).items():
        ws.cell(r, 1, names.get(code))
    return _bytes(wb)


def text_scores(template) -> bytes:
    """Scores typed as text: 3分, 三, N/A, 不适用, full-width ４, 2/4, 3.0, and " 4 "."""
    wb = _sheet(template, lang="zh")
    scores = base_scores(template) | {
        "SO1": "3分",
        "SO3": "三",
        "SE1": "不适用",
        "SE2": "４",
        "SE3": "2/4",
        "SH1": 3.0,
        "SH2": " 4 ",
        "SU1": "n/a",
    }
    _fill(wb.active, scores)
    return _bytes(wb)


def x_columns(template) -> bytes:
    """Another layout: no code column, Chinese item texts, one column per score (0 1 2 3 4 N/A) marked with
    x or √, "Score" written over the score columns in a merged cell, a title and a logo row above."""
    wb = Workbook()
    ws = wb.active
    ws.title = "门店5S"
    ws.append(["XX超市 5S 检查表"])
    ws.append([])
    ws.append(["门店：", "S001 一号店", None, "检查日期", "2026年11月2日"])
    ws.append(["检查人", "李检查"])
    ws.append(["区分", "检查项目", "得分", None, None, None, None, None, "备注"])
    ws.merge_cells("C5:H5")
    ws.append([None, None, "0", "1", "2", "3", "4", "不适用", None])
    scores = base_scores(template)
    for section in sorted(template.sections, key=lambda s: s.position):
        for k, item in enumerate(template.items_of(section.code)):
            marks = [None] * 6
            value = scores[item.code]
            marks[5 if value == "N/A" else int(value)] = "√" if k % 2 else "x"
            ws.append([section.name_zh if k == 0 else None, item.text_zh, *marks, None])
    ws.append([])
    ws.append(["合计", None, "=SUM(C7:C31)"])
    return _bytes(wb)


def summary_and_tables_below(template) -> bytes:
    """A section % column and a Total row holding formula errors (as Excel saved them), then the tables
    "Area to improve" and "Corrective action" below the items."""
    wb = _sheet(template)
    ws = wb.active
    _fill(ws, base_scores(template))
    ws.cell(TABLE_HEADER_ROW, 6, "Section %")
    for r in _rows(ws).values():
        ws.cell(r, 6, "#DIV/0!")
    last = max(_rows(ws).values())
    ws.cell(last + 2, 1, "Total")
    ws.cell(last + 2, 4, "#REF!")
    ws.cell(last + 4, 1, "Area to improve")
    ws.cell(last + 5, 1, "Stockroom")
    ws.cell(last + 5, 3, "Boxes in the aisle")
    ws.cell(last + 5, 4, 1)
    ws.cell(last + 7, 1, "Corrective action")
    ws.cell(last + 8, 1, "SE4")
    ws.cell(last + 8, 3, "Clear the fire exit")
    ws.cell(last + 8, 4, "#N/A")
    return _bytes(wb)


def two_sheets(template) -> bytes:
    """Two stores' sheets in one workbook, plus an instructions sheet with no item table."""
    first = _sheet(template)
    _fill(first.active, base_scores(template))
    second = _sheet(template, inspection_id="S002-20261102-BBBB")
    ws2 = second.active
    _fill(ws2, {c: 3 for c in base_scores(template)})
    ws2.cell(2, 2, "S002")
    ws2.cell(2, 3, "Store Two")
    target = first.create_sheet("S002")
    for row in ws2.iter_rows():
        for c in row:
            if c.value is not None and c.coordinate not in ws2.merged_cells:
                target[c.coordinate] = c.value
    for rng in ws2.merged_cells.ranges:
        target.merge_cells(str(rng))
    info = first.create_sheet("Instructions", 0)
    info["A1"] = "Fill one sheet per store."
    return _bytes(first)


# ---------------------------------------------------------------- refused


def score_formula_error(template) -> bytes:
    wb = _sheet(template)
    _fill(wb.active, base_scores(template) | {"SH4": "#REF!"})
    return _bytes(wb)


def bad_scores(template) -> bytes:
    """SO1 = 5 (over the maximum 4), SO3 = "good", SE2 = 2.5, SE5 blank."""
    wb = _sheet(template)
    _fill(wb.active, base_scores(template) | {"SO1": 5, "SO3": "good", "SE2": 2.5, "SE5": None})
    return _bytes(wb)


def missing_and_duplicate(template) -> bytes:
    """SO3's row deleted; SE1 typed twice (the second copy replaces SE2's code)."""
    wb = _sheet(template)
    ws = wb.active
    _fill(ws, base_scores(template))
    rows = _rows(ws)
    ws.cell(rows["SE2"], 2, "SE1")
    ws.cell(rows["SE2"], 3).value = None
    ws.cell(rows["SO3"], 2).value = None
    ws.cell(rows["SO3"], 3).value = None
    ws.cell(rows["SO3"], 4).value = None
    return _bytes(wb)


def unknown_section(template) -> bytes:
    wb = _sheet(template)
    ws = wb.active
    _unmerge_sections(ws)
    _fill(ws, base_scores(template))
    ws.cell(_rows(ws)["SH1"], 1, "Safety")
    return _bytes(wb)


def no_store_bad_date(template) -> bytes:
    wb = _sheet(template)
    ws = wb.active
    _fill(ws, base_scores(template))
    ws.cell(2, 2).value = None
    ws.cell(2, 3).value = None
    ws.cell(3, 2, "next Tuesday")
    return _bytes(wb)


def two_marks(template) -> bytes:
    data = io.BytesIO(x_columns(template))
    wb = load_workbook(data)
    ws = wb.active
    ws.cell(7, 3, "x")  # SO1 already has an x under 4 (column G)
    ws.cell(8, 3, "#REF!")  # SO2: a formula error where a mark should be
    return _bytes(wb)


def unknown_template(template) -> bytes:
    wb = _sheet(template)
    ws = wb.active
    _fill(ws, base_scores(template))
    ws.cell(5, 2, "OTHERCO v9")
    return _bytes(wb)


def csv_renamed(template) -> bytes:
    return b"Store,Item,Score\nS001,SO1,4\n"


def no_item_table(template) -> bytes:
    wb = Workbook()
    wb.active["A1"] = "Photos of the shop front"
    wb.active["A3"] = "See attached."
    return _bytes(wb)


CASES = {
    "clean.xlsx": clean,
    "blank_rows_spaces.xlsx": blank_rows_spaces,
    "synonyms_typos.xlsx": synonyms_typos,
    "text_scores_zh.xlsx": text_scores,
    "x_columns_zh.xlsx": x_columns,
    "summary_and_tables_below.xlsx": summary_and_tables_below,
    "two_sheets.xlsx": two_sheets,
    "score_formula_error.xlsx": score_formula_error,
    "bad_scores.xlsx": bad_scores,
    "missing_and_duplicate.xlsx": missing_and_duplicate,
    "unknown_section.xlsx": unknown_section,
    "no_store_bad_date.xlsx": no_store_bad_date,
    "two_marks.xlsx": two_marks,
    "unknown_template.xlsx": unknown_template,
    "csv_renamed.xlsx": csv_renamed,
    "no_item_table.xlsx": no_item_table,
}


def write_all(folder: Path, template) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, build in CASES.items():
        path = folder / name
        path.write_bytes(build(template))
        written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover - a helper for looking at the files
    import tempfile

    from portal import db
    from portal.fives_intake import template as tpl

    with tempfile.TemporaryDirectory() as tmp:
        con = db.connect(Path(tmp) / "t.duckdb")
        default = tpl.default_template(tpl.load_all(con))
    for p in write_all(Path(sys.argv[1] if len(sys.argv) > 1 else "corpus_out"), default):
        print(p)
