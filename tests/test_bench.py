"""The benchmark harness: registration rules, the runner's report, and the core case's pandas twin."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import tempfile
from datetime import datetime

import pandas as pd
import pytest

from bench import registry, run
from portal import db, demo
from tests import fixtures


@pytest.fixture
def scratch_cases():
    """Cases registered by a test are removed afterwards (the real ones are loaded first, so they stay)."""
    registry.load_cases()
    before = dict(registry.CASES)
    yield
    registry.CASES.clear()
    registry.CASES.update(before)


def test_register_refuses_duplicates_and_unknown_kinds(scratch_cases):
    registry.register("bench_test_a", lambda con: None)
    with pytest.raises(ValueError, match="twice"):
        registry.register("bench_test_a", lambda con: None)
    with pytest.raises(ValueError, match="kind"):
        registry.register("bench_test_b", lambda con: None, kind="report")


def test_case_modules_are_found():
    assert registry.load_cases() == {}
    assert registry.CASES["data_status"].kind == "page"
    assert registry.CASES["data_status"].pandas_fn is not None


def test_data_status_in_pandas_equals_the_query(tmp_path):
    con = fixtures.fresh_db(tmp_path / "d.duckdb")
    demo.generate(con, scale=0.005, seed=4, as_of=datetime(2026, 1, 10, 12, 0))
    con.execute(
        "insert into import_batches (kind, created_at, status) values"
        " ('surveys', '2026-01-05 10:00', 'committed'), ('surveys', '2026-01-08 10:00', 'undone'),"
        " ('complaints', '2026-01-03 09:00', 'committed')"
    )
    from bench import cases_core

    expected = cases_core.data_status_duckdb(con)
    got = cases_core.data_status_pandas(run.load_frames(con))
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected.reset_index(drop=True))
    # the last committed survey import (the undone one of 8 January does not count)
    assert expected.set_index("kind").loc["survey_responses", "last_import_at"] == pd.Timestamp(
        "2026-01-05 10:00"
    )
    con.close()


def test_runner_times_cases_reports_failures_and_leaves_portal_db_alone(
    scratch_cases, tmp_path, monkeypatch, capsys
):
    real_db = tmp_path / "real.duckdb"
    monkeypatch.setenv("PORTAL_DB", str(real_db))
    monkeypatch.delenv("PORTAL_DB_THREADS", raising=False)

    def broken(con):
        raise RuntimeError("this case is broken")

    registry.register("bench_test_broken", broken, lambda frames: len(frames["complaints"]))
    out = tmp_path / "results" / "b.json"
    code = run.main(
        ["--scales", "0.005", "--repeat", "2", "--cases", "data_status", "bench_test_", "--out", str(out)]
    )
    assert code == 0
    printed = capsys.readouterr().out
    assert "bench_test_broken (duckdb) failed: RuntimeError: this case is broken" in printed
    assert "data_status" in printed and "FAILED" in printed

    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["machine"]["cores"] >= 1 and report["machine"]["duckdb"]
    assert report["machine"]["db_threads"] is None  # PORTAL_DB_THREADS unset: DuckDB's own, said as such
    (scale,) = report["scales"]
    assert scale["scale"] == 0.005 and scale["rows"]["complaints"] == 1250  # 250,000 x 0.005
    cases = {c["name"]: c for c in scale["cases"]}
    assert set(cases) == {"data_status", "bench_test_broken"}
    timing = cases["data_status"]["duckdb"]
    assert timing["runs"] == 2 and 0 < timing["min_ms"] <= timing["median_ms"] <= timing["max_ms"]
    assert "median_ms" in cases["data_status"]["pandas"]
    # CPU time beside wall time; the twin's load time (the tables it read); the machine's load
    assert timing["cpu_median_ms"] >= 0 and cases["data_status"]["pandas"]["cpu_median_ms"] >= 0
    assert "complaints" in cases["data_status"]["pandas_tables"]
    assert cases["data_status"]["pandas_load_ms"] > 0
    assert len(cases["data_status"]["load_before"]) == 3 and len(report["load_at_start"]) == 3
    assert set(scale["table_load_s"]) == set(run.FRAME_TABLES)
    assert cases["bench_test_broken"]["duckdb"] == {"error": "RuntimeError: this case is broken"}
    assert cases["bench_test_broken"]["pandas"]["runs"] == 2  # the pandas side still ran
    assert not real_db.exists()
    assert os.environ["PORTAL_DB"] == str(real_db)


def test_runner_with_no_matching_case_says_so(tmp_path, capsys):
    assert run.main(["--scales", "0.005", "--cases", "no_such_case", "--out", str(tmp_path / "x.json")]) == 2
    assert "No benchmark cases match" in capsys.readouterr().err


def test_time_pair_interleaves_and_keeps_going_after_a_failure():
    calls = []

    def a():
        calls.append("a")

    def b():
        calls.append("b")

    def bad():
        calls.append("x")
        if calls.count("x") > 1:
            raise ValueError("second run fails")

    out = run.time_pair({"a": a, "b": b}, 3)
    # warm-ups a, b; then rounds a b | b a | a b (the order reversed every other round)
    assert calls == ["a", "b", "a", "b", "b", "a", "a", "b"]
    assert out["a"]["runs"] == out["b"]["runs"] == 3 and "cpu_median_ms" in out["a"]
    calls.clear()
    out = run.time_pair({"x": bad, "a": a}, 2)
    assert out["x"] == {"error": "ValueError: second run fails"} and out["a"]["runs"] == 2


@pytest.fixture(scope="module")
def import_master(tmp_path_factory):
    """A small demo database to seed the import targets from, with its store and agent codes: generated once per
    module. The floors seed from it read-only (import_floor._seeded); a test that opens it to write takes a copy."""
    master = tmp_path_factory.mktemp("import_master") / "master.duckdb"
    con = db.connect(master)
    demo.generate(con, scale=0.002, seed=3)
    stores = [r[0] for r in con.execute("select store_code from stores order by 1").fetchall()]
    agents = [r[0] for r in con.execute("select agent_code from agents order by 1").fetchall()]
    con.execute("checkpoint")
    con.close()
    return master, stores, agents


def test_import_floor_schema_writes_the_portal_tables_as_the_portal_does(
    import_master, tmp_path, monkeypatch
):
    # the fair floor (bench.import_floor floor_schema) and the portal store the same complaints and status history
    # rows for a clean export: the comparison is between the same tables, keys and row counts
    from bench import import_floor
    from bench.cases_import import complaint_export

    master, stores, agents = import_master
    csv = tmp_path / "export.csv"
    complaint_export(200, stores, agents).to_csv(csv, index=False)
    counts = {}
    for side in ("floor_schema", "portal"):
        target = tmp_path / f"{side}.duckdb"
        import_floor._seeded(target, master)
        if side == "portal":
            monkeypatch.setenv("PORTAL_DB", str(target))
            import_floor._portal(csv, target)
        else:
            import_floor._floor_schema(csv, target)
        con = db.connect(target, read_only=True)
        counts[side] = con.execute(
            "select (select count(*) from complaints), (select count(*) from complaint_status_history), "
            "(select count(*) from complaints where store_id is null), "
            "(select list(status order by source_id) from complaints)"
        ).fetchone()
        con.close()
    assert counts["floor_schema"][0] == 200
    assert counts["floor_schema"] == counts["portal"]


def test_the_messy_export_stores_what_the_clean_one_does(import_master, tmp_path, monkeypatch):
    # bench.import_floor --messy --repeats: the same complaints as the clean export (US-format times, Chinese
    # headers and channel names read back), the repeated rows skipped
    from bench import import_floor
    from bench.cases_import import complaint_export

    master, stores, agents = import_master
    export = complaint_export(150, stores, agents)
    messy = import_floor.messy(export, repeats=20)
    assert len(messy) == 170 and "接收时间" in messy.columns and "/" in messy["接收时间"].iloc[0]
    stored = {}
    for name, frame in (("clean", export), ("messy", messy)):
        csv, target = tmp_path / f"{name}.csv", tmp_path / f"{name}.duckdb"
        frame.to_csv(csv, index=False, encoding="utf-8-sig")
        import_floor._seeded(target, master)
        monkeypatch.setenv("PORTAL_DB", str(target))
        monkeypatch.setattr(import_floor, "SKIP_INVALID", name == "messy")
        import_floor._portal(csv, target)
        con = db.connect(target, read_only=True)
        stored[name] = con.execute(
            "select source_id, received_at, channel, category_group, severity, store_id, agent_id, "
            "first_response_at, resolved_at, closed_at, status from complaints order by source_id"
        ).fetchall()
        con.close()
    assert len(stored["clean"]) == 150
    assert stored["messy"] == stored["clean"]


def test_the_import_cases_commit_every_row(import_master, tmp_path, monkeypatch):
    # each import case runs `python -m portal import …` as the operating-system user and checks that every row
    # was added (an unknown `--user` once made the survey case fail at every run)
    from bench import cases_import, cases_satisfaction

    master = tmp_path / "master.duckdb"  # a copy of its own: the import cases open it to write
    shutil.copyfile(import_master[0], master)
    monkeypatch.setattr(cases_satisfaction, "SURVEY_ROWS", 300)
    monkeypatch.setattr(cases_import, "ROWS", 300)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # the survey case's files
    monkeypatch.setattr(cases_satisfaction, "_survey_files", {})
    monkeypatch.setattr(cases_import, "_files", {})
    monkeypatch.setattr(cases_import, "_folder", tmp_path)
    con = db.connect(master)
    try:
        assert cases_satisfaction.import_surveys_duckdb(con) == 0
        assert cases_import.import_complaints_duckdb(con) == 0
    finally:
        con.close()


def test_sign_in_interference_counts_the_switches_that_overlap_a_check_and_reads_the_stored_cost(
    tmp_path, monkeypatch
):
    from bench import browser

    # switches (start, end) against sign-in checks: one before, one across a check's start, one inside, one
    # touching a check's end only at its own start (no shared time), one after
    switches = [(0.0, 1.0), (1.5, 2.5), (3.2, 3.4), (4.0, 5.0), (6.0, 7.0)]
    checks = [(2.0, 4.0)]
    assert browser.overlapping_spans(switches, checks) == [pytest.approx(1.0), pytest.approx(0.2)]
    assert browser.overlapping_spans(switches, []) == []

    monkeypatch.setenv("PORTAL_BCRYPT_ROUNDS", "5")
    path = tmp_path / "p.duckdb"
    con = db.connect(path)
    from portal import users

    users.create_user(
        con, username="signer", display_name="Signer", password="signer-pass-2026", roles=["manager"]
    )
    con.close()
    assert browser.stored_bcrypt_rounds(str(path), "signer") == 5
    with pytest.raises(SystemExit, match="nobody"):
        browser.stored_bcrypt_rounds(str(path), "nobody")
    assert browser.bcrypt_check_s(4, repeat=1) > 0


def test_browsers_cpu_counts_only_the_chromium_the_bench_started(tmp_path):
    # bench.browser's browsers_cpu_s: the eight users' browsers against the server. On a machine shared with
    # other users' browsers it counted theirs too (every process whose name starts with "chrom"). Two busy
    # programs named like Chromium: one a child of this process, one not (its parent exits at once).
    import shutil
    import subprocess
    import time
    from pathlib import Path

    from bench import browser

    def cpu_s(pid: int) -> float:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    busy = shutil.which("yes")
    ours_exe, theirs_exe = tmp_path / "chromium_ours", tmp_path / "chromium_theirs"
    shutil.copy(busy, ours_exe)
    shutil.copy(busy, theirs_exe)
    started = subprocess.run(
        ["sh", "-c", f"{theirs_exe} > /dev/null 2>&1 & echo $!"], capture_output=True, text=True, check=True
    )
    theirs = int(started.stdout.strip())
    ours = subprocess.Popen([str(ours_exe)], stdout=subprocess.DEVNULL)
    try:
        before, ours0, theirs0 = browser.browsers_cpu_s(), cpu_s(ours.pid), cpu_s(theirs)
        deadline = time.monotonic() + 20  # a loaded machine: until the other one has done some work
        while cpu_s(theirs) - theirs0 < 0.3 and time.monotonic() < deadline:
            time.sleep(0.1)
        after, ours1, theirs1 = browser.browsers_cpu_s(), cpu_s(ours.pid), cpu_s(theirs)
    finally:
        ours.kill()
        ours.wait()
        os.kill(theirs, 9)
    assert theirs1 - theirs0 >= 0.3  # the other user's "browser" did work
    assert after - before == pytest.approx(ours1 - ours0, abs=0.1)  # only ours is counted


def test_facts_floor_runs_each_complaint_statement_over_its_facts_as_a_table(tmp_path, capsys):
    # bench.facts_floor: the Complaints page's statements, as they are and over their complaint_facts rows
    # already in a table; the two give the same rows (main refuses otherwise) and the table holds the facts
    from bench import facts_floor

    sql = "select * from complaint_facts(a := f(1, (2)), b := [3]) as f where g(x)"
    start, end = facts_floor._call_span(sql)
    assert sql[start:end] == "complaint_facts(a := f(1, (2)), b := [3])"
    with pytest.raises(ValueError):
        facts_floor._call_span("select 1")
    assert facts_floor._used("-- $b here\nselect $a, $ab", {"a": 1, "b": 2, "ab": 3}) == {"a": 1, "ab": 3}

    target = tmp_path / "d.duckdb"
    con = db.connect(target)
    demo.generate(con, scale=0.005, seed=4)
    complaints_in_window = con.execute(
        "select count(*) from complaints where received_at >= now()::timestamp - interval 80 day"
    ).fetchone()[0]
    con.close()
    assert complaints_in_window > 0
    assert facts_floor.main([str(target), "--repeat", "1"]) == 0
    out = capsys.readouterr().out
    lines = {line.split()[0]: line.split() for line in out.splitlines()[1:]}
    assert set(lines) == {"complaint_breakdowns", "complaint_previous_summary", "total"}
    # the fact rows column: the period's complaints (and more: backlog, resolutions), never none
    assert int(lines["complaint_breakdowns"][3].replace(",", "")) >= complaints_in_window


@pytest.fixture(scope="module")
def profiled_demo(tmp_path_factory):
    """The demo both profile_queries tests read (scale 0.005, seed 11, up to this hour), generated once per module;
    each opens it read-only, so neither can change what the other reads."""
    path = tmp_path_factory.mktemp("profiled") / "p.duckdb"
    con = fixtures.fresh_db(path)
    demo.generate(con, scale=0.005, seed=11, as_of=datetime.now().replace(minute=0, second=0, microsecond=0))
    con.execute("checkpoint")
    con.close()
    return path


def test_profile_queries_reads_a_query_of_rows_as_the_portal_does(profiled_demo):
    # bench.profile_queries answers the case's named queries itself: the 5S headline and the satisfaction summary
    # are read as frames.Rows by the portal (db.run_query), so handed back as a frame they failed the case
    from bench import profile_queries

    con = db.connect(profiled_demo, read_only=True, migrate=False)
    registry.load_cases()
    for case, name in (("fives_page", "fives_headline"), ("satisfaction_page", "satisfaction_summary")):
        seen = profile_queries.profile(con, registry.CASES[case].duckdb_fn, 1)
        assert [rows for *_, rows in seen[name]] == [2], (case, seen.get(name))
    con.close()


def test_profile_queries_converts_each_result_as_the_portal_does(profiled_demo, monkeypatch):
    # session 40 review: profile_queries read every query not of rows with .df(), so its conversion times were not
    # the portal's (frames.small_frame for '-- result: small', frames.frame for the others)
    from bench import profile_queries
    from portal import frames

    con = db.connect(profiled_demo, read_only=True, migrate=False)
    registry.load_cases()
    read: list[str] = []
    for kind in ("rows", "small_frame", "frame"):
        real = getattr(frames, kind)
        monkeypatch.setattr(
            frames, kind, lambda result, kind=kind, real=real: read.append(kind) or real(result)
        )
    seen = profile_queries.profile(con, registry.CASES["fives_page"].duckdb_fn, 1)
    con.close()
    assert list(seen) == ["fives_headline", "fives_store_ranking", "fives_store_section_heatmap"]
    assert read == ["rows", "small_frame", "small_frame"] * 2  # the warm-up, then the one timed run


@pytest.mark.parametrize("side", ["floor", "floor_schema"])
def test_import_floors_run_on_the_threads_the_portal_side_gets(import_master, tmp_path, monkeypatch, side):
    # PORTAL_DB_THREADS sets the threads of the portal side's connections (db.connect); the floors open DuckDB
    # themselves and must take the same setting, or the ratio compares one thread against every core
    import duckdb

    from bench import import_floor
    from bench.cases_import import complaint_export

    master, stores, agents = import_master
    csv = tmp_path / "export.csv"
    complaint_export(50, stores, agents).to_csv(csv, index=False)
    seen = []
    real = duckdb.connect

    class Spy:
        """A floor's connection, its threads read when the floor closes it."""

        def __init__(self, *args, **kwargs):
            self.con = real(*args, **kwargs)

        def execute(self, *args):
            return self.con.execute(*args)

        def close(self):
            seen.append(self.con.execute("select current_setting('threads')").fetchone()[0])
            self.con.close()

    target = tmp_path / f"{side}.duckdb"
    if side == "floor_schema":
        import_floor._seeded(target, master)  # the portal's tables, untimed
    monkeypatch.setattr(duckdb, "connect", Spy)
    monkeypatch.setenv("PORTAL_DB_THREADS", "3")  # neither DuckDB's default here (2 cores) nor 1
    (import_floor._floor_schema if side == "floor_schema" else import_floor._floor)(csv, target)
    assert seen == [3]


def test_the_results_record_the_duckdb_threads_setting(monkeypatch):
    # a result measured with PORTAL_DB_THREADS=1 (one thread a connection) is not comparable with one on DuckDB's
    # own threads: the results say which
    monkeypatch.setenv("PORTAL_DB_THREADS", "1")
    assert run.machine_info()["db_threads"] == 1
    monkeypatch.delenv("PORTAL_DB_THREADS")
    assert run.machine_info()["db_threads"] is None


def test_single_user_reports_each_pages_browser_and_server_cpu_over_its_cached_switches(monkeypatch):
    # issue 14's eight users meet the browsers' drawing: the single-user part says what one cached switch of
    # each page costs the bench's Chromium (its CPU from /proc), first visits (uncached) left out
    from bench import browser

    clock = {"browsers": 0.0, "server": 0.0, "page": None}
    drawing = {"Complaints": 0.8, "Overview": 0.3}  # Chromium seconds per switch to that page
    serving = {"Complaints": 0.05, "Overview": 0.07}  # the server's seconds per switch to that page

    class FakeSession:
        def __init__(self, *args):
            self.times = {p: [] for p in browser.PAGES}
            self.page = object()
            self.context = self

        async def sign_in(self):
            clock["browsers"] += 5.0  # the sign-in's drawing: not a switch

        async def switch(self, title):
            first = not self.times[title]  # a first visit (uncached) costs more
            clock["browsers"] += drawing[title] * (3 if first else 1)
            clock["server"] += serving[title] * (3 if first else 1)
            return 0.5

        async def _idle(self, page):
            clock["browsers"] += 0.01  # the idle tail counts with its switch

        def summary(self):
            return {"times": self.times}

        async def close(self):
            pass

    monkeypatch.setattr(browser, "PAGES", ("Complaints", "Overview"))
    monkeypatch.setattr(browser, "Session", FakeSession)
    monkeypatch.setattr(browser, "browsers_cpu_s", lambda: clock["browsers"])
    monkeypatch.setattr(browser, "server_cpu_s", lambda pid: clock["server"])
    out = asyncio.run(browser.single_user(None, "http://x", 1, "manager", "pw", 3, 10.0))
    assert out["browser_cpu_per_cached_switch_ms"] == {
        "Complaints": {"median": 810.0, "max": 810.0, "n": 2},
        "Overview": {"median": 310.0, "max": 310.0, "n": 2},
    }
    assert out["server_cpu_per_cached_switch_ms"] == {"median": 60.0, "max": 70.0, "n": 4}
    assert out["server_cpu_per_cached_switch_by_page_ms"] == {
        "Complaints": {"median": 50.0, "max": 50.0, "n": 2},
        "Overview": {"median": 70.0, "max": 70.0, "n": 2},
    }
