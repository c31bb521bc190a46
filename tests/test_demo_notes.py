"""The demo's coaching notes are written in both of the portal's languages: the demo agent (Amy Agent, agent 1)
read an English-only note on a Chinese page, and half the agents a Chinese-only one on an English page."""

from __future__ import annotations

import re
from datetime import datetime

from portal import demo
from tests import fixtures

CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def test_every_demo_coaching_note_is_in_chinese_and_english(tmp_path):
    con = fixtures.fresh_db(tmp_path / "demo.duckdb")
    try:
        demo.generate(con, scale=0.02, seed=1, as_of=datetime(2026, 11, 20, 12, 0))
        notes = con.execute("select agent_id, coaching_note from scorecard_sign_offs").fetchall()
    finally:
        con.close()
    agents = {agent for agent, _ in notes}
    assert len(agents) > 10 and 1 in agents  # the demo agent's note among them
    one_language = [note for _, note in notes if not (CJK.search(note) and LATIN_WORD.search(note))]
    assert one_language == []
    # about how to work, never about the month's figures, which the demo generates apart: "Reopen rate is high"
    # beside a reopen rate of 0.0 %, "Good month" beside a rank of 13 of 14 (tablet probe, session 55)
    figure_words = re.compile(r"rate|on time|good month|improved|率|及时|良好|进步", re.IGNORECASE)
    assert [note for _, note in notes if figure_words.search(note)] == []


def test_every_demo_dispute_reason_and_decision_is_in_chinese_and_english(tmp_path):
    # as the coaching notes above: each dispute's reason (the agent's text) and decision comment (the lead's) was in
    # one language only, shown as written on a page of the other language
    con = fixtures.fresh_db(tmp_path / "demo.duckdb")
    try:
        demo.generate(con, scale=0.02, seed=1, as_of=datetime(2026, 11, 20, 12, 0))
        rows = con.execute("select reason, decision_comment, status from qa_disputes").fetchall()
    finally:
        con.close()
    assert len(rows) > 10 and {status for *_, status in rows} == {"open", "accepted", "rejected"}
    texts = [text for reason, comment, _ in rows for text in (reason, comment) if text is not None]
    assert len(texts) > len(rows)  # the decided disputes' comments among them
    assert [text for text in texts if not (CJK.search(text) and LATIN_WORD.search(text))] == []
