"""Working days of the publication window (公示期).

China's official holidays and make-up workdays (调休) come from ``chinese_calendar``, with
the days a district or a school entered itself laid over them (the package knows only the
years its release was built with). A year that neither knows is counted Monday to Friday,
and ``Calendar.unknown_years`` names it so that the pages can say so.
"""

import datetime

import chinese_calendar

# A publication window is a few weeks at most; the bound also keeps every count short.
MAX_WINDOW_DAYS = 60
# More calendar days than 60 working days can ever span (the longest holidays included).
MAX_WINDOW_SPAN = datetime.timedelta(days=120)


def package_knows(year):
    try:
        chinese_calendar.is_workday(datetime.date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


class Calendar:
    """China's official calendar with ``entered`` (a date → is it a working day) laid over it."""

    def __init__(self, entered=None):
        self.entered = dict(entered or {})
        self.entered_years = {day.year for day in self.entered}

    def is_workday(self, day):
        if day in self.entered:
            return self.entered[day]
        try:
            return chinese_calendar.is_workday(day)
        except NotImplementedError:
            return day.weekday() < 5

    def unknown_years(self, first, last):
        """Years from ``first`` to ``last`` counted Monday to Friday: neither the package
        nor the entered days know them."""
        return [
            year
            for year in range(first.year, last.year + 1)
            if year not in self.entered_years and not package_knows(year)
        ]

    def window_end(self, start, working_days):
        """The date of the ``working_days``-th working day counted from ``start`` (included)."""
        if not 1 <= working_days <= MAX_WINDOW_DAYS:
            raise ValueError("a window lasts 1 to {} working days".format(MAX_WINDOW_DAYS))
        day = start
        counted = 0
        while True:
            if self.is_workday(day):
                counted += 1
                if counted == working_days:
                    return day
            day += datetime.timedelta(days=1)

    def working_days_between(self, first, last):
        """Working days from ``first`` to ``last``, both included (0 when last < first)."""
        count = 0
        day = first
        while day <= last:
            if self.is_workday(day):
                count += 1
            day += datetime.timedelta(days=1)
        return count


OFFICIAL = Calendar()


def is_workday(day):
    return OFFICIAL.is_workday(day)


def window_end(start, working_days, calendar=OFFICIAL):
    return calendar.window_end(start, working_days)


def working_days_left(end, today, calendar=OFFICIAL):
    """Working days left in a window ending on ``end``, today included."""
    return calendar.working_days_between(today, end)
