"""The server's own configuration (.streamlit/config.toml), read as `make run` starts it."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_server_watches_no_source_file():
    # issue 14: without the watchdog package, Streamlit's default watcher polls every module of the portal every
    # 0.2 s (py-spy on a server started without this setting: a quarter of its CPU while a user switched pages)
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["fileWatcherType"] == "none"
    run = (ROOT / "Makefile").read_text(encoding="utf-8").split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "fileWatcherType" not in run  # make run keeps the setting
