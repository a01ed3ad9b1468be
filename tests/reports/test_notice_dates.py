"""Every report counts a notice by its publication date (the window's first day), which
staff may enter for an earlier year; never by the day they clicked "publish"."""

import datetime
import io

import openpyxl
import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from disclosure.choices import NoticeStatus
from reports.assembly import assemble
from reports.exports.xlsx import records_xlsx
from reports.overview import district_overview, period_figures
from reports.periods import Period
from tests.disclosure.factories import NoticeFactory, category_of

from .reading import item

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice_of_2015(school):
    """Entered and published today, for a window of March 2015."""
    with scopes_disabled():
        return NoticeFactory(
            school=school,
            title="2015年度财务收支公示",
            category=category_of(school, "财务"),
            starts_on=datetime.date(2015, 3, 2),
            status=NoticeStatus.CLOSED,
            published_at=timezone.now(),
        )


def this_year():
    return Period.calendar_year(timezone.localdate().year)


def test_notice_dated_in_2015_is_in_2015_s_summary_and_not_this_year_s(school, notice_of_2015):
    with scope(school=[school.pk]):
        then = assemble(school, Period.calendar_year(2015))
        now = assemble(school, this_year())
    disclosure = item(then, "disclosure")
    assert disclosure.sources == ["notice:{}".format(notice_of_2015.pk)]
    assert "共公示1项：2015年度财务收支" in disclosure.text
    assert "democracy" not in [s.key for s in now.sections]


def test_notice_dated_in_2015_is_in_2015_s_dashboard_and_district_figures(school, notice_of_2015):
    today = timezone.localdate()
    with scope(school=[school.pk]):
        assert period_figures(school, Period.calendar_year(2015), today)["notices"]["published"] == 1
        assert period_figures(school, this_year(), today)["notices"]["published"] == 0
    with scopes_disabled():
        _columns, then = district_overview([school], Period.calendar_year(2015))
        _columns, now = district_overview([school], this_year())
    assert (then[0]["notices"], now[0]["notices"]) == (1, 0)


def test_notice_dated_in_2015_is_in_2015_s_workbook_under_its_publication_date(school, notice_of_2015):
    with scope(school=[school.pk]):
        then = openpyxl.load_workbook(io.BytesIO(records_xlsx(school, Period.calendar_year(2015))))["校务公开"]
        now = openpyxl.load_workbook(io.BytesIO(records_xlsx(school, this_year())))["校务公开"]
    rows = [list(row) for row in then.iter_rows(min_row=2, values_only=True)]
    assert [(row[0], row[2]) for row in rows] == [(datetime.datetime(2015, 3, 2), "2015年度财务收支公示")]
    assert not [row for row in now.iter_rows(min_row=2, values_only=True) if row[2] == "2015年度财务收支公示"]
