"""Names of survey items in a definition file (issue 9): numbers 1..N, or any codes (T1, REL-2, Q5a).

``portal.instruments`` reads definitions with these: a file whose item numbers are all whole numbers (and that
has no item_code column) keeps them; otherwise its items are numbered 1..N in file order and each keeps its
code, the name survey files give its answer columns by (``portal.ingest.servqual_columns``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from portal.i18n import listed


def cell_text(value) -> str:
    """A definition cell as stripped text ("" for an empty or missing one)."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value).strip()


def whole(text: str) -> int | None:
    try:
        number = float(text)
    except ValueError:
        return None
    return int(number) if number.is_integer() else None


def item_names(rows: Sequence[Mapping[str, Any]], problems) -> dict[int, tuple[int, str]]:
    """Each row's (item number, item code): numbered rows keep their numbers (no code) when an explicit
    item_code column is absent and every item_no is a whole number; otherwise items are numbered 1..N in file
    order and the cell is the code (a blank one is a problem; a code given twice is one too)."""
    given = [cell_text(r.get("item_no")) for r in rows]
    codes = [cell_text(r.get("item_code")) for r in rows]
    if not any(codes) and all(whole(g) is not None for g in given if g) and all(given):
        return {i: (whole(g), "") for i, g in enumerate(given)}
    names = [c or g for c, g in zip(codes, given, strict=True)]
    out: dict[int, tuple[int, str]] = {}
    for i, name in enumerate(names):
        if not name:
            problems.append(("inst.err.bad_item_no", {"row": i + 2, "value": name}))
            continue
        out[i] = (len(out) + 1, name)
    seen = [name for _, name in out.values()]
    doubled = sorted({n for n in seen if seen.count(n) > 1})
    if doubled:
        problems.append(("inst.err.item_twice", {"items": listed(doubled)}))
    return out


def json_item_names(items) -> list[tuple[int, str]]:
    """(number, code) of each JSON item: its item_no when every item has a whole item_no and none a code;
    else 1..N in order with the item's code (``code``, ``item_code`` or a non-numeric item_no) as its name."""
    given = [cell_text(i.get("item_no")) for i in items]
    codes = [cell_text(i.get("item_code") or i.get("code")) for i in items]
    if not any(codes) and all(g and whole(g) is not None for g in given):
        return [(whole(g), "") for g in given]
    return [(n, c or g) for n, (c, g) in enumerate(zip(codes, given, strict=True), start=1)]
