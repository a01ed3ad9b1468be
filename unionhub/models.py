"""The frame every app stands on: districts, schools, users with a role, school-owned records."""

import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_scopes import ScopedManager
from django_scopes.manager import DisabledQuerySet
from simple_history.models import HistoricalRecords

from .roles import Role


class District(models.Model):
    """A district education union (区教育工会) that oversees several schools."""

    name = models.CharField(pgettext_lazy("district", "name"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self):
        return self.name


class School(models.Model):
    """A school whose union keeps its records here; every domain record belongs to one."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="schools", verbose_name=_("district"))
    name = models.CharField(pgettext_lazy("school", "name"), max_length=100)
    short_name = models.CharField(_("short name"), max_length=30, blank=True)
    union_name = models.CharField(
        _("union's name"),
        max_length=120,
        blank=True,
        help_text=_("Signs the annual summary; when left blank, the school's name followed by 工会."),
    )
    motto = models.CharField(_("motto"), max_length=100, blank=True)
    motto_meaning = models.TextField(_("meaning of the motto"), blank=True)
    introduction = models.TextField(_("introduction"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["district", "name"]
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        constraints = [
            models.UniqueConstraint(
                fields=["district", "name"],
                name="school_unique_name_in_district",
                violation_error_message=_("This district already has a school of that name."),
            )
        ]

    def __str__(self):
        return self.name

    @property
    def signing_union_name(self):
        """The union's name as it signs the summary: the one entered, or the school's name + 工会."""
        return self.union_name or "{}工会".format(self.name)


class User(AbstractUser):
    """A login: a member of one school with one role, or a district user."""

    school = models.ForeignKey(
        School,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("school"),
    )
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("district"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    must_change_password = models.BooleanField(_("must change password"), default=False)
    manages_schools = models.BooleanField(
        _("manages the district's schools"),
        default=False,
        help_text=_("A district user who adds the district's schools and their chairs and resets a chair's password."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(role=Role.DISTRICT, district__isnull=False, school__isnull=True)
                    | Q(
                        role__in=[Role.CHAIR, Role.STAFF, Role.TEACHER],
                        school__isnull=False,
                        district__isnull=True,
                    )
                    | Q(role="", is_superuser=True)
                )
                & (Q(manages_schools=False) | Q(role=Role.DISTRICT)),
                name="user_role_matches_school_or_district",
                violation_error_message=_("A school role needs a school; a district user needs a district."),
            )
        ]

    def __str__(self):
        return self.get_full_name() or self.username

    def get_full_name(self):
        # Chinese names are written family name first, without a space.
        return "{}{}".format(self.last_name, self.first_name).strip()

    @property
    def scope_school_ids(self):
        """The school ids this user's queries are limited to (empty: none)."""
        if self.school_id:
            return [self.school_id]
        if self.district_id:
            return list(School.objects.filter(district_id=self.district_id).values_list("pk", flat=True))
        return []


class StrictDisabledQuerySet(DisabledQuerySet):
    """django-scopes' refusal, extended to what it lets through (``exists``, ``in_bulk``…)
    and to the model's own queryset methods, so every unscoped query raises ``ScopeError``."""

    exists = DisabledQuerySet.error
    contains = DisabledQuerySet.error
    in_bulk = DisabledQuerySet.error
    explain = DisabledQuerySet.error
    exclude = DisabledQuerySet.error
    select_related = DisabledQuerySet.error
    prefetch_related = DisabledQuerySet.error
    bulk_update = DisabledQuerySet.error

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        self.error()


def SchoolScopedManager(**kwargs):
    """A manager that refuses to query unless a school scope is active (django-scopes)."""
    manager = ScopedManager(school="school", **kwargs)
    scoped_class = type(manager)

    class Manager(scoped_class):
        def get_queryset(self):
            queryset = super().get_queryset()
            if isinstance(queryset, DisabledQuerySet):
                return StrictDisabledQuerySet(self.model, using=self._db, missing_scopes=queryset.missing_scopes)
            return queryset

    return Manager()


class SchoolOwnedModel(models.Model):
    """Base for every record with a page or list of its own: it belongs to one school.

    Its default manager raises ``ScopeError`` when queried outside ``scope(school=…)``, so a
    forgotten filter fails loudly instead of leaking another school's rows.
    """

    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="+", verbose_name=_("school"), editable=False
    )

    objects = SchoolScopedManager()

    class Meta:
        abstract = True


class LiveRecordManager(models.Manager):
    """Records that have not been deleted."""

    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


class RecordModel(SchoolOwnedModel):
    """A school's record with a page of its own: versioned for concurrent edits, and
    deleted softly so that the chair can undo a delete.

    ``objects`` holds the live records; ``all_objects`` the deleted ones too.
    """

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True, editable=False)

    objects = SchoolScopedManager(_manager_class=LiveRecordManager)
    all_objects = SchoolScopedManager()

    class Meta:
        abstract = True

    @property
    def is_deleted(self):
        return self.deleted_at is not None

    def soft_delete(self):
        self.deleted_at = timezone.now()
        self.version += 1
        self.save(update_fields=["deleted_at", "version"])

    def restore(self):
        self.deleted_at = None
        self.version += 1
        self.save(update_fields=["deleted_at", "version"])


class SubmissionToken(SchoolOwnedModel):
    """A create form's one-time token, once a submission of it has created a record.

    Written in the creating transaction: a second submission of the same rendered form
    (double click, back and resubmit, two tabs) finds it, or waits on its unique key, and
    is sent to where the first one landed. An anonymous letter's token keeps no user and
    only the day.
    """

    token = models.CharField(_("token"), max_length=64, unique=True)
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("user")
    )
    url = models.CharField(_("address"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("submission token")
        verbose_name_plural = _("submission tokens")

    def __str__(self):
        return self.token


class SensitiveAct(models.TextChoices):
    """What the access log records: acts that reveal or export personal data, change a
    login, or bring back a backup."""

    ROSTER_EXPORT = "roster_export", _("Roster exported")
    RECORDS_EXPORT = "records_export", _("Year's records exported (care, welfare, hardship, mutual aid)")
    ID_NUMBER_VIEW = "id_number_view", _("ID card number viewed")
    ACCOUNT_CREATE = "account_create", _("Login created")
    PASSWORD_RESET = "password_reset", _("Password reset")
    ROLE_CHANGE = "role_change", _("Role changed")
    ACCOUNT_DISABLE = "account_disable", _("Login disabled")
    ACCOUNT_ENABLE = "account_enable", _("Login enabled")
    RESTORE = "restore", _("Backup restored")


class AccessLogEntry(SchoolOwnedModel):
    """One sensitive act on a school's data, for its chair to read: who, when, what, on which
    object, from where. Written only through ``services.record_sensitive_act``; never edited."""

    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    kind = models.CharField(_("act"), max_length=30, choices=SensitiveAct.choices)
    actor = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("by")
    )
    # As the actor was called then: kept when the login is renamed or removed.
    actor_name = models.CharField(_("by"), max_length=200, blank=True)
    target = models.CharField(_("object"), max_length=300, blank=True)
    address = models.GenericIPAddressField(_("address"), null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        indexes = [models.Index(fields=["school", "-at"], name="accesslog_school_at")]

    def __str__(self):
        return "{} {}".format(self.get_kind_display(), self.target)


class JobState(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("job state", "Waiting to start")
    RUNNING = "running", pgettext_lazy("job state", "Running")
    DONE = "done", pgettext_lazy("job state", "Done")
    FAILED = "failed", pgettext_lazy("job state", "Failed")


def job_file_path(job, filename):
    """Inputs and results under the school's own folder, by job and a random part, so a
    name never collides and is never guessed."""
    return "jobs/{}/{}/{}".format(job.school_id, uuid.uuid4().hex, filename)


class BackgroundJob(SchoolOwnedModel):
    """Long work (a large import, a busy year's workbook or Word file) run off the request.

    The page that started it polls the job for its progress; when done, the result file is
    downloaded through the job, by users of its school whose role may do that kind of work.
    A failed job says why, in the requesting user's language, and leaves no result.
    """

    kind = models.CharField(_("kind"), max_length=40)
    state = models.CharField(_("state"), max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    progress_done = models.PositiveIntegerField(_("steps done"), default=0)
    progress_total = models.PositiveIntegerField(_("steps in all"), default=0)
    step = models.CharField(_("current step"), max_length=200, blank=True)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    source = models.FileField(_("input file"), upload_to=job_file_path, max_length=300, blank=True)
    result = models.FileField(_("result file"), upload_to=job_file_path, max_length=300, blank=True)
    result_name = models.CharField(_("result's file name"), max_length=200, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("requested by")
    )
    language = models.CharField(_("language"), max_length=10, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")

    def __str__(self):
        return "{} #{}".format(self.kind, self.pk)

    @property
    def is_finished(self):
        return self.state in {JobState.DONE, JobState.FAILED}

    def is_stalled(self, now=None):
        """Unfinished and silent for longer than any step takes: its worker is gone (an app
        server restarted mid-way, or no queue worker runs)."""
        from django.conf import settings

        if self.is_finished:
            return False
        silent = ((now or timezone.now()) - self.updated_at).total_seconds()
        return silent > settings.UNIONHUB["JOB_STALLED_SECONDS"]

    @property
    def percent(self):
        if self.state == JobState.DONE:
            return 100
        if not self.progress_total:
            return 0
        return min(99, self.progress_done * 100 // self.progress_total)
