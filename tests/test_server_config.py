"""The server's own configuration (.streamlit/config.toml), read as `make run` starts it."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_server_watches_no_source_file():
    # without the watchdog package, Streamlit's default watcher polls every module of the portal every 0.2 s, on a
    # server nobody edits (bench/HISTORY.md, session 45: ~2 ms of CPU a second with one session open)
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["fileWatcherType"] == "none"
    run = (ROOT / "Makefile").read_text(encoding="utf-8").split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "fileWatcherType" not in run  # make run keeps the setting
