"""Numeric environment settings: a value that is no number falls back to the default, and each is kept in its
range (fresh-install probe: PORTAL_COOKIE_DAYS=abc raised on every sign-in, PORTAL_BCRYPT_ROUNDS=abc in
create-admin, PORTAL_BCRYPT_ROUNDS=20 silently became 15)."""

from __future__ import annotations

import pytest

from portal import config, passwords
from portal.ui import signin


@pytest.mark.parametrize(
    ("text", "rounds"), [("abc", 12), ("", 12), ("nan", 12), ("20", 15), ("2", 4), ("10", 10)]
)
def test_bcrypt_rounds(monkeypatch, text, rounds):
    monkeypatch.setenv("PORTAL_BCRYPT_ROUNDS", text)
    assert passwords._rounds() == rounds


@pytest.mark.parametrize(("text", "days"), [("abc", 7), ("2", 2), ("0", 1 / 24), ("0.5", 0.5)])
def test_cookie_days(monkeypatch, text, days):
    monkeypatch.setenv("PORTAL_COOKIE_DAYS", text)
    assert signin._cookie_days() == pytest.approx(days)


def test_env_number_default_when_unset(monkeypatch):
    monkeypatch.delenv("PORTAL_SOME_NUMBER", raising=False)
    assert config.env_number("PORTAL_SOME_NUMBER", 3, 1) == 3


@pytest.mark.parametrize(
    ("text", "limit"),
    [("abc", "200"), ("1.5", "200"), ("", "200"), ("0", "1"), ("-5", "1"), ("300", "300"), (" 50 ", "50")],
)
def test_upload_limit_command_prints_the_limit_the_portal_reads(monkeypatch, capsys, text, limit):
    # `make run` gives Streamlit's --server.maxUploadSize what this prints: before, it passed the setting as
    # written, and abc, 0, -5 or 1.5 stopped Streamlit from starting while the portal read 200 or 1
    from portal import cli

    monkeypatch.setenv("PORTAL_UPLOAD_LIMIT_MB", text)
    assert cli.main(["upload-limit"]) == 0
    assert capsys.readouterr().out == limit + "\n"
