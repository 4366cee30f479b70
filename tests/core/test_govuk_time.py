"""Times and dates in GOV.UK style."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from resettle.core.templatetags.govuk import govuk_datetime, govuk_time


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (time(9, 0), "9am"),
        (time(20, 17), "8:17pm"),
        (time(12, 0), "midday"),
        (time(0, 0), "midnight"),
        (time(0, 5), "12:05am"),
        (time(12, 30), "12:30pm"),
    ],
)
def test_times_read_the_gov_uk_way(value, expected):
    assert govuk_time(value) == expected


def test_date_and_time_use_london_time():
    summer_utc = datetime(2026, 7, 4, 19, 17, tzinfo=ZoneInfo("UTC"))
    assert govuk_datetime(summer_utc) == "4 July 2026, 8:17pm"  # British Summer Time
    assert govuk_datetime(None) == ""
