"""Reading filled-in 5S inspection sheets: workbook bytes -> parsed inspections + messages. Pure (no database).

A sheet is the layout ``sheet_download`` writes, as staff really return it: a header block (store, date,
inspector, template, inspection id: a label, its value in a cell to the right), then an item table (section,
item code, item text, score or one column per score with an ``x``, comment). Each worksheet holding an item
table is one inspection; other worksheets are skipped with a notice.

Handled (a notice says what was read): merged or blank section cells (the S named on the block's first row
only), section heading rows, a section's subtotal row with items below it (passed over; 小计 also in the code or item column beside the section cell), blank rows, trailing spaces, section typos and synonyms (``words.SECTION_WORDS``),
scores as text (``3分``, ``三``, ``３``, ``3/4``, ``N/A``, ``不适用``, an ``x`` or a tick under a column headed
``4`` or ``4分`` or a grade (``优 良 中 差``: from the checklist's top score down, said in a notice) or under
one of two columns headed as a pass and a fail (``是 | 否``: the item's maximum or 0); ``满分`` or a
tick the item's maximum, a cross 0, said in a notice), items
known by code or by text in either language, formula errors in summary cells, tables below the items
("Area to improve", "Corrective action", totals, signatures). Not read, said in a notice: cells of the item
table in no column read (an extra column), pictures pasted in a sheet, photos named in a photo column (照片), the
items of a 6S / 7S section after 素养 (安全, 节约: ``foreign_rows.beyond_sections``), a total row of the sheet's own
that is not the sum of the item scores read (``sheet_scores.total_differs``: the items' scores are stored).
Refused (an error with sheet, row, column and reason; the sheet's inspection is not returned): a missing,
unreadable or out-of-range score, a score ``a/b`` whose b is not the item's maximum, a formula error where a score
should be, two scores marked, an unknown section or item, an item twice, an item of the template missing, no
store, no date, an unknown template; a score header stating another scale (``得分（1-5分）`` over 0-4) in one
message at that header (``sheet_scores.scale_differs``), its rows unread; a column headed as a pass/fail result
(是否合格) holding 1 and 0 on a checklist scored above 1 (a pass or 1 point?) in one message at its header
(``sheet_scores.result_numbers``); on a sheet scored by deduction (扣分 beside the score) a score that is not the item's
maximum less the points deducted, at its cell (``foreign_rows.deduction_differs``; 扣分原因 kept in the comment).
"""

from __future__ import annotations

import io
import warnings
from typing import Any

from portal.fives_intake import foreign_rows, words
from portal.fives_intake.sheet_layout import (
    cell_text,
    find_table,
    header_block,
    header_date,
    is_signature_line,
    items_below,
    label_cell,
    looks_like_item,
    names_item,
    section_heading,
    store_code,
    subtotal_labels,
    workbook_day_first,
)
from portal.fives_intake.sheet_result import (  # noqa: F401 - where and the types, as sheet_parse.X too
    Message,
    ParsedInspection,
    ParseResult,
    ScoreRow,
    where,
)
from portal.fives_intake.sheet_scores import (
    item_score,
    max_differs,
    pass_fail_ticks,
    read_grades,
    result_numbers,
    scale_differs,
    total_differs,
)
from portal.fives_intake.template import TemplateSpec, latest, parse_label
from portal.i18n import Both, listed, t
from portal.ingest import xlsx_stamps
from portal.ingest.bounds import library_detail
from portal.ingest.sheets import col_letter

ZIP_MAGIC = b"PK\x03\x04"


# ---------------------------------------------------------------- workbook -> grids


def _anchor_cell(anchor) -> str:
    """The cell a picture's top left corner is on ("F14"); "?" for an anchor without one (absolute)."""
    start = getattr(anchor, "_from", None)
    return f"{col_letter(start.col)}{start.row + 1}" if start is not None else "?"


def read_grids(
    data: bytes, pictures: dict[str, list[str]] | None = None
) -> list[tuple[str, list[list[Any]]]]:
    """Every visible worksheet as (name, rows of cell values); merged ranges carry their value into every cell; a
    number in a date cell that is no date (20250210) as the number (``xlsx_stamps.restore_numbers``). A hidden
    sheet (a blank master copy, a list for drop-downs) is read only when no visible sheet holds a value.
    ``pictures``, when given, gets each worksheet's embedded pictures' cells (never read: said in a notice)."""
    import openpyxl

    with warnings.catch_warnings():  # such a number, said by openpyxl: restored below
        warnings.filterwarnings("ignore", "Cell .* is marked as a date but the serial value", UserWarning)
        wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    grids, hidden = [], []
    for ws in wb.worksheets:
        grid = [[c.value for c in row] for row in ws.iter_rows()]
        xlsx_stamps.restore_numbers(data, ws.title, grid)
        if pictures is not None and ws._images:  # openpyxl keeps a sheet's pictures there (pillow installed)
            pictures[ws.title] = [_anchor_cell(image.anchor) for image in ws._images]
        for rng in ws.merged_cells.ranges:
            value = ws.cell(rng.min_row, rng.min_col).value
            for r in range(rng.min_row - 1, min(rng.max_row, len(grid))):
                for c in range(rng.min_col - 1, min(rng.max_col, len(grid[r]))):
                    grid[r][c] = value
        (grids if ws.sheet_state == "visible" else hidden).append((ws.title, grid))
    if not any(v is not None and str(v).strip() for _, grid in grids for row in grid for v in row):
        return grids + hidden
    return grids


def unreadable_why(exc: Exception):
    """Why a workbook could not be read: the reader's own words on an English page, the portal's on a Chinese one
    (``bounds.library_detail``; it said the exception's class, "BadZipFile", on both)."""
    return library_detail(exc, "ingest.refused.bad_spreadsheet_why")


def parse_workbook(
    data: bytes,
    file_name: str,
    templates: dict[tuple[str, int], TemplateSpec],
    default: TemplateSpec,
    timezone: str = "UTC",
) -> ParseResult:
    """Parse every inspection sheet of an XLSX workbook. ``templates``: every (code, version) known;
    ``default``: the version a sheet that names none is read against; ``timezone``: the one a header date
    written as a moment (Unix time, an offset) gives its date in (``sheet_layout.header_date``)."""
    if not data.startswith(ZIP_MAGIC):
        return ParseResult([], [Message("error", "fives_intake.parse.not_xlsx", {"file": file_name})])
    pictures: dict[str, list[str]] = {}
    try:
        grids = read_grids(data, pictures)
    except Exception as exc:  # noqa: BLE001 - any reader failure is one refusal of the file
        reason = {"file": file_name, "reason": unreadable_why(exc)}
        return ParseResult([], [Message("error", "fives_intake.parse.unreadable", reason)])
    result = ParseResult([], [])
    day_first = workbook_day_first(grids)
    for name, grid in grids:
        inspection, messages, is_sheet = parse_grid(grid, name, templates, default, day_first, timezone)
        if not is_sheet:
            if any(cell_text(v) for row in grid for v in row):
                result.messages.append(Message("notice", "fives_intake.parse.sheet_skipped", {}, name))
            continue
        result.sheets_read += 1
        result.messages.extend(messages)
        if pictures.get(name):
            cells = {"n": len(pictures[name]), "cells": listed(pictures[name])}
            result.messages.append(Message("notice", "fives_intake.parse.pictures", cells, name))
        if inspection is not None:
            result.inspections.append(inspection)
    _refuse_copied_headers(result)
    if result.sheets_read == 0:
        result.messages.append(
            Message("error", "fives_intake.parse.no_sheet", {"file": file_name} | words.table_labels())
        )
    return result


def _refuse_copied_headers(result: ParseResult) -> None:
    """A sheet whose header is another sheet's left unchanged (its inspection id, else its store, date and inspector:
    a sheet copied for the next store) is refused in one message at that header cell (the id's, else the store's),
    naming what it holds and the sheet holding the same; both read, they were one inspection, refused row by row."""
    first: dict[tuple, ParsedInspection] = {}
    for insp in list(result.inspections):
        field = "inspection_id" if insp.inspection_id else "store"
        key = (insp.inspection_id,) if insp.inspection_id else (insp.store, insp.inspected_on, insp.inspector)
        other = first.setdefault(key, insp)
        if other is insp:
            continue
        result.inspections.remove(insp)
        (row, column), (o_row, o_column) = insp.header_cells[field], other.header_cells[field]
        value = insp.inspection_id or insp.store
        values = {
            "value": value,
            "other": other.sheet,
            "other_cell": f"{o_column}{o_row}",
            "cell": f"{column}{row}",
        }
        values["field"] = Both(*(t(f"fives_intake.parse.copied_{field}", lang) for lang in ("en", "zh")))
        result.messages.append(
            Message("error", "fives_intake.parse.header_copied", values, insp.sheet, row, column)
        )


# ---------------------------------------------------------------- one grid


def _resolve_template(block, templates, default, err):
    if "template" not in block:
        return default
    value, r, c = block["template"]
    label = parse_label(cell_text(value))
    found = None
    if label:
        code, version = label
        found = templates.get((code, version)) if version else latest(templates, code)
    if found is None:
        err("fives_intake.parse.unknown_template", r, c, value=cell_text(value))
    return found


def _no_header_value(grid, header_r: int, key: str, err) -> None:
    """No store (date) read: at the cell beside its label, what that cell holds when it holds a label (a blank
    master copy's placeholder: 门店编号, Store code), else that it is empty or missing."""
    r, c = label_cell(grid, header_r, key)
    held = cell_text(grid[r][c]) if c is not None and c < len(grid[r]) else ""
    if held:
        field = Both(*(t(f"fives_intake.sheet.{key}", lang) for lang in ("en", "zh")))
        err("fives_intake.parse.header_placeholder", r, c, value=held, field=field)
    else:
        err(f"fives_intake.parse.no_{key}", r, c)


def _below_table(grid, r: int, texts: list[str], cols, note) -> int:
    """The notice where the item table ends (row ``r``): a 6S / 7S section beyond the five S (安全, 节约) after 素养
    is said as such, naming it and its item rows (not read, not counted: ``foreign_rows.beyond_sections``); the
    end of the table is said where such sections end, if anything follows. Returns the row below the items (and
    such sections), where a total of the sheet's own may stand (``sheet_scores.total_differs``)."""
    first_text = next(tx for tx in texts if tx)
    names, rows, end = foreign_rows.beyond_sections(grid, r, cols)
    if rows:
        sections = listed(repr(n[:40]) for n in names)
        note(
            "fives_intake.parse.beyond_five_s",
            r,
            texts.index(first_text),
            sections=sections,
            n=len(rows),
            rows=listed(rows),
        )
        if end >= len(grid):
            return end
        r = end
        texts = [cell_text(v) for v in grid[r]]
        first_text = next(tx for tx in texts if tx)
    note("fives_intake.parse.below_table", r, texts.index(first_text), text=first_text[:40])
    return r


def parse_grid(
    grid: list[list[Any]],
    sheet: str,
    templates: dict[tuple[str, int], TemplateSpec],
    default: TemplateSpec,
    day_first: bool | None = None,
    timezone: str = "UTC",
) -> tuple[ParsedInspection | None, list[Message], bool]:
    """One worksheet: (the inspection or None when refused, messages, whether it is an inspection sheet).
    ``day_first``: the workbook's day order (``workbook_day_first``) an ambiguous header date is read in."""
    messages: list[Message] = []

    def add(level: str, key: str, r: int | None, c: int | None, **values) -> None:
        messages.append(
            Message(
                level, key, values, sheet, None if r is None else r + 1, None if c is None else col_letter(c)
            )
        )

    def err(key, r, c, **values):
        add("error", key, r, c, **values)

    def note(key, r, c, **values):
        add("notice", key, r, c, **values)

    table = find_table(grid)  # 是 | 否 with a tick under one: passed or failed
    if table is None:
        return None, [], False
    header_r, first_r, cols = table
    block = header_block(grid, header_r)
    template = _resolve_template(block, templates, default, err)

    store = store_code(block["store"][0]) if "store" in block else ""
    if not store:
        _no_header_value(grid, header_r, "store", err)
    inspected_on = header_date(block, day_first, err, note, timezone) if "date" in block else None
    if "date" not in block:
        _no_header_value(grid, header_r, "date", err)
    inspector = cell_text(block["inspector"][0]) if "inspector" in block else ""
    inspection_id = cell_text(block["inspection_id"][0]) if "inspection_id" in block else None
    if template is None:
        return None, messages, True
    # 优 | 良 | 中 | 差: the best the checklist's top score, each grade below one point less
    read_grades(grid, first_r, cols, max(i.max_score for i in template.items), note)
    differs = scale_differs(grid, header_r, first_r, cols, template)
    if differs is not None:  # one message at the header, none per row: the scores are on another scale
        r, c, header, stated, expected = differs
        err(
            "fives_intake.parse.scale_differs",
            r,
            c,
            header=header,
            stated=stated,
            expected=expected,
            template=template.label,
        )
        return None, messages, True

    scores: dict[str, ScoreRow] = {}
    section: str | None = None
    # 照片 | IMG_0012.jpg: the photo is not imported, said once (``photos_named``), not among the cells unread
    # 扣分 | 扣分原因 (scored by deduction): each score checked against it, the reason kept with the comment
    own = {
        k: c
        for k, c in foreign_rows.own_columns(grid[header_r], cols).items()
        if k != "max" and k != "weight"
    }
    photo = {k: c for k, c in own.items() if k == "photo"}
    # 标准分 | 满分: each item's maximum as the sheet gives it, checked against the checklist's (a helper's probe:
    # a store's sheet of items out of 5 was read as out of 4, 84 of 120 points stored as 87.8 %)
    max_c = foreign_rows.own_columns(grid[header_r], cols).get("max")
    other_max: list[tuple[str, int]] = []  # (item, the maximum the sheet gives it) where not the checklist's
    own_cols = [*own.values(), max_c]
    read_cols = {cols.section, cols.code, cols.item, cols.score, cols.comment, *cols.marks, *own_cols}
    formula_cells: list[str] = []
    read_as: list[tuple[str, int]] = []  # scores written as a word or a mark, as read
    last_r = total_r = len(grid)
    messages_before = len(messages)
    for r in range(first_r, len(grid)):
        row = grid[r]

        def cell(c, row=row):
            return row[c] if c is not None and c < len(row) else None

        texts = [cell_text(v) for v in row]
        if not any(texts):
            continue
        first_text = next(tx for tx in texts if tx)
        # 小计 first, or in the code or item column beside its section's cell (整理 | 小计 | 18, merged or not)
        labels = subtotal_labels(row, texts, cols)
        subtotal = any(map(words.is_subtotal_label, labels)) and not names_item(row, cols, template, section)
        if subtotal and items_below(grid, r, cols, template):
            continue  # a section's subtotal (小计) with items below it: passed over
        if (
            words.is_end_label(first_text)
            or subtotal
            or (is_signature_line(row, first_text, cols) and not names_item(row, cols, template, section))
            or (len(scores) == len(template.items) and not looks_like_item(row, cols, template))
        ):
            last_r = r
            total_r = _below_table(grid, r, texts, cols, note)
            break
        for c, v in enumerate(row):
            if c not in read_cols and words.is_formula_error(cell_text(v)):
                formula_cells.append(f"{col_letter(c)}{r + 1}")
        heading = section_heading(texts)  # a row naming only an S, merged across the table or in one cell
        if heading is not None and not names_item(row, cols, template, section):
            section = heading
            continue
        sec_text = cell_text(cell(cols.section))
        if sec_text:
            code, guessed = words.section_of(sec_text)
            if code is None:
                err("fives_intake.parse.unknown_section", r, cols.section, value=sec_text)
                section = None
                continue
            if guessed:
                note(
                    "fives_intake.parse.section_guessed",
                    r,
                    cols.section,
                    value=sec_text,
                    section=template.section(code).name_en if template.section(code) else code,
                )
            section = code
        code_text, item_text = cell_text(cell(cols.code)), cell_text(cell(cols.item))
        has_score = cell_text(cell(cols.score)) or any(cell_text(cell(c)) for c in cols.marks)
        if not code_text and not item_text:
            if has_score:
                err("fives_intake.parse.no_item", r, cols.item if cols.item is not None else cols.code)
            continue  # a section heading row
        item = template.item(code_text) if code_text else None
        if item is None and item_text:
            item = template.item_by_text(item_text, section)
            if item is not None and code_text:
                note("fives_intake.parse.item_by_text", r, cols.code, value=code_text, item=item.code)
        if item is None:
            err(
                "fives_intake.parse.unknown_item",
                r,
                cols.item if item_text else cols.code,
                value=(item_text or code_text)[:60],
            )
            continue
        if section is not None and item.section != section:
            note("fives_intake.parse.other_section", r, cols.section, item=item.code, section=item.section)
        if item.code in scores:
            err(
                "fives_intake.parse.duplicate_item",
                r,
                cols.code if code_text else cols.item,
                item=item.code,
                first=scores[item.code].row,
            )
            continue
        stated_max = foreign_rows.stated_max(row, {"max": max_c}) if max_c is not None else None
        if stated_max is not None and stated_max != item.max_score:
            other_max.append((item.code, stated_max))
        parsed = item_score(row, cols, item, r, err, template.scores_for(item), read_as)
        if parsed is None:
            scores[item.code] = ScoreRow(
                item.code, None, False, "", r + 1
            )  # refused; remembered for duplicates
            continue
        score, na = parsed
        comment = cell_text(cell(cols.comment))
        if words.is_formula_error(comment):
            note("fives_intake.parse.comment_formula", r, cols.comment, value=comment)
            comment = ""
        comment = foreign_rows.with_reason(comment, row, own)  # 扣分原因
        if foreign_rows.deduction_differs(row, own, r, item, score, cols.score, err):
            scores[item.code] = ScoreRow(item.code, None, False, "", r + 1)
            continue
        marked = [c for c in cols.marks if c < len(row) and cell_text(row[c])]
        score_col = (
            marked[0] if marked else cols.score if cols.score is not None else min(cols.marks, default=None)
        )
        at = {
            "item_code": cols.code if code_text else cols.item,
            "score": score_col,
            "comment": cols.comment,
        }
        columns = {k: col_letter(c) for k, c in at.items() if c is not None}
        scores[item.code] = ScoreRow(item.code, score, na, comment, r + 1, columns)

    if max_differs(grid[header_r], header_r, max_c, other_max, template, err):
        return None, messages, True
    # 是 | 否 ticked both or neither: said with the two columns' headers, as on another company's sheets
    pass_fail_ticks(messages, messages_before, grid[first_r - 1], cols)
    if result_numbers(grid, [s.row - 1 for s in scores.values()], cols, template):  # 是否合格 of 1 / 0
        header = cell_text(grid[header_r][cols.score])
        err(
            "fives_intake.parse.result_numbers",
            header_r,
            cols.score,
            header=header,
            max=max(i.max_score for i in template.items),
        )
    given = sum(s.score for s in scores.values() if s.score is not None)
    total = total_differs(grid, total_r, cols, given)  # 合计 95 under items giving 93: said, the items stored
    if total is not None:
        note("fives_intake.parse.total_differs", total[0], total[1], total=total[2], given=given)
    foreign_rows.photos_named(grid, header_r, sorted(s.row - 1 for s in scores.values()), photo, note)
    for r in range(last_r, len(grid)):
        for c, v in enumerate(grid[r]):
            if words.is_formula_error(cell_text(v)):
                formula_cells.append(f"{col_letter(c)}{r + 1}")
    for r in range(header_r):
        for c, v in enumerate(grid[r]):
            if words.is_formula_error(cell_text(v)):
                formula_cells.append(f"{col_letter(c)}{r + 1}")
    outside = [  # cells of the item table's rows in no column read (an extra column "整改人"): said, not lost
        f"{col_letter(c)}{r + 1} “{cell_text(v)[:20]}”"
        for r in range(header_r, last_r)
        for c, v in enumerate(grid[r])
        if c not in read_cols and cell_text(v) and not words.is_formula_error(cell_text(v))
    ]
    if outside:
        note(
            "fives_intake.parse.cells_outside",
            None,
            None,
            n=len(outside),
            cells=listed(outside[:5], len(outside) > 5),
        )
    if formula_cells:
        note(
            "fives_intake.parse.formula_ignored",
            None,
            None,
            n=len(formula_cells),
            cells=listed(formula_cells[:5], more=len(formula_cells) > 5),
        )
    if read_as:
        note(
            "fives_intake.parse.score_words",
            None,
            None,
            n=len(read_as),
            readings=words.score_readings(read_as),
        )
    missing = [i.code for i in template.ordered_items() if i.code not in scores]
    if missing:
        err("fives_intake.parse.missing_items", header_r, None, items=listed(missing), n=len(missing))
    if not inspector:
        note("fives_intake.parse.no_inspector", *label_cell(grid, header_r, "inspector"))
    if any(m.level == "error" for m in messages):
        return None, messages, True
    ordered = [scores[i.code] for i in template.ordered_items()]
    header_cells = {k: (v[1] + 1, col_letter(v[2])) for k, v in block.items()}
    return (
        ParsedInspection(
            sheet, store, inspected_on, inspector, template, ordered, inspection_id or None, header_cells
        ),
        messages,
        True,
    )
