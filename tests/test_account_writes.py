"""Accounts, audit and settings through the one write path: bcrypt outside every transaction, the counter
and the audit row one short write after it, settings written and versioned, no hash handed to the UI."""

import json
import re
from datetime import datetime

import pytest

from portal import settings, users, writes
from portal.config import PROJECT_ROOT as ROOT

NOW = datetime(2026, 11, 23, 9, 0, 0)


@pytest.fixture(autouse=True)
def fast_bcrypt(monkeypatch):
    monkeypatch.setenv("PORTAL_BCRYPT_ROUNDS", "4")


@pytest.fixture
def boss(con):
    users.create_user(con, username="boss", display_name="Boss", password="right-password", roles=["admin"])
    return con


@pytest.fixture
def watched(monkeypatch):
    """Records whether a write transaction is open whenever bcrypt runs."""
    state = {"open": False, "checks_inside": 0, "checks": 0, "transactions": 0}
    real_transaction, real_verify = writes.transaction, users.verify_password

    def transaction(con, work):
        state["transactions"] += 1

        def inside(cur):
            state["open"] = True
            try:
                return work(cur)
            finally:
                state["open"] = False

        return real_transaction(con, inside)

    def verify(password, password_hash):
        state["checks"] += 1
        state["checks_inside"] += state["open"]
        return real_verify(password, password_hash)

    monkeypatch.setattr(writes, "transaction", transaction)
    monkeypatch.setattr(users, "verify_password", verify)
    return state


@pytest.mark.parametrize(
    ("name", "password", "status"),
    [("boss", "right-password", "ok"), ("boss", "wrong", "failed"), ("nobody", "x", "failed")],
)
def test_the_password_check_runs_outside_any_write(boss, watched, name, password, status):
    assert users.attempt_sign_in(boss, name, password, NOW).status == status
    assert watched["checks"] == 1 and watched["checks_inside"] == 0
    assert watched["transactions"] == 1  # the counter and the audit row: one short write after the check


def test_a_password_change_checks_the_current_one_before_writing(boss, watched):
    with pytest.raises(users.UserError):
        users.set_password(boss, "boss", "new-password-1", changed_by="boss", current_password="wrong")
    # nothing of the password written; the failure counted and audited in one short write after the check
    assert watched["transactions"] == 1 and watched["checks_inside"] == 0
    users.set_password(boss, "boss", "new-password-1", changed_by="boss", current_password="right-password")
    assert watched["checks_inside"] == 0 and watched["transactions"] == 2
    assert users.attempt_sign_in(boss, "boss", "new-password-1", NOW).status == "ok"


def test_failures_are_counted_in_the_database(boss):
    for expected in (1, 2, 3):
        users.attempt_sign_in(boss, "boss", "wrong", NOW)
        assert (
            boss.execute("select failed_attempts from users where username = 'boss'").fetchone()[0]
            == expected
        )
    details = [
        json.loads(d)
        for (d,) in boss.execute(
            "select details from audit_log where action = 'login_failed' order by audit_id"
        ).fetchall()
    ]
    assert [d["attempt"] for d in details] == [1, 2, 3]


def test_settings_are_written_audited_and_versioned(boss):
    before = writes.settings_version()
    writes.put_setting(boss, "satisfaction_target", 88, "boss")
    assert writes.settings_version() > before
    assert settings.get(boss, "satisfaction_target") == 88
    assert settings.load_all(boss)["satisfaction_target"] == 88
    assert settings.load_all(boss)["nps_target"] == settings.DEFAULTS["nps_target"]
    row = boss.execute("select username, target from audit_log where action = 'settings'").fetchone()
    assert row == ("boss", "setting:satisfaction_target")


def test_report_timezone_from_loaded_settings_and_the_zone_list_is_read_once(boss):
    loaded = settings.load_all(boss) | {"report_timezone": "Europe/Berlin"}
    assert settings.report_timezone(boss, loaded) == "Europe/Berlin"
    assert settings.known_timezones() is settings.known_timezones()


def test_the_ui_gets_no_password_hash(boss):
    user = users.load_user(boss, "boss")
    creds = users.session_credentials(user)["usernames"]
    assert set(creds) == {"boss"} and creds["boss"]["password"] == ""
    assert users.session_credentials(None) == {"usernames": {}}


def test_a_password_sign_in_is_audited_with_its_session_id(boss):
    result = users.attempt_sign_in(boss, "boss", "right-password", NOW)
    rows = boss.execute("select target from audit_log where action = 'login'").fetchall()
    assert rows == [(f"session:{result.session_id}",)]


WRITE_OF_MINE = re.compile(
    r"\b(insert\s+(or\s+replace\s+)?into|update|delete\s+from)\s+(users|audit_log|settings)\b", re.IGNORECASE
)
# every module once written through portal.writes; kept as the place to list an exception
NOT_YET_MOVED: set[str] = set()


def test_accounts_audit_and_settings_are_written_only_by_portal_writes():
    offenders = []
    for path in sorted([*ROOT.glob("portal/**/*.py"), *ROOT.glob("pages/*.py"), ROOT / "app.py"]):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith("portal/writes/") or relative in NOT_YET_MOVED:
            continue
        if WRITE_OF_MINE.search(path.read_text(encoding="utf-8")):
            offenders.append(relative)
    assert offenders == []
    for path in (ROOT / "queries" / "writes").glob("*.sql"):
        assert path.read_text(encoding="utf-8").startswith("--"), f"{path.name}: a header says what it writes"


def test_wrong_current_passwords_count_audit_and_lock_like_sign_ins(boss):
    # the Account page's current password was an unlimited, unaudited guess (audit of the admin pages)
    for _ in range(5):
        with pytest.raises(users.UserError):
            users.set_password(boss, "boss", "new-password-1", changed_by="boss", current_password="guess")
    locked = boss.execute("select locked_until is not null from users where username = 'boss'").fetchone()
    assert locked == (True,)
    rows = boss.execute(
        "select action, details from audit_log where username = 'boss' and action in ('login_failed', 'lockout') "
        "order by audit_id"
    ).fetchall()
    assert [a for a, _ in rows] == ["login_failed"] * 5 + ["lockout"]
    assert '"during": "password_change"' in rows[0][1]
    assert users.attempt_sign_in(boss, "boss", "right-password", NOW).status == "locked"


@pytest.mark.parametrize(
    ("password", "key"),
    [
        ("        ", "users.err.password_blank"),
        ("Password", "users.err.password_common"),
        ("１２３４５６７８", "users.err.password_common"),
        ("zzzzzzzzzz", "users.err.password_common"),
        ("Boss-Boss"[:4] + "boss", "users.err.password_username"),
    ],
)
def test_weak_passwords_are_refused(boss, password, key):
    name = "bossboss" if key == "users.err.password_username" else "newbie"
    with pytest.raises(users.UserError) as refused:
        users.create_user(
            boss, username=name, display_name="New", password=password, roles=["manager"], created_by="boss"
        )
    assert refused.value.key == key


def test_a_full_width_user_name_is_refused_and_one_stored_before_still_signs_in(boss):
    # ａｌｉｃｅ was created as an admin beside alice (audit): refused now, as a look-alike of a name or not
    # NFKC-stable; a name stored before (folding it at sign-in locked such accounts out: review) still works
    boss.execute(
        "insert into users (username, display_name, password_hash, roles) values ('ｊｏｈｎ', 'John', ?, ['manager'])",
        [users.hash_password("a-good-passphrase")],
    )
    assert users.attempt_sign_in(boss, "ｊｏｈｎ", "a-good-passphrase", NOW).status == "ok"
    with pytest.raises(users.UserError) as refused:
        users.create_user(
            boss, username="john", display_name="John 2", password="a-good-passphrase", roles=["manager"]
        )
    assert refused.value.key == "users.err.taken"
    users.create_user(
        boss, username="alice", display_name="Alice", password="a-good-passphrase", roles=["manager"]
    )
    with pytest.raises(users.UserError):
        users.create_user(
            boss, username="ａｌｉｃｅ", display_name="Alice 2", password="a-good-passphrase", roles=["admin"]
        )


def test_user_changes_are_audited_with_what_was_given_and_what_it_replaced(boss):
    # a creation row held only the roles, a change only the new value (audit of the admin pages)
    import json

    from portal.logs import readable_details

    users.create_user(
        boss, username="north", display_name="North Manager", password="a-good-passphrase", roles=["manager"],
        scope_region_id=1, created_by="boss",
    )  # fmt: skip
    users.update_user(boss, "north", changed_by="boss", scope_region_id=2, display_name="North 2")
    rows = [
        json.loads(d)
        for (d,) in boss.execute(
            "select details from audit_log where target = 'user:north' and action = 'user_change' order by audit_id"
        ).fetchall()
    ]
    assert rows[0] == {"created": True, "roles": ["manager"], "display_name": "North Manager", "region": "R1"}
    assert rows[1] == {
        "region": "R2", "display_name": "North 2", "was": {"region": "R1", "display_name": "North Manager"}
    }  # fmt: skip
    assert (
        readable_details(rows[1], "zh")
        == "区域：R2 · 显示名称：North 2 · 原值：区域：R1；显示名称：North Manager"
    )
