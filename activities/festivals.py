"""The dates of the festivals the union greets members on, for a given year.

Lunar festivals move every year; their Gregorian dates come from ``lunardate``.
"""

import datetime

from lunardate import LunarDate

from .choices import Festival

LUNAR = {
    Festival.SPRING: (1, 1),
    Festival.LANTERN: (1, 15),
    Festival.DRAGON_BOAT: (5, 5),
    Festival.MID_AUTUMN: (8, 15),
    Festival.DOUBLE_NINTH: (9, 9),
}
SOLAR = {
    Festival.NEW_YEAR: (1, 1),
    Festival.WOMENS_DAY: (3, 8),
    Festival.TEACHERS_DAY: (9, 10),
}


def festival_date(festival, year):
    """The Gregorian date of ``festival`` in ``year`` (lunar festivals by the lunar year)."""
    if festival in LUNAR:
        month, day = LUNAR[festival]
        return LunarDate(year, month, day).toSolarDate()
    month, day = SOLAR[festival]
    return datetime.date(year, month, day)


def festival_dates(year):
    """Every festival of ``year`` with its date, in calendar order."""
    dates = [(festival_date(festival, year), festival) for festival in Festival]
    return sorted(dates)
