"""Checklist versions: an edit saves the next version, the old one and the inspections scored on it stay as they
were; the editor's tables round-trip and bad edits are refused with their reasons."""

from __future__ import annotations

from portal import writes
from portal.fives_intake import editor
from portal.fives_intake import template as tpl
from portal.i18n import Both, t


def _edit(base):
    items = editor.items_table(base)
    items.loc[items["code"] == "SO1", "text_en"] = "Only what is needed is on the floor."
    items.loc[items["code"] == "SE4", "red_line"] = True
    new_row = {"section": "sort", "code": "so6", "text_en": "Bins are emptied.", "text_zh": "垃圾桶已清空。"}
    items.loc[len(items)] = new_row | {"weight": 2.0, "max_score": 5, "red_line": False}
    sections = editor.sections_table(base)
    sections.loc[sections["section"] == "sustain", "weight"] = 2.0
    return sections, items


def test_save_makes_a_new_version_and_keeps_the_old(con):
    base = tpl.default_template(tpl.load_all(con))
    assert base.label == "FIVES_RETAIL v1" and len(base.items) == 25
    # an inspection scored on version 1
    con.execute(
        "insert into fives_inspections (source_id, store_id, template_id, inspected_on) values ('I-1', 1, 1, '2026-11-02')"
    )
    sections, items = _edit(base)
    candidate, problems = editor.from_tables(base, "", "", sections, items)
    assert problems == []
    template_id, version = writes.add_fives_template_version(con, candidate, "t_admin")
    assert version == 2 and template_id != 1
    templates = tpl.load_all(con)
    v1, v2 = templates[("FIVES_RETAIL", 1)], templates[("FIVES_RETAIL", 2)]
    assert v1 == base  # unchanged
    assert tpl.default_template(templates) == v2  # new sheets and forms use the newest version
    assert len(v2.items) == 26
    assert v2.item("SO6").max_score == 5 and v2.item("SO6").weight == 2.0 and v2.item("SO6").position == 6
    assert v2.item("SE4").is_red_line and not v1.item("SE4").is_red_line
    assert v2.item("SO1").text_en == "Only what is needed is on the floor."
    assert v2.section("sustain").weight == 2.0 and v1.section("sustain").weight == 1.0
    assert con.execute("select template_id from fives_inspections where source_id = 'I-1'").fetchone() == (1,)
    audit = con.execute("select username, action, target from audit_log").fetchall()
    assert audit == [("t_admin", "settings", "fives_template:FIVES_RETAIL v2")]


def test_unchanged_tables_make_no_version(con):
    base = tpl.default_template(tpl.load_all(con))
    candidate, problems = editor.from_tables(
        base, "", "", editor.sections_table(base), editor.items_table(base)
    )
    assert problems == [] and editor.same_content(base, candidate)


def test_bad_edits_are_refused_with_reasons(con):
    base = tpl.default_template(tpl.load_all(con))
    items = editor.items_table(base)
    items.loc[items["code"] == "SE2", "code"] = "SE1"  # duplicate
    items.loc[items["code"] == "SH1", "text_zh"] = ""  # a language missing
    items.loc[items["code"] == "ST1", "max_score"] = 0
    items = items[items["section"] != "standardize"].reset_index(drop=True)  # a section left empty
    _, problems = editor.from_tables(base, "", "", editor.sections_table(base), items)
    assert problems == [
        ("fives_intake.tpl.err.duplicate", {"item": "SE1"}),
        ("fives_intake.tpl.err.text", {"item": "SH1"}),
        (
            "fives_intake.tpl.err.empty_section",
            {"section": Both("Standardize (standardize)", "清洁（standardize）")},
        ),
    ]
    # named in the reader's language, not by its code alone ("分区 sort 没有项目": audit of the admin pages)
    assert t(*problems[-1][:1], "zh", **problems[-1][1]) == "分区 清洁（standardize） 没有检查项。"


def test_a_checklist_on_another_point_scale(con):
    """Another company's checklist scored 0/1/2/4: saved with its scale, which its next version keeps (the fail
    rule, fives_templates.fail_ratio, is carried from the previous version: the default 0.25 here)."""
    import dataclasses

    base = tpl.default_template(tpl.load_all(con))
    other = dataclasses.replace(base, code="OTHERCO", name_en="Other Co 5S", allowed_scores=(0, 1, 2, 4))
    assert writes.add_fives_template_version(con, other, "t_admin")[1] == 1
    v1 = tpl.latest(tpl.load_all(con), "OTHERCO")
    assert v1.allowed_scores == (0, 1, 2, 4) and v1.scores_for(v1.item("SO1")) == (0, 1, 2, 4)
    candidate, _ = editor.from_tables(
        v1, "Other Co 5S (2)", "", editor.sections_table(v1), editor.items_table(v1)
    )
    writes.add_fives_template_version(con, candidate, "t_admin")
    rows = con.execute(
        "select version, allowed_scores, fail_ratio from fives_templates where template_code = 'OTHERCO' order by 1"
    ).fetchall()
    assert rows == [(1, [0, 1, 2, 4], 0.25), (2, [0, 1, 2, 4], 0.25)]
