"""Survey instruments: the default from migration 002, definitions from files, versions, the CLI."""

import csv
import json

import pytest

from portal import cli, instruments

RATER = ["tangibles", "reliability", "responsiveness", "assurance", "empathy"]


def variant_24() -> dict:
    """A 24-item variant in six dimensions of its own (4 items each), weights given."""
    dims = [
        ("product", "Product", "商品"),
        ("staff", "Staff", "员工"),
        ("queue", "Queue", "排队"),
        ("cleanliness", "Cleanliness", "清洁"),
        ("online", "Online", "线上"),
        ("after_sales", "After-sales", "售后"),
    ]
    return {
        "instrument_code": "retail24",
        "name_en": "Retail 24",
        "name_zh": "零售24项",
        "dimensions": [
            {"code": c, "name_en": en, "name_zh": zh, "weight": w}
            for (c, en, zh), w in zip(dims, (20, 20, 15, 15, 15, 15), strict=True)
        ],
        "items": [
            {
                "item_no": n,
                "dimension": dims[(n - 1) // 4][0],
                "text_en": f"Question {n}",
                "text_zh": f"问题{n}",
            }
            for n in range(1, 25)
        ],
    }


def count(con, table):
    return con.execute(f"select count(*) from {table}").fetchone()[0]  # noqa: S608 - fixed table names


def test_default_instrument_is_servqual22(con):
    default = instruments.load(con)
    assert (default.code, default.version, default.is_default, default.instrument_id) == (
        "SERVQUAL22",
        1,
        True,
        1,
    )
    assert [d.code for d in default.dimensions] == RATER
    by_dim = {d: [i.item_no for i in default.items_of(d)] for d in RATER}
    assert by_dim == {
        "tangibles": [1, 2, 3, 4],
        "reliability": [5, 6, 7, 8, 9],
        "responsiveness": [10, 11, 12, 13],
        "assurance": [14, 15, 16, 17],
        "empathy": [18, 19, 20, 21, 22],
    }
    assert default.dimension("empathy").name_zh == "移情性"


def test_add_json_variant_and_versions(con):
    stored = instruments.add(con, instruments.from_json(variant_24()), "admin")
    assert (stored.code, stored.version, stored.is_default) == ("RETAIL24", 1, False)
    assert len(stored.items) == 24 and [d.code for d in stored.dimensions][:2] == ["product", "staff"]
    again = instruments.add(con, instruments.from_json(variant_24()), "admin")
    assert again.version == 2 and again.instrument_id != stored.instrument_id
    assert instruments.load(con, "retail24").version == 2  # latest by default
    assert instruments.load(con, "RETAIL24", 1).instrument_id == stored.instrument_id
    assert instruments.parse_reference("retail24 v1") == ("RETAIL24", 1)
    assert instruments.parse_reference("SERVQUAL22") == ("SERVQUAL22", None)
    audit = con.execute("select username, action, target from audit_log order by audit_id").fetchall()
    assert audit == [
        ("admin", "settings", "instrument:RETAIL24:v1"),
        ("admin", "settings", "instrument:RETAIL24:v2"),
    ]


def test_flat_rows_round_trip(con):
    default = instruments.load(con)
    back = instruments.from_rows(instruments.to_rows(default))
    assert back.items == default.items and back.dimensions == default.dimensions
    assert (back.code, back.scale_min, back.scale_max) == ("SERVQUAL22", 1, 7)


def test_weights_default_to_equal_shares():
    data = variant_24()
    for d in data["dimensions"]:
        d.pop("weight")
    ins = instruments.from_json(data)
    assert [round(d.weight, 4) for d in ins.dimensions] == [round(100 / 6, 4)] * 6


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda d: d["items"].pop(3), "inst.err.item_numbers"),  # 1-3, 5-24: a gap
        (lambda d: d["items"][5].update(item_no=5), "inst.err.item_twice"),
        (lambda d: d["dimensions"][0].update(weight=50), "inst.err.weights_sum"),  # 130 in all
        (lambda d: d["items"][0].update(dimension="nowhere"), "inst.err.unknown_dimension"),
        (lambda d: d.update(scale_max=10), "inst.err.bad_scale"),
        (lambda d: d.update(instrument_code="x y"), "inst.err.bad_code"),
        (
            lambda d: d["dimensions"].append({"code": "spare", "name_en": "Spare", "weight": 0}),
            "inst.err.empty_dimension",
        ),
    ],
)
def test_definition_problems_are_named(change, reason):
    data = variant_24()
    change(data)
    with pytest.raises(instruments.InstrumentError) as info:
        instruments.from_json(data)
    assert reason in [key for key, _ in info.value.problems]


def _write_csv(path, rows, encoding="utf-8"):
    with open(path, "w", newline="", encoding=encoding) as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_cli_instrument_add_from_csv_and_refusal(con, tmp_path, monkeypatch, capsys):
    path = tmp_path / "fixture.duckdb"
    con.close()
    monkeypatch.setenv("PORTAL_DB", str(path))
    rows = [
        {
            "instrument_code": "QUICK3",
            "instrument_name_en": "Quick check",
            "instrument_name_zh": "快速检查",
            "item_no": n,
            "dimension_code": d,
            "dimension_name_en": d.title(),
            "dimension_name_zh": zh,
            "dimension_weight": w,
            "text_en": f"Question {n}",
            "text_zh": f"问题{n}",
        }
        for n, d, zh, w in ((1, "speed", "速度", 60), (2, "speed", "速度", 60), (3, "care", "关怀", 40))
    ]
    good = tmp_path / "quick3.csv"
    _write_csv(good, rows, encoding="gb18030")  # a Chinese Excel CSV: GBK is read too
    assert cli.main(["instrument", "add", str(good)]) == 0
    assert "QUICK3 version 1 added" in capsys.readouterr().out

    bad = tmp_path / "bad.csv"
    rows[2]["item_no"] = 4  # items 1, 2, 4: not numbered 1..3
    rows[2]["dimension_weight"] = 30  # and 60 + 30 != 100
    _write_csv(bad, rows)
    assert cli.main(["instrument", "add", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "numbered 1 to 3" in err and "add up to 90" in err and "Nothing was written" in err
    assert cli.main(["instrument", "add", str(tmp_path / "missing.csv")]) == 2

    from portal import db

    check = db.connect(path)
    assert check.execute(
        "select instrument_code, version from survey_instruments order by instrument_id"
    ).fetchall() == [("SERVQUAL22", 1), ("QUICK3", 1)]
    assert [
        r[0]
        for r in check.execute(
            "select name_zh from instrument_dimensions where instrument_id = 2 order by position"
        ).fetchall()
    ] == ["速度", "关怀"]
    check.close()


def test_json_file_parse(tmp_path):
    ins = instruments.parse_file(json.dumps(variant_24()).encode(), "v.json")
    assert ins.code == "RETAIL24" and len(ins.items) == 24
    with pytest.raises(instruments.InstrumentError) as info:
        instruments.parse_file(b"{not json", "v.json")
    assert info.value.problems[0][0] == "inst.err.bad_json"


def test_cli_adds_an_instrument_with_coded_items_under_its_own_name(con, tmp_path, monkeypatch, capsys):
    # Issue 9: a questionnaire from the wild names its items T1, R1, R2 (not 1..N) and spells its name column
    # "instrument_name". Before: item_no "T1" was refused, and the name came out as the last dimension's
    # ("Reliability": the dimension loop reused the name's variable).
    path = tmp_path / "fixture.duckdb"
    con.close()
    monkeypatch.setenv("PORTAL_DB", str(path))
    rows = [
        {
            "instrument_code": "RETAILQ",
            "instrument_name": "Retail service check",
            "item_no": code,
            "dimension_code": dim,
            "dimension_name_en": dim.title(),
            "text_en": f"Statement {code}",
        }
        for code, dim in (("T1", "tangibles"), ("R1", "reliability"), ("R2", "reliability"))
    ]
    good = tmp_path / "retailq.csv"
    _write_csv(good, rows)
    assert cli.main(["instrument", "add", str(good)]) == 0
    assert "RETAILQ version 1 added" in capsys.readouterr().out

    from portal import db

    check = db.connect(path)
    stored = instruments.load(check, "RETAILQ")
    assert (stored.name_en, stored.name_zh) == ("Retail service check", "Retail service check")
    # numbered 1..3 in file order, each keeping its own code
    assert [(i.item_no, i.code, i.dimension_code) for i in stored.items] == [
        (1, "T1", "tangibles"),
        (2, "R1", "reliability"),
        (3, "R2", "reliability"),
    ]
    # a round trip through the flat form keeps the codes
    again = instruments.from_rows(instruments.to_rows(stored))
    assert [i.label for i in again.items] == ["T1", "R1", "R2"]
    check.close()


def test_a_survey_answers_coded_items_by_their_codes(con):
    # RETAILQ: T1 (tangibles), R1, R2 (reliability), scale 1-7. The file names its answer columns by the codes
    # in three vendors' styles. Two responses at S001 on 2026-03-02:
    #   S-1  T1 E 6 P 4 (-2);  R1 E 7 P 7 (0);  R2 E 5 P 6 (+1)
    #   S-2  T1 E 5 P 5 (0);   R1 E 6 P 3 (-3); R2 E 4 P 4 (0)
    # gaps: tangibles mean(-2, 0) = -1; reliability mean over items and respondents (0, +1, -3, 0) = -0.5
    from datetime import date, datetime

    from portal import kpi, satisfaction
    from portal.auth import User
    from portal.filters import Filters
    from portal.ingest import pipeline, reading, surveys
    from portal.scope import Scope

    data = instruments.from_rows(
        [
            {
                "instrument_code": "RETAILQ",
                "instrument_name_en": "Retail check",
                "item_no": c,
                "dimension_code": d,
                "text_en": f"Statement {c}",
            }
            for c, d in (("T1", "tangibles"), ("R1", "reliability"), ("R2", "reliability"))
        ]
    )
    instruments.add(con, data, "admin")
    body = (
        "response_id,store_code,responded_on,overall_satisfaction,T1_E,T1_P,R1 E,R1 P,期望R2,感知R2\n"
        "S-1,S001,2026-03-02,4,6,4,7,7,5,6\n"
        "S-2,S001,2026-03-02,3,5,5,6,3,4,4\n"
    ).encode()
    admin = User("t_admin", "Test Admin", ("admin",), Scope.everything())
    kind = surveys.configure(con, {"instrument": "RETAILQ"})
    prepared = pipeline.prepare(
        con,
        kind,
        reading.read_upload(body, "s.csv"),
        None,
        pipeline.ImportOptions(now=datetime(2026, 6, 1)),
        admin,
    )
    assert prepared.file_errors == [] and prepared.n_invalid == 0, prepared.errors
    # every answer column mapped to its item's field (item numbers 1..3 inside)
    assert {f: prepared.mapping[f] for f in ("e1", "p1", "e2", "p2", "e3", "p3")} == {
        "e1": "T1_E",
        "p1": "T1_P",
        "e2": "R1 E",
        "p2": "R1 P",
        "e3": "期望R2",
        "p3": "感知R2",
    }
    pipeline.commit(con, prepared, admin)
    figs = satisfaction.figures(
        kpi.runner(con, Scope.everything()),
        Filters(start=date(2026, 3, 2), end=date(2026, 3, 2)),
        satisfaction.load_settings(con),
    )
    [sq] = [s for s in figs.servqual if s.instrument_code == "RETAILQ"]
    gaps = dict(zip(sq.dimensions["dimension_code"], sq.dimensions["gap"], strict=True))
    assert gaps == {"tangibles": pytest.approx(-1.0), "reliability": pytest.approx(-0.5)}
    # the items, largest (most negative) gap first, named by their codes: R1 mean(0, -3) = -1.5, T1 mean(-2, 0)
    # = -1, R2 mean(+1, 0) = +0.5
    assert sq.items["item_code"].tolist() == ["R1", "T1", "R2"]
    assert satisfaction.items_table(sq.items, "en").iloc[:, 0].tolist() == ["R1", "T1", "R2"]
