"""Admin pages under AppTest: Users (add, edit a multi-store user, errors in both languages), Audit log, Account."""

import pytest

from portal import db, users
from portal.i18n import t
from tests.apptest.conftest import make_app, texts


@pytest.fixture
def people(app_env):
    con = db.connect(app_env)
    for name, spec in {
        "multi": {"roles": ["inspector"], "scope_store_ids": [1, 2]},
        "lead9": {"roles": ["team_lead"], "scope_team_id": 1},
    }.items():
        if users.load_user(con, name) is None:
            users.create_user(con, username=name, display_name=name, password="long-password", **spec)
    con.close()
    return app_env


def _load(people, username: str):
    """The user as stored now (a connection of its own, closed)."""
    con = db.connect(people)
    try:
        return users.load_user(con, username)
    finally:
        con.close()


def _open_users(lang="en"):
    at = make_app("admin", lang).run()
    at.switch_page("pages/users.py").run()
    assert not at.exception, at.exception
    return at


def test_users_table_is_translated_and_shows_store_codes(people):
    at = _open_users()
    table = at.dataframe[0].value
    row = table[table["Username"] == "multi"].iloc[0]
    assert row["Roles"] == "Inspector" and row["Store"] == "S001, S002"  # the label, not the key
    at = _open_users("zh")
    table = at.dataframe[0].value
    assert "用户名" in table.columns and "检查员" in set(table["角色"])


def test_edit_a_user_with_several_stores(people):
    at = _open_users()
    at.selectbox(key="users_edit_pick").set_value("multi").run()
    assert not at.exception, at.exception
    assert at.multiselect(key="users_edit_multi_stores").value == [1, 2]
    at.multiselect(key="users_edit_multi_stores").set_value([2])
    at.button(key="FormSubmitter:users_edit_form-Save changes").click().run()
    assert not at.exception
    assert "Saved." in texts(at)
    con = db.connect(people)
    try:
        assert users.load_user(con, "multi").scope.store_ids == (2,)
        assert (
            con.execute(
                "select count(*) from audit_log where action = 'user_change' and target = 'user:multi' "
                'and details::varchar like \'%"stores": ["S002"]%\''
            ).fetchone()[0]
            >= 1
        )
    finally:
        con.close()


def test_add_user_with_a_short_password_says_why(people):
    at = _open_users()
    at.text_input(key="users_add_username").input("newbie")
    at.multiselect(key="users_add_roles").set_value(["manager"])
    at.selectbox(key="users_add_region").set_value("chain")  # a chain-wide manager, said so
    at.text_input(key="users_add_password").input("short")
    at.text_input(key="users_add_display").input("New Bie")
    at.button(key="FormSubmitter:users_add_form-Add a user").click().run()
    assert "The password must have at least 8 characters." in texts(at)
    # the form keeps every field after the refusal (issue 10: it wiped them all)
    assert at.text_input(key="users_add_username").value == "newbie"
    assert at.text_input(key="users_add_display").value == "New Bie"
    assert at.multiselect(key="users_add_roles").value == ["manager"]
    # fixed and sent again: the user is added and the form starts empty for the next one
    at.text_input(key="users_add_password").input("long-enough-1")
    at.button(key="FormSubmitter:users_add_form-Add a user").click().run()
    assert not at.exception
    assert t("users.created", "en", name="newbie") in [s.value for s in at.success]
    assert at.text_input(key="users_add_username").value == ""
    assert at.multiselect(key="users_add_roles").value == []


def test_clearing_a_managers_region_does_not_make_them_chain_wide(people):
    # Region "—" and Save made a regional manager see every store, "Saved." (audit of the admin pages)
    con = db.connect(people)
    try:
        users.create_user(
            con, username="north", display_name="North", password="long-password", roles=["manager"],
            scope_region_id=1,
        )  # fmt: skip
    finally:
        con.close()
    at = _open_users()
    at.selectbox(key="users_edit_pick").set_value("north").run()
    assert at.selectbox(key="users_edit_north_region").value == 1
    at.selectbox(key="users_edit_north_region").select_index(0)  # "—"
    at.button(key="FormSubmitter:users_edit_form-Save changes").click().run()
    assert t("users.err.manager_scope", "en") in texts(at) and "Saved." not in texts(at)
    assert not _load(people, "north").scope.all_stores
    # "Whole chain" chosen on purpose: chain-wide, and shown so when the user is picked again
    at.selectbox(key="users_edit_north_region").set_value("chain")
    at.button(key="FormSubmitter:users_edit_form-Save changes").click().run()
    assert "Saved." in texts(at)
    assert _load(people, "north").scope.all_stores
    at.run()
    assert at.selectbox(key="users_edit_north_region").value == "chain"
    # the display name and e-mail can be corrected too (the form offered roles, scope, active, password only)
    assert at.text_input(key="users_edit_north_display").value == "North"
    at.text_input(key="users_edit_north_display").input("北区 王经理")
    at.text_input(key="users_edit_north_email").input("wang@example.cn")
    at.button(key="FormSubmitter:users_edit_form-Save changes").click().run()
    con = db.connect(people)
    try:
        assert con.execute("select display_name, email from users where username = 'north'").fetchone() == (
            "北区 王经理",
            "wang@example.cn",
        )
    finally:
        con.close()


def test_audit_log_page_lists_user_changes(people):
    at = make_app("admin").run()
    at.switch_page("pages/audit_log.py").run()
    assert not at.exception
    table = at.dataframe[0].value
    assert "user change" in set(table["Action"])


def test_account_page_for_an_agent(app_env):
    at = make_app("agent").run()
    assert not at.exception
    assert t("page.my_scorecard", "en") in texts(at)  # the agent lands on their own scorecard
    at.switch_page("pages/account.py").run()
    # the account page points to it
    assert t("account.your_scope_agent", "en") in texts(at) and "My scorecard" in t(
        "account.your_scope_agent", "en"
    )


def test_audit_log_is_read_fresh_on_every_run(people):
    at = make_app("admin").run()
    at.switch_page("pages/audit_log.py").run()
    before = len(at.dataframe[0].value)
    con = db.connect(people)
    try:
        con.execute("insert into audit_log (username, action) values ('someone_new', 'login_failed')")
    finally:
        con.close()
    at.run()  # no import happened, so cached queries would not change
    table = at.dataframe[0].value
    assert len(table) == before + 1 and "someone_new" in set(table["User"])


@pytest.mark.parametrize(
    ("role", "lang", "roles", "scope"),
    [
        ("manager", "en", "Your roles: Manager", "You see 2 stores."),
        ("inspector", "en", "Your roles: Inspector", "You see 1 store."),
        ("manager", "zh", "您的角色：经理", "您可查看 2 家门店。"),
    ],
)
def test_account_page_names_roles_and_counts_stores_in_words(app_env, role, lang, roles, scope):
    """It said "Your roles: agent" (the label looked like the raw key) and "You see 12 store(s)."."""
    at = make_app(role, lang).run()
    at.switch_page("pages/account.py").run()
    shown = texts(at)
    assert roles in shown and scope in shown
    assert "(s)" not in shown


def test_the_users_table_shows_the_saved_values_after_saved(people):
    """After "Saved." the accounts table above the form still showed the old display name and active flag (the
    table is drawn before the form, and the edit did not rerun as the add does)."""
    con = db.connect(people)
    try:
        if not con.execute("select count(*) from users where username = 'mary'").fetchone()[0]:
            users.create_user(
                con, username="mary", display_name="Mary Manager", password="long-password", roles=["manager"],
                scope_region_id=1,
            )  # fmt: skip
    finally:
        con.close()
    at = _open_users()
    at.selectbox(key="users_edit_pick").set_value("mary").run()
    at.text_input(key="users_edit_mary_display").set_value("Mary Renamed")
    at.checkbox(key="users_edit_mary_active").uncheck()
    at.button(key="FormSubmitter:users_edit_form-Save changes").click().run()
    assert not at.exception, at.exception
    assert [str(s.value) for s in at.success] == ["Saved."]
    table = at.dataframe[0].value
    row = table[table["Username"] == "mary"].iloc[0]
    assert (row["Display name"], bool(row["Active"])) == ("Mary Renamed", False)
    at.run()  # the message belongs to that save only
    assert not at.success


def test_a_refused_password_reset_saves_none_of_the_other_changes(people):
    """The Change-a-user form saved the new roles and stores, then refused the too short password: the page
    said only "The password must have at least 8 characters." while the account had changed."""
    con = db.connect(people)
    try:
        if users.load_user(con, "halfway") is None:
            users.create_user(
                con,
                username="halfway",
                display_name="Half Way",
                password="long-password",
                roles=["inspector"],
                scope_store_ids=[1, 2],
            )
    finally:
        con.close()
    at = _open_users()
    at.selectbox(key="users_edit_pick").set_value("halfway").run()
    at.multiselect(key="users_edit_halfway_roles").set_value(["manager"])
    at.multiselect(key="users_edit_halfway_stores").set_value([2])
    at.text_input(key="users_edit_halfway_password").input("short")
    at.button(key="FormSubmitter:users_edit_form-Save changes").click().run()
    assert not at.exception
    assert "The password must have at least 8 characters." in texts(at)
    assert "Saved." not in texts(at)
    con = db.connect(people)
    try:
        row = con.execute("select roles, scope_store_ids from users where username = 'halfway'").fetchone()
        assert row == (["inspector"], [1, 2])  # nothing of the refused form was written
        assert (
            con.execute(
                "select count(*) from audit_log where target = 'user:halfway' and action = 'user_change' "
                "and details::varchar not like '%created%'"
            ).fetchone()[0]
            == 0
        )
    finally:
        con.close()
    # the form keeps what was typed, so a longer password and Save make every change at once
    at.text_input(key="users_edit_halfway_password").input("long-enough-2")
    at.button(key="FormSubmitter:users_edit_form-Save changes").click().run()
    assert "Saved." in texts(at)
    user = _load(people, "halfway")
    assert user.roles == ("manager",) and user.scope.store_ids == (2,)
