"""Typing a code in a box of stores, agents, reviews or batches finds that code (session 33's polish probe: typing
"S002" in the store box also offered S007 and S011). Streamlit's boxes match typed text fuzzily by default (the
letters in order, anywhere), so a code typed whole still offered every code sharing its letters; the portal's
boxes of codes and names match by substring (``filter_mode="contains"``)."""

from __future__ import annotations

import re

import pytest

from tests.apptest.conftest import page_opener

CODE = re.compile(r"\b[SA]\d{3}\b")  # the fixture's store and agent codes
CONTAINS = 1  # FILTER_MODE_CONTAINS in Streamlit's protocol (FUZZY is 0)


def _boxes(at):
    return [*at.selectbox, *at.multiselect]


@pytest.mark.parametrize(
    "page",
    [
        "pages/complaints.py",
        "pages/store.py",
        "pages/fives.py",
        "pages/scorecards.py",
        "pages/qa_reviews.py",
        "pages/users.py",
        "pages/settings.py",
        "pages/fives_inspect.py",
        "pages/fives_actions.py",
        "pages/complaint_list.py",
        "pages/satisfaction.py",
    ],
)
def test_every_box_listing_codes_matches_typed_text_as_a_substring(app_env, monkeypatch, page):
    at = page_opener(app_env, monkeypatch)("admin", "en", page)
    coded = [b for b in _boxes(at) if any(CODE.search(str(o)) for o in b.options[:50])]
    assert coded, f"{page}: no box of codes found"
    fuzzy = [(b.label, b.proto.filter_mode) for b in coded if b.proto.filter_mode != CONTAINS]
    assert fuzzy == []
