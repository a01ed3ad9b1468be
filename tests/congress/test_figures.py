import datetime

import pytest
from django_scopes import scopes_disabled

from congress.choices import ProposalState
from congress.models import SuggestionDrive
from congress.selectors import congress_figures
from congress.services import record_attendance, record_vote

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

START, END = datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)


def test_congress_figures(school, other_school):
    with scopes_disabled():
        term, members = term_with_delegates(school, 10)
        session = SessionFactory(term=term, number=3, held_on=datetime.date(2025, 3, 14))
        SessionFactory(term=term, number=4, kind="extraordinary", held_on=datetime.date(2025, 9, 1))
        SessionFactory(term=term, number=2, held_on=datetime.date(2024, 3, 1))
        record_attendance(session, [m.pk for m in members[:9]])
        motion = MotionFactory(agenda_item=AgendaItemFactory(session=session))
        for votes_for in (9, 8):
            record_vote(motion, votes_for, 0, 9 - votes_for, clause=MotionClauseFactory(motion=motion))
        for state in (ProposalState.SUBMITTED, ProposalState.REPLIED, ProposalState.REPLIED, ProposalState.OPINION):
            ProposalFactory(school=school, state=state)
        ProposalFactory(school=school, submitted_on=datetime.date(2024, 5, 1))
        ProposalFactory(school=other_school)
        DemocraticEvaluationFactory(school=school)
        SuggestionFactory(drive__school=school, adopted=True)
        figures = congress_figures(school, START, END)
    assert [s["label"] for s in figures["sessions"]] == ["四届三次", "四届四次（临时）"]
    assert figures["proposals"]["received"] == 4
    assert figures["proposals"]["handled"] == 3
    assert figures["proposals"]["by_state"]["replied"] == 2
    assert figures["proposals"]["by_state"]["accepted"] == 0
    assert figures["motions"] == [
        {
            "id": motion.pk,
            "session_id": session.pk,
            "session": "四届三次",
            "title": "奖励性绩效工资发放办法修改稿",
            "votes": 2,
            "passed": True,
            "lowest_approval_rate": 88.9,
            "sentence": "2条修改条款均以80%以上的赞同率通过",
        }
    ]
    assert figures["evaluations"][0]["satisfaction_rate"] == 91.7
    drives = figures["suggestions"].pop("drive_list")
    with scopes_disabled():
        assert [drive["pk"] for drive in drives] == list(
            SuggestionDrive.objects.filter(school=school).values_list("pk", flat=True)
        )
    assert figures["suggestions"] == {"drives": 1, "received": 1, "adopted": 1}
