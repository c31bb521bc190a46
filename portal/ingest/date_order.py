"""How the day and month of d/m/y-or-m/d/y dates are ordered: a column's reading from what it shows and the
file's order, its note and the preview's notice quoting the first cell that shows it. Pure decisions on what
``portal.ingest.stamps`` found (it reads the cells; ``stream`` adds up a file read in chunks)."""

from __future__ import annotations


def keep_earliest(examples: dict[str, tuple], found) -> None:
    """Merge ``found`` ((note, (row, cell)) pairs) into ``examples`` (note -> (row, cell)), keeping for each note
    the cell of the earliest row: a chunk's, a stamp family's, or the whole file's first cell showing it."""
    for note, (row, cell) in found:
        if note not in examples or row < examples[note][0]:
            examples[note] = (row, cell)


ORDER_NOTICES = {"dmy": "ingest.notice.day_first_column", "ambiguous": "ingest.notice.month_first_column"}
DAY_FIRST_ELSEWHERE = "ingest.notice.day_first_other_columns"  # day first as the file's other columns show
ORDER_NOTICE_KEYS = (*ORDER_NOTICES.values(), DAY_FIRST_ELSEWHERE)


def order_notice(note: str, examples: dict[str, str]) -> tuple[str, dict] | None:
    """The preview's notice on a stamp column's d/m/y reading (``order_note``), quoting the column's own first
    cell that shows it (``examples``: note -> cell text); a column read day first only because the file's
    other date columns show it has no such cell."""
    if not note:
        return None
    example = examples.get(note) or ""
    if note == "dmy" and not example:
        return DAY_FIRST_ELSEWHERE, {}
    return ORDER_NOTICES[note], {"example": example}


def column_order(shown: dict, file_day_first: bool | None) -> bool:
    """A column's d/m/y reading from what it shows (``_day_first``) and the file's order."""
    if file_day_first is not None:
        return file_day_first
    return shown["first_big"] and not shown["second_big"]


def order_note(shown: dict, day_first: bool) -> str:
    """The column's note on its d/m/y reading: "dmy", "ambiguous" (read month first, nothing tells) or ""."""
    if day_first:
        return "dmy"
    if shown["slashed"] and not shown["second_big"] and shown["differ"]:
        return "ambiguous"
    return ""


def day_order(first_big: bool, second_big: bool) -> bool | None:
    """``day_first_in`` from what the columns showed (parts of a file read in chunks add up: ``or``)."""
    if second_big:
        return False
    return True if first_big else None
