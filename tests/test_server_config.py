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


def test_make_run_gives_streamlit_the_upload_limit_the_portal_reads():
    # PORTAL_UPLOAD_LIMIT_MB=abc (or 0, -5, 1.5) went to --server.maxUploadSize as written: Streamlit refused to
    # start while the portal read 200 (or 1). The recipe asks the portal for the limit it reads.
    run = (ROOT / "Makefile").read_text(encoding="utf-8").split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "$(PORTAL_UPLOAD_LIMIT_MB)" not in run
    assert "-m portal upload-limit" in run
    assert "--server.maxUploadSize $$limit" in run
