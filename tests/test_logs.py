"""Import history and audit log as people read them (issue 10 points 6 and 10): kind labels instead of raw
keys (page and CSV, both languages), times in the reporting zone saying which, audit details in words."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest

from portal import export, logs

HISTORY = pd.DataFrame(
    {
        "batch_id": [2, 1],
        "kind": ["surveys", "complaints"],
        "file_name": ["s.csv", "c.csv"],
        "created_by": ["admin", "admin"],
        # stored UTC: 01:30 UTC is 09:30 Beijing time
        "created_at": [datetime(2026, 3, 1, 1, 30), datetime(2026, 2, 28, 23, 0)],
        "rows_in_file": [10, 5],
        "rows_added": [10, 5],
        "rows_updated": [0, 0],
        "rows_unchanged": [0, 0],
        "rows_skipped": [0, 0],
        "status": ["committed", "undone"],
        "undone_at": [pd.NaT, datetime(2026, 3, 1, 2, 0)],
        "undone_by": [None, "admin"],
        "has_error_report": [False, False],
    }
)


@pytest.mark.parametrize(
    ("lang", "kinds", "when"),
    [
        ("en", ["Survey responses", "Complaint export"], "Imported at (Beijing time)"),
        ("zh", ["满意度调查答卷", "投诉导出文件"], "导入时间(北京时间)"),
    ],
)
def test_history_shows_kind_labels_and_local_times(lang, kinds, when):
    shown = logs.history_table(HISTORY, lang, "Asia/Shanghai")
    assert shown.iloc[:, 1].tolist() == kinds  # not "ingest.kind.surveys"
    assert shown[when].tolist() == [pd.Timestamp("2026-03-01 09:30"), pd.Timestamp("2026-03-01 07:00")]
    csv = export.to_csv_bytes(shown).decode("utf-8-sig")
    assert "ingest.kind" not in csv and kinds[0] in csv and "has_error_report" not in csv


def test_batch_pick_label_in_local_time():
    row = next(HISTORY.itertuples())
    assert logs.batch_label(row, "Asia/Shanghai") == "2 · s.csv · 2026-03-01 09:30"


def test_audit_details_in_words_and_local_time():
    entries = pd.DataFrame(
        {
            "logged_at": [
                datetime(2026, 3, 1, 1, 30),
                datetime(2026, 3, 1, 2, 0),
                datetime(2026, 3, 1, 3, 0),
            ],
            "username": ["admin", None, "north"],
            "action": ["user_change", "login_failed", "upload"],
            "target": ["manager", "token:ab12", "batch 3"],
            "details": [
                '{"created": true, "roles": ["manager", "team_lead"]}',
                '{"via": "cookie", "reason": "invalid"}',
                '{"kind": "surveys", "batch_id": 3}',
            ],
        }
    )
    en = logs.audit_table(entries, "en", "Asia/Shanghai")
    assert en["Details"].tolist() == [
        "new user: yes · roles: Manager, Team lead",
        "via: cookie · reason: invalid",
        "kind: Survey responses · batch: 3",
    ]
    assert en["When (Beijing time)"].iloc[0] == pd.Timestamp("2026-03-01 09:30")
    assert en["Action"].tolist()[0] == "user change"
    zh = logs.audit_table(entries, "zh", "Asia/Shanghai")
    assert zh["详情"].iloc[0] == "新建用户：是 · 角色：经理、班组长"
    assert "时间(北京时间)" in zh.columns
    assert logs.readable_details(None) == "" and logs.readable_details("not json") == "not json"


def test_qa_sign_offs_and_weight_versions_in_the_reporting_zone():
    """Issue 10 "find every place": QA sign-offs / disputes, scorecard weight versions show local times too."""
    from datetime import date

    from portal.qa import display as qa
    from portal.scorecards import weights_form
    from portal.scorecards.weights import WeightsVersion

    sign_offs = pd.DataFrame(
        {
            "agent_code": ["A001"],
            "agent_name": ["Li"],
            "grain": ["month"],
            "period_start": [date(2026, 2, 1)],
            "coaching_note": ["ok"],
            "signed_by": ["lead"],
            "signed_at": [datetime(2026, 3, 1, 1, 30)],  # UTC -> 09:30 Beijing time
        }
    )
    shown = qa.sign_offs_table(sign_offs, "zh", timezone="Asia/Shanghai")
    assert shown["签核时间（北京时间）"].iloc[0] == pd.Timestamp("2026-03-01 09:30")
    version = WeightsVersion(
        1, date(2026, 1, 1), (), created_by="admin", created_at=datetime(2026, 3, 1, 1, 30)
    )
    table = weights_form.versions_table([version], "en", "Asia/Shanghai")
    assert table["Created (Beijing time)"].iloc[0] == datetime(2026, 3, 1, 9, 30)
