"""Import history and audit log as people read them (issue 10 points 6 and 10): kind labels instead of raw
keys (page and CSV, both languages), times in the reporting zone saying which, audit details in words."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest

from portal import db, export, logs
from portal.scope import Scope

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
    assert shown.iloc[:, 2].tolist() == kinds  # not "ingest.kind.surveys" (after the batch id and its status)
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
    assert shown["签核时间(北京时间)"].iloc[0] == pd.Timestamp("2026-03-01 09:30")
    version = WeightsVersion(
        1, date(2026, 1, 1), (), created_by="admin", created_at=datetime(2026, 3, 1, 1, 30)
    )
    table = weights_form.versions_table([version], "en", "Asia/Shanghai")
    assert table["Created (Beijing time)"].iloc[0] == datetime(2026, 3, 1, 9, 30)


def test_every_audit_row_the_portal_writes_reads_in_chinese(con):
    """The audit log showed "is active：False", "角色：['manager'] · scope store ids：[2]", "reset by admin：是",
    "dispute id：1 · qa review id：2 · status：accepted", "attempt：1" on the Chinese page: detail names without a
    label came out as the English key, and a user change stored its values as Python reprs of ids. Now each
    detail the portal writes has a label in both languages, codes (statuses, grains, metrics) read as words, and
    a user change names the stores, region, team and agent by their codes."""
    import re
    from datetime import date

    from portal import users, writes
    from portal.ingest import batches, pipeline, registry
    from portal.scorecards import weights
    from tests import qa_fixture

    admin = "t_admin"
    users.create_user(
        con, username="multi", display_name="Multi", password="long-password", roles=["inspector"],
        scope_store_ids=[1, 2], created_by=admin,
    )  # fmt: skip
    users.update_user(
        con, "multi", changed_by=admin, roles=["team_lead"], scope_store_ids=[2], scope_team_id=1,
        scope_region_id=1, is_active=False,
    )  # fmt: skip
    users.update_user(con, "multi", changed_by=admin, is_active=True)
    users.set_password(con, "multi", "another-password", changed_by=admin)
    for _ in range(5):
        users.attempt_sign_in(con, "multi", "wrong-password")
    writes.end_sessions(con, "multi", by=admin, action="user_change")
    rules = weights.rules_from(
        {r.metric: {"weight": r.weight, "floor": r.floor, "target": r.target, "min_n": r.min_n}
         for r in weights.DEFAULT_RULES}
    )  # fmt: skip
    writes.save_scorecard_weights(con, admin, date(2099, 1, 1), rules, "why")
    qa_fixture.load_qa_reviews(con)
    dispute = writes.raise_qa_dispute(con, qa_fixture.AGENT_ONE, 1, "not fair")
    writes.decide_qa_dispute(con, qa_fixture.LEAD_ONE, dispute, "correct", 90, "fixed")
    writes.sign_off_period(
        con, qa_fixture.LEAD_ONE, 1, "month", date(2026, 10, 1), "well done", date(2026, 11, 2)
    )
    kind = registry.kind("qa_reviews")
    text = "review_id,agent_code,reviewed_on,reviewer,score\nR9,A001,2026-10-12,Quinn,76\n"
    admin_user = qa_fixture.REVIEWER_ADMIN.__class__(
        "t_admin", "Admin", ("admin",), qa_fixture.Scope.everything()
    )
    _, result = pipeline.import_bytes(
        con,
        kind,
        text.encode(),
        "qa.csv",
        None,
        pipeline.ImportOptions(now=datetime(2026, 11, 1)),
        admin_user,
    )
    batches.undo_batch(con, result.batch_id, admin_user)
    writes.set_report_timezone(con, "Asia/Shanghai", admin)

    entries = con.execute("select logged_at, username, action, target, details from audit_log").df()
    assert {"user_change", "password_change", "login_failed", "lockout", "settings", "qa_dispute",
            "qa_dispute_decision", "qa_sign_off", "upload", "undo"} <= set(entries["action"])  # fmt: skip
    zh = logs.audit_table(entries, "zh", "Asia/Shanghai")["详情"].tolist()
    for details in zh:
        assert not re.findall(r"[A-Za-z][A-Za-z _]*：", details), details  # a detail's name left in English
        assert "['" not in details and "[2]" not in details, details
    changes = [d for d in zh if "班组：T1" in d]  # the change (the creation row names S001、S002 too)
    assert changes and "门店：S002" in changes[0] and "班组：T1" in changes[0], zh
    assert "启用：否" in "".join(zh) and "状态：已采纳" in "".join(zh) and "周期：月" in "".join(zh), zh
    en = logs.audit_table(entries, "en", "Asia/Shanghai")["Details"].tolist()
    assert any("stores: S002" in d and "active: no" in d for d in en), en
    # the target reads in the page's language too, not as the stored key (user:…, qa_review:…, setting:…)
    targets = logs.audit_table(entries, "zh", "Asia/Shanghai")["对象"].tolist()
    assert not [x for x in targets if re.match(r"[a-z_]+:", x)], targets
    assert "设置：报告时区" in targets and any(x.startswith("质检评分 ") for x in targets), targets
    assert any(x.startswith("导入批次 ") for x in targets), targets


def test_audit_targets_in_words():
    """The audit log's Target column showed the stored keys (user:agent, qa_review:12,
    setting:response_sla_hours); it names the kind in the page's language and a setting by its label."""
    cases = {
        "user:agent": ("User agent", "用户 agent"),
        "qa_review:12": ("QA review 12", "质检评分 12"),
        "session:ab12": ("Session ab12", "会话 ab12"),
        "setting:response_sla_hours": ("Setting: Response commitment (hours)", "设置：响应承诺时限(小时)"),
        "setting:resolution_target_hours": (
            "Setting: Resolution targets (hours)",
            "设置：解决时长目标(小时)",
        ),
        "corrective_action:3": ("Corrective action #3", "整改措施 #3"),
        "instrument:SQ:v2": ("Survey instrument SQ v2", "问卷量表 SQ v2"),
        "scorecard_weights": ("Scorecard weights", "绩效记分卡权重"),
        "something:else": ("something:else", "something:else"),  # a kind the portal does not write: as it is
        None: ("", ""),
    }
    for target, (en, zh) in cases.items():
        assert (logs.readable_target(target, "en"), logs.readable_target(target, "zh")) == (en, zh), target
    entries = pd.DataFrame(
        {
            "logged_at": [datetime(2026, 11, 1, 6, 0)] * 2,
            "username": ["admin"] * 2,
            "action": ["user_change", "settings"],
            "target": ["user:agent", None],
            "details": [None, None],
        }
    )
    assert logs.audit_table(entries, "zh", "Asia/Shanghai")["对象"].tolist() == ["用户 agent", ""]


def test_audit_targets_name_agents_and_reviews_by_their_codes(con):
    """An agent and a QA review were named by internal id ("客服专员 3", "质检评分 12"); the log's query gives
    what users know them by (the agent's code, the review id from its file), the internal id when the row is
    gone."""
    con.execute("insert into agents (agent_id, agent_code, name) values (901, 'A901', 'Nine')")
    con.execute(
        "insert into qa_reviews (qa_review_id, source_id, agent_id, reviewed_on, score) "
        "values (9012, 'QA-2026-0901', 901, date '2026-11-01', 80)"
    )
    for target in ("agent:901", "qa_review:9012", "qa_review:9999", "user:agent"):
        con.execute(
            "insert into audit_log (logged_at, username, action, target) values (?, 'admin', 'qa_sign_off', ?)",
            [datetime(2026, 11, 1, 6, 0), target],
        )
    params = {
        "start_at": datetime(2026, 11, 1),
        "end_at": datetime(2026, 11, 2),
        "actions": [],
        "username": "",
    }
    entries = db.run_query(con, "audit_log_entries", params, scope=Scope.everything())
    assert sorted(entries["target_code"].dropna()) == ["A901", "QA-2026-0901"]
    en = logs.audit_table(entries, "en", "UTC")["Target"].tolist()
    zh = logs.audit_table(entries, "zh", "UTC")["对象"].tolist()
    assert sorted(en) == ["Agent A901", "QA review 9999", "QA review QA-2026-0901", "User agent"]
    assert sorted(zh) == ["客服专员 A901", "用户 agent", "质检评分 9999", "质检评分 QA-2026-0901"]
