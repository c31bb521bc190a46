"""Users: bcrypt-only passwords, lockout that does not reveal usernames, scopes per role, last admin."""

from datetime import date, datetime, timedelta

import pandas as pd
import pytest

from portal import scope, users
from portal.i18n import t
from portal.scope import Scope

NOW = datetime(2026, 11, 23, 9, 0, 0)


@pytest.fixture(autouse=True)
def fast_bcrypt(monkeypatch):
    monkeypatch.setenv("PORTAL_BCRYPT_ROUNDS", "4")


@pytest.fixture
def people(con):
    users.create_user(con, username="Boss", display_name="Boss", password="right-password", roles=["admin"])
    users.create_user(
        con,
        username="north",
        display_name="North mgr",
        password="right-password",
        roles=["manager"],
        scope_region_id=1,
    )
    users.create_user(
        con, username="chain", display_name="Chain mgr", password="right-password", roles=["manager"]
    )
    users.create_user(
        con,
        username="lead1",
        display_name="Lead",
        password="right-password",
        roles=["team_lead"],
        scope_team_id=2,
    )
    users.create_user(
        con,
        username="insp",
        display_name="Insp",
        password="right-password",
        roles=["inspector"],
        scope_store_ids=[2],
    )
    users.create_user(
        con, username="ag", display_name="Agent", password="right-password", roles=["agent"], agent_id=3
    )
    return con


def test_passwords_are_stored_only_as_bcrypt_hashes(people):
    rows = people.execute("select username, password_hash from users").fetchall()
    assert len(rows) == 6
    for _, pw_hash in rows:
        assert pw_hash.startswith("$2b$") and len(pw_hash) == 60
        assert "right-password" not in pw_hash
    # no other column holds the password either
    dump = str(people.execute("select * from users").fetchall())
    assert "right-password" not in dump


def test_usernames_are_normalised(people):
    assert users.attempt_sign_in(people, "  BOSS ", "right-password", NOW).status == "ok"


def test_right_password_signs_in_and_audits(people):
    result = users.attempt_sign_in(people, "boss", "right-password", NOW)
    assert result.status == "ok" and result.user.roles == ("admin",)
    assert result.user.scope == Scope.everything()
    actions = [
        r[0] for r in people.execute("select action from audit_log where username = 'boss'").fetchall()
    ]
    assert actions == ["login"]


def test_five_failures_lock_for_fifteen_minutes(people):
    for attempt in range(1, 6):
        assert users.attempt_sign_in(people, "boss", "wrong", NOW).status == "failed", attempt
    # the sixth attempt, even with the right password, is refused as locked
    assert (
        users.attempt_sign_in(people, "boss", "right-password", NOW + timedelta(minutes=1)).status == "locked"
    )
    assert (
        users.attempt_sign_in(people, "boss", "right-password", NOW + timedelta(minutes=14)).status
        == "locked"
    )
    # after 15 minutes the right password works again
    assert users.attempt_sign_in(people, "boss", "right-password", NOW + timedelta(minutes=16)).status == "ok"
    counts = dict(
        people.execute(
            "select action, count(*) from audit_log where username = 'boss' group by action"
        ).fetchall()
    )
    assert counts == {"login_failed": 7, "lockout": 1, "login": 1}


def test_a_success_resets_the_count(people):
    for _ in range(4):
        users.attempt_sign_in(people, "boss", "wrong", NOW)
    assert users.attempt_sign_in(people, "boss", "right-password", NOW).status == "ok"
    for _ in range(4):
        assert users.attempt_sign_in(people, "boss", "wrong", NOW).status == "failed"
    assert users.attempt_sign_in(people, "boss", "right-password", NOW).status == "ok"


def test_unknown_usernames_get_the_same_answers(people):
    # same sequence as a real account: five "failed", then "locked" -> existence is not revealed
    answers = [users.attempt_sign_in(people, "nobody", "x", users.utc_now()).status for _ in range(6)]
    assert answers == ["failed"] * 5 + ["locked"]


def test_lockout_settings_are_used(people):
    people.execute("insert into settings (key, value) values ('lockout_max_attempts', '2')")
    assert users.attempt_sign_in(people, "boss", "wrong", NOW).status == "failed"
    assert users.attempt_sign_in(people, "boss", "wrong", NOW).status == "failed"
    assert users.attempt_sign_in(people, "boss", "right-password", NOW).status == "locked"


def test_inactive_user_cannot_sign_in(people):
    users.update_user(people, "insp", changed_by="boss", is_active=False)
    assert users.attempt_sign_in(people, "insp", "right-password", NOW).status == "failed"
    assert users.load_user(people, "insp") is None


def test_scopes_per_role(people):
    # fixture: R1 holds stores 1, 2; R2 holds store 3; team 2 sits in region 2. A region stays a region (a fact row
    # is in it by the region stamped on the row, not by the stores it has today)
    assert users.load_user(people, "north").scope == Scope(region_ids=(1,), all_agents=True)
    assert users.load_user(people, "chain").scope == Scope(all_stores=True, all_agents=True)
    assert users.load_user(people, "lead1").scope == Scope(region_ids=(2,), team_id=2)
    assert users.load_user(people, "insp").scope == Scope(store_ids=(2,))
    assert users.load_user(people, "ag").scope == Scope(agent_id=3)


def test_role_rules_on_create(con):
    with pytest.raises(users.UserError, match="inspector"):
        users.create_user(con, username="i2", display_name="x", password="long-enough", roles=["inspector"])
    with pytest.raises(users.UserError, match="Not a role"):
        users.create_user(con, username="i3", display_name="x", password="long-enough", roles=["boss"])
    with pytest.raises(users.UserError, match="at least 8"):
        users.create_user(con, username="i4", display_name="x", password="short", roles=["admin"])
    users.create_user(con, username="dup", display_name="x", password="long-enough", roles=["admin"])
    with pytest.raises(users.UserError, match="taken"):
        users.create_user(con, username="DUP", display_name="x", password="long-enough", roles=["admin"])


def test_a_region_is_refused_for_roles_that_have_none(people):
    # an inspector given store 2 and region 2 was accepted and then saw and wrote for region 2's store 3 too
    region_unused = (
        "Only managers and team leads are given a region: an inspector sees their stores, an agent their own "
        "rows. Clear the Region (choose stores for an inspector)."
    )
    with pytest.raises(users.UserError) as refused:
        users.create_user(
            people, username="i9", display_name="x", password="long-enough", roles=["inspector"],
            scope_store_ids=[2], scope_region_id=2,
        )  # fmt: skip
    assert str(refused.value) == region_unused
    assert t(refused.value.key, "zh", **refused.value.values) == (
        "只有经理和班组长可分配区域：检查员查看其门店，客服专员查看本人数据。请清空“区域”(检查员请选择门店)。"
    )
    with pytest.raises(users.UserError, match="Only managers and team leads"):
        users.update_user(people, "insp", changed_by="boss", scope_region_id=2)
    with pytest.raises(users.UserError, match="Only managers and team leads"):  # the manager's region stays
        users.update_user(people, "north", changed_by="boss", roles=["inspector"], scope_store_ids=[1])
    users.update_user(people, "north", changed_by="boss", roles=["manager", "inspector"], scope_store_ids=[1])
    assert users.load_user(people, "north").scope == Scope(store_ids=(1,), region_ids=(1,), all_agents=True)


def test_a_region_stored_on_an_inspector_is_ignored(people):
    # a row written before the rule (or by hand): the inspector keeps their store, not the region's stores
    people.execute("update users set scope_region_id = 2 where username = 'insp'")
    user = users.load_user(people, "insp")
    assert user.scope == Scope(store_ids=(2,))
    # the stores it may write rows of today (the region's other stores among them before): its own store only
    stores = people.execute("select store_id from stores order by 1").fetchall()
    rows = pd.DataFrame(
        {"row_no": range(len(stores)), "store_id": [s for (s,) in stores], "row_on": date.today()}
    )
    outside = scope.store_rows_outside(people.cursor(), user.scope, rows)
    assert sorted(rows.loc[~rows["row_no"].isin(outside), "store_id"]) == [2]


def test_an_agent_user_has_no_other_role(people):
    # agent + inspector was saved, then My scorecard said "not linked to an agent" (the link dropped by scope_for)
    with pytest.raises(users.UserError) as refused:
        users.create_user(
            people, username="agi", display_name="x", password="long-enough", roles=["agent", "inspector"],
            agent_id=1, scope_store_ids=[1],
        )  # fmt: skip
    assert str(refused.value) == (
        "An agent user has the Agent role only: they see their own rows, which no other role's scope can hold "
        "in the same account. Give the other role to a separate user."
    )
    assert t(refused.value.key, "zh") == (
        "客服专员账户只能有“客服专员”一个角色：其只能查看本人数据，同一账户无法同时具有其他角色的数据范围。"
        "请为其他角色另建用户。"
    )
    with pytest.raises(users.UserError, match="Agent role only"):
        users.update_user(people, "ag", changed_by="boss", roles=["agent", "team_lead"], scope_team_id=2)
    assert users.load_user(people, "ag").scope == Scope(agent_id=3)


def test_scope_fields_that_mean_nothing_for_the_role_are_refused(people):
    # an admin with store S001, a manager with team 2, an inspector with team 2 were saved without a word and then
    # listed (the Users table showed "Store S001" on the admin); the scope reads none of them (users.scope_for)
    def refused(**fields) -> users.UserError:
        with pytest.raises(users.UserError) as caught:
            users.create_user(people, username="x9", display_name="x", password="long-enough", **fields)
        return caught.value

    admin = refused(roles=["admin"], scope_store_ids=[1])
    assert str(admin) == (
        "An admin sees everything: a region, stores, a team or an agent mean nothing on an admin. Clear the Region, "
        "Stores, Team and Agent (give another role's scope to a separate user)."
    )
    assert t(admin.key, "zh") == (
        "管理员可查看全部数据：区域、门店、班组或客服专员对管理员没有意义。请清空“区域”“门店”“班组”和“客服专员”"
        "(其他角色的数据范围请另建用户)。"
    )
    for fields in (
        {"scope_region_id": 1}, {"scope_team_id": 2}, {"agent_id": 3}, {"scope_store_ids": [1], "extra": "manager"},
    ):  # fmt: skip
        roles = ["admin", fields.pop("extra")] if "extra" in fields else ["admin"]
        assert refused(roles=roles, **fields).key == "users.err.admin_scope"
    team = refused(roles=["manager"], scope_region_id=1, scope_team_id=2)
    assert str(team) == (
        "Only team leads are given a team: a manager sees the agents of their region, an inspector their stores, an "
        "agent their own rows. Clear the Team."
    )
    assert t(team.key, "zh") == (
        "只有班组长可分配班组：经理查看其区域的客服专员，检查员查看其门店，客服专员查看本人数据。请清空“班组”。"
    )
    assert refused(roles=["inspector"], scope_store_ids=[1], scope_team_id=2).key == "users.err.team_unused"
    agent = refused(roles=["team_lead"], scope_team_id=2, agent_id=3)
    assert str(agent) == (
        "Only an agent user is linked to an agent: the other roles see a region, stores or a team. Clear the Agent."
    )
    assert (
        t(agent.key, "zh")
        == "只有客服专员账户可关联客服专员：其他角色按区域、门店或班组查看数据。请清空“客服专员”。"
    )
    for roles, fields in ((["manager"], {"scope_region_id": 1}), (["inspector"], {"scope_store_ids": [1]})):
        assert refused(roles=roles, agent_id=3, **fields).key == "users.err.agent_unused"
    stores = refused(roles=["agent"], agent_id=3, scope_store_ids=[1])
    assert str(stores) == (
        "Only managers, team leads and inspectors are given stores: an agent sees their own rows. Clear the Stores."
    )
    assert t(stores.key, "zh") == "只有经理、班组长和检查员可分配门店：客服专员查看本人数据。请清空“门店”。"
    assert refused(roles=["agent"], agent_id=3, scope_team_id=2).key == "users.err.team_unused"
    # a change is checked on the user as it would be stored: a manager made admin keeps no region
    with pytest.raises(users.UserError, match="An admin sees everything"):
        users.update_user(people, "north", changed_by="boss", roles=["admin"])
    with pytest.raises(users.UserError, match="Only team leads"):
        users.update_user(people, "north", changed_by="boss", scope_team_id=2)
    assert people.execute("select count(*) from users where username = 'x9'").fetchone() == (0,)
    # what a role uses is still accepted: a team lead's stores; a manager made admin with the region cleared
    users.update_user(people, "lead1", changed_by="boss", scope_store_ids=[3])
    users.update_user(people, "north", changed_by="boss", roles=["admin"], scope_region_id=None)
    assert users.load_user(people, "north").scope == Scope.everything()


def test_last_admin_is_protected(people):
    with pytest.raises(users.UserError, match="last active admin"):
        users.update_user(people, "boss", changed_by="boss", is_active=False)
    users.create_user(people, username="boss2", display_name="B2", password="right-password", roles=["admin"])
    users.update_user(people, "boss", changed_by="boss2", is_active=False)
    assert users.count_admins(people) == 1


def test_change_own_password_needs_the_current_one(people):
    with pytest.raises(users.UserError, match="current password"):
        users.set_password(people, "ag", "new-password-1", changed_by="ag", current_password="nope")
    users.set_password(people, "ag", "new-password-1", changed_by="ag", current_password="right-password")
    assert users.attempt_sign_in(people, "ag", "new-password-1", NOW).status == "ok"
    assert users.attempt_sign_in(people, "ag", "right-password", NOW).status == "failed"


def test_admin_reset_unlocks(people):
    for _ in range(5):
        users.attempt_sign_in(people, "insp", "wrong", NOW)
    users.set_password(people, "insp", "fresh-password", changed_by="boss")
    assert users.attempt_sign_in(people, "insp", "fresh-password", NOW).status == "ok"


def test_authenticator_credentials_come_from_the_table(people):
    users.update_user(people, "insp", changed_by="boss", is_active=False)
    creds = users.authenticator_credentials(people)["usernames"]
    assert set(creds) == {"boss", "north", "chain", "lead1", "ag"}
    assert creds["lead1"]["roles"] == ["team_lead"] and creds["lead1"]["password"].startswith("$2b$")


def test_demo_users_one_per_role(con, monkeypatch):
    made = users.create_demo_users(con)
    assert made == ["admin", "manager", "teamlead", "inspector", "agent"]
    roles = {r[0][0] for r in con.execute("select roles from users").fetchall()}
    assert roles == {"admin", "manager", "team_lead", "inspector", "agent"}
    for spec in users.DEMO_USERS:
        assert users.attempt_sign_in(con, spec["username"], spec["password"], NOW).status == "ok"
    assert users.create_demo_users(con) == []  # idempotent
    # the demo agent signs in under the name and code of the agent whose card they read
    agent_id, name = con.execute(
        "select agent_id, display_name from users where username = 'agent'"
    ).fetchone()
    assert name == "{} ({})".format(
        *con.execute("select name, agent_code from agents where agent_id = ?", [agent_id]).fetchone()
    )


def test_a_session_holds_until_its_version_changes(people):
    # the session version of a new account is 0; a password change raises it to 1 (tests/test_sessions.py
    # covers every other way a session ends)
    account = users.load_user(people, "lead1").account
    user, reason = users.user_from_session(people, "lead1", 0, account)
    assert reason == "ok" and user.username == "lead1" and user.session_version == 0
    assert users.set_password(people, "lead1", "another-password", changed_by="boss") == 1
    assert users.user_from_session(people, "lead1", 0, account) == (None, "ended")
    account = users.load_user(people, "lead1").account  # a new password: a new hash
    assert users.user_from_session(people, "lead1", 1, account)[1] == "ok"
    users.update_user(people, "lead1", changed_by="boss", is_active=False)
    assert users.user_from_session(people, "lead1", 2, account) == (None, "inactive")
    assert users.user_from_session(people, "nobody", 0, account) == (None, "unknown")


def test_the_accounts_table_lists_roles_as_each_language_writes():
    from portal import user_admin

    accounts = pd.DataFrame(
        {
            "username": ["mia"],
            "display_name": ["Mia"],
            "email": [None],
            "roles": [["manager", "team_lead"]],
            "scope_region_code": [None],
            "scope_store_ids": [[1, 2]],
            "scope_team_code": [None],
            "agent_code": [None],
            "is_active": [True],
            "locked_until": [None],
            "last_login_at": [None],
        }
    )
    names = user_admin.Labels(
        regions={}, stores={1: "S001 Beijing 01", 2: "S002 Beijing 02"}, teams={}, agents={}
    )
    for lang, roles, stores in (
        ("en", "Manager, Team lead", "S001, S002"),
        ("zh", "经理、班组长", "S001、S002"),
    ):
        shown = user_admin.accounts_view(accounts, names, lang)
        assert shown[t("users.roles", lang)].tolist() == [roles]
        assert shown[t("common.store", lang)].tolist() == [stores]  # the Chinese page said "S001, S002"


def test_the_accounts_table_gives_sign_in_and_lockout_times_in_the_reporting_zone():
    """The Users page showed 'Last sign-in 2026-12-03 06:54' (UTC, unlabelled) while the audit log showed the
    same sign-in at 14:54 Beijing time."""
    from datetime import datetime

    from portal import user_admin

    accounts = pd.DataFrame(
        {
            "username": ["mia", "ned"],
            "display_name": ["Mia", "Ned"],
            "email": [None, None],
            "roles": [["manager"], ["manager"]],
            "scope_region_code": [None, None],
            "scope_store_ids": [None, None],
            "scope_team_code": [None, None],
            "agent_code": [None, None],
            "is_active": [True, True],
            "locked_until": [datetime(2026, 3, 1, 1, 45), None],
            "last_login_at": [datetime(2026, 3, 1, 1, 30), None],  # stored UTC: 09:30 Beijing time
        }
    )
    names = user_admin.Labels(regions={}, stores={}, teams={}, agents={})
    for lang, last, locked in (
        ("en", "Last sign-in (Beijing time)", "Locked until (Beijing time)"),
        ("zh", "最近登录(北京时间)", "锁定至(北京时间)"),
    ):
        shown = user_admin.accounts_view(accounts, names, lang, "Asia/Shanghai")
        assert shown[last].iloc[0] == pd.Timestamp("2026-03-01 09:30") and pd.isna(shown[last].iloc[1])
        assert shown[locked].iloc[0] == pd.Timestamp("2026-03-01 09:45")
