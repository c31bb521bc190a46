"""Where a table's header is: the header row under any report title or export date, the rows under it that a
survey tool writes as part of it (Qualtrics' question texts and ImportId row, SurveyMonkey's sub-headings), and
the data rows below, numbered as the spreadsheet numbers them (``split_header``). Used by the whole-file reader
(``portal.ingest.reading``) and the chunked CSV reader (``portal.ingest.chunked_csv``)."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np
import pandas as pd

from portal.i18n import Both, listed, t
from portal.ingest.cells import plain_mask
from portal.ingest.footer import (  # noqa: F401 - FOOTER_ROWS, footer_may_reach_above re-exported
    _DATE_LIKE,
    _FOOTER_LINE,
    FOOTER_ROWS,
    _filled_cells,
    _is_totals,
    footer_may_reach_above,
    footer_rows,
)
from portal.ingest.header_again import _cell_key, _value_like, renamed, translations
from portal.ingest.raw import FileRefused, RawTable

_NUMBER_LIKE = re.compile(r"^[\s\d.,+\-]+$")


def is_blank(frame: pd.DataFrame) -> pd.Series:
    """Rows whose every cell is blank once stripped. A row with a non-empty plain cell (printable ASCII, no outer
    space: ``cells.plain_mask``) is not blank, which one column usually settles for every row; only the rows
    left are stripped cell by cell."""
    maybe = np.ones(len(frame), dtype=bool)
    for name in frame.columns:
        if not maybe.any():
            break
        col = frame[name]
        maybe &= ~(plain_mask(col) & (col != "").to_numpy(dtype=bool, na_value=True))
    blank = pd.Series(False, index=frame.index)
    if maybe.any():
        rest = frame[maybe]
        blank[maybe] = rest.apply(lambda col: col.str.strip() == "").all(axis=1).to_numpy(dtype=bool)
    return blank


HEADER_SEARCH_ROWS = 20


def _filled(table: pd.DataFrame) -> pd.Series:
    """Non-blank cells per row of the first rows."""
    head = table.iloc[:HEADER_SEARCH_ROWS].astype(str)
    return head.apply(lambda col: col.str.strip() != "").sum(axis=1)


def header_row_position(table: pd.DataFrame) -> int | None:
    """The header is the first row filled at least 60 % as wide as the usual row (the commonest width of the
    first rows of more than one cell, the wider on a tie): report titles, export dates and blank rows above it
    are narrower, and one over-wide broken line does not move the header."""
    filled = _filled(table)
    widths = filled[filled > 0]
    if widths.empty:
        return None
    # rows of one cell that are not data (a report title or an export line above the first wider row, a totals
    # row or a footer line below it) do not set the usual width: in a short export whose rows leave different
    # optional cells blank, or a report with one or two records between its title and its footer (Salesforce's
    # "Cases by Owner" / "Grand Totals (1 records)" / "Confidential Information"), those were the commonest width
    # and the title was taken for the header (probes of real exports)
    wider = widths > 1
    data_like = _data_like_single_rows(table, widths, wider)
    if wider.sum() >= max(2, data_like) or (wider.any() and data_like == 0):
        widths = widths[wider]  # not a one-column file with a stray second cell (its one-cell rows are data)
    counts = widths.value_counts()
    usual = int(max(counts[counts == counts.max()].index))
    wide = filled >= max(1, 0.6 * usual)  # a header names most columns; a title or an export line few
    return int(wide.to_numpy().argmax())


TITLE_ROWS = 3  # one-cell rows above a table's first wider row that may be a title, an export date, a filter


def _data_like_single_rows(table: pd.DataFrame, widths: pd.Series, wider: pd.Series) -> int:
    """How many of the first rows' one-cell rows may be data: below the first wider row, those that are not a
    totals row or a footer line; above it, those beyond the first ``TITLE_ROWS`` (a report's title lines)."""
    if not wider.any():
        return int((~wider).sum())
    first_wide = widths.index[wider.to_numpy()][0]
    above = int((~wider[widths.index < first_wide]).sum())
    below = 0
    for row in widths.index[(widths.index > first_wide) & ~wider.to_numpy()]:
        filled = _filled_cells(table.loc[row].astype(str).tolist())
        below += not (_is_totals(filled[0].casefold(), filled) or _FOOTER_LINE.search(filled[0].casefold()))
    return max(0, above - TITLE_ROWS) + below


def header_width(table: pd.DataFrame) -> int:
    position = header_row_position(table)
    return 0 if position is None else int(_filled(table).iloc[position])


@dataclass(frozen=True)
class HeaderRows:
    """Where the header is: its first row (rows above it were passed over) and the rows under it that belong to
    it (a survey tool's question texts, sub-headings or ImportId row), as the spreadsheet numbers them."""

    first: int
    extra: tuple[int, ...] = ()
    footer: tuple[int, ...] = ()  # rows at the end that are a report's footer or totals, not data
    repeated: tuple[int, ...] = ()  # rows that repeat the header (exports pasted together): not data
    # (column position, time zone) of the columns whose times the export says are in a zone (``export_zone``)
    zones: tuple[tuple[int, str], ...] = ()
    # the row under the header names the columns again in the other language: (header, its translation) pairs
    translated: tuple[tuple[str, str], ...] = ()
    # the row (under the header, or the first data row) that names some columns in other words: its pairs
    renamed: tuple[tuple[str, str], ...] = ()
    renamed_row: int = 0
    # the rows above the header that hold text (a title, 质检月份：2026-11): (row, its cells joined by a space)
    above: tuple[tuple[int, str], ...] = ()


def note_rows_above(raw: RawTable, header: HeaderRows) -> None:
    """Say which rows above the header were passed over (a report title, an export date) and which rows under
    it were read as part of it; keep the time zones the header rows give for columns (``raw.column_zones``)."""
    raw.column_zones = dict(header.zones)
    raw.title_rows = {raw.sheet or "": header.above}
    if header.first > 1:
        raw.notes.append(("ingest.notice.rows_above_header", {"header_row": header.first}))
    # a row naming the columns in the other language or in other words: a second header row, or data
    named = header.translated or header.renamed
    second = header.translated or (header.renamed if header.renamed_row in header.extra else ())
    if named:
        pairs = [f"{a} = {b}" for a, b in named]
        shown = listed(pairs[:3], more=len(pairs) > 3)
        key = "header_renamed" if second else "header_words_as_data"
        key = "header_translated" if header.translated else key
        raw.notes.append((f"ingest.notice.{key}", {"row": header.renamed_row, "pairs": shown}))
    if header.extra and not second:
        raw.notes.append(
            ("ingest.notice.header_rows", {"rows": listed(header.extra), "n": len(header.extra)})
        )
    if header.footer:
        raw.notes.append(
            ("ingest.notice.footer_rows", {"rows": listed(header.footer), "n": len(header.footer)})
        )
    if header.repeated:
        shown = listed(header.repeated[:10], more=len(header.repeated) > 10)
        raw.notes.append(("ingest.notice.repeated_header", {"rows": shown, "n": len(header.repeated)}))


def repeated_header(body: pd.DataFrame, header: list[str]) -> list[int]:
    """The rows of ``body`` (cells in ``header``'s column order) that repeat the header: exports pasted together,
    each with its header. Only a row whose every cell is its column's name (``_cell_key``: a byte-order mark, case
    and spacing aside; a nameless column's cell blank) is one; a row repeating it in part is data. The rows whose
    cell of one named column is its name as written are looked at first (a million rows: one hash look-up)."""
    named = [i for i, h in enumerate(header) if h.strip()]
    if not named or body.empty:
        return []
    probe = (
        named[1] if len(named) > 1 else named[0]
    )  # the first cell may carry a pasted file's byte-order mark
    name = header[probe]
    maybe = body[body.iloc[:, probe].isin({name, name.strip()})]
    keys = [_cell_key(h) for h in header]
    return [
        int(row)
        for row, cells in zip(maybe.index, maybe.itertuples(index=False), strict=True)
        if all(_cell_key(str(c)) == k for c, k in zip(cells, keys, strict=True))
    ]


# Rows under the header that belong to it, as survey tools export: Qualtrics writes its column ids (StartDate,
# Q1, Q2_1), then the question texts, then a row of JSON ({"ImportId":"QID1"}); SurveyMonkey writes the question
# texts, then sub-headings ("Response", "Open-Ended Response", a matrix's row labels, a checkbox's options).
EXTRA_HEADER_ROWS = 3  # at most this many rows under the header are looked at
_IMPORT_ID = re.compile(r'^\{\s*"ImportId"\s*:')
SUBHEADINGS = frozenset(
    {"response", "responses", "open-ended response", "open ended response", "other (please specify)"}
    | {"回答", "回复", "开放式回答", "开放式回复", "其他(请注明)", "其他(请说明)"}
)
_TYPE_SAMPLE = 200  # rows under the candidate rows whose cells tell a column's type


def _is_subheading_word(text: str) -> bool:
    return unicodedata.normalize("NFKC", text).strip().casefold() in SUBHEADINGS


def export_zone(cell: str) -> str | None:
    """The time zone a Qualtrics ImportId cell gives for its column's times (``{"ImportId":"recordedDate",
    "timeZone":"America/Denver"}``; "Z" is UTC), or None: no zone, or not one the portal knows."""
    if not _IMPORT_ID.match(cell.strip()):
        return None
    try:
        zone = json.loads(cell).get("timeZone")
    except (ValueError, AttributeError):
        return None
    if not isinstance(zone, str) or not zone.strip():
        return None
    zone = zone.strip()
    if zone.upper() in ("Z", "UTC", "GMT", "ETC/UTC"):
        return "UTC"
    try:
        ZoneInfo(zone)
    except (ValueError, ZoneInfoNotFoundError):
        return None
    return zone


def _import_id_row(cells: list[str]) -> bool:
    filled = [c.strip() for c in cells if c.strip()]
    return bool(filled) and 2 * sum(bool(_IMPORT_ID.match(c)) for c in filled) > len(filled)


def _describes_header(header: list[str], cells: list[str], below: pd.DataFrame) -> bool:
    """Whether ``cells`` (the row under ``header``) names or describes the columns rather than holding values:
    some of its cells repeat their column's header (Qualtrics' "Response ID" under "ResponseId") or are a
    survey tool's sub-heading ("Response"), none is a number or date where the rows ``below`` hold numbers or
    dates, and at least two cells tell so (those, words over a column of numbers or dates, and blanks over a
    column filled in every row below)."""
    describing = words_over_values = holes = 0
    for j, cell in enumerate(cells):
        cell = cell.strip()
        column = below.iloc[:, j].str.strip() if j < below.shape[1] else pd.Series(dtype=object)
        filled = column[column != ""]
        typed = len(filled) > 0 and filled.map(_value_like).mean() >= 0.8
        if not cell:
            holes += int(len(column) > 0 and len(filled) == len(column))
            continue
        if typed and _value_like(cell):
            return False  # a value where the column holds values: a data row
        if _is_subheading_word(cell) or (header[j] and _cell_key(cell) == _cell_key(header[j])):
            describing += 1
        elif typed:
            words_over_values += 1
    return describing >= 1 and describing + words_over_values + holes >= 2


def _subheadings_under(question: list[str], cells: list[str]) -> bool:
    """Whether ``cells``, taken for the header, is a SurveyMonkey sub-heading row under its question row (which a
    matrix made narrower than the data): it holds a sub-heading ("Response"), no number or date, and is blank
    under at least two of the question row's cells (the respondent's columns: id, collector, dates). A report
    title above a header is no question row: it stands over one or two cells, and a header is seldom blank."""
    if any(_value_like(c) for c in cells) or not any(_is_subheading_word(c) for c in cells):
        return False
    return sum(1 for q, c in zip(question, cells, strict=True) if q and not c) >= 2


def _matrix(groups: list[str], labels: list[str]) -> bool:
    """Whether ``groups`` over ``labels`` is a matrix's two-row header: at least two groups (a cell and the blank
    or equal cells after it) of two or more columns each with the same labels (期望 and 感知 over 设施 环境 …).
    A title line over a header (one group) or a header over a data row is not."""
    runs: list[list[str]] = []
    name = ""
    for group, label in zip(groups, labels, strict=False):
        group = group.strip()
        if group and group != name:
            name = group
            runs.append([])
        if name:
            runs[-1].append(label.strip().casefold())
    wide = [tuple(run) for run in runs if len(run) >= 2]
    return len(wide) > len(set(wide))


def _groups_over(question: list[str], cells: list[str]) -> bool:
    """Whether ``question`` (the row above the row taken for the header, ``cells``) is the upper row of a two-row
    header whose cells merged across name a group of the columns under them (a hand-made sheet or a survey's
    matrix: "期望" over 设施, 环境, "感知" over the same labels): ``cells`` names some column more than once, the
    row above holds no number or date (a title or an export line is no group row) and two or more cells, and taking
    its groups in (``_merged_header``) names every column once. Before, such a file was refused for its repeated
    names (probe of real-world files)."""
    named = [c.casefold() for c in cells if c]
    if len(named) == len(set(named)) or any(_value_like(q) for q in question):
        return False
    if sum(1 for q in question if q) < 2 or not _matrix(question, cells):
        return False
    merged = [h.casefold() for h in _merged_header(question, cells) if h]
    return len(merged) == len(set(merged))


def _labels_under(header: list[str], cells: list[str]) -> bool:
    """Whether ``cells`` (the row under ``header``) is the lower row of a two-row header whose groups stand
    over their first column only (merged across, or a CSV of such a sheet: "期望", "", "感知", ""): it labels
    every column of each group, leaves the other columns blank (or repeats their header: cells merged down), holds
    no number or date, and its labels taken in (``_merged_header``) name every column once."""
    if any(_value_like(c) for c in cells) or len(cells) < len(header):
        return False
    groups = 0
    for j, head in enumerate(header):
        starts = bool(head) and j + 1 < len(header) and not header[j + 1]
        inside = not head and any(header[:j])
        if starts or inside:
            groups += starts
            if not cells[j]:
                return False
        elif head and cells[j] and _cell_key(cells[j]) != _cell_key(head):
            return False
    if not groups or any(cells[len(header) :]) or not _matrix(header, cells):
        return False
    merged = [h.casefold() for h in _merged_header(header, cells) if h]
    return len(merged) == len(set(merged))


def _merged_header(header: list[str], subheadings: list[str]) -> list[str]:
    """The header with a SurveyMonkey sub-heading row taken in where it names a column of its own: a matrix's
    (or a checkbox question's) text stands over its first column only, the row labels (options) in the row
    under it, so each of its columns is named "question - label"; a column of its own keeps its header."""
    out, question = [], ""
    for j, (head, sub) in enumerate(zip(header, subheadings, strict=True)):
        label = sub if sub and not _is_subheading_word(sub) and _cell_key(sub) != _cell_key(head) else ""
        if head:
            question = head
            grouped = j + 1 < len(header) and not header[j + 1]  # a question over the next columns too
            out.append(f"{head} - {label}" if label and grouped else head)
        else:
            out.append(f"{question} - {label}" if question and label else label)
    return out


def _header_rows(table: pd.DataFrame, header_row: int, blank: pd.Series) -> tuple[int, list[int], list[str]]:
    """The header's rows: the row found (``header_row_position``), or the one above it when the row found is a
    sub-heading row (a SurveyMonkey matrix makes the question row narrower than the data), and the rows under it
    that belong to it (``_import_id_row``, ``_describes_header``). Returns the first header row, the rows under
    it and the header cells (a sub-heading row's labels taken in: ``_merged_header``)."""
    header = [h.strip() for h in table.loc[header_row].tolist()]
    above = header_row - 1
    if above >= int(blank.index[0]) and not blank.loc[above]:
        question = [h.strip() for h in table.loc[above].tolist()]
        if _subheadings_under(question, header) or _groups_over(question, header):
            return above, [header_row], _merged_header(question, header)
    # the first non-blank rows under the header, found on the whole column at once (row by row, ``blank.loc``
    # over a 100,000-row first chunk cost ~0.4 s of CPU to keep three rows)
    under = blank.iloc[header_row:]  # blank's index is table's: position header_row is the row under it
    rows = under.index[~under.to_numpy(dtype=bool)][:EXTRA_HEADER_ROWS].tolist()
    cells = {r: table.loc[r].tolist() for r in rows}
    import_ids = [i for i, r in enumerate(rows) if _import_id_row(cells[r])]
    extra = rows[: import_ids[-1] + 1] if import_ids else []  # Qualtrics: every row down to its ImportId row
    if not extra and rows:
        below = table.loc[rows[0] + 1 :][~blank.loc[rows[0] + 1 :]].iloc[:_TYPE_SAMPLE]
        under = [c.strip() for c in cells[rows[0]]]
        pairs, second = renamed(header, under)  # a row naming columns in other words: the bilingual rule
        if _labels_under(header, under) or (not pairs and _describes_header(header, cells[rows[0]], below)):
            extra = [rows[0]]
            header = _merged_header(header, under)
        elif second:  # 投诉编号, 接收时间 over Complaint id, Received; Case number, Opened at over Ticket ID
            extra = [rows[0]]
    return header_row, extra, header


# A name the header gives more than one column (case aside) is told apart by the column's position: "备注 (column
# 4)", "备注 (column 7)". Such a column is read; the import is refused only when the mapping uses one of them
# (``mapping.check_mapping``: which of them the file meant cannot be told), so a repeated column the import does not
# use (a helpdesk's two "Tags", a survey tool's two "备注") is no reason to refuse the file.
_REPEATED = re.compile(r"^(?P<name>.+) \(column (?P<n>\d+)\)$")


def name_repeats(header: list[str], positions: list[int] | None = None) -> list[str]:
    """``header`` with each name given to more than one column (case aside) followed by its column's position in
    the file (``positions``, 1-based, when columns were dropped before: else its place in ``header``)."""
    seen: dict[str, int] = {}
    for h in header:
        seen[h.casefold()] = seen.get(h.casefold(), 0) + 1
    at = positions or range(1, len(header) + 1)
    return [f"{h} (column {n})" if seen[h.casefold()] > 1 else h for h, n in zip(header, at, strict=True)]


_NAMELESS = re.compile(r"^column (?P<n>\d+)$")


def column_label(column: str) -> str | Both:
    """A file's column as messages name it: a name the header gives several columns, or a column without a name,
    carries its position in the file (``name_repeats``: "备注 (column 4)", "column 6"), which each language writes
    in its own words through portal/i18n (a ``Both``: 备注(第 4 列), 第 6 列; a Chinese caption said "column"); any
    other name as the file gives it."""
    if m := _REPEATED.match(column):
        key, values = "ingest.mapping.repeated_column", {"name": m["name"], "n": m["n"]}
    elif m := _NAMELESS.match(column):
        key, values = "ingest.column_n", {"n": m["n"]}
    else:
        return column
    return Both(t(key, "en", **values), t(key, "zh", **values))


def column_text(column: str, lang: str) -> str:
    """``column_label`` in ``lang``."""
    label = column_label(column)
    return label.text(lang) if isinstance(label, Both) else label


def repeated_names(headers: list[str]) -> dict[str, str]:
    """The headers ``name_repeats`` told apart by position -> the name the file gives them (more than one column
    of the same name)."""
    names = {h: m.group("name") for h in headers if (m := _REPEATED.match(h))}
    count: dict[str, int] = {}
    for name in names.values():
        count[name.casefold()] = count.get(name.casefold(), 0) + 1
    return {h: name for h, name in names.items() if count[name.casefold()] > 1}


def split_header(
    table: pd.DataFrame,
    ragged_is_error: bool = False,
    *,
    whole_file: bool = True,
    find_repeated: bool = True,
    first_row: int = 1,
) -> tuple[list[str], pd.DataFrame, HeaderRows]:
    """Find the header row (see ``header_row_position``) and the rows under it that belong to it
    (``_header_rows``) and, when ``table`` is the ``whole_file``, the footer or totals rows at its end
    (``footer_rows``), and the rows repeating the header (``repeated_header``; the chunked reader finds them itself,
    ``find_repeated=False``); refuse a file without a recognisable header. Returns the header, the data rows (index =
    spreadsheet row number; ``first_row``: the sheet's row of the table's first, when blank rows above it were
    not read) and where the header is."""
    table = table.astype(str)
    table.index = pd.RangeIndex(first_row, len(table) + first_row)  # spreadsheet row numbers
    blank = is_blank(table)
    if blank.all():
        raise FileRefused("ingest.refused.empty", "The file is empty.")
    header_row, extra, header = _header_rows(table, int(table.index[header_row_position(table)]), blank)
    under = [str(c).strip() for c in table.loc[extra[0]].tolist()] if len(extra) == 1 else []
    translated = tuple(translations(header, under)) if under else ()
    last = max([header_row, *extra])
    body = table.loc[last + 1 :]
    body = body[~blank.loc[last + 1 :]]
    at = extra[0] if extra else int(body.index[0]) if len(body) else 0
    if not extra and at:  # the first data row: one naming some columns in other words is said to be data
        under = [str(c).strip() for c in table.loc[at].tolist()]
    again = () if translated or not under else tuple(renamed(header, under)[0])
    if ragged_is_error:
        # a CSV row with cells beyond the header's last named column: a delimiter or quoting problem
        named = max((i for i, h in enumerate(header) if h), default=-1) + 1
        beyond = body.iloc[:, named:].apply(lambda col: col.str.strip() != "").any(axis=1)
        if named < body.shape[1] and beyond.any():
            line = int(beyond.idxmax())
            seen = int((body.loc[line] != "").to_numpy().nonzero()[0].max()) + 1
            raise FileRefused(
                "ingest.refused.ragged",
                "Line {line} has {seen} fields but the header has {expected}. Check the delimiter and the quotes "
                "on that line.",
                line=line,
                seen=seen,
                expected=named,
            )
    # a trailing delimiter gives a nameless column with nothing in it: drop it quietly
    keep = [i for i, h in enumerate(header) if h or (body.iloc[:, i].str.strip() != "").any()]
    zones = ()
    id_rows = [r for r in extra if _import_id_row(table.loc[r].tolist())]
    if id_rows:  # Qualtrics: the zone of each date column's times
        cells = table.loc[id_rows[-1]].tolist()
        found = ((pos, export_zone(cells[i])) for pos, i in enumerate(keep))
        zones = tuple((pos, zone) for pos, zone in found if zone)
    header = [header[i] for i in keep]
    body = body.iloc[:, keep]
    repeated = repeated_header(body, header) if find_repeated else []
    body = body.drop(index=repeated)
    labels = [h for h in header if h]
    # a header names columns: a date in it, or mostly numbers, means the first row is already data
    if (
        not labels
        or any(_DATE_LIKE.match(h) for h in labels)
        or sum(bool(_NUMBER_LIKE.match(h)) for h in labels) * 2 > len(labels)
    ):
        raise FileRefused(
            "ingest.refused.no_header",
            "Row {row} does not look like a header (its cells are blank, numbers or dates). The first row must "
            "name the columns; download the template to see them.",
            row=header_row,
        )
    # named by their position in the file, the empty columns dropped above counted (review of e781e0e)
    positions = [i + 1 for i in keep]
    header = name_repeats([h or f"column {n}" for h, n in zip(header, positions, strict=True)], positions)
    footer = footer_rows(body) if whole_file else []  # a chunk's last rows are not the file's
    body = body.drop(index=footer)
    if body.empty:
        raise FileRefused("ingest.refused.no_rows", "The file has a header but no data rows.")
    body = body.copy()
    body.columns = header
    above = tuple(
        (int(r), " ".join(c.strip() for c in table.loc[r].tolist() if c.strip()))
        for r in table.index[table.index < header_row]
        if not blank.loc[r]
    )
    found = HeaderRows(header_row, tuple(extra), tuple(footer), tuple(repeated), zones, translated, again, at)
    return header, body, replace(found, above=above)
