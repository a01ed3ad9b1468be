"""The congress pages: teachers propose and second, staff decide, votes show their rate."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from congress.choices import ProposalState
from congress.models import Proposal, Seconding, Vote
from congress.services import record_attendance, second

from ..factories import DepartmentFactory, MemberFactory
from .factories import (
    AgendaItemFactory,
    MotionClauseFactory,
    MotionFactory,
    ProposalFactory,
    SessionFactory,
    term_with_delegates,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_password_hasher")]


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def voting_session(school, delegates, present):
    with scopes_disabled():
        term, members = term_with_delegates(school, delegates)
        session = SessionFactory(term=term)
        record_attendance(session, [m.pk for m in members[:present]])
        motion = MotionFactory(agenda_item=AgendaItemFactory(session=session))
    return session, motion


def test_teacher_submits_and_colleague_seconds(client, school, teacher):
    with scopes_disabled():
        own = MemberFactory(school=school, user=teacher)
    client.force_login(teacher)
    response = client.post(
        reverse("congress:proposal_create"),
        {"title": "关于增设教师休息室的提案", "reasons": "课间无处休息。", "measures": "改造三楼空教室。"},
    )
    assert response.status_code == 302
    with scopes_disabled():
        proposal = Proposal.objects.get()
        assert proposal.proposer == own and proposal.state == ProposalState.SUBMITTED
    response = client.post(reverse("congress:proposal_second", args=[proposal.pk]), follow=True)
    assert "提案人不能附议自己的提案。" in messages_of(response)
    with scopes_disabled():
        assert not Seconding.objects.exists()


def test_teacher_reads_sessions_and_results(client, school, teacher):
    session, motion = voting_session(school, 3, 3)
    with scopes_disabled():
        from congress.services import record_vote

        record_vote(motion, 3, 0, 0)
    client.force_login(teacher)
    response = client.get(reverse("congress:session_detail", args=[session.pk]))
    content = response.content.decode()
    assert "四届三次" in content and "赞同率100.0%" in content and "达到法定人数" in content
    assert 'name="votes_for"' not in content  # no vote form for teachers


def test_vote_through_the_page(staff_client, school):
    session, motion = voting_session(school, 30, 25)
    url = reverse("congress:motion_vote", args=[motion.pk])
    response = staff_client.post(url, {"votes_for": 22, "votes_against": 2, "abstentions": 1}, follow=True)
    assert "表决结果已记录：赞同率88.0%。" in messages_of(response)
    assert "以88.0%的赞同率通过" in response.content.decode()


def test_vote_with_more_ballots_than_present_changes_nothing(staff_client, school):
    session, motion = voting_session(school, 30, 25)
    url = reverse("congress:motion_vote", args=[motion.pk])
    response = staff_client.post(url, {"votes_for": 22, "votes_against": 3, "abstentions": 1}, follow=True)
    assert "票数合计26票，超过实到人数25人。" in messages_of(response)
    with scopes_disabled():
        assert not Vote.objects.exists()


def test_vote_below_quorum_changes_nothing(staff_client, school):
    session, motion = voting_session(school, 30, 19)
    response = staff_client.get(reverse("congress:session_detail", args=[session.pk]))
    assert "未达法定人数：不能有效表决" in response.content.decode()
    url = reverse("congress:motion_vote", args=[motion.pk])
    response = staff_client.post(url, {"votes_for": 19, "votes_against": 0, "abstentions": 0}, follow=True)
    assert "未达到法定人数：应到30人，实到19人，至少需20人。不能进行有效表决。" in messages_of(response)
    with scopes_disabled():
        assert not Vote.objects.exists()


def test_clause_of_another_motion_refused(staff_client, school):
    session, motion = voting_session(school, 3, 3)
    with scopes_disabled():
        stranger = MotionClauseFactory(motion=MotionFactory(agenda_item=AgendaItemFactory(session=session)))
    url = reverse("congress:motion_vote", args=[motion.pk])
    response = staff_client.post(
        url, {"votes_for": 3, "votes_against": 0, "abstentions": 0, "clause": stranger.pk}, follow=True
    )
    assert "该条款不属于这项议案。" in messages_of(response)
    with scopes_disabled():
        assert not Vote.objects.exists()


def test_agenda_with_clauses_and_attendance_grid(staff_client, school):
    session, _motion = voting_session(school, 3, 0)
    response = staff_client.post(
        reverse("congress:session_agenda", args=[session.pk]),
        {"title": "审议绩效方案", "motion": "绩效方案修改稿", "clauses": "第一条\n\n第二条"},
    )
    assert response.status_code == 302
    with scopes_disabled():
        item = session.agenda.order_by("-order").first()
        assert [c.title for c in item.motions.get().clauses.all()] == ["第一条", "第二条"]
        voter_ids = [a.member_id for a in session.attendances.all()]
    staff_client.post(reverse("congress:session_attendance", args=[session.pk]), {"present": voter_ids[:2]})
    with scopes_disabled():
        assert session.attendances.filter(present=True).count() == 2


def test_agenda_clauses_without_motion_refused(staff_client, school):
    session, _motion = voting_session(school, 3, 0)
    response = staff_client.post(
        reverse("congress:session_agenda", args=[session.pk]), {"title": "审议", "clauses": "第一条"}, follow=True
    )
    assert "请填写这些条款所属的议案。" in messages_of(response)
    with scopes_disabled():
        assert session.agenda.count() == 1


def test_staff_transition_skipping_a_state_changes_nothing(staff_client, school):
    with scopes_disabled():
        proposal = ProposalFactory(school=school)
    response = staff_client.post(
        reverse("congress:proposal_transition", args=[proposal.pk]),
        {"state": ProposalState.REPLIED, "on": "2025-03-20", "reply": "已解决"},
        follow=True,
    )
    assert "处于“已提交”状态的提案不能直接变为“已答复”。" in messages_of(response)
    with scopes_disabled():
        proposal.refresh_from_db()
    assert proposal.state == ProposalState.SUBMITTED and proposal.reply == ""


def test_staff_accept_with_too_few_seconders_changes_nothing(staff_client, school):
    with scopes_disabled():
        proposal = ProposalFactory(school=school)
        second(proposal, MemberFactory(school=school))
    response = staff_client.post(
        reverse("congress:proposal_transition", args=[proposal.pk]),
        {"state": ProposalState.ACCEPTED, "on": "2025-03-20"},
        follow=True,
    )
    assert "提案至少需要2名附议人，本提案只有1名。" in messages_of(response)
    with scopes_disabled():
        proposal.refresh_from_db()
    assert proposal.state == ProposalState.SUBMITTED


def test_proposer_answers_the_reply(client, school, teacher):
    with scopes_disabled():
        own = MemberFactory(school=school, user=teacher)
        proposal = ProposalFactory(school=school, proposer=own)
        proposal.state = ProposalState.REPLIED
        proposal.save()
        other = ProposalFactory(school=school)
        other.state = ProposalState.REPLIED
        other.save()
    client.force_login(teacher)
    assert client.post(reverse("congress:proposal_feedback", args=[other.pk])).status_code == 403
    client.post(reverse("congress:proposal_feedback", args=[proposal.pk]), {"satisfied": "yes"})
    with scopes_disabled():
        proposal.refresh_from_db()
    assert proposal.state == ProposalState.SATISFIED and proposal.feedback_on is not None


def test_department_of_other_school_refused(staff_client, school, other_school):
    with scopes_disabled():
        proposal = ProposalFactory(school=school)
        for _ in range(2):
            second(proposal, MemberFactory(school=school))
        proposal.state = ProposalState.ACCEPTED
        proposal.save()
        foreign = DepartmentFactory(school=other_school)
    staff_client.post(
        reverse("congress:proposal_transition", args=[proposal.pk]),
        {"state": ProposalState.ASSIGNED, "on": "2025-03-20", "department": foreign.pk},
    )
    with scopes_disabled():
        proposal.refresh_from_db()
    assert proposal.state == ProposalState.ACCEPTED and proposal.department_id is None


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", ["congress:session_list", "congress:proposal_list"])
def test_list_query_count_does_not_grow(staff_client, school, name):
    def add(count):
        with scopes_disabled():
            for _ in range(count):
                term, _members = term_with_delegates(school, 1)
                SessionFactory(term=term)
                proposal = ProposalFactory(school=school)
                second(proposal, MemberFactory(school=school))

    add(2)
    small = count_queries(staff_client, reverse(name))
    add(20)
    large = count_queries(staff_client, reverse(name))
    assert small == large
    assert large <= 12


def proposal_edit(proposal, **changes):
    data = {
        "title": proposal.title,
        "reasons": proposal.reasons,
        "measures": proposal.measures,
        "proposer": proposal.proposer_id,
        "loaded_version": proposal.version,
    }
    data.update(changes)
    return data


def test_staff_cannot_make_a_seconder_the_proposer(staff_client, school):
    with scopes_disabled():
        proposal = ProposalFactory(school=school)
        seconder = MemberFactory(school=school)
        second(proposal, seconder, on=proposal.submitted_on)
    url = reverse("congress:proposal_update", args=[proposal.pk])
    response = staff_client.post(url, proposal_edit(proposal, proposer=seconder.pk))
    assert response.status_code == 200
    assert "附议了这份提案，不能同时作为提案人" in response.content.decode()
    with scopes_disabled():
        assert Proposal.objects.get(pk=proposal.pk).proposer_id == proposal.proposer_id


def test_a_decided_proposal_can_no_longer_be_edited(staff_client, school):
    with scopes_disabled():
        proposal = ProposalFactory(school=school, state=ProposalState.NOT_ACCEPTED, decision_reason="不属于提案范围")
    url = reverse("congress:proposal_update", args=[proposal.pk])
    response = staff_client.post(url, proposal_edit(proposal, title="改过的标题"))
    assert response.status_code == 200
    assert "已经处理" in response.content.decode()
    with scopes_disabled():
        assert Proposal.objects.get(pk=proposal.pk).title == proposal.title
