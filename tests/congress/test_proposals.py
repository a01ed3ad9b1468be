"""The proposal state machine and its seconders; every refusal in Chinese, changing nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from django_scopes import scopes_disabled

from congress.choices import ProposalState
from congress.models import CongressSettings, Proposal, Seconding
from congress.services import second, submit_proposal, transition

from ..factories import DepartmentFactory, MemberFactory
from .factories import ProposalFactory

pytestmark = [pytest.mark.django_db]

DAY = datetime.date(2025, 3, 20)


@pytest.fixture(autouse=True)
def _chinese():
    with scopes_disabled(), translation.override("zh-hans"):
        yield


def seconded(school, count=2):
    proposal = ProposalFactory(school=school)
    for _ in range(count):
        second(proposal, MemberFactory(school=school), on=DAY)
    return proposal


def refused(call, *args, **kwargs):
    with pytest.raises(ValidationError) as error:
        call(*args, **kwargs)
    return error.value


def test_full_path_is_dated(school):
    proposal = seconded(school)
    department = DepartmentFactory(school=school)
    transition(proposal, ProposalState.ACCEPTED, on=DAY)
    transition(proposal, ProposalState.ASSIGNED, on=DAY, department=department)
    transition(proposal, ProposalState.REPLIED, on=DAY, reply="下学期起引入第二家供餐单位。")
    transition(proposal, ProposalState.SATISFIED, on=DAY)
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.SATISFIED
    assert (proposal.decided_on, proposal.assigned_on, proposal.replied_on, proposal.feedback_on) == (DAY,) * 4
    states = [h.state for h in proposal.history.order_by("history_id")]
    assert states == ["submitted", "accepted", "assigned", "replied", "satisfied"]


def test_skipping_a_state_refused(school):
    proposal = seconded(school)
    error = refused(transition, proposal, ProposalState.REPLIED, reply="已处理")
    assert error.code == "bad_transition"
    assert error.messages == ["处于“已提交”状态的提案不能直接变为“已答复”。"]
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.SUBMITTED and proposal.reply == ""


def test_too_few_seconders_refused(school):
    CongressSettings.objects.create(school=school, min_seconders=3)
    proposal = seconded(school, 2)
    error = refused(transition, proposal, ProposalState.ACCEPTED)
    assert error.messages == ["提案至少需要3名附议人，本提案只有2名。"]
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.SUBMITTED and proposal.decided_on is None


def test_proposer_cannot_second(school):
    proposal = ProposalFactory(school=school)
    error = refused(second, proposal, proposal.proposer)
    assert error.messages == ["提案人不能附议自己的提案。"]
    assert not Seconding.objects.exists()


def test_submit_with_proposer_among_seconders_saves_nothing(school):
    proposer = MemberFactory(school=school)
    proposal = Proposal(
        school=school, title="提案", reasons="理由", measures="措施", proposer=proposer, submitted_on=DAY
    )
    error = refused(submit_proposal, proposal, [MemberFactory(school=school), proposer])
    assert error.code == "own_proposal"
    assert not Proposal.objects.exists() and not Seconding.objects.exists()


def test_second_twice_refused(school):
    proposal = ProposalFactory(school=school)
    member = MemberFactory(school=school)
    second(proposal, member, on=DAY)
    assert refused(second, proposal, member).code == "already"
    assert proposal.secondings.count() == 1


def test_not_accepted_needs_reason(school):
    proposal = seconded(school)
    assert refused(transition, proposal, ProposalState.NOT_ACCEPTED).code == "reason_required"
    transition(proposal, ProposalState.NOT_ACCEPTED, reason="不属于教代会职权范围", on=DAY)
    proposal.refresh_from_db()
    assert proposal.decision_reason == "不属于教代会职权范围"
    assert refused(transition, proposal, ProposalState.ACCEPTED).code == "bad_transition"


def test_opinion_needs_no_seconders_and_is_final(school):
    proposal = seconded(school, 0)
    transition(proposal, ProposalState.OPINION, on=DAY)
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.OPINION
    assert refused(transition, proposal, ProposalState.ASSIGNED).code == "bad_transition"


def test_assignment_needs_a_department_of_the_school(school, other_school):
    proposal = seconded(school)
    transition(proposal, ProposalState.ACCEPTED, on=DAY)
    assert refused(transition, proposal, ProposalState.ASSIGNED).code == "department_required"
    error = refused(transition, proposal, ProposalState.ASSIGNED, department=DepartmentFactory(school=other_school))
    assert error.code == "department_required"
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.ACCEPTED and proposal.department is None
