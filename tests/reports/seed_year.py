"""A school's year of records shaped like seed 000 (2018年坂上初中工会工作总结): its ethics
drives and the eleventh ethics month, the pledge against paid tutoring, the awards and
promotions, a congress session with a motion voted clause by clause, notices, visits,
holiday greetings and the spring tug-of-war and autumn volleyball.

``seed_year(school)`` enters it through the factories and returns what it made, so that
tests of the summary, its exports and the dashboard can check the figures against it.
"""

import datetime
import types
from decimal import Decimal

from django.utils import timezone
from django_scopes import scopes_disabled

from activities import choices
from activities.models import Category
from congress.services import record_attendance, record_vote
from tests.activity_factories import (
    ActivityFactory,
    AwardFactory,
    CampaignFactory,
    CareLogFactory,
    CarePairFactory,
    ClubFactory,
    GreetingBatchFactory,
    GreetingRecipientFactory,
    MentorMeetingFactory,
    MentorPairFactory,
    PledgeDriveFactory,
    PledgeSignatureFactory,
    PromotionFactory,
    VisitFactory,
)
from tests.congress.factories import (
    AgendaItemFactory,
    DemocraticEvaluationFactory,
    MotionClauseFactory,
    MotionFactory,
    ProposalFactory,
    SessionFactory,
    term_with_delegates,
)
from tests.disclosure.factories import NoticeFactory, category_of
from tests.factories import MemberFactory

YEAR = 2018
MEMBERS = 12


def day(month, date, year=YEAR):
    return datetime.date(year, month, date)


def category(school, name):
    """One of the default categories every school starts with."""
    Category.create_defaults(school)
    return Category.objects.get(school=school, name=name)


def seed_year(school, year=YEAR):
    """Enter the year into ``school``; returns a namespace of the records made."""
    with scopes_disabled():
        return _seed(school, year)


def _seed(school, year):
    made = types.SimpleNamespace()
    ethics = category(school, "师德师风建设")
    competence = category(school, "师能建设/专业成长")
    culture = category(school, "文体活动")
    women = category(school, "女工工作")
    care_action = category(school, "168爱生行动")

    members = [MemberFactory(school=school) for _ in range(MEMBERS)]
    made.members = members

    # 一、师德师风建设
    made.action = CampaignFactory(
        school=school,
        title="“个十百千万”行动",
        number=None,
        category=ethics,
        launched_on=day(3, 5, year),
        description="学校制定师德建设“个十百千万”行动实施方案，全员参与。在行动中，学校领导以身作则。",
    )
    made.pledge = PledgeDriveFactory(school=school, title="拒绝有偿补课公开承诺", year=year, opened_on=day(4, 20, year))
    for index, member in enumerate(members):
        PledgeSignatureFactory(drive=made.pledge, member=member, signed_on=day(4, 25, year) if index else None)
    made.discussion = ActivityFactory(
        school=school,
        title="师德大讨论",
        category=ethics,
        starts_on=day(5, 16, year),
        description="学校组织教师学习《新时代中小学教师职业行为十项准则》，并分年级组进行大讨论。每位教师都有收获。",
        participants=members,
    )
    made.month = CampaignFactory(
        school=school,
        title="师德建设月",
        number=11,
        category=ethics,
        launched_on=day(9, 3, year),
        description="学校举行第十一个“师德建设月”活动启动仪式，然后落实各项活动。",
    )
    made.month_activities = [
        ActivityFactory(
            school=school,
            title=title,
            category=ethics,
            campaign=made.month,
            starts_on=when,
            description="",
            participants=members[:count],
        )
        for title, when, count in (
            ("启动仪式", day(9, 3, year), 12),
            ("选派教师参加教师节活动", day(9, 10, year), 3),
            ("启动新一轮“168”爱生行动", day(9, 12, year), 12),
            ("“良师益友”微事迹推荐", day(9, 20, year), 5),
        )
    ]
    made.essays = ActivityFactory(
        school=school,
        title="“争当三好教师”师德征文",
        category=ethics,
        starts_on=day(10, 15, year),
        description="老师们结合自己的教育实践撰写征文！共收到征文十二篇。",
        participants=members[:6],
    )
    made.talks = ActivityFactory(
        school=school,
        title="“四有教师”宣讲",
        category=ethics,
        starts_on=day(11, 8, year),
        description="学校专门设立“教师讲堂”，进行教师师德宣讲",
        participants=members[:4],
    )

    # 二、师能建设: 7人次在区级及以上比赛中获奖，2位教师晋升职称
    made.contest = ActivityFactory(
        school=school,
        title="“青蓝工程”青年教师赛课",
        category=competence,
        starts_on=day(5, 10, year),
        description="给青年教师搭建相互交流、相互学习的平台。",
        participants=members[:5],
    )
    made.mentor_pairs = [
        MentorPairFactory(school=school, mentor=members[i], mentee=members[i + 6], school_year=year) for i in range(3)
    ]
    MentorMeetingFactory(pair=made.mentor_pairs[0], met_on=day(10, 9, year))
    made.awards = [
        AwardFactory(school=school, level=choices.AwardLevel.DISTRICT, awarded_on=day(6, 1, year), members=members[:3]),
        AwardFactory(school=school, level=choices.AwardLevel.CITY, awarded_on=day(11, 1, year), members=members[3:5]),
        AwardFactory(
            school=school, level=choices.AwardLevel.PROVINCE, awarded_on=day(12, 1, year), members=members[5:7]
        ),
        AwardFactory(school=school, level=choices.AwardLevel.SCHOOL, awarded_on=day(12, 5, year), members=members[7:9]),
    ]
    made.promotions = [
        PromotionFactory(school=school, member=members[0], title="first", promoted_on=day(8, 1, year)),
        PromotionFactory(school=school, member=members[1], title="senior", promoted_on=day(12, 1, year)),
    ]

    # 三、民主管理
    term, delegates = term_with_delegates(school, 10, number=4, start_year=year - 2)
    made.session = SessionFactory(term=term, number=3, held_on=day(3, 14, year), theme="审议奖励性绩效工资发放办法")
    record_attendance(made.session, [m.pk for m in delegates[:9]])
    made.motion = MotionFactory(agenda_item=AgendaItemFactory(session=made.session))
    for votes_for in (9, 9, 8):
        record_vote(made.motion, votes_for, 0, 0, clause=MotionClauseFactory(motion=made.motion))
    made.proposals = [
        ProposalFactory(school=school, submitted_on=day(3, 1, year), state=state)
        for state in ("submitted", "replied", "replied")
    ]
    made.evaluation = DemocraticEvaluationFactory(school=school, subject="校级领导", evaluated_on=day(6, 28, year))
    published = timezone.make_aware(datetime.datetime(year, 6, 1, 9, 0))
    made.notices = [
        NoticeFactory(
            school=school,
            category=category_of(school, name),
            starts_on=day(6, 1, year),
            published_at=published,
        )
        for name in ("招生", "财务", "财务", "职评")
    ]

    # 四、维护教职工权益: visits, greetings, sports
    made.visits = [
        VisitFactory(school=school, member=members[2], reason=choices.VisitReason.ILLNESS, visited_on=day(4, 2, year)),
        VisitFactory(school=school, member=members[3], reason=choices.VisitReason.ILLNESS, visited_on=day(10, 8, year)),
        VisitFactory(
            school=school,
            member=members[4],
            reason=choices.VisitReason.CHILDBIRTH,
            visited_on=day(7, 1, year),
            amount=Decimal("600.00"),
        ),
    ]
    made.greetings = []
    for festival, given_on, audience, receivers in (
        (choices.Festival.SPRING, day(2, 9, year), choices.Audience.EVERYONE, members),
        (choices.Festival.WOMENS_DAY, day(3, 8, year), choices.Audience.WOMEN, members[:5]),
        (choices.Festival.MID_AUTUMN, day(9, 21, year), choices.Audience.EVERYONE, members),
    ):
        batch = GreetingBatchFactory(
            school=school,
            festival=festival,
            year=year,
            given_on=given_on,
            audience=audience,
            amount_each=Decimal("200.00"),
        )
        for member in receivers:
            GreetingRecipientFactory(batch=batch, member=member)
        made.greetings.append(batch)
    made.women_talk = ActivityFactory(
        school=school,
        title="女教师座谈交流",
        category=women,
        starts_on=day(3, 8, year),
        description="学习先进事迹，鼓励女教师为学校发展贡献力量。",
        participants=members[:5],
    )
    made.volleyball_team = ClubFactory(school=school, name="气排球队")
    made.volleyball_team.members.set(members[:8])
    made.tug_of_war = ActivityFactory(
        school=school,
        title="教职工拔河比赛",
        category=culture,
        starts_on=day(4, 12, year),
        description="今年春，学校工会组织开展了教职工拔河比赛。教师们陶冶了身心。",
        participants=members,
    )
    made.volleyball = ActivityFactory(
        school=school,
        title="气排球比赛",
        category=culture,
        club=made.volleyball_team,
        starts_on=day(10, 25, year),
        description="秋季，学校工会组织教师积极参加气排球比赛。",
        participants=members[:8],
        outside_participants=2,
    )

    # 168爱生行动: two pairs of the school year begun in September, logs for the autumn
    made.care_pairs = [CarePairFactory(school=school, teacher=members[i], school_year=year) for i in range(2)]
    made.care_logs = [
        CareLogFactory(pair=made.care_pairs[0], month=day(9, 1, year), talks=6, tutoring=8),
        CareLogFactory(pair=made.care_pairs[0], month=day(10, 1, year), talks=7, tutoring=9),
        CareLogFactory(pair=made.care_pairs[1], month=day(9, 1, year), talks=4, tutoring=8),
    ]
    made.care_launch = ActivityFactory(
        school=school,
        title="“168”爱生行动结对仪式",
        category=care_action,
        starts_on=day(9, 28, year),
        description="教师与学生结对。",
        participants=members[:2],
    )
    return made
