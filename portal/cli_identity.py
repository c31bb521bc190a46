"""Who runs a command-line write (issue 15 item 3): the operating-system user, or a portal user it signs in.

Without ``--user`` the batch and the audit rows name the operating-system account (``getpass.getuser()``,
recorded as ``os:<name>``): whoever can run the command can open the database file anyway, so it acts with
every right. With ``--user NAME`` the command signs that portal user in (the password from
``PORTAL_CLI_PASSWORD`` or asked on the terminal; the same check, lockout and audit as the web form) and
acts with that user's roles and scope, so a region manager's command-line import stays inside the region.
A free name is never recorded unchecked.
"""

from __future__ import annotations

import getpass
import os
import sys

from portal.auth import User
from portal.scope import Scope

EXIT_REFUSED = 2  # sign-in refused: like bad usage or setup (0 done, 1 invalid input, 3 the write failed)


class CliSignInRefused(RuntimeError):
    pass


def os_user_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (some containers)
        return f"uid{os.getuid()}" if hasattr(os, "getuid") else "unknown"


def cli_user(con, username: str | None) -> User:
    """The user a command acts as; raises ``CliSignInRefused`` (message for stderr) when the sign-in fails."""
    if not username:
        return User(f"os:{os_user_name()}", "command line", ("admin",), Scope.everything())
    from portal import users

    password = os.environ.get("PORTAL_CLI_PASSWORD")
    if password is None:
        if not sys.stdin.isatty():
            raise CliSignInRefused(
                f"--user {username}: no password (set PORTAL_CLI_PASSWORD or run on a terminal)"
            )
        password = getpass.getpass(f"Password for {username}: ")
    result = users.attempt_sign_in(con, username, password)
    if result.status != "ok" or result.user is None:
        reason = "locked" if result.status == "locked" else "wrong username or password"
        raise CliSignInRefused(f"--user {username}: sign-in refused ({reason})")
    return result.user
