"""The one filter: dimensions, the legacy field-per-list shape, and the bound parameters."""

from dataclasses import replace
from datetime import date, datetime

import pytest

from portal import navigation
from portal.filters import DIMENSIONS, Filters, report_day_bounds

MARCH = (date(2024, 3, 4), date(2024, 3, 17))


def test_selections_by_dimension_bind_the_same_parameters_as_the_former_fields():
    by_dimension = Filters(
        *MARCH, selections={"region": (2,), "store": (3, 4), "channel": ("hotline",), "severity": ("high",)}
    )
    by_field = Filters(*MARCH, region_ids=(2,), store_ids=(3, 4), channels=("hotline",), severities=("high",))
    assert by_dimension == by_field and hash(by_dimension) == hash(by_field)
    params = by_dimension.sql_params()
    assert set(params) == {
        "start_on", "end_on", "start_at", "end_at", "report_tz", "region_ids", "store_ids", "channels",
        "categories", "severities", "business_hours",
    }  # fmt: skip
    assert params["region_ids"] == [2] and params["store_ids"] == [3, 4] and params["categories"] == []
    assert (by_dimension.region_ids, by_dimension.store_ids, by_dimension.channels) == (
        (2,),
        (3, 4),
        ("hotline",),
    )
    assert params["start_at"] == datetime(2024, 3, 4) and params["end_at"] == datetime(2024, 3, 18)


def test_survey_channels_are_their_own_dimension_on_the_same_parameter():
    survey = Filters(*MARCH, selections={"survey_channel": ("sms",)})
    assert survey.sql_params()["channels"] == ["sms"]
    assert survey.channels == () and survey.survey_channels == ("sms",)
    assert "sms" in DIMENSIONS["survey_channel"].values and "sms" not in DIMENSIONS["channel"].values
    with pytest.raises(ValueError, match="same parameter"):
        Filters(*MARCH, selections={"survey_channel": ("sms",), "channel": ("hotline",)})


def test_unknown_dimensions_and_reversed_periods_are_refused():
    with pytest.raises(ValueError, match="unknown filter dimension"):
        Filters(*MARCH, selections={"colour": ("red",)})
    with pytest.raises(ValueError):
        Filters(date(2024, 3, 5), date(2024, 3, 4))


def test_previous_and_replace_keep_the_selections():
    f = Filters(*MARCH, categories=("delivery",), business_hours=True, timezone="Asia/Shanghai")
    prev = f.previous()
    assert (prev.start, prev.end) == (date(2024, 2, 19), date(2024, 3, 3))
    assert prev.categories == ("delivery",) and prev.business_hours and prev.timezone == "Asia/Shanghai"
    narrowed = replace(f, severities=("low",))
    assert narrowed.categories == ("delivery",) and narrowed.severities == ("low",)
    assert f.with_selection("category", ()).categories == ()


@pytest.mark.parametrize(
    ("start", "end", "previous"),
    [
        # whole calendar months: as many whole months before (a helper's probe: November was compared with
        # 2-31 October, the equal length); February has 28 days, March 31
        (date(2026, 11, 1), date(2026, 11, 30), (date(2026, 10, 1), date(2026, 10, 31))),
        (date(2026, 3, 1), date(2026, 3, 31), (date(2026, 2, 1), date(2026, 2, 28))),
        (date(2026, 7, 1), date(2026, 9, 30), (date(2026, 4, 1), date(2026, 6, 30))),  # a quarter
        (date(2026, 1, 1), date(2026, 12, 31), (date(2025, 1, 1), date(2025, 12, 31))),  # a year
        # anything else: the equal length just before (this month so far, the last 30 days)
        (date(2026, 12, 1), date(2026, 12, 7), (date(2026, 11, 24), date(2026, 11, 30))),
        (date(2026, 11, 2), date(2026, 12, 1), (date(2026, 10, 3), date(2026, 11, 1))),
    ],
)
def test_a_period_of_whole_months_is_compared_with_the_months_before(start, end, previous):
    prev = Filters(start, end).previous()
    assert (prev.start, prev.end) == previous


def test_a_rolling_window_that_happens_to_be_a_month_keeps_the_days_before():
    # review: the last 30 days on 30 April are April; as a rolling window, compared with 1-31 March would be
    # another length than the 30 days it rolls over
    april = Filters(date(2026, 4, 1), date(2026, 4, 30), rolling=True).previous()
    assert (april.start, april.end) == (date(2026, 3, 2), date(2026, 3, 31))
    assert Filters(date(2026, 4, 1), date(2026, 4, 30)).previous().start == date(2026, 3, 1)


def test_the_previous_period_never_reaches_before_the_first_day_a_date_can_hold():
    # 2025-01-01..9999-12-31 (a far-off date typed in the address): the previous period began before year 1,
    # an OverflowError on every dashboard
    far = Filters(date(2025, 1, 1), date(9999, 12, 31)).previous()
    assert (far.start, far.end) == (date(1, 1, 1), date(2024, 12, 31))
    first = Filters(date(1, 1, 1), date(1, 2, 1)).previous()
    assert (first.start, first.end) == (date(1, 1, 1), date(1, 1, 1))
    assert report_day_bounds(date(2026, 12, 5)) == (date(2000, 1, 1), date(2027, 12, 5))


def test_every_page_declares_known_dimensions():
    for spec in navigation.PAGES:
        assert set(spec.dimensions) <= set(DIMENSIONS), spec.key
    assert navigation.page("satisfaction").dimensions == ("region", "store", "survey_channel")
    assert "channel" in navigation.page("complaints").dimensions
