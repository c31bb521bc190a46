"""The notice that a file's times carry no time zone names the zone they are read in as the preview's caption
names it (zones.zone_name): 北京时间 / Beijing time, not the IANA name. Round 1 (Upload page, zh): the notices
said "按 Asia/Shanghai 读取" under a preview captioned "时间为北京时间"."""

from __future__ import annotations

import pytest

from portal.auth import User
from portal.i18n import t
from portal.ingest import pipeline, registry
from portal.scope import Scope

ADMIN = User("t_admin", "Test Admin", ("admin",), Scope.everything())
# two complaints whose received times carry no zone (a first response for one of them)
CSV = b"""source_id,received_at,channel,store_code,agent_code,first_response_at,status
Z-1,2026-03-02 09:00,hotline,S001,A001,2026-03-02 10:00,open
Z-2,2026-03-03 09:00,hotline,S001,A001,,open
"""


@pytest.mark.parametrize(
    ("zone", "lang", "said"),
    [
        ("Asia/Shanghai", "zh", "received_at：2 个时间未带时区，按北京时间读取并以 UTC 保存。"),
        (
            "Asia/Shanghai",
            "en",
            "2 times carry no time zone; they are read as Beijing time and stored in UTC.",
        ),
        ("Etc/GMT-8", "zh", "2 个时间未带时区，按UTC+8读取并以 UTC 保存。"),
    ],
)
def test_the_zone_assumed_for_the_files_times_is_named_as_the_preview_names_it(con, zone, lang, said):
    kind = registry.kind("complaints")
    raw = pipeline.read(con, kind, CSV, "z.csv", None, lang)
    options = pipeline.ImportOptions(timezone=zone)
    prepared = pipeline.prepare(con, kind, raw, None, options, ADMIN)
    shown = [
        t(key, lang, **values) for key, values in prepared.notices if key == "ingest.notice.zone_assumed"
    ]
    assert len(shown) == 2  # received_at (2 times), first_response_at (1)
    assert said in shown[0], shown
    assert "Asia/Shanghai" not in " ".join(shown) and "Etc/GMT" not in " ".join(shown)
