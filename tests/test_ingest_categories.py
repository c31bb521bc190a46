"""Category groups (issue 9 item 7): the value map first, then the group's own name, then whole-word keywords in
both languages (never a substring), else other; the source's category is kept as it is."""

from __future__ import annotations

import pandas as pd
import pytest

from portal import cli, db
from portal.ingest import categories, registry, values
from tests import fixtures

KIND = registry.kind("complaints")
CATEGORY = KIND.field("category")


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("Product quality", "product_quality"),  # the group's own name, either language
        ("product_quality", "product_quality"),
        ("产品质量", "product_quality"),
        ("Returns / after-sales", "returns_after_sales"),
        ("Refund not received", "returns_after_sales"),
        ("After-sales repair", "returns_after_sales"),
        ("申请退货", "returns_after_sales"),
        ("Late delivery", "delivery"),
        ("快递延误", "delivery"),
        ("Overcharged at till", "price"),
        ("价格不符", "price"),
        ("Damaged goods", "product_quality"),
        ("Rude staff", "service_attitude"),
        ("店员态度差", "service_attitude"),
        ("Dirty toilets", "store_environment"),
        ("门店卫生", "store_environment"),
        # whole words only: none of these is a keyword match
        ("Bank account or service", None),
        ("Noise", None),
        ("Illegal Parking", None),
        ("Unpriced item", None),  # not "price"
        ("Redelivery request", None),  # not "delivery"
        ("Quality-of-life", "product_quality"),  # a whole word, even inside a hyphenated phrase
        ("", None),
    ],
)
def test_groups_by_name_then_whole_word_keyword(text, group):
    assert categories.suggest_group(text) == group


def test_value_map_wins_and_blank_or_unknown_is_other():
    raw = pd.Series(["Noise", "noise ", "Rude staff", "Bank account or service", None], dtype=object)
    got = categories.groups(raw, {"NOISE": "store_environment", "Rude staff": ""})
    # Noise: the user's group (case and spaces ignored); Rude staff: mapped to no group -> other
    assert got.tolist() == ["store_environment", "store_environment", "other", "other", "other"]


def test_value_report_lists_categories_and_keeps_the_text():
    text = pd.DataFrame({"category": ["Noise", "Noise", "Late delivery", "Product quality", "Bank account"]})
    report = values.value_report(KIND, text, {"category": {"noise": "store_environment"}})
    assert [(r.value, r.rows, r.standard, r.how) for r in report] == [
        ("Noise", 2, "store_environment", "mapped"),
        ("Late delivery", 1, "delivery", "suggested"),
        ("Product quality", 1, "product_quality", "standard"),
        ("Bank account", 1, "other", "unmapped"),
    ]
    assert values.allowed_values(CATEGORY)[-1] == "other"
    # the text is never replaced: the kind derives the group beside it
    assert values.apply_values(text, report, KIND)["category"].tolist() == text["category"].tolist()


@pytest.fixture
def portal_db(tmp_path, monkeypatch):
    path = tmp_path / "c.duckdb"
    fixtures.build_fixture_db(path).close()
    monkeypatch.setenv("PORTAL_DB", str(path))
    return path


FILE = (
    "Ticket,Opened,Via,Issue\n"
    "K-1,2026-03-01 09:00,hotline,Noise\n"
    "K-2,2026-03-01 10:00,hotline,Bank account or service\n"
    "K-3,2026-03-01 11:00,hotline,Late delivery\n"
    "K-4,2026-03-01 12:00,hotline,Illegal Parking\n"
)
MAP = ["--map", "source_id=Ticket", "--map", "received_at=Opened", "--map", "channel=Via"]
MAP += ["--map", "category=Issue"]


def test_cli_map_value_category_to_group(portal_db, tmp_path, capsys):
    path = tmp_path / "k.csv"
    path.write_text(FILE, encoding="utf-8")
    code = cli.main(
        ["import", "complaints", str(path), *MAP, "--map-value", "category:illegal parking=price"]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "Issue: 2 rows carry values no one mapped" in out  # Noise, Bank account or service -> other
    con = db.connect(portal_db)
    try:
        rows = con.execute(
            "select source_id, category_raw, category_group from complaints order by 1"
        ).fetchall()
    finally:
        con.close()
    assert rows == [
        ("K-1", "Noise", "other"),
        ("K-2", "Bank account or service", "other"),
        ("K-3", "Late delivery", "delivery"),
        ("K-4", "Illegal Parking", "price"),
    ]
    assert cli.main(["import", "complaints", str(path), *MAP, "--map-value", "category:Noise=loud"]) == 2
    assert "not a standard category" in capsys.readouterr().err


def test_a_category_saying_none_is_no_category(portal_db, tmp_path, capsys):
    # session 53's note: "-" (N/A, 无) in the category column was stored as the category "-", a group of its own
    # in the source's categories, counted under other beside the complaints that gave no category
    path = tmp_path / "none.csv"
    path.write_text(
        FILE.replace("Bank account or service", "-").replace("Illegal Parking", "无"), encoding="utf-8"
    )
    assert cli.main(["import", "complaints", str(path), *MAP]) == 0
    assert "2 cells held a placeholder" in capsys.readouterr().out
    con = db.connect(portal_db)
    try:
        rows = con.execute(
            "select source_id, category_raw, category_group from complaints order by 1"
        ).fetchall()
    finally:
        con.close()
    assert rows == [
        ("K-1", "Noise", "other"),
        ("K-2", None, "other"),
        ("K-3", "Late delivery", "delivery"),
        ("K-4", None, "other"),
    ]
