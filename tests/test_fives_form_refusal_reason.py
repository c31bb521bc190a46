"""The tablet form's refused submit says the refusal's own reason: the list of items and answers
(``form.refusal_text``) only when the rows are what the import refuses (``ingest.refused.invalid_rows``,
``no_valid_rows``). ``core.refusals`` puts a refusal of the whole file (the user's role, the same file imported
already) before the invalid rows, and the form said the item list instead, whenever any row was invalid: a user
whose role may not upload inspections was told to correct a photo, and after correcting it was told the role."""

from __future__ import annotations

from datetime import date

import pytest

from portal.auth import User
from portal.fives_intake import form
from portal.fives_intake import template as tpl
from portal.scope import Scope

ITEMS = [f"{p}{i}" for p in ("SO", "SE", "SH", "ST", "SU") for i in range(1, 6)]
GONE = "0" * 40 + ".jpg"  # a well-formed photo name that is not stored: SH2's row is invalid
LEAD_S001 = User("t_lead", "Lea Lead", ("team_lead",), Scope(store_ids=(1,)))  # S001 in scope, no upload role


@pytest.mark.parametrize(
    ("lang", "said"),
    [("en", "Your role may not upload 5S inspection sheets."), ("zh", "您的角色无权上传5S检查表。")],
    ids=["en", "zh"],
)
def test_a_role_refusal_with_invalid_rows_says_the_role_not_the_items(con, tmp_path, monkeypatch, lang, said):
    monkeypatch.setenv("PORTAL_PHOTO_DIR", str(tmp_path / "photos"))
    template = tpl.default_template(tpl.load_all(con))
    draft = form.Draft(1, template.template_id, date(2026, 11, 2))
    for code in ITEMS:
        draft.answer(code)["score"] = 3
    draft.answer("SH2").update(photo=GONE)
    form.save_draft(con, LEAD_S001.username, draft)
    outcome = form.submit(con, LEAD_S001, draft, template, "S001", lang)
    assert (outcome.batch_id, outcome.error) == (None, said)
    assert con.execute("select count(*) from import_batches").fetchone() == (0,)
    # the same draft by an inspector: the rows are what is refused, and the form names the item
    from tests.fives_intake_fixture import INSPECTOR_S001

    refused = form.submit(con, INSPECTOR_S001, draft, template, "S001", lang).error
    assert refused is not None and "SH2" in refused and said not in refused
