"""The QA-review upload form as a team lead sees it (probe): the columns a review needs are asked for as required
before the check, never listed as optional and then refused; unknown agent codes say what the user may do."""

from __future__ import annotations

import pytest

from portal.ingest import reading
from tests.apptest.conftest import make_app, texts


def button(at, label):
    return next(b for b in at.button if b.label == label)


def open_upload(role="team_lead", lang="en"):
    at = make_app(role, lang).run()
    at.switch_page("pages/upload.py").run()
    assert not at.exception, [e.value for e in at.exception]
    if at.selectbox(key="upload_kind").value != "qa_reviews":  # a team lead's only kind; an admin picks it
        at.selectbox(key="upload_kind").set_value("qa_reviews").run()
    return at


def upload(at, data: bytes):
    at.file_uploader(key="upload_file").upload("qa.csv", data, "text/csv").run()
    assert not at.exception, [e.value for e in at.exception]
    return f"upload_map_qa_reviews_{reading.file_hash(data)[:12]}__"


def field_boxes(node) -> set[str]:
    return {b.key for b in node.selectbox if b.key and "_field_" in b.key}


def test_agent_code_and_review_date_are_required_fields_of_the_form(own_db):
    # "员工编号" is no agent header: the form said "Every required field has a column", listed Agent code among
    # the optional fields, and "Check the file" then said "The file needs a column for Agent code"
    data = "质检编号,员工编号,质检日期,质检员,总分\nZ-1,A001,2026-10-06,王磊,88\n".encode()
    at = open_upload()
    form = upload(at, data)
    folded = {e.label: field_boxes(e) for e in at.expander}
    open_boxes = field_boxes(at) - {k for keys in folded.values() for k in keys}
    assert open_boxes == {f"{form}field_agent_code"}  # required, no column: open, marked with a star
    assert at.selectbox(key=f"{form}field_agent_code").label == "Agent code *"
    assert at.selectbox(key=f"{form}field_reviewed_on").label == "Review date *"
    assert "Every required field has a column of the file" not in texts(at)
    button(at, "Check the file").click().run()
    assert [e.value for e in at.error] == ["The required field “Agent code” is not mapped to a column."]


def test_a_kefu_gonghao_column_is_the_agent_code(own_db):
    data = "质检编号,客服工号,质检日期,质检员,总分\nZ-1,A001,2026-10-06,王磊,88\n".encode()
    at = open_upload()
    form = upload(at, data)
    assert at.selectbox(key=f"{form}field_agent_code").value == "客服工号"
    assert "Every required field has a column of the file" in texts(at)
    button(at, "Check the file").click().run()
    assert not at.error and "1 rows: 1 valid, 0 invalid." in texts(at)


@pytest.mark.parametrize(
    ("role", "hint"),
    [
        (
            "team_lead",
            "Only a manager or an admin may add codes to the master data: correct them in the file, or ask one of "
            "them to add them.",
        ),
        ("admin", "Tick “Add unknown store and agent codes …” to add them, or correct the file."),
    ],
)
def test_unknown_agent_codes_say_what_the_user_may_do(own_db, role, hint):
    data = b"review_id,agent_code,reviewed_on,reviewer,score\nN1,A999,2026-10-20,Q,70\n"
    at = open_upload(role)
    upload(at, data)
    button(at, "Check the file").click().run()
    assert f"Unknown agent code: A999. {hint}" in [w.value for w in at.warning]
