"""Quorum, pass rule, approval rate and its wording."""

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scopes_disabled

from congress.choices import TermKind
from congress.models import Vote
from congress.numerals import chinese_number
from congress.services import motion_sentence, quorum, record_attendance, record_vote, set_delegates

from ..factories import MemberFactory
from .factories import AgendaItemFactory, MotionClauseFactory, MotionFactory, SessionFactory, term_with_delegates

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_password_hasher")]


@pytest.fixture(autouse=True)
def _no_scopes():
    with scopes_disabled():
        yield


def session_with(school, delegates, present):
    term, members = term_with_delegates(school, delegates)
    session = SessionFactory(term=term)
    record_attendance(session, [m.pk for m in members[:present]])
    return session, members


def test_chinese_numbers_and_label(school):
    assert [chinese_number(n) for n in (1, 4, 10, 12, 20, 35)] == ["一", "四", "十", "十二", "二十", "三十五"]
    session, _members = session_with(school, 3, 3)
    assert session.label == "四届三次"
    session.kind = "extraordinary"
    assert str(session) == "四届三次（临时）"


def test_quorum_two_thirds_of_delegates(school):
    session, _members = session_with(school, 30, 20)
    assert quorum(session) == {"present": 20, "electorate": 30, "needed": 20, "reached": True}
    session, _members = session_with(school, 30, 19)
    assert quorum(session)["reached"] is False


def test_quorum_counts_only_current_delegates(school):
    """A delegate removed after the roll call no longer fills the quorum or casts a ballot."""
    session, members = session_with(school, 3, 3)
    set_delegates(session.term, members[:1])
    assert quorum(session) == {"present": 1, "electorate": 1, "needed": 1, "reached": True}
    motion = MotionFactory(agenda_item=AgendaItemFactory(session=session))
    with pytest.raises(ValidationError) as error:
        record_vote(motion, 3, 0, 0)
    assert error.value.code == "too_many_ballots"
    assert not Vote.objects.exists()


def test_assembly_counts_every_active_member(school):
    members = [MemberFactory(school=school) for _ in range(6)]
    MemberFactory(school=school, status="retired")
    term, _ = term_with_delegates(school, 0, kind=TermKind.STAFF_ASSEMBLY)
    session = SessionFactory(term=term)
    record_attendance(session, [m.pk for m in members[:4]])
    assert quorum(session) == {"present": 4, "electorate": 6, "needed": 4, "reached": True}


def test_vote_below_quorum_refused(school):
    session, _members = session_with(school, 30, 19)
    motion = MotionFactory(agenda_item=AgendaItemFactory(session=session))
    with pytest.raises(ValidationError) as error:
        record_vote(motion, 19, 0, 0)
    assert error.value.code == "no_quorum"
    assert not Vote.objects.exists()


def test_vote_more_ballots_than_present_refused(school):
    session, _members = session_with(school, 30, 25)
    motion = MotionFactory(agenda_item=AgendaItemFactory(session=session))
    with pytest.raises(ValidationError) as error:
        record_vote(motion, 20, 4, 2)
    assert error.value.code == "too_many_ballots"
    assert not Vote.objects.exists()


def test_passed_needs_more_than_half_of_all_delegates(school):
    session, _members = session_with(school, 30, 24)
    motion = MotionFactory(agenda_item=AgendaItemFactory(session=session))
    vote = record_vote(motion, 15, 5, 4)
    assert vote.passed is False  # 15 of 30 is not more than half, though it is most of those present
    vote = record_vote(motion, 16, 4, 4)
    assert vote.passed is True
    assert vote.approval_rate == 66.7
    assert Vote.objects.count() == 1
    assert motion_sentence(motion) == "以66.7%的赞同率通过（赞成16票，反对4票，弃权4票）"


def test_sentence_from_clause_votes(school):
    session, _members = session_with(school, 40, 40)
    motion = MotionFactory(agenda_item=AgendaItemFactory(session=session))
    for index in range(20):
        clause = MotionClauseFactory(motion=motion)
        record_vote(motion, 37 if index else 36, 2, 40 - (37 if index else 36) - 2, clause=clause)
    assert motion_sentence(motion) == "20条修改条款均以90%以上的赞同率通过"


def test_sentence_when_a_clause_fails(school):
    session, _members = session_with(school, 10, 10)
    motion = MotionFactory(agenda_item=AgendaItemFactory(session=session))
    record_vote(motion, 9, 1, 0, clause=MotionClauseFactory(motion=motion))
    record_vote(motion, 4, 6, 0, clause=MotionClauseFactory(motion=motion))
    assert motion_sentence(motion) == "2条修改条款中1条通过，1条未通过"


def test_no_vote_yet(school):
    motion = MotionFactory(agenda_item=AgendaItemFactory(session=SessionFactory(term__school=school)))
    assert motion_sentence(motion) == "尚未表决"
