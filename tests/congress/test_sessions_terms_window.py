"""Session documents (checked by their bytes), the school's proposal submission window,
delegation groups of a term's delegates, and the query counts of every congress list page."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from congress.models import CongressSettings, Proposal, Session, SessionDocument
from congress.services import second

from ..factories import MemberFactory
from .factories import (
    DemocraticEvaluationFactory,
    ProposalFactory,
    SessionFactory,
    SuggestionFactory,
    term_with_delegates,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_password_hasher")]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def session_post(term, **changes):
    data = {
        "term": term.pk,
        "number": 3,
        "kind": "regular",
        "held_on": "2025-03-14",
        "place": "报告厅",
        "theme": "审议绩效方案",
        "report": "学校工作报告",
        "loaded_version": 1,
    }
    data.update(changes)
    return data


def test_a_session_keeps_its_documents_and_teachers_download_them(staff_client, client, school, teacher):
    with scopes_disabled():
        term, _members = term_with_delegates(school, 3)
    upload = SimpleUploadedFile("学校工作报告.pdf", PDF, content_type="application/pdf")
    response = staff_client.post(reverse("congress:session_create"), session_post(term, document=upload))
    assert response.status_code == 302
    with scopes_disabled():
        session = Session.objects.get()
        document = SessionDocument.objects.get()
    assert document.session == session and document.original_name == "学校工作报告.pdf"
    assert document.content_type == "application/pdf"
    page = staff_client.get(session.get_absolute_url()).content.decode()
    assert "学校工作报告.pdf" in page
    client.force_login(teacher)
    download = client.get(reverse("congress:document_download", args=[document.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["X-Content-Type-Options"] == "nosniff"


def test_a_session_document_that_is_not_what_its_name_says_changes_nothing(staff_client, school):
    with scopes_disabled():
        term, _members = term_with_delegates(school, 3)
    fake = SimpleUploadedFile("报告.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = staff_client.post(reverse("congress:session_create"), session_post(term, document=fake))
    assert response.status_code == 200
    assert "该文件实际上不是 .pdf 文件：内容与文件名不符。" in response.content.decode()
    with scopes_disabled():
        assert not Session.all_objects.exists() and not SessionDocument.objects.exists()


def settings_with_window(school, start, end):
    with scopes_disabled():
        return CongressSettings.objects.create(school=school, proposals_open_from=start, proposals_open_until=end)


def proposal_post():
    return {"title": "关于增设教师休息室的提案", "reasons": "课间无处休息。", "measures": "改造三楼空教室。"}


def test_a_proposal_outside_the_submission_window_changes_nothing(client, school, teacher):
    today = timezone.localdate()
    settings_with_window(school, today - datetime.timedelta(days=30), today - datetime.timedelta(days=1))
    with scopes_disabled():
        MemberFactory(school=school, user=teacher)
    client.force_login(teacher)
    response = client.post(reverse("congress:proposal_create"), proposal_post())
    assert response.status_code == 200
    assert "提案征集时间为" in response.content.decode()
    with scopes_disabled():
        assert not Proposal.all_objects.exists()


def test_a_proposal_inside_the_submission_window_is_received(client, school, teacher):
    today = timezone.localdate()
    settings_with_window(school, today - datetime.timedelta(days=3), today + datetime.timedelta(days=3))
    with scopes_disabled():
        MemberFactory(school=school, user=teacher)
    client.force_login(teacher)
    assert client.post(reverse("congress:proposal_create"), proposal_post()).status_code == 302
    with scopes_disabled():
        assert Proposal.objects.count() == 1


def test_staff_set_the_submission_window_and_a_backwards_one_is_refused(staff_client, school):
    url = reverse("congress:settings")
    response = staff_client.post(
        url, {"min_seconders": 3, "proposals_open_from": "2025-03-10", "proposals_open_until": "2025-03-01"}
    )
    assert response.status_code == 200
    assert "提案征集截止日期不能早于开始日期。" in response.content.decode()
    with scopes_disabled():
        assert not CongressSettings.objects.exists()
    staff_client.post(
        url, {"min_seconders": 3, "proposals_open_from": "2025-03-01", "proposals_open_until": "2025-03-10"}
    )
    with scopes_disabled():
        settings = CongressSettings.objects.get()
    assert settings.accepts_proposals_on(datetime.date(2025, 3, 10))
    assert not settings.accepts_proposals_on(datetime.date(2025, 3, 11))


def add_rows(school, count):
    with scopes_disabled():
        for _ in range(count):
            term, members = term_with_delegates(school, 2)
            SessionFactory(term=term)
            proposal = ProposalFactory(school=school)
            second(proposal, members[0])
            SuggestionFactory(drive__school=school)
            DemocraticEvaluationFactory(school=school)


@pytest.mark.parametrize(
    "name",
    [
        "congress:session_list",
        "congress:term_list",
        "congress:proposal_list",
        "congress:drive_list",
        "congress:evaluation_list",
    ],
)
@pytest.mark.parametrize("rows", [2, 25])
def test_each_list_page_takes_a_fixed_number_of_queries(
    staff_client, school, name, rows, django_assert_max_num_queries
):
    add_rows(school, rows)
    with django_assert_max_num_queries(12):
        assert staff_client.get(reverse(name)).status_code == 200


def test_staff_put_each_delegate_in_a_delegation_group(staff_client, school, other_school):
    with scopes_disabled():
        term, members = term_with_delegates(school, 2)
        other_term, _others = term_with_delegates(other_school, 1)
        first, second_delegate = term.delegates.order_by("pk")
        stranger = other_term.delegates.get()
    response = staff_client.post(
        reverse("congress:term_groups", args=[term.pk]),
        {
            "group-{}".format(first.pk): "第一代表团",
            "group-{}".format(second_delegate.pk): "后勤组",
            "group-{}".format(stranger.pk): "越权",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        first.refresh_from_db()
        second_delegate.refresh_from_db()
        stranger.refresh_from_db()
        assert first.history.count() == 2
    assert (first.group, second_delegate.group) == ("第一代表团", "后勤组")
    assert stranger.group != "越权"
    page = staff_client.get(term.get_absolute_url()).content.decode()
    assert 'value="第一代表团"' in page and 'value="后勤组"' in page


@pytest.mark.parametrize("motions", [1, 8])
def test_a_session_page_takes_a_fixed_number_of_queries(
    client, school, teacher, motions, django_assert_max_num_queries
):
    """Each motion's result sentence comes from the prefetched votes, not a query per motion."""
    from congress.services import record_attendance, record_vote

    from .factories import AgendaItemFactory, MotionClauseFactory, MotionFactory

    with scopes_disabled():
        term, members = term_with_delegates(school, 3)
        session = SessionFactory(term=term)
        record_attendance(session, [m.pk for m in members])
        for _ in range(motions):
            motion = MotionFactory(agenda_item=AgendaItemFactory(session=session))
            record_vote(motion, 3, 0, 0)
            clause_motion = MotionFactory(agenda_item=AgendaItemFactory(session=session))
            for _ in range(3):
                record_vote(clause_motion, 2, 1, 0, clause=MotionClauseFactory(motion=clause_motion))
    client.force_login(teacher)
    with django_assert_max_num_queries(14):
        response = client.get(session.get_absolute_url())
    assert "以100.0%的赞同率通过" in response.content.decode()


def test_a_session_whose_document_cannot_be_stored_is_not_saved_either(staff_client, school, monkeypatch):
    """The session and its document are one write: a failure in the second undoes the first."""
    with scopes_disabled():
        term, _members = term_with_delegates(school, 3)

    def broken_storage(session, document):
        raise OSError("disk full")

    monkeypatch.setattr("congress.services.save_session_document", broken_storage)
    staff_client.raise_request_exception = False
    upload = SimpleUploadedFile("学校工作报告.pdf", PDF, content_type="application/pdf")
    response = staff_client.post(reverse("congress:session_create"), session_post(term, document=upload))
    assert response.status_code == 500
    with scopes_disabled():
        assert not Session.objects.exists()
        assert not SessionDocument.objects.exists()
