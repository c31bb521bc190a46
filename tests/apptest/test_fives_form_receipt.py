"""The tablet form's page after the server died around a submit (simulated as in tests/test_fives_form_kill.py):
the next load says what became of it. Stored: "saved as import batch N" with the overall % and its n and the
corrective actions, above the start form, on every load until the next inspection is started. Not stored: the submit did not go through, the answers
are kept. Before, the first showed the empty start form without a word and the second the form as if nothing had
been tapped. Hand computation: Sort 4, 1, 4, 4, 4 = 85 %, Shine all N/A, the rest 100 % ->
(85 + 100 + 100 + 100) / 4 = 96.25 % on 4 sections, shown 96.3% (one decimal, an exact half rounded up: portal.rounding, as every 5S
figure); SO2 opens 1 action.
"""

from __future__ import annotations

from datetime import date

import pytest

from portal import db
from portal.auth import User
from portal.fives_intake import form
from portal.fives_intake import template as tpl
from portal.ingest import pipeline
from tests.apptest.conftest import ROLE_USERS, texts
from tests.apptest.test_fives_intake_pages import open_page, own_db  # noqa: F401 - the fixture

ITEMS = [f"{p}{i}" for p in ("SO", "SE", "SH", "ST", "SU") for i in range(1, 6)]


def _killed_submit(path, monkeypatch, after_commit: bool) -> None:
    user: User = ROLE_USERS["inspector"]
    con = db.connect(path)
    try:
        template = tpl.default_template(tpl.load_all(con))
        draft = form.Draft(1, template.template_id, date.today(), section=4)
        for code in ITEMS:
            draft.answer(code).update({"na": True} if code.startswith("SH") else {"score": 4})
        draft.answer("SO2").update(score=1, comment="Expired milk")
        form.save_draft(con, user.username, draft)
        real = pipeline.import_bytes

        def import_then_die(*args, **kwargs):
            if after_commit:
                real(*args, **kwargs)
            raise SystemExit("kill -9")

        with monkeypatch.context() as m:
            m.setattr(pipeline, "import_bytes", import_then_die)
            with pytest.raises(SystemExit):
                form.submit(con, user, draft, template, "S001")
    finally:
        con.close()


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "Inspection of S001 Store One on {day} saved as import batch 1: overall 96.3% ★ Excellent (n = 4 sections "
               "scored); 1 corrective action opened."),
        ("zh", "S001 Store One {day} 的检查已保存，导入批次 1：总分 96.3% ★ 优秀(n = 4 个分区)；已开立 1 项整改措施。"),
    ],
)  # fmt: skip
def test_killed_after_the_commit_the_page_says_it_was_saved(own_db, monkeypatch, lang, said):  # noqa: F811
    _killed_submit(own_db, monkeypatch, after_commit=True)
    at = open_page("inspector", "pages/fives_inspect.py", lang)
    assert said.format(day=f"{date.today():%Y-%m-%d}") in texts(at)
    assert at.button(key="fives_inspect_start")  # the start form under it
    # said on every load (a kill may come while a page says it) until the next inspection is started
    again = open_page("inspector", "pages/fives_inspect.py", lang)
    assert said.format(day=f"{date.today():%Y-%m-%d}") in texts(again)
    again.button(key="fives_inspect_start").click().run()
    assert not again.exception, [e.value for e in again.exception]
    assert "import batch 1" not in texts(again) and "导入批次 1" not in texts(again)
    assert again.get("progress")[0].proto.text in ("0 of 25 items scored", "已打分 0/25 项")  # a new draft
    con = db.connect(own_db)
    try:
        assert con.execute("select count(*) from fives_inspections").fetchone()[0] == 1
    finally:
        con.close()


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "Your last submit of this inspection did not go through"),
        ("zh", "此检查上次提交未完成"),
    ],
)
def test_killed_before_the_commit_the_page_says_it_did_not_go_through(own_db, monkeypatch, lang, said):  # noqa: F811
    _killed_submit(own_db, monkeypatch, after_commit=False)
    at = open_page("inspector", "pages/fives_inspect.py", lang)
    assert said in texts(at)
    assert at.get("progress")[0].proto.text in ("25 of 25 items scored", "已打分 25/25 项")
    at.button(key="fives_inspect_submit").click().run()  # submitted again: saved once, said so
    assert not at.exception, [e.value for e in at.exception]
    shown = texts(at)
    assert "import batch 1" in shown or "导入批次 1" in shown
    assert said not in shown


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "This inspection was saved as import batch 1, and that batch was undone on {at} (Beijing time) "
               "by Test Inspector (Import history): nothing of it is stored now. Its answers are kept below: "
               "submit it again, or discard the draft to start a new inspection."),
        ("zh", "此检查曾保存为导入批次 1，该批次已于 {at} (北京时间) 由 Test Inspector 撤销(导入历史)：目前未保存任何数据。"
               "其答案已保留在下方：可重新提交，或放弃此草稿以开始新的检查。"),
    ],
)  # fmt: skip
def test_after_an_undo_of_its_batch_the_form_says_why_its_answers_are_back(own_db, monkeypatch, lang, said):  # noqa: F811
    """A submitted inspection whose batch is undone on Import history: the form came back with the undone
    inspection's answers and no word. Now it says which batch, when and by whom it was undone, that nothing is
    stored, and what to do; submitted again, it is stored once, and the form says so."""
    from portal import zones
    from portal.ingest import batches

    user: User = ROLE_USERS["inspector"]
    _killed_submit(own_db, monkeypatch, after_commit=True)  # stored as batch 1 (the page's receipt)
    con = db.connect(own_db)
    try:
        batches.undo_batch(con, 1, user)
        undone_at = con.execute("select undone_at from import_batches where batch_id = 1").fetchone()[0]
        con.execute("insert into users (username, display_name, password_hash, roles) values (?, ?, 'x', ?)",
                    [user.username, user.display_name, ["inspector"]])  # fmt: skip
    finally:
        con.close()
    at = open_page("inspector", "pages/fives_inspect.py", lang)
    assert said.format(at=zones.stamp_text(undone_at, "Asia/Shanghai")) in [w.value for w in at.warning]
    assert at.get("progress")[0].proto.text in (
        "25 of 25 items scored",
        "已打分 25/25 项",
    )  # the answers kept
    at.button(key="fives_inspect_submit").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.warning  # stored again: the receipt, no word of the undo
    assert "import batch 2" in texts(at) or "导入批次 2" in texts(at)
    con = db.connect(own_db)
    try:
        assert con.execute("select count(*) from fives_inspections").fetchone()[0] == 1
    finally:
        con.close()
