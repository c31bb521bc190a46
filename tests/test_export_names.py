"""Export file names carry their period (issue 10): every CSV offered by the dashboards of issue 10 is named
with the period it holds (``_{period}`` = ``YYYYMMDD-YYYYMMDD``, or the complaint list's ``file_name``)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from portal.complaints import listing
from portal.filters import Filters

ROOT = Path(__file__).resolve().parents[1]
CSV_NAME = re.compile(r"""f?["']([^"']*\.csv)["']""")


@pytest.mark.parametrize(
    "source",
    [
        "pages/complaints.py",
        "pages/satisfaction.py",
        "pages/audit_log.py",
        "portal/ui_dash.py",
        # 5S, QA reviews, the store view and data status (issue 10: these still lacked it)
        "pages/fives.py",
        "pages/fives_actions.py",
        "portal/ui_fives.py",
        "pages/qa_reviews.py",
        "pages/store.py",
        "portal/ui_overview.py",
        "pages/data_status.py",
    ],
)
def test_every_csv_name_of_a_dashboard_carries_its_period(source):
    text = (ROOT / source).read_text(encoding="utf-8")
    names = CSV_NAME.findall(text)
    bare = [n for n in names if not re.search(r"\{(period|start|end|file_stem)", n)]
    assert bare == [], f"{source}: CSV names without their period: {bare}"


def test_complaint_list_file_name():
    name = listing.file_name(Filters(start=date(2026, 3, 1), end=date(2026, 3, 31)))
    assert name == "complaints_20260301-20260331.csv"


def test_period_file_name_helper():
    """The one helper: a range, or one day for a status as of a date."""
    from portal import export

    assert export.period_file_name("fives_ranking", date(2026, 3, 1), date(2026, 3, 31)) == (
        "fives_ranking_20260301-20260331.csv"
    )
    assert (
        export.period_file_name("data_status", date(2026, 12, 1), ext="json") == "data_status_20261201.json"
    )
    assert export.period_tag(date(2026, 3, 1), date(2026, 3, 1)) == "20260301"
