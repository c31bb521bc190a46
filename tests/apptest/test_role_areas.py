"""What a role sees of each area outside the area's own pages (SPEC 1): the overview, the store view and the
data status show a team lead the complaint and satisfaction areas and their team's scorecards, never 5S; an
inspector's data status shows 5S only. Found by a reviewer: a team lead's overview showed 5S tiles, overdue
action alerts and the 5S-versus-complaints chart, the store view its 5S section scores and open actions, and the
data status 5S row counts. The data status's last import of a scoped user is that of their own rows.

The database: tests/fixtures.py with the 5S fixture (tests/fives_fixture.py: inspections at S001, S002, S003, open
corrective actions) and, per test, complaints imported through the pipeline.
"""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest

from portal import navigation
from portal.auth import User
from portal.i18n import t
from portal.ingest import pipeline, registry
from portal.scope import Scope
from tests import fives_fixture, fixtures
from tests.apptest.conftest import page_opener, texts

pytestmark = pytest.mark.usefixtures("fresh_query_cache")
FIVES_WORDS = ("5S", "corrective", "Corrective")


@pytest.fixture
def areas_db(tmp_path):
    path = tmp_path / "areas.duckdb"
    con = fixtures.build_fixture_db(path)
    fives_fixture.load(con)
    con.close()
    return path


@pytest.fixture
def areas_app(areas_db, monkeypatch):
    return page_opener(areas_db, monkeypatch)


def test_the_rule_follows_the_menu():
    assert navigation.visible_areas(["admin"]) == ("complaints", "sat", "fives", "scorecard")
    assert navigation.visible_areas(["manager"]) == ("complaints", "sat", "fives", "scorecard")
    assert navigation.visible_areas(["team_lead"]) == ("complaints", "sat", "scorecard")
    assert navigation.visible_areas(["inspector"]) == ("fives",)
    assert navigation.DATA_KINDS == (
        "stores",
        "agents",
        "complaints",
        "survey_responses",
        "servqual_responses",
        "qa_reviews",
        "inspections",
        "corrective_actions",
    )
    assert navigation.visible_data_kinds(["admin"]) == list(
        navigation.DATA_KINDS
    )  # the admin sees every kind
    assert "inspections" not in navigation.visible_data_kinds(["team_lead"])
    # an inspector's scope holds no agent: no agents row (it said "0", a helper's probe, session 54)
    assert navigation.visible_data_kinds(["inspector"]) == [
        "stores",
        "inspections",
        "corrective_actions",
    ]
    assert "agents" in navigation.visible_data_kinds(["team_lead"])


def test_a_team_leads_overview_has_no_5s(areas_app):
    admin = areas_app("admin")
    assert t("page.fives", "en") in [s.value for s in admin.subheader]  # the 5S area is there to see
    lead = areas_app("team_lead")
    assert lead.title[0].value == "Overview"
    assert t("page.fives", "en") not in [s.value for s in lead.subheader]
    body = texts(lead)
    assert not any(word in body for word in FIVES_WORDS), body


def test_a_team_leads_store_view_has_no_5s(areas_app):
    admin = areas_app("admin", path="pages/store.py", store="S001")
    assert t("store.fives.chain", "en") in [s.value for s in admin.subheader]
    assert t("fives.tile.open_actions", "en") in admin.get("table")[0].value.iloc[:, 0].tolist()
    lead = areas_app("team_lead", path="pages/store.py", store="S001")
    assert "S001" in texts(lead)
    heads = [s.value for s in lead.subheader]
    assert t("store.fives.chain", "en") not in heads and t("store.fives.scope", "en") not in heads
    for frame in [*lead.dataframe, *lead.get("table")]:
        assert t("fives.tile.open_actions", "en") not in frame.value.iloc[:, 0].tolist()
    assert not any(word in texts(lead) for word in FIVES_WORDS)


def _status(at) -> dict[str, object]:
    table = at.dataframe[0].value
    return dict(zip(table.iloc[:, 0], table.iloc[:, -1], strict=True))  # kind -> last import


def test_data_status_rows_by_role_and_the_last_import_by_scope(areas_app, areas_db):
    assert list(_status(areas_app("admin", path="pages/data_status.py"))) == [
        "Stores",
        "Agents",
        "Complaints",
        "Survey responses",
        "Responses with SERVQUAL block",
        "QA reviews",
        "5S inspections",
        "Corrective actions",
    ]
    lead = _status(areas_app("team_lead", path="pages/data_status.py"))
    assert "5S inspections" not in lead and "Corrective actions" not in lead and "Complaints" in lead
    inspector = _status(areas_app("inspector", path="pages/data_status.py"))
    assert list(inspector) == [
        "Stores",
        "5S inspections",
        "Corrective actions",
    ]  # no agent in its scope: no row

    # An import of S003's complaints (region R2): the admin sees it as the last import, the team lead (stores
    # S001, S002) does not; after an import of one S001 complaint the team lead sees that one.
    from portal import db, ui

    def complaints_import(store: str, now: datetime) -> None:
        con = db.connect(areas_db)
        try:
            data = f"source_id,received_at,channel,store_code\nX-{store},2026-11-02 09:00,hotline,{store}\n"
            pipeline.import_bytes(
                con,
                registry.kind("complaints"),
                data.encode(),
                f"{store}.csv",
                None,
                pipeline.ImportOptions(now=now, timezone="UTC"),
                User("t_admin", "Test Admin", ("admin",), Scope.everything()),
            )
        finally:
            con.close()

    complaints_import("S003", datetime(2026, 11, 3))
    ui.clear_caches()
    admin = areas_app("admin", path="pages/data_status.py")
    # the batch's stamp, stored UTC, shown in the reporting zone (the stores' Asia/Shanghai) to the whole second,
    # the header naming it (sparse-data probe: UTC with microseconds under a bare "Last import")
    assert admin.dataframe[0].value.columns[-1] == "Last import (Beijing time)"
    con = db.connect(areas_db)
    try:
        stored = con.execute("select max(created_at) from import_batches").fetchone()[0]
    finally:
        con.close()
    expected = (pd.Timestamp(stored) + pd.Timedelta(hours=8)).floor("s")
    assert _status(admin)["Complaints"] == expected
    lead_app = areas_app("team_lead", path="pages/data_status.py")
    lead = _status(lead_app)
    assert lead["Complaints"] is None or str(lead["Complaints"]) in ("NaT", "None", "")
    assert t("status.no_import", "en") in [c.value for c in lead_app.caption]  # the empty cell says why
    complaints_import("S001", datetime(2026, 11, 4))
    ui.clear_caches()
    admin_last = _status(areas_app("admin", path="pages/data_status.py"))["Complaints"]
    lead_last = _status(areas_app("team_lead", path="pages/data_status.py"))["Complaints"]
    assert str(lead_last) not in ("NaT", "None", "") and str(lead_last) == str(admin_last)
