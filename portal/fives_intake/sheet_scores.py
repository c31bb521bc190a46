"""An item row's score on a 5S inspection sheet (``sheet_parse``): the score cell (a number, a word, a mark, N/A) or
one column per score with a mark under the one given, checked against the item's range and the checklist's scale.
Pure (no database).
"""

from __future__ import annotations

from portal.fives_intake import words
from portal.fives_intake.sheet_layout import Columns, cell_text
from portal.i18n import listed


def item_score(
    row, cols: Columns, item, r: int, err, allowed: tuple[int, ...], read_as: list | None = None
) -> tuple[int | None, bool] | None:
    """(score, not applicable) of an item row, or None after recording why it is refused. A score written as a
    word or a mark (``words.score_word``) is added to ``read_as`` as (item code and text, points)."""
    if cols.marks:
        marked = [(c, s) for c, s in cols.marks.items() if c < len(row) and cell_text(row[c])]
        bad = [(c, cell_text(row[c])) for c, _ in marked if not words.is_mark(cell_text(row[c]))]
        if bad and cols.score is None:
            c, value = bad[0]
            if words.is_formula_error(value):
                err("fives_intake.parse.score_formula", r, c, value=value, item=item.code)
            else:
                err("fives_intake.parse.bad_mark", r, c, value=value, item=item.code)
            return None
        if len(marked) > 1:
            err("fives_intake.parse.two_marks", r, marked[0][0], item=item.code, n=len(marked))
            return None
        if len(marked) == 1:
            return in_range(marked[0][1], item, r, marked[0][0], err, allowed)
        if cols.score is None:
            err("fives_intake.parse.no_score", r, min(cols.marks), item=item.code, max=item.max_score)
            return None
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
