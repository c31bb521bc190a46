"""Passwords: bcrypt only (its cost from ``PORTAL_BCRYPT_ROUNDS``), the rules a new password meets, the check.

Part of the users' logic (``portal.users`` imports these names: ``users.hash_password`` & co.)."""

from __future__ import annotations

import hashlib
import threading
import unicodedata
from functools import cache

import bcrypt

from portal import config

MIN_PASSWORD_LENGTH = 8


def _error(key: str, **values):
    from portal.users import UserError  # the one error type of user input (portal.users imports this module)

    return UserError(key, **values)


def _rounds() -> int:
    return int(config.env_number("PORTAL_BCRYPT_ROUNDS", 12, 4, 15))


@cache
def _dummy_hash(rounds: int) -> str:
    """What a name without a usable hash is checked against: built at the configured cost, so that a refusal of
    an unknown name costs what a real account's does (at a fixed cost 4 it answered in ~4 ms against ~240 ms)."""
    return bcrypt.hashpw(b"timing-equaliser", bcrypt.gensalt(rounds)).decode()


_warming: list[threading.Thread] = []
_warming_lock = threading.Lock()


def warm_dummy_hash() -> threading.Thread:
    """Build the dummy hash once per process, in the background, when the portal starts (app.py): otherwise the
    first unknown name's refusal paid for building it as well as checking it, twice a real account's time. bcrypt
    releases the GIL, so no page waits on it. Returns the thread (a test joins it)."""
    with _warming_lock:
        if not _warming:
            thread = threading.Thread(
                target=lambda: _dummy_hash(_rounds()), name="portal-dummy-hash", daemon=True
            )
            thread.start()
            _warming.append(thread)
        return _warming[0]


def hash_password(password: str, username: str | None = None) -> str:
    check_password_rules(password, username)
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(_rounds())).decode()


# the passwords tried first by anyone guessing (the top of the public leaked-password lists, 8 characters or
# more), compared case-insensitively: refused whatever their length
COMMON_PASSWORDS = frozenset(
    """password password1 password123 passw0rd 12345678 123456789 1234567890 0123456789 87654321 11111111
    00000000 88888888 66666666 12341234 11223344 qwertyui qwertyuiop qwerty123 1qaz2wsx 1q2w3e4r 1q2w3e4r5t
    abcd1234 abc12345 a1234567 abcdefgh iloveyou admin123 administrator letmein1 welcome1 welcome123
    changeme sunshine football baseball superman trustno1 zaq12wsx asdfghjk woaini1314 5201314520""".split()
)


def check_password_rules(password: str, username: str | None = None) -> None:
    """At least MIN_PASSWORD_LENGTH characters, at most 72 bytes (bcrypt's limit), not only spaces, not one of
    the commonest passwords, not the user name."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise _error("users.err.password_short", n=MIN_PASSWORD_LENGTH)
    if len(password.encode("utf-8")) > 72:
        raise _error("users.err.password_long")
    if not password.strip():
        raise _error("users.err.password_blank")
    folded = unicodedata.normalize("NFKC", password).strip().casefold()
    if folded in COMMON_PASSWORDS or len(set(folded)) == 1:
        raise _error("users.err.password_common")
    if username and folded == username.strip().casefold():
        raise _error("users.err.password_username")


def verify_password(password: str, password_hash: str | None) -> bool:
    """One bcrypt check; with no hash (an unknown name), one against a dummy hash at the configured cost."""
    try:
        return bcrypt.checkpw(password.encode("utf-8"), (password_hash or _dummy_hash(_rounds())).encode())
    except ValueError:
        return False


def account_mark(password_hash: str | None) -> str:
    """What a sign-in cookie carries to name this database's account (``User.account``): 24 hex digits of the
    SHA-256 of its bcrypt hash. A demo database's "admin" and a real one's, both at session version 0, are
    different accounts: a cookie of the one no longer signs in to the other (fresh-install probe)."""
    return hashlib.sha256((password_hash or "").encode()).hexdigest()[:24]
