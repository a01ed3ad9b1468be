"""Every congress model keeps its history."""

import pytest
from django_scopes import scopes_disabled

from congress.models import CongressSettings
from congress.services import record_attendance, record_vote, second

from ..factories import MemberFactory
from .factories import (
    AgendaItemFactory,
    DemocraticEvaluationFactory,
    MotionClauseFactory,
    MotionFactory,
    ProposalFactory,
    SessionFactory,
    SuggestionFactory,
    term_with_delegates,
)

pytestmark = [pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _no_scopes():
    with scopes_disabled():
        yield


def changed(obj, **changes):
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.save()
    return [h.history_type for h in obj.history.order_by("history_id")]


def test_every_model_has_history(school):
    term, members = term_with_delegates(school, 3)
    session = SessionFactory(term=term)
    record_attendance(session, [m.pk for m in members])
    item = AgendaItemFactory(session=session)
    motion = MotionFactory(agenda_item=item)
    clause = MotionClauseFactory(motion=motion)
    vote = record_vote(motion, 3, 0, 0, clause=clause)
    proposal = ProposalFactory(school=school)
    seconding = second(proposal, MemberFactory(school=school))
    suggestion = SuggestionFactory(drive__school=school)
    settings = CongressSettings.objects.create(school=school)
    records = [
        (term, {"start_year": 2024}),
        (term.delegates.first(), {"group": "第二代表组"}),
        (session, {"place": "会议室"}),
        (session.attendances.first(), {"present": False}),
        (item, {"title": "新议程"}),
        (motion, {"title": "新议案"}),
        (clause, {"title": "第一条（修改）"}),
        (vote, {"votes_for": 2}),
        (proposal, {"title": "新提案"}),
        (seconding, {"seconded_on": proposal.submitted_on}),
        (suggestion.drive, {"title": "新征集"}),
        (suggestion, {"adopted": True}),
        (DemocraticEvaluationFactory(school=school), {"result": "优秀"}),
        (settings, {"min_seconders": 3}),
    ]
    for obj, changes in records:
        assert changed(obj, **changes) == ["+", "~"], obj
