"""The survey upload kind: default instrument, templates, re-imports and undo, links, scope, region (the command
line and survey tools' exports: tests/test_survey_import_cli_tools.py)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from portal import instruments
from portal.auth import User
from portal.i18n import listed
from portal.ingest import batches, pipeline, reading, registry, surveys, templates
from portal.scope import Scope

NOW = datetime(2026, 6, 1)
ADMIN = User("t_admin", "Test Admin", ("admin",), Scope.everything())
HEAD = "response_id,store_code,responded_on,overall_satisfaction,recommend_score,comment"


def opts(**kw) -> pipeline.ImportOptions:
    return pipeline.ImportOptions(now=NOW, **kw)


def sq_csv(*rows: str, items: int = 22) -> bytes:
    """A file with the base columns and E1..En / P1..Pn; each row gives base cells then 'E:P' for all items."""
    head = (
        HEAD
        + ","
        + ",".join(f"E{n}" for n in range(1, items + 1))
        + ","
        + ",".join(f"P{n}" for n in range(1, items + 1))
    )
    lines = [head]
    for row in rows:
        base, _, ep = row.partition("|")
        e, _, p = ep.partition(":")
        lines.append(base + "," + ",".join([e] * items) + "," + ",".join([p] * items))
    return ("\n".join(lines) + "\n").encode()


def load(con, content: bytes, name: str = "s.csv", kind=None, user=ADMIN, **kw):
    kind = kind or surveys.configure(con, {})
    prepared = pipeline.prepare(con, kind, reading.read_upload(content, name), None, opts(**kw), user)
    return prepared


def commit(con, content: bytes, name: str = "s.csv", **kw):
    prepared = load(con, content, name, **kw)
    return pipeline.commit(con, prepared, kw.get("user", ADMIN))


def test_the_registered_kind_is_the_seeded_default_instrument(con):
    seeded = instruments.load(con)
    default = surveys.DEFAULT_INSTRUMENT
    assert (default.instrument_id, default.code, default.version) == (
        seeded.instrument_id,
        seeded.code,
        seeded.version,
    )
    assert [(i.item_no, i.dimension_code) for i in default.items] == [
        (i.item_no, i.dimension_code) for i in seeded.items
    ]
    assert [(d.code, d.name_en, d.name_zh) for d in default.dimensions] == [
        (d.code, d.name_en, d.name_zh) for d in seeded.dimensions
    ]
    assert registry.kind("surveys").field_names == surveys.configure(con, {}).field_names


@pytest.mark.parametrize(("lang", "fmt"), [("en", "csv"), ("zh", "csv"), ("en", "xlsx"), ("zh", "xlsx")])
def test_templates_on_disk_are_generated_and_import_cleanly(con, lang, fmt):
    kind = registry.kind("surveys")
    path = templates.TEMPLATES_DIR / templates.template_file_name(kind, lang, fmt)
    generated = templates.template_bytes(kind, lang, fmt)
    if fmt == "csv":
        assert path.read_bytes() == generated
    else:  # a workbook embeds its save time: compare the cells
        assert reading.read_upload(path.read_bytes(), path.name).frame.equals(
            reading.read_upload(generated, path.name).frame
        )
    prepared = load(con, path.read_bytes(), path.name)
    assert prepared.file_errors == [] and prepared.n_invalid == 0, prepared.errors
    assert sum(1 for c in prepared.mapping.values() if c) == len(
        templates.template_fields(kind)
    )  # every header
    result = pipeline.commit(con, prepared, ADMIN)
    assert result.rows_added == 2
    # template row 2 leaves P3 blank: 22 answers stored, one of them without a perception
    assert con.execute(
        "select count(*), count(perception) from servqual_answers as a join survey_responses as r "
        "using (response_id) where r.source_response_id = 'R-000124'"
    ).fetchone() == (22, 21)


def test_reimport_is_idempotent_updates_changes_and_undo_restores(con):
    first = commit(con, sq_csv("R-1,S001,2026-05-01,4,9,ok|6:5", "R-2,S002,2026-05-02,2,3,slow|7:3"))
    assert (first.rows_added, first.rows_updated) == (2, 0)
    # the identical bytes again: recognised by the file hash, nothing written
    with pytest.raises(pipeline.NothingWritten) as caught:
        commit(con, sq_csv("R-1,S001,2026-05-01,4,9,ok|6:5", "R-2,S002,2026-05-02,2,3,slow|7:3"))
    assert caught.value.reason == "ingest.refused.same_file"
    # the same rows in another file, R-2 changed (overall 3, P 4), R-3 new
    second = commit(
        con,
        sq_csv(
            "R-2,S002,2026-05-02,3,3,slow|7:4",
            "R-1,S001,2026-05-01,4,9,ok|6:5",
            "R-3,S003,2026-05-03,5,10,great|6:6",
        ),
        "again.csv",
    )
    assert (second.rows_added, second.rows_updated, second.rows_unchanged) == (1, 1, 1)
    assert con.execute("select count(*) from survey_responses").fetchone()[0] == 3
    assert (
        con.execute(
            "select overall_satisfaction from survey_responses where source_response_id = 'R-2'"
        ).fetchone()[0]
        == 3
    )
    assert con.execute(
        "select distinct perception from servqual_answers join survey_responses using (response_id) "
        "where source_response_id = 'R-2'"
    ).fetchall() == [(4,)]
    assert con.execute("select count(*) from servqual_answers").fetchone()[0] == 3 * 22
    # undo the second batch: R-3 gone, R-2 back to overall 2 with P 3
    batches.undo_batch(con, second.batch_id, ADMIN)
    assert con.execute(
        "select source_response_id, overall_satisfaction from survey_responses order by 1"
    ).fetchall() == [("R-1", 4), ("R-2", 2)]
    assert con.execute(
        "select distinct perception from servqual_answers join survey_responses using (response_id) "
        "where source_response_id = 'R-2'"
    ).fetchall() == [(3,)]
    assert con.execute("select count(*) from servqual_answers").fetchone()[0] == 2 * 22
    # the first can then be undone too: nothing left
    batches.undo_batch(con, first.batch_id, ADMIN)
    assert [
        con.execute(f"select count(*) from {t}").fetchone()[0]  # noqa: S608 - fixed names
        for t in ("survey_responses", "servqual_answers", "batch_row_snapshots")
    ] == [0, 0, 0]


def test_undo_is_blocked_by_a_later_batch_on_the_same_responses(con):
    first = commit(con, sq_csv("R-1,S001,2026-05-01,4,9,ok|6:5"))
    second = commit(con, sq_csv("R-1,S001,2026-05-01,5,9,ok|6:6"), "b.csv")
    assert second.rows_updated == 1
    with pytest.raises(batches.UndoRefused) as caught:
        batches.undo_batch(con, first.batch_id, ADMIN)
    assert caught.value.reason == "ingest.undo.blocked"


def test_a_file_without_servqual_columns_keeps_stored_answers(con):
    commit(con, sq_csv("R-1,S001,2026-05-01,4,9,ok|6:5"))
    plain = f"{HEAD}\nR-1,S001,2026-05-01,5,9,ok\n".encode()
    result = commit(con, plain, "plain.csv")
    assert result.rows_updated == 1
    assert con.execute("select overall_satisfaction, instrument_id from survey_responses").fetchone() == (
        5,
        1,
    )
    assert con.execute("select count(*) from servqual_answers").fetchone()[0] == 22


def test_complaint_link(con):
    con.execute(
        "insert into complaints (complaint_id, source, source_id, received_at, channel, status) "
        "values (5, 'crm', 'TCK-5', timestamp '2026-04-01 10:00', 'hotline', 'resolved')"
    )
    content = (
        f"{HEAD},complaint_id\nR-1,S001,2026-05-01,4,9,ok,TCK-5\nR-2,S001,2026-05-01,4,9,ok,TCK-404\n"
        "R-3,S001,2026-05-01,4,9,ok,\n"
    ).encode()
    prepared = load(con, content)
    assert {(r.row, r.column, r.reason) for r in prepared.errors.itertuples()} == {
        (3, "complaint_id", "sat.import.error.unknown_complaint")
    }
    pipeline.commit(con, load(con, content, skip_invalid=True), ADMIN)
    assert con.execute(
        "select source_response_id, complaint_id from survey_responses order by 1"
    ).fetchall() == [("R-1", 5), ("R-3", None)]


def test_an_inspector_uploads_only_for_their_store(con):
    inspector = User("insp", "Inspector", ("inspector",), Scope(store_ids=(1,)))
    commit(con, sq_csv("R-9,S002,2026-05-01,4,9,theirs|6:5"))  # an admin's response of S002
    prepared = load(
        con,
        sq_csv(
            "R-1,S001,2026-05-01,4,9,mine|6:5",
            "R-2,S002,2026-05-01,4,9,not mine|6:5",
            "R-9,S001,2026-05-01,4,9,taking over|6:5",
        ),
        "i.csv",
        user=inspector,
    )
    assert {(r.row, r.column, r.reason) for r in prepared.errors.itertuples()} == {
        (3, "store_code", "ingest.error.store_out_of_scope"),
        (4, "response_id", "sat.import.error.key_out_of_scope"),
    }
    with pytest.raises(pipeline.NothingWritten) as caught:  # an inspector may not add master data
        pipeline.commit(
            con,
            load(con, sq_csv("R-1,S009,2026-05-01,4,9,x|6:5"), "x.csv", user=inspector, add_missing=True),
            inspector,
        )
    assert caught.value.reason == "ingest.refused.add_missing_role"


def test_region_is_the_one_the_store_had_that_day(con):
    # S002 moved from R1 to R2 on 2026-04-01 (its history says so; stores.region_id is not what counts)
    con.execute("update store_region_history set valid_to = date '2026-04-01' where store_id = 2")
    con.execute(
        "insert into store_region_history (store_id, region_id, valid_from, valid_to) values (2, 2, date '2026-04-01', null)"
    )
    # S003 has no history at all: its current region (R2)
    con.execute("delete from store_region_history where store_id = 3")
    commit(
        con,
        sq_csv(
            "R-1,S002,2026-03-15,4,9,before|6:5",
            "R-2,S002,2026-04-15,4,9,after|6:5",
            "R-3,S003,2026-04-15,4,9,no history|6:5",
        ),
    )
    assert con.execute(
        "select source_response_id, region_id from survey_responses order by 1"
    ).fetchall() == [("R-1", 1), ("R-2", 2), ("R-3", 2)]


def test_unknown_store_added_by_a_manager(con):
    result = commit(con, sq_csv("R-1,S777,2026-05-01,4,9,new store|6:5"), add_missing=True)
    assert result.master_added == {"store_code": ["S777"]}
    batches.undo_batch(con, result.batch_id, ADMIN)
    assert con.execute("select count(*) from stores where store_code = 'S777'").fetchone()[0] == 0


def test_identical_rows_without_ids_are_two_responses(con):
    content = b"overall_satisfaction,comment\n4,fine\n4,fine\n5,\n"
    kind = surveys.configure(con, {"store": "S001", "date": "2026-05-05"})
    prepared = pipeline.prepare(con, kind, reading.read_upload(content, "f.csv"), None, opts(), ADMIN)
    ids = list(prepared.values["response_id"])
    assert ids[1] == ids[0] + "-2" and len(set(ids)) == 3
    pipeline.commit(con, prepared, ADMIN)
    # another store, same answers: other responses
    other = surveys.configure(con, {"store": "S002", "date": "2026-05-05"})
    again = pipeline.commit(
        con,
        pipeline.prepare(con, other, reading.read_upload(content + b"3,\n", "g.csv"), None, opts(), ADMIN),
        ADMIN,
    )
    assert again.rows_added == 4


def test_settings_that_cannot_be_used_are_refused_with_a_translatable_reason(con):
    from portal.i18n import t
    from portal.ingest.kinds import OptionRefused

    with pytest.raises(OptionRefused) as bad_instrument:
        surveys.configure(con, {"instrument": "NOPE"})
    assert bad_instrument.value.reason == "sat.import.bad_instrument"
    assert bad_instrument.value.values == {"code": "NOPE", "known": listed(["SERVQUAL22 v1"])}
    # the message (the CLI's) is the English text of the key; the page shows the user's language
    assert str(bad_instrument.value) == t("sat.import.bad_instrument", "en", **bad_instrument.value.values)
    assert t("sat.import.bad_instrument", "zh", **bad_instrument.value.values) == (
        "未知的问卷量表 NOPE；现有量表：SERVQUAL22 v1。"
    )
    with pytest.raises(OptionRefused) as bad_date:
        surveys.configure(con, {"date": "20 May"})
    assert (bad_date.value.reason, bad_date.value.values) == ("sat.import.bad_date", {"value": "20 May"})
    assert str(bad_date.value) == t("sat.import.bad_date", "en", value="20 May")


def test_the_instrument_picker_names_instruments_in_the_users_language(con):
    [option] = [o for o in surveys.OPTIONS if o.name == "instrument"]
    assert option.choices(con, "en") == [
        ("SERVQUAL22:1", "SERVQUAL22 v1 · SERVQUAL - 22 items (retail store)")
    ]
    assert option.choices(con, "zh") == [
        ("SERVQUAL22:1", "SERVQUAL22 v1 · SERVQUAL服务质量模型 - 22项(零售门店)")
    ]


def test_fields_have_labels_for_people_in_both_languages(con):
    kind = surveys.configure(con, {})
    labels = {name: (kind.field(name).label("en"), kind.field(name).label("zh")) for name in kind.field_names}
    assert labels["overall_satisfaction"] == ("Overall satisfaction (1-5)", "总体满意度")
    assert labels["e1"] == ("Expectation 1", "期望1")
    assert labels["p22"] == ("Perception 22", "感知22")
    assert labels["importance_tangibles"] == ("Importance: Tangibles", "重要性_有形性")
    # no English label is a raw field id (no underscores), none is missing
    assert all("_" not in en and en and zh for en, zh in labels.values())
    complaints = registry.kind("complaints")
    assert complaints.field("post_resolution_csat").label("en") == "Post-resolution satisfaction (1-5)"
    assert all("_" not in f.label("en") for f in complaints.fields)


def test_a_response_without_overall_satisfaction_counts_for_servqual_only(con):
    # Issue 9. Three responses at S001 on 2026-03-02, all 22 items answered E:P:
    #   R-A overall 5, E 6 P 5 (gap -1); R-B no overall, E 6 P 3 (gap -3); R-C nothing at all (refused)
    #   R-D no overall, no SERVQUAL, recommend 9 (kept: counts for NPS)
    data = sq_csv(
        "R-A,S001,2026-03-02,5,,|6:5",
        "R-B,S001,2026-03-02,,,|6:3",
        "R-C,S001,2026-03-02,,,|:",
        "R-D,S001,2026-03-02,,9,|:",
    )
    prepared = load(con, data, skip_invalid=True)
    # R-C is file row 4 (the header is row 1), refused on the overall satisfaction column
    assert {(r.row, r.column, r.reason) for r in prepared.errors.itertuples()} == {
        (4, "overall_satisfaction", "sat.import.error.no_answer")
    }
    assert ("sat.import.notice.no_overall", {"n": 2}) in prepared.notices  # R-B and R-D
    pipeline.commit(con, prepared, ADMIN)
    assert con.execute(
        "select source_response_id, overall_satisfaction, instrument_id from survey_responses order by 1"
    ).fetchall() == [("R-A", 5, 1), ("R-B", None, 1), ("R-D", None, None)]

    from portal import kpi, satisfaction
    from portal.filters import Filters
    from portal.i18n import t

    run = kpi.runner(con, Scope.everything())
    figs = satisfaction.figures(run, Filters(start=date(2026, 3, 2), end=date(2026, 3, 2)), _cfg(con))
    # index on R-A alone: (5 - 1) / 4 x 100 = 100, n 1; responses 3 (R-A, R-B, R-D)
    assert (figs.tiles.index.value, figs.tiles.index.n) == (100.0, 1)
    assert figs.tiles.responses.n == 3
    # SERVQUAL on R-A and R-B: every dimension's gap = mean of (-1, -3) = -2, on 2 respondents
    [sq] = figs.servqual
    assert sq.responses_n == 2
    assert sq.dimensions["gap"].tolist() == pytest.approx([-2.0] * 5)
    # the page says the 2 without overall are left out of the index (and CSAT)
    texts = satisfaction.tile_texts(figs.tiles, "en")
    index_lines = [line for line, _ in texts[0].captions]
    assert t("sat.tile.no_overall", "en", n=2) in index_lines
    nps_lines = [line for line, _ in texts[2].captions]  # NPS rests on every response with a recommend answer
    assert nps_lines[0] == satisfaction.tile_caption(figs.tiles.nps, "en")
    assert t("sat.tile.no_overall", "en", n=2) not in nps_lines


def _cfg(con):
    from portal import satisfaction

    return satisfaction.load_settings(con)


def test_an_unreadable_overall_satisfaction_is_one_error_and_not_counted_as_kept(con):
    # A tester's 问卷星 export gave answers as words: each row got "not a whole number", and also the notice that
    # it counted for SERVQUAL and NPS (it was refused), or, with nothing else answered, a second error "no answer".
    # (Its words are read as scale points now, see below; "好评" / "差评" are not a scale's labels.)
    #   W-1 overall "好评", recommend 9        -> refused once (no answer word the portal knows), not in the notice
    #   W-2 overall "差评", nothing else       -> refused once (no answer word the portal knows), no "no answer"
    #   W-3 no overall, recommend 7           -> kept: the notice counts it (n = 1)
    data = sq_csv(
        "W-1,S001,2026-03-02,好评,9,|:",
        "W-2,S001,2026-03-02,差评,,|:",
        "W-3,S001,2026-03-02,,7,|:",
    )
    prepared = load(con, data, skip_invalid=True)
    assert {(r.row, r.column, r.reason) for r in prepared.errors.itertuples()} == {
        (2, "overall_satisfaction", "ingest.error.not_a_scale_answer"),
        (3, "overall_satisfaction", "ingest.error.not_a_scale_answer"),
    }
    assert ("sat.import.notice.no_overall", {"n": 1}) in prepared.notices


def test_answers_given_as_the_options_text_are_read_as_scale_points(con):
    # 问卷星 "按选项文本", SurveyMonkey "5 - Very satisfied": the overall satisfaction (1-5) as labels or as a point
    # with its label, the recommend score (0-10) as a point with its label; said in a notice with each reading
    #   L-1 非常满意 -> 5; L-2 "4 - Satisfied" -> 4; L-3 一般 -> 3; L-4 "2（不满意）" -> 2; L-5 "好评" -> refused
    data = sq_csv(
        "L-1,S001,2026-03-02,非常满意,10 - Extremely likely,|:",
        "L-2,S001,2026-03-02,4 - Satisfied,9,|:",
        "L-3,S001,2026-03-02,一般,0 - Not at all likely,|:",
        "L-4,S001,2026-03-02,2（不满意）,5,|:",
        "L-5,S001,2026-03-02,好评,5,|:",
    )
    prepared = load(con, data, skip_invalid=True)
    assert {(r.row, r.column, r.reason) for r in prepared.errors.itertuples()} == {
        (6, "overall_satisfaction", "ingest.error.not_a_scale_answer")
    }
    assert prepared.values["overall_satisfaction"].tolist()[:4] == [5, 4, 3, 2]
    assert prepared.values["recommend_score"].tolist()[:3] == [10, 9, 0]
    notes = {v["column"]: v for k, v in prepared.notices if k == "ingest.notice.scale_labels"}
    assert notes["overall_satisfaction"]["n"] == 4 and notes["recommend_score"]["n"] == 2
    from portal.i18n import t

    text = t("ingest.notice.scale_labels", "zh", **notes["overall_satisfaction"])
    assert "非常满意 = 5、4 - Satisfied = 4、一般 = 3、2(不满意) = 2" in text  # the cells as cleaned (NFKC)
    assert "1 answer was given" in t("ingest.notice.scale_labels", "en", column="c", n=1, answers="x = 1")


def test_a_scale_running_the_other_way_is_read_by_its_words(con):
    # "1 - Very satisfied" (a tool whose 1 is the best; 问卷星 "1（非常满意）"): the words are the customer's
    # answer, 5 here; its number read, a very satisfied customer counted as very dissatisfied (probe of real
    # exports: CSAT 40 % where the customers said 60 %). Said in a notice of its own; agreeing cells unchanged.
    data = sq_csv(
        "V-1,S001,2026-03-02,1 - Very satisfied,9,|:",
        "V-2,S001,2026-03-02,2 - Satisfied,9,|:",
        "V-3,S001,2026-03-02,5 - Very dissatisfied,9,|:",
        "V-4,S001,2026-03-02,1（非常满意）,9,|:",
        "V-5,S001,2026-03-02,4 - Satisfied,9,|:",
    )
    prepared = load(con, data)
    assert prepared.values["overall_satisfaction"].tolist() == [5, 4, 1, 5, 4]
    turned = {v["column"]: v for k, v in prepared.notices if k == "ingest.notice.scale_reversed"}
    assert turned["overall_satisfaction"]["n"] == 4  # V-5 agrees with its number
    from portal.i18n import t

    text = t("ingest.notice.scale_reversed", "en", **turned["overall_satisfaction"])
    assert "1 - Very satisfied = 5" in text and "4 - Satisfied" not in text
    assert "以 1 为最好" in t("ingest.notice.scale_reversed", "zh", **turned["overall_satisfaction"])


def _second_file_refuses_response_1(con, second: tuple[str, ...], reason: str, detail: str) -> None:
    """S001's responses 1 and 2 of 2 March stored; a second file reusing id 1: row 2 refused for ``reason``
    (naming ``detail``), its other response added, nothing updated."""
    commit(con, sq_csv("1,S001,2026-03-02,5,9,|6:5", "2,S001,2026-03-02,4,8,|6:5"))
    prepared = load(con, sq_csv(*second), skip_invalid=True)
    assert {(r.row, r.column, r.reason, r.detail) for r in prepared.errors.itertuples()} == {
        (2, "response_id", f"sat.import.error.{reason}", detail)
    }
    result = pipeline.commit(con, prepared, ADMIN)
    assert (result.rows_added, result.rows_updated, result.rows_skipped) == (1, 0, 1)


def test_a_response_id_stored_on_another_day_is_refused_not_overwritten(con):
    # 问卷星's 序号 restarts at 1 in each questionnaire: July's answers 1 and 2 of the same store replaced June's
    # (index and comments of June changed, "2 updated"). A correction on the same day (or the next) still updates.
    _second_file_refuses_response_1(
        con, ("1,S001,2026-04-06,2,3,|6:2", "3,S001,2026-04-06,3,4,|6:3"), "id_of_other_day", "2026-03-02"
    )
    stored = con.execute(
        "select source_response_id, responded_on::varchar, overall_satisfaction from survey_responses order by 1"
    ).fetchall()
    assert stored == [("1", "2026-03-02", 5), ("2", "2026-03-02", 4), ("3", "2026-04-06", 3)]
    assert commit(con, sq_csv("2,S001,2026-03-03,3,8,|6:5")).rows_updated == 1  # a day apart: a correction


def test_a_response_id_of_another_stores_response_is_refused_not_moved(con):
    # 问卷星 numbers each questionnaire's answers 1, 2, 3: S001's file, then S002's with the same numbers. Before,
    # the second import updated responses 1 and 2 and moved them to S002 (S001's answers gone).
    _second_file_refuses_response_1(
        con, ("1,S002,2026-03-03,2,3,|6:2", "3,S002,2026-03-03,3,4,|6:3"), "id_of_other_store", "S001"
    )
    stored = con.execute(
        "select r.source_response_id, s.store_code, r.overall_satisfaction from survey_responses as r "
        "join stores as s using (store_id) order by 1"
    ).fetchall()
    assert stored == [("1", "S001", 5), ("2", "S001", 4), ("3", "S002", 3)]
    from portal.i18n import t

    assert "store S001" in t("sat.import.error.id_of_other_store", "en", detail="S001")
    assert "门店 S001" in t("sat.import.error.id_of_other_store", "zh", detail="S001")
    # the same store's response again is an update, as before
    again = commit(con, sq_csv("1,S001,2026-03-02,3,9,|6:5"))
    assert again.rows_updated == 1
