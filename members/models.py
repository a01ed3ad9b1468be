"""Departments and members (教职工会员) of a school's union."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from unionhub.models import SchoolOwnedModel, SchoolScopedManager

from .choices import (
    DepartmentKind,
    Education,
    Gender,
    MemberStatus,
    PartyMembership,
    ProfessionalTitle,
)
from .pinyin import pinyin_keys
from .validators import mask_id_card_number, validate_id_card_number, validate_phone


class Department(SchoolOwnedModel):
    """A group members belong to: a grade group, a subject group, the office, logistics…"""

    name = models.CharField(pgettext_lazy("department", "name"), max_length=50)
    kind = models.CharField(_("kind"), max_length=20, choices=DepartmentKind.choices, default=DepartmentKind.OTHER)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        constraints = [
            models.UniqueConstraint(
                fields=["school", "name"],
                name="department_unique_name_per_school",
                violation_error_message=_("The school already has a department of that name."),
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("members:department_update", args=[self.pk])


class MemberQuerySet(models.QuerySet):
    def search(self, text):
        """Match by name, full pinyin, pinyin initials or employee number."""
        text = (text or "").strip()
        if not text:
            return self
        key = text.lower().replace(" ", "")
        return self.filter(
            Q(name__contains=text)
            | Q(name_pinyin__startswith=key)
            | Q(name_initials__startswith=key)
            | Q(employee_number=text)
        )

    def women(self):
        return self.filter(gender=Gender.FEMALE)

    def retirees(self):
        return self.filter(status=MemberStatus.RETIRED)

    def active(self):
        return self.filter(status=MemberStatus.ACTIVE)

    def current(self):
        """Members in service: what the roster and the pickers show unless asked for more."""
        return self.active()


class LiveMemberManager(models.Manager.from_queryset(MemberQuerySet)):
    """Members that have not been deleted."""

    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


class AllMemberManager(models.Manager.from_queryset(MemberQuerySet)):
    pass


def photo_path(instance, filename):
    return "photos/{}/{}".format(instance.school_id, filename)


class Member(SchoolOwnedModel):
    """A union member (教职工会员): in service, retired or transferred out."""

    name = models.CharField(_("name"), max_length=30)
    name_pinyin = models.CharField(_("pinyin"), max_length=120, editable=False, db_index=True)
    name_initials = models.CharField(_("pinyin initials"), max_length=30, editable=False, db_index=True)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    ethnic_group = models.CharField(_("ethnic group"), max_length=20, blank=True, default="汉族")
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[validate_phone])
    id_card_number = models.CharField(
        _("ID card number"), max_length=18, blank=True, validators=[validate_id_card_number]
    )
    employee_number = models.CharField(_("employee number"), max_length=20, blank=True)
    department = models.ForeignKey(
        Department,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("department"),
    )
    post = models.CharField(_("post"), max_length=50, blank=True)
    title = models.CharField(
        _("professional title"), max_length=20, choices=ProfessionalTitle.choices, default=ProfessionalTitle.NONE
    )
    education = models.CharField(_("education"), max_length=20, choices=Education.choices, blank=True)
    joined_school_on = models.DateField(_("joined the school on"), null=True, blank=True)
    joined_union_on = models.DateField(_("joined the union on"), null=True, blank=True)
    hired_on = models.DateField(
        _("hired on"),
        null=True,
        blank=True,
        help_text=_("For a teacher newly recruited by the school, not for one transferred in."),
    )
    status = models.CharField(_("status"), max_length=20, choices=MemberStatus.choices, default=MemberStatus.ACTIVE)
    status_changed_on = models.DateField(_("status changed on"), null=True, blank=True)
    party_membership = models.CharField(
        _("party membership"), max_length=20, choices=PartyMembership.choices, default=PartyMembership.MASSES
    )
    photo = models.ImageField(_("photo"), upload_to=photo_path, blank=True)
    photo_thumbnail = models.ImageField(_("photo thumbnail"), upload_to=photo_path, blank=True, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="member",
        verbose_name=_("login"),
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True, editable=False)
    # Set when the delete disabled the member's login, so that a restore enables only a
    # login the delete disabled, not one the chair had disabled before.
    login_disabled_on_delete = models.BooleanField(_("login disabled by the delete"), default=False, editable=False)

    objects = SchoolScopedManager(_manager_class=LiveMemberManager)
    all_objects = SchoolScopedManager(_manager_class=AllMemberManager)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name_pinyin", "pk"]
        verbose_name = _("member")
        verbose_name_plural = _("members")
        constraints = [
            models.UniqueConstraint(
                fields=["school", "employee_number"],
                condition=Q(deleted_at__isnull=True) & ~Q(employee_number=""),
                name="member_unique_employee_number_per_school",
                violation_error_message=_("Another member of the school already has this employee number."),
            ),
            models.UniqueConstraint(
                fields=["school", "id_card_number"],
                condition=Q(deleted_at__isnull=True) & ~Q(id_card_number=""),
                name="member_unique_id_card_number_per_school",
                violation_error_message=_("Another member of the school already has this ID card number."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("members:member_detail", args=[self.pk])

    def save(self, *args, **kwargs):
        self.name_pinyin, self.name_initials = pinyin_keys(self.name)
        if self.id_card_number:
            self.id_card_number = self.id_card_number.upper()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = set(update_fields) | {"name_pinyin", "name_initials"}
        super().save(*args, **kwargs)

    def validate_constraints(self, exclude=None):
        # Every constraint of a member includes its school, so Django skips them all when
        # the school is excluded (as a form excludes it) -- but only after building a
        # queryset for each, which a roster import would pay for on every row.
        if exclude and "school" in exclude:
            return
        super().validate_constraints(exclude=exclude)

    @property
    def masked_id_card_number(self):
        return mask_id_card_number(self.id_card_number)

    @property
    def is_deleted(self):
        return self.deleted_at is not None

    def soft_delete(self):
        """Delete so that the chair can undo it: the row stays, hidden from every list.
        ``members.services.delete_member`` also disables the member's login."""
        self.deleted_at = timezone.now()
        self.version += 1
        self.save(update_fields=["deleted_at", "version", "login_disabled_on_delete"])

    def restore(self):
        self.deleted_at = None
        self.version += 1
        self.save(update_fields=["deleted_at", "version", "login_disabled_on_delete"])
