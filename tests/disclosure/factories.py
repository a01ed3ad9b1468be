import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from disclosure.choices import NoticeStatus
from disclosure.models import Notice, NoticeCategory, Objection, Suggestion
from disclosure.workdays import window_end


def category_of(school, name="财务"):
    return NoticeCategory._base_manager.get(school=school, name=name)


class NoticeFactory(DjangoModelFactory):
    class Meta:
        model = Notice

    title = factory.Sequence(lambda n: "公示{}".format(n))
    category = factory.LazyAttribute(lambda o: category_of(o.school))
    body = "公示内容"
    starts_on = factory.LazyFunction(timezone.localdate)
    working_days = 5
    ends_on = factory.LazyAttribute(lambda o: window_end(o.starts_on, o.working_days or 1))
    status = NoticeStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class ClosedNoticeFactory(NoticeFactory):
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=60))


class ObjectionFactory(DjangoModelFactory):
    class Meta:
        model = Objection

    notice = factory.SubFactory(NoticeFactory)
    school = factory.SelfAttribute("notice.school")
    raised_by = factory.SubFactory("tests.factories.UserFactory", school=factory.SelfAttribute("..school"))
    text = "我对名单有异议"


class SuggestionFactory(DjangoModelFactory):
    class Meta:
        model = Suggestion

    subject = factory.Sequence(lambda n: "建议{}".format(n))
    text = "建议增加教师休息室"
    written_on = factory.LazyFunction(timezone.localdate)
