"""The 5S fixture, built from code on top of tests/fixtures.py (S001, S002 in R1 North; S003 in R2 South).

Templates (besides the default template 1 of migration 002):
- 10 "HAND" v1, scores 0-4, fail at or below 1 of 4: sections sort (weight 1) and shine (weight 2);
  items sort A1 (w 1), A2 (w 2), A3 (w 1); shine B1 (w 1, red line), B2 (w 1); every max 4.
- 11 "FIVEPT" v1, a 1-5 point scale (max 5), fail at or below 0.25 x 5 = 1.25: sort C1, C2 (w 1); shine D1.

Inspections (January 2026 unless said), worked by hand (section % = sum score x w / sum max x w x 100):
- I1 S001 2026-01-05 alice  HAND   A1 4, A2 3, A3 N/A, B1 2, B2 4
      sort (4x1 + 3x2) / (4x1 + 4x2) = 10/12 = 83.333 (1 excluded); shine (2 + 4) / 8 = 75.0
      overall (83.333 x 1 + 75 x 2) / 3 = 77.778  -> needs improvement
- I2 S001 2026-01-20 bob    HAND   A1 1 (fail), A2 4, A3 2, B1 1 (red line fails), B2 4
      sort (1 + 8 + 2) / 16 = 68.75; shine red line -> 0 (not 5/8)
      overall (68.75 + 0 x 2) / 3 = 22.917 -> failing; opens 2 actions (A1, B1)
- I3 S002 2026-01-10 alice  FIVEPT C1 5, C2 1 (fail), D1 N/A
      sort (5 + 1) / 10 = 60.0; shine: nothing applicable -> no % (not 0); overall 60.0; opens 1 action (C2)
- I4 S003 2026-01-12 bob    HAND   A1 4, A2 4, A3 4, B1 4, B2 N/A -> sort 100, shine 100, overall 100
- I5 S001 2026-02-03 alice  HAND   A1 0 (fail, repeat of I2's A1), A2 4, A3 4, B1 3, B2 1 (fail, not a repeat)
      sort (0 + 8 + 4) / 16 = 75.0; shine (3 + 1) / 8 = 50.0; overall (75 + 100) / 3 = 58.333 -> failing

January: chain overall (77.778 + 22.917 + 60 + 100) / 4 = 65.174; store means S001 50.347 (failing),
S002 60.0 (needs improvement), S003 100 (excellent): 1 failing store of 3.
Users: manager m_north (region R1), manager m_chain (whole chain), inspector i_one (S001): actions of S001 and
S002 belong to m_north, S003's to m_chain.
"""

from __future__ import annotations

from datetime import date

from portal import writes

HAND = [
    ("A1", "sort", 1, 1.0, 4, False),
    ("A2", "sort", 2, 2.0, 4, False),
    ("A3", "sort", 3, 1.0, 4, False),
    ("B1", "shine", 1, 1.0, 4, True),
    ("B2", "shine", 2, 1.0, 4, False),
]
FIVEPT = [
    ("C1", "sort", 1, 1.0, 5, False),
    ("C2", "sort", 2, 1.0, 5, False),
    ("D1", "shine", 1, 1.0, 5, False),
]
NA = None
INSPECTIONS = [
    # id, store, template, date, inspector, {item: score or NA}
    (1, 1, 10, date(2026, 1, 5), "alice", {"A1": 4, "A2": 3, "A3": NA, "B1": 2, "B2": 4}),
    (2, 1, 10, date(2026, 1, 20), "bob", {"A1": 1, "A2": 4, "A3": 2, "B1": 1, "B2": 4}),
    (3, 2, 11, date(2026, 1, 10), "alice", {"C1": 5, "C2": 1, "D1": NA}),
    (4, 3, 10, date(2026, 1, 12), "bob", {"A1": 4, "A2": 4, "A3": 4, "B1": 4, "B2": NA}),
    (5, 1, 10, date(2026, 2, 3), "alice", {"A1": 0, "A2": 4, "A3": 4, "B1": 3, "B2": 1}),
]
STORE_REGION = {1: 1, 2: 1, 3: 2}
USERS = [
    ("m_north", ["manager"], 1, None),
    ("m_chain", ["manager"], None, None),
    ("i_one", ["inspector"], None, [1]),
    ("i_three", ["inspector"], None, [3]),
]


def load_templates(con) -> None:
    # the hand computations of this fixture's tests judge a store's band on at least 5 scored inspections (the
    # setting's default was 5 when they were written; it is 3 since)
    writes.transaction(
        con, lambda cur: writes.put_setting_in(cur, "fives_low_confidence_n", 5, None)
    )  # not audited
    cur = con.cursor()
    for tid, code, items, sections in (
        (10, "HAND", HAND, [("sort", 1, 1.0), ("shine", 2, 2.0)]),
        (11, "FIVEPT", FIVEPT, [("sort", 1, 1.0), ("shine", 2, 1.0)]),
    ):
        cur.execute(
            "insert into fives_templates (template_id, template_code, version, name_en, name_zh) "
            "values (?, ?, 1, ?, ?)",
            [tid, code, code, code],
        )
        for section, pos, weight in sections:
            cur.execute(
                "insert into fives_sections (template_id, section_code, position, name_en, name_zh, weight) "
                "values (?, ?, ?, ?, ?, ?)",
                [tid, section, pos, section.title(), section, weight],
            )
        for item, section, pos, weight, max_score, red in items:
            cur.execute(
                "insert into fives_items (template_id, item_code, section_code, position, text_en, text_zh, "
                "weight, max_score, is_red_line) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [tid, item, section, pos, f"Item {item}", f"检查项 {item}", weight, max_score, red],
            )
    cur.close()


def load_users(con) -> None:
    cur = con.cursor()
    for username, roles, region, stores in USERS:
        cur.execute(
            "insert into users (username, display_name, password_hash, roles, scope_region_id, scope_store_ids) "
            "values (?, ?, 'x', ?, ?, ?)",
            [username, username, roles, region, stores],
        )
    cur.close()


def load_inspections(con, inspections=INSPECTIONS, *, open_actions: bool = True) -> None:
    """The inspections, and (like an upload's commit) the corrective actions each opens."""
    cur = con.cursor()
    for iid, store, tid, day, inspector, scores in inspections:
        cur.execute(
            "insert into fives_inspections (inspection_id, source_id, store_id, region_id, template_id, "
            "inspected_on, inspector_username) values (?, ?, ?, ?, ?, ?, ?)",
            [iid, f"IN{iid}", store, STORE_REGION[store], tid, day, inspector],
        )
        for item, score in scores.items():
            cur.execute(
                "insert into fives_item_scores (inspection_id, item_code, score, is_not_applicable) "
                "values (?, ?, ?, ?)",
                [iid, item, score, score is None],
            )
    cur.close()
    writes.transaction(con, writes.refresh_fives_facts)  # as a commit does: the stored 5S facts
    if open_actions:
        for iid, *_ in inspections:
            writes.transaction(con, lambda c, iid=iid: writes.open_fives_actions(c, iid, username="fixture"))


def load(con) -> None:
    load_templates(con)
    load_users(con)
    load_inspections(con)
