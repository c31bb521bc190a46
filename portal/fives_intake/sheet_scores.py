"""An item row's score on a 5S inspection sheet (``sheet_parse``): the score cell (a number, a word, a mark, N/A) or
one column per score with a mark under the one given, checked against the item's range and the checklist's scale.
Pure (no database).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from portal.fives_intake import words
from portal.fives_intake.sheet_layout import Columns, cell_text, stated_scale
from portal.i18n import Both, listed

if TYPE_CHECKING:
    from portal.fives_intake.template import TemplateSpec


def scale_text(scores: tuple[int, ...]) -> str | Both:
    """A scale as a message names it: "0-4" for every whole number between its ends, else the list ("0, 1, 2, 4")."""
    if scores and list(scores) == list(range(scores[0], scores[-1] + 1)):
        return f"{scores[0]}-{scores[-1]}"
    return listed(scores)


def scale_differs(grid: list[list[Any]], header_r: int, first_r: int, cols: Columns, template: TemplateSpec):
    """Where the item table states a point scale that is not the checklist's, as (row index, column index, the
    header's text, the scale it states, the checklist's), else None. Stated: a range or list in the score column's
    header (``得分（1-5分）``: its ends must be the checklist's lowest and highest score; a list: the same scores), or
    numbers heading a column per score (``5 4 3 2 1``: none outside the checklist's scores). Never rescaled: a 1 of
    1-5 is the lowest, a 1 of 0-4 is not."""
    expected = checklist_scale(template)
    if not expected or (cols.pass_fail and cols.marks):  # 是 | 否 ticks state no scale: a pass is the maximum
        return None
    if cols.marks:
        numbers = tuple(sorted({s for s in cols.marks.values() if s is not None}))
        if set(numbers) <= set(expected):
            return None
        marks_r = first_r - 1
        shown = " | ".join(cell_text(grid[marks_r][c]) for c in sorted(cols.marks))
        return marks_r, min(cols.marks), shown, scale_text(numbers), scale_text(expected)
    if cols.score is None or cols.score >= len(grid[header_r]):
        return None
    header = cell_text(grid[header_r][cols.score])
    stated = header_scale_differs(header, expected)
    if stated is None:
        return None
    return header_r, cols.score, header, scale_text(stated), scale_text(expected)


def max_differs(header: list, header_r: int, max_c, other_max: list[tuple[str, int]], template, err) -> bool:
    """Whether the sheet's 标准分 / 满分 column (``max_c``) gives items another maximum than the checklist's
    (``other_max``: the items and the maximum the sheet gives each), said once at that header (none per row): the
    scores are out of another maximum and never rescaled, so nothing of the sheet is read."""
    if not other_max:
        return False
    err(
        "fives_intake.parse.max_differs",
        header_r,
        max_c,
        header=cell_text(header[max_c]),
        n=len(other_max),
        stated=listed(sorted({m for _, m in other_max})),
        items=listed([code for code, _ in other_max][:5], more=len(other_max) > 5),
        expected=scale_text(checklist_scale(template)),
        template=template.label,
    )
    return True


def checklist_scale(template: TemplateSpec) -> tuple[int, ...]:
    """Every score the checklist gives any of its items, lowest first (0..4 for the portal's own)."""
    return tuple(sorted({s for i in template.items for s in template.scores_for(i)}))


def header_scale_differs(header: str, expected: tuple[int, ...]) -> tuple[int, ...] | None:
    """The scale a score column's header states (``stated_scale``) when it is not ``expected``, else None: a range
    must have the checklist's lowest and highest score for ends, a list the checklist's scores. A sheet's score
    header (``scale_differs``) and a flat file's (``kind``) are judged alike."""
    stated = stated_scale(header)
    if not stated or not expected:
        return None
    ranged = list(stated) == list(range(stated[0], stated[-1] + 1))
    same = (stated[0], stated[-1]) == (expected[0], expected[-1]) if ranged else stated == expected
    return None if same else stated


def item_score(
    row, cols: Columns, item, r: int, err, allowed: tuple[int, ...], read_as: list | None = None
) -> tuple[int | None, bool] | None:
    """(score, not applicable) of an item row, or None after recording why it is refused. A score written as a
    word or a mark (``words.score_word``) is added to ``read_as`` as (item code and text, points). A tick under a
    pass column (是 | 否: ``cols.pass_fail`` with ``cols.marks``) is the item's maximum, as 是 in a 是否合格 column."""
    if cols.marks:
        found = ticked(row, cols, item.code, item.max_score, r, err)
        if found is None:
            return None
        if found:
            c, score = found
            if cols.pass_fail and score is not None:
                score = item.max_score if score else 0
            return in_range(score, item, r, c, err, allowed)
    c = cols.score
    value = row[c] if c is not None and c < len(row) else None
    text = cell_text(value)
    if not text:
        err("fives_intake.parse.no_score", r, c, item=item.code, max=item.max_score)
        return None
    if words.is_formula_error(text):
        err("fives_intake.parse.score_formula", r, c, value=text, item=item.code)
        return None
    if words.is_not_applicable(text):
        return None, True
    if out_of_other(value, item.code, item.max_score, r, c, err):
        return None
    score = words.score_of(value)
    if score is None:
        score = words.score_word(text, item.max_score, cols.pass_fail)  # 满分, a tick, a cross, 是 / 否
        if score is not None and read_as is not None:
            read_as.append((f"{item.code} {text}", score))
    if score is None:
        err("fives_intake.parse.bad_score", r, c, value=text[:30], item=item.code, max=item.max_score)
        return None
    if isinstance(score, float):
        err("fives_intake.parse.fraction", r, c, value=text, item=item.code)
        return None
    return in_range(score, item, r, c, err, allowed)


def ticked(row, cols: Columns, code: str, top, r: int, err) -> tuple[int, int | None] | tuple[()] | None:
    """The column per score ticked on an item row (``cols.marks``) as (column, its score; None: N/A); ``()`` when
    none is and a score cell stands beside them to be read; None after recording why the row is refused: text that
    is no tick (✓ √ ● x 1) or a formula error under a score, two ticks, none (``top``: the score the message
    offers as the highest). The portal's own sheets and another company's (``foreign``) read ticks alike. Under two
    columns of a pass and a fail (是 | 否) a cross (✗ ×) marks its column too: under the fail column a fail, under
    the pass column a contradiction refused at its cell, never a pass."""
    marked = [(c, s) for c, s in cols.marks.items() if c < len(row) and cell_text(row[c])]
    if _is_pass_fail(cols):
        crossed = [(c, s) for c, s in marked if words.norm_keep(cell_text(row[c])) in words.FAIL_MARKS]
        if any(s for _, s in crossed):  # ✗ under 是: says failed where a tick says passed
            c = next(c for c, s in crossed if s)
            err("fives_intake.foreign.pass_fail_cross", r, c, item=code, value=cell_text(row[c]))
            return None
        marked_ok = {c for c, _ in crossed}
    else:
        marked_ok = set()
    bad = [
        (c, cell_text(row[c]))
        for c, _ in marked
        if c not in marked_ok and not words.is_mark(cell_text(row[c]))
    ]
    if bad and cols.score is None:
        c, value = bad[0]
        if words.is_formula_error(value):
            err("fives_intake.parse.score_formula", r, c, value=value, item=code)
        else:
            err("fives_intake.parse.bad_mark", r, c, value=value, item=code)
        return None
    if len(marked) > 1:
        err("fives_intake.parse.two_marks", r, marked[0][0], item=code, n=len(marked))
        return None
    if len(marked) == 1:
        return marked[0]
    if cols.score is None:
        err("fives_intake.parse.no_score", r, min(cols.marks), item=code, max=top)
        return None
    return ()


def out_of_other(value, code: str, max_score: int, r: int, c: int | None, err) -> bool:
    """Whether a score written ``a/b`` gives b other than the item's maximum (``3/5`` on an item scored 0-4),
    recorded as the row's message at its cell: it is never rescaled, nor read as a of the maximum."""
    out_of = words.score_out_of(value)
    if out_of is None or out_of == max_score:
        return False
    text = cell_text(value)
    err("fives_intake.parse.score_out_of", r, c, value=text, item=code, max=max_score, out_of=out_of)
    return True


def read_grades(grid: list[list[Any]], first_r: int, cols: Columns, top: int, note) -> None:
    """Columns headed with grades (``cols.grades``: 优 | 良 | 中 | 差) as points counting down from ``top`` (the
    checklist's top score: 优 4, 良 3, 中 2, 差 1), said in a notice at the first grade's cell listing each."""
    if not cols.grades:
        return
    cols.marks = {c: top - rank for c, rank in cols.grades.items()}
    readings = [f"{grid[first_r - 1][c]} = {cols.marks[c]}" for c in sorted(cols.grades, key=cols.grades.get)]
    note("fives_intake.parse.grades_read", first_r - 1, min(cols.grades), readings=listed(readings))


def in_range(score: int | None, item, r: int, c: int, err, allowed) -> tuple[int | None, bool] | None:
    if score is None:
        return None, True
    if not 0 <= score <= item.max_score:
        err("fives_intake.parse.out_of_range", r, c, value=score, item=item.code, max=item.max_score)
        return None
    if score not in allowed:  # another company's scale, e.g. 0/1/2/4
        err(
            "fives_intake.parse.not_allowed",
            r,
            c,
            value=score,
            item=item.code,
            allowed=listed(allowed),
        )
        return None
    return score, False


_PASS_FAIL_TICKS = {
    "fives_intake.parse.two_marks": "fives_intake.foreign.pass_fail_both",
    "fives_intake.parse.no_score": "fives_intake.foreign.pass_fail_none",
    "fives_intake.foreign.pass_fail_cross": "fives_intake.foreign.pass_fail_cross",  # ✗ under 是 (``ticked``)
}


def _is_pass_fail(cols: Columns) -> bool:
    """The columns per score are a pass and a fail column (是 | 否: ``sheet_layout.find_table``)."""
    return cols.pass_fail and len(cols.marks) == 2 and set(cols.marks.values()) == {0, 1}


def pass_fail_ticks(messages: list, start: int, header: list, cols: Columns) -> None:
    """The row messages from ``start`` on of a sheet writing pass/fail as two tick columns (是 | 否: ``cols.marks``
    1 and 0) that tick both or neither (``ticked``: two marks, no score) said with those columns' headers: tick one
    of 是 and 否, not a score. The portal's own sheets (``sheet_parse``) and another company's (``foreign``) alike."""
    if not _is_pass_fail(cols):
        return
    pass_c, fail_c = sorted(cols.marks, key=lambda c: -cols.marks[c])
    names = {"pass_header": cell_text(header[pass_c]), "fail_header": cell_text(header[fail_c])}
    for k in range(start, len(messages)):
        key = _PASS_FAIL_TICKS.get(messages[k].key)
        if key:
            kept = {n: v for n, v in messages[k].values.items() if n in ("item", "value")}
            values = kept | names
            messages[k] = replace(messages[k], key=key, values=values)


def result_numbers(grid: list[list[Any]], rows: list[int], cols: Columns, template: TemplateSpec) -> bool:
    """Whether a score column headed as a pass/fail result (是否合格, 检查结果: ``cols.pass_fail``) holds 1 and no
    number but 0 and 1 on the item ``rows`` (0-based), on a checklist whose items score above 1: a 1 there may be a
    pass (the item's maximum) or 1 point, which cannot be told, so the caller refuses the sheet at the column's
    header. Numbers above 1 beside them are points; a 0 is a fail or 0 points alike."""
    c = cols.score
    if not cols.pass_fail or cols.marks or c is None or max(i.max_score for i in template.items) <= 1:
        return False
    numbers = {words.score_of(grid[r][c]) for r in rows if c < len(grid[r])} - {None}
    return 1 in numbers and numbers <= {0, 1}


# the label of a sheet's own points total below its items (合计 | | | 95, 总分：95); not a rate (得分率, 合格率)
_TOTAL_LABELS = (
    "合计",
    "总分",
    "总计",
    "总得分",
    "得分合计",
    "得分",
    "实得分",
    "total",
    "total score",
    "sum",
    "score",
)
_TOTAL_IN_CELL = re.compile(
    r"(" + "|".join(map(re.escape, _TOTAL_LABELS)) + r")\s*[:：]?\s*(\d+(?:\.\d+)?)\s*(?:分|points?|pts)?"
)


def total_differs(
    grid: list[list[Any]], start: int, cols: Columns, given: int
) -> tuple[int, int, Any] | None:
    """The sheet's own points total where it is not ``given`` (the sum of the item scores read) as (row index, column
    index, the total written), else None. Looked for on the first rows from ``start`` (0-based: where the item table
    ended) that are not blank, up to a signature line: a row headed as a total (``_TOTAL_LABELS``) with a number in
    the score column, or one cell holding the label and the number (总分：95). A rate (得分率 95%) is no total."""
    seen = 0
    for r in range(start, len(grid)):
        row = grid[r]
        texts = [cell_text(v) for v in row]
        if not any(texts):
            continue
        seen += 1
        if seen > 5:
            return None
        first = next(text for text in texts if text)
        c = texts.index(first)
        if words.is_signature_label(first):
            return None
        in_cell = _TOTAL_IN_CELL.fullmatch(words.norm_keep(first))
        if in_cell:
            value, at = float(in_cell.group(2)), c
        elif words.norm_keep(first).rstrip(":：").strip() in _TOTAL_LABELS:
            at = cols.score
            if at is None or at <= c or at >= len(row):
                return None
            value = words.score_of(row[at])
            if value is None or isinstance(row[at], bool):
                return None
        else:
            continue
        shown = int(value) if float(value).is_integer() else value
        return None if value == given else (r, at, shown)
    return None
