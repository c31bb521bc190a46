"""Realistic exports end to end (issue 9, "Done when"): each file of tests/corpus/exports/ is imported through the
command line (``python -m portal import complaints FILE`` with the maps a user would pass) into a fresh fixture
database, and every row is accounted for: kept (with its own value, a mapped one, or *other*) or refused with a
reason. The stored figures are compared with numbers worked out by hand below (times in hours; UTC offsets:
New York EST -5 until 2026-03-08, EDT -4 from then; Los Angeles PST -8 / PDT -7, same date; Berlin CET +1;
Shanghai +8 all year).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from portal import db
from tests import fixtures
from tests.corpus.exports import make_corpus

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus" / "exports"


def _maps(**fields: str) -> list[str]:
    return [a for f, c in fields.items() for a in ("--map", f"{f}={c}")]


def _values(*pairs: str) -> list[str]:
    return [a for p in pairs for a in ("--map-value", p)]


@dataclass(frozen=True)
class Expect:
    args: list[str]
    kept: int
    refused: dict[int, tuple[str, str]]  # file row -> (column, words of the reason)
    channels: dict[str, int]
    statuses: dict[str, int]
    groups: dict[str, int]
    severities: dict[str, int] | None = None
    frt_median: float | None = None  # first response, precise stamps only
    stamps: dict[str, str] = field(default_factory=dict)  # source_id -> received_at (UTC) as stored
    before: list[str] = field(default_factory=list)  # portal commands run first


EXPECT = {
    # 10 rows: 1003 Mobile -> app, 1005 Chat -> online, 1006 Walk-in -> in_store, 1002 Voicemail -> hotline,
    # 1007 Twitter -> social_media, 1008 Fax -> other; 1010's "3/32/2026" is no date: refused.
    # FRT: 1001 1.5, 1002 3, 1004 24, 1005 0.5, 1006 2, 1007 1/3, 1008 0 (1009 replied before receipt: left
    # out; 1003 none) -> sorted 0, 1/3, 0.5, 1.5, 2, 3, 24 -> median 1.5.
    "zendesk_us.csv": Expect(
        args=_maps(
            source_id="Id",
            received_at="Created at",
            channel="Via",
            status="Status",
            severity="Priority",
            store_code="Store",
            agent_code="Assignee",
            first_response_at="First reply at",
            resolved_at="Solved at",
            category="Ticket type",
        )
        + ["--timezone", "America/New_York", "--add-missing", "--skip-invalid", "--source", "zendesk"],
        kept=9,
        refused={11: ("Created at", "Not a date")},
        channels={
            "online": 3,
            "hotline": 1,
            "app": 1,
            "email": 1,
            "in_store": 1,
            "social_media": 1,
            "other": 1,
        },
        # Pending -> open; On-hold (waiting on another party, answered at 12:00 PM) -> responded, as 挂起
        statuses={"resolved": 4, "closed": 2, "open": 2, "responded": 1},
        groups={
            "price": 1,  # Pricing
            "service_attitude": 1,  # Staff attitude
            "delivery": 2,  # Delivery, Shipping
            "returns_after_sales": 1,
            "product_quality": 1,  # Product defect
            "store_environment": 1,  # Cleanliness
            "other": 2,  # Promotions, (blank)
        },
        severities={"high": 3, "normal": 4, "low": 2},  # Urgent -> high
        frt_median=1.5,
        # 9:00 AM EST -> 14:00 UTC; 3/3 8:00 PM EST -> 3/4 01:00 UTC; 3/9 10:00 AM EDT -> 14:00 UTC
        stamps={"1001": "2026-03-02 14:00:00", "1003": "2026-03-04 01:00:00", "1006": "2026-03-09 14:00:00"},
    ),
    # ';' and dotted day-first dates, Berlin (+1). Working / Escalated -> responded (--map-value); Partner
    # Portal nobody mapped -> other; row 9 repeats case 00001007 (row 8), row 10 has no received time.
    "salesforce_eu.csv": Expect(
        args=_maps(
            source_id="Case Number",
            received_at="Date/Time Opened",
            channel="Case Origin",
            status="Status",
            severity="Priority",
            category="Type",
            agent_code="Case Owner",
            store_code="Store Code",
            closed_at="Date/Time Closed",
        )
        + _values("status:Working=responded", "status:Escalated=responded")
        + _values("category:Staff behaviour=service_attitude")
        + ["--timezone", "Europe/Berlin", "--skip-invalid", "--source", "salesforce"],
        kept=8,
        refused={9: ("Case Number", "same key appears earlier"), 10: ("Date/Time Opened", "required")},
        channels={"hotline": 2, "email": 2, "online": 1, "in_store": 1, "other": 2},  # Fax, Partner Portal
        statuses={"closed": 4, "responded": 3, "open": 1},
        groups={
            "product_quality": 1,
            "delivery": 2,  # Delivery problem, Late delivery
            "other": 2,  # Billing, Noise: no keyword
            "service_attitude": 1,  # Staff behaviour, by the value map
            "returns_after_sales": 1,  # Refund
            "price": 1,
        },
        severities={"high": 3, "normal": 3, "low": 2},  # Medium -> normal
        stamps={"00001001": "2026-03-02 08:00:00", "00001010": "2026-03-09 15:20:00"},
    ),
    # GBK with Chinese headers: every column found without --map. 微信 -> social_media, 网上投诉 -> online,
    # 12315 and 美团 -> other; 已办结 / 已转办 -> closed; GD009 is date-only; GD010's store S009 is unknown.
    # FRT (precise): GD001 0.5, GD002 1, GD003 1/3, GD004 13, GD006 1, GD007 0.5, GD008 1/12 -> median 0.5.
    "chinese_helpdesk_gbk.csv": Expect(
        args=["--skip-invalid", "--source", "helpdesk"],
        kept=9,
        refused={11: ("门店编码", "Unknown store code")},
        channels={"hotline": 3, "social_media": 1, "in_store": 1, "app": 1, "other": 2, "online": 1},
        statuses={"closed": 3, "responded": 1, "resolved": 4, "open": 1},
        groups={
            "product_quality": 2,  # 商品质量问题, 商品过期
            "service_attitude": 1,  # 服务态度差
            "returns_after_sales": 1,  # 退货退款
            "delivery": 1,  # 配送超时
            "price": 2,  # 价格欺诈, 收银员多收钱
            "store_environment": 1,  # 门店卫生脏乱
            "other": 1,  # 其他
        },
        severities={"high": 3, "normal": 4, "low": 2},
        frt_median=0.5,
        # 9:30 Beijing -> 01:30 UTC; 下午 2:30 -> 06:30 UTC; a date-only stamp keeps its date, unshifted
        stamps={
            "GD001": "2026-03-02 01:30:00",
            "GD002": "2026-03-02 06:30:00",
            "GD009": "2026-03-09 00:00:00",
        },
    ),
    # No id column: derived ids; row 9 repeats row 2 exactly (the same id): refused as a duplicate. UNKNOWN is
    # read as no value -> other; Assigned -> open; the close before receipt (row 10) is left out, the row kept.
    "nyc311_no_id.csv": Expect(
        args=_maps(
            received_at="Created Date",
            closed_at="Closed Date",
            category="Complaint Type",
            status="Status",
            channel="Open Data Channel Type",
        )
        + ["--timezone", "America/New_York", "--skip-invalid", "--source", "nyc311"],
        kept=9,
        refused={9: ("Complaint id (source system)", "same key appears earlier")},  # no id column: the label
        channels={"hotline": 2, "online": 3, "app": 2, "other": 2},
        statuses={"closed": 6, "open": 2, "responded": 1},
        groups={"store_environment": 2, "other": 7},  # Noise, Illegal Parking, Rodent, ... are no store's
        severities={"normal": 9},
    ),
    # Date-only received dates, no response times; company responses as statuses (two mapped to closed,
    # "Untimely response" to no value: the stamps say open). Not one product is a retail group.
    "cfpb_date_only.csv": Expect(
        args=_maps(
            source_id="Complaint ID",
            received_at="Date received",
            category="Product",
            channel="Submitted via",
            status="Company response to consumer",
        )
        + _values(
            "status:Closed with monetary relief=closed",
            "status:Closed with non-monetary relief=closed",
            "status:Untimely response=",
        )
        + ["--timezone", "America/New_York", "--source", "cfpb"],
        kept=12,
        refused={},
        channels={"online": 5, "other": 4, "hotline": 2, "email": 1},  # Referral x2, Postal mail, Fax
        statuses={"closed": 8, "responded": 3, "open": 1},
        groups={"other": 12},  # "Bank account or service" is not service attitude
        stamps={"9000001": "2026-03-02 00:00:00", "9000012": "2026-03-09 00:00:00"},
    ),
    # Offsets win (no zone asked): +08:00, Z, -05:00 and +0800. Portal / Chat -> online; Feedback Widget,
    # Outbound Email -> other; "Waiting on Customer" unmapped: the stamps say responded; 2026-13-01 refused.
    # FRT: 5001 0.5, 5002 0.25, 5004 0.5, 5005 1/6, 5006 1, 5007 0.75, 5008 1, 5010 1/3 -> median 0.5.
    "freshdesk_offsets.csv": Expect(
        args=_maps(
            source_id="Ticket ID",
            received_at="Created time",
            channel="Source",
            status="Status",
            severity="Priority",
            category="Type",
            agent_code="Agent",
            store_code="Shop",
            resolved_at="Resolved time",
            closed_at="Closed time",
            first_response_at="Initial response time",
        )
        + ["--skip-invalid", "--source", "freshdesk"],
        kept=9,
        refused={10: ("Created time", "Not a date")},
        channels={"email": 2, "hotline": 3, "online": 2, "other": 2},
        statuses={"closed": 3, "resolved": 3, "open": 2, "responded": 1},
        groups={
            "returns_after_sales": 3,
            "product_quality": 2,  # Defective product, Damaged goods
            "other": 1,  # Question
            "delivery": 1,
            "price": 1,
            "service_attitude": 1,  # Staff rude
        },
        severities={"normal": 4, "high": 3, "low": 2},
        frt_median=0.5,
        stamps={"5003": "2026-03-03 15:00:00", "5002": "2026-03-02 03:00:00", "5007": "2026-03-06 01:00:00"},
    ),
    # A notes sheet first: the ticket sheet is read. 微信公众号 -> social_media by --map-value, 在线客服 ->
    # online, 抖音 -> social_media; the closed column holds dates only. 问题分类 and 客服工号 are not among the
    # known headers: mapped by the user.
    # FRT: 1/3, 0.5, 1/12, 1/6, 0.5, 1/30, 0.5 -> sorted 1/30, 1/12, 1/6, 1/3, 0.5, 0.5, 0.5 -> median 1/3.
    "udesk_notes.xlsx": Expect(
        args=_maps(category="问题分类", agent_code="客服工号")
        + _values("channel:微信公众号=social_media")
        + ["--timezone", "Asia/Shanghai", "--source", "udesk"],
        kept=8,
        refused={},
        channels={"hotline": 3, "social_media": 3, "online": 1, "in_store": 1},
        statuses={"closed": 5, "responded": 2, "open": 1},
        groups={
            "product_quality": 2,  # 商品质量, 商品过期
            "delivery": 1,
            "returns_after_sales": 1,
            "service_attitude": 1,
            "price": 1,
            "other": 1,  # 其它 (not the group's own spelling 其他, no keyword)
            "store_environment": 1,  # 排队太久
        },
        severities={"high": 2, "normal": 4, "low": 2},
        frt_median=1 / 3,
        stamps={"UD-1": "2026-03-02 01:00:00", "UD-8": "2026-03-09 01:00:00"},
    ),
    # Read in the reporting zone (set first, no --timezone): Los Angeles. UNKNOWN -> no value -> other; OTHER,
    # Postal mail, Referral -> other; Waiting on contact unmapped: responded by its stamp; S1 -> S001; ="7011"
    # -> 7011; A009 unknown: refused. FRT: 1, 0.5, 0.5, 2, 1/6, 0.5, 0.5, 0.5 -> median 0.5.
    "hubspot_bom.csv": Expect(
        args=_maps(
            source_id="Ticket ID",
            received_at="Create date",
            channel="Source",
            status="Pipeline stage",
            severity="Ticket priority",
            category="Category",
            agent_code="Ticket owner",
            store_code="Store",
            first_response_at="First agent email response date",
            closed_at="Close date",
        )
        + ["--skip-invalid", "--source", "hubspot"],
        kept=10,
        refused={11: ("Ticket owner", "Unknown agent code")},
        channels={"app": 2, "other": 4, "online": 1, "hotline": 1, "social_media": 1, "in_store": 1},
        statuses={"open": 3, "responded": 2, "closed": 5},
        groups={
            "product_quality": 1,
            "other": 3,  # Billing, Noise, Bank account or service
            "returns_after_sales": 2,
            "delivery": 1,
            "service_attitude": 1,
            "price": 1,
            "store_environment": 1,  # Dirty floor
        },
        severities={"high": 3, "normal": 5, "low": 2},
        frt_median=0.5,
        # 09:00 PST -> 17:00 UTC; 3/9 09:00 PDT -> 16:00 UTC; 3/6 18:00 PST -> 3/7 02:00 UTC
        stamps={"7001": "2026-03-02 17:00:00", "7008": "2026-03-09 16:00:00", "7007": "2026-03-07 02:00:00"},
        before=["settings", "set-zone", "America/Los_Angeles"],
    ),
}


def test_the_corpus_is_what_the_generator_makes():
    files = make_corpus.all_files()
    assert len(files) >= 8 and set(files) == set(EXPECT)
    assert {p.name for p in CORPUS.iterdir() if p.suffix in (".csv", ".xlsx")} == set(files)
    for name, data in files.items():
        if not name.endswith(".xlsx"):  # a workbook embeds its save time
            assert (CORPUS / name).read_bytes() == data, (
                f"{name}: run python tests/corpus/exports/make_corpus.py"
            )
    assert (CORPUS / "chinese_helpdesk_gbk.csv").read_bytes().decode("gbk").startswith("工单号")
    assert (CORPUS / "hubspot_bom.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def portal(db_path: Path, *args: str) -> subprocess.CompletedProcess:
    """``python -m portal ARGS`` as a user runs it, on ``db_path``."""
    env = os.environ | {"PORTAL_DB": str(db_path), "USER": "t_corpus"}
    return subprocess.run(  # noqa: S603 - our own command line
        [sys.executable, "-m", "portal", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _counts(con, column: str, source: str) -> dict:
    rows = con.execute(
        f"select {column}, count(*) from complaints where source = ? group by all",  # noqa: S608 - fixed names
        [source],
    ).fetchall()
    return dict(rows)


@pytest.mark.parametrize("name", list(EXPECT))
def test_each_export_imports_with_every_row_accounted_for(name, tmp_path):
    expect = EXPECT[name]
    path = tmp_path / "portal.duckdb"
    fixtures.build_fixture_db(path).close()
    if expect.before:
        assert portal(path, *expect.before).returncode == 0
    done = portal(path, "import", "complaints", str(CORPUS / name), *expect.args)
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    total = expect.kept + len(expect.refused)
    assert re.search(
        rf"Batch 1: {total} rows in file, {expect.kept} added, 0 updated, 0 unchanged, {len(expect.refused)} "
        "skipped",
        out,
    ), out
    # every refused row is listed with its column and reason
    listed = {int(m[0]): (m[1], m[2]) for m in re.findall(r"^row (\d+), column (.+?): (.+)$", out, re.M)}
    assert set(listed) == set(expect.refused), out
    for row, (column, reason) in expect.refused.items():
        assert listed[row][0] == column and reason in listed[row][1], listed[row]

    source = expect.args[expect.args.index("--source") + 1]
    con = db.connect(path)
    try:
        assert (
            con.execute("select count(*) from complaints where source = ?", [source]).fetchone()[0]
            == expect.kept
        )
        assert _counts(con, "channel", source) == expect.channels
        assert _counts(con, "status", source) == expect.statuses
        assert _counts(con, "category_group", source) == expect.groups
        if expect.severities is not None:
            assert _counts(con, "severity", source) == expect.severities
        # each kept row keeps the file's own channel, status and category text (blank only where the file was)
        raw = con.execute(
            "select count(*) filter (where status_raw is null), count(*) filter (where category_raw is null) "
            "from complaints where source = ?",
            [source],
        ).fetchone()
        assert raw[0] == 0
        if expect.frt_median is not None:
            median = con.execute(
                "select quantile_cont(epoch(first_response_at - received_at) / 3600, 0.5) from complaints "
                "where source = ? and not received_date_only and not first_response_date_only",
                [source],
            ).fetchone()[0]
            assert median == pytest.approx(expect.frt_median)
        for source_id, stamp in expect.stamps.items():
            got = con.execute(
                "select received_at::varchar from complaints where source = ? and source_id = ?",
                [source, source_id],
            ).fetchone()
            assert got == (stamp,), source_id
    finally:
        con.close()


def test_zones_and_date_only_stamps_as_stored(tmp_path):
    """The US file's new stores take the import's zone; the CFPB dates and the Udesk closed dates stay dates."""
    path = tmp_path / "portal.duckdb"
    fixtures.build_fixture_db(path).close()
    for name in ("zendesk_us.csv", "cfpb_date_only.csv", "udesk_notes.xlsx"):
        done = portal(path, "import", "complaints", str(CORPUS / name), *EXPECT[name].args)
        assert done.returncode == 0, done.stderr
    con = db.connect(path)
    try:
        assert con.execute(
            "select store_code, timezone from stores where store_code like 'NY%' order by 1"
        ).fetchall() == [
            ("NY01", "America/New_York"),
            ("NY02", "America/New_York"),
        ]
        assert con.execute(
            "select count(*), bool_and(received_date_only) from complaints where source = 'cfpb'"
        ).fetchone() == (12, True)
        # UD-1 closed on 2026-03-03 (a date): kept as that date, not shifted to 2026-03-02 16:00 UTC
        assert con.execute(
            "select closed_at::varchar, closed_date_only from complaints where source_id = 'UD-1'"
        ).fetchone() == ("2026-03-03 00:00:00", True)
    finally:
        con.close()


def test_repeated_import_and_the_kpi_json(tmp_path):
    """The same file with the same options is recognised (nothing written, how to undo said); with another zone
    it is a new import that updates the stamps; ``kpi complaints --json`` lists the source's categories."""
    path = tmp_path / "portal.duckdb"
    fixtures.build_fixture_db(path).close()
    name, expect = "chinese_helpdesk_gbk.csv", EXPECT["chinese_helpdesk_gbk.csv"]
    file = str(CORPUS / name)
    assert portal(path, "import", "complaints", file, *expect.args).returncode == 0
    again = portal(path, "import", "complaints", file, *expect.args)
    assert again.returncode == 0 and "already imported as batch 1" in again.stdout
    assert "python -m portal batches undo 1" in again.stdout
    tokyo = portal(path, "import", "complaints", file, *expect.args, "--timezone", "Asia/Tokyo")
    # every timed stamp moves an hour earlier in UTC; GD009 (date-only) is unchanged
    assert "Batch 2: 10 rows in file, 0 added, 8 updated, 1 unchanged, 1 skipped" in tokyo.stdout, (
        tokyo.stdout
    )

    kpi = portal(path, "kpi", "complaints", "--from", "2026-03-01", "--to", "2026-03-14", "--json")
    assert kpi.returncode == 0, kpi.stderr
    data = json.loads(kpi.stdout)
    assert data["summary"]["complaint_count"] == 9
    got = Counter(
        (c["category_raw"], c["category_group"], c["complaint_count"]) for c in data["source_categories"]
    )
    assert got == Counter(
        {
            ("商品质量问题", "product_quality", 1): 1,
            ("服务态度差", "service_attitude", 1): 1,
            ("退货退款", "returns_after_sales", 1): 1,
            ("配送超时", "delivery", 1): 1,
            ("价格欺诈", "price", 1): 1,
            ("门店卫生脏乱", "store_environment", 1): 1,
            ("其他", "other", 1): 1,
            ("收银员多收钱", "price", 1): 1,
            ("商品过期", "product_quality", 1): 1,
        }
    )
    assert data["source_categories"][-1]["cumulative_pct"] == pytest.approx(100.0)
