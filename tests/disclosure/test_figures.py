import datetime

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from disclosure.choices import NoticeStatus
from disclosure.selectors import notice_figures, suggestion_figures

from .factories import NoticeFactory, ObjectionFactory, SuggestionFactory, category_of

pytestmark = pytest.mark.django_db

START = datetime.date(2025, 1, 1)
END = datetime.date(2025, 12, 31)


def at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def test_notice_figures(school, other_school):
    """Notices are counted by their publication date (the window's first day), not by the
    day staff clicked "publish" (today, for all of these)."""
    with scopes_disabled():
        finance = category_of(school, "财务")
        hiring = category_of(school, "招生")
        inside = at(datetime.date(2025, 3, 3))
        day = datetime.date(2025, 3, 3)
        a = NoticeFactory(school=school, category=finance, starts_on=day)
        NoticeFactory(school=school, category=finance, starts_on=day)
        NoticeFactory(
            school=school, category=hiring, starts_on=day, status=NoticeStatus.WITHDRAWN, withdrawal_reason="错"
        )
        NoticeFactory(school=school, category=hiring, starts_on=day, status=NoticeStatus.DRAFT, published_at=None)
        NoticeFactory(school=school, category=hiring, starts_on=datetime.date(2024, 12, 31), published_at=inside)
        deleted = NoticeFactory(school=school, category=hiring, starts_on=day)
        deleted.soft_delete()
        NoticeFactory(school=other_school, category=category_of(other_school), starts_on=day)
        ObjectionFactory(notice=a, raised_at=inside)
        ObjectionFactory(notice=a, raised_at=inside, status="answered")
        ObjectionFactory(notice=a, raised_at=at(datetime.date(2026, 1, 2)))
        figures = notice_figures(school, START, END)
    assert figures == {
        "published": 3,
        "withdrawn": 1,
        "by_category": {"财务": 2, "招生": 1},
        "objections": 2,
        "objections_answered": 1,
    }


def test_suggestion_figures(school, other_school, teacher):
    day = datetime.date(2025, 5, 5)
    with scopes_disabled():
        SuggestionFactory(school=school, written_on=day, anonymous=True)
        SuggestionFactory(school=school, written_on=day, author=teacher, recipient="principal", status="answered")
        SuggestionFactory(school=school, written_on=day)
        SuggestionFactory(school=school, written_on=datetime.date(2024, 5, 5))
        SuggestionFactory(school=other_school, written_on=day)
        gone = SuggestionFactory(school=school, written_on=day)
        gone.soft_delete()
        figures = suggestion_figures(school, START, END)
    assert figures == {
        "total": 3,
        "anonymous": 1,
        "signed": 2,
        "to_union": 2,
        "to_principal": 1,
        "answered": 1,
    }
