"""Store and agent codes matched to the master data (``CheckContext.match_codes``, shared by every kind that
carries them): a store or agent given by its name (or a store by its Chinese name) instead of its code is matched
to that code, never added as a new one; a name several share is refused naming them; the repair notice names
the file's own column, in both languages.

Fixture master data (tests/fixtures.py): S001 Store One, S002 Store Two, S003 Store Three (no Chinese names; the
tests give some); A001 Agent One ... A004 Agent Four."""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from portal.auth import User
from portal.fives_intake.kind import KIND as INSPECTIONS
from portal.i18n import listed, t
from portal.ingest import pipeline, reading, registry, surveys, validation
from portal.ingest.codes import resolve_codes
from portal.scope import Scope
from tests.test_fives_intake_kind import flat

NOW = datetime(2026, 6, 1)
ADMIN = User("t_admin", "Test Admin", ("admin",), Scope.everything())
COMPLAINTS_ZH = "投诉编号,接收时间,渠道,门店编码,客服专员编码\n"
QA_ZH = "质检编号,客服专员编码,质检日期,质检员,总分\n"


def prepare(con, kind, text: str, name: str = "f.csv", user=ADMIN, **options) -> pipeline.Prepared:
    raw = reading.read_upload(text.encode(), name)
    return pipeline.prepare(con, kind, raw, None, pipeline.ImportOptions(now=NOW, **options), user)


def repairs(prepared) -> list[tuple[dict, str, str]]:
    """Each repair notice: its values and its text in English and Chinese."""
    return [
        (values, t(key, "en", **values), t(key, "zh", **values))
        for key, values in prepared.notices
        if key == "ingest.notice.codes_repaired"
    ]


def survey_file(store: str, header: str = "门店") -> str:
    items = ",".join(f"期望{n}" for n in range(1, 23)) + "," + ",".join(f"感知{n}" for n in range(1, 23))
    answers = ",".join(["6"] * 44)
    return f"答卷编号,{header},日期,总体满意度,{items}\nR-1,{store},2026-05-01,4,{answers}\n"


def test_the_repair_notice_names_the_files_column(con):
    prepared = prepare(con, registry.kind("complaints"), COMPLAINTS_ZH + "C-1,2026-03-01 09:30,热线,S1,a1\n")
    assert prepared.n_invalid == 0, prepared.errors
    assert repairs(prepared) == [
        (
            {"column": "门店编码", "pairs": listed(["S1 → S001"])},
            "门店编码: values matched to codes of the master data after restoring lost leading zeros or letter case, by the name given instead of the code, or by the code the value holds: S1 → S001.",
            "门店编码：以下取值在补回丢失的前导零或大小写后，或按填写的名称(而非编码)或其中包含的编码，匹配到主数据中的编码：S1 → S001。",
        ),
        (
            {"column": "客服专员编码", "pairs": listed(["a1 → A001"])},
            "客服专员编码: values matched to codes of the master data after restoring lost leading zeros or letter case, by the name given instead of the code, or by the code the value holds: a1 → A001.",
            "客服专员编码：以下取值在补回丢失的前导零或大小写后，或按填写的名称(而非编码)或其中包含的编码，匹配到主数据中的编码：a1 → A001。",
        ),
    ]


def test_the_repair_notice_names_the_column_in_surveys_and_qa_reviews(con):
    prepared = prepare(con, surveys.configure(con, {}), survey_file("s002"))
    assert prepared.mapping["store_code"] == "门店" and prepared.n_invalid == 0, prepared.errors
    assert [r[1:] for r in repairs(prepared)] == [
        (
            "门店: values matched to codes of the master data after restoring lost leading zeros or letter case, by the name given instead of the code, or by the code the value holds: s002 → S002.",
            "门店：以下取值在补回丢失的前导零或大小写后，或按填写的名称(而非编码)或其中包含的编码，匹配到主数据中的编码：s002 → S002。",
        )
    ]
    prepared = prepare(con, registry.kind("qa_reviews"), QA_ZH + "Q-1,A3,2026-05-02,Quinn,88\n")
    assert prepared.n_invalid == 0, prepared.errors
    assert [r[1:] for r in repairs(prepared)] == [
        (
            "客服专员编码: values matched to codes of the master data after restoring lost leading zeros or letter case, by the name given instead of the code, or by the code the value holds: A3 → A003.",
            "客服专员编码：以下取值在补回丢失的前导零或大小写后，或按填写的名称(而非编码)或其中包含的编码，匹配到主数据中的编码：A3 → A003。",
        )
    ]


def messages(prepared) -> list[tuple[int, str, str, str, str]]:
    """Each row error: row, column, value and its reason in English and Chinese."""
    en = validation.error_messages(prepared.errors, "en")
    zh = validation.error_messages(prepared.errors, "zh")
    return [
        (int(a.row), a.column, a.value, a.reason, b.reason)
        for a, b in zip(en.itertuples(), zh.itertuples(), strict=True)
    ]


def stores(con) -> list[tuple]:
    return con.execute("select store_code, name, name_zh, region_id from stores order by store_id").fetchall()


def test_stores_and_agents_given_by_name_are_matched_to_their_codes(con):
    con.execute("update stores set name_zh = '北京王府井店' where store_code = 'S001'")
    before = stores(con)
    text = COMPLAINTS_ZH + (
        "C-1,2026-03-01 09:30,热线,北京王府井店,Agent Three\n"
        "C-2,2026-03-01 10:30,热线,Store Two,agent one\n"
        "C-3,2026-03-01 11:30,热线,ＳＴＯＲＥ ＴＨＲＥＥ,A002\n"  # full-width: NFKC, then case-insensitive
    )
    prepared = prepare(con, registry.kind("complaints"), text)
    assert prepared.n_invalid == 0 and prepared.unknown_codes == {}, prepared.errors
    assert [r[1:] for r in repairs(prepared)] == [
        (
            "门店编码: values matched to codes of the master data after restoring lost leading zeros or letter "
            "case, by the name given instead of the code, or by the code the value holds: STORE THREE → S003, Store Two → S002, "
            "北京王府井店 → S001.",
            "门店编码：以下取值在补回丢失的前导零或大小写后，或按填写的名称(而非编码)或其中包含的编码，匹配到主数据中的编码："
            "STORE THREE → S003、Store Two → S002、北京王府井店 → S001。",  # Chinese lists take 、
        ),
        (
            "客服专员编码: values matched to codes of the master data after restoring lost leading zeros or letter "
            "case, by the name given instead of the code, or by the code the value holds: Agent Three → A003, agent one → A001.",
            "客服专员编码：以下取值在补回丢失的前导零或大小写后，或按填写的名称(而非编码)或其中包含的编码，匹配到主数据中的编码："
            "Agent Three → A003、agent one → A001。",
        ),
    ]
    pipeline.commit(con, prepared, ADMIN)
    assert con.execute(
        "select c.source_id, s.store_code, a.agent_code, c.region_id from complaints c join stores s using "
        "(store_id) join agents a using (agent_id) order by 1"
    ).fetchall() == [("C-1", "S001", "A003", 1), ("C-2", "S002", "A001", 1), ("C-3", "S003", "A002", 2)]
    assert stores(con) == before


def test_add_missing_never_adds_a_store_named_like_an_existing_one(con):
    """The tester's case: a 问卷星 export whose store column holds names; --add-missing used to create stores
    "北京王府井店" and "Store Two" without a region and file the responses there."""
    con.execute("update stores set name_zh = '北京王府井店' where store_code = 'S001'")
    before = stores(con)
    items = ",".join(f"期望{n}" for n in range(1, 23)) + "," + ",".join(f"感知{n}" for n in range(1, 23))
    answers = ",".join(["6"] * 44)
    text = (
        f"答卷编号,门店,日期,总体满意度,{items}\n"
        f"N0,北京王府井店,2026-05-01,5,{answers}\n"
        f"N1,Store Two,2026-05-02,4,{answers}\n"
        f"N2,S777,2026-05-03,4,{answers}\n"
    )
    prepared = prepare(con, surveys.configure(con, {}), text, add_missing=True)
    assert prepared.n_invalid == 0 and prepared.unknown_codes == {"store_code": ["S777"]}, prepared.errors
    result = pipeline.commit(con, prepared, ADMIN)
    assert result.master_added == {"store_code": ["S777"]}  # a real new code still is added
    assert stores(con) == [*before, ("S777", "S777", None, None)]
    assert con.execute(
        "select r.source_response_id, s.store_code, r.region_id from survey_responses r join stores s "
        "using (store_id) order by 1"
    ).fetchall() == [("N0", "S001", 1), ("N1", "S002", 1), ("N2", "S777", None)]


def test_part_of_a_stored_stores_name_is_refused_naming_it_even_with_add_missing(con):
    """A helper's probe: a helpdesk export's 门店 cells 北京王府井 and 王府井店 (the stored S001 is 北京王府井店) were
    added as two new stores with "add unknown codes" (and said only "Unknown store code" without it). A value with
    no digit that a stored store's name holds, or that holds it, is an error naming the store, never a new store; a
    new code (S777), a new name unlike any (西安钟楼店) and one holding a stored name (北京王府井店二号, a review:
    "上海万达店" beside a stored "万达店") are still added."""
    con.execute("update stores set name_zh = '北京王府井店' where store_code = 'S001'")
    before = stores(con)
    text = COMPLAINTS_ZH + (
        "C-1,2026-03-01 09:30,热线,北京王府井,A001\n"
        "C-2,2026-03-01 09:30,热线,王府井店,A001\n"
        "C-3,2026-03-01 09:30,热线,S777,A001\n"
        "C-4,2026-03-01 09:30,热线,西安钟楼店,A001\n"
        "C-5,2026-03-01 09:30,热线,北京王府井店二号,A001\n"
    )
    for add_missing in (False, True):
        prepared = prepare(con, registry.kind("complaints"), text, add_missing=add_missing)
        said = [m for m in messages(prepared) if m[0] in (2, 3)]
        assert said == [
            (
                row,
                "门店编码",
                value,
                "No store code: part of the name of S001 北京王府井店. Write the store's code or its whole name; it "
                "is never added as a new store.",
                "不是门店编码：只是 S001 北京王府井店 名称的一部分。请填写门店编码或门店全称；此类值不会被新增为门店。",
            )
            for row, value in ((2, "北京王府井"), (3, "王府井店"))
        ]
    prepared = prepare(con, registry.kind("complaints"), text, add_missing=True, skip_invalid=True)
    result = pipeline.commit(con, prepared, ADMIN)
    assert result.master_added == {"store_code": ["S777", "北京王府井店二号", "西安钟楼店"]}
    assert [s[0] for s in stores(con)] == [*(s[0] for s in before), "S777", "北京王府井店二号", "西安钟楼店"]


def test_a_name_several_stores_share_is_refused_naming_them_even_with_add_missing(con):
    con.execute("update stores set name_zh = '北京店' where store_code in ('S002', 'S003')")
    before = stores(con)
    text = COMPLAINTS_ZH + "C-1,2026-03-01 09:30,热线,北京店,A001\nC-2,2026-03-01 09:30,热线,S001,A001\n"
    for add_missing in (False, True):
        prepared = prepare(con, registry.kind("complaints"), text, add_missing=add_missing)
        assert prepared.unknown_codes == {} and repairs(prepared) == []
        assert messages(prepared) == [
            (
                2,
                "门店编码",
                "北京店",
                "Several stores have this name (S002, S003); give the store code.",
                "有多家门店使用此名称(S002、S003)；请填写门店编码。",
            )
        ]
    # skipping the invalid row: the other row is written, no store is added
    prepared = prepare(con, registry.kind("complaints"), text, add_missing=True, skip_invalid=True)
    result = pipeline.commit(con, prepared, ADMIN)
    assert (result.rows_added, result.rows_skipped, result.master_added) == (1, 1, {})
    assert stores(con) == before


def test_agents_by_name_in_qa_reviews_and_a_shared_agent_name(con):
    con.execute("update agents set name = '张伟' where agent_code in ('A002', 'A004')")
    text = QA_ZH + "Q-1,Agent Three,2026-05-02,Quinn,88\nQ-2,张伟,2026-05-02,Quinn,70\n"
    prepared = prepare(con, registry.kind("qa_reviews"), text, add_missing=True)
    assert prepared.unknown_codes == {}
    assert [r[0] for r in repairs(prepared)] == [
        {"column": "客服专员编码", "pairs": listed(["Agent Three → A003"])}
    ]
    assert messages(prepared) == [
        (
            3,
            "客服专员编码",
            "张伟",
            "Several agents have this name (A002, A004); give the agent code.",
            "有多名客服专员使用此姓名(A002、A004)；请填写客服专员编码。",
        )
    ]
    assert con.execute("select count(*) from agents").fetchone()[0] == 4


def test_inspections_take_a_store_by_its_name(con):
    con.execute("update stores set name_zh = '北京西单店' where store_code = 'S002'")
    before = stores(con)
    data = flat({("A-1", "北京西单店", "2026-11-02"): {}})
    prepared = pipeline.prepare(
        con,
        INSPECTIONS,
        reading.read_upload(data, "i.csv"),
        None,
        pipeline.ImportOptions(now=datetime(2026, 11, 30)),
        ADMIN,
    )
    assert prepared.n_invalid == 0 and prepared.unknown_codes == {}, prepared.errors
    assert [r[0] for r in repairs(prepared)] == [
        {"column": "store_code", "pairs": listed(["北京西单店 → S002"])}
    ]
    pipeline.commit(con, prepared, ADMIN)
    assert con.execute(
        "select i.source_id, s.store_code from fives_inspections i join stores s using (store_id)"
    ).fetchall() == [("A-1", "S002")]
    assert stores(con) == before


def test_a_code_anywhere_in_the_value_is_matched_when_it_is_the_only_one(con):
    """Every kind alike (shared by match_codes): a value holding exactly one master code as a word of its own is
    that code, said in the repair notice; two codes, or a code inside a longer word, is no match."""
    text = COMPLAINTS_ZH + (
        "C-1,2026-03-01 09:30,热线,Store S002 Nanjing Rd,Agent One (A001)\n"
        "C-2,2026-03-01 10:30,热线,s3 - 南京西路,A002\n"  # case and lost zeros as for a code alone
        "C-3,2026-03-01 11:30,热线,S001 / S002,A002\n"
        "C-4,2026-03-01 12:30,热线,XS001,A002\n"
    )
    prepared = prepare(con, registry.kind("complaints"), text)
    assert prepared.unknown_codes == {"store_code": ["S001 / S002", "XS001"]}
    assert [r[0] for r in repairs(prepared)] == [
        {"column": "门店编码", "pairs": listed(["Store S002 Nanjing Rd → S002", "s3 - 南京西路 → S003"])},
        {"column": "客服专员编码", "pairs": listed(["Agent One (A001) → A001"])},
    ]
    assert "or by the code the value holds" in repairs(prepared)[0][1]
    assert "或其中包含的编码" in repairs(prepared)[0][2]


def test_new_codes_written_alike_but_for_case_width_or_spaces_are_added_once(con):
    """Exports probe (g06b_unknown_store.csv): --add-missing added S099 and s099 as two stores ("Added to master
    data: store_code: S099, s099"); unknown codes were compared with the master data only, not with each other."""
    before = stores(con)
    text = (
        COMPLAINTS_ZH + "C-1,2026-03-01 09:30,热线,S099,a009\n"
        "C-2,2026-03-01 10:30,热线,s099,A009\n"
        "C-3,2026-03-01 11:30,热线,Ｓ０９９,A009\n"  # full-width: the cell is cleaned to S099
        'C-4,2026-03-01 12:30,热线," s099 ",a009\n'
        "C-5,2026-03-01 13:30,热线,s099,A009\n"
    )
    prepared = prepare(con, registry.kind("complaints"), text, add_missing=True)
    assert prepared.n_invalid == 0, prepared.errors
    assert prepared.unknown_codes == {"store_code": ["s099"], "agent_code": ["A009"]}
    merged = [(v, t(k, "en", **v)) for k, v in prepared.notices if k == "ingest.notice.new_codes_merged"]
    assert merged == [
        (
            {"column": "门店编码", "pairs": listed(["S099 → s099"])},  # s099: 3 rows, S099: 2
            "门店编码: codes the master data lacks, written alike but for letter case, full-width characters, "
            "outer spaces or leading zeros, are one code (as most of their rows write it): S099 → s099.",
        ),
        ({"column": "客服专员编码", "pairs": listed(["a009 → A009"])}, merged[1][1]),
    ]
    result = pipeline.commit(con, prepared, ADMIN)
    assert result.master_added == {"store_code": ["s099"], "agent_code": ["A009"]}
    assert stores(con) == [*before, ("s099", "s099", None, None)]
    assert con.execute(
        "select c.source_id, s.store_code, a.agent_code from complaints c join stores s using (store_id) "
        "join agents a using (agent_id) order by 1"
    ).fetchall() == [(f"C-{n}", "s099", "A009") for n in range(1, 6)]


def test_unknown_codes_of_a_tie_take_the_first_spelling_in_the_file():
    found = resolve_codes(pd.Series(["x7", "S099", "s099", None, "S1"], dtype=object), ["S001"])
    assert found.merged == {"s099": "S099"}
    assert found.codes.fillna("").tolist() == ["x7", "S099", "S099", "", "S001"]
    assert found.unknown.tolist() == [True, True, True, False, False]


def test_unknown_codes_alike_but_for_leading_zeros_are_one_new_code():
    # review of 54db80b: S99 and S099 were two new codes, while the master data's S001 matches S1 (_zero_key)
    given = ["S99", "S099", "s099", "S0099", "S099", "T7"]  # S099 the most written (2 rows)
    found = resolve_codes(pd.Series(given, dtype=object), ["S001"])
    assert found.merged == {"S99": "S099", "s099": "S099", "S0099": "S099"}
    assert found.codes.tolist() == ["S099"] * 5 + ["T7"]
    assert found.unknown.tolist() == [True] * 6


def test_code_checks_look_at_each_distinct_code_not_each_row(con, monkeypatch):
    """Issue 14 (import by columns): the unassigned, zero and formula checks of a code column ran a Python call
    per row (pandas' ``casefold`` and regex ``match`` have no pyarrow kernel: ~2 s of a 1M-row import); they
    look at each distinct code once, with the same errors by row."""
    from pandas.core.arrays.string_arrow import ArrowStringArray

    mapped: list[int] = []  # the length of every array pandas maps cell by cell in Python
    per_cell = ArrowStringArray._str_map

    def spy(self, *args, **kwargs):
        mapped.append(len(self))
        return per_cell(self, *args, **kwargs)

    monkeypatch.setattr(ArrowStringArray, "_str_map", spy)
    rows = [f"C-{n},2026-03-01 09:30,热线,S001,A001\n" for n in range(1, 301)]
    rows[10] = "C-11,2026-03-01 09:30,热线,S001,未分配\n"  # unassigned: no agent, no error
    rows[20] = "C-21,2026-03-01 09:30,热线,000,A001\n"
    rows[30] = "C-31,2026-03-01 09:30,热线,S001,=HYPERLINK(1)\n"
    rows[40] = "C-41,2026-03-01 09:30,热线,S099,A002\n"
    prepared = prepare(con, registry.kind("complaints"), COMPLAINTS_ZH + "".join(rows))
    errors = prepared.errors
    assert list(zip(errors["row"], errors["column"], errors["reason"], errors["value"], strict=True)) == [
        (22, "门店编码", "ingest.error.zero_code", "000"),
        (32, "客服专员编码", "ingest.error.formula_code", "=HYPERLINK(1)"),
        (42, "门店编码", "ingest.error.unknown_store", "S099"),
    ]
    assert prepared.unknown_codes == {"store_code": ["S099"]}
    assert prepared.values.loc[12, "agent_code"] is None
    assert max(mapped, default=0) < 300


def test_a_file_read_in_chunks_spells_each_new_code_once_for_the_whole_file(con, tmp_path):
    """Review of 54db80b: read in chunks of 2 rows, the first chunk (s099, s099) chose s099 and the others S099:
    --add-missing added S099 and s099, A1 and A2 under s099. The spelling is chosen for the whole file (S099: 3
    rows of 5), as read whole: one store, every row under it."""
    from portal.ingest import stream

    path = tmp_path / "respell.csv"
    rows = [("A1", "s099"), ("A2", "s099"), ("A3", "S099"), ("A4", "S099"), ("A5", "S099")]
    path.write_text(
        "source_id,received_at,channel,store_code\n"
        + "".join(f"{i},2026-03-02 09:{n}0,hotline,{code}\n" for n, (i, code) in enumerate(rows)),
        encoding="utf-8",
    )
    options = pipeline.ImportOptions(now=NOW, timezone="UTC", add_missing=True)
    kind = registry.kind("complaints")
    prepared = stream.prepare(
        con, kind, stream.open_csv(path, 200, rows=2), None, options, ADMIN, limit_memory=False
    )
    try:
        merged = [v for k, v in prepared.notices if k == "ingest.notice.new_codes_merged"]
        assert merged == [{"column": "store_code", "pairs": listed(["s099 → S099"])}]
        assert prepared.unknown_codes == {"store_code": ["S099"]}
        result = pipeline.commit(con, prepared, ADMIN)
    finally:
        prepared.staged.close()
    assert result.master_added == {"store_code": ["S099"]}
    assert con.execute("select store_code from stores where upper(store_code) = 'S099'").fetchall() == [
        ("S099",)
    ]
    assert con.execute(
        "select c.source_id, s.store_code from complaints c join stores s using (store_id) order by 1"
    ).fetchall() == [(i, "S099") for i, _ in rows]


def test_a_code_written_like_several_stored_codes_is_refused_naming_them_even_with_add_missing(con):
    """Session 41's probe: with S001 and S01 stored (and A001 and A01), a row's S0001 (a0001) is written like
    both but for leading zeros or case; "Add unknown codes" made a third store (agent) of it. It is an error of
    its row and column naming them, in both languages, as a team code written like several stored teams is
    (master_agents._match_teams): the same rule, ``codes.resolve_codes``."""
    con.execute("insert into stores (store_id, store_code, name, region_id) values (4, 'S01', 'Store 01', 1)")
    con.execute("insert into agents (agent_id, agent_code, name, team_id) values (5, 'A01', 'Agent 01', 1)")
    before = (stores(con), con.execute("select agent_code from agents order by agent_id").fetchall())
    text = COMPLAINTS_ZH + "C-1,2026-03-01 09:30,热线,S0001,a0001\nC-2,2026-03-01 10:30,热线,S002,A002\n"
    for add_missing in (False, True):
        prepared = prepare(con, registry.kind("complaints"), text, add_missing=add_missing)
        assert prepared.unknown_codes == {} and repairs(prepared) == []
        assert messages(prepared) == [
            (
                2,
                "客服专员编码",
                "a0001",
                "Several stored agents are written like this code but for leading zeros or letter case (A001, "
                "A01); give the one meant exactly as stored.",
                "有多名已有客服专员的编码与此编码仅相差前导零或大小写(A001、A01)；请按已有编码准确填写所指的客服专员。",
            ),
            (
                2,
                "门店编码",
                "S0001",
                "Several stored stores are written like this code but for leading zeros or letter case (S001, "
                "S01); give the one meant exactly as stored.",
                "有多家已有门店的编码与此编码仅相差前导零或大小写(S001、S01)；请按已有编码准确填写所指的门店。",
            ),
        ]
    prepared = prepare(con, registry.kind("complaints"), text, add_missing=True, skip_invalid=True)
    result = pipeline.commit(con, prepared, ADMIN)
    assert (result.rows_added, result.rows_skipped, result.master_added) == (1, 1, {})
    assert (stores(con), con.execute("select agent_code from agents order by agent_id").fetchall()) == before
