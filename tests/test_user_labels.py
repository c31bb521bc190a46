"""People are named by their display names wherever the portal shows one (models/user_label.sql), the login name
only when the user no longer exists: the 5S inspector consistency, a corrective action's owner and who
submitted, sent back or verified it, who imported or undid a batch, who made a 5S checklist or survey
instrument version. The login names stay beside them for the pages' rules (own batches, the action's steps).

Fixture: the 5S fixture of tests/fives_fixture.py (inspectors alice and bob, S001's owner m_north) with
display names given to alice, m_north and the two users who work an action; bob is no user (his inspections
came from a sheet), so his login name is shown.
"""

from __future__ import annotations

from datetime import date

import pytest

from portal import db, writes
from portal.auth import User
from portal.filters import Filters
from portal.fives import figures
from portal.ingest import batches
from portal.scope import Scope
from tests import fives_fixture, fixtures

JANUARY = Filters(date(2026, 1, 1), date(2026, 1, 31))
MANAGER = User("m_north", "Mona North", ("manager",), Scope(store_ids=(1, 2), all_agents=True))
INSPECTOR = User("i_one", "Ian One", ("inspector",), Scope(store_ids=(1,)))


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    con = fixtures.build_fixture_db(tmp_path_factory.mktemp("labels") / "labels.duckdb")
    fives_fixture.load_templates(con)
    fives_fixture.load_users(con)
    con.execute("update users set display_name = 'Mona North' where username = 'm_north'")
    con.execute("update users set display_name = 'Ian One' where username = 'i_one'")
    con.execute(
        "insert into users (username, display_name, password_hash, roles, scope_store_ids) "
        "values ('alice', 'Alice Wang', 'x', ['inspector'], [1, 2])"
    )
    fives_fixture.load_inspections(con)
    writes.submit_fives_action(con, INSPECTOR, 1, "Boxes moved")
    writes.send_back_fives_action(con, MANAGER, 1, "Aisle still blocked")
    writes.submit_fives_action(con, INSPECTOR, 1, "Aisle cleared")
    writes.verify_fives_action(con, MANAGER, 1)
    yield con
    con.close()


def test_user_label_is_the_display_name_else_the_name_as_stored(con):
    got = con.execute(
        "select user_label('alice'), user_label('bob'), user_label('os:root'), user_label(null)"
    ).fetchone()
    assert got == ("Alice Wang", "bob", "os:root", None)


def test_inspector_consistency_names_inspectors(con):
    run = figures.runner(con, Scope.everything())
    got = figures.consistency(run, JANUARY)
    assert dict(zip(got["inspector"], got["inspector_name"], strict=True)) == {
        "alice": "Alice Wang",
        "bob": "bob",  # no such user: the name as stored
    }


def test_an_actions_people_by_their_names(con):
    run = figures.runner(con, Scope.everything())
    acts = figures.actions(
        run, Filters(date(2026, 1, 1), date(2026, 2, 28)), figures.FivesSettings(), (), None
    )
    one = acts.set_index("action_id").loc[1]
    assert (one["owner"], one["owner_name"]) == ("m_north", "Mona North")
    assert (one["submitted_by"], one["submitted_by_name"]) == ("i_one", "Ian One")
    assert (one["sent_back_by"], one["sent_back_by_name"]) == ("m_north", "Mona North")
    assert (one["verified_by"], one["verified_by_name"]) == ("m_north", "Mona North")


def test_import_batches_and_versions_name_their_authors(con):
    con.execute(
        "insert into import_batches (batch_id, kind, file_name, created_by, status, undone_at, undone_by) values "
        "(901, 'surveys', 'a.csv', 'i_one', 'undone', now(), 'm_north'), "
        "(902, 'surveys', 'b.csv', 'gone_user', 'committed', null, null)"
    )
    history = db.run_query(
        con,
        "import_batches",
        batches.history_params(User("root", "Root", ("admin",), Scope.everything())),
        Scope.everything(),
    ).set_index("batch_id")
    assert history.loc[901, ["created_by", "created_by_name", "undone_by_name"]].tolist() == [
        "i_one",
        "Ian One",
        "Mona North",
    ]
    assert history.loc[902, "created_by_name"] == "gone_user"
    con.execute("update fives_templates set created_by = 'alice' where template_id = 10")
    versions = db.run_query(con, "fives_template_versions", {}, Scope.everything()).set_index("template_id")
    assert versions.loc[10, "created_by_name"] == "Alice Wang"
    con.execute("update survey_instruments set created_by = 'm_north'")
    instruments = db.run_query(con, "servqual_instruments", {}, Scope.everything())
    assert set(instruments["created_by_name"]) == {"Mona North"}


def test_overview_acknowledgements_and_scorecard_weights_name_their_authors(con):
    from portal.overview import records
    from portal.scorecards import weights

    con.execute(
        "insert into overview_alert_acks (scope_key, condition_key, fingerprint, action, note, username) "
        "values ('stores=*|agents=*', 'fives:overdue:S001', 'f', 'acknowledge', 'on it', 'm_north')"
    )
    ack = records.latest_acks(con, "stores=*|agents=*")["fives:overdue:S001"]
    assert (ack.username, ack.user_name) == ("m_north", "Mona North")
    con.execute(
        "insert into scorecard_weight_versions (effective_from, note, created_by) "
        "values (date '2026-03-01', 'spring', 'm_north')"
    )
    made = {v.note: v.created_by for v in weights.load_versions(con)}
    assert made["spring"] == "Mona North"
