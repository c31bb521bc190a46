"""A row under the header that names the columns again (``translations``: in the other language, a bilingual
export's second header row), and the tests of a header row's cells it rests on, shared with the other rules of
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


def translations(header: list[str], cells: list[str]) -> list[tuple[str, str]]:
    """The (header, cell) pairs by which ``cells``, the row under ``header``, is the header again in the other
    language (a bilingual export: 投诉编号 / 接收时间 over Complaint id / Received, or the reverse): each of its
    cells is a known header word (``registry.header_fields``: a template header or alias of some kind's field)
    or its column's header again, none is a number or a date, and at least two of them, and half of those
    filled, name the same field as the header above them, and those cover at least half of the header's named
    columns, each the other language's (Chinese on one side only). Else none: a data row's cells are ids, stamps
    and values, which no field's headers are; a sparse first row (a survey's 意见 and 建议 under Comments and
    Suggestions, the rest empty) names too few columns to be the header again (review of 86ec1b0)."""
    from portal.ingest.header_words import normalise_header
    from portal.ingest.registry import header_fields

    known = header_fields()
    filled = [(h, c) for h, c in zip(header, cells, strict=False) if c]
    if len(filled) < 2 or any(_value_like(c) for c in cells) or any(cells[len(header) :]):
        return []
    pairs = []
    for h, c in filled:
        below = known.get(normalise_header(c))
        if below is None and _cell_key(c) != _cell_key(h):
            return []  # a word no field is named by: a value
        if below and below & known.get(normalise_header(h), frozenset()) and _cell_key(c) != _cell_key(h):
            if bool(_HAN.search(h)) == bool(_HAN.search(c)):
                return []  # 门店 over 店铺, Store over Shop: no translation
            pairs.append((h, c))
    named = sum(1 for h in header if h)
    return pairs if len(pairs) >= 2 and 2 * len(pairs) >= max(len(filled), named) else []
