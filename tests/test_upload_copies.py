"""Upload copies a killed server left behind are swept (reliability probe: a kill -9 or an abort never runs the
copies' finalizers; 44 portal-upload-* folders, one with 25 MB of complaint data, stayed in /tmp)."""

from __future__ import annotations

import os
import time

from portal import ui_upload_file


def test_stale_upload_folders_are_swept_and_fresh_ones_kept(tmp_path):
    old = tmp_path / "portal-upload-old"
    fresh = tmp_path / "portal-upload-fresh"
    other = tmp_path / "someone-else-old"
    for folder in (old, fresh, other):
        folder.mkdir()
        (folder / "upload.csv").write_text("id\n1\n")
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(old, (two_days_ago, two_days_ago))
    os.utime(other, (two_days_ago, two_days_ago))
    assert ui_upload_file.sweep_stale_copies(tmp_path) == 1
    assert not old.exists() and fresh.exists() and other.exists()
