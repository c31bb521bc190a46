"""A name column beside the code column (portal/ingest/name_beside_code.py): a helper's probe's 质检表 gave 工号
A002 with 姓名 of A001's name, and the review was stored on A002, counted in A002's scorecard, without a word. Such
a row is an error naming both, in either language; a name that is no stored agent's (a nickname) or the code's own
agent's says nothing. The fixture's agents: A001 Agent One, A002 Agent Two (tests/fixtures.py)."""

from __future__ import annotations

from portal.i18n import t
from portal.ingest.errors import error_messages
from tests.test_qa_import import run

TEXT = (
    "质检编号,工号,姓名,质检员,质检日期,总分\n"
    "ZJ-1,A001,Agent One,李娜,2026-10-05,90\n"  # row 2: the code's own agent
    "ZJ-2,A002,Agent One,李娜,2026-10-06,80\n"  # row 3: A002's code, A001's name
    "ZJ-3,A002,小王,李娜,2026-10-07,70\n"  # row 4: a name no stored agent has: nothing said
    "ZJ-4,A001, agent  one ,李娜,2026-10-08,60\n"  # row 5: the same name as written otherwise
)


def test_a_code_beside_another_agents_name_is_an_error_naming_both(con):
    prepared, result = run(con, TEXT, skip_invalid=True)
    assert list(zip(prepared.errors["row"], prepared.errors["reason"], strict=True)) == [
        (3, "ingest.error.name_column_disagree_agent")
    ]
    assert con.execute("select source_id from qa_reviews order by 1").fetchall() == [
        ("ZJ-1",), ("ZJ-3",), ("ZJ-4",),
    ]  # fmt: skip
    row = prepared.errors.iloc[0]
    assert row["column"] == "工号"
    messages = {lang: error_messages(prepared.errors, lang)["reason"].iloc[0] for lang in ("en", "zh")}
    assert "A002 (Agent Two)" in messages["en"] and "姓名" in messages["en"]
    assert "A001 (Agent One)" in messages["en"]
    assert "A002(Agent Two)" in messages["zh"] and "A001(Agent One)" in messages["zh"]


def test_without_a_name_column_nothing_changes(con):
    text = "质检编号,工号,质检员,质检日期,总分\nZJ-2,A002,李娜,2026-10-06,80\n"
    prepared, result = run(con, text)
    assert prepared.errors.empty and result.rows_added == 1


def test_the_message_reads_in_both_languages():
    values = {"held": "A002 (Agent Two)", "named": "A001 (Agent One)", "column": "姓名"}
    assert t("ingest.error.name_column_disagree_agent", "en", **values) == (
        "The code is A002 (Agent Two)'s, but 姓名 on this row names A001 (Agent One). Give the one agent meant in "
        "both columns."
    )
    assert t("ingest.error.name_column_disagree_agent", "zh", **values).startswith(
        "编码属于 A002 (Agent Two)"
    )
