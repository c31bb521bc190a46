"""A store (agent) cell that carries a code and a name that belong to two different master rows (``S001 北京西单店``
where S001 is 北京王府井店 and 北京西单店 is S002): which store is meant cannot be told, so the row is refused naming
both, never stored on either (before, the code won silently: the complaint went to S001 with no word). A code with
its own name, or with words that name no store, still matches the code (tests/test_ingest_codes.py).

Fixture master data (tests/fixtures.py): S001 Store One, S002 Store Two, S003 Store Three; A001 Agent One ...
A004 Agent Four; the Chinese names are given here."""

from __future__ import annotations

from portal.ingest import registry
from tests.test_ingest_codes import messages, prepare, repairs

HEADER = "投诉编号,接收时间,渠道,门店编码,客服专员编码\n"


def test_a_code_and_another_stores_name_in_one_cell_is_refused_naming_both(con):
    con.execute("update stores set name_zh = '北京王府井店' where store_code = 'S001'")
    con.execute("update stores set name_zh = '北京西单店' where store_code = 'S002'")
    text = (
        HEADER
        + (
            "C-1,2026-03-01 09:30,热线,S001 北京西单店,A001\n"  # S001's code, S002's name
            "C-2,2026-03-01 10:30,热线,北京王府井店（S001）,A001 Agent Two\n"  # the store agrees; A001's code, A002's name
            "C-3,2026-03-01 11:30,热线,S003 南京西路,A003\n"  # words that name no store: the code
        )
    )
    for add_missing in (False, True):  # never a new store or agent either
        prepared = prepare(con, registry.kind("complaints"), text, add_missing=add_missing)
        assert prepared.unknown_codes == {}
        assert messages(prepared) == [
            (
                2,
                "门店编码",
                "S001 北京西单店",
                "This cell names two stores: its code is S001 (Store One) and its name belongs to S002 (Store Two). Give "
                "the one store meant.",
                "此单元格指向两家门店：编码为 S001(北京王府井店)，名称却属于 S002(北京西单店)。请只填写所指的那一家门店。",
            ),
            (
                3,
                "客服专员编码",
                "A001 Agent Two",
                "This cell names two agents: its code is A001 (Agent One) and its name belongs to A002 (Agent Two). Give "
                "the one agent meant.",
                "此单元格指向两名客服专员：编码为 A001(Agent One)，姓名却属于 A002(Agent Two)。请只填写所指的那一名客服专员。",
            ),
        ]
        assert prepared.n_invalid == 2
    # the others match their codes as before (the file's full-width brackets read as ASCII ones)
    assert [str(r[0]["pairs"]) for r in repairs(prepared)] == [
        "S003 南京西路 → S003, 北京王府井店(S001) → S001"
    ]
