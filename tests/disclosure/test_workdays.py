import datetime

from disclosure.workdays import is_workday, window_end, working_days_left

D = datetime.date


def test_a_window_across_national_day_skips_the_holiday():
    # 2025-09-30 (Tue) counts; 10-01..10-08 are holidays; 10-11 (Sat) is a make-up workday.
    assert window_end(D(2025, 9, 30), 5) == D(2025, 10, 13)
    assert window_end(D(2025, 9, 30), 1) == D(2025, 9, 30)
    assert window_end(D(2025, 9, 30), 2) == D(2025, 10, 9)
    assert window_end(D(2025, 10, 1), 3) == D(2025, 10, 11)


def test_a_make_up_sunday_is_a_working_day():
    assert is_workday(D(2025, 9, 28))
    assert window_end(D(2025, 9, 28), 1) == D(2025, 9, 28)
    # Saturday 27th is a rest day: the window starts counting on Sunday 28th.
    assert window_end(D(2025, 9, 27), 2) == D(2025, 9, 29)


def test_days_left_count_working_days_only():
    end = D(2025, 10, 13)
    assert working_days_left(end, D(2025, 9, 30)) == 5
    assert working_days_left(end, D(2025, 10, 1)) == 4
    assert working_days_left(end, D(2025, 10, 13)) == 1
    assert working_days_left(end, D(2025, 10, 14)) == 0


def test_a_year_the_calendar_does_not_know_uses_monday_to_friday():
    assert window_end(D(2099, 6, 1), 5) == D(2099, 6, 5)
