"""Spreadsheet geometry shared by the readers (``portal.ingest.reading``, ``portal.fives_intake``): column
letters, and cells merged down a column."""

from __future__ import annotations


def col_letter(index: int) -> str:
    """0-based column index -> spreadsheet letter."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def fill_merged_down(rows: list[list], sheet) -> list[tuple[int, str]]:
    """Cells merged down a column (a store code over two tickets) hold their value in the top cell only: the
    others were read blank, and the second ticket was stored without a store (complaint probe). Each such range
    of ``sheet`` (python-calamine's, whose cells ``rows`` are from ``sheet.start`` on) gives its value to every
    row it covers, as the sheet shows it. Returns (first row as the sheet numbers it, "C3:C4") of each range
    filled, for the preview's notice. A range across columns (a title over the table) is left as it is."""
    try:
        ranges = sheet.merged_cell_ranges or []
    except Exception:  # noqa: BLE001 - a format without merge information
        return []
    top, left = sheet.start or (0, 0)
    filled = []
    for (r0, c0), (r1, c1) in ranges:
        if c0 != c1 or r1 <= r0:
            continue
        row, col = r0 - top, c0 - left
        if not (0 <= row < len(rows) and 0 <= col < len(rows[row])):
            continue
        for r in range(row + 1, min(r1 - top, len(rows) - 1) + 1):
            if col < len(rows[r]):
                rows[r][col] = rows[row][col]
        filled.append((r0 + 1, f"{col_letter(c0)}{r0 + 1}:{col_letter(c0)}{r1 + 1}"))
    return filled
