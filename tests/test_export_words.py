"""Exports in the reader's language: a yes/no column of a downloaded table says 是/否 on a Chinese page and
yes/no on an English one (probe h2: the satisfaction ranking's and the SERVQUAL dimensions' 样本不足 column held
False/True); a file for a program keeps its values as they are."""

from __future__ import annotations

import pandas as pd

from portal import export
from portal.ui import display


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "维度": ["有形性", "可靠性", "响应性"],
            "样本不足": [False, True, False],  # bool
            "已关闭": pd.array([True, None, False], dtype="boolean"),  # nullable: a missing value stays empty
            "标记": [True, None, False],  # object cells all bool
            "备注": ["True", "=1+1", None],  # text is text (formula lead neutralised as before)
        }
    )


def _lines(data: bytes) -> list[str]:
    assert data.startswith(b"\xef\xbb\xbf")
    return data.decode("utf-8-sig").splitlines()


def test_yes_no_columns_in_the_readers_words():
    assert _lines(export.to_csv_bytes(_frame(), "zh")) == [
        "维度,样本不足,已关闭,标记,备注",
        "有形性,否,是,是,True",
        "可靠性,是,,,'=1+1",
        "响应性,否,否,否,",
    ]
    assert _lines(export.to_csv_bytes(_frame(), "en"))[1:] == ["有形性,no,yes,yes,True", "可靠性,yes,,,'=1+1",
                                                                "响应性,no,no,no,"]  # fmt: skip
    # a file for a program (an instrument definition, the command line): values as they are
    assert _lines(export.to_csv_bytes(_frame()))[1] == "有形性,False,True,True,True"


def test_every_table_download_is_in_the_pages_language(monkeypatch):
    """ui.table and ui.download_csv (every dashboard's CSV) write the file in the reader's language."""
    offered = []
    monkeypatch.setattr(display.st, "download_button", lambda label, data, **kw: offered.append(data))
    monkeypatch.setattr(display, "lang", lambda: "zh")
    monkeypatch.setattr(display, "t", lambda key, **v: key)
    written = []
    to_csv_bytes = export.to_csv_bytes
    monkeypatch.setattr(export, "to_csv_bytes", lambda *a: written.append(a) or to_csv_bytes(*a))
    frame = pd.DataFrame({"门店": ["S001 天津滨江道店"], "样本不足": [False]})
    display.download_csv(frame, "ranking.csv", key="k")
    display.download_csv(frame, "ranking.csv", key="k2", once=True)
    # the files are written when clicked (Streamlit's deferred download), not by the run that offers them
    assert written == [] and all(callable(d) for d in offered)
    monkeypatch.setattr(display, "lang", lambda: "en")  # the page's language when offered, not when clicked
    assert [_lines(d()) for d in offered] == [["门店,样本不足", "S001 天津滨江道店,否"]] * 2
    assert len(written) == 2
    assert _lines(offered[1]()) == ["门店,样本不足", "S001 天津滨江道店,否"]
    assert len(written) == 2  # a kept frame's second click takes the bytes written before


def test_safe_frame_neutralises_as_cell_by_cell_for_every_column_type():
    """A string column is neutralised as a column (an error report of 100,000 rows took 0.4-0.5 s cell by cell):
    the same cells, values and column types as ``neutralise`` mapped over each cell, for pandas' string types,
    Python objects of any type, and a string column with nothing in it (map gives float64 there)."""
    cells = ["", "a", "=SUM(A1)", "+1", "-2", "@x", "\tx", "\rx", " =x", "'=x", "中文", "=中", "x=", None]
    columns = {
        "str": pd.Series(cells, dtype="str"),
        "string": pd.Series(cells, dtype="string"),
        "object": pd.Series(cells, dtype=object),
        "mixed": pd.Series([1, "=x", None, 2.5, True, *cells[:9]], dtype=object),
        "empty": pd.Series([None] * len(cells), dtype="str"),
        "number": pd.Series(range(len(cells))),
    }
    got = export.safe_frame(pd.DataFrame(columns))
    for name, column in columns.items():
        pd.testing.assert_series_equal(
            got[name], column.map(export.neutralise).rename(name), check_names=False
        )
    assert list(got["str"][2:8]) == ["'=SUM(A1)", "'+1", "'-2", "'@x", "'\tx", "'\rx"]
    assert got["str"][8] == " =x" and got["str"][9] == "'=x" and got["string"][11] == "'=中"
