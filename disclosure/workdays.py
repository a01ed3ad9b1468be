"""Working days of the publication window (公示期), with China's official holidays and
make-up workdays (调休) from ``chinese_calendar``; years it does not know fall back to
Monday to Friday."""

import datetime

import chinese_calendar


def is_workday(day):
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return day.weekday() < 5


def window_end(start, working_days):
    """The date of the ``working_days``-th working day counted from ``start`` (included)."""
    if working_days < 1:
        raise ValueError("working_days must be at least 1")
    day = start
    counted = 0
    while True:
        if is_workday(day):
            counted += 1
            if counted == working_days:
                return day
        day += datetime.timedelta(days=1)


def working_days_between(first, last):
    """Working days from ``first`` to ``last``, both included (0 when last < first)."""
    count = 0
    day = first
    while day <= last:
        if is_workday(day):
            count += 1
        day += datetime.timedelta(days=1)
    return count


def working_days_left(end, today):
    """Working days left in a window ending on ``end``, today included."""
    return working_days_between(today, end)
