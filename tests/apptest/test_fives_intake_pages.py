"""The 5S intake pages through app.py: the checklist editor (admin only; a change saves the next version) and the
tablet form (own stores only; one section at a time; a draft that survives a new session)."""

from __future__ import annotations

import pytest

from portal import db
from tests import fixtures
from tests.apptest.conftest import make_app, texts


@pytest.fixture
def own_db(tmp_path, monkeypatch):
    from portal import ui

    ui.clear_caches()
    path = tmp_path / "fives.duckdb"
    con = fixtures.build_fixture_db(path)
    con.close()
    monkeypatch.setenv("PORTAL_DB", str(path))
    monkeypatch.setenv("PORTAL_COOKIE_KEY", "apptest-cookie-key-" + "k" * 24)
    monkeypatch.setenv("PORTAL_PHOTO_DIR", str(tmp_path / "photos"))
    return path


def rows(path, sql):
    con = db.connect(path)
    try:
        return [list(r) for r in con.execute(sql).fetchall()]
    finally:
        con.close()


def open_page(role, page, lang="en"):
    # the first run opens the page, as its address does: none of these is the role's landing page, so its
    # url_path is its file's name (a run of the landing page first computed its figures and dropped them)
    at = make_app(role, lang).switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def button(at, label):
    return next(b for b in at.button if b.label == label)


def test_template_page_saves_a_new_version(own_db):
    at = open_page("admin", "pages/fives_templates.py")
    assert "Edit FIVES_RETAIL v1" in texts(at)
    button(at, "Save as a new version").click().run()
    assert "Nothing changed; no version was made." in texts(at)
    at.text_input(key="fives_templates_name_en_FIVES_RETAIL v1").set_value("5S store check").run()
    button(at, "Save as a new version").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Saved as FIVES_RETAIL version 2. Earlier inspections keep their version." in texts(at)
    assert "Edit FIVES_RETAIL v2" in texts(at)
    assert rows(own_db, "select version, name_en from fives_templates order by version") == [
        [1, "5S retail store inspection"],
        [2, "5S store check"],
    ]
    assert rows(own_db, "select count(*) from fives_items group by template_id order by template_id") == [
        [25],
        [25],
    ]


@pytest.mark.parametrize("role", ["inspector", "manager"])
def test_template_page_is_admin_only(own_db, role):
    at = make_app(role).run()
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/fives_templates.py")  # neither listed nor reachable


def test_form_offers_only_own_stores_and_keeps_a_draft(own_db):
    at = open_page("inspector", "pages/fives_inspect.py")
    assert at.selectbox(key="fives_inspect_store").options == ["S001 Store One"]
    button(at, "Start the inspection").click().run()
    assert "Section 1 of 5: Sort" in texts(at)
    assert len(at.segmented_control) == 5  # the five Sort items
    for k, control in enumerate(at.segmented_control):
        control.set_value(4 if k else 1)
    at.text_input(key="fives_inspect_comment_SO1").set_value("Boxes on the floor")
    at.run()
    button(at, "Next section →").click().run()
    assert "Section 2 of 5: Set in order" in texts(at)
    assert rows(
        own_db, "select username, store_id, json_extract(draft, '$.section')::int from fives_drafts"
    ) == [["t_inspector", 1, 1]]
    # a new session (a reload) starts from the draft: same section, answers kept
    again = open_page("inspector", "pages/fives_inspect.py")
    assert "Section 2 of 5: Set in order" in texts(again)
    assert again.get("progress")[0].proto.text == "5 of 25 items scored"
    button(again, "← Previous section").click().run()
    assert [c.value for c in again.segmented_control] == [1, 4, 4, 4, 4]
    assert again.text_input(key="fives_inspect_comment_SO1").value == "Boxes on the floor"
    # submitting early names what is missing
    button(again, "Submit the inspection").click().run()
    # each by its section and words, not its code alone (tablet probe, session 55: "ST5" was hard to find)
    assert (
        "Not submitted: these items have no score yet: Set in order · SE1 Every product has a fixed, labelled "
        "place; Set in order · SE2 Price tags match the goods; Set in order · SE3"
    ) in texts(again)


def test_the_forms_header_names_the_checklist_in_the_pages_language(own_db):
    # the fixture's checklist FIVES_RETAIL v1, "5S retail store inspection" / "零售门店5S管理检查表": before, the
    # header gave its code and version ("FIVES_RETAIL v1") on either page
    at = open_page("inspector", "pages/fives_inspect.py")
    button(at, "Start the inspection").click().run()
    [header] = [m.value for m in at.markdown if m.value.startswith("**S001 ")]
    assert header.endswith(" · 5S retail store inspection (version 1)"), header
    zh = open_page("inspector", "pages/fives_inspect.py", lang="zh")  # the draft, in Chinese
    [header] = [m.value for m in zh.markdown if m.value.startswith("**S001 ")]
    assert header.endswith(" · 零售门店5S管理检查表(第 1 版)") and "FIVES_RETAIL" not in header, header


def test_previous_section_keeps_the_scores_of_the_sections_left(own_db):
    """Going back to a section shows its scores and comments as given, and keeps them in the draft: widget state
    kept from a section left earlier came back empty, and the blank section was saved over the draft."""
    at = open_page("inspector", "pages/fives_inspect.py")
    button(at, "Start the inspection").click().run()
    for k in range(3):
        for control in at.segmented_control:
            control.set_value(3 if k == 1 else 4)
        if k == 2:
            at.text_input(key="fives_inspect_comment_SH1").set_value("Dusty shelves")
        at.run()
        button(at, "Next section →").click().run()
    button(at, "← Previous section").click().run()
    button(at, "← Previous section").click().run()
    assert "Section 2 of 5: Set in order" in texts(at)
    assert [c.value for c in at.segmented_control] == [3, 3, 3, 3, 3]
    assert at.get("progress")[0].proto.text == "15 of 25 items scored"
    button(at, "Next section →").click().run()
    assert "Section 3 of 5: Shine" in texts(at)
    assert [c.value for c in at.segmented_control] == [4, 4, 4, 4, 4]
    assert at.text_input(key="fives_inspect_comment_SH1").value == "Dusty shelves"
    assert rows(
        own_db,
        "select count(*) from fives_drafts, unnest(json_keys(draft, '$.items')) as k(code) "
        "where json_extract_string(draft, '$.items.' || code || '.score') is not null",
    ) == [[15]]


def test_form_asks_a_comment_for_each_low_score_before_moving_on(own_db):
    """A score at or below 1 of 4 (it opens a corrective action) needs a comment: "Next section" and "Submit"
    are refused with the items named, in the page's language; nothing is imported."""
    at = open_page("inspector", "pages/fives_inspect.py")
    button(at, "Start the inspection").click().run()
    for k, control in enumerate(at.segmented_control):
        control.set_value({0: 1, 3: 0}.get(k, 2))  # SO1 1, SO4 0 low; 2 is not
    at.run()
    button(at, "Next section →").click().run()
    assert not at.exception, [e.value for e in at.exception]
    shown = texts(at)
    assert "Section 1 of 5: Sort" in shown  # not moved on
    assert "Add a comment to each low score before the next section: SO1 " in shown
    assert ", SO4 " in shown and "SO2" not in shown.split("next section:")[1]
    at.text_input(key="fives_inspect_comment_SO1").set_value("Boxes on the floor")
    at.run()
    button(at, "Next section →").click().run()
    assert "Section 1 of 5: Sort" in texts(at)
    assert "before the next section: SO4 " in texts(at)
    at.text_input(key="fives_inspect_comment_SO4").set_value("Expired milk on shelf 3")
    at.run()
    button(at, "Next section →").click().run()
    assert "Section 2 of 5: Set in order" in texts(at)
    assert "low score" not in texts(at)
    # the rest scored 4, then the Sort comment removed: the submit is refused, naming it
    for k in range(1, 5):
        for control in at.segmented_control:
            control.set_value(4)
        at.run()
        if k < 4:
            button(at, "Next section →").click().run()
    button(at, "← Previous section").click().run()
    button(at, "← Previous section").click().run()
    button(at, "← Previous section").click().run()
    button(at, "← Previous section").click().run()
    assert "Section 1 of 5: Sort" in texts(at)
    at.text_input(key="fives_inspect_comment_SO4").set_value(" ").run()
    button(at, "Submit the inspection").click().run()
    assert "Not submitted: a low score needs a comment saying what you saw. Add one to: SO4 " in texts(at)
    assert rows(own_db, "select count(*) from import_batches") == [[0]]
    # in Chinese
    zh = open_page("inspector", "pages/fives_inspect.py", lang="zh")
    next(b for b in zh.button if b.label == "提交检查").click().run()
    assert "未提交：低分检查项须填写备注" in texts(zh) and "SO4 " in texts(zh)


def test_upload_page_reads_a_filled_sheet_and_commits_it(own_db):
    import importlib.util
    from pathlib import Path

    from portal.fives_intake import template as tpl

    spec = importlib.util.spec_from_file_location(
        "inspection_corpus", Path(__file__).parents[1] / "corpus" / "inspections" / "make_corpus.py"
    )
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    con = db.connect(own_db)
    default = tpl.default_template(tpl.load_all(con))
    con.close()

    at = open_page("inspector", "pages/upload.py")
    at.selectbox(key="upload_kind").set_value("inspections").run()
    at.file_uploader(key="upload_file").upload(
        "synonyms.xlsx", corpus.synonyms_typos(default), "application/octet-stream"
    ).run()
    assert not at.exception, [e.value for e in at.exception]
    button(at, "Check the file").click().run()
    shown = texts(at)
    assert "25 rows: 25 valid, 0 invalid." in shown
    assert "1 inspection sheet read (S001 Store One on 2026-11-02); each item is a row below." in shown
    assert "Section 'Substain' read as Sustain." in shown
    button(at, "Commit the import").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Batch 1 committed: 25 added" in texts(at)
    assert rows(own_db, "select count(*), sum(score) from fives_item_scores") == [[25, 86]]

    # a bad sheet: refused with every cell named
    at.file_uploader(key="upload_file").set_value(
        ("bad.xlsx", corpus.bad_scores(default), "application/octet-stream")
    ).run()
    shown = texts(at)
    assert "The inspection sheet cannot be imported; nothing was written." in shown
    assert "Sheet S001, row 9, column D: Item SO1: the score 5 is outside 0 to 4." in shown


def _filled_sheet(template, day, inspection_id, scores):
    """The portal's own sheet (sheet_download.build_sheet) for S001 on ``day``, every item 4 but ``scores``."""
    import io
    from datetime import date

    from openpyxl import load_workbook

    from portal.fives_intake.sheet_download import TABLE_HEADER_ROW, build_sheet

    wb = load_workbook(
        io.BytesIO(
            build_sheet(template, "S001", "Store One", date(2026, 11, day), "Ivan", "en", inspection_id)
        )
    )
    ws = wb.active
    for r in range(TABLE_HEADER_ROW + 1, ws.max_row + 1):
        code = str(ws.cell(r, 2).value or "").strip()
        if template.item(code):
            ws.cell(r, 4).value = scores.get(code, 4)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_upload_page_takes_several_sheets_at_once(own_db):
    """Three sheets in one upload: two good ones (S001 on 2 and 9 November; SO2 scored 1 in the first opens an
    action) and one with a score of 7 (outside 0-4). Each is previewed on its own, with its own messages; the
    bad one cannot be committed and is named; the button commits the two good ones, one batch each. 25 items
    each: the first sums 24 x 4 + 1 = 97, the second 25 x 4 = 100."""
    from portal.fives_intake import template as tpl

    con = db.connect(own_db)
    default = tpl.default_template(tpl.load_all(con))
    con.close()
    files = [
        ("first.xlsx", _filled_sheet(default, 2, "S001-A", {"SO2": 1}), "application/octet-stream"),
        ("second.xlsx", _filled_sheet(default, 9, "S001-B", {}), "application/octet-stream"),
        ("bad.xlsx", _filled_sheet(default, 16, "S001-C", {"SE1": 7}), "application/octet-stream"),
    ]
    at = open_page("inspector", "pages/upload.py")
    at.selectbox(key="upload_kind").set_value("inspections").run()
    assert at.file_uploader(key="upload_file").accept_multiple_files
    at.file_uploader(key="upload_file").set_value(files).run()
    assert not at.exception, [e.value for e in at.exception]
    shown = texts(at)
    assert "3 files checked" in shown
    assert "✅ first.xlsx: ready to commit" in [e.label for e in at.expander]
    assert "⚠️ bad.xlsx: cannot be committed as it is" in [e.label for e in at.expander]
    assert "Sheet S001, row 14, column D: Item SE1: the score 7 is outside 0 to 4." in shown
    assert (
        "1 of 3 files cannot be committed as it is (see its messages); the other 2 can. Correct that file and "
        "upload it again."
    ) in shown
    assert shown.count("25 rows: 25 valid, 0 invalid.") == 2
    button(at, "Commit 2 files, one import batch each").click().run()
    assert not at.exception, [e.value for e in at.exception]
    shown = texts(at)
    assert "first.xlsx: Batch 1 committed: 25 added" in shown
    assert "second.xlsx: Batch 2 committed: 25 added" in shown
    assert rows(
        own_db,
        "select i.source_id, i.batch_id, sum(s.score) from fives_inspections i join fives_item_scores s "
        "using (inspection_id) group by all order by 1",
    ) == [["S001-A", 1, 97], ["S001-B", 2, 100]]
    assert rows(own_db, "select item_code from corrective_actions") == [["SO2"]]


def _without_id_cell(data: bytes) -> bytes:
    """A store's own sheet: no inspection-id label or cell (A6, B6 of the downloaded sheet)."""
    import io

    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data))
    wb.active["A6"] = wb.active["B6"] = None
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_upload_page_when_no_file_can_be_committed(own_db, lang):
    """Probe: two files uploaded together after both were imported, each rescored: "2 of 2 files cannot be
    committed as they are (see their messages); the others can." (there were no others) and a disabled "Commit 0
    files". Each rescored sheet has no inspection-id cell: its page says it once for the sheet, plus the cell that
    differs, and counts its 25 rows invalid (the inspection is refused whole), as a sheet with an id cell does."""
    from portal.fives_intake import template as tpl

    con = db.connect(own_db)
    default = tpl.default_template(tpl.load_all(con))
    con.close()
    firsts = [_without_id_cell(_filled_sheet(default, d, None, {"SO2": 1})) for d in (2, 9)]
    at = open_page("inspector", "pages/upload.py", lang=lang)
    at.selectbox(key="upload_kind").set_value("inspections").run()
    at.file_uploader(key="upload_file").set_value(
        [(f"{d}.xlsx", data, "application/octet-stream") for d, data in zip("ab", firsts, strict=True)]
    ).run()
    button(
        at, "Commit 2 files, one import batch each" if lang == "en" else "提交 2 个文件(每个文件一个导入批次)"
    ).click().run()
    assert rows(own_db, "select count(*) from fives_inspections") == [[2]]
    rescored = [_without_id_cell(_filled_sheet(default, d, None, {"SO2": 1, "SO3": 2})) for d in (2, 9)]
    at.file_uploader(key="upload_file").set_value(
        [(f"{d}2.xlsx", data, "application/octet-stream") for d, data in zip("ab", rescored, strict=True)]
    ).run()
    assert not at.exception, [e.value for e in at.exception]
    shown = texts(at)
    if lang == "en":
        assert (
            "Neither of the 2 files can be committed as they are (see their messages). Correct them and upload "
            "them again."
        ) in shown
        assert "the others can" not in shown
        assert shown.count("25 rows: 0 valid, 25 invalid.") == 2
        assert shown.count("Every error (2)") == 2
        commit = button(at, "No file can be committed")
    else:
        assert "这 2 个文件都目前无法提交(见各自的提示)。请更正后重新上传。" in shown
        assert "其余" not in shown
        assert shown.count("共 25 行：有效 0 行，无效 25 行。") == 2
        commit = button(at, "没有可以提交的文件")
    assert commit.disabled
    assert rows(own_db, "select count(*), sum(score) from fives_item_scores") == [[50, 194]]


@pytest.mark.parametrize(
    ("blocked", "total", "en", "zh"),
    [
        (2, 2, "Neither of the 2 files can be committed as they are (see their messages). Correct them and upload "
         "them again.", "这 2 个文件都目前无法提交(见各自的提示)。请更正后重新上传。"),
        (3, 3, "None of the 3 files can be committed as they are (see their messages). Correct them and upload "
         "them again.", "这 3 个文件都目前无法提交(见各自的提示)。请更正后重新上传。"),
        (1, 2, "1 of 2 files cannot be committed as it is (see its messages); the other one can. Correct that file "
         "and upload it again.", "2 个文件中有 1 个目前无法提交(见各自的提示)；其余 1 个可以提交。请更正这些文件后重新上传。"),
        (2, 5, "2 of 5 files cannot be committed as they are (see their messages); the other 3 can. Correct those "
         "files and upload them again.", "5 个文件中有 2 个目前无法提交(见各自的提示)；其余 3 个可以提交。请更正这些文件后重新上传。"),
        (0, 2, None, None),
    ],
)  # fmt: skip
def test_the_blocked_files_message_counts_the_others(blocked, total, en, zh):
    from portal.ui_upload import many_blocked_text

    assert many_blocked_text(blocked, total, "en") == en
    assert many_blocked_text(blocked, total, "zh") == zh


def test_upload_page_in_chinese_names_the_files(own_db):
    from portal.fives_intake import template as tpl

    con = db.connect(own_db)
    default = tpl.default_template(tpl.load_all(con))
    con.close()
    files = [
        ("一.xlsx", _filled_sheet(default, 2, "S001-A", {}), "application/octet-stream"),
        ("二.xlsx", _filled_sheet(default, 9, "S001-B", {}), "application/octet-stream"),
    ]
    at = open_page("inspector", "pages/upload.py", lang="zh")
    at.selectbox(key="upload_kind").set_value("inspections").run()
    at.file_uploader(key="upload_file").set_value(files).run()
    assert not at.exception, [e.value for e in at.exception]
    assert "已检查 2 个文件" in texts(at)
    assert "✅ 一.xlsx：可以提交" in [e.label for e in at.expander]


def test_template_page_turns_another_companys_sheet_into_a_checklist_and_an_inspection(own_db):
    """ACME's 1-5 sheet (tests/test_fives_foreign.py: 6 items, scale 1-5, S001 on 2026-11-02, auditor Ann):
    read into the form, the scale confirmed, one text given its Chinese, saved as ACME v1 and its scores
    imported as batch 1 (6 rows); SO2 scored 1 of 5 (at or below 1.25) opens the one action."""
    from tests.test_fives_foreign import acme_sheet

    at = open_page("admin", "pages/fives_templates.py")
    at.file_uploader(key="fives_templates_foreign_file").upload("acme.xlsx", acme_sheet()).run()
    assert not at.exception, [e.value for e in at.exception]
    shown = texts(at)
    assert (
        "Read from sheet Audit: 6 items, point scale 1, 2, 3, 4, 5; store S001 Store One, 2026-11-02, inspector Ann."
        in shown
    )
    assert at.text_input(key="fives_templates_foreign_code").value == "ACME"
    assert at.text_input(key="fives_templates_foreign_scale").value == "1, 2, 3, 4, 5"
    at.text_input(key="fives_templates_foreign_name_zh").set_value("ACME 5S检查").run()
    button(at, "Save the checklist and import the scores").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Saved as ACME v1; the sheet's scores imported as batch 1 (6 items)." in texts(at)
    assert rows(
        own_db, "select version, name_zh, allowed_scores from fives_templates where template_code = 'ACME'"
    ) == [[1, "ACME 5S检查", [1, 2, 3, 4, 5]]]
    assert rows(
        own_db,
        "select s.item_code, s.score, s.is_not_applicable from fives_item_scores s "
        "join fives_inspections i using (inspection_id) join fives_templates t using (template_id) "
        "where t.template_code = 'ACME' order by s.item_code",
    ) == [
        ["SE1", 4, False],
        ["SH1", 3, False],
        ["SO1", 5, False],
        ["SO2", 1, False],
        ["ST1", 5, False],
        ["SU1", None, True],
    ]
    assert rows(own_db, "select item_code from corrective_actions") == [["SO2"]]


def test_template_page_says_how_ticks_and_crosses_were_read(own_db):
    """A pass/fail sheet (tests/test_fives_foreign.py): read with the scale 0, 1 and the readings in a notice."""
    from tests.test_fives_foreign import worded_sheet

    at = open_page("admin", "pages/fives_templates.py", lang="zh")
    data = worded_sheet(["✓", "✗", "√", "✔", "×", "N/A"])
    at.file_uploader(key="fives_templates_foreign_file").upload("pf.xlsx", data).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.text_input(key="fives_templates_foreign_scale").value == "0, 1"
    shown = texts(at)
    assert (
        "5 个得分以文字或符号填写，已按分值读取：SO1 ✓ = 1、SO2 ✗ = 0、SE1 √ = 1、SH1 ✔ = 1、ST1 × = 0"
        in shown
    )


def test_template_page_refuses_a_sheet_it_cannot_read_naming_the_cells(own_db):
    from tests.test_fives_foreign import zero_one_two_four_sheet

    at = open_page("admin", "pages/fives_templates.py", lang="zh")
    at.file_uploader(key="fives_templates_foreign_file").upload("other.xlsx", zero_one_two_four_sheet()).run()
    assert not at.exception, [e.value for e in at.exception]
    shown = texts(at)
    assert "无法将该表读取为检查表；未保存任何内容。" in shown
    assert "工作表 Check，第 7 行，第 B 列" in shown
    assert rows(own_db, "select count(*) from fives_templates") == [[1]]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_later_files_check_again_at_the_commit_shows_its_new_notices(own_db, lang):
    """Two sheets of one visit in one upload: S001-A on 2 November, and the same sheet as a store keeps it,
    without its inspection-id cell. Each is checked alone against an empty database (no notice of a stored
    inspection); at the commit the second is checked again after the first was written and is then the stored
    S001-A ("compared with it, not imported a second time": 25 unchanged). That notice, which the second file's
    own upload would show in its preview, is shown after the commit too, as the single-file page shows notices."""
    from portal.fives_intake import template as tpl

    con = db.connect(own_db)
    default = tpl.default_template(tpl.load_all(con))
    con.close()
    sheet = _filled_sheet(default, 2, "S001-A", {"SO2": 1})
    files = [
        ("a.xlsx", sheet, "application/octet-stream"),
        ("b.xlsx", _without_id_cell(sheet), "application/octet-stream"),
    ]
    at = open_page("inspector", "pages/upload.py", lang=lang)
    at.selectbox(key="upload_kind").set_value("inspections").run()
    at.file_uploader(key="upload_file").set_value(files).run()
    assert not at.exception, [e.value for e in at.exception]
    notice = {
        "en": "25 rows without an inspection id are an inspection already imported for the same store, date and "
        "inspector (S001-A); they are compared with it, not imported a second time.",
        "zh": "25 行没有检查编号，与已导入的同一门店、日期和检查员的检查(S001-A)相同；将与其比对，不会再次导入。",
    }[lang]
    assert not any(notice in m.value for m in at.info)  # nothing stored yet when both were checked
    commit = (
        "Commit 2 files, one import batch each" if lang == "en" else "提交 2 个文件(每个文件一个导入批次)"
    )
    button(at, commit).click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert rows(own_db, "select source_id, batch_id from fives_inspections") == [["S001-A", 1]]
    again = {
        "en": "b.xlsx, checked again at the commit after the files before it: " + notice,
        "zh": "b.xlsx(在其前面的文件提交后重新检查)：" + notice,
    }[lang]
    # only what the preview did not say: its "25 rows have no inspection id" is not said again
    assert [m.value for m in at.info if m.value.startswith("b.xlsx")] == [again]


def test_a_sheet_uploaded_again_under_its_name_replaces_the_one_before(own_db):
    """A refused sheet corrected and uploaded again under its name (tablet probe, session 55): the page showed both
    files, the old one's 25 errors first. The latest of each name is read, and the page says so; the one left is
    previewed as a single file."""
    from portal.fives_intake import template as tpl

    con = db.connect(own_db)
    default = tpl.default_template(tpl.load_all(con))
    con.close()
    bad = ("门店S001.xlsx", _filled_sheet(default, 2, "S001-A", {"SE1": 7}), "application/octet-stream")
    good = ("门店S001.xlsx", _filled_sheet(default, 2, "S001-A", {}), "application/octet-stream")
    at = open_page("inspector", "pages/upload.py", lang="zh")
    at.selectbox(key="upload_kind").set_value("inspections").run()
    at.file_uploader(key="upload_file").set_value([bad]).run()
    assert "请更正以下单元格后重新上传" in texts(at)
    assert [b.label for b in at.button if b.key == "upload_fresh"] == ["上传更正后的文件"]
    at.file_uploader(key="upload_file").set_value([bad, good]).run()
    assert not at.exception, [e.value for e in at.exception]
    shown = texts(at)
    assert "再次上传：门店S001.xlsx。每个文件只读取最近一次上传的版本" in shown
    assert "请更正以下单元格后重新上传" not in shown and "已检查 2 个文件" not in shown
    assert "门店S001.xlsx：25 行，9 列(S001)。" in [str(c.value) for c in at.caption]


def test_upload_a_corrected_file_gives_a_new_empty_uploader(own_db):
    at = open_page("inspector", "pages/upload.py")
    at.selectbox(key="upload_kind").set_value("inspections").run()
    at.file_uploader(key="upload_file").set_value(
        [("bad.xlsx", b"not a workbook", "application/octet-stream")]
    ).run()
    assert any(e for e in at.error)
    next(b for b in at.button if b.key == "upload_fresh").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert [u.key for u in at.file_uploader] == ["upload_file_1"] and not at.error
    assert "Choose a CSV file or an Excel workbook to begin." in texts(at)
