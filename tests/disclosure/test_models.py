import pytest
from django.db import IntegrityError, transaction
from django_scopes import scopes_disabled

from disclosure import services
from disclosure.choices import DEFAULT_CATEGORIES, NoticeStatus
from disclosure.models import Notice, NoticeCategory, NoticeRead, Suggestion
from disclosure.rendering import render_body

from ..factories import MemberFactory, SchoolFactory
from .factories import NoticeFactory, ObjectionFactory

pytestmark = pytest.mark.django_db


def test_every_new_school_gets_the_default_categories(school):
    with scopes_disabled():
        names = list(NoticeCategory.objects.filter(school=school).values_list("name", flat=True))
    assert names == DEFAULT_CATEGORIES


def test_a_school_may_add_its_own_category_but_not_twice(school):
    with scopes_disabled():
        NoticeCategory.objects.create(school=school, name="食堂")
        with pytest.raises(IntegrityError), transaction.atomic():
            NoticeCategory.objects.create(school=school, name="食堂")
        assert SchoolFactory().pk  # another school is unaffected


def test_the_database_refuses_a_window_ending_before_it_starts(school):
    import datetime

    with scopes_disabled(), pytest.raises(IntegrityError), transaction.atomic():
        NoticeFactory(school=school, starts_on=datetime.date(2025, 10, 9), ends_on=datetime.date(2025, 10, 8))


def test_the_database_refuses_a_withdrawal_without_reason(school):
    with scopes_disabled():
        notice = NoticeFactory(school=school)
        notice.status = NoticeStatus.WITHDRAWN
        with pytest.raises(IntegrityError), transaction.atomic():
            notice.save()


def test_a_script_in_the_body_never_reaches_the_page():
    html = render_body(
        "**公示**\n\n<script>alert(1)</script><img src=x onerror=alert(2)>"
        '<a href="javascript:alert(3)" onclick="alert(4)">链接</a><style>body{}</style>'
    )
    assert "<strong>公示</strong>" in html
    for bad in ("<script", "onerror", "javascript:", "onclick", "<style", "<img"):
        assert bad not in html


def test_reading_twice_keeps_one_receipt(school, teacher):
    with scopes_disabled():
        notice = NoticeFactory(school=school)
        services.mark_read(notice, teacher)
        services.mark_read(notice, teacher)
        assert NoticeRead.objects.filter(notice=notice).count() == 1


def test_an_anonymous_suggestion_stores_nothing_about_its_writer(school, teacher, rf):
    """No user, member, IP or session on the row nor on its history row."""
    from simple_history.models import HistoricalRecords

    MemberFactory(school=school, user=teacher)
    request = rf.post("/disclosure/suggestions/new/", REMOTE_ADDR="10.1.2.3")
    request.user = teacher
    request.session = {"key": "abc"}
    HistoricalRecords.context.request = request  # as the history middleware does
    try:
        with scopes_disabled():
            suggestion = Suggestion(school=school, subject="食堂", text="饭菜太咸", anonymous=True)
            services.submit_suggestion(suggestion, teacher)
            row = Suggestion.objects.filter(pk=suggestion.pk).values().get()
            history = list(suggestion.history.values())
    finally:
        del HistoricalRecords.context.request
    assert row["author_id"] is None and row["member_id"] is None
    assert len(history) == 1 and history[0]["history_user_id"] is None
    for stored in (row, *history):
        for value in stored.values():
            assert "10.1.2.3" not in str(value) and "abc" != value and teacher.username != value
        assert not {key for key in stored if "ip" in key.split("_") or "session" in key}


def test_a_signed_suggestion_keeps_its_writer(school, teacher):
    member = MemberFactory(school=school, user=teacher)
    with scopes_disabled():
        suggestion = services.submit_suggestion(Suggestion(school=school, subject="s", text="t"), teacher)
    assert suggestion.author == teacher and suggestion.member == member


def test_history_of_every_model(school, staff, teacher):
    with scopes_disabled():
        notice = NoticeFactory(school=school, status=NoticeStatus.DRAFT, published_at=None)
        services.publish(notice)
        notice.title = "改过的标题"
        notice.save()
        services.withdraw(notice, "名单有误")
        assert [h.status for h in notice.history.order_by("history_id")] == [
            "draft",
            "published",
            "published",
            "withdrawn",
        ]
        assert notice.history.order_by("history_id").last().withdrawal_reason == "名单有误"
        objection = ObjectionFactory(notice=notice)
        services.answer_objection(objection, staff, "已核实")
        assert objection.history.count() == 2
        services.mark_read(notice, teacher)
        assert NoticeRead.history.count() == 1
        category = NoticeCategory.objects.filter(school=school).first()
        category.name = "招生（新）"
        category.save()
        assert category.history.count() == 2
        suggestion = services.submit_suggestion(Suggestion(school=school, subject="s", text="t"), teacher)
        services.answer_suggestion(suggestion, staff, "收到")
        assert suggestion.history.count() == 2
        assert Notice.history.filter(id=notice.pk).count() == 4
