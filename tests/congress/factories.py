import datetime

import factory
from factory.django import DjangoModelFactory

from congress.models import (
    AgendaItem,
    CongressTerm,
    Delegate,
    DemocraticEvaluation,
    Motion,
    MotionClause,
    Proposal,
    Session,
    Suggestion,
    SuggestionDrive,
)

from ..factories import MemberFactory, SchoolFactory


class CongressTermFactory(DjangoModelFactory):
    class Meta:
        model = CongressTerm

    school = factory.SubFactory(SchoolFactory)
    number = 4
    start_year = 2023


class DelegateFactory(DjangoModelFactory):
    class Meta:
        model = Delegate

    term = factory.SubFactory(CongressTermFactory)
    school = factory.SelfAttribute("term.school")
    member = factory.LazyAttribute(lambda o: MemberFactory(school=o.term.school))
    group = "第一代表组"


class SessionFactory(DjangoModelFactory):
    class Meta:
        model = Session

    term = factory.SubFactory(CongressTermFactory)
    school = factory.SelfAttribute("term.school")
    number = 3
    held_on = datetime.date(2025, 3, 14)
    place = "学校报告厅"
    theme = "审议奖励性绩效工资发放办法"


class AgendaItemFactory(DjangoModelFactory):
    class Meta:
        model = AgendaItem

    session = factory.SubFactory(SessionFactory)
    school = factory.SelfAttribute("session.school")
    order = factory.Sequence(lambda n: n + 1)
    title = "审议奖励性绩效工资发放办法修改稿"


class MotionFactory(DjangoModelFactory):
    class Meta:
        model = Motion

    agenda_item = factory.SubFactory(AgendaItemFactory)
    school = factory.SelfAttribute("agenda_item.school")
    title = "奖励性绩效工资发放办法修改稿"


class MotionClauseFactory(DjangoModelFactory):
    class Meta:
        model = MotionClause

    motion = factory.SubFactory(MotionFactory)
    school = factory.SelfAttribute("motion.school")
    order = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: "第{}条".format(n + 1))


class ProposalFactory(DjangoModelFactory):
    class Meta:
        model = Proposal

    school = factory.SubFactory(SchoolFactory)
    title = "关于改善教师午餐的提案"
    reasons = "午餐品种单一。"
    measures = "引入两家供餐单位轮换。"
    proposer = factory.LazyAttribute(lambda o: MemberFactory(school=o.school))
    submitted_on = datetime.date(2025, 3, 10)


class SuggestionDriveFactory(DjangoModelFactory):
    class Meta:
        model = SuggestionDrive

    school = factory.SubFactory(SchoolFactory)
    title = "2025年金点子征集"
    opens_on = datetime.date(2025, 4, 1)
    closes_on = datetime.date(2025, 4, 30)


class SuggestionFactory(DjangoModelFactory):
    class Meta:
        model = Suggestion

    drive = factory.SubFactory(SuggestionDriveFactory)
    school = factory.SelfAttribute("drive.school")
    text = "建议在教学楼增设饮水机。"
    received_on = datetime.date(2025, 4, 10)


class DemocraticEvaluationFactory(DjangoModelFactory):
    class Meta:
        model = DemocraticEvaluation

    school = factory.SubFactory(SchoolFactory)
    subject = "校长张明"
    evaluated_on = datetime.date(2025, 6, 20)
    excellent = 40
    competent = 15
    basically_competent = 3
    incompetent = 2
    result = "称职"


def term_with_delegates(school, count, **kwargs):
    """A term of ``school`` with ``count`` delegates; returns (term, [members])."""
    term = CongressTermFactory(school=school, **kwargs)
    members = [DelegateFactory(term=term).member for _ in range(count)]
    return term, members
