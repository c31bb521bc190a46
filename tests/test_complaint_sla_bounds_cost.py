"""The date-only SLA rule's bounds are read for the answers resting on a date only (issue 14): the end of a
date-only stamp's day in the reporting zone (a timezone() per row) and every term read on it sit in the THEN
branch of a CASE on the answer-on-a-date guard, so a period of precise stamps pays one boolean test per row, not
a clock and a dozen comparisons (52-60 ms of the Complaints page's CPU at bench scale 10 when every row paid
them: bench/HISTORY.md, session 42). What the rule decides is held by tests/test_complaint_sla_date_only.py and
tests/test_complaint_sla_date_only_edges.py."""

import json
import re

import duckdb

from portal import db

BOUNDS = {"received_end_clock", "first_response_end_clock"}
GUARD = {"first_response_at", "received_date_only", "first_response_date_only"}


def _ctes() -> dict[str, dict]:
    """The select node of each CTE of complaint_facts_calendar's body, parsed by DuckDB (json_serialize_sql)."""
    sql = (db.MODELS_DIR / "complaint_facts_calendar.sql").read_text(encoding="utf-8")
    body = re.sub(r"--[^\n]*", "", sql.split(") as table", 1)[1]).strip().rstrip(";")
    tree = json.loads(duckdb.connect().execute("select json_serialize_sql(?)", [body]).fetchone()[0])
    assert not tree["error"], tree
    ctes = tree["statements"][0]["node"]["cte_map"]["map"]
    return {c["key"]: c["value"]["query"]["node"] for c in ctes}


def _columns(node) -> set[str]:
    if isinstance(node, dict):
        found = {node["column_names"][-1]} if node.get("class") == "COLUMN_REF" else set()
        return found.union(*(_columns(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(_columns(v) for v in node))
    return set()


def _guarded(when) -> bool:
    """The answer-on-a-date guard (a first-response stamp and a date-only received or first-response stamp), or a
    receipt on a date only (an unanswered one is judged from its day's end)."""
    names = _columns(when)
    return "is_answer_on_date" in names or GUARD <= names or names == {"received_date_only"}


def _reads(node, guarded: bool, out: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """(what, whether under a THEN branch of a guarded CASE) for each bound read and each timezone() call."""
    if isinstance(node, list):
        for v in node:
            _reads(v, guarded, out)
    elif isinstance(node, dict):
        if node.get("class") == "CASE":
            for check in node["case_checks"]:
                _reads(check["when_expr"], guarded, out)
                _reads(check["then_expr"], guarded or _guarded(check["when_expr"]), out)
            _reads(node["else_expr"], guarded, out)
            return out
        if node.get("class") == "COLUMN_REF" and node["column_names"][-1] in BOUNDS:
            out.append((node["column_names"][-1], guarded))
        if node.get("class") == "FUNCTION" and node.get("function_name") == "timezone":
            out.append(("timezone", guarded))
        for v in node.values():
            _reads(v, guarded, out)
    return out


def test_the_end_of_day_bounds_are_read_for_answers_on_a_date_only():
    ctes = _ctes()
    # clocked: the bounds (a timezone() each) only for an answer resting on a date; null for the others
    clocked = {e.get("alias"): _reads(e, False, []) for e in ctes["clocked"]["select_list"]}
    assert {"received_end_clock", "first_response_end_clock"} <= clocked.keys()
    made = [(alias, what, ok) for alias, reads in clocked.items() for what, ok in reads]
    assert [m for m in made if m[1] == "timezone"], made  # the bounds are still made there
    assert all(ok for _, _, ok in made), made
    # flagged: every term read on a bound (elapsed, met, undecided) under the same guard
    flagged = {e.get("alias"): _reads(e, False, []) for e in ctes["flagged"]["select_list"]}
    for alias in ("is_sla_elapsed", "is_answered_within_sla", "is_sla_undecided"):
        assert flagged[alias], alias  # each reads a bound
        assert all(ok for _, ok in flagged[alias]), (alias, flagged[alias])
