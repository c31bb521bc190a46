"""A re-import that would change the answers of stored responses says so before the commit (probe of survey
exports: a second 问卷星 questionnaire of the same store and day, numbered 1, 2, 3 like the first, replaced the
first's answers as "3 updated", the page saying "No errors")."""

from __future__ import annotations

from portal.i18n import t
from tests.test_survey_import import HEAD, commit, load


def _file(*rows: str) -> bytes:
    return ("\n".join([HEAD, *rows]) + "\n").encode()


def test_a_re_import_changing_stored_answers_names_the_responses_before_the_commit(con):
    commit(con, _file("1,S001,2026-03-02,5,10,很好", "2,S001,2026-03-02,4,9,", "3,S001,2026-03-02,4,8,"))
    second = load(con, _file("1,S001,2026-03-02,1,0,", "2,S001,2026-03-02,4,9,", "3,S001,2026-03-02,1,0,"))
    notes = [v for k, v in second.notices if k == "sat.import.notice.answers_changed"]
    assert len(notes) == 1 and notes[0]["n"] == 2
    assert t("sat.import.notice.answers_changed", "en", **notes[0]).startswith(
        "2 responses already stored would get other answers from this file (overall satisfaction, recommendation, "
        "comment, expectation, perception or importance weight): response ids 1, 3."
    )
    assert "答卷编号 1、3" in t("sat.import.notice.answers_changed", "zh", **notes[0])
    # the same answers again (an identical re-import of the rows) change nothing: no notice
    same = load(con, _file("1,S001,2026-03-02,5,10,很好", "2,S001,2026-03-02,4,9,"))
    assert not [k for k, _ in same.notices if k == "sat.import.notice.answers_changed"]


def test_changed_servqual_answers_are_named_like_changed_overall_answers(con):
    # the probe p20: responses 1-3, overall 5 and recommend 10 both times; E=6,P=6 stored, then E=7,P=2 for
    # responses 1 and 3 (response 2 the same again). Before, only overall, recommend and comment were compared:
    # "0 added, 2 updated" and no notice, while every stored E and P of 1 and 3 was replaced (gap 0 -> -5).
    from tests.test_survey_import import sq_csv

    first = sq_csv(
        "1,S001,2026-03-02,5,10,|6:6", "2,S001,2026-03-02,5,10,|6:6", "3,S001,2026-03-02,5,10,|6:6"
    )
    commit(con, first)
    again = load(con, first)  # the same answers: no notice
    assert not [k for k, _ in again.notices if k == "sat.import.notice.answers_changed"]
    second = load(
        con,
        sq_csv("1,S001,2026-03-02,5,10,|7:2", "2,S001,2026-03-02,5,10,|6:6", "3,S001,2026-03-02,5,10,|7:2"),
    )
    notes = [v for k, v in second.notices if k == "sat.import.notice.answers_changed"]
    assert len(notes) == 1 and (notes[0]["n"], notes[0]["ids"].en) == (2, "1, 3")
    # one item's perception alone (item 22 of response 2: P 6 -> 5) is a change too
    one = sq_csv("2,S001,2026-03-02,5,10,|6:6").replace(b",6\n", b",5\n")
    notes = [v for k, v in load(con, one).notices if k == "sat.import.notice.answers_changed"]
    assert len(notes) == 1 and (notes[0]["n"], notes[0]["ids"].en) == (1, "2")
    # a file without SERVQUAL columns keeps the stored block: its E and P are no change
    plain = load(con, _file("1,S001,2026-03-02,5,10,"))
    assert not [k for k, _ in plain.notices if k == "sat.import.notice.answers_changed"]


def _keys(prepared, key: str) -> list[dict]:
    return [v for k, v in prepared.notices if k == key]


def test_filling_a_blank_is_no_changed_answer(con):
    # response 1 stored without a comment and response 2 without a recommendation; a re-export gives them both
    # (a blank filled: nothing stored is lost), and response 3's overall 4 -> 2 (a real change). Before, all
    # three were named "would get other answers ... do not commit"
    commit(con, _file("1,S001,2026-03-02,5,10,", "2,S001,2026-03-02,4,,ok", "3,S001,2026-03-02,4,8,"))
    second = load(
        con, _file("1,S001,2026-03-02,5,10,great", "2,S001,2026-03-02,4,9,ok", "3,S001,2026-03-02,2,8,")
    )
    changed = _keys(second, "sat.import.notice.answers_changed")
    assert len(changed) == 1 and (changed[0]["n"], changed[0]["ids"].en) == (1, "3")
    assert _keys(second, "sat.import.notice.answers_filled") == [{"n": 2}]
    assert t("sat.import.notice.answers_filled", "en", n=2).startswith(
        "2 responses already stored get answers they had left blank"
    )
    # a file blanking a stored comment would lose it: a change (response 1's "great" after the commit)
    pipeline_result = commit(
        con, _file("1,S001,2026-03-02,5,10,great", "2,S001,2026-03-02,4,9,ok", "3,S001,2026-03-02,2,8,")
    )
    assert pipeline_result.rows_updated == 3
    blanked = load(con, _file("1,S001,2026-03-02,5,10,"))
    changed = _keys(blanked, "sat.import.notice.answers_changed")
    assert len(changed) == 1 and changed[0]["ids"].en == "1"
    assert not _keys(blanked, "sat.import.notice.answers_filled")


def test_a_servqual_block_filled_in_is_no_changed_answer(con):
    # responses 1 and 2 stored without SERVQUAL answers; a file with the block: answers added, none changed.
    # Response 2 then stored with E=6,P=6; a file giving P 5 on every item: changed
    from tests.test_survey_import import sq_csv

    commit(con, _file("1,S001,2026-03-02,5,10,", "2,S001,2026-03-02,5,10,"))
    block = load(con, sq_csv("1,S001,2026-03-02,5,10,|6:6", "2,S001,2026-03-02,5,10,|6:6"))
    assert not _keys(block, "sat.import.notice.answers_changed")
    assert _keys(block, "sat.import.notice.answers_filled") == [{"n": 2}]
    commit(con, sq_csv("2,S001,2026-03-02,5,10,|6:6"))
    again = load(con, sq_csv("1,S001,2026-03-02,5,10,|6:6", "2,S001,2026-03-02,5,10,|6:5"))
    changed = _keys(again, "sat.import.notice.answers_changed")
    assert len(changed) == 1 and changed[0]["ids"].en == "2"
    assert _keys(again, "sat.import.notice.answers_filled") == [{"n": 1}]
