"""kill -9 of the portal server while a tablet (an iPad in portrait, touch) submits the 5S inspection form, at two
moments: half a second after the tap on "Submit the inspection", and once the page said the inspection was saved.
After each kill the server starts again over the same file and the tablet loads the page anew. Then: the inspection is
stored whole or not at all (25 item scores and its 1 corrective action, or none), never twice, and the page says what
became of it: "saved as import batch N" with its score when stored, "did not go through" with the answers kept when
not (submitted again, it is stored once). While the server is gone, the dialog the page shows says so in the
portal's words (it was Streamlit's "Is Streamlit still running? … streamlit run yourscript.py"). Before, an inspection saved just before the kill showed the empty start
form without a word (the confirmation lived in the killed session), and one killed between the commit and the
draft's delete was stored twice by the second submit (tests/test_fives_form_kill.py simulates those moments
exactly). Hand computation: every item 4 except SO2 = 1 -> Sort 17 / 20 = 85 %, the other sections 100 %;
overall (85 + 4 x 100) / 5 = 97.0 % on 5 sections; SO2 opens 1 action.
"""

from __future__ import annotations

import os
import re
import signal
import time
from datetime import date, timedelta

import duckdb
from playwright.sync_api import expect

from portal import db
from portal.fives_intake import form
from portal.fives_intake import template as tpl
from tests.browser.conftest import (
    _WATCH_SCRIPT_STATE,
    _free_port,
    fives_portal_db,
    sign_in,
    start_portal,
    stop_portal,
    wait_idle,
)

MOMENTS = (0.5, None)  # seconds from the tap to the kill; None: once the page said it saved
ITEMS = [f"{p}{i}" for p in ("SO", "SE", "SH", "ST", "SU") for i in range(1, 6)]
SAVED = re.compile(
    r"saved as import batch \d+: overall 97\.0% ★ Excellent \(n = 5 sections scored\); 1 corrective action opened"
)
NOT_THROUGH = "Your last submit of this inspection did not go through"


def _draft(db_path, day: date) -> None:
    """A filled draft of S001 as the form keeps it (the server is stopped: one process holds the file)."""
    con = db.connect(db_path)
    try:
        template = tpl.default_template(tpl.load_all(con))
        draft = form.Draft(1, template.template_id, day, section=4)
        for code in ITEMS:
            draft.answer(code)["score"] = 4
        draft.answer("SO2").update(score=1, comment="Expired milk")
        form.save_draft(con, "inspector", draft)
    finally:
        con.close()


def _stored(db_path, day: date) -> tuple[int, int, int, bool]:
    """(inspections, item scores, corrective actions) of S001 on ``day``, and whether the inspector's draft is marked
    as being submitted."""
    con = duckdb.connect(str(db_path))  # opens (replays the write-ahead log) after the kill
    try:
        stored = con.execute(
            "select count(distinct i.inspection_id), count(s.item_code), "
            "(select count(*) from corrective_actions as a join fives_inspections as j using (inspection_id) "
            " where j.store_id = 1 and j.inspected_on = $day) "
            "from fives_inspections as i left join fives_item_scores as s using (inspection_id) "
            "where i.store_id = 1 and i.inspected_on = $day",
            {"day": day},
        ).fetchone()
        marked = con.execute(
            "select coalesce(max(json_extract(draft, '$.submitting')::boolean), false) from fives_drafts"
        ).fetchone()[0]
        return (*stored, bool(marked))
    finally:
        con.close()


# The connection dialog's words as shown: (the heading's, the text's, whether Streamlit's own are hidden), once the
# portal's are there (ui_dash.connection_words: CSS content of attributes, so read from the computed styles)
_DIALOG_WORDS = """() => {
  const heading = document.querySelector('[role="dialog"] h2');
  const body = heading && heading.nextElementSibling;
  if (!body || !heading.hasAttribute("data-portal-title")) return null;
  const hidden = getComputedStyle(heading).fontSize === "0px" && getComputedStyle(body).fontSize === "0px"
    && [...body.children].every((child) => getComputedStyle(child).display === "none");
  return [getComputedStyle(heading, "::after").content, getComputedStyle(body, "::before").content, hidden];
}"""
# Playwright's "iPad (gen 7)" (portrait), in Chromium
IPAD = {
    "viewport": {"width": 810, "height": 1080},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "user_agent": "Mozilla/5.0 (iPad; CPU OS 12_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/12.1 Mobile/15E148 Safari/604.1",
}


def test_kill_9_while_a_tablet_submits_the_form(browser, tmp_path):
    db_path = tmp_path / "formkill.duckdb"
    fives_portal_db(db_path, inspections=False)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = open(tmp_path / "server.log", "w")  # noqa: SIM115 - closed below
    proc = None
    outcomes = []
    try:
        for n, moment in enumerate(MOMENTS):
            day = date.today() - timedelta(days=n + 1)
            _draft(db_path, day)
            proc, _ = start_portal(db_path, log, port)
            context = browser.new_context(**IPAD, locale="en-US")
            context.set_default_timeout(60_000)
            context.add_init_script(_WATCH_SCRIPT_STATE)
            page = context.new_page()
            try:
                sign_in(page, url, "inspector")
                page.goto(f"{url}/fives_inspect")
                expect(page.get_by_text("25 of 25 items scored")).to_be_visible(timeout=30_000)
                wait_idle(page)
                page.get_by_role("button", name="Submit the inspection").tap()
                if moment is None:
                    expect(page.get_by_text(SAVED).first).to_be_visible(timeout=30_000)
                else:
                    time.sleep(moment)
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait(timeout=30)
                # the tablet is told in the portal's words, not Streamlit's "streamlit run yourscript.py"
                title, body, hidden = page.wait_for_function(_DIALOG_WORDS, timeout=30_000).json_value()
                assert title == '"Connection to the portal lost"'
                assert "connects again by itself as soon as the server is back" in body
                assert hidden  # Streamlit's own words: zero-size text, every element of theirs hidden
                inspections, items, actions, marked = _stored(db_path, day)
                assert inspections in (0, 1) and (items, actions) == (25 * inspections, inspections)
                outcomes.append((moment, inspections, marked))

                proc, _ = start_portal(db_path, log, port)
                # the page loaded anew (the inspector checking, or the tablet's browser reloading the tab it put to
                # sleep): the reconnected page alone may still show what the killed server last sent
                page.reload()
                page.get_by_role("heading", name="5S inspection form").first.wait_for(timeout=60_000)
                wait_idle(page)
                if inspections:
                    expect(page.get_by_text(SAVED).first).to_be_visible(timeout=30_000)
                else:
                    # the draft kept every answer; the page says the submit did not go through when the server had
                    # begun it (a kill before the run wrote anything leaves the form as it was)
                    expect(page.get_by_text("25 of 25 items scored")).to_be_visible(timeout=30_000)
                    if marked:
                        expect(page.get_by_text(NOT_THROUGH)).to_be_visible(timeout=30_000)
                    page.get_by_role("button", name="Submit the inspection").tap()
                    expect(page.get_by_text(SAVED).first).to_be_visible(timeout=30_000)
                wait_idle(page)
            finally:
                context.close()
            stop_portal(proc, timeout=20)
            assert _stored(db_path, day)[:3] == (1, 25, 1)  # stored once, whatever the moment
        assert outcomes[-1][:2] == (None, 1)
        print("kill moments (seconds after the tap; None: after the message) -> (stored, marked):", outcomes)
    finally:
        if proc is not None:
            stop_portal(proc, timeout=20)
        log.close()
