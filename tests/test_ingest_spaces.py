"""Spaces inside a category, channel or status (an ideographic space 　, a no-break space, an em space, two spaces,
a space between two Chinese characters) do not make another value. Probe (session 38): 服务　态度 and
Service\\u00a0attitude were hot spots of their own beside 服务态度 and Service attitude; 热　线 counted as the
channel other and 已　关闭 left a closed complaint open."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from portal.ingest.cells import one_space, one_space_column
from portal.ingest.kinds import normalise_choice_text
from tests.test_ingest_complaints import csv, do_import

HEAD = "source_id,received_at,channel,category,store_code,status"
CELLS = [  # (channel, category, status)
    ("热线", "服务态度", "已关闭"),
    ("热线\u3000", "服务态度\u3000", "已\u3000关闭"),
    ("热\u3000线", "服务\u3000态度", "已关闭"),
    ("热 线", "服务\u00a0态度", "已 关闭"),
    ("热线", "服务  态度", "已关闭"),
    ("hotline", "Service attitude", "closed"),
    ("hotline", "Service\u00a0attitude", "closed"),
    ("hotline", "Service  attitude", "closed"),
    ("hotline", "Service\u2003attitude", "closed"),
]


def test_spaces_inside_a_value_make_no_other_value(con):
    rows = [f"C-{i},2026-03-01 09:30,{ch},{cat},S001,{st}" for i, (ch, cat, st) in enumerate(CELLS)]
    do_import(con, csv(*rows, header=HEAD))
    found = con.execute(
        "select category_raw, category_group, channel, status, count(*) from complaints group by all order by all"
    ).fetchall()
    assert found == [
        ("Service attitude", "service_attitude", "hotline", "closed", 4),
        ("服务态度", "service_attitude", "hotline", "closed", 5),
    ]


def test_one_space():
    assert one_space("服务\u3000态度") == "服务态度"
    assert one_space(" App\u00a0\u00a0闪退 ") == "App 闪退"  # a space between a Latin and a Chinese word kept
    assert one_space("Service\u2003attitude") == "Service attitude"
    assert normalise_choice_text("已\u3000关闭") == normalise_choice_text("已关闭")


def test_one_space_column_keeps_missing_cells_and_shares_one_string_among_equal_cells():
    """Issue 14: a column of 100,000 cells of a few channels is cleaned once per distinct cell and held as a pointer
    per row to one string per value (the stored rows' channel_raw, category_raw, status_raw)."""
    column = pd.Series(
        ["服务\u3000态度", None, "服务  态度", np.nan, "服务\u3000态度", "hot  line"],
        index=[7, 8, 9, 10, 11, 12],
    )
    got = one_space_column(column)
    assert got.dtype == object and list(got.index) == [7, 8, 9, 10, 11, 12]
    assert [v if isinstance(v, str) else math.isnan(v) for v in got] == [
        "服务态度",
        True,
        "服务态度",  # two spaces between Chinese characters: none
        True,
        "服务态度",
        "hot line",
    ]
    assert got[7] is got[11]  # one Python string for the equal cells
    arrow = one_space_column(
        pd.Series(["热\u3000线", "热\u3000线", None], dtype=pd.StringDtype("pyarrow", na_value=np.nan))
    )
    assert arrow[0] == "热线" and arrow[0] is arrow[1] and math.isnan(arrow[2])


ID_LESS_HEAD = "received_at,channel,category,store_code,status"
ID_LESS = [  # (channel, category): an export without an id column
    ("热\u3000线", "服务\u3000态度"),
    ("Hot  line", "服务态度"),
    ("hotline", "服务态度"),
]
# the ids these rows got before spaces were made one (3923533~1): the channel's and category's cells as read
OLD_IDS = ["h-b2ad2ff305662cf2", "h-5e06df38e1b3c0d4", "h-bec65d850e0dc42e"]


def test_derived_ids_read_the_channel_as_before_so_a_later_export_finds_them(con):
    rows = [f"2026-03-01 09:30,{ch},{cat},S001,open" for ch, cat in ID_LESS]
    do_import(con, csv(*rows, header=ID_LESS_HEAD))
    ids = [r[0] for r in con.execute("select source_id from complaints order by complaint_id").fetchall()]
    assert ids == OLD_IDS
    later = [r.replace(",open", ",closed") for r in rows] + ["2026-03-02 10:00,hotline,服务态度,S001,open"]
    do_import(con, csv(*later, header=ID_LESS_HEAD))
    found = con.execute(
        "select channel_raw, channel, status from complaints order by complaint_id"
    ).fetchall()
    assert found == [
        ("热线", "hotline", "closed"),
        ("Hot line", "other", "closed"),  # not a spelling of the hotline
        ("hotline", "hotline", "closed"),
        ("hotline", "hotline", "open"),
    ]
