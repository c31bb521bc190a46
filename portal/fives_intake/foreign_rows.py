"""Rows and columns of another company's 5S sheet (``foreign``) that the portal's own sheets have not: a section
heading row (``only_an_s``), one naming a section beyond the five S (``beyond_five_s``: 六、安全 on a 6S sheet), and
columns giving each item its maximum and weight (``own_columns``, ``own_values``), the points deducted from it and why
(``deduction``, ``with_reason``: 扣分, 扣分原因), and whether its maximum is above the scale the sheet states
(``max_above_scale``). A photo column (``photos_named``: 照片) is said alike on the portal's own sheets
(``sheet_parse``). Pure (no database)."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from portal.fives_intake import words
from portal.fives_intake.sheet_layout import cell_text, header_columns, subtotal_labels
from portal.fives_intake.sheet_scores import scale_text
from portal.i18n import listed

_NUMBERING = re.compile(r"[一二三四五六七八九十]+|\d+s?|s\d+|\d+分|分|points?|pts")
_SUFFIXES = ("区域", "部分", "项目", "类", "区")

# columns of another company's sheet that the portal's own sheets have not: each item's maximum and weight
_OWN_COLUMNS = {
    "max": (
        "满分",
        "标准分",
        "配分",
        "分值",
        "max",
        "max score",
        "maximum",
        "max points",
        "possible",
        "full marks",
    ),
    "weight": ("权重", "权数", "weight", "weighting"),
    # a sheet scoring by deduction: the points deducted (the score is the maximum less them) and why
    "deduction": ("扣分", "扣分值", "扣除分", "deduction", "deductions", "points deducted"),
    # a column naming each item's photo (IMG_0012.jpg, 见照片): the photos are not in the sheet (``photos_named``)
    "photo": (
        "照片",
        "图片",
        "附图",
        "现场照片",
        "photo",
        "photos",
        "picture",
        "pictures",
        "image",
        "images",
    ),
    "reason": (
        "扣分原因",
        "扣分说明",
        "扣分理由",
        "扣分事项",
        "reason",
        "reason for deduction",
        "deduction reason",
    ),
}


def own_columns(header: list, cols) -> dict[str, int]:
    """The columns of the item table's header giving each item its maximum (满分, Max) and weight (权重, Weight)."""
    read = {cols.section, cols.code, cols.item, cols.score, cols.comment, *cols.marks}
    found: dict[str, int] = {}
    for c, v in enumerate(header):
        key = words.match_label(v, _OWN_COLUMNS)
        if key and c not in read and key not in found:
            found[key] = c
    return found


def own_values(row, own: dict[str, int], r: int, code: str, err) -> tuple[int | None, float]:
    """(the item's maximum or None, its weight) from the sheet's 满分 and 权重 columns; a cell there that is no whole
    number 1 to 10 (a maximum) or no number above 0 (a weight; a percentage its share, 20% = 0.2) is refused at its
    cell, never taken as the default."""
    max_score, weight = None, 1.0
    if "max" in own:
        max_score = stated_max(row, own)
        if max_score is None:
            value = row[own["max"]] if own["max"] < len(row) else None
            err("fives_intake.foreign.bad_max", r, own["max"], item=code, value=cell_text(value)[:30])
    if "weight" in own:
        value = row[own["weight"]] if own["weight"] < len(row) else None
        weight = _weight(cell_text(value))
        if not weight > 0 or weight != weight or weight == float("inf"):
            err("fives_intake.foreign.bad_weight", r, own["weight"], item=code, value=cell_text(value)[:30])
            weight = 1.0
    return max_score, weight


def stated_max(row, own: dict[str, int]) -> int | None:
    """The item's maximum the sheet's 满分 / 标准分 column gives on its row: a whole number 1 to 10, else None."""
    c = own.get("max")
    number = words.score_of(row[c]) if c is not None and c < len(row) else None
    return number if isinstance(number, int) and 1 <= number <= 10 else None


def weights_mixed(grid, header_r: int, rows: list[int], own: dict[str, int], err) -> bool:
    """Whether the weight column writes some weights as percentages (``20%``: a share, 0.2) and others as plain
    numbers above 1 (``80``, ``2``: points): read as they are written, one item would weigh hundreds of times less
    than another instead of a quarter, unsaid. Said once at the column's header (``rows``: the items' rows, 0-based);
    plain shares of 1 or less (0.8, a number cell formatted as 80%) mean what the percentages mean and are read."""
    c = own.get("weight")
    if c is None:
        return False
    texts = [cell_text(grid[r][c]) if c < len(grid[r]) else "" for r in rows]
    percent = any(unicodedata.normalize("NFKC", t).strip().endswith("%") for t in texts)
    points = any(
        not unicodedata.normalize("NFKC", t).strip().endswith("%") and (_number(t) or 0) > 1 for t in texts
    )
    if percent and points:
        err("fives_intake.foreign.weights_mixed", header_r, c)
        return True
    return False


def deductions_only(grid) -> tuple[int, int, str] | None:
    """(row, column, text) of a 扣分 header on an item table's header row that has no score column (检查项目 | 标准分 |
    扣分): the portal does not compute scores from deductions, so the caller refuses the sheet there, once."""
    for r, row in enumerate(grid):
        cols = header_columns(row)
        if cols.score is not None or (cols.item is None and cols.code is None):
            continue
        c = own_columns(row, cols).get("deduction")
        if c is not None:
            return r, c, cell_text(row[c])
    return None


def deduction(row, own: dict[str, int], r: int, code: str, err) -> tuple[float | None, str]:
    """(the points deducted from the item, as written) from the sheet's 扣分 column; (None, "") when it has none or
    the cell is blank; a cell that is no number of 0 or more is refused at its cell (the score cannot be checked)."""
    if "deduction" not in own:
        return None, ""
    value = row[own["deduction"]] if own["deduction"] < len(row) else None
    text = cell_text(value)
    if not text:
        return None, ""
    number = None if "%" in text else _number(text.removesuffix("分"))
    if number is None or not 0 <= number < float("inf"):
        err("fives_intake.foreign.bad_deduction", r, own["deduction"], item=code, value=text[:30])
        return None, ""
    return number, text


def deduction_differs(row, own: dict[str, int], r: int, item, score: int | None, score_c, err) -> bool:
    """On the portal's own sheet scored by deduction (扣分 beside the score): whether the item's score is not its
    checklist maximum less the points deducted, said at the score cell (``foreign`` checks another company's alike);
    a deduction cell that is no number is refused at its cell (``deduction``)."""
    deducted, written = deduction(row, own, r, item.code, err)
    if deducted is None or score is None or score == item.max_score - deducted:
        return False
    expected = f"{item.max_score - deducted:g}"
    values = {"score": score, "max": item.max_score, "deducted": written, "expected": expected}
    err("fives_intake.foreign.deduction_differs", r, score_c, item=item.code, **values)
    return True


def with_reason(comment: str, row, own: dict[str, int]) -> str:
    """The item's comment with the reason for its deduction (扣分原因) after it, so neither is dropped."""
    c = own.get("reason")
    reason = cell_text(row[c]) if c is not None and c < len(row) else ""
    return "; ".join(t for t in (comment, reason) if t)


def _weight(text: str) -> float:
    """A weight cell's number, 0 when it is none: ``2``, ``0.2``, or a percentage written as text (``20%``, ``20 %``,
    ``２０％``) as its share, 0.2, as a number cell formatted as a percentage holds it."""
    number = _number(text)
    return 0.0 if number is None else number


def _number(text: str) -> float | None:
    """A cell's number (full width and a percentage as text read: ``20%`` is 0.2, exactly as the number 0.2), or
    None when it is none."""
    text = unicodedata.normalize("NFKC", text).strip()
    percent = text.endswith("%")
    if percent:
        text = text[:-1].rstrip()
    try:
        return float(Decimal(text) / 100 if percent else Decimal(text))
    except (InvalidOperation, ValueError):
        return None


def only_an_s(text: str, section: str) -> bool:
    """Whether a row's only text is a heading: the S's names (整理, Sort, 整理 Sort) with no more than numbering, a
    point note or a suffix (一、整理（20分）, 1S 整理区域). An item's text holding an S name (清洁工具定位放置, Sweep
    the floor) is no heading, though it has no score: without a checklist nothing else tells them apart."""
    rest = " ".join(w for w in words.norm(text).split() if not _NUMBERING.fullmatch(w))
    for name in sorted(words.SECTION_WORDS[section], key=len, reverse=True):
        rest = rest.replace(name, " ")
    for suffix in _SUFFIXES:
        rest = rest.replace(suffix, " ")
    return not rest.strip()


# the S a 6S, 7S or 8S sheet adds to the five: safety, saving, study, service
_BEYOND_WORDS = ("安全", "safety", "security", "节约", "saving", "学习", "study", "服务", "service")
BEYOND = "beyond_five_s"  # the section of the rows under such a heading: none of the five S


def beyond_five_s(texts: list[str]) -> bool:
    """Whether a row's only text (in one cell or merged across the table) heads a section beyond the five S: one of
    ``_BEYOND_WORDS`` with no more than numbering, a point note or a suffix (六、安全（Safety）, 6S 安全区域)."""
    shown = {text for text in texts if text}
    if len(shown) != 1:
        return False
    parts = [w for w in words.norm(shown.pop()).split() if not _NUMBERING.fullmatch(w)]
    rest = " ".join(parts)
    for name in _BEYOND_WORDS:
        rest = rest.replace(name, " ")
    for suffix in _SUFFIXES:
        rest = rest.replace(suffix, " ")
    return bool(parts) and not rest.strip()


def beyond_sections(grid, r: int, cols) -> tuple[list[str], list[int], int]:
    """From row ``r`` (0-based) of an item table, where a section beyond the five S begins (its name in the section
    column, 安全 | SA1 | 灭火器…, or a heading row of its own, 六、安全): the names of such sections as written, the
    rows (1-based) of their items (a row with an item code or text) and the row (0-based) where they end: a total,
    a signature, another section, a row of no item, or the end of the sheet. The portal's own sheets read the five
    S above and say these rows were not read (``sheet_parse``)."""
    names: list[str] = []
    rows: list[int] = []
    for k in range(r, len(grid)):
        row = grid[k]
        texts = [cell_text(v) for v in row]
        if not any(texts):
            continue
        first = next(text for text in texts if text)
        if words.is_end_label(first) or words.is_signature_label(first):
            return names, rows, k
        if beyond_five_s(texts):  # a heading row
            names += [first] if first not in names else []
            continue
        if any(map(words.is_subtotal_label, subtotal_labels(row, texts, cols))):
            return names, rows, k
        section = texts[cols.section] if cols.section is not None and cols.section < len(texts) else ""
        if section:
            if not beyond_five_s([section]):
                return names, rows, k
            names += [section] if section not in names else []
        item = [texts[c] for c in (cols.code, cols.item) if c is not None and c < len(texts) and texts[c]]
        if not item or not names:
            return names, rows, k
        rows.append(k + 1)
    return names, rows, len(grid)


def max_above_scale(grid, table, items, scale: tuple[int, ...], err) -> set[str]:
    """The codes of the items whose own maximum (a 满分 column) is above the top of the scale the sheet states (its
    score header ``得分（0-5分）`` or its columns per score), said in one message at that header naming it, the scale
    and each such item with its maximum: the sheet contradicts itself, and no score is read on either."""
    header_r, first_r, cols = table
    above = [i for i in items if i.max_score is not None and scale and i.max_score > max(scale)]
    if not above:
        return set()
    if cols.marks:
        r, c = first_r - 1, min(cols.marks)
        header = " | ".join(cell_text(grid[r][k]) for k in sorted(cols.marks) if k < len(grid[r]))
    else:
        r, c = header_r, cols.score
        header = cell_text(grid[r][c]) if c is not None and c < len(grid[r]) else ""
    listed_items = listed(f"{i.code} ({i.max_score})" for i in above)
    err(
        "fives_intake.foreign.max_above_scale",
        r,
        c,
        header=header,
        scale=scale_text(scale),
        items=listed_items,
    )
    return {i.code for i in above}


def photos_named(grid, header_r: int, rows: list[int], own: dict[str, int], note) -> None:
    """The item rows (``rows``, 0-based) whose photo column (照片, 图片, Photo) names a photo (IMG_0012.jpg, 见照片), said
    in one notice at the column's header: the photo is not imported (the portal's photos come through the tablet
    form), and a name alone would be passed over unsaid."""
    c = own.get("photo")
    if c is None:
        return
    named = [r + 1 for r in rows if c < len(grid[r]) and cell_text(grid[r][c])]
    if named:
        header = cell_text(grid[header_r][c])
        note(
            "fives_intake.foreign.photos_not_imported",
            header_r,
            c,
            header=header,
            n=len(named),
            rows=listed(named),
        )
