"""Places kept for the staff and standing rules, for the tests."""

import factory
from factory.django import DjangoModelFactory

from activities.choices import FacilityKind, RuleKind
from activities.models import Facility, StandingRule

from ..factories import SchoolFactory


class FacilityFactory(DjangoModelFactory):
    class Meta:
        model = Facility

    school = factory.SubFactory(SchoolFactory)
    name = factory.Sequence(lambda n: "教工活动室{}".format(n))
    kind = FacilityKind.STAFF_HOME
    place = "东教学楼三楼办公室西"
    equipment = "饮水机、两张休闲桌"
    opened_on = None


class StandingRuleFactory(DjangoModelFactory):
    class Meta:
        model = StandingRule

    school = factory.SubFactory(SchoolFactory)
    title = factory.Sequence(lambda n: "六必访制度{}".format(n))
    kind = RuleKind.CARE
    what_it_does = "教师结婚、生育、生病住院、直系亲属病故，工会必登门慰问。"
    adopted_on = None
    revised_on = None
