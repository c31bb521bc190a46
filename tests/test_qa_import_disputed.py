"""A re-import of a disputed QA review (portal/qa/kind.py _check_disputed): its agent and reviewer stay.

Probe: the reviewer of a disputed review re-imported it under "Someone Else" ("1 updated") and then decided the
dispute about their own review; a team lead re-imported a disputed review under another agent, and the dispute
stayed with the first agent while the review left their page. SPEC §3: someone other than its reviewer decides.
"""

from __future__ import annotations

import pytest

from portal import writes
from portal.auth import User
from portal.i18n import t
from portal.ingest import pipeline, registry
from portal.qa.rules import QaRefused
from portal.scope import Scope
from tests.test_qa_import import HEADER, LEAD_ONE, NOW

KIND = registry.kind("qa_reviews")
AGENT_ONE = User("t_agent", "Test Agent", ("agent",), Scope(agent_id=1))
REVIEWER = User("quinn", "Quinn", ("team_lead",), Scope(store_ids=(1, 2), team_id=1))
FILE = HEADER + "R1,A001,2026-10-12,Quinn,76,,,,,,ok\nR2,A001,2026-10-13,Quinn,88,,,,,,fine\n"


def run(con, text, name, user=LEAD_ONE, **options):
    options = pipeline.ImportOptions(now=NOW, **options)
    return pipeline.import_bytes(con, KIND, text.encode(), name, None, options, user)


def errors(prepared):
    frame = prepared.errors
    return sorted(zip(frame["row"], frame["column"], frame["reason"], strict=True))


def stored(con, source_id):
    return con.execute(
        "select agent_id, reviewer, score from qa_reviews where source_id = ?", [source_id]
    ).fetchone()


@pytest.fixture
def disputed(con):
    run(con, FILE, "a.csv")
    r1 = con.execute("select qa_review_id from qa_reviews where source_id = 'R1'").fetchone()[0]
    return writes.raise_qa_dispute(con, AGENT_ONE, r1, "I did verify the customer")


def test_the_reviewer_of_a_disputed_review_cannot_be_renamed_by_a_reimport(con, disputed):
    renamed = FILE.replace("R1,A001,2026-10-12,Quinn", "R1,A001,2026-10-12,Someone Else")
    with pytest.raises(pipeline.NothingWritten):
        run(con, renamed, "b.csv", user=REVIEWER)
    prepared, result = run(con, renamed, "c.csv", user=REVIEWER, skip_invalid=True)
    assert errors(prepared) == [(2, "reviewer", "qa.import.error.disputed_reviewer")]
    assert (result.rows_updated, result.rows_unchanged) == (0, 1)
    assert stored(con, "R1") == (1, "Quinn", 76.0)
    with pytest.raises(QaRefused) as refused:  # so the reviewer still may not decide it
        writes.decide_qa_dispute(con, REVIEWER, disputed, "reject", None, "stand by it")
    assert refused.value.key == "qa.err.own_review"
    assert t("qa.import.error.disputed_reviewer", "en") == (
        "the agent disputed this review, so its reviewer cannot change (someone other than the reviewer decides "
        "the dispute): keep the reviewer the stored review has"
    )


def test_a_disputed_review_cannot_move_to_another_agent_even_after_the_decision(con, disputed):
    writes.decide_qa_dispute(con, LEAD_ONE, disputed, "reject", None, "the call shows no check")
    moved = FILE.replace("R1,A001,2026-10-12,Quinn,76", "R1,A002,2026-10-12,Quinn,99")
    prepared, result = run(con, moved, "b.csv", skip_invalid=True)
    assert errors(prepared) == [(2, "agent_code", "qa.import.error.disputed_agent")]
    assert result.rows_updated == 0 and stored(con, "R1") == (1, "Quinn", 76.0)
    assert con.execute("select agent_id from qa_disputes").fetchall() == [(1,)]
    assert t("qa.import.error.disputed_agent", "zh") == (
        "该客服专员已对此质检提出申诉，质检须保留在其名下：请使用已存质检的客服专员编码"
    )


def test_a_disputed_review_may_still_be_corrected_and_others_move_freely(con, disputed):
    # same agent and reviewer (in lower case, an ideographic space after it): the score changes; R2, undisputed, moves
    text = (
        HEADER + "R1,A001,2026-10-12,quinn\u3000,80,,,,,,ok\nR2,A002,2026-10-13,Someone Else,88,,,,,,fine\n"
    )
    prepared, result = run(con, text, "b.csv")
    assert prepared.errors.empty and result.rows_updated == 2
    assert stored(con, "R1")[2] == 80.0 and stored(con, "R2") == (2, "Someone Else", 88.0)
    # a file without a reviewer column keeps the stored reviewer: not a change
    no_reviewer = "review_id,agent_code,reviewed_on,score\nR1,A001,2026-10-12,81\n"
    prepared, result = run(con, no_reviewer, "c.csv")
    assert prepared.errors.empty and result.rows_updated == 1
    assert stored(con, "R1")[1:] == ("quinn", 81.0)
