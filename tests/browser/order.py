"""The browser tier's module order (tests/browser/conftest.py sorts the collected tests by it)."""

from __future__ import annotations

# The slowest modules first: `make browser` spreads the tier over its workers by module (`-n N --dist
# loadfile`, N from tests/workers.py, each worker with its own servers and databases), and a long module picked up last would run alone.
# The order holds only with `--no-loadscope-reorder`: without it pytest-xdist queues the modules by their number of
# tests, most first, and the one-test scope matrix (the longest) started last.
SLOW_FIRST = (
    "test_scope_matrix_browser",
    "test_kill_server_browser",
    "test_soak_browser",  # 60 s of load whatever else runs, plus its sessions' start: 1.5-2 minutes
    "test_tablet_browser",
    "test_dashboard_browser",
    "test_signin_browser",
    "test_scorecards_browser",
    "test_fives_form_kill_browser",
    "test_fives_browser",
    # the rest longest first as well (seconds in session 56's tier), so that the last ones to start are short and
    # the workers end together; a module not listed runs after these
    "test_fives_upload_browser",  # 67
    "test_satisfaction_browser",  # 60
    "test_fives_form_browser",  # 53
    "test_fives_radar_browser",  # 52
    "test_import_browser",  # 40
    "test_upload_refusals_browser",  # 36
    "test_qa_browser",  # 32
    "test_fives_form_refused_browser",  # 32
    "test_menu_click_browser",  # 31
    "test_bench_clicks_browser",  # 25
    "test_sessions_browser",  # 24
    "test_value_mapping_browser",  # 23
    "test_landing_browser",  # 23
    "test_sidebar_lock_layout_browser",  # 21
    "test_overview_browser",  # 19
    "test_admin_browser",  # 18
    "test_open_page_browser",  # 8
)
