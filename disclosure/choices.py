from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_CATEGORIES = [
    "招生",
    "财务",
    "基建",
    "维修",
    "采购",
    "职评",
    "评先评优",
    "考核",
    "绩效",
    "收费",
    "人事",
    "其他",
]


class NoticeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", _("Window closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ObjectionStatus(models.TextChoices):
    OPEN = "open", _("Awaiting an answer")
    ANSWERED = "answered", _("Answered")


class Recipient(models.TextChoices):
    UNION = "union", _("The union")
    PRINCIPAL = "principal", _("The principal")


class SuggestionStatus(models.TextChoices):
    OPEN = "open", _("Awaiting an answer")
    ANSWERED = "answered", _("Answered")


class CalendarDayKind(models.TextChoices):
    HOLIDAY = "holiday", _("Official holiday")
    WORKDAY = "workday", _("Make-up working day")
