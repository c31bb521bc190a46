"""Times and dates of the review loop as people see them (probe): a table's stamps to the whole second, never
with the microseconds the portal stamps its own actions with ("Raised (Beijing time)" 2026-12-05 05:55:36.490014,
签核时间, Import history's "Imported at"), on screen and in the CSV; a QA date written "Nov 5, 2026" is read as the
shared stamp parser reads other kinds' dates."""

from __future__ import annotations

from datetime import date

import pandas as pd

from portal import db, export, logs, writes
from portal.ingest import batches
from portal.qa import display, figures
from portal.scope import Scope
from tests import qa_fixture as fx
from tests.test_qa_import import ADMIN, run

SHANGHAI = "Asia/Shanghai"
STAMP = pd.Timestamp("2026-12-04 21:55:36.490014")  # UTC: 2026-12-05 05:55:36 in Beijing


def test_dispute_and_sign_off_times_are_shown_to_the_second(con):
    fx.load_qa_reviews(con)
    writes.raise_qa_dispute(con, fx.AGENT_ONE, 1, "Not my call")
    con.execute("update qa_disputes set raised_at = ?", [STAMP.to_pydatetime()])
    figs = figures.figures(con, Scope.everything(), date(2026, 10, 1), date(2026, 10, 31))
    for lang, label in (("en", "Raised (Beijing time)"), ("zh", None)):
        table = display.disputes_table(figs.disputes, lang, timezone=SHANGHAI)
        column = label or next(c for c in table.columns if "北京时间" in c)
        assert table[column].tolist() == [pd.Timestamp("2026-12-05 05:55:36")]
        assert "2026-12-05 05:55:36," in export.to_csv_bytes(table).decode("utf-8-sig")
    sign_offs = pd.DataFrame(
        {
            "agent_code": ["A001"],
            "agent_name": ["Agent One"],
            "grain": ["month"],
            "period_start": [pd.Timestamp("2026-10-01")],
            "coaching_note": ["ok"],
            "signed_by": ["t_lead"],
            "signed_at": [STAMP],
        }
    )
    shown = display.sign_offs_table(sign_offs, "zh", timezone=SHANGHAI)
    assert shown.iloc[0, -1] == pd.Timestamp("2026-12-05 05:55:36")


def test_import_history_times_are_shown_to_the_second(con):
    run(con, "review_id,agent_code,reviewed_on,reviewer,score\nN1,A001,2026-10-20,Q,70\n")
    con.execute("update import_batches set created_at = ?", [STAMP.to_pydatetime()])
    history = db.run_query(con, "import_batches", batches.history_params(ADMIN), ADMIN.scope)
    table = logs.history_table(history, "en", SHANGHAI)
    assert table["Imported at (Beijing time)"].tolist() == [pd.Timestamp("2026-12-05 05:55:36")]
    assert ".490014" not in export.to_csv_bytes(table).decode("utf-8-sig")


def test_qa_dates_are_read_as_other_kinds_dates(con):
    text = (
        "review_id,agent_code,reviewed_on,reviewer,score\n"
        'D-1,A001,20261005,Q,80\nD-2,A001,05-Oct-2026,Q,80\nD-3,A001,"Oct 5, 2026",Q,80\n'
        'D-4,A001,"October 5th, 2026",Q,80\n'
    )
    prepared, result = run(con, text)
    assert prepared.errors.empty and result.rows_added == 4
    assert con.execute("select distinct reviewed_on from qa_reviews").fetchall() == [(date(2026, 10, 5),)]
