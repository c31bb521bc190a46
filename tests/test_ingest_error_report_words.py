"""A batch's error report (the skipped rows, Import history's download) speaks the import's language in its headers
too, as the Upload page's table of the same errors does (README: "the Upload page's words in that language, and so
is the batch's stored error report"). A Chinese report began "row,column,value,reason" above Chinese reasons and
cells, while the page's table and its CSV say 行号、列、值、原因."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from portal.ingest import batches, validation

ERRORS = pd.DataFrame(
    {
        "row": [3],
        "column": ["满意度"],
        "value": ["9"],
        "reason": ["ingest.error.out_of_range"],
        "detail": ["1–5"],
    }
)
CELLS = pd.DataFrame({"编号": ["R-2"], "满意度": ["9"]}, index=[3])  # the file's row 3, as read


@pytest.mark.parametrize(
    ("lang", "header"),
    [
        ("zh", ["行号", "列", "值", "原因", "[编号]", "[满意度]"]),
        ("en", ["Row", "Column", "Value", "Reason", "[编号]", "[满意度]"]),
    ],
)
def test_the_error_reports_headers_are_in_the_imports_language(lang, header):
    report = pd.read_csv(io.StringIO(batches.build_error_report(ERRORS, CELLS, lang)), dtype=str)
    assert list(report.columns) == header
    assert report.iloc[0, :3].tolist() == ["3", "满意度", "9"]
    assert report.iloc[0, 4:].tolist() == ["R-2", "9"]


def test_the_errors_frame_has_the_columns_this_test_builds():
    # the test's frame is an ErrorLog's (portal.ingest.validation): the same columns, so it cannot drift apart
    assert set(validation.ErrorLog().frame().columns) == set(ERRORS.columns)
