"""Sessions that end (issue 15 item 1): a sign-in cookie stops working after sign-out, a password change, a
role / scope / active change and a lockout; forged or malformed cookies read as "signed out"; names match
the same way at sign-in and lockout; sign-in events are audited once."""

import base64
import json
import time

import jwt
import pytest

from portal import sessions, users
from tests import fixtures

KEY = "session-test-key-" + "x" * 32
NOW = time.time()


@pytest.fixture(autouse=True)
def fast_bcrypt(monkeypatch):
    monkeypatch.setenv("PORTAL_BCRYPT_ROUNDS", "4")
    sessions._AUDITED_REFUSALS.clear()


@pytest.fixture
def people(con):
    users.create_user(con, username="boss", display_name="Boss", password="right-password", roles=["admin"])
    users.create_user(
        con,
        username="north",
        display_name="North",
        password="right-password",
        roles=["manager"],
        scope_region_id=1,
    )
    return con


def _cookie(con, name="north", password="right-password"):
    """What the browser holds after a password sign-in: the token of that session."""
    result = users.attempt_sign_in(con, name, password)
    assert result.status == "ok"
    return sessions.issue(result.user, result.session_id, KEY, 7)


def _audit(con, action):
    return con.execute(
        "select username, target, details::varchar from audit_log where action = ? order by audit_id",
        [action],
    ).fetchall()


def test_a_cookie_signs_in_until_sign_out_and_never_after(people):
    cookie = _cookie(people)
    assert sessions.user_for_cookie(people, cookie, KEY).username == "north"
    assert sessions.user_for_cookie(people, cookie, KEY).username == "north"  # a second page load
    sessions.end_sessions(people, "north")
    assert sessions.user_for_cookie(people, cookie, KEY) is None
    # audited: one login (the password), one logout, one refused cookie (not one per page load)
    assert len(_audit(people, "login")) == 1
    assert [r[0] for r in _audit(people, "logout")] == ["north"]
    assert sessions.user_for_cookie(people, cookie, KEY) is None
    refused = _audit(people, "login_failed")
    assert len(refused) == 1 and '"reason": "ended"' in refused[0][2] and '"via": "cookie"' in refused[0][2]


@pytest.mark.parametrize(
    "change",
    [
        lambda con: users.set_password(con, "north", "brand-new-pass", changed_by="boss"),
        lambda con: users.update_user(con, "north", changed_by="boss", roles=["team_lead"], scope_team_id=1),
        lambda con: users.update_user(con, "north", changed_by="boss", scope_region_id=2),
        lambda con: users.update_user(con, "north", changed_by="boss", is_active=False),
    ],
    ids=["password", "role", "scope", "deactivated"],
)
def test_every_change_of_rights_ends_the_cookies_issued_before(people, change):
    cookie = _cookie(people)
    change(people)
    assert sessions.user_for_cookie(people, cookie, KEY) is None


def test_a_display_name_change_keeps_the_session(people):
    cookie = _cookie(people)
    users.update_user(people, "north", changed_by="boss", display_name="North East")
    assert sessions.user_for_cookie(people, cookie, KEY).display_name == "North East"


def test_a_lockout_ends_the_sessions_and_names_match_in_any_case(people):
    cookie = _cookie(people)
    for spelling in ("NORTH", "North", " north ", "nOrth", "NORTH"):  # five failures, five spellings
        assert users.attempt_sign_in(people, spelling, "wrong-password").status == "failed"
    assert users.attempt_sign_in(people, "north", "right-password").status == "locked"
    assert sessions.user_for_cookie(people, cookie, KEY) is None
    assert [r[0] for r in _audit(people, "lockout")] == ["north"]
    assert {r[0] for r in _audit(people, "login_failed") if "cookie" not in r[2]} == {"north"}


def _forge(payload, key=KEY, alg="HS256"):
    return jwt.encode(payload, key, algorithm=alg)


def _b64(obj) -> str:
    return base64.urlsafe_b64encode(json.dumps(obj).encode()).rstrip(b"=").decode()


def test_forged_and_malformed_cookies_read_as_signed_out(people):
    good = _cookie(people, "boss")
    claims = sessions.read(good, KEY)
    payload = {"username": "boss", "exp_date": NOW + 3600, "sv": 0, "sid": claims.session_id}
    head, body, sig = good.split(".")
    tampered_body = _b64({**payload, "username": "north"})
    forged = [
        _b64({"alg": "none", "typ": "JWT"}) + "." + _b64(payload) + ".",  # alg none
        _forge(payload, key="another-key-" + "y" * 32),  # wrong signature
        _forge(payload, alg="HS512"),  # another algorithm with the right key
        f"{head}.{tampered_body}.{sig}",  # changed payload, old signature
        f"{head}.{body}.{sig[:-4]}AAAA",  # changed signature
        _forge({**payload, "exp_date": NOW - 1}),  # expired
        _forge({**payload, "sv": "0"}),  # wrong types
        _forge({"username": "boss"}),  # missing claims
        "garbage",
        "a.b.c",
        "x" * 10_000,
        "",
        None,
        "\u202egarbage\x00",
    ]
    for token in forged:
        assert sessions.read(token, KEY) is None, token
        assert sessions.user_for_cookie(people, token, KEY) is None, token
    assert sessions.user_for_cookie(people, good, KEY).username == "boss"


def test_only_hs256_tokens_of_the_key_are_issued(people):
    token = _cookie(people, "boss")
    header = json.loads(base64.urlsafe_b64decode(token.split(".")[0] + "=="))
    assert header["alg"] == "HS256"
    claims = sessions.read(token, KEY)
    assert claims.username == "boss" and claims.session_version == 0 and claims.expires_at > NOW


def test_a_sections_own_rerun_reads_the_user_again_and_reruns_the_page_on_a_change(people, monkeypatch):
    # issue 14: a section (st.fragment) reruns without app.py, so without sign_in's checks; ui.still_signed_in
    # reads the user again and asks for a whole-page rerun (which signs out or refuses) when anything changed
    from types import SimpleNamespace

    from portal.ui import signin

    state: dict = {}
    reruns: list[str] = []
    ctx = SimpleNamespace(fragment_ids_this_run=["a section"])
    monkeypatch.setattr(signin, "connection", lambda: people)
    monkeypatch.setattr(signin, "get_script_run_ctx", lambda suppress_warning=False: ctx)
    monkeypatch.setattr(signin.st, "session_state", state)
    monkeypatch.setattr(signin.st, "rerun", lambda scope="app": reruns.append(scope))

    state["portal_user"] = users.load_user(people, "north")
    signin.still_signed_in()
    assert reruns == []  # unchanged: the section goes on
    users.update_user(people, "north", changed_by="boss", scope_region_id=2)
    signin.still_signed_in()
    assert reruns == ["app"]  # the scope changed: the whole page again
    state["portal_user"] = users.load_user(people, "north")
    sessions.end_sessions(people, "north")  # signed out in another browser
    signin.still_signed_in()
    assert reruns == ["app", "app"]
    state["portal_user"] = users.load_user(people, "north")
    users.update_user(people, "north", changed_by="boss", is_active=False)
    signin.still_signed_in()
    assert reruns == ["app"] * 3
    state.clear()  # no one signed in
    signin.still_signed_in()
    assert reruns == ["app"] * 4
    ctx.fragment_ids_this_run = None  # a whole-page run: app.py has just checked, nothing read here
    monkeypatch.setattr(signin, "connection", lambda: pytest.fail("a full run reads nothing here"))
    state["portal_user"] = users.load_user(people, "boss")
    signin.still_signed_in()
    assert reruns == ["app"] * 4


def test_a_cookie_of_another_databases_user_of_the_same_name_signs_nobody_in(people, tmp_path):
    # fresh-install probe: a demo database's "admin" cookie (session version 0, the same cookie key kept in
    # .streamlit/secrets.toml) signed in to a new real database's "admin" without a password
    cookie = _cookie(people)
    other = fixtures.build_fixture_db(tmp_path / "other.duckdb")
    users.create_user(
        other, username="north", display_name="Real North", password="another-pass-2026", roles=["admin"]
    )
    assert users.load_user(other, "north").session_version == 0  # the same name and version as the cookie's
    assert sessions.user_for_cookie(other, cookie, KEY) is None
    refused = _audit(other, "login_failed")
    assert len(refused) == 1 and '"reason": "other_account"' in refused[0][2]
    assert (
        sessions.user_for_cookie(people, cookie, KEY).username == "north"
    )  # its own database still takes it


def test_a_cookie_issued_before_it_carried_its_account_is_refused(people):
    result = users.attempt_sign_in(people, "north", "right-password")
    payload = {"username": "north", "exp_date": time.time() + 3600, "sv": 0, "sid": result.session_id}
    assert sessions.user_for_cookie(people, jwt.encode(payload, KEY, algorithm="HS256"), KEY) is None
