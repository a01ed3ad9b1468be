"""Years of records for the tests of the summary's writer: one record of each kind, and a
busy year with many of every kind — activities in several categories and campaigns, awards
of every kind, level and status, visits for every reason, greetings for every festival,
sessions with motions, notices in many categories, clubs with schedules and awards, mentor
and 168 pairs, the ethics assessment, promotions and new hires.

``single_year(school)`` and ``busy_year(school)`` enter them through the factories and
return what they made.
"""

import datetime
import itertools
import types
from decimal import Decimal

from django.utils import timezone
from django_scopes import scopes_disabled

from activities import choices
from activities.models import Category, ClubSchedule
from activities.models.awards import ProfessionalTitle
from congress.services import record_attendance, record_vote
from members.choices import MemberStatus
from tests.activities.factories_log import add_members
from tests.activities.factories_partnerships import PartnershipFactory
from tests.activity_factories import (
    ActivityFactory,
    AwardFactory,
    CampaignFactory,
    CareLogFactory,
    CarePairFactory,
    CategoryFactory,
    ClubFactory,
    EthicsAssessmentFactory,
    EthicsPeriodFactory,
    GreetingBatchFactory,
    GreetingRecipientFactory,
    HardshipAidFactory,
    HardshipCaseFactory,
    MentorMeetingFactory,
    MentorPairFactory,
    MutualAidGrantFactory,
    PledgeDriveFactory,
    PledgeSignatureFactory,
    PromotionFactory,
    VisitFactory,
)
from tests.congress.factories import (
    AgendaItemFactory,
    DemocraticEvaluationFactory,
    MotionFactory,
    ProposalFactory,
    SessionFactory,
    term_with_delegates,
)
from tests.disclosure.factories import NoticeFactory, category_of

YEAR = 2018


def day(month, date, year=YEAR):
    return datetime.date(year, month, date)


def categories(school):
    """The school's default categories by name."""
    Category.create_defaults(school)
    return {c.name: c for c in Category.objects.filter(school=school)}


def published(year=YEAR):
    return timezone.make_aware(datetime.datetime(year, 1, 2, 9, 0))


def single_year(school, year=YEAR):
    """One record of each kind the summary tells, in ``year``."""
    with scopes_disabled():
        return _single(school, year)


def _single(school, year):
    made = types.SimpleNamespace()
    named = categories(school)
    members = add_members(school, 8)
    active = [m for m in members if m.status == MemberStatus.ACTIVE]
    retiree = next(m for m in members if m.status == MemberStatus.RETIRED)
    made.members = members
    made.campaign = CampaignFactory(
        school=school, title="师德建设月", number=1, category=named["师德师风建设"], launched_on=day(9, 3, year)
    )
    made.campaign_activity = ActivityFactory(
        school=school,
        title="师德承诺签名",
        category=named["师德师风建设"],
        campaign=made.campaign,
        starts_on=day(9, 10, year),
        participants=active,
    )
    made.activity = ActivityFactory(
        school=school,
        title="教职工拔河比赛",
        category=named["文体活动"],
        starts_on=day(4, 12, year),
        participants=active,
    )
    club = ClubFactory(school=school, name="书法社", leader=active[0])
    club.members.set(active[:3])
    ClubSchedule.objects.create(club=club, weekdays="3", place="书画室")
    made.club = club
    made.club_activity = ActivityFactory(
        school=school,
        title="迎新春写春联",
        category=named["文体活动"],
        club=club,
        starts_on=day(1, 20, year),
        participants=active[:2],
    )
    made.pledge = PledgeDriveFactory(school=school, year=year, opened_on=day(9, 10, year))
    PledgeSignatureFactory(drive=made.pledge, member=active[0], signed_on=day(9, 11, year))
    period = EthicsPeriodFactory(
        school=school, title="{}年10月".format(year), starts_on=day(10, 1, year), ends_on=day(10, 31, year)
    )
    EthicsAssessmentFactory(period=period, member=active[0])
    made.award = AwardFactory(school=school, awarded_on=day(5, 20, year), members=active[:1])
    made.promotion = PromotionFactory(school=school, member=active[1], promoted_on=day(8, 1, year))
    MentorPairFactory(school=school, mentor=active[0], mentee=active[1], school_year=year)
    pair = CarePairFactory(school=school, teacher=active[2], school_year=year)
    CareLogFactory(pair=pair, month=day(10, 1, year))
    term, delegates = term_with_delegates(school, 3, start_year=year - 1)
    made.session = SessionFactory(term=term, number=2, held_on=day(3, 14, year))
    record_attendance(made.session, [m.pk for m in delegates])
    record_vote(MotionFactory(agenda_item=AgendaItemFactory(session=made.session)), 3, 0, 0)
    ProposalFactory(school=school, proposer=active[0], submitted_on=day(3, 1, year))
    made.evaluation = DemocraticEvaluationFactory(school=school, evaluated_on=day(6, 20, year))
    made.notice = NoticeFactory(
        school=school,
        title="{}年工会经费收支情况公示".format(year),
        starts_on=day(6, 1, year),
        published_at=published(year),
    )
    made.visit = VisitFactory(school=school, member=active[3], visited_on=day(4, 2, year))
    made.retiree_visit = VisitFactory(
        school=school, member=retiree, reason=choices.VisitReason.BIRTHDAY, visited_on=day(5, 2, year)
    )
    made.greeting = GreetingBatchFactory(school=school, year=year, given_on=day(9, 24, year))
    GreetingRecipientFactory(batch=made.greeting, member=active[0])
    case = HardshipCaseFactory(school=school, member=active[4], opened_on=day(2, 1, year))
    HardshipAidFactory(case=case, given_on=day(2, 10, year))
    made.grant = MutualAidGrantFactory(school=school, member=active[4], granted_on=day(5, 5, year))
    made.partnership = PartnershipFactory(school=school, started_on=day(3, 1, year), agreement_signed_on=None)
    return made


# Every kind of award with every status it can be at (AWARD_STATUSES_BY_KIND).
AWARDS = [
    (kind, status) for kind in choices.AwardKind.values for status in choices.award_statuses_of(kind)
]  # fmt: skip
AWARD_TITLES = {
    choices.AwardKind.COMPETITION: "青年教师基本功比赛",
    choices.AwardKind.HONOUR: "优秀教育工作者",
    choices.AwardKind.PAPER_PUBLISHED: "让每一个学生都被看见",
    choices.AwardKind.PAPER_AWARDED: "作业设计的实践与思考",
    choices.AwardKind.RESEARCH: "初中语文作业设计研究",
    choices.AwardKind.OPEN_LESSON: "背影",
}
GREETINGS = [
    # festival, month, day, audience, yuan each (None: gifts only), gifts
    (choices.Festival.NEW_YEAR, 1, 2, choices.Audience.EVERYONE, "200.00", ""),
    (choices.Festival.SPRING, 2, 9, choices.Audience.EVERYONE, "500.00", "年货礼包"),
    (choices.Festival.SPRING, 2, 10, choices.Audience.RETIREES, "300.00", ""),
    (choices.Festival.LANTERN, 3, 2, choices.Audience.EVERYONE, None, "汤圆"),
    (choices.Festival.WOMENS_DAY, 3, 8, choices.Audience.WOMEN, "150.50", "鲜花"),
    (choices.Festival.DRAGON_BOAT, 6, 18, choices.Audience.EVERYONE, None, "粽子"),
    (choices.Festival.TEACHERS_DAY, 9, 10, choices.Audience.EVERYONE, "300.00", "盆花"),
    (choices.Festival.MID_AUTUMN, 9, 24, choices.Audience.EVERYONE, "300.00", "月饼"),
    (choices.Festival.DOUBLE_NINTH, 10, 17, choices.Audience.RETIREES, "400.00", "重阳糕"),
]
NOTICE_CATEGORIES = ["财务", "财务", "招生", "职评", "基建", "维修", "评先评优", "考核", "收费", "人事", "其他"]


def busy_year(school, year=YEAR):
    """A year with many records of every kind; returns what it made."""
    with scopes_disabled():
        return _busy(school, year)


def _busy(school, year):
    made = types.SimpleNamespace(
        activities=[], campaigns={}, awards=[], school_awards=[], visits=[], greetings=[], notices=[]
    )
    named = categories(school)
    named["读书活动"] = CategoryFactory(school=school, name="读书活动", section=choices.SummarySection.OTHER)
    named["教工合唱"] = CategoryFactory(school=school, name="教工合唱", section=choices.SummarySection.CULTURE)
    members = add_members(school, 42)
    active = [m for m in members if m.status == MemberStatus.ACTIVE]
    retirees = [m for m in members if m.status == MemberStatus.RETIRED]
    active[0].post = "校长"
    active[0].save(update_fields=["post"])
    made.members, made.active, made.retirees = members, active, retirees
    people = itertools.cycle(active)

    def activity(title, category, month, date, count=5, **kwargs):
        record = ActivityFactory(
            school=school,
            title=title,
            category=named[category],
            starts_on=day(month, date, year),
            participants=[next(people) for _ in range(count)],
            **kwargs,
        )
        made.activities.append(record)
        return record

    def campaign(title, category, month, number=None, theme="", activities=(), **kwargs):
        record = CampaignFactory(
            school=school,
            title=title,
            number=number,
            theme=theme,
            category=named[category],
            launched_on=day(month, 1, year),
            **kwargs,
        )
        made.campaigns[title] = record
        for n, (name, count) in enumerate(activities):
            activity(name, category, month, 2 + 3 * n, count=count, campaign=record, outside_participants=n)
        return record

    # Campaigns: a numbered month (首个), a numbered drive (第十一届), and the mentoring and
    # care campaigns the writer folds the pairs and the visits into.
    campaign(
        "师德建设月",
        "师德师风建设",
        9,
        number=1,
        theme="立德树人",
        description="以每年九月师德建设月为契机，开展师德教育活动。",
        activities=[("师德建设月启动仪式", 40), ("师德征文", 12), ("师德专题讲座", 30)],
    )
    campaign(
        "“个十百千万”行动",
        "师德师风建设",
        3,
        activities=[("“个十百千万”行动动员会", 38), ("公益服务进社区", 8)],
    )
    campaign("青蓝工程", "师能建设/专业成长", 9, activities=[("青蓝工程师徒结对签约仪式", 12), ("青年教师赛课", 6)])
    campaign("教学节", "师能建设/专业成长", 11, number=11, activities=[("示范课展示", 10), ("基本功比赛", 12)])
    campaign("送温暖", "关爱与维权", 1, activities=[("走访困难职工", 4), ("春节慰问座谈", 6)])
    campaign("读书月", "读书活动", 4, activities=[("好书推荐", 10), ("读书分享会", 15)])

    # Activities of every section, in both halves of the year.
    for title, category, month, date in [
        ("师德大讨论", "师德师风建设", 5, 16),
        ("师德师风专题学习", "师德师风建设", 10, 12),
        ("《教师法》专题学习", "理论学习", 3, 20),
        ("政治理论学习会", "理论学习", 11, 15),
        ("暑期教师全员培训", "师能建设/专业成长", 8, 25),
        ("教育信息化应用能力培训", "师能建设/专业成长", 12, 5),
        ("教师民主生活会", "民主管理", 1, 15),
        ("教代会提案征集座谈会", "民主管理", 11, 20),
        ("校务公开工作自查", "校务公开", 6, 25),
        ("无偿献血", "关爱与维权", 5, 8),
        ("慈善一日捐", "关爱与维权", 7, 1),
        ("教职工气排球赛", "文体活动", 4, 20),
        ("教工冬季趣味运动会", "文体活动", 12, 20),
        ("庆元旦教职工联欢会", "文体活动", 12, 28),
        ("教工合唱排练", "教工合唱", 5, 10),
        ("女教师座谈交流会", "女工工作", 3, 8),
        ("女教职工健康知识讲座", "女工工作", 10, 9),
        ("退休教师迎新春茶话会", "离退休工作", 2, 1),
        ("“爱生案例”征集交流会", "168爱生行动", 6, 12),
        ("工会小组长会议", "工会自身建设", 3, 6),
        ("工会年度工作总结会", "工会自身建设", 12, 26),
        ("读书沙龙", "读书活动", 10, 23),
    ]:
        activity(title, category, month, date, description="{}，气氛热烈。".format(title))
    made.health = [
        activity("在职教职工健康体检", "健康体检", 11, 6, count=30, yearly=True),
        activity("退休教师健康体检", "健康体检", 11, 8, count=6),
    ]
    made.yearly = activity("慈善募捐", "关爱与维权", 12, 1, count=20, yearly=True)

    # The pledge, with an activity and a notice about the same matter.
    made.pledge = PledgeDriveFactory(
        school=school, title="拒绝有偿补课公开承诺书", year=year, opened_on=day(9, 10, year)
    )
    for n, member in enumerate(active):
        PledgeSignatureFactory(drive=made.pledge, member=member, signed_on=day(9, 12, year) if n % 9 else None)
    made.pledge_activity = activity("拒绝有偿补课承诺签名", "师德师风建设", 9, 12, count=20)
    made.notices.append(
        NoticeFactory(
            school=school,
            title="拒绝有偿补课承诺书公示",
            category=category_of(school, "其他"),
            starts_on=day(9, 14, year),
            published_at=published(year),
        )
    )

    # Clubs: two with weekly schedules, one with its schedule in words; outings and awards.
    made.clubs = []
    for n, (name, weekdays, place) in enumerate(
        [("乒乓球俱乐部", "24", "教工乒乓球室"), ("教工篮球队", "5", "多功能球馆"), ("书法社", "", "")]
    ):
        club = ClubFactory(school=school, name=name, leader=active[n], schedule="" if weekdays else "每月第一周")
        club.members.set(active[n * 5 : n * 5 + 8])
        if weekdays:
            ClubSchedule.objects.create(
                club=club,
                weekdays=weekdays,
                starts_at=datetime.time(16, 30),
                ends_at=datetime.time(17, 45),
                place=place,
            )
        made.clubs.append(club)
    made.club_activities = [
        activity("乒乓球联赛", "文体活动", 5, 12, count=6, club=made.clubs[0]),
        activity("区教职工篮球比赛", "文体活动", 10, 20, count=5, club=made.clubs[1]),
        activity("迎新春写春联", "文体活动", 1, 25, count=4, club=made.clubs[2]),
    ]
    made.club_awards = [
        AwardFactory(
            school=school,
            title=title,
            kind=choices.AwardKind.COMPETITION,
            level=level,
            recipient_kind=choices.AwardRecipientKind.GROUP,
            group_name=club.name,
            rank=rank,
            club=club,
            awarded_on=awarded_on,
        )
        for title, level, rank, club, awarded_on in [
            ("区教职工篮球比赛", choices.AwardLevel.DISTRICT, "二等奖", made.clubs[1], day(10, 21, year)),
            ("市书法作品展", choices.AwardLevel.CITY, "优秀奖", made.clubs[2], day(11, 2, year)),
        ]
    ]

    # Awards of every kind, level and status, to one, two or three members, a group, the school.
    levels = choices.AwardLevel.values
    counter = itertools.count()
    for n, (kind, status) in enumerate(AWARDS):
        # Two of each: one below the district, one at or above it, every level in turn.
        for level in (levels[n % 2], levels[2 + n % 4]):
            m = next(counter)
            made.awards.append(
                AwardFactory(
                    school=school,
                    title="{}{}".format(AWARD_TITLES[kind], m)
                    if kind == choices.AwardKind.HONOUR
                    else AWARD_TITLES[kind],
                    kind=kind,
                    status=status,
                    level=level,
                    rank="" if kind in (choices.AwardKind.PAPER_PUBLISHED, choices.AwardKind.RESEARCH) else "二等奖",
                    journal="江苏教育" if kind == choices.AwardKind.PAPER_PUBLISHED else "",
                    awarded_on=day(1 + m % 12, 5, year),
                    members=active[m % 20 : m % 20 + 1 + m % 3],
                )
            )
    # Honours of a group and of the school itself; one the school won two years before and
    # still holds.
    level, given, status = choices.AwardLevel, choices.AwardRecipientKind, choices.AwardStatus
    for title, at, recipient, state, awarded_on in [
        ("学习型组织", level.DISTRICT, given.GROUP, status.AWARDED, day(12, 10, year)),
        ("市教育系统校务公开先进集体", level.CITY, given.SCHOOL, status.AWARDED, day(12, 12, year)),
        ("区模范职工之家", level.DISTRICT, given.SCHOOL, status.APPLIED, day(11, 12, year)),
        ("区先进教工之家", level.DISTRICT, given.SCHOOL, status.AWARDED, day(6, 1, year - 2)),
    ]:
        honour = AwardFactory(
            school=school,
            title=title,
            kind=choices.AwardKind.HONOUR,
            level=at,
            status=state,
            recipient_kind=recipient,
            group_name="语文组" if recipient == given.GROUP else "",
            awarded_on=awarded_on,
        )
        if awarded_on.year == year:
            (made.school_awards if recipient == given.SCHOOL else made.awards).append(honour)
    made.promotions = [
        PromotionFactory(school=school, member=active[20 + n], title=title, promoted_on=day(8 + n, 1, year))
        for n, title in enumerate([ProfessionalTitle.SENIOR, ProfessionalTitle.FIRST, ProfessionalTitle.SECOND])
    ]

    # Mentor pairs of both school years the calendar year spans, with meetings; 168 pairs.
    made.mentor_pairs = [
        MentorPairFactory(school=school, mentor=active[n], mentee=active[10 + n], school_year=year - n % 2)
        for n in range(4)
    ]
    for pair in made.mentor_pairs:
        MentorMeetingFactory(pair=pair, met_on=day(10, 9, year))
    made.care_pairs = [CarePairFactory(school=school, teacher=active[n], school_year=year) for n in range(5)]
    for pair in made.care_pairs:
        for month in (9, 10, 11, 12):
            CareLogFactory(pair=pair, month=day(month, 1, year), talks=5 + month % 3, tutoring=8)

    # The ethics assessment: two months, every grade, one veto.
    grades = itertools.cycle(choices.EthicsGrade.values)
    for month in (10, 11):
        period = EthicsPeriodFactory(
            school=school,
            title="{}年{}月".format(year, month),
            starts_on=day(month, 1, year),
            ends_on=day(month, 30, year),
        )
        for member in active[:12]:
            grade = next(grades)
            vetoed = grade == choices.EthicsGrade.FAIL and month == 11
            EthicsAssessmentFactory(
                period=period, member=member, grade=grade, vetoed=vetoed, veto_reason="有偿补课" if vetoed else ""
            )

    # Congress: a regular and an extraordinary session, each with a motion; proposals.
    term, delegates = term_with_delegates(school, 12, number=4, start_year=year - 1)
    made.sessions = []
    for number, month, kind, motion in [
        (2, 3, "regular", "学校工作报告"),
        (3, 11, "extraordinary", "职称评审推荐工作方案"),
    ]:
        session = SessionFactory(
            term=term,
            number=number,
            kind=kind,
            held_on=day(month, 14, year),
            report_topics="教育教学质量稳步提升\n师资队伍建设\n" if kind == "regular" else "",
        )
        record_attendance(session, [m.pk for m in delegates[:10]])
        record_vote(MotionFactory(agenda_item=AgendaItemFactory(session=session), title=motion), 9, 0, 1)
        made.sessions.append(session)
    made.proposals = [
        ProposalFactory(school=school, proposer=active[n], submitted_on=day(3, 1 + n, year), state=state)
        for n, state in enumerate(["submitted", "replied", "replied"])
    ]
    made.evaluations = [
        DemocraticEvaluationFactory(school=school, subject="校级领导班子", evaluated_on=day(6, 20, year)),
        DemocraticEvaluationFactory(
            school=school, subject="中层干部", evaluated_on=day(12, 18, year), basically_competent=0, incompetent=0
        ),
    ]
    for n, name in enumerate(NOTICE_CATEGORIES):
        made.notices.append(
            NoticeFactory(
                school=school,
                title="{}年{}工作情况公示".format(year, name if name != "其他" else "教代会提案办理"),
                category=category_of(school, name),
                starts_on=day(1 + n, 8, year),
                published_at=published(year),
            )
        )

    # Visits for every reason, one with gifts only; a retiree's.
    for n, reason in enumerate(choices.VisitReason.values):
        made.visits.append(
            VisitFactory(
                school=school,
                member=active[25 + n],
                reason=reason,
                age=70 if reason == choices.VisitReason.MILESTONE_BIRTHDAY else None,
                relative="父亲" if reason == choices.VisitReason.BEREAVEMENT else "",
                amount=None if reason == choices.VisitReason.MARRIAGE else Decimal("500.00") + n,
                gifts="鲜花" if reason == choices.VisitReason.MARRIAGE else "水果",
                visited_on=day(1 + n, 15, year),
            )
        )
    made.visits.append(
        VisitFactory(school=school, member=retirees[0], reason=choices.VisitReason.ILLNESS, visited_on=day(11, 3, year))
    )

    # Greetings for every festival; some gifts only.
    for festival, month, date, audience, each, gifts in GREETINGS:
        batch = GreetingBatchFactory(
            school=school,
            festival=festival,
            year=year,
            given_on=day(month, date, year),
            audience=audience,
            amount_each=Decimal(each) if each else None,
            gifts=gifts,
        )
        receivers = retirees if audience == choices.Audience.RETIREES else active[:10]
        for member in receivers:
            GreetingRecipientFactory(batch=batch, member=member, amount=batch.amount_each)
        made.greetings.append(batch)

    case = HardshipCaseFactory(school=school, member=active[30], opened_on=day(2, 1, year))
    for amount in ("1000.00", "500.50"):
        HardshipAidFactory(case=case, given_on=day(2, 10, year), amount=Decimal(amount))
    made.grants = [
        MutualAidGrantFactory(school=school, member=active[31 + n], amount=amount, granted_on=day(5, 5 + n, year))
        for n, amount in enumerate([Decimal("2500.00"), Decimal("1800.50")])
    ]

    # New hires; a partnership with an activity done together.
    for member in active[-3:]:
        member.hired_on = member.joined_school_on = day(8, 28, year)
        member.save(update_fields=["hired_on", "joined_school_on"])
    made.partnership_activity = activity("校社共建进社区", "工会自身建设", 9, 20, count=6)
    made.partnership = PartnershipFactory(
        school=school, partner="清溪街道阳光社区", started_on=day(3, 1, year), activities=[made.partnership_activity]
    )
    return made
