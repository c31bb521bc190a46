"""Sign-in does not tell whether a user name exists: not by its cost (one bcrypt check at the configured cost on
every path), not by its lockout (an unknown name locks and unlocks exactly as an account does)."""

from datetime import datetime, timedelta

import bcrypt
import pytest

from portal import passwords, users

NOW = datetime(2026, 11, 23, 9, 0, 0)


@pytest.fixture
def people(con, monkeypatch):
    # cost 5, not the tests' usual 4: the dummy hash of an unknown name was built at cost 4 whatever the setting
    monkeypatch.setenv("PORTAL_BCRYPT_ROUNDS", "5")
    users.create_user(con, username="boss", display_name="Boss", password="right-password", roles=["admin"])
    for name in ("locked1", "gone1"):
        users.create_user(con, username=name, display_name=name, password="right-password", roles=["admin"])
    con.execute("update users set locked_until = ? where username = 'locked1'", [NOW + timedelta(minutes=5)])
    con.execute("update users set is_active = false where username = 'gone1'")
    return con


@pytest.fixture
def checks(monkeypatch):
    """The cost of each bcrypt check made (the ``$2b$NN$`` of the hash checked against)."""
    costs = []
    real_check = bcrypt.checkpw

    def check(password, hashed):
        costs.append(int(hashed.split(b"$")[2]))
        return real_check(password, hashed)

    monkeypatch.setattr(passwords.bcrypt, "checkpw", check)
    return costs


@pytest.mark.parametrize(
    ("name", "password", "status"),
    [
        ("boss", "right-password", "ok"),
        ("boss", "wrong-password", "failed"),
        ("nobody", "wrong-password", "failed"),  # unknown: the dummy hash, at cost 4 before
        ("locked1", "right-password", "locked"),  # locked: refused with no check before
        ("gone1", "right-password", "failed"),  # inactive: refused with no check before
    ],
)
def test_every_path_makes_one_check_at_the_configured_cost(people, checks, name, password, status):
    assert users.attempt_sign_in(people, name, password, NOW).status == status
    assert checks == [5]


def _tries(con, name, minutes_after):
    return [
        users.attempt_sign_in(con, name, "wrong-password", NOW + timedelta(minutes=m)).status
        for m in minutes_after
    ]


def test_an_unknown_name_locks_and_unlocks_as_an_account_does(people):
    # five failures lock for 15 minutes; a try while locked does not extend it; at its end the count restarts.
    # An unknown name was judged on a sliding window over every failure: kept trying, it stayed locked for good.
    minutes = [0, 0, 0, 0, 0, 1, *range(2, 15), 15.5, 16, 17, 18, 19, 20, 36]
    expected = ["failed"] * 5 + ["locked"] * 14 + ["failed"] * 5 + ["locked", "failed"]
    assert _tries(people, "boss", minutes) == expected
    assert _tries(people, "ghost", minutes) == expected


def test_an_unknown_name_restarts_its_count_after_a_lockout_only(people):
    people.execute("insert into settings (key, value) values ('lockout_max_attempts', '2')")
    assert _tries(people, "ghost", [0, 0, 1, 16, 17]) == ["failed", "failed", "locked", "failed", "failed"]
    assert _tries(people, "ghost", [18]) == ["locked"]
    rows = people.execute(
        "select action, details ->> 'attempt', details ->> 'locked_until' from audit_log "
        "where username = 'ghost' order by audit_id"
    ).fetchall()
    assert [r for r in rows if r[0] == "lockout"] == [
        ("lockout", None, "2026-11-23 09:15:00"),
        ("lockout", None, "2026-11-23 09:32:00"),
    ]


def test_the_dummy_hash_is_built_when_the_portal_starts_not_at_the_first_unknown_name(
    people, checks, monkeypatch
):
    # app.py warms it once per process: the first unknown name's refusal made a bcrypt hash AND a check (two
    # costs against a real account's one); now it makes the check alone
    passwords._dummy_hash.cache_clear()
    monkeypatch.setattr(passwords, "_warming", [])
    passwords.warm_dummy_hash().join(timeout=30)
    built = []
    real_hash = bcrypt.hashpw
    monkeypatch.setattr(passwords.bcrypt, "hashpw", lambda *a: built.append(a) or real_hash(*a))
    assert users.attempt_sign_in(people, "nobody", "wrong-password", NOW).status == "failed"
    assert (built, checks) == ([], [5])
    assert passwords.warm_dummy_hash() is passwords.warm_dummy_hash()  # one thread per process
