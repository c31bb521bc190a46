"""Run-time configuration, all from the environment (documented in the README)."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def upload_limit_mb() -> int:
    """Largest accepted upload in MB: ``PORTAL_UPLOAD_LIMIT_MB`` (default 200)."""
    try:
        return max(1, int(os.environ.get("PORTAL_UPLOAD_LIMIT_MB", "200")))
    except ValueError:
        return 200
