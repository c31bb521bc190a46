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
