"""The activity log: categories, campaigns, clubs and the activities themselves."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_scopes import scope
from simple_history.models import HistoricalRecords

from members.models import Member
from unionhub.models import RecordModel, SchoolOwnedModel
from unionhub.years import validate_record_date

from ..choices import SummarySection
from ..validators import check_date_range, chinese_number, validate_not_in_future

# The categories every school starts with, drawn from the seeds' summaries and plans,
# each reported under a section of the annual summary.
DEFAULT_CATEGORIES = [
    ("师德师风建设", SummarySection.ETHICS),
    ("理论学习", SummarySection.ETHICS),
    ("师能建设/专业成长", SummarySection.COMPETENCE),
    ("民主管理", SummarySection.DEMOCRACY),
    ("校务公开", SummarySection.DEMOCRACY),
    ("关爱与维权", SummarySection.CARE),
    ("健康体检", SummarySection.CARE),
    ("文体活动", SummarySection.CULTURE),
    ("女工工作", SummarySection.WOMEN),
    ("离退休工作", SummarySection.RETIREES),
    ("工会自身建设", SummarySection.UNION),
    ("168爱生行动", SummarySection.CARE_ACTION),
]


class Category(SchoolOwnedModel):
    """A kind of activity, editable per school; it decides the summary section."""

    name = models.CharField(pgettext_lazy("category", "name"), max_length=40)
    section = models.CharField(_("summary section"), max_length=20, choices=SummarySection.choices)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [
            models.UniqueConstraint(
                fields=["school", "name"],
                name="category_unique_name_per_school",
                violation_error_message=_("The school already has a category of that name."),
            )
        ]

    def __str__(self):
        return self.name

    @classmethod
    def create_defaults(cls, school):
        """Give ``school`` the default categories it does not have yet."""
        with scope(school=[school.pk]):
            existing = set(cls.objects.filter(school=school).values_list("name", flat=True))
            cls.objects.bulk_create(
                cls(school=school, name=name, section=section, position=position)
                for position, (name, section) in enumerate(DEFAULT_CATEGORIES, start=1)
                if name not in existing
            )


class Campaign(RecordModel):
    """A named drive grouping activities across weeks: 第十一个师德建设月, 个十百千万行动…"""

    title = models.CharField(_("title"), max_length=80, help_text=_("For example 师德建设月 or 个十百千万行动."))
    number = models.PositiveSmallIntegerField(
        _("edition"), null=True, blank=True, help_text=_("For a yearly drive: 11 for the eleventh.")
    )
    theme = models.CharField(_("theme"), max_length=120, blank=True)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="campaigns", verbose_name=_("category")
    )
    launched_on = models.DateField(_("launch date"))
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-launched_on", "pk"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def __str__(self):
        return self.full_title

    @property
    def full_title(self):
        if self.number:
            return "第{}个{}".format(chinese_number(self.number), self.title)
        return self.title

    def get_absolute_url(self):
        return reverse("activities:campaign_detail", args=[self.pk])

    def clean(self):
        check_date_range(self.launched_on, self.ends_on)


class Club(RecordModel):
    """A staff club or team (书法, 乒乓球, 篮球, 气排球…) with its members and schedule."""

    name = models.CharField(pgettext_lazy("club", "name"), max_length=40)
    schedule = models.CharField(_("regular schedule"), max_length=80, blank=True, help_text=_("For example 每周三下午"))
    leader = models.ForeignKey(
        Member,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="clubs_led",
        verbose_name=_("leader"),
    )
    members = models.ManyToManyField(Member, related_name="clubs", blank=True, verbose_name=_("members"))
    description = models.TextField(_("description"), blank=True)

    history = HistoricalRecords(m2m_fields=[members])

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("club or team")
        verbose_name_plural = _("clubs and teams")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("activities:club_detail", args=[self.pk])


class Activity(RecordModel):
    """Any dated piece of the union's work with its participants, photos and files."""

    title = models.CharField(_("title"), max_length=120)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="activities", verbose_name=_("category")
    )
    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("campaign"),
    )
    club = models.ForeignKey(
        Club,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("club or team"),
    )
    starts_on = models.DateField(_("date"), validators=[validate_record_date, validate_not_in_future])
    ends_on = models.DateField(
        _("end date"),
        null=True,
        blank=True,
        validators=[validate_record_date, validate_not_in_future],
        help_text=_("Only if it lasted days."),
    )
    programme = models.CharField(
        _("programme"),
        max_length=60,
        blank=True,
        help_text=_("The named programme of an open lesson or a competition, for example 一师一优课."),
    )
    location = models.CharField(_("location"), max_length=80, blank=True)
    organiser = models.CharField(_("organiser"), max_length=80, blank=True)
    description = models.TextField(_("description"), blank=True)
    participants = models.ManyToManyField(Member, related_name="activities", blank=True, verbose_name=_("participants"))
    outside_participants = models.PositiveIntegerField(_("participants from outside"), default=0)
    yearly = models.BooleanField(
        _("held every year"),
        default=False,
        help_text=_("A tradition of the union's year, such as the annual health check or charity drive."),
    )

    history = HistoricalRecords(m2m_fields=[participants])

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        indexes = [models.Index(fields=["school", "starts_on"], name="activity_school_date")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("activities:activity_detail", args=[self.pk])

    def clean(self):
        check_date_range(self.starts_on, self.ends_on)


def activity_file_path(instance, filename):
    return "activities/{}/{}".format(instance.activity.school_id, filename)


class ActivityPhoto(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="photos", verbose_name=_("activity"))
    image = models.ImageField(_("photo"), upload_to=activity_file_path)
    thumbnail = models.ImageField(_("thumbnail"), upload_to=activity_file_path)
    caption = models.CharField(_("caption"), max_length=120, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("activity photo")
        verbose_name_plural = _("activity photos")

    def __str__(self):
        return self.caption or str(self.activity)


class ActivityAttachment(models.Model):
    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("activity")
    )
    file = models.FileField(_("file"), upload_to=activity_file_path)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name
