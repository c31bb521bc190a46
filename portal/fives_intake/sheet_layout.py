"""The layout of a 5S inspection sheet, shared by ``sheet_parse`` (the portal's own sheet) and ``foreign``
(another company's): a cell's text, the item table and its columns (``find_table``), the header block above it
(``header_block``: a label and its value to the right, "Store: S001" in one cell, or several fields in one cell:
``header_pieces``), the store code, the header date and the workbook's day order. Pure (no database).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from portal import zones
from portal.fives_intake import words

if TYPE_CHECKING:
    from portal.fives_intake.template import TemplateSpec


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


@dataclass
class Columns:
    section: int | None = None
    code: int | None = None
    item: int | None = None
    score: int | None = None
    comment: int | None = None
    marks: dict[int, int | None] = field(default_factory=dict)  # column -> score (None: N/A)
    # columns headed with grades (优 良 中 差): column -> rank from the top (0: 优); their ``marks`` score counts down
    # from the number of grades until ``sheet_parse`` makes it count down from the checklist's top score
    grades: dict[int, int] = field(default_factory=dict)
    pass_fail: bool = (
        False  # the score column is headed as a result (是否合格): 是 / 否, pass / fail read there
    )


_RANGE_RE = re.compile(r"(\d{1,2})\s*(?:-|–|~|～|至|到|to)\s*(\d{1,2})")
_LIST_RE = re.compile(r"\d{1,2}(?:\s*[/,、]\s*\d{1,2}){2,}")


def stated_scale(text: str) -> tuple[int, ...]:
    """The scores a score column's header states: a list (``得分 0/1/2/4``) or a range (``Score (1-5)``,
    ``得分（1-5分）``, ``1~5``, ``1至5``, up to 10); () when it states none."""
    listed = _LIST_RE.search(text)
    if listed:
        return tuple(sorted({int(v) for v in re.findall(r"\d{1,2}", listed.group(0))}))
    ranged = _RANGE_RE.search(text)
    if ranged and int(ranged.group(1)) < int(ranged.group(2)) <= 10:
        return tuple(range(int(ranged.group(1)), int(ranged.group(2)) + 1))
    return ()


_POINTS_HEAD = re.compile(r"(\d{1,2})\s*(?:分|points?|pts)?")
# grades heading one column each, best first (优 | 良 | 中 | 差, Excellent | Good | Fair | Poor)
GRADES = (
    ("优", "优秀", "excellent"),
    ("良", "良好", "good"),
    ("中", "一般", "fair", "average"),
    ("差", "较差", "poor"),
)


def mark_columns(row: list[Any], start: int = 0) -> dict[int, int | None]:
    """Columns headed by a score each (0 1 2 3 4, 4分 3分 2分, N/A): column -> score (None: N/A); {} unless three
    at least are scores."""
    marks: dict[int, int | None] = {}
    for c, v in enumerate(row):
        if c < start:
            continue
        text = unicodedata.normalize("NFKC", cell_text(v)).casefold()
        points = _POINTS_HEAD.fullmatch(text)
        if points:
            marks[c] = int(points.group(1))
        elif text and words.is_not_applicable(text):
            marks[c] = None
    return marks if len([s for s in marks.values() if s is not None]) >= 3 else {}


def grade_columns(row: list[Any], start: int = 0) -> dict[int, int]:
    """Columns headed by a grade each (``GRADES``: 优 良 中 差): column -> its rank from the best (0); {} unless three
    different grades head columns."""
    grades = {}
    for c, v in enumerate(row):
        text = words.norm(cell_text(v))
        rank = next((k for k, names in enumerate(GRADES) if text in names), None)
        if c >= start and rank is not None:
            grades[c] = rank
    return grades if len(set(grades.values())) == len(grades) >= 3 else {}


def _per_score(row: list[Any], start: int = 0) -> tuple[dict[int, int | None], dict[int, int]]:
    """(columns per score, columns per grade) of a header row: a grade's score counts down from the number of
    grades (优 4, 良 3, 中 2, 差 1) until the checklist's top is known (``sheet_parse``)."""
    marks = mark_columns(row, start)
    grades = {} if marks else grade_columns(row, start)
    if grades:
        top = max(grades.values()) + 1
        marks = {c: top - rank for c, rank in grades.items()}
    return marks, grades


def carries_score(row: list[Any], cols: Columns) -> bool:
    """Whether the row holds a score or a mark in the item table's score or mark columns (a number, N/A, 满分, a
    tick or a cross, 是 / 否 under a pass/fail column, a formula error): an item's row, not a signature line's
    label and name (督导签字： | 张三 | 店长签字：)."""
    for c in (cols.score, *cols.marks):
        value = row[c] if c is not None and c < len(row) else None
        text = cell_text(value)
        if text and (
            words.score_of(value) is not None
            or words.is_not_applicable(text)
            or words.is_mark(text)
            or words.score_word(text, 1, cols.pass_fail) is not None
            or words.is_formula_error(text)
        ):
            return True
    return False


def is_signature_line(row: list[Any], first_text: str, cols: Columns) -> bool:
    """A signature line below the items: its first text a signature label (``words.is_signature_label``: 督导签字：,
    Inspector signature) and no score or mark in the row. A short item naming a signature (是否签字 | 4) is no
    signature line; the caller also keeps a row that names an item (its code, or its text in the checklist)."""
    return words.is_signature_label(first_text) and not carries_score(row, cols)


def looks_like_item(row: list[Any], cols: Columns, template: TemplateSpec) -> bool:
    """The row's code cell holds a code of the checklist."""
    code = cell_text(row[cols.code]) if cols.code is not None and cols.code < len(row) else ""
    return bool(code and template.item(code))


def names_item(row: list[Any], cols: Columns, template: TemplateSpec, section: str | None) -> bool:
    """The row names an item by its code or its text (是否签字 | 4: an item, not a signature line)."""
    text = cell_text(row[cols.item]) if cols.item is not None and cols.item < len(row) else ""
    return looks_like_item(row, cols, template) or bool(text and template.item_by_text(text, section))


def items_below(grid: list[list[Any]], r: int, cols: Columns, template: TemplateSpec) -> bool:
    """Some row after row ``r`` names an item of the checklist before a totals row or a table below the items
    (``words.is_end_label``): a subtotal row at ``r`` (小计 after a section's items) is inside the item table."""
    for row in grid[r + 1 :]:
        first_text = next((text for text in map(cell_text, row) if text), "")
        if words.is_end_label(first_text) and not words.is_subtotal_label(first_text):
            return False
        if names_item(row, cols, template, None):
            return True
    return False


_TOTALS = ("合计", "总计", "总分", "total", "sum")


def is_total_label(text) -> bool:
    """A subtotal or total row's label (小计, 整理小计, Sort subtotal, 合计, 总计, Total: ...)."""
    normed = words.norm(text)
    return words.is_subtotal_label(text) or normed.split(" ")[0] in _TOTALS


def subtotal_labels(row: list[Any], texts: list[str], cols: Columns) -> list[str]:
    """Where a subtotal row's label may stand: the row's first text, and on a row whose section cell holds text (the
    section merged down its block, or written on every row) the code and item cells beside it (整理 | 小计 | 18).
    The portal's own sheets (``sheet_parse``) and another company's (``foreign``) look alike."""
    first_text = next((text for text in texts if text), "")
    if cols.section is None or cols.section >= len(texts) or not texts[cols.section]:
        return [first_text]
    beside = [
        texts[c] for c in (cols.code, cols.item) if c is not None and c != cols.section and c < len(texts)
    ]
    return [first_text, *beside]


def is_total_cell(text) -> bool:
    """A cell holding only a subtotal or total label (小计, 整理小计, Subtotal, 合计, Total, 合计 15), not an item's text
    that begins with one (Total display area clean)."""
    return words.is_subtotal_label(text) or re.sub(r"\d+", " ", words.norm(text)).strip() in _TOTALS


def is_total_row(row: list[Any], cols: Columns) -> bool:
    """A subtotal or total row of a sheet read without a checklist (``foreign``): its first text a total's label
    (``is_total_label``), or a code or item cell beside its section cell holding one alone (``is_total_cell``)."""
    first_label, *beside = subtotal_labels(row, [cell_text(v) for v in row], cols)
    return is_total_label(first_label) or any(map(is_total_cell, beside))


def scored_items_below(grid: list[list[Any]], r: int, cols: Columns) -> bool:
    """Some row after row ``r`` holds an item (text in its item or code cell) with a score or a mark before a table
    below the items or a signature line: on a sheet read without a checklist (``foreign``), a 小计 / 合计 row at
    ``r`` (a section's points) is inside the item table."""
    for row in grid[r + 1 :]:
        first_text = next((text for text in map(cell_text, row) if text), "")
        if (words.is_end_label(first_text) and not is_total_label(first_text)) or is_signature_line(
            row, first_text, cols
        ):
            return False
        named = any(cell_text(row[c]) for c in (cols.item, cols.code) if c is not None and c < len(row))
        if named and not is_total_row(row, cols) and carries_score(row, cols):
            return True
    return False


def section_heading(texts: list[str]) -> str | None:
    """The S a section heading row names: its only text (整理, 一、整理（20分）, Sort, in one cell or merged across
    the table, whatever its columns) one S (``words.section_of``, a spelling not guessed); None for a row
    holding anything else (a score, an item, two texts). The caller also keeps a row that names an item."""
    shown = {text for text in texts if text}
    if len(shown) != 1:
        return None
    code, guessed = words.section_of(shown.pop())
    return None if guessed else code


def header_columns(row: list[Any]) -> Columns:
    """The item table's columns a header row names (``words.COLUMN_LABELS``), no column per score yet."""
    cols = Columns()
    for c, v in enumerate(row):
        key = words.match_label(v, words.COLUMN_LABELS)
        if key and getattr(cols, key) is None:
            setattr(cols, key, c)
        elif key == "score" and words.score_header_rank(v) > words.score_header_rank(row[cols.score]):
            # a column headed as a score wins over a pass/fail result column, and one headed as the points given
            # (得分, Score) over one that may hold the item's maximum (分数, Points)
            cols.score = c
    return cols


def _sub_header(row: list[Any], below: list[Any], cols: Columns) -> bool:
    """Whether the row below a header may head columns per score (Score over 0 1 2 3 4): its item and code cells
    empty or the header's own (merged down), not an item's (1 | 通道无杂物 | 10 | 2: an item row's numbers)."""
    for c in (cols.item, cols.code):
        if c is None:
            continue
        text = cell_text(below[c]) if c < len(below) else ""
        if text and text != cell_text(row[c]):
            return False
    return True


def pass_fail_columns(row: list[Any]) -> dict[int, int]:
    """Two columns headed as a pass and a fail (是 | 否, 合格 | 不合格, Yes | No: ``words.PASS_WORDS`` and
    ``FAIL_WORDS``), a tick under one: column -> 1 (pass) or 0 (fail); {} unless exactly one of each."""
    passes = [c for c, v in enumerate(row) if words.norm(cell_text(v)) in words.PASS_WORDS]
    fails = [c for c, v in enumerate(row) if words.norm(cell_text(v)) in words.FAIL_WORDS]
    return {passes[0]: 1, fails[0]: 0} if len(passes) == len(fails) == 1 else {}


def find_table(grid: list[list[Any]]) -> tuple[int, int, Columns] | None:
    """(header row index, first data row index, columns) of the item table, or None. A header with no score column
    but a pass and a fail column (是 | 否) heads the table too, read as columns per score 1 and 0
    (``Columns.pass_fail``): a pass/fail checklist on another company's sheets (``foreign``), a pass (the item's
    maximum) or a fail on the portal's own (``sheet_parse``); the upload's choice between an item sheet and flat
    store sheets (``upload``) sees it alike."""
    for r, row in enumerate(grid):
        cols = header_columns(row)
        if cols.item is None and cols.code is None:
            continue
        first_data = r + 1
        marks, grades = _per_score(row)
        if (
            not marks and r + 1 < len(grid) and _sub_header(row, grid[r + 1], cols)
        ):  # "Score" over 0 1 2 3 4 N/A
            below, below_grades = _per_score(grid[r + 1], start=cols.score or 0)
            if below:
                marks, grades, first_data = below, below_grades, r + 2
        if cols.score is None and not marks:
            ticks = pass_fail_columns(row)
            if ticks:
                cols.marks, cols.pass_fail = ticks, True
                return r, r + 1, cols
            continue
        if marks:
            cols.marks, cols.grades = marks, grades
            if cols.score in marks or (cols.score is not None and first_data == r + 2):
                cols.score = None
        cols.pass_fail = cols.score is not None and words.is_result_header(row[cols.score])
        return r, first_data, cols
    return None


# a header label followed by its colon, longest first (检查日期 before 日期), not inside a Latin word
_LABEL_COLON = re.compile(
    r"(?<![a-z])("
    + "|".join(
        re.escape(w).replace(r"\ ", r"\s+")
        for w in sorted({w for ws in words.HEADER_LABELS.values() for w in ws}, key=len, reverse=True)
    )
    + r")\s*[:：]",
    re.IGNORECASE,
)


def header_pieces(text: str) -> list[tuple[str, str]]:
    """The header fields of one cell holding several, each a label and a colon (``words.HEADER_LABELS``):
    "门店：S001 检查日期：2026年11月3日 检查人：张三" -> [(store, S001), (date, 2026年11月3日), (inspector, 张三)], each value
    up to the next label. Only a cell that begins with a label and holds two or more (else [], read as before: one
    label, its value the rest of the cell); a field given twice keeps its first value, an empty value is none."""
    found = list(_LABEL_COLON.finditer(text))
    if len(found) < 2 or found[0].start() != 0:
        return []
    out = []
    for m, after in zip(found, [*found[1:], None], strict=True):
        value = text[m.end() : after.start() if after else len(text)].strip()
        key = words.match_label(m.group(1), words.HEADER_LABELS)
        if value and key:
            out.append((key, value))
    return out


def header_block(grid: list[list[Any]], upto: int) -> dict[str, tuple[Any, int, int]]:
    """field -> (value, row index, column index) from the rows above the table."""
    found: dict[str, tuple[Any, int, int]] = {}
    for r in range(upto):
        row = grid[r]
        for c, v in enumerate(row):
            text = cell_text(v)
            if not text:
                continue
            pieces = header_pieces(text)  # 门店：S001 检查日期：2026年11月3日 检查人：张三 in one cell
            if pieces:
                for key, value in pieces:
                    found.setdefault(key, (value, r, c))
                continue
            m = re.match(r"^(.+?)\s*[:：]\s*(.+)$", text)  # "Store: S001" in one cell
            if m and words.match_label(m.group(1), words.HEADER_LABELS):
                key = words.match_label(m.group(1), words.HEADER_LABELS)
                if key not in found:
                    found[key] = (m.group(2).strip(), r, c)
                continue
            key = words.match_label(text, words.HEADER_LABELS)
            if key and key not in found:
                value = next(((row[k], k) for k in range(c + 1, len(row)) if cell_text(row[k])), None)
                if value is not None and words.match_label(value[0], words.HEADER_LABELS) is None:
                    found[key] = (value[0], r, value[1])
                continue
    return found


def label_cell(grid: list[list[Any]], upto: int, key: str) -> tuple[int, int | None]:
    """Where the value of header field ``key`` belongs when ``header_block`` found none: (row, column) of the cell
    right of its label (past the label's merged copies), e.g. B3 for an empty date beside "Date" in A3; the table
    header row and no column when the sheet has no such label."""
    for r in range(upto):
        row = grid[r]
        for c, v in enumerate(row):
            text = cell_text(v)
            if text and words.match_label(text.rstrip(":： "), words.HEADER_LABELS) == key:
                after = c + 1
                while after < len(row) and cell_text(row[after]) == text:
                    after += 1
                return r, after
    return upto, None


def store_code(value) -> str:
    """The store cell as written, spaces collapsed ("S001 Store One", "南京东路 旗舰店", "Store S012 Nanjing Rd"):
    the import matches it to the one store whose code it holds or whose full name it is (``codes.resolve_codes``;
    none or several: the unknown store error at this cell)."""
    return " ".join(cell_text(value).split())


def header_date(block, day_first: bool | None, err, note, timezone: str = "UTC") -> date | None:
    """The header's date (``words.read_date``): refused when unreadable, with an example built from the cell;
    a day-first date, or an ambiguous one, said in a notice naming the reading taken (and the other one); a
    complaint import's stamp (RFC 2822, Unix time, compact) too, naming the zone a moment's date was taken in
    (``timezone``: the reporting zone, as the upload form's)."""
    value, r, c = block["date"]
    reading = words.read_date(value, day_first, timezone)
    text = cell_text(value)
    if reading.value is None:
        err("fives_intake.parse.bad_date", r, c, value=text, example=words.date_example(value))
    elif reading.ambiguous:
        dmy, mdy = (
            (reading.value, reading.other) if reading.order == "dmy" else (reading.other, reading.value)
        )
        key = "fives_intake.parse.date_ambiguous_" + ("file" if day_first is not None else "default")
        note(key, r, c, value=text, date=reading.value.isoformat(), dmy=dmy.isoformat(), mdy=mdy.isoformat())
    elif reading.order == "dmy":
        note("fives_intake.parse.date_day_first", r, c, value=text, date=reading.value.isoformat())
    elif reading.zone:
        zone = zones.zone_names(reading.zone)
        note("fives_intake.parse.date_in_zone", r, c, value=text, date=reading.value.isoformat(), zone=zone)
    elif reading.order == "stamp":
        note("fives_intake.parse.date_stamp", r, c, value=text, date=reading.value.isoformat())
    return reading.value


def workbook_day_first(grids: list[tuple[str, list[list[Any]]]]) -> bool | None:
    """The day order of the workbook's slashed or dashed header dates, as a complaint file's is taken over
    its stamp columns (``stamps.day_first_in``): True when some sheet's date has a first part above 12 and none a
    second part above 12, False when some second part is above 12, None when nothing tells. An ambiguous date
    (3/11/2026) is read in that order (``words.read_date``)."""
    import pandas as pd

    from portal.ingest import stamps

    dates = []
    for _, grid in grids:
        table = find_table(grid)
        block = header_block(grid, table[0]) if table is not None else {}
        if "date" in block:
            dates.append(unicodedata.normalize("NFKC", cell_text(block["date"][0])))
    if not dates:
        return None
    return stamps.day_first_in([pd.Series(dates, dtype=object)])
