import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from disclosure.choices import NoticeStatus
from disclosure.models import Notice, NoticeAttachment, NoticeRead, Objection, Suggestion

from ..factories import MemberFactory
from .factories import ClosedNoticeFactory, NoticeFactory, ObjectionFactory, SuggestionFactory, category_of

pytestmark = pytest.mark.django_db


def login(user):
    """A client of its own (the *_client fixtures share one client)."""
    client = Client()
    client.force_login(user)
    return client


def form_data(school, **changes):
    with scopes_disabled():
        category = category_of(school)
    data = {
        "title": "2025年职称评审推荐人选公示",
        "category": category.pk,
        "body": "公示内容",
        "starts_on": "2025-09-30",
        "working_days": "5",
        "ends_on": "",
    }
    data.update(changes)
    return data


def counts():
    with scopes_disabled():
        return (Notice.all_objects.count(), NoticeAttachment.objects.count(), Objection.objects.count())


def test_staff_create_a_notice_whose_window_counts_working_days(staff_client, school):
    pdf = SimpleUploadedFile("名单.pdf", b"%PDF-1.4 real pdf", content_type="application/pdf")
    response = staff_client.post(reverse("disclosure:notice_create"), {**form_data(school), "attachment": pdf})
    assert response.status_code == 302
    with scopes_disabled():
        notice = Notice.objects.get()
        assert notice.ends_on == datetime.date(2025, 10, 13)
        assert notice.status == NoticeStatus.DRAFT
        assert notice.attachments.get().original_name == "名单.pdf"
        assert NoticeAttachment.history.count() == 1


def test_an_explicit_end_date_is_kept(staff_client, school):
    data = form_data(school, working_days="", ends_on="2025-10-20")
    assert staff_client.post(reverse("disclosure:notice_create"), data).status_code == 302
    with scopes_disabled():
        assert Notice.objects.get().ends_on == datetime.date(2025, 10, 20)


def test_a_window_ending_before_it_starts_is_refused(staff_client, school):
    before = counts()
    data = form_data(school, working_days="", ends_on="2025-09-29")
    response = staff_client.post(reverse("disclosure:notice_create"), data)
    assert response.status_code == 200
    assert "公示期的结束日期不能早于开始日期" in response.content.decode()
    assert counts() == before


def test_a_window_needs_a_length_or_an_end(staff_client, school):
    before = counts()
    response = staff_client.post(reverse("disclosure:notice_create"), form_data(school, working_days=""))
    assert "请填写公示期的工作日天数或结束日期" in response.content.decode()
    assert counts() == before


def test_an_attachment_that_is_not_what_its_name_says_is_refused(staff_client, school):
    before = counts()
    fake = SimpleUploadedFile("名单.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf")
    response = staff_client.post(reverse("disclosure:notice_create"), {**form_data(school), "attachment": fake})
    assert response.status_code == 200
    assert "该文件实际上不是 .pdf 文件：内容与文件名不符。" in response.content.decode()
    assert counts() == before


@pytest.mark.parametrize(
    "body",
    [
        "名单如下<script>document.title='x'</script>",
        "名单如下<img src=x onerror=alert(1)>",
        '名单如下<a href="javascript:alert(1)">详情</a>',
        "名单如下\n\n[详情](javascript:alert(1))",
        '名单如下\n\n<div onclick="alert(1)">点我</div>',
    ],
    ids=[
        "html-script-tag",
        "html-on-attribute",
        "html-javascript-url",
        "markdown-javascript-url",
        "on-attribute-in-block",
    ],
)
def test_a_body_that_could_run_a_script_is_refused_and_nothing_changes(staff_client, school, body):
    before = counts()
    response = staff_client.post(reverse("disclosure:notice_create"), form_data(school, body=body))
    assert response.status_code == 200
    assert "正文含有可能在浏览器中运行的内容" in response.content.decode()
    assert counts() == before


def test_editing_a_published_body_to_add_a_script_changes_nothing(staff_client, school):
    with scopes_disabled():
        notice = NoticeFactory(school=school, body="原文")
    response = staff_client.post(
        reverse("disclosure:notice_update", args=[notice.pk]),
        form_data(school, body="原文<script>alert(1)</script>", loaded_version=notice.version),
    )
    assert "正文含有可能在浏览器中运行的内容（<script>）" in response.content.decode().replace("&lt;", "<").replace(
        "&gt;", ">"
    )
    with scopes_disabled():
        notice.refresh_from_db()
    assert notice.body == "原文"


def test_a_script_stored_before_the_check_never_reaches_the_page(staff_client, teacher, school):
    """Rows written before the form refused scripts (or by other means) are cleaned on output."""
    teacher_client = login(teacher)
    with scopes_disabled():
        notice = NoticeFactory(
            school=school, body="名单如下<script>document.title='x'</script><img src=x onerror=alert(1)>"
        )
    urls = (
        notice.get_absolute_url(),
        notice.get_absolute_url() + "?print=1",
        reverse("disclosure:board") + "?screen=1",
    )
    for client in (staff_client, teacher_client):
        for url in urls:
            page = client.get(url).content.decode()
            # The history may quote the text, escaped; no live tag may remain.
            assert "<script>document.title" not in page and "<img" not in page


def test_teachers_see_new_badges_until_they_read(teacher_client, teacher, school):
    with scopes_disabled():
        notice = NoticeFactory(school=school, title="绩效工资分配方案公示")
        NoticeFactory(school=school, status=NoticeStatus.DRAFT, title="草稿不给看")
    page = teacher_client.get(reverse("disclosure:board")).content.decode()
    assert "绩效工资分配方案公示" in page and "草稿不给看" not in page
    assert 'data-badge="new"' in page
    assert "剩余 5 个工作日" in page
    teacher_client.get(notice.get_absolute_url())
    with scopes_disabled():
        assert NoticeRead.objects.filter(notice=notice, user=teacher).exists()
    page = teacher_client.get(reverse("disclosure:board")).content.decode()
    assert 'data-badge="new"' not in page


def test_a_teacher_cannot_open_a_draft(teacher_client, school):
    with scopes_disabled():
        draft = NoticeFactory(school=school, status=NoticeStatus.DRAFT)
    assert teacher_client.get(draft.get_absolute_url()).status_code == 404


def test_the_board_has_an_archive_search_and_a_hallway_screen(teacher_client, school):
    with scopes_disabled():
        NoticeFactory(school=school, title="维修工程公示")
        ClosedNoticeFactory(school=school, title="去年的招生公示", category=category_of(school, "招生"))
    page = teacher_client.get(reverse("disclosure:board") + "?q=招生").content.decode()
    assert "去年的招生公示" in page and "维修工程公示" not in page
    screen = teacher_client.get(reverse("disclosure:board") + "?screen=1").content.decode()
    assert 'id="screen-board"' in screen and "维修工程公示" in screen and "去年的招生公示" not in screen


def test_the_board_tells_each_notice_by_its_state(teacher_client, teacher, school):
    today = timezone.localdate()
    with scopes_disabled():
        open_now = NoticeFactory(school=school, title="维修工程公示")
        future = NoticeFactory(school=school, title="招生方案公示", starts_on=today + datetime.timedelta(days=10))
        closed = ClosedNoticeFactory(school=school, title="去年的采购公示")
        withdrawn = ClosedNoticeFactory(
            school=school, title="撤回的绩效公示", status=NoticeStatus.WITHDRAWN, withdrawal_reason="材料有误"
        )
        NoticeRead.objects.create(notice=closed, user=teacher)
    page = teacher_client.get(reverse("disclosure:board")).content.decode()

    def row(notice):
        start = page.index('href="{}" data-notice="{}"'.format(notice.get_absolute_url(), notice.pk))
        return page[start : page.index("</a>", start)]

    assert "data-left=" in row(open_now) and "个工作日" in row(open_now) and 'data-badge="new"' in row(open_now)
    assert "尚未开始" in row(future)
    assert "公示期满" in row(closed) and 'data-badge="new"' not in row(closed)
    assert "已撤回" in row(withdrawn)


def test_an_objection_during_the_window(teacher_client, teacher, school):
    MemberFactory(school=school, user=teacher)
    with scopes_disabled():
        notice = NoticeFactory(school=school)
    response = teacher_client.post(reverse("disclosure:objection_create", args=[notice.pk]), {"text": "有异议"})
    assert response.status_code == 302
    with scopes_disabled():
        objection = Objection.objects.get()
    assert objection.raised_by == teacher and objection.member.user == teacher


def test_an_objection_outside_the_window_is_refused(teacher_client, school):
    with scopes_disabled():
        closed = ClosedNoticeFactory(school=school)
        future = NoticeFactory(school=school, starts_on=timezone.localdate() + datetime.timedelta(days=10))
    before = counts()
    for notice in (closed, future):
        response = teacher_client.post(reverse("disclosure:objection_create", args=[notice.pk]), {"text": "有异议"})
        assert response.status_code == 200
        assert "只能在公示期内提出异议" in response.content.decode()
    assert counts() == before


def test_staff_answer_an_objection_and_the_writer_sees_it(staff_client, teacher, school):
    teacher_client = login(teacher)
    with scopes_disabled():
        objection = ObjectionFactory(notice=NoticeFactory(school=school), raised_by=teacher)
        ObjectionFactory(notice=objection.notice)  # a colleague's
    staff_client.post(reverse("disclosure:objection_answer", args=[objection.pk]), {"answer": "经核实无误"})
    page = teacher_client.get(objection.notice.get_absolute_url()).content.decode()
    assert "经核实无误" in page and page.count("data-objection=") == 1
    staff_page = staff_client.get(objection.notice.get_absolute_url()).content.decode()
    assert staff_page.count("data-objection=") == 2


def test_withdrawal_needs_a_reason_and_stays_on_record(staff_client, teacher, school):
    teacher_client = login(teacher)
    with scopes_disabled():
        notice = NoticeFactory(school=school, title="采购公示")
    url = reverse("disclosure:notice_withdraw", args=[notice.pk])
    response = staff_client.post(url, {"reason": ""})
    assert response.status_code == 200 and "这个字段是必填项" in response.content.decode()
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.PUBLISHED
    staff_client.post(url, {"reason": "价格有误"})
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.WITHDRAWN
    page = teacher_client.get(notice.get_absolute_url()).content.decode()
    assert "价格有误" in page and "已撤回" in page
    assert "采购公示" in teacher_client.get(reverse("disclosure:board")).content.decode()


def test_editing_after_publication_is_in_the_history_shown_on_the_notice(staff_client, teacher, school):
    teacher_client = login(teacher)
    with scopes_disabled():
        notice = NoticeFactory(school=school, title="旧标题")
    data = form_data(school, title="新标题", loaded_version=notice.version)
    assert staff_client.post(reverse("disclosure:notice_update", args=[notice.pk]), data).status_code == 302
    page = teacher_client.get(notice.get_absolute_url()).content.decode()
    assert "旧标题" in page and "新标题" in page and 'id="record-history"' in page


def test_manage_list_shows_reads_and_objections(staff_client, teacher, school):
    with scopes_disabled():
        notice = NoticeFactory(school=school)
        NoticeRead.objects.create(notice=notice, user=teacher)
        ObjectionFactory(notice=notice)
        ObjectionFactory(notice=notice, status="answered")
    page = staff_client.get(reverse("disclosure:notice_manage")).content.decode()
    assert "1 人已读" in page and "2 条异议（1 条未答复）" in page


def test_suggestions_staff_see_all_a_teacher_their_signed_ones(staff_client, teacher, school):
    teacher_client = login(teacher)
    with scopes_disabled():
        SuggestionFactory(school=school, subject="我的署名建议", author=teacher, answer="会考虑", status="answered")
        SuggestionFactory(school=school, subject="别人的建议")
        SuggestionFactory(school=school, subject="匿名建议", anonymous=True)
    mine = teacher_client.get(reverse("disclosure:suggestion_list")).content.decode()
    assert "我的署名建议" in mine and "会考虑" in mine
    assert "别人的建议" not in mine and "匿名建议" not in mine
    everything = staff_client.get(reverse("disclosure:suggestion_list")).content.decode()
    assert all(s in everything for s in ("我的署名建议", "别人的建议", "匿名建议"))


def test_an_anonymous_suggestion_through_the_page_keeps_no_writer(teacher_client, teacher, school):
    MemberFactory(school=school, user=teacher)
    data = {"recipient": "principal", "subject": "食堂", "text": "太咸", "anonymous": "on"}
    response = teacher_client.post(reverse("disclosure:suggestion_create"), data, REMOTE_ADDR="10.9.8.7")
    assert response.status_code == 302
    with scopes_disabled():
        suggestion = Suggestion.objects.get()
        row = Suggestion.objects.filter(pk=suggestion.pk).values().get()
        history = list(suggestion.history.values())
    assert row["author_id"] is None and row["member_id"] is None
    assert [h["history_user_id"] for h in history] == [None]
    assert "10.9.8.7" not in str(row) + str(history)
    # Only the day is kept, in the history row too: a time could be matched to a login.
    written = timezone.localtime(history[0]["history_date"])
    assert (written.hour, written.minute, written.second, written.microsecond) == (0, 0, 0, 0)
    assert written.date() == row["written_on"]
    assert "太咸" not in teacher_client.get(reverse("disclosure:suggestion_list")).content.decode()


@pytest.mark.parametrize("size", [10, 200])
def test_the_board_takes_a_fixed_number_of_queries(
    teacher_client, teacher, school, size, django_assert_max_num_queries
):
    with scopes_disabled():
        for index in range(size):
            if index % 2:
                NoticeFactory(school=school)
            else:
                ClosedNoticeFactory(school=school)
        for notice in Notice.objects.filter(school=school)[:5]:
            NoticeRead.objects.create(notice=notice, user=teacher)
    with django_assert_max_num_queries(12):
        response = teacher_client.get(reverse("disclosure:board"))
    assert response.status_code == 200


@pytest.mark.parametrize("size", [10, 200])
def test_the_manage_list_takes_a_fixed_number_of_queries(staff_client, school, size, django_assert_max_num_queries):
    with scopes_disabled():
        for _index in range(size):
            ObjectionFactory(notice=NoticeFactory(school=school))
    with django_assert_max_num_queries(10):
        assert staff_client.get(reverse("disclosure:notice_manage")).status_code == 200


@pytest.mark.parametrize("size", [10, 200])
def test_the_suggestion_list_takes_a_fixed_number_of_queries(staff_client, school, size, django_assert_max_num_queries):
    with scopes_disabled():
        SuggestionFactory.create_batch(size, school=school)
    with django_assert_max_num_queries(10):
        assert staff_client.get(reverse("disclosure:suggestion_list")).status_code == 200


def test_members_do_not_see_what_a_notice_said_while_it_was_a_draft(staff_client, teacher, school):
    teacher_client = login(teacher)
    with scopes_disabled():
        notice = NoticeFactory(school=school, status=NoticeStatus.DRAFT, published_at=None, title="草稿里的标题")
    data = form_data(school, title="公示标题", loaded_version=notice.version)
    assert staff_client.post(reverse("disclosure:notice_update", args=[notice.pk]), data).status_code == 302
    assert staff_client.post(reverse("disclosure:notice_publish", args=[notice.pk])).status_code == 302
    member_page = teacher_client.get(notice.get_absolute_url()).content.decode()
    assert "公示标题" in member_page and "草稿里的标题" not in member_page
    staff_page = staff_client.get(notice.get_absolute_url()).content.decode()
    assert "草稿里的标题" in staff_page
