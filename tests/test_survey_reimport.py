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
        "2 responses already stored would get other answers from this file (overall satisfaction, recommendation "
        "or comment): response ids 1, 3."
    )
    assert "答卷编号 1、3" in t("sat.import.notice.answers_changed", "zh", **notes[0])
    # the same answers again (an identical re-import of the rows) change nothing: no notice
    same = load(con, _file("1,S001,2026-03-02,5,10,很好", "2,S001,2026-03-02,4,9,"))
    assert not [k for k, _ in same.notices if k == "sat.import.notice.answers_changed"]
