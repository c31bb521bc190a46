"""The stored 5S inspections an upload's rows name (by their inspection id, the source id): for the checks of
``portal.fives_intake.kind`` and its commit."""

from __future__ import annotations

import pandas as pd


def count(cur, ids) -> int:
    """How many of these inspection ids (source ids) are stored."""
    return cur.execute(
        "select count(distinct source_id) from fives_inspections where source_id in (select unnest($ids))",
        {"ids": sorted(ids)},
    ).fetchone()[0]


def scores(cur, ids) -> tuple[dict[str, str], dict[str, set], dict[tuple[str, str], str]]:
    """The stored inspections of these source ids: {id: its batch}, {id: {(item, score, n/a)}} and
    {(id, item): comment}."""
    stored = cur.execute(
        "select i.source_id, i.batch_id, s.item_code, s.score, s.is_not_applicable, coalesce(s.comment, '') "
        "from fives_inspections as i join fives_item_scores as s using (inspection_id) "
        "where i.source_id in (select unnest($ids))",
        {"ids": sorted(ids)},
    ).fetchall()
    batch_of: dict[str, str] = {}
    old_scores: dict[str, set] = {}
    old_comments: dict[tuple[str, str], str] = {}
    for sid, batch_id, code, score, na, comment in stored:
        batch_of[sid] = str(batch_id)
        old_scores.setdefault(sid, set()).add((code, None if na else score, bool(na)))
        old_comments[(sid, code)] = comment
    return batch_of, old_scores, old_comments


def file_scores(v: pd.DataFrame) -> dict[str, set]:
    """{inspection id: {(item, score, n/a)}} of the file's rows, comparable with ``scores``'."""
    out: dict[str, set] = {}
    for sid, code, score, na in zip(
        v["inspection_id"], v["item_code"], v["score_value"], v["is_na"], strict=True
    ):
        out.setdefault(sid, set()).add((code, None if na or pd.isna(score) else int(score), bool(na)))
    return out
