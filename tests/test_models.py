"""models/: the logic over the tables (macros, and views such as stores_now), one file each, applied by a
read-write connection whenever the database's models differ from the code's (the digest in model_state).

Migrations hold schema and data changes only; a database migrated before the logic moved (its macros made by
migrations) opens with the live models in their place.
"""

import re

from portal import db

MODEL_RE = re.compile(r"create or replace (?:macro (\w+)\(|view (\w+)\s)", re.IGNORECASE)


def code(text: str) -> str:
    return "\n".join(ln.split("--", 1)[0] for ln in text.splitlines())


def test_every_model_file_says_what_it_returns_and_defines_one_macro_or_view_named_like_it():
    found = db.models()
    assert {m.name for m in found} >= {
        "complaint_facts",
        "selected_survey_responses",
        "in_store_scope",
        "in_agent_scope",
        "in_selection",
    }
    seen: set[str] = set()
    for model in found:
        text = model.path.read_text(encoding="utf-8")
        header = text[: text.index("create")]
        assert header.startswith("-- ") and "Parameters:" in header and "Grain:" in header, model.name
        assert ["".join(m) for m in MODEL_RE.findall(code(text))] == [model.name], model.name
        assert set(model.depends_on) <= seen, f"{model.name} is applied before what it depends on"
        seen.add(model.name)
        # every model the body calls or reads (a view) is declared as a dependency (so the order above holds)
        called = {m for m in re.findall(r"\b(\w+)\(", code(text))} & {x.name for x in found}
        called |= set(re.findall(r"\b(?:from|join)\s+(\w+)", code(text))) & {x.name for x in found}
        assert called - {model.name} <= set(model.depends_on), model.name


def test_migrations_hold_no_macro_or_view():
    for mig in db.migrations():
        body = code(mig.path.read_text(encoding="utf-8")).lower()
        assert not re.search(r"create\s+(or\s+replace\s+)?(temp\s+)?(macro|view|function)", body), mig.name


def test_models_are_the_macros_in_the_database(con):
    stored = {
        r[0]
        for r in con.execute(
            "select function_name from duckdb_functions() where function_type in ('macro', 'table_macro')"
            " and not internal union all select view_name from duckdb_views() where not internal"
        ).fetchall()
    }
    assert {m.name for m in db.models()} <= stored
    assert db.apply_models(con) == []  # the database holds the code's models: nothing to apply
    assert db.apply_models(con, force=True) == [m.name for m in db.models()]  # again: idempotent
    assert con.execute("select digest from model_state").fetchall() == [(db.models_digest(),)]


def test_a_connection_applies_the_models_only_when_they_changed(tmp_path):
    path = tmp_path / "m.duckdb"
    db.connect(path).close()
    con = db.connect(path)
    # a stand-in body: a connection while the digest matches keeps it
    con.execute("create or replace macro in_selection(selected, row_value) as true")
    assert db.apply_models(con) == []
    assert con.execute("select in_selection([1], 2)").fetchone()[0] is True
    # the code's models changed (another digest stored): the next connection re-creates them all
    con.execute("update model_state set digest = 'models of an older portal'")
    con.close()
    con = db.connect(path)
    assert con.execute("select in_selection([1], 2)").fetchone()[0] is False
    assert con.execute("select digest from model_state").fetchall() == [(db.models_digest(),)]
    con.close()


def test_a_database_with_macros_made_by_old_migrations_gets_the_live_models(tmp_path):
    path = tmp_path / "old.duckdb"
    con = db.connect(path)
    # what migration 003 once left: complaint_facts without sla_as_of, and an older scope rule
    con.execute("create or replace macro complaint_facts(scope_all_stores, as_of) as table select 1 as x")
    con.execute("create or replace macro in_selection(selected, row_value) as true")
    con.execute("delete from model_state")  # such a database had no digest of the models (migration 021)
    con.close()
    con = db.connect(path)
    params = con.execute(
        "select parameters from duckdb_functions() where function_name = 'complaint_facts'"
    ).fetchone()[0]
    assert "sla_as_of" in params
    assert con.execute("select in_selection([1], 2)").fetchone()[0] is False
    con.close()


def test_selected_survey_responses_parameters_hide_no_column(con):
    # A macro parameter hides a same-named column in the macro's body (see the complaint_facts guard).
    text = (db.MODELS_DIR / "selected_survey_responses.sql").read_text(encoding="utf-8")
    params = re.search(r"selected_survey_responses\(([^)]*)\)", code(text)).group(1)
    params = {p.strip() for p in params.split(",")}
    columns = {
        r[0]
        for r in con.execute(
            "select column_name from information_schema.columns where table_name = 'survey_responses'"
        ).fetchall()
    }
    defined = set(re.findall(r"\bas (\w+)", code(text)))
    assert "start_on" in params and "channel" in columns and "index_points" in defined
    assert params.isdisjoint(columns | defined)
