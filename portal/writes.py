"""The one write path: every change to the database goes through a function of this module.

Each function is one short transaction (``db.in_transaction``: bounded retry of DuckDB write-write
conflicts), named for what it changes, and idempotent where it can be. Write SQL lives in named files under
``queries/writes/`` (``statement(name)``), values always bound. No other module executes an insert, update
or delete (``tests/test_write_path.py`` checks the source). The scale-out step routes exactly these
functions to a single writer process.

Sections: accounts (users, sign-in counters), audit, settings, column mappings, imports (commit, undo),
5S workflow (inspections, corrective actions), scorecard workflow (sign-offs, disputes, weights).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any, TypeVar

from portal import db
from portal.config import PROJECT_ROOT

WRITES_DIR = PROJECT_ROOT / "queries" / "writes"
T = TypeVar("T")


@cache
def statement(name: str) -> db.NamedQuery:
    """A write statement from queries/writes/<name>.sql; its first comment line is its description."""
    if not re.fullmatch(r"[a-z0-9_]+", name):
        raise ValueError(f"Bad write statement name {name!r}")
    sql = (WRITES_DIR / f"{name}.sql").read_text(encoding="utf-8")
    first = next((ln for ln in sql.splitlines() if ln.startswith("--")), "-- ")
    code = "\n".join(ln.split("--", 1)[0] for ln in sql.splitlines())
    return db.NamedQuery(name, sql, first.lstrip("- ").strip(), frozenset(db._PARAM_RE.findall(code)))


def run(cur, name: str, params: Mapping[str, Any] | None = None):
    """Execute a named write statement on ``cur`` (inside the caller's transaction of this module)."""
    query = statement(name)
    return cur.execute(query.sql, db.bind(query, params or {}))


def transaction(con, work: Callable[[Any], T]) -> T:
    """One short write transaction with bounded conflict retry; the only way a write reaches the database."""
    return db.in_transaction(con, work)


# ---------------------------------------------------------------- accounts (users, sign-in counters)

# ---------------------------------------------------------------- audit

# ---------------------------------------------------------------- settings

# ---------------------------------------------------------------- column mappings

# ---------------------------------------------------------------- imports (commit, undo)

# ---------------------------------------------------------------- 5S workflow

# -------------------------------- templates and inspections (5S intake: portal.fives_intake)


def add_fives_template_version(con, template, username: str | None) -> tuple[int, int]:
    """Save ``template`` (a portal.fives_intake.template.TemplateSpec) as the next version of its code; past
    inspections keep the version they were scored on. Returns (template_id, version). Audited (settings)."""
    import pandas as pd

    from portal import audit

    sections = pd.DataFrame(
        [(s.code, s.position, s.name_en, s.name_zh, float(s.weight)) for s in template.sections],
        columns=["section_code", "position", "name_en", "name_zh", "weight"],
    )
    items = pd.DataFrame(
        [
            (
                i.code,
                i.section,
                i.position,
                i.text_en,
                i.text_zh,
                float(i.weight),
                int(i.max_score),
                bool(i.is_red_line),
            )
            for i in template.items
        ],
        columns=[
            "item_code",
            "section_code",
            "position",
            "text_en",
            "text_zh",
            "weight",
            "max_score",
            "is_red_line",
        ],
    )

    def work(cur) -> tuple[int, int]:
        params = {"code": template.code, "name_en": template.name_en, "name_zh": template.name_zh}
        template_id, version = run(cur, "fives_template_add", params | {"username": username}).fetchone()
        cur.register("template_sections", sections)
        cur.register("template_items", items)
        try:
            run(cur, "fives_template_sections_add", {"template_id": template_id})
            run(cur, "fives_template_items_add", {"template_id": template_id})
        finally:
            cur.unregister("template_sections")
            cur.unregister("template_items")
        audit.record(
            cur, username, "settings", f"fives_template:{template.code} v{version}", {"items": len(items)}
        )
        return int(template_id), int(version)

    return transaction(con, work)


def save_fives_draft(
    con, username: str, store_id: int, template_id: int, inspected_on, draft_json: str
) -> None:
    """Keep the tablet form's draft of ``username`` (one per user)."""
    params = {
        "username": username,
        "store_id": store_id,
        "template_id": template_id,
        "inspected_on": inspected_on,
        "draft": draft_json,
    }
    transaction(con, lambda cur: run(cur, "fives_draft_save", params))


def delete_fives_draft(con, username: str) -> None:
    transaction(con, lambda cur: run(cur, "fives_draft_delete", {"username": username}))


# ---------------------------------------------------------------- scorecard workflow
