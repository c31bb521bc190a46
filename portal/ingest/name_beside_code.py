"""A name column beside a code column: a 质检表's 工号 with 姓名, a ticket export's 门店编码 with 门店名称.

No field reads the name when the code is mapped (the code is what the row is stored on), so a row whose code is
one agent's and whose name is another's was stored on the code's agent, its review counted in that agent's
scorecard, without a word (a helper's probe). Such a row is now an error naming both (the message a single cell
holding one's code and another's name gets: ``codes._refuse_disagreeing``), never stored on either. A name that
is no stored row's (a nickname, an English name for a Chinese one, a name written differently) says nothing: only
a name that is exactly one other stored row's (as ``codes.name_key`` compares names) is a disagreement.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

from portal.ingest.header_words import normalise_header

# the headers of a column naming the row's agent (store) beside its code; not a field's (the code field's aliases
# take 姓名 only when the file has no code column)
NAME_HEADERS = {
    "agent_code": ("客服姓名", "员工姓名", "客服专员姓名", "坐席姓名", "被质检人", "被质检人姓名", "agent name",
                   "staff name", "employee name"),
    "store_code": ("门店名称", "门店名", "店名", "店铺名称", "store name", "shop name"),
}  # fmt: skip
# a plain 姓名 / name is the agent's only where every row is one (a 质检表); in a complaint export it is the
# customer's, who may share a stored agent's name (a review: 张伟 refused a valid complaint)
AGENTS_NAMED_PLAINLY = {"qa_reviews": ("姓名", "name")}


def unread_column(ctx, headers: tuple[str, ...]) -> str | None:
    """The file's first column no field reads whose header is one of ``headers`` (as headers compare), or None
    (also for a file whose cells the check does not hold: ``CheckContext.frame``)."""
    if ctx.frame is None:
        return None
    wanted = {normalise_header(h) for h in headers}
    # as core.unused_columns says (not imported: core imports codes, which imports this module)
    used = {c for c in ctx.mapping.values() if c}
    unread = [h for h in ctx.headers if h not in used]
    return next((h for h in unread if h in ctx.frame.columns and normalise_header(h) in wanted), None)


def name_column(ctx, field_name: str) -> str | None:
    """The file's column naming the row's agent (store) beside the mapped code column that no field reads."""
    if field_name not in NAME_HEADERS or not ctx.mapping.get(field_name):
        return None
    plain = AGENTS_NAMED_PLAINLY.get(ctx.kind.name, ()) if field_name == "agent_code" else ()
    return unread_column(ctx, (*NAME_HEADERS[field_name], *plain))


def disagreeing_names(
    ctx, field_name: str, codes: pd.Series, names: Mapping[str, tuple], key: Callable[[str], str]
) -> tuple[str, pd.Series, dict[str, list[str]]] | None:
    """(the name column, each row's code where its name is exactly one other stored row's, else NA, {row's code:
    [that code, the other]}) for ``codes`` (the rows' codes as resolved to the stored ones) and ``names`` ({stored
    code: its names}); None without a name column or a disagreement. Column-wide: each distinct name is keyed once
    (a million customers' names took 10 s grouped row by row; a review)."""
    column = name_column(ctx, field_name)
    if column is None:
        return None
    given = ctx.frame[column].reindex(codes.index)
    by_name: dict[str, set[str]] = {}
    for code, code_names in names.items():
        for n in code_names:
            if isinstance(n, str) and n.strip():
                by_name.setdefault(key(n), set()).add(code)
    only = {k: next(iter(held)) for k, held in by_name.items() if len(held) == 1}  # a name of one stored row
    # the stored row each cell's name is exactly (keyed once per distinct cell); NaN: none, several, or blank
    values, uniques = pd.factorize(given.astype(object), use_na_sentinel=True)
    named = np.array([only.get(key(str(u))) for u in uniques] + [None], dtype=object)[values]
    other = pd.Series(named, index=codes.index, dtype=object)
    stored = codes.astype(object).isin(list(names))
    # a name that is one stored row's and not the code's own (a name both share is held by two: not in ``only``)
    bad = stored & other.notna() & (other != codes.astype(object))
    if not bad.any():
        return None
    pairs = pd.DataFrame({"code": codes[bad].astype(str), "other": other[bad].astype(str)})
    tags = pairs["code"] + "\u0000" + pairs["other"]
    disagree = {tag: [c, o] for tag, c, o in zip(tags, pairs["code"], pairs["other"], strict=True)}
    return column, tags.reindex(codes.index), disagree
