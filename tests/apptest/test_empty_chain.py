"""A real installation before any store exists (fresh-install probe): the 5S form told the admin to "ask an admin
to give you your stores"."""

from __future__ import annotations

import pytest

from portal import db
from portal.i18n import t
from tests.apptest.conftest import make_app, texts

pytestmark = pytest.mark.usefixtures("fresh_query_cache")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_inspection_form_tells_an_admin_to_upload_the_stores_first(tmp_path, monkeypatch, lang):
    path = tmp_path / "empty.duckdb"
    db.connect(path).close()  # migrated, no store
    monkeypatch.setenv("PORTAL_DB", str(path))
    monkeypatch.setenv("PORTAL_COOKIE_KEY", "apptest-cookie-key-" + "k" * 24)
    at = make_app("admin", lang).run()
    at.switch_page("pages/fives_inspect.py").run()
    assert not at.exception
    shown = texts(at)
    assert t("fives_intake.form.no_stores_yet", lang) in shown
    assert t("fives_intake.form.no_stores", lang) not in shown


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_store_view_tells_an_admin_to_upload_the_stores_first(tmp_path, monkeypatch, lang):
    """The store view on an empty database showed an empty "Choose a store" box and "Choose a store in your
    scope." (a bilingual probe): nothing to choose, and no word of what to do."""
    path = tmp_path / "empty.duckdb"
    db.connect(path).close()  # migrated, no store
    monkeypatch.setenv("PORTAL_DB", str(path))
    monkeypatch.setenv("PORTAL_COOKIE_KEY", "apptest-cookie-key-" + "k" * 24)
    at = make_app("admin", lang).run()
    at.switch_page("pages/store.py").run()
    assert not at.exception
    shown = texts(at)
    assert t("store.no_stores_yet", lang) in shown
    assert t("store.none", lang) not in shown
    assert not at.selectbox  # no empty box to choose from
    expected = {
        "en": "There is no store yet. Upload the stores file first (Upload, kind Stores and regions); each store "
        "then has its view here.",
        "zh": "尚无门店。请先上传门店文件(上传页面，类型“门店与区域”)，之后即可在此查看各门店。",
    }[lang]
    assert t("store.no_stores_yet", lang) == expected


def _one_store_db(path):
    """A migrated database with one store (the first admin's first days: stores imported, little data yet)."""
    con = db.connect(path)
    con.execute(
        "insert into regions (region_id, region_code, name_en, name_zh) values (1, 'R1', 'North', '北区')"
    )
    con.execute(
        "insert into stores (store_id, store_code, name, region_id, timezone) "
        "values (1, 'S001', 'One', 1, 'Asia/Shanghai')"
    )
    return con


def _reference_day():
    from datetime import timedelta

    from portal.filters import today_in

    # a day of the overview's reference week, the last complete one, in the reporting zone (the store's):
    # date.today() is the machine's day, a day behind Beijing from 16:00 UTC (CI failed here on a Sunday night)
    today = today_in("Asia/Shanghai")
    return today - timedelta(days=today.isoweekday() - 1) - timedelta(days=6)


def _tile(at, label):
    """The tile's value and the captions under it (its column)."""
    [column] = [c for c in at.columns if len(c.metric) == 1 and c.metric[0].label == label]
    return column.metric[0].value, [c.value for c in column.caption]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_window_without_complaints_or_responses_says_no_data_not_0(tmp_path, monkeypatch, lang):
    """SPEC §3, never 0: with one survey response and no complaint, the Complaints tile said "0" and
    "n = 0 · low confidence (n < 30)" over a flat sparkline (▄▄▄▄▄▄▄▄▄▄▄▄) where the area's other tiles said
    "no data: nothing to count"; with one complaint and no response, the Responses tile did the same."""
    from datetime import datetime, time, timedelta

    day = _reference_day()
    surveys_only = tmp_path / "surveys_only.duckdb"
    con = _one_store_db(surveys_only)
    con.execute(
        "insert into survey_responses (response_id, source_response_id, store_id, region_id, responded_on, "
        "channel, overall_satisfaction, recommend_score) values (1, 'SR1', 1, 1, ?, 'in_store', 4, 9)",
        [day],
    )
    con.close()
    complaints_only = tmp_path / "complaints_only.duckdb"
    con = _one_store_db(complaints_only)
    received = datetime.combine(day, time(2))  # 10:00 in Shanghai
    con.execute(
        "insert into complaints (source, source_id, received_at, channel, store_id, region_id, "
        "first_response_at, resolved_at, status) values ('fx', 'C1', ?, 'hotline', 1, 1, ?, ?, 'resolved')",
        [received, received + timedelta(hours=2), received + timedelta(hours=5)],
    )
    con.close()
    monkeypatch.setenv("PORTAL_COOKIE_KEY", "apptest-cookie-key-" + "k" * 24)
    no_data = t("kpi.caption.no_data", lang, reason=t("kpi.reason.none_in_period", lang))
    spark = t("overview.spark.label.week", lang, n=12)
    for path, empty, full in (
        (surveys_only, "complaints.tile.volume", "sat.metric.responses"),
        (complaints_only, "sat.metric.responses", "complaints.tile.volume"),
    ):
        from portal import ui

        ui.clear_caches()
        monkeypatch.setenv("PORTAL_DB", str(path))
        at = make_app("admin", lang).run()
        assert not at.exception, at.exception
        value, captions = _tile(at, t(empty, lang))
        assert (value, captions) == (t("kpi.no_data", lang), [no_data])  # no sparkline, no "n = 0"
        value, captions = _tile(at, t(full, lang))
        assert value == "1" and any(c.startswith(spark) for c in captions)
