"""Scorecard rows on the master data of tests/fixtures.py, with a hand-worked weights version.

Teams: T1 (A001 Agent One, A002 Agent Two), T2 (A003 Agent Three, A004 Agent Four). A001 is renamed 王伟
(the PDF test looks for the Chinese name). Periods are months in UTC (tests pass timezone="UTC");
SLA windows are judged at SLA_AS_OF. All times UTC.

Weights version 1 (replacing the defaults; effective from the beginning):
    qa_score             weight 40  floor 60  target 90  min n 3
    sla_attainment       weight 35  floor 50  target 100 min n 5   (a rate: scored on its value, SPEC §3)
    resolution_median    weight 25  floor 72  target 24  min n 2   (hours; lower is better)
    the other three      weight 0

October 2026
- A001: 10 complaints received 10-05 10:00, each answered 2 h later (10 of 10 within 24 h), resolved 5 at
  +30 h and 5 at +50 h (median 40 h); 2 QA reviews (80, 90): below min n 3, QA left out.
  SLA: 10/10 = 100 % -> score 100 x (100-50)/(100-50) = 100. Its 95 % Wilson interval is shown, not scored:
       lower bound n/(n+z^2) = 10/(10+3.841459) = 72.2467 %, upper 100 %.
  Resolution: 100 x (40-72)/(24-72) = 66.6667
  Composite: QA left out, SLA and resolution carry 35+25 = 60 of 100 (>= 50 %): rescaled weights
       35/60 = 58.33 %, 25/60 = 41.67 %; composite = (35 x 100 + 25 x 66.6667) / 60 = 5166.6667 / 60 = 86.1111
       (shown 86.1)
- A002: 3 QA reviews 60, 75, 90 (mean 75, score 50); 4 complaints (below SLA min n 5; resolution:
  none resolved). Only QA (weight 40 < 50 %) -> insufficient data, not ranked.
- A003: 10 complaints like A001's but all resolved at +20 h (median 20 h, beyond the target: capped 100);
  3 QA reviews of 95 (beyond target 90: capped 100); SLA 10/10 = 100 % (score 100). Composite
       = (40 x 100 + 35 x 100 + 25 x 100)/100 = 100.0.
- A004: nothing.
September 2026
- A001: 3 QA reviews of 60 (score 0) and nothing else: QA carries 40 % -> insufficient data.

Rates not at a cap (tests/test_scorecards_figures.py, test_rates_are_scored_on_their_value_*): October as above,
with 2 of A001's 10 complaints answered 30 h after receipt (beyond 24 h) and 1 of its resolved complaints reopened;
weights QA 20, SLA 35, resolution 25, reopen rate 20 (floor 20 %, target 5 %, min n 10).
  SLA: 8/10 = 80 % -> score 100 x (80-50)/(100-50) = 60. Wilson interval: centre (0.8 + z^2/20)/(1 + z^2/10)
       = (0.8 + 0.1920729)/1.3841459 = 0.7167402, half width z sqrt(0.8 x 0.2/10 + z^2/400)/(1 + z^2/10)
       = 1.959964 x sqrt(0.016 + 0.0096036)/1.3841459 = 1.959964 x 0.1600114/1.3841459 = 0.2265777:
       49.0162-94.3318 % (the lower bound, below the floor 50, scored 0 before).
  Reopen rate: 1/10 = 10 % -> score 100 x (10-20)/(5-20) = 66.6667. Wilson interval: centre
       (0.1 + 0.1920729)/1.3841459 = 0.2110131, half 1.959964 x sqrt(0.009 + 0.0096036)/1.3841459
       = 1.959964 x 0.1363952/1.3841459 = 0.1931369: 1.7876-40.4150 % (the upper bound, above the floor 20,
       scored 0 before).
  Resolution: 66.6667 as above. QA: n 2 < 3, left out (its weight 20).
  Composite: 35 + 25 + 20 = 80 of 100 carried (>= 50 %); (35 x 60 + 25 x 66.6667 + 20 x 66.6667) / 80
       = (2100 + 1666.6667 + 1333.3333) / 80 = 5100 / 80 = 63.75.
  A002: 4 complaints, all answered within 24 h: SLA 4/4 = 100 %, interval 4/(4+z^2) = 51.0109-100 %, n 4 < min n 5: left out
       (a small sample is kept out by the minimum n, not by its interval); insufficient data as above.
"""

from __future__ import annotations

from datetime import datetime, timedelta

SLA_AS_OF = datetime(2026, 11, 15)
Z2 = 3.841458820694124  # 1.959964^2


def _complaints(
    con, agent_id: int, store_id: int, first: int, n: int, received: datetime, hours: list
) -> None:
    region = {1: 1, 2: 1, 3: 2}[store_id]
    for i in range(n):
        resolved = received + timedelta(hours=hours[i]) if hours and hours[i] is not None else None
        con.execute(
            "insert into complaints (source, source_id, received_at, channel, store_id, region_id, agent_id,"
            " first_response_at, resolved_at, status) values ('fx', ?, ?, 'hotline', ?, ?, ?, ?, ?, ?)",
            [
                f"SC{first + i:04d}",
                received,
                store_id,
                region,
                agent_id,
                received + timedelta(hours=2),
                resolved,
                "resolved" if resolved else "responded",
            ],
        )


def _qa(con, agent_id: int, day: str, scores: list[float], first: int) -> None:
    for i, score in enumerate(scores):
        con.execute(
            "insert into qa_reviews (source_id, agent_id, reviewed_on, reviewer, score, comment)"
            " values (?, ?, ?, 'Quinn QA', ?, ?)",
            [f"QA{first + i:04d}", agent_id, day, score, f"=SUM(A1) comment {first + i}"],
        )


HAND_RULES = {
    "qa_score": (40.0, 60.0, 90.0, 3),
    "sla_attainment": (35.0, 50.0, 100.0, 5),
    "resolution_median": (25.0, 72.0, 24.0, 2),
    "reopen_rate": (0.0, 20.0, 5.0, 10),
    "post_resolution_csat": (0.0, 45.0, 80.0, 10),
    "complaints_handled": (0.0, 20.0, 60.0, 1),
}


def load(con) -> None:
    """The rows above and weights version 1 = HAND_RULES."""
    con.execute("update agents set name = '王伟' where agent_id = 1")
    con.execute("delete from scorecard_weight_rules")
    for metric, (w, f, t, n) in HAND_RULES.items():
        con.execute("insert into scorecard_weight_rules values (1, ?, ?, ?, ?, ?)", [metric, w, f, t, n])
    oct5 = datetime(2026, 10, 5, 10, 0)
    _complaints(con, 1, 1, 1, 10, oct5, [30] * 5 + [50] * 5)
    _complaints(con, 2, 2, 11, 4, oct5, [])
    _complaints(con, 3, 3, 21, 10, oct5, [20] * 10)
    _qa(con, 1, "2026-10-10", [80, 90], 1)
    _qa(con, 2, "2026-10-11", [60, 75, 90], 11)
    _qa(con, 3, "2026-10-12", [95, 95, 95], 21)
    _qa(con, 1, "2026-09-10", [60, 60, 60], 31)


PASSWORD = "a long enough pass phrase 7"  # the users made over this fixture (users.create_user)
# region 1's and region 2's managers, T2's lead and A003's own user: who reads a region or team move
MOVE_READERS = (
    ("mgr1", ["manager"], {"scope_region_id": 1}),
    ("mgr2", ["manager"], {"scope_region_id": 2}),
    ("lead2", ["team_lead"], {"scope_team_id": 2}),
    ("agent3", ["agent"], {"agent_id": 3}),
)


def load_with_users(con, people=MOVE_READERS) -> dict:
    """``load``, then a user for each (name, roles, scope) of ``people``, made in that order; returns them by name."""
    from portal import users

    load(con)
    for name, roles, extra in people:
        users.create_user(con, username=name, display_name=name, password=PASSWORD, roles=roles, **extra)
    return {name: users.load_user(con, name) for name, _, _ in people}
