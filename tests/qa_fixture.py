"""QA reviews on top of tests/fixtures.py (teams T1: A001, A002; T2: A003, A004), for the review loop tests.

Reviews (source id, agent, day, reviewer, score):
  QA-1  A001 (T1)  2026-10-05  "Quinn Reviewer"  80   scored as one number
  QA-2  A001 (T1)  2026-10-12  "Quinn Reviewer"  form: greet 5/5 w1, solve 6/10 w3, verify 10/10 w1 critical
                                                 -> 100 x (1 x 1 + 3 x 0.6 + 1 x 1) / 5 = 76
  QA-3  A001 (T1)  2026-10-20  "Test Lead"       form: greet 4/5 w1, verify 0/10 w1 critical -> 40, critical
                                                 failed -> effective 0
  QA-4  A002 (T1)  2026-10-08  "Quinn Reviewer"  90
  QA-5  A003 (T2)  2026-10-09  "Quinn Reviewer"  70
"""

from __future__ import annotations

from portal.auth import User
from portal.scope import Scope

REVIEWS = [
    (1, "QA-1", 1, "2026-10-05", "Quinn Reviewer", 80.0),
    (2, "QA-2", 1, "2026-10-12", "Quinn Reviewer", 76.0),
    (3, "QA-3", 1, "2026-10-20", "Test Lead", 40.0),
    (4, "QA-4", 2, "2026-10-08", "Quinn Reviewer", 90.0),
    (5, "QA-5", 3, "2026-10-09", "Quinn Reviewer", 70.0),
]
CRITERIA = [
    (2, "greet", 5.0, 5.0, 1.0, False),
    (2, "solve", 6.0, 10.0, 3.0, False),
    (2, "verify", 10.0, 10.0, 1.0, True),
    (3, "greet", 4.0, 5.0, 1.0, False),
    (3, "verify", 0.0, 10.0, 1.0, True),
]

AGENT_ONE = User("t_agent", "Test Agent", ("agent",), Scope(agent_id=1))
AGENT_THREE = User("t_agent3", "Agent Three", ("agent",), Scope(agent_id=3))
LEAD_ONE = User("t_lead", "Test Lead", ("team_lead",), Scope(store_ids=(1, 2), team_id=1))
LEAD_TWO = User("t_lead2", "Other Lead", ("team_lead",), Scope(store_ids=(3,), team_id=2))
MANAGER = User("t_manager", "Test Manager", ("manager",), Scope(store_ids=(1, 2), all_agents=True))
REVIEWER_ADMIN = User("quinn", "Quinn Reviewer", ("admin",), Scope.everything())
ADMIN = User("t_admin", "Test Admin", ("admin",), Scope.everything())


def load_qa_reviews(con) -> None:
    cur = con.cursor()
    cur.executemany(
        "insert into qa_reviews (qa_review_id, source_id, agent_id, reviewed_on, reviewer, score) "
        "values (?, ?, ?, ?, ?, ?)",
        REVIEWS,
    )
    cur.executemany(
        "insert into qa_review_criteria (qa_review_id, criterion_code, score, max_score, weight, is_critical) "
        "values (?, ?, ?, ?, ?, ?)",
        CRITERIA,
    )
    for _ in REVIEWS:
        cur.execute("select nextval('seq_qa_review_id')")
    cur.close()
