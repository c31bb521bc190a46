"""A corrective action's owner is the store's manager (SPEC §3: "owner: the store's manager"). Actions opened while
no manager covered their store were stored without one and kept none after a manager was added: the list and the
action's panel showed a blank owner ("—"), and nobody was named to do the work. Now the list takes the store's manager
now for them (queries/fives_actions.sql, fives_store_managers), and says "unassigned" and why while there is none.

Fixture: tests/fives_fixture.py's templates and inspections, without its users: actions 1, 2, 4, 5 at S001 and 3 at
S002 (region R1), all opened with no owner.
"""

from __future__ import annotations

from datetime import date

import pytest

from portal import users
from portal.filters import Filters
from portal.fives import display, figures
from portal.scope import Scope
from tests import fives_fixture, fixtures

PASSWORD = "a long enough pass phrase 7"


@pytest.fixture
def con(tmp_path):
    con = fixtures.build_fixture_db(tmp_path / "owner.duckdb")
    fives_fixture.load_templates(con)
    fives_fixture.load_inspections(con)  # no manager exists: every action is opened without an owner
    yield con
    con.close()


def owners(con, lang: str = "en") -> dict[int, str]:
    run = figures.runner(con, Scope.everything())
    listed = figures.actions(
        run, Filters(date(2026, 1, 1), date(2026, 3, 31)), figures.FivesSettings(), today=date(2026, 3, 1)
    )
    shown = display.actions_table(listed, lang)
    return dict(zip(shown["#"], shown["Owner" if lang == "en" else "责任人"], strict=True))


def test_actions_opened_before_any_manager_are_the_stores_manager_once_there_is_one(con):
    assert con.execute("select count(*), count(owner) from corrective_actions").fetchone() == (5, 0)
    unassigned = {k: "unassigned (no manager covers this store yet)" for k in (1, 2, 3, 4, 5)}
    assert owners(con) == unassigned
    assert set(owners(con, "zh").values()) == {"未指派(尚无经理负责该门店)"}
    # another region's manager is not the owner of region 1's stores' actions
    users.create_user(
        con, username="sam", display_name="Sam South", password=PASSWORD, roles=["manager"], scope_region_id=2
    )
    assert owners(con) == unassigned
    # region 1's manager: the owner of all five (S001 and S002 are in R1); an action opened with an owner keeps it
    users.create_user(
        con, username="mia", display_name="Mia North", password=PASSWORD, roles=["manager"], scope_region_id=1
    )
    con.execute("update corrective_actions set owner = 'sam' where action_id = 3")
    assert owners(con) == {1: "Mia North", 2: "Mia North", 3: "Sam South", 4: "Mia North", 5: "Mia North"}
    # read, not written: the stored action still has no owner (history is not rewritten)
    assert con.execute("select count(owner) from corrective_actions").fetchone() == (1,)
