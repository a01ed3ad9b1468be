"""The 168 care action's figures for the annual summary, the grid's rows and who has not
logged last month: exact numbers over a small, fully known school."""

import datetime
from decimal import Decimal

import pytest
from django_scopes import scope, scopes_disabled

from activities.selectors.care import (
    BOTH,
    FUTURE,
    MISSING,
    NONE,
    ONE,
    care_figures,
    care_grid,
    missing_last_month,
    previous_month,
    school_year_of,
)

from .factories_care import CareLogFactory, pair_for

D = datetime.date
TODAY = D(2026, 1, 15)  # five months of 2025—2026 have begun: September to January


@pytest.fixture
def year_of_care(school, other_school):
    """张三 logs five months (two meeting both targets), 李四 two, 王五 none; 赵六 was paired
    in 2024—2025 and logged June 2025 only. A deleted pair and another school's pair have logs
    that must count nowhere."""
    zhang = pair_for(school, "张三")
    li = pair_for(school, "李四")
    wang = pair_for(school, "王五")
    zhao = pair_for(school, "赵六", year=2024)
    deleted = pair_for(school, "孙七")
    elsewhere = pair_for(other_school, "周八")
    with scopes_disabled():
        for month, talks, tutoring in [
            (D(2025, 9, 1), 6, 8),  # both
            (D(2025, 10, 1), 5, 8),  # tutoring only
            (D(2025, 11, 1), 7, 9),  # both
            (D(2025, 12, 1), 2, 3),  # none
            (D(2026, 1, 1), 6, 7),  # talks only
        ]:
            CareLogFactory(pair=zhang, month=month, talks=talks, tutoring=tutoring)
        CareLogFactory(pair=li, month=D(2025, 9, 1), talks=6, tutoring=8)
        CareLogFactory(pair=li, month=D(2025, 11, 1), talks=6, tutoring=8)
        CareLogFactory(pair=zhao, month=D(2025, 6, 1), talks=10, tutoring=10)
        CareLogFactory(pair=deleted, month=D(2025, 9, 1), talks=50, tutoring=50)
        CareLogFactory(pair=elsewhere, month=D(2025, 9, 1), talks=40, tutoring=40)
        deleted.soft_delete()
    return {"zhang": zhang, "li": li, "wang": wang, "zhao": zhao}


def test_it_sums_a_school_year(school, year_of_care):
    with scope(school=[school.pk]):
        figures = care_figures(school, D(2025, 9, 1), D(2026, 8, 31), today=TODAY)
    months_missed = figures.pop("teachers_missed")
    # The pairs counted, by id, are the records the summary's paragraph uses.
    assert sorted(figures.pop("pks")) == sorted(p.pk for p in year_of_care.values() if p.school_year == 2025)
    assert figures == {
        "pairs": 3,
        "pair_records": 3,
        "teachers": 3,
        "logs": 7,
        "talks": 38,
        "tutoring": 51,
        "talks_per_month": Decimal("5.4"),  # 38 / 7
        "tutoring_per_month": Decimal("7.3"),  # 51 / 7
        "months_talks_met": 5,
        "months_tutoring_met": 5,
        "months_both_met": 4,
        "both_met_percent": Decimal("57.1"),  # 4 / 7
        "expected_months": 15,  # 3 pairs × 5 begun months
        "missed_months": 8,
        "talks_target": 6,
        "tutoring_target": 8,
    }
    assert months_missed == [
        {
            "teacher_id": year_of_care["li"].teacher_id,
            "name": "李四",
            "months": [D(2025, 10, 1), D(2025, 12, 1), D(2026, 1, 1)],
        },
        {
            "teacher_id": year_of_care["wang"].teacher_id,
            "name": "王五",
            "months": [D(2025, 9, 1), D(2025, 10, 1), D(2025, 11, 1), D(2025, 12, 1), D(2026, 1, 1)],
        },
    ]


def test_it_sums_a_calendar_year_across_two_school_years(school, year_of_care):
    with scope(school=[school.pk]):
        figures = care_figures(school, D(2025, 1, 1), D(2025, 12, 31), today=TODAY)
    assert figures["pairs"] == 4  # 赵六's 2024—2025 pair overlaps January to August 2025
    assert figures["logs"] == 7  # 赵六 June; 张三 September to December; 李四 two
    assert figures["talks"] == 10 + 20 + 12
    assert figures["tutoring"] == 10 + 28 + 16
    assert figures["months_both_met"] == 1 + 2 + 2
    assert figures["expected_months"] == 8 + 4 + 4 + 4
    assert figures["missed_months"] == 7 + 0 + 2 + 4
    assert [entry["name"] for entry in figures["teachers_missed"]] == ["李四", "王五", "赵六"]


def test_it_does_not_expect_months_that_have_not_begun(school, year_of_care):
    with scope(school=[school.pk]):
        figures = care_figures(school, D(2025, 9, 1), D(2026, 8, 31), today=D(2025, 10, 20))
    assert figures["expected_months"] == 3 * 2
    assert figures["missed_months"] == 0 + 1 + 2  # 李四 October, 王五 September and October


def test_an_empty_period_has_zeros_not_errors(school):
    with scope(school=[school.pk]):
        figures = care_figures(school, D(2025, 9, 1), D(2026, 8, 31), today=TODAY)
    assert figures["pairs"] == figures["logs"] == figures["missed_months"] == 0
    assert figures["talks_per_month"] == Decimal("0.0")
    assert figures["both_met_percent"] == Decimal("0.0")


def test_it_lists_who_has_not_logged_last_month(school, year_of_care):
    with scope(school=[school.pk]):
        missing = missing_last_month(school, TODAY)
    assert missing["month"] == D(2025, 12, 1)
    assert [(entry["name"], entry["pair_id"]) for entry in missing["teachers"]] == [
        ("李四", year_of_care["li"].pk),
        ("王五", year_of_care["wang"].pk),
    ]


def test_in_september_last_month_closes_the_previous_school_year(school, year_of_care):
    with scope(school=[school.pk]):
        missing = missing_last_month(school, D(2025, 9, 10))
    assert missing["month"] == D(2025, 8, 1)
    assert [entry["name"] for entry in missing["teachers"]] == ["赵六"]


def test_the_grid_colours_each_month_against_both_targets(school, year_of_care):
    with scope(school=[school.pk]):
        grid = care_grid(school, 2025, today=TODAY)
    assert [row["pair"].teacher.name for row in grid["rows"]] == ["李四", "王五", "张三"]  # by pinyin
    li, wang, zhang = grid["rows"]
    assert [cell["status"] for cell in zhang["cells"]] == [BOTH, ONE, BOTH, NONE, ONE] + [FUTURE] * 7
    assert [cell["status"] for cell in li["cells"][:5]] == [BOTH, MISSING, BOTH, MISSING, MISSING]
    assert [cell["status"] for cell in wang["cells"][:5]] == [MISSING] * 5
    assert (zhang["talks"], zhang["tutoring"], zhang["logged"], zhang["begun"], zhang["both_met"]) == (26, 35, 5, 5, 2)
    assert grid["figures"] == {
        "pairs": 3,
        "logs": 7,
        "both_met": 4,
        "both_met_percent": Decimal("57.1"),
        "expected": 15,
    }


def test_the_grid_of_one_teacher_has_only_their_row(school, year_of_care):
    with scope(school=[school.pk]):
        grid = care_grid(school, 2025, teacher=year_of_care["li"].teacher, today=TODAY)
    assert [row["pair"].pk for row in grid["rows"]] == [year_of_care["li"].pk]
    assert grid["figures"]["logs"] == 2


@pytest.mark.parametrize(
    "day,year,previous",
    [
        (D(2025, 9, 1), 2025, D(2025, 8, 1)),
        (D(2025, 8, 31), 2024, D(2025, 7, 1)),
        (D(2026, 1, 31), 2025, D(2025, 12, 1)),
    ],
)
def test_school_years_start_in_september(day, year, previous):
    assert school_year_of(day) == year
    assert previous_month(day) == previous
