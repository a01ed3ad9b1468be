"""Factories for the records of the activities app. Dates default to the past, so that
"not in the future" rules hold whatever day the tests run."""

import datetime
from decimal import Decimal

import factory
from django_scopes import scope
from factory.django import DjangoModelFactory

from activities import choices
from activities.models import (
    Activity,
    Award,
    Campaign,
    CareLog,
    CarePair,
    Category,
    Club,
    EthicsAssessment,
    EthicsPeriod,
    GreetingBatch,
    GreetingRecipient,
    HardshipAid,
    HardshipCase,
    MentorMeeting,
    MentorPair,
    MutualAidGrant,
    PledgeDrive,
    PledgeSignature,
    Promotion,
    Visit,
)

from .factories import MemberFactory, SchoolFactory

PAST = datetime.date(2025, 10, 15)


def default_category(school, section=choices.SummarySection.CULTURE):
    """The school's first default category of ``section`` (every school gets the defaults)."""
    with scope(school=[school.pk]):
        return Category.objects.filter(school=school, section=section).order_by("position").first()


class CategoryFactory(DjangoModelFactory):
    class Meta:
        model = Category

    school = factory.SubFactory(SchoolFactory)
    name = factory.Sequence(lambda n: "类别{}".format(n))
    section = choices.SummarySection.OTHER


class CampaignFactory(DjangoModelFactory):
    class Meta:
        model = Campaign

    school = factory.SubFactory(SchoolFactory)
    title = "师德建设月"
    number = 11
    theme = "立德树人 做四有好老师"
    category = factory.LazyAttribute(lambda o: default_category(o.school, choices.SummarySection.ETHICS))
    launched_on = datetime.date(2025, 9, 1)


class ClubFactory(DjangoModelFactory):
    class Meta:
        model = Club

    school = factory.SubFactory(SchoolFactory)
    name = factory.Iterator(["书法社", "乒乓球队", "篮球队", "气排球队"])
    schedule = "每周三下午"


class ActivityFactory(DjangoModelFactory):
    class Meta:
        model = Activity
        skip_postgeneration_save = True

    school = factory.SubFactory(SchoolFactory)
    title = factory.Sequence(lambda n: "教工活动{}".format(n))
    category = factory.LazyAttribute(lambda o: default_category(o.school))
    starts_on = PAST
    location = "学校体育馆"
    organiser = "校工会"
    description = "全体教职工参加。活动气氛热烈。"

    @factory.post_generation
    def participants(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.participants.set(extracted)


class PledgeDriveFactory(DjangoModelFactory):
    class Meta:
        model = PledgeDrive

    school = factory.SubFactory(SchoolFactory)
    title = "拒绝有偿补课公开承诺"
    year = 2025
    text = "我承诺不组织、不参与有偿补课。"
    opened_on = datetime.date(2025, 9, 10)


class PledgeSignatureFactory(DjangoModelFactory):
    class Meta:
        model = PledgeSignature

    drive = factory.SubFactory(PledgeDriveFactory)
    member = factory.LazyAttribute(lambda o: MemberFactory(school=o.drive.school))
    signed_on = None


class EthicsPeriodFactory(DjangoModelFactory):
    class Meta:
        model = EthicsPeriod

    school = factory.SubFactory(SchoolFactory)
    title = "2025年10月"
    kind = choices.AssessmentPeriodKind.MONTH
    starts_on = datetime.date(2025, 10, 1)
    ends_on = datetime.date(2025, 10, 31)


class EthicsAssessmentFactory(DjangoModelFactory):
    class Meta:
        model = EthicsAssessment

    period = factory.SubFactory(EthicsPeriodFactory)
    member = factory.LazyAttribute(lambda o: MemberFactory(school=o.period.school))
    score = Decimal("95.0")
    grade = choices.EthicsGrade.EXCELLENT


class AwardFactory(DjangoModelFactory):
    class Meta:
        model = Award
        skip_postgeneration_save = True

    school = factory.SubFactory(SchoolFactory)
    title = "区青年教师基本功比赛"
    kind = choices.AwardKind.COMPETITION
    level = choices.AwardLevel.DISTRICT
    rank = "一等奖"
    awarded_on = PAST
    issuer = "清溪区教育局"

    @factory.post_generation
    def members(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.members.set(extracted)


class PromotionFactory(DjangoModelFactory):
    class Meta:
        model = Promotion

    school = factory.SubFactory(SchoolFactory)
    member = factory.LazyAttribute(lambda o: MemberFactory(school=o.school))
    title = "senior"
    promoted_on = PAST


class MentorPairFactory(DjangoModelFactory):
    class Meta:
        model = MentorPair

    school = factory.SubFactory(SchoolFactory)
    mentor = factory.LazyAttribute(lambda o: MemberFactory(school=o.school))
    mentee = factory.LazyAttribute(lambda o: MemberFactory(school=o.school))
    subject = "语文"
    school_year = 2025
    goals = "一年内能独立上好一节区级公开课。"


class MentorMeetingFactory(DjangoModelFactory):
    class Meta:
        model = MentorMeeting

    pair = factory.SubFactory(MentorPairFactory)
    met_on = PAST
    topic = "听课评课"


class CarePairFactory(DjangoModelFactory):
    class Meta:
        model = CarePair

    school = factory.SubFactory(SchoolFactory)
    teacher = factory.LazyAttribute(lambda o: MemberFactory(school=o.school))
    student_name = factory.Iterator(["小明", "小红", "小刚", "小丽"])
    student_class = "初二（3）班"
    reason = "学习困难"
    school_year = 2025


class CareLogFactory(DjangoModelFactory):
    class Meta:
        model = CareLog

    pair = factory.SubFactory(CarePairFactory)
    month = datetime.date(2025, 10, 1)
    talks = 6
    tutoring = 8


class VisitFactory(DjangoModelFactory):
    class Meta:
        model = Visit
        skip_postgeneration_save = True

    school = factory.SubFactory(SchoolFactory)
    member = factory.LazyAttribute(lambda o: MemberFactory(school=o.school))
    reason = choices.VisitReason.ILLNESS
    visited_on = PAST
    gifts = "水果、营养品"
    amount = Decimal("500.00")
    funding_source = choices.FundingSource.UNION_FUNDS

    @factory.post_generation
    def visitors(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.visitors.set(extracted)


class GreetingBatchFactory(DjangoModelFactory):
    class Meta:
        model = GreetingBatch

    school = factory.SubFactory(SchoolFactory)
    festival = choices.Festival.MID_AUTUMN
    year = 2025
    given_on = datetime.date(2025, 10, 3)
    audience = choices.Audience.EVERYONE
    amount_each = Decimal("300.00")


class GreetingRecipientFactory(DjangoModelFactory):
    class Meta:
        model = GreetingRecipient

    batch = factory.SubFactory(GreetingBatchFactory)
    member = factory.LazyAttribute(lambda o: MemberFactory(school=o.batch.school))
    amount = factory.LazyAttribute(lambda o: o.batch.amount_each)


class HardshipCaseFactory(DjangoModelFactory):
    class Meta:
        model = HardshipCase

    school = factory.SubFactory(SchoolFactory)
    member = factory.LazyAttribute(lambda o: MemberFactory(school=o.school))
    hardship = "配偶重病，家庭负担重。"
    opened_on = datetime.date(2025, 3, 1)


class HardshipAidFactory(DjangoModelFactory):
    class Meta:
        model = HardshipAid

    case = factory.SubFactory(HardshipCaseFactory)
    given_on = PAST
    description = "春节前走访慰问"
    amount = Decimal("1000.00")


class MutualAidGrantFactory(DjangoModelFactory):
    class Meta:
        model = MutualAidGrant

    school = factory.SubFactory(SchoolFactory)
    member = factory.LazyAttribute(lambda o: MemberFactory(school=o.school))
    amount = Decimal("2000.00")
    granted_on = PAST
    reason = "住院治疗"
