"""Links to the store view from any table that lists stores: a column of ``store?store=CODE`` addresses.

Relative to the page the table is on (as ``fives.display.action_link`` and ``satisfaction.complaint_link``),
so it stays under ``server.baseUrlPath``; the store view reads the code from its address and refuses a store
outside the reader's scope. The column is shown with ``st.column_config.LinkColumn`` (``ui_overview
.store_link_config``) and left out of the CSV export (the export keeps the store's code and name columns).
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import quote

import pandas as pd

from portal.i18n import t

PAGE = "store"
DISPLAY = r"store=([^&]+)$"  # the link shows the store's code


def store_url(code) -> str | None:
    if code is None or (not isinstance(code, str) and pd.isna(code)) or not str(code).strip():
        return None
    return f"{PAGE}?store={quote(str(code), safe='')}"


def column_label(lang: str) -> str:
    return t("store.link", lang)


def with_store_links(
    shown: pd.DataFrame, codes: Iterable, lang: str, after: str | None = None
) -> pd.DataFrame:
    """``shown`` with a store-view link column (one address per row, None where the row has no store), put
    right after the column ``after`` (default: first)."""
    out = shown.copy()
    urls = [store_url(c) for c in codes]
    if len(urls) != len(out):
        raise ValueError("one store code per row")
    position = out.columns.get_loc(after) + 1 if after in out.columns else 0
    out.insert(position, column_label(lang), urls)
    return out
