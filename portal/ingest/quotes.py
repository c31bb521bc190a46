"""A CSV cell whose quote is closed only lines further down: the rows between are read into that one cell.

A quote at the start of a cell opens a quoted field, which may hold line breaks (a comment of several lines) and
ends at the next quote. An export that does not double a quote inside a cell (a category typed ``"5 inch
screen``) leaves the field open: every line up to the next quote, rows of the file, went into that cell, and
the rows were lost without a word ("1 rows in file, 1 added" for a file of four; probe of real-world files,
session 40). Such a cell holds, after a line break, a line with as many delimiters as a row of the file has: the
file is refused naming the row, the column and the cell's start.
"""

from __future__ import annotations

import pandas as pd

from portal.ingest.raw import FileRefused

MIN_COLUMNS = 4  # in a narrower file a comment's line with a comma or two may look like a row


def refuse_swallowed_rows(header: list[str], body: pd.DataFrame, delimiter: str) -> None:
    """Refuse the file when a cell of ``body`` (columns named by ``header``, index the file's row numbers) holds,
    after a line break, a line with as many delimiters as the header's (a row of the file)."""
    if len(header) < MIN_COLUMNS:
        return
    need = len(header) - 1
    for j, column in enumerate(header):
        cells = body.iloc[:, j]
        held = cells[cells.str.contains("\n", regex=False)]
        for row, cell in held.items():
            lines = cell.split("\n")
            if any(line.count(delimiter) >= need for line in lines[1:]):
                start = lines[0].strip()
                raise FileRefused(
                    "ingest.refused.unclosed_quote",
                    "Row {row}, column {column}: the quote that opens this cell (“{start}…”) is closed only {n} "
                    "lines further down, so those lines, rows of the file, were read into this one cell. Close the "
                    'quote on that row (or write a quote inside a cell twice: ""), then upload the file again.',
                    row=row,
                    column=column,
                    start=start[:30],
                    n=len(lines) - 1,
                )
