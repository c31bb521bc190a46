"""A row under the header that names the columns again (``translations``: in the other language, a bilingual
export's second header row; ``renamed``: in other words), and the tests of a header row's cells it rests on, shared with the other rules of
``portal.ingest.header``: a cell as header cells are compared (``_cell_key``), a cell that is a value
(``_value_like``). Moved from portal/ingest/header.py, which was at 489 lines of 500."""

from __future__ import annotations

import re
import unicodedata

from portal.ingest.footer import _DATE_LIKE

_VALUE_LIKE = re.compile(r"^[+-]?[\d.,]+%?$")


def _cell_key(text: str) -> str:
    """A cell as header cells are compared: NFKC, case, spaces and punctuation ignored ("Response ID" is
    "ResponseId")."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text).casefold())


def _value_like(text: str) -> bool:
    """A number or a date (what a typed column holds), as opposed to words."""
    return bool(_VALUE_LIKE.match(text) or _DATE_LIKE.match(text))


_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _named_again(header: list[str], cells: list[str]) -> tuple[list[tuple[str, str]], int] | None:
    """``cells``, the row under ``header``, as header words: the (header, cell) pairs whose cell names its column's
    field in other words (a known header word, ``registry.header_fields``: a template header or alias of some
    kind's field, naming a field the header names) and how many cells name their column again (those, and its
    header again). None when fewer than two cells are filled, or one is a number or a date, a word no field is
    named by (a value) or stands beyond the header."""
    from portal.ingest.header_words import normalise_header
    from portal.ingest.registry import header_fields

    known = header_fields()
    filled = [(h, c) for h, c in zip(header, cells, strict=False) if c]
    if len(filled) < 2 or any(_value_like(c) for c in cells) or any(cells[len(header) :]):
        return None
    pairs, again = [], 0
    for h, c in filled:
        below, same = known.get(normalise_header(c)), _cell_key(c) == _cell_key(h)
        if below is None and not same:
            return None  # a word no field is named by: a value
        if below and below & known.get(normalise_header(h), frozenset()) and not same:
            pairs.append((h, c))
        again += same
    return pairs, again + len(pairs)


def _covers(header: list[str], cells: list[str], n: int) -> bool:
    """Whether ``n`` cells of the row under ``header`` are at least two, and half of those filled and of the
    header's named columns."""
    return n >= 2 and 2 * n >= max(sum(1 for c in cells if c), sum(1 for h in header if h))


def translations(header: list[str], cells: list[str]) -> list[tuple[str, str]]:
    """The (header, cell) pairs by which ``cells``, the row under ``header``, is the header again in the other
    language (a bilingual export: 投诉编号 / 接收时间 over Complaint id / Received, or the reverse): its cells are
    header words (``_named_again``), and at least two of them, and half of those filled and of the header's named
    columns, name the same field as the header above them, each in the other language (Chinese on one side only).
    Else none: a data row's cells are ids, stamps and values, which no field's headers are; a sparse first row (a
    survey's 意见 and 建议 under Comments and Suggestions, the rest empty) names too few columns to be the header
    again (review of 86ec1b0)."""
    pairs = (_named_again(header, cells) or ([], 0))[0]
    if any(bool(_HAN.search(h)) == bool(_HAN.search(c)) for h, c in pairs):
        return []  # 门店 over 店铺, Store over Shop: no translation
    return pairs if _covers(header, cells, len(pairs)) else []


def renamed(header: list[str], cells: list[str]) -> tuple[list[tuple[str, str]], bool]:
    """The (header, cell) pairs by which ``cells``, the row under ``header``, names some columns in other words, in
    either language (Case number, Opened at under Ticket ID, Created; a field's label under its id), and whether it
    is a second header row: by the bilingual rule (``_covers``), its cells naming their columns again (in other
    words, or the header's own) at least two and half of the header's named columns. A real export's second
    header row names its columns; a row naming too few of them (a survey's comments 意见 and 建议 under Comments
    and Suggestions) is data, even with a cell repeating its header over a column of dates (session 41's probe:
    taken as a survey tool's question texts). No pairs: no such row."""
    found = _named_again(header, cells)
    if not found or not found[0]:
        return [], False
    return found[0], _covers(header, cells, found[1])
