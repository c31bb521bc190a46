"""Another company's 5S sheet (its own items, its own point scale) read as a draft checklist and its scores.

``read_foreign(data, file_name)`` reads the first worksheet that holds an item table (the column words of
``sheet_parse``: section, code, item, score, or one column per score marked with an ``x``):
- items: the section (an S by name or synonym: ``words.section_of``; a row naming only a section, with or
  without a section column, heads its block (``foreign_rows.only_an_s``); merged cells carry it down; a section's 小计 / 合计
  row with items below it is passed over), the sheet's code when it is a usable one (``SO1``, ``A_3``), else one
  made from the section (``SO1``, ``SE1``, ...), the text (both languages until the admin edits them);
- the point scale: the numbers heading the score columns (``0 1 2 4``, ``1 2 3 4 5``), else a range or list
  in the score column's header (``Score (1-5)``, ``得分 0/1/2/4``), else 0 to the highest number written as a
  score (4 at least); a score column holding no number, only 满分, ticks and crosses (N/A aside), is a pass/fail
  checklist: the scale 0, 1;
- each item's score (``N/A`` kept) and comment; the header block: store, date, inspector, inspection id.
  A score written 满分 or a tick (✓ √ ✔) is the top of that scale, a cross (✗ × ✘) 0 (``words.score_word``, as
  on the portal's own sheet), each listed in a notice (``fives_intake.parse.score_words``); a cross on a scale
  without 0 (1-5) is refused as any 0 would be. The word is kept (``ForeignItem.written``): on the saved
  checklist it is the item's maximum there, whatever scale the admin confirmed.
Columns per score (``4分 | 3分 | 2分``, grades ``优 | 良 | 中 | 差`` counting down from their number, said in a
notice) and scores written ``a/b`` are read as on the portal's own sheets (``sheet_scores``).
Refused, each with sheet, row and column (``sheet_parse.Message``): no item table, an item before any section,
a section no S fits, an item without a score, a score that is no number, word or mark, or outside the scale,
two marks, text under a column per score that is no tick, a score ``a/b`` whose b is not the scale's top.

``draft_template(sheet, code, name_en, name_zh, default, templates)``: the checklist to confirm (version: the
next of ``code``, spaces and signs in it made ``_``), each item's maximum the top of the scale, the scale saved as the template's allowed scores.
``parsed_inspection(sheet, template)``: its scores as a ``sheet_parse.ParsedInspection`` on the saved version,
which ``upload.raw_table`` turns into the inspections kind's rows (committed as one batch, undoable).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from portal.fives_intake import foreign_rows, sheet_parse, sheet_scores, words
from portal.fives_intake.sheet_layout import (
    cell_text,
    find_table,
    header_block,
    header_date,
    is_signature_line,
    is_total_row,
    scored_items_below,
    section_heading,
    stated_scale,
    store_code,
    workbook_day_first,
)
from portal.fives_intake.sheet_parse import Message, ParsedInspection, ScoreRow, col_letter
from portal.fives_intake.sheet_result import Messages
from portal.fives_intake.template import ItemSpec, TemplateSpec, latest
from portal.i18n import listed

PREFIX = {"sort": "SO", "set_in_order": "SE", "shine": "SH", "standardize": "ST", "sustain": "SU"}
_CODE_RE = re.compile(r"[A-Z][A-Z0-9_]{0,15}")


@dataclass(frozen=True)
class ForeignItem:
    section: str
    code: str
    text: str
    score: int | None  # None: not applicable
    not_applicable: bool
    comment: str
    row: int  # as the spreadsheet shows it
    written: str = (
        ""  # a score written as a word or a mark (满分, ✓, ✗): ``score`` is its reading on the scale
    )
    pass_fail: bool = False  # written in a pass/fail column (是否合格): 是 / 否 read as a tick / a cross
    out_of: int | None = (
        None  # the maximum a score written a/b gives (3/5: 5), checked against the scale's top
    )
    max_score: int | None = None  # the item's own maximum (a 满分 column), else the top of the scale
    weight: float = 1.0  # the item's weight (a 权重 column)
    deducted: tuple[float | None, str] = (None, "")  # the points deducted (a 扣分 column), as written

    def points(self, max_score: int) -> int | None:
        """The score on an item whose maximum is ``max_score``: a word or a mark read anew (a tick: the maximum)."""
        return words.score_word(self.written, max_score, self.pass_fail) if self.written else self.score


@dataclass
class ForeignSheet(Messages):
    file_name: str
    sheet: str = ""
    title: str = ""
    store: str = ""
    inspected_on: date | None = None
    inspector: str = ""
    inspection_id: str | None = None
    scale: tuple[int, ...] = ()
    items: list[ForeignItem] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)


def read_foreign(data: bytes, file_name: str, timezone: str = "UTC") -> ForeignSheet:
    """The first worksheet with an item table, read as a draft checklist and its scores (see the module);
    ``timezone``: the one a date written as a moment (Unix time, an offset) gives its date in."""
    out = ForeignSheet(file_name)
    if not data.startswith(sheet_parse.ZIP_MAGIC):
        out.messages.append(Message("error", "fives_intake.parse.not_xlsx", {"file": file_name}))
        return out
    try:
        grids = sheet_parse.read_grids(data)
    except Exception as exc:  # noqa: BLE001 - any reader failure is one refusal of the file
        reason = {"file": file_name, "reason": sheet_parse.unreadable_why(exc)}
        out.messages.append(Message("error", "fives_intake.parse.unreadable", reason))
        return out
    for name, grid in grids:
        table = find_table(grid)  # 是 | 否 with a tick under one: a pass/fail checklist
        if table is not None:
            out.sheet = name
            _read_grid(out, grid, table, timezone, workbook_day_first([(name, grid)]))
            return out
    # 检查项目 | 标准分 | 扣分 and no score column: said at its 扣分 header, no score computed from the deductions
    for name, grid in grids:
        found = foreign_rows.deductions_only(grid)
        if found is not None:
            r, c, header = found
            out.sheet = name
            values = {"header": header}
            out.messages.append(
                Message("error", "fives_intake.foreign.deductions_only", values, name, r + 1, col_letter(c))
            )
            return out
    out.messages.append(
        Message("error", "fives_intake.parse.no_sheet", {"file": file_name} | words.table_labels())
    )
    return out


def _read_grid(out: ForeignSheet, grid, table, timezone: str, day_first: bool | None) -> None:
    """The sheet's header block and rows; its date as the portal's own sheet's (``header_date``: a day-first or
    ambiguous date, or a moment's zone, said in a notice; ``day_first``: the sheet's day order)."""
    header_r, first_r, cols = table

    def add(level, key, r, c, **values):
        out.messages.append(
            Message(level, key, values, out.sheet, r + 1, None if c is None else col_letter(c))
        )

    def err(key, r, c, **values):
        add("error", key, r, c, **values)

    def note(key, r, c, **values):
        add("notice", key, r, c, **values)

    block = header_block(grid, header_r)
    out.title = next((cell_text(v) for row in grid[:header_r] for v in row if cell_text(v)), "")
    out.store = store_code(block["store"][0]) if "store" in block else ""
    out.inspected_on = header_date(block, day_first, err, note, timezone) if "date" in block else None
    out.inspector = cell_text(block["inspector"][0]) if "inspector" in block else ""
    out.inspection_id = cell_text(block["inspection_id"][0]) if "inspection_id" in block else None
    if not out.store:
        err("fives_intake.parse.no_store", header_r, None)
    if "date" not in block:
        err("fives_intake.parse.no_date", header_r, None)
    # 优 | 良 | 中 | 差: counting down from the number of grades (优 4 of four), said as on the portal's own sheets
    sheet_scores.read_grades(grid, first_r, cols, max(cols.grades.values(), default=0) + 1, note)
    marks = {c: s for c, s in cols.marks.items() if s is not None}
    if marks:
        out.scale = tuple(sorted(set(marks.values())))
    elif cols.score is not None:
        header = cell_text(grid[header_r][cols.score]) if cols.score < len(grid[header_r]) else ""
        out.scale = stated_scale(header)
    own = foreign_rows.own_columns(grid[header_r], cols)
    rows = []
    section = None
    counts: dict[str, int] = {}
    for r in range(first_r, len(grid)):
        row = grid[r]

        def cell(c, row=row):
            return row[c] if c is not None and c < len(row) else None

        texts = [cell_text(v) for v in row]
        if not any(texts):
            continue
        first_text = next(t for t in texts if t)
        code_cell = cell_text(cell(cols.code)).upper()
        total = is_total_row(row, cols)  # 小计 / 合计 first, or beside its section's cell (整理 | 小计 | 7)
        if total and scored_items_below(grid, r, cols):
            continue  # a section's 小计 / 合计 with items below it: passed over
        if (
            words.is_end_label(first_text)
            or total
            or (is_signature_line(row, first_text, cols) and not _CODE_RE.fullmatch(code_cell))
        ):
            break  # a totals row, or a signature line with no score and no item code (是否签字 | x: an item)
        heading = section_heading(texts)  # a row naming only an S, merged across the table or in one cell
        if heading is not None and foreign_rows.only_an_s(first_text, heading):
            section = heading
            continue
        if foreign_rows.beyond_five_s(texts):  # 六、安全: one message; its items are filed under no S
            err("fives_intake.foreign.beyond_five_s", r, texts.index(first_text), value=first_text[:40])
            section = foreign_rows.BEYOND
            continue
        sec_text = cell_text(cell(cols.section))
        if sec_text:
            code, _ = words.section_of(sec_text)
            if code is None:
                err("fives_intake.parse.unknown_section", r, cols.section, value=sec_text)
                section = None
                continue
            section = code
        code_text, item_text = cell_text(cell(cols.code)).upper(), cell_text(cell(cols.item))
        if not item_text and not code_text:
            continue  # a section heading row
        if section == foreign_rows.BEYOND:
            continue  # an item of a section beyond the five S: said once at its heading
        if section is None:
            err("fives_intake.foreign.no_section", r, cols.section, item=(item_text or code_text)[:40])
            continue
        counts[section] = counts.get(section, 0) + 1
        code = code_text if _CODE_RE.fullmatch(code_text) else f"{PREFIX[section]}{counts[section]}"
        rows.append((r, section, code, item_text or code_text, row))
    seen: dict[str, int] = {}
    messages_before = len(out.messages)
    for r, sec, code, text, row in rows:
        if code in seen:
            err("fives_intake.parse.duplicate_item", r, cols.code, item=code, first=seen[code])
            continue
        seen[code] = r + 1
        score = _score(row, cols, marks, r, code, err)
        if score is None:
            continue
        comment = cell_text(row[cols.comment]) if cols.comment is not None and cols.comment < len(row) else ""
        points, not_applicable, written, out_of = score
        max_score, weight = foreign_rows.own_values(row, own, r, code, err)
        deducted = foreign_rows.deduction(row, own, r, code, err)
        comment = foreign_rows.with_reason(comment, row, own)  # 扣分原因: the reason kept with the comment
        out.items.append(
            ForeignItem(
                sec, code, text, points, not_applicable, comment, r + 1, written, cols.pass_fail, out_of,
                max_score, weight, deducted,
            )
        )  # fmt: skip
    # 是 | 否 ticked both or neither: said with the two columns' headers
    sheet_scores.pass_fail_ticks(out.messages, messages_before, grid[first_r - 1], cols)
    foreign_rows.weights_mixed(grid, header_r, [i.row - 1 for i in out.items], own, err)  # 20% beside 80
    # 照片 | IMG_0012.jpg: the photo is not imported, said once
    foreign_rows.photos_named(grid, header_r, [r for r, *_ in rows], own, note)
    stated = bool(out.scale)  # by the score header or the columns per score
    if not out.scale:
        numbers = [i.score for i in out.items if i.score is not None]
        numbers += [i.out_of for i in out.items if i.out_of is not None]  # 3/5: the sheet scores up to 5
        numbers += [i.max_score for i in out.items if i.max_score is not None]  # 满分 10: up to 10
        if numbers or not any(i.written for i in out.items):
            out.scale = tuple(range(max([*numbers, 4]) + 1))
        else:  # only 满分, ticks and crosses: passed or not
            out.scale = (0, 1)
    _name_the_scale(out, stated, grid, header_r, own)
    _read_words(out)
    above = foreign_rows.max_above_scale(grid, table, out.items, out.scale, err) if stated else set()
    for item in out.items:
        if item.code in above:
            continue  # its maximum contradicts the scale the sheet states: said once at the score header
        # a/b read only when b is the top of the sheet's scale, as on the portal's own sheets
        top = item.max_score or max(out.scale)
        if item.out_of is not None:
            value = grid[item.row - 1][cols.score]
            if sheet_scores.out_of_other(value, item.code, top, item.row - 1, cols.score, err):
                continue
        if item.score is not None and item.score > top:  # above the item's own maximum (满分 5)
            err(
                "fives_intake.parse.out_of_range",
                item.row - 1,
                cols.score,
                value=item.score,
                item=item.code,
                max=top,
            )
            continue
        deducted, written = item.deducted
        known = item.max_score is not None or stated  # else the top is only what the other scores give
        if known and deducted is not None and item.score is not None and item.score != top - deducted:
            err(
                "fives_intake.foreign.deduction_differs", item.row - 1, cols.score,
                item=item.code, score=item.score, max=top, deducted=written, expected=f"{top - deducted:g}",
            )  # fmt: skip
            continue
        if item.score is not None and item.score not in out.scale:
            c = cols.score if cols.score is not None else None
            allowed = listed(out.scale)
            err(
                "fives_intake.parse.not_allowed",
                item.row - 1,
                c,
                value=item.score,
                item=item.code,
                allowed=allowed,
            )


_SCALE_LATER = {"fives_intake.parse.no_score": "no_score", "fives_intake.parse.bad_score": "bad_score"}


def _name_the_scale(out: ForeignSheet, stated: bool, grid, header_r: int, own: dict[str, int]) -> None:
    """A missing or unreadable score's message (made by ``_score`` before the scale is known) names the sheet's
    scale: as the sheet states it, or as its other scores give it (``_unstated``); on a row whose maximum column
    (标准分, ``own``) gives the item a maximum, the scores up to it and that column (``_max``)."""
    scale = sheet_scores.scale_text(out.scale)
    for k, m in enumerate(out.messages):
        if m.key in _SCALE_LATER:
            key = f"fives_intake.foreign.{_SCALE_LATER[m.key]}{'' if stated else '_unstated'}"
            values = {name: v for name, v in m.values.items() if name != "max"} | {"scale": scale}
            top = foreign_rows.stated_max(grid[m.row - 1], own)
            scores = () if top is None else [s for s in out.scale if s <= top] if stated else range(top + 1)
            if scores:  # 标准分 3: 0-3, or the stated scale's scores up to 3
                header = cell_text(grid[header_r][own["max"]])
                key = f"fives_intake.foreign.{_SCALE_LATER[m.key]}_max"
                values |= {"scale": sheet_scores.scale_text(tuple(scores)), "max": top, "header": header}
            out.messages[k] = replace(m, key=key, values=values)


def _read_words(out: ForeignSheet) -> None:
    """The scores written as a word or a mark read on the sheet's scale (a tick: its top), said in a notice."""
    read_as = []
    for k, item in enumerate(out.items):
        if item.written:
            out.items[k] = replace(item, score=item.points(item.max_score or max(out.scale)))
            read_as.append((f"{item.code} {item.written}", out.items[k].score))
    if read_as:
        values = {"n": len(read_as), "readings": words.score_readings(read_as)}
        out.messages.append(Message("notice", "fives_intake.parse.score_words", values, out.sheet))


def _score(row, cols, marks: dict[int, int], r: int, code: str, err):
    """(score, not applicable, the word or mark it was written as, the maximum a score written a/b gives) of an
    item row, or None after recording why not. A word or a mark (满分, a tick, a cross) has no score yet: what a
    tick is worth depends on the scale. Columns per score are read as on the portal's own sheets
    (``sheet_scores.ticked``)."""
    if cols.marks:
        found = sheet_scores.ticked(row, cols, code, None, r, err)  # the scale named later (_name_the_scale)
        if found is None:
            return None
        if found:
            return (None, True, "", None) if found[1] is None else (found[1], False, "", None)
    value = row[cols.score] if cols.score is not None and cols.score < len(row) else None
    text = cell_text(value)
    if not text:  # no_score and bad_score name the sheet's scale once it is known (_name_the_scale)
        c = cols.score if cols.score is not None else min(cols.marks or [0])
        err("fives_intake.parse.no_score", r, c, item=code, max=None)
        return None
    if words.is_not_applicable(text):
        return None, True, "", None
    score = words.score_of(value)
    if score is None and words.score_word(text, 1, cols.pass_fail) is not None:
        return None, False, text, None
    if score is None or isinstance(score, float):
        err("fives_intake.parse.bad_score", r, cols.score, value=text[:30], item=code, max=None)
        return None
    return int(score), False, "", words.score_out_of(value)


def suggested_code(sheet: ForeignSheet) -> str:
    """A template code from the sheet's title (its first word in capitals), else ``OTHER``."""
    word = re.findall(r"[A-Za-z][A-Za-z0-9]*", sheet.title)
    return word[0].upper()[:16] if word else "OTHER"


def draft_template(
    sheet: ForeignSheet,
    code: str,
    name_en: str,
    name_zh: str,
    default: TemplateSpec,
    templates: dict[tuple[str, int], TemplateSpec],
) -> TemplateSpec:
    """The checklist the sheet describes, as the next version of ``code`` (1 for a new code): the default
    template's five sections (names, weight 1), the sheet's items (text in both languages, weight 1, maximum
    the top of the scale, not red-line), the scale as its allowed scores."""
    code = re.sub(r"[^A-Z0-9_\-]+", "_", code.strip().upper()).strip("_") or "OTHER"  # a label's code
    before = latest(templates, code)
    positions: dict[str, int] = {}
    items = []
    for i in sheet.items:
        positions[i.section] = positions.get(i.section, 0) + 1
        top = i.max_score or max(sheet.scale)
        items.append(ItemSpec(i.code, i.section, positions[i.section], i.text, i.text, i.weight, top))
    sections = tuple(replace(s, weight=1.0) for s in default.sections)
    return TemplateSpec(
        code,
        before.version + 1 if before else 1,
        name_en.strip() or sheet.title or code,
        name_zh.strip() or sheet.title or code,
        sections,
        tuple(items),
        allowed_scores=tuple(sheet.scale),
    )


def parsed_inspection(sheet: ForeignSheet, template: TemplateSpec) -> ParsedInspection:
    """The sheet's scores on the saved ``template`` (matched by item code), in the template's order; a score
    written as a word or a mark is read on the saved item's maximum (``ForeignItem.points``)."""
    by_code = {i.code: i for i in sheet.items}
    scores = [
        ScoreRow(i.code, by_code[i.code].points(i.max_score), by_code[i.code].not_applicable,
                 by_code[i.code].comment, by_code[i.code].row)
        for i in template.ordered_items()
        if i.code in by_code
    ]  # fmt: skip
    return ParsedInspection(
        sheet.sheet, sheet.store, sheet.inspected_on, sheet.inspector, template, scores, sheet.inspection_id
    )


def import_scores(
    con, sheet: ForeignSheet, template: TemplateSpec, data: bytes, user, lang: str = "en", now=None
):
    """Commit the sheet's scores on the saved ``template`` through the inspections kind (one batch, undoable;
    actions opened by the template's fail rule). Returns (prepared, batch result); raises
    ``pipeline.NothingWritten`` when the rows cannot be committed (``prepared`` then says why, row by row)."""
    from portal import settings
    from portal.fives_intake.kind import KIND
    from portal.fives_intake.upload import raw_table
    from portal.ingest import pipeline

    raw = raw_table([parsed_inspection(sheet, template)], data, sheet.file_name)
    options = pipeline.ImportOptions(timezone=settings.report_timezone(con), lang=lang, now=now)
    prepared = pipeline.prepare(con, KIND, raw, None, options, user)
    try:
        return prepared, pipeline.commit(con, prepared, user)
    except pipeline.NothingWritten as exc:
        exc.prepared = prepared
        raise


def parse_scale(text: str) -> tuple[int, ...] | None:
    """``"1, 2, 3, 4, 5"``, ``"1-5"`` or ``"0/1/2/4"`` -> the scores; None unless at least two whole numbers
    0..10."""
    ranged = re.fullmatch(r"\s*(\d{1,2})\s*[-–~]\s*(\d{1,2})\s*", text or "")
    if ranged:
        text = ",".join(str(v) for v in range(int(ranged.group(1)), int(ranged.group(2)) + 1))
    if not text or re.search(r"[^\d\s,/;、，]", text):
        return None
    values = sorted({int(v) for v in re.findall(r"\d+", text)})
    return tuple(values) if len(values) >= 2 and values[-1] <= 10 else None


def confirmed(draft: TemplateSpec, items_table, scale: tuple[int, ...]):
    """The checklist the admin confirmed in the form: ``draft`` with the edited item table (texts, weights,
    maximum, red line; codes and sections stay the sheet's) and ``scale``; an item left at the sheet's maximum
    takes the top of the confirmed scale. Returns (template, problems) as ``editor.from_tables``."""
    from portal.fives_intake import editor

    before = replace(draft, version=draft.version - 1)
    candidate, problems = editor.from_tables(
        before, draft.name_en, draft.name_zh, editor.sections_table(draft), items_table
    )
    top = max(draft.allowed_scores or (4,))
    items = tuple(replace(i, max_score=max(scale)) if i.max_score == top else i for i in candidate.items)
    return replace(candidate, items=items, allowed_scores=scale), problems
