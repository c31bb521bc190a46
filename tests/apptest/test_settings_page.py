"""The Settings page (issue 9 item 4): admin only; sets the reporting zone and a store's zone, audited."""

from __future__ import annotations

import pytest

from portal import db, settings
from portal.i18n import t
from tests import fixtures
from tests.apptest.conftest import ROOT, make_app, texts


@pytest.fixture
def own_db(tmp_path, monkeypatch):
    # a database of its own: the session's shared one keeps its zones for the other pages' tests
    path = tmp_path / "settings.duckdb"
    fixtures.build_fixture_db(path).close()
    monkeypatch.setenv("PORTAL_DB", str(path))
    monkeypatch.setenv("PORTAL_COOKIE_KEY", "apptest-cookie-key-" + "k" * 24)
    return path


def _open(role="admin", lang="en"):
    at = make_app(role, lang).switch_page("pages/settings.py").run()
    assert not at.exception, at.exception
    return at


def test_the_zone_lists_offer_fixed_offsets_with_the_offset_they_stand_for(own_db):
    # review of 248ef1b: Etc/GMT-8 is UTC+8 (POSIX turns the sign round); shown bare it invites a wrong correction
    at = _open()
    for key in ("settings_report_zone_pick", "settings_store_zone_pick"):
        options = at.selectbox(key=key).options
        assert "Etc/GMT-8 (UTC+8)" in options and "Etc/GMT-8" not in options, key


def test_admin_sets_the_reporting_zone_and_a_store_zone(own_db):
    at = _open()
    assert "Reporting time zone" in texts(at) and "In use now: Asia/Shanghai." in texts(at)
    table = at.dataframe[0].value
    assert list(table["Store code"]) == ["S001", "S002", "S003"] and set(table["Time zone"]) == {
        "Asia/Shanghai"
    }

    at.selectbox(key="settings_report_zone_pick").set_value("America/Chicago")
    at.button(key="FormSubmitter:settings_report_zone-Save the reporting zone").click().run()
    assert not at.exception, at.exception
    assert "Reporting time zone saved: America/Chicago." in texts(at)

    at.selectbox(key="settings_store_pick").set_value("S003")
    at.selectbox(key="settings_store_zone_pick").set_value("Europe/London")
    at.button(key="FormSubmitter:settings_store_zone-Save the store's zone").click().run()
    assert not at.exception, at.exception
    assert "Store S003: time zone Europe/London (was Asia/Shanghai)." in texts(at)
    table = at.dataframe[0].value
    assert dict(zip(table["Store code"], table["Time zone"], strict=True))["S003"] == "Europe/London"

    con = db.connect(own_db)
    try:
        assert settings.report_timezone(con) == "America/Chicago"
        assert con.execute(
            "select username, target from audit_log where action = 'settings' order by audit_id"
        ).fetchall() == [("t_admin", "setting:report_timezone"), ("t_admin", "store:S003")]
    finally:
        con.close()


def test_chinese_and_not_for_a_manager(own_db):
    at = _open(lang="zh")
    assert "报告时区" in texts(at) and "门店编码" in at.dataframe[0].value.columns
    at = make_app("manager").run()
    with pytest.raises(ValueError, match="Could not find"):
        at.switch_page("pages/settings.py")  # not in a manager's menu
    direct = make_app("manager", script=str(ROOT / "pages" / "settings.py")).run()  # refused on the server
    assert t("app.not_permitted") in texts(direct) and not direct.dataframe


EXPORT = (
    b"Ticket No,Opened,Via,Kind of problem\n"
    b"H-1,2026-03-02 09:30,hotline,late delivery\n"
    b"H-2,2026-03-02 10:00,web,Noise\n"
    b"H-3,2026-03-02 11:00,web,Noise\n"
)


def test_the_upload_form_asks_the_zone_defaulting_to_the_reporting_zone_and_maps_categories(own_db):
    from portal import ui, writes
    from portal.ingest import reading

    ui.clear_caches()
    con = db.connect(own_db)
    writes.set_report_timezone(con, "America/New_York", "t_admin")
    con.close()
    at = make_app("admin").switch_page("pages/upload.py").run()
    at.file_uploader(key="upload_file").upload("helpdesk.csv", EXPORT, "text/csv").run()
    assert not at.exception, [e.value for e in at.exception]
    form = f"upload_map_complaints_{reading.file_hash(EXPORT)[:12]}__"
    assert at.selectbox(key=f"{form}opt_tz").value == "America/New_York"  # pre-selected: the reporting zone
    at.selectbox(key=f"{form}field_channel").set_value("Via")
    at.selectbox(key=f"{form}field_category").set_value("Kind of problem")
    next(b for b in at.button if b.label == "Check the file").click().run()
    assert not at.exception, [e.value for e in at.exception]
    shown = texts(at)
    # the preview says which zone the times without one were read in (EST: 09:30 -> 14:30 UTC)
    assert "Opened: 3 times carry no time zone; they are read as America/New_York" in shown
    preview = at.dataframe[0].value
    # shown in the reporting zone (the column says which): 09:30 New York as entered (stored 14:30 UTC)
    [received] = [c for c in preview.columns if c.startswith("Received (date and time)")]
    assert "New York" in received or "America/New_York" in received, received
    assert preview[received].tolist()[0] == "2026-03-02 09:30"
    assert "Kind of problem: 2 rows carry values no one mapped" in shown and "Noise (2)" in shown
    # the value table offers the category's groups: Noise -> store environment, applied and checked again
    values = f"upload_values_complaints_{reading.file_hash(EXPORT)[:12]}"
    noise = next(s for s in at.selectbox if s.key.startswith(f"{values}_category_") and "Noise" in s.label)
    assert noise.value == "other" and any("store_environment" in o for o in noise.options)
    noise.set_value("store_environment")
    next(b for b in at.button if b.label == "Apply the values and check again").click().run()
    assert not at.exception, [e.value for e in at.exception]
    preview = at.dataframe[0].value
    assert preview["Category (standard group)"].tolist() == [  # shown by their labels
        "Delivery",
        "Store environment",
        "Store environment",
    ]


def test_admin_changes_targets_and_thresholds_audited(own_db):
    """SPEC §1: the admin changes targets. The Settings page offered only time zones: the 85-point
    satisfaction target, the 24 h commitment, the 5S bands and the lockout could be changed by no one."""
    at = _open()
    assert "Targets and thresholds" in texts(at)
    assert at.number_input(key="settings_targets_satisfaction_target").value == 85
    # bands that do not fall are refused, nothing written
    at.number_input(key="settings_targets_fives_bands.good").set_value(95.0)
    at.button(key="FormSubmitter:settings_targets-Save targets and thresholds").click().run()
    assert not at.exception, at.exception
    assert t("settings.targets.error.bands", "en") in texts(at)
    con = db.connect(own_db)
    try:
        assert con.execute("select count(*) from settings where key = 'fives_bands'").fetchone() == (0,)
    finally:
        con.close()
    at.number_input(key="settings_targets_fives_bands.good").set_value(75.0)
    at.number_input(key="settings_targets_satisfaction_target").set_value(80.0)
    at.number_input(key="settings_targets_resolution_target_hours.high").set_value(36)
    at.button(key="FormSubmitter:settings_targets-Save targets and thresholds").click().run()
    assert not at.exception, at.exception
    assert "Saved: 3 settings changed." in texts(at)
    assert at.number_input(key="settings_targets_satisfaction_target").value == 80
    con = db.connect(own_db)
    try:
        loaded = settings.load_all(con)
        assert loaded["satisfaction_target"] == 80
        assert loaded["resolution_target_hours"] == {"high": 36, "normal": 72, "low": 168}
        assert loaded["fives_bands"] == {"excellent": 90, "good": 75, "needs_improvement": 60}
        audited = con.execute(
            "select target, details::varchar from audit_log where action = 'settings' order by audit_id"
        ).fetchall()
        assert [a[0] for a in audited] == [
            "setting:resolution_target_hours",
            "setting:satisfaction_target",
            "setting:fives_bands",
        ]
        assert '"was": 85' in audited[1][1]
    finally:
        con.close()
    # nothing changed: said so, nothing audited
    at.button(key="FormSubmitter:settings_targets-Save targets and thresholds").click().run()
    assert t("settings.targets.unchanged", "en") in texts(at)


def test_targets_form_in_chinese_and_a_value_out_of_range(own_db):
    at = _open(lang="zh")
    assert "目标与阈值" in texts(at) and "满意度指数目标(满分100)" in [n.label for n in at.number_input]
    at.number_input(key="settings_targets_csat_target_pct").set_value(120.0)
    at.button(key="FormSubmitter:settings_targets-保存目标与阈值").click().run()
    assert not at.exception, at.exception
    assert "满意率 (CSAT) 目标(%)：请输入 0 至 100 之间的数字。" in texts(at)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_admin_gives_stores_opening_hours(own_db, lang):
    # store hours could only come from the demo (audit of the admin pages): the page lists each store's week
    # and gives chosen stores one week
    con = db.connect(own_db)
    try:
        con.execute("delete from store_hours where store_id = 2 and iso_dow >= 6")  # S002 closed at weekends
    finally:
        con.close()
    at = _open(lang=lang)
    listed = next(d.value for d in at.dataframe if t("settings.hours.col.hours", lang) in d.value.columns)
    codes, weeks = listed[t("settings.col.store_code", lang)], listed[t("settings.hours.col.hours", lang)]
    hours = dict(zip(codes, weeks, strict=True))
    mon, fri, sun = (t(f"hours.day.{d}", lang) for d in (1, 5, 7))
    assert hours["S001"] == f"{mon}–{sun} 09:00–21:00" and hours["S002"] == f"{mon}–{fri} 09:00–21:00"
    at.multiselect(key="settings_hours_stores").set_value(["S002", "S003"]).run()
    assert not at.exception, at.exception
    assert t("settings.hours.differ", lang, store="S002") in texts(at)  # S003 is open at weekends
    (save,) = [b for b in at.button if b.label == t("settings.hours.save", lang)]
    save.click().run()
    assert not at.exception, at.exception
    assert t("settings.hours.saved", lang, n=2, hours=f"{mon}–{fri} 09:00–21:00") in texts(at)
    con = db.connect(own_db)
    try:
        days = con.execute(
            "select store_id, count(*) from store_hours group by store_id order by store_id"
        ).fetchall()
        assert days == [(1, 7), (2, 5), (3, 5)]
        assert con.execute(
            "select count(*) from audit_log where target in ('store:S002', 'store:S003')"
        ).fetchone() == (2,)
    finally:
        con.close()


@pytest.mark.parametrize(
    ("lang", "said", "not_said"),
    [("en", "the 48 h commitment", "the 24 h commitment"), ("zh", "解决、48 小时承诺", "24 小时承诺")],
)
def test_the_opening_hours_caption_names_the_commitment_in_force(own_db, lang, said, not_said):
    # the caption said "the 24 h commitment" in both languages whatever the response commitment was
    con = db.connect(own_db)
    try:
        from portal import writes

        writes.put_settings(con, {"response_sla_hours": 48}, "t_admin")
    finally:
        con.close()
    at = _open(lang=lang)
    [caption] = [c.value for c in at.caption if c.value.startswith(t("settings.hours.caption", lang)[:12])]
    assert said in caption and not_said not in caption


def test_admin_sets_the_servqual_weights_and_the_low_confidence_n(own_db):
    """SPEC §3: the weighted SERVQUAL score takes the admin's weights where respondents gave none; neither they
    nor the three low-confidence n could be set on the page (only portal/settings.py's defaults)."""
    at = _open()
    assert "SERVQUAL default weights (sum 100; used where no respondent gave importance weights)" in texts(at)
    assert at.number_input(key="settings_targets_servqual_default_weights.empathy").value == 20
    assert at.number_input(key="settings_targets_low_confidence_n").value == 30
    assert at.number_input(key="settings_targets_scorecard_low_confidence_n").value == 5
    assert at.number_input(key="settings_targets_fives_low_confidence_n").value == 3
    save = "FormSubmitter:settings_targets-Save targets and thresholds"
    # weights summing to 110 and an n of 0 are refused, nothing written
    at.number_input(key="settings_targets_servqual_default_weights.empathy").set_value(30)
    at.number_input(key="settings_targets_fives_low_confidence_n").set_value(0)
    at.button(key=save).click().run()
    assert not at.exception, at.exception
    errors = [e.value for e in at.error]
    assert errors == [
        "5S: low confidence below n (inspections): enter a number from 1 to 100.",
        "The SERVQUAL default weights sum to 110; they must sum to 100.",
    ]
    con = db.connect(own_db)
    try:
        assert con.execute("select count(*) from settings").fetchone() == (0,)
    finally:
        con.close()
    at.number_input(key="settings_targets_servqual_default_weights.tangibles").set_value(10)
    at.number_input(key="settings_targets_fives_low_confidence_n").set_value(4)
    at.number_input(key="settings_targets_low_confidence_n").set_value(40)
    at.button(key=save).click().run()
    assert not at.exception, at.exception
    assert "Saved: 3 settings changed." in texts(at)
    con = db.connect(own_db)
    try:
        loaded = settings.load_all(con)
        assert loaded["servqual_default_weights"] == {
            "tangibles": 10,
            "reliability": 20,
            "responsiveness": 20,
            "assurance": 20,
            "empathy": 30,
        }
        assert (loaded["low_confidence_n"], loaded["fives_low_confidence_n"]) == (40, 4)
        assert con.execute(
            "select target, details::varchar from audit_log where action = 'settings' order by audit_id"
        ).fetchall()[1:] == [
            ("setting:low_confidence_n", '{"value": 40, "was": 30}'),
            ("setting:fives_low_confidence_n", '{"value": 4, "was": 3}'),
        ]
    finally:
        con.close()


def test_servqual_weights_and_low_confidence_in_chinese(own_db):
    at = _open(lang="zh")
    labels = [n.label for n in at.number_input]
    assert (
        "SERVQUAL服务质量模型默认权重(移情性)" in labels and "5S管理样本不足阈值(检查次数低于此数)" in labels
    )
    at.number_input(key="settings_targets_servqual_default_weights.assurance").set_value(10)
    at.button(key="FormSubmitter:settings_targets-保存目标与阈值").click().run()
    assert not at.exception, at.exception
    assert [e.value for e in at.error] == ["SERVQUAL服务质量模型默认权重合计为90，须为100。"]
