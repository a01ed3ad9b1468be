"""Factories of the summary drafts and the annual plan."""

import factory
from factory.django import DjangoModelFactory

from reports.models import AnnualPlan, PlanItem, PlanSection, SummaryDraft
from reports.periods import CALENDAR_YEAR

from ..factories import SchoolFactory


class SummaryDraftFactory(DjangoModelFactory):
    class Meta:
        model = SummaryDraft

    school = factory.SubFactory(SchoolFactory)
    kind = CALENDAR_YEAR
    year = 2018
    opening = "本年度，学校工会围绕区教育工会工作要求和学校中心工作，全心全意为教职工服务。"


class AnnualPlanFactory(DjangoModelFactory):
    class Meta:
        model = AnnualPlan

    school = factory.SubFactory(SchoolFactory)
    kind = CALENDAR_YEAR
    year = 2018
    guidance = "认真学习贯彻教育工会工作精神，紧紧围绕学校中心工作。"


class PlanSectionFactory(DjangoModelFactory):
    class Meta:
        model = PlanSection

    plan = factory.SubFactory(AnnualPlanFactory)
    school = factory.LazyAttribute(lambda o: o.plan.school)
    title = factory.Sequence(lambda n: "加强队伍建设{}".format(n))
    position = factory.Sequence(lambda n: n + 1)


class PlanItemFactory(DjangoModelFactory):
    class Meta:
        model = PlanItem
        skip_postgeneration_save = True

    section = factory.SubFactory(PlanSectionFactory)
    school = factory.LazyAttribute(lambda o: o.section.school)
    title = factory.Sequence(lambda n: "开展师德培训{}".format(n))
    position = factory.Sequence(lambda n: n + 1)

    @factory.post_generation
    def activities(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.activities.set(extracted)

    @factory.post_generation
    def campaigns(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.campaigns.set(extracted)
